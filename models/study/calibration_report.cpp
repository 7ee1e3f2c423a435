#include "models/study/calibration_report.hpp"

#include <cmath>
#include <algorithm>
#include <cstdio>

#include "models/pushpull/record/output.hpp"
#include "sim/output/tree_check.hpp"
#include "sim/output/tree_lookup.hpp"

namespace study {

using sim::out::attr_as;
using sim::out::column_as;
using sim::out::find_dataset;
using sim::out::find_group;
using sim::out::Group;

namespace {

std::string num(double x) {
    if (std::isnan(x)) return "n/a";
    char buf[32];
    const double a = std::abs(x);
    if (a != 0 && (a >= 1e5 || a < 1e-3))
        std::snprintf(buf, sizeof buf, "%.3g", x);
    else if (a >= 100)
        std::snprintf(buf, sizeof buf, "%.0f", x);
    else
        std::snprintf(buf, sizeof buf, "%.3g", x);
    return buf;
}

std::string identification(double ratio) {
    if (std::isnan(ratio)) return "n/a";
    if (ratio < 0.5) return "identified";
    if (ratio < 0.8) return "weakly identified";
    return "not identified";
}

bool met(const std::string& kind, double observed, double median) {
    const pushpull::data::Target t{"", "", observed, kind, ""};
    return pushpull::target_met(t, median) == "yes";
}

}  // namespace

bool is_calibration_file(const Group& root) {
    return find_group(root, "calibration") && find_group(root, "generations");
}

sim::Result<std::string> calibration_report(const Group& root) {
    const Group* post = find_group(root, "posterior");
    const Group* pred = find_group(root, "predictive");
    const Group* gens = find_group(root, "generations");
    if (!post || !pred || !gens || !find_group(*pred, "targets"))
        return sim::bad_input(
            "", "calibration is not complete (no posterior yet); finish it with pushpull calibrate --resume");
    const Group& pt = *find_group(*pred, "targets");
    const Group& cal = *find_group(root, "calibration");
    // Every object the report prints is checked first: names, types and consistent lengths.
    sim::out::TreeCheck check("");
    for (const auto& g : gens->groups) {
        const std::string path = "/generations/" + g.name;
        (void)check.attr<double>(g.attrs, path, "seconds");
        (void)check.attr<std::int64_t>(g.attrs, path, "index");
        (void)check.attr<double>(g.attrs, path, "tolerance");
        (void)check.attr<double>(g.attrs, path, "acceptance_rate");
        (void)check.attr<double>(g.attrs, path, "ess");
        (void)check.attr<std::int64_t>(g.attrs, path, "simulated");
    }
    const auto* pnames = check.column<std::string>(*post, "/posterior", "parameter");
    const std::size_t dims = pnames ? pnames->size() : 0;
    for (const char* name : {"median", "q05", "q95", "prior_q05", "prior_q95", "width_ratio"})
        (void)check.column<double>(*post, "/posterior", name, dims);
    (void)check.column<std::string>(cal, "/calibration", "prior", dims);
    if (find_dataset(cal, "truth")) (void)check.column<double>(cal, "/calibration", "truth", dims);
    const auto* tids = check.column<std::string>(pt, "/predictive/targets", "id");
    const std::size_t nt = tids ? tids->size() : 0;
    for (const char* name : {"statistic", "kind"}) (void)check.column<std::string>(pt, "/predictive/targets", name, nt);
    for (const char* name : {"observed", "median", "q05", "q95", "share_met"})
        (void)check.column<double>(pt, "/predictive/targets", name, nt);
    if (!check.ok()) return check.error("calibration file");
    std::string out;
    const auto* stop = attr_as<std::string>(root.attrs, "stop");
    const auto* sims = attr_as<std::int64_t>(root.attrs, "simulations");
    const auto* pseudo = attr_as<std::int64_t>(cal.attrs, "pseudo_data");
    out += "### ABC-SMC generations\n\n";
    out +=
        "| generation | tolerance | acceptance rate | ESS | simulations | seconds |\n|---:|---:|---:|---:|---:|---:|\n";
    double seconds = 0;
    for (const auto& g : gens->groups) {
        const double s = *attr_as<double>(g.attrs, "seconds");
        seconds += s;
        out += "| " + std::to_string(*attr_as<std::int64_t>(g.attrs, "index")) + " | " +
               num(*attr_as<double>(g.attrs, "tolerance")) + " | " + num(*attr_as<double>(g.attrs, "acceptance_rate")) +
               " | " + num(*attr_as<double>(g.attrs, "ess")) + " | " +
               std::to_string(*attr_as<std::int64_t>(g.attrs, "simulated")) + " | " + num(s) + " |\n";
    }
    out +=
        "\nStopped: " + (stop ? *stop : std::string("?")) + "; " + (sims ? std::to_string(*sims) : "?") +
        " simulations in all (pilot, ABC and posterior predictive" +
        (find_group(root, "point") ? std::string(", and the runs that chose the calibrated particle") : std::string()) +
        "); ABC generations took " + num(seconds) + " s.\n";

    const auto* names = column_as<std::string>(*post, "parameter");
    const auto* med = column_as<double>(*post, "median");
    const auto* q05 = column_as<double>(*post, "q05");
    const auto* q95 = column_as<double>(*post, "q95");
    const auto* p05 = column_as<double>(*post, "prior_q05");
    const auto* p95 = column_as<double>(*post, "prior_q95");
    const auto* ratio = column_as<double>(*post, "width_ratio");
    const auto* priors = column_as<std::string>(cal, "prior");
    const auto* truth = column_as<double>(cal, "truth");
    if (!names || !med || !q05 || !q95 || !p05 || !p95 || !ratio || !priors)
        return sim::bad_input("", "posterior datasets missing");
    out += "\n### Posterior\n\n| parameter | prior | prior 90% | posterior median | posterior 90% | width ratio | |" +
           std::string(truth ? " truth | covered |" : "") + "\n|---|---|---|---:|---|---:|---|" +
           (truth ? "---:|---|" : "") + "\n";
    for (std::size_t j = 0; j < names->size(); ++j) {
        out += "| `" + (*names)[j] + "` | " + (*priors)[j] + " | [" + num((*p05)[j]) + ", " + num((*p95)[j]) + "] | " +
               num((*med)[j]) + " | [" + num((*q05)[j]) + ", " + num((*q95)[j]) + "] | " + num((*ratio)[j]) + " | " +
               identification((*ratio)[j]) + " |";
        if (truth) {
            const double t = (*truth)[j];
            out += " " + num(t) + " | " + ((*q05)[j] <= t && t <= (*q95)[j] ? "yes" : "no") + " |";
        }
        out += "\n";
    }
    out +=
        "\nWidth ratio = posterior 90% width / prior 90% width (below 0.5: identified by the targets; above 0.8: "
        "not).\n";

    const auto* ids = column_as<std::string>(pt, "id");
    const auto* stats = column_as<std::string>(pt, "statistic");
    const auto* kinds = column_as<std::string>(pt, "kind");
    const auto* obs = column_as<double>(pt, "observed");
    const auto* pm = column_as<double>(pt, "median");
    const auto* plo = column_as<double>(pt, "q05");
    const auto* phi = column_as<double>(pt, "q95");
    const auto* share = column_as<double>(pt, "share_met");
    if (!ids || !stats || !kinds || !obs || !pm || !plo || !phi || !share)
        return sim::bad_input("", "predictive datasets missing");
    out += std::string("\n### ") + (pseudo && *pseudo ? "Pseudo-data targets" : "Targets") +
           " against the posterior predictive\n\n| id | statistic | kind | observed | predictive median | predictive "
           "90% | median meets | share of runs meeting |\n|---|---|---|---:|---:|---|---|---:|\n";
    int n_met = 0;
    for (std::size_t t = 0; t < ids->size(); ++t) {
        const bool m = met((*kinds)[t], (*obs)[t], (*pm)[t]);
        n_met += m;
        out += "| " + (*ids)[t] + " | `" + (*stats)[t] + "` | " + (*kinds)[t] + " | " + num((*obs)[t]) + " | " +
               num((*pm)[t]) + " | [" + num((*plo)[t]) + ", " + num((*phi)[t]) + "] | " + (m ? "yes" : "**no**") +
               " | " + num((*share)[t]) + " |\n";
    }
    out +=
        "\nThe predictive median meets " + std::to_string(n_met) + " of " + std::to_string(ids->size()) + " targets.\n";
    if (const Group* point = find_group(root, "point")) {  // point = "resimulated"
        const auto* cand = column_as<std::int64_t>(*point, "candidates");
        const auto* mean = column_as<double>(*point, "mean_distance");
        const auto* chosen = attr_as<std::int64_t>(point->attrs, "chosen");
        const auto* seeds = attr_as<std::int64_t>(point->attrs, "seeds");
        if (!cand || !mean || !chosen || !seeds || cand->size() != mean->size() || cand->empty())
            return sim::bad_input("/point",
                                  "expected candidates and mean_distance of one length, and chosen and seeds");
        out += "\n### Calibrated scenario's particle\n\nOf the " + std::to_string(cand->size()) +
               " final particles with the smallest ABC distance, each run " + std::to_string(*seeds) +
               " more times: particle " + std::to_string(*chosen) +
               " has the smallest mean distance.\n\n"
               "| particle | mean distance |\n|---:|---:|\n";
        for (std::size_t c = 0; c < cand->size(); ++c)
            out += "| " + std::to_string((*cand)[c]) + ((*cand)[c] == *chosen ? " (chosen)" : "") + " | " +
                   num((*mean)[c]) + " |\n";
    }
    return out;
}

bool is_sbc_file(const Group& root) { return find_group(root, "calibration") && find_group(root, "sbc"); }

sim::Result<std::string> sbc_report(const Group& root) {
    const Group& g = *find_group(root, "sbc");
    sim::out::TreeCheck check("");
    const auto replicates = check.int_in(g.attrs, "/sbc", "replicates", 1, 100'000);
    const auto draws = check.int_in(g.attrs, "/sbc", "draws", 1, 100'000);
    const auto bins = check.int_in(g.attrs, "/sbc", "bins", 2, 1000);
    const auto* names = check.column<std::string>(g, "/sbc", "parameter");
    const std::size_t d = names ? names->size() : 0;
    const auto b = static_cast<std::size_t>(bins.value_or(0));
    const auto* hist = check.column<std::int64_t>(g, "/sbc", "histogram", d * b, b);
    const auto* chi = check.column<double>(g, "/sbc", "chi_square", d);
    const auto* p = check.column<double>(g, "/sbc", "p_value", d);
    const auto* tol = check.column<double>(g, "/sbc", "final_tolerance");
    const auto* ess = check.column<double>(g, "/sbc", "final_ess");
    if (!check.ok()) return check.error("sbc file");
    const auto median = [](std::vector<double> v) {
        if (v.empty()) return std::nan("");
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::string out = "### Simulation-based calibration\n\n" + std::to_string(*replicates) +
                      " replicates: truths drawn from the priors, pseudo-data simulated at them, ABC-SMC run against "
                      "each; rank of every truth among " +
                      std::to_string(*draws) + " posterior draws, in " + std::to_string(b) +
                      " bins (uniform if the sampler is calibrated). Final tolerance median " + num(median(*tol)) +
                      ", final ESS median " + num(median(*ess)) + ".\n\n| parameter | rank counts by bin | χ² | p | |\n"
                      "|---|---|---:|---:|---|\n";
    for (std::size_t k = 0; k < d; ++k) {
        std::string counts;
        for (std::size_t j = 0; j < b; ++j) counts += (j ? " " : "") + std::to_string((*hist)[k * b + j]);
        out += "| `" + (*names)[k] + "` | " + counts + " | " + num((*chi)[k]) + " | " + num((*p)[k]) + " | " +
               ((*p)[k] >= 0.01 ? "uniform at 1%" : "**not uniform at 1%**") + " |\n";
    }
    out += "\nExpected count per bin: " + num(static_cast<double>(*replicates) / static_cast<double>(b)) +
           ". Ranks piled at the ends mean a posterior too narrow (or biased); in the middle, too wide.\n";
    return out;
}

}  // namespace study
