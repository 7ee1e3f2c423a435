#include "models/study/calibration_report.hpp"

#include <cmath>
#include <cstdio>

#include "models/pushpull/record/output.hpp"

namespace study {

using sim::out::Group;

namespace {

const Group* child(const Group& g, const std::string& name) {
    for (const auto& c : g.groups)
        if (c.name == name) return &c;
    return nullptr;
}

template <class T>
const std::vector<T>* column(const Group& g, const std::string& name) {
    for (const auto& d : g.datasets)
        if (d.name == name) return std::get_if<std::vector<T>>(&d.data);
    return nullptr;
}

template <class T>
const T* attribute(const sim::out::Attributes& a, const std::string& name) {
    for (const auto& [k, v] : a)
        if (k == name) return std::get_if<T>(&v);
    return nullptr;
}

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
    return child(root, "calibration") && child(root, "generations");
}

sim::Result<std::string> calibration_report(const Group& root) {
    const Group* post = child(root, "posterior");
    const Group* pred = child(root, "predictive");
    const Group* gens = child(root, "generations");
    if (!post || !pred || !gens || !child(*pred, "targets"))
        return sim::bad_input(
            "", "calibration is not complete (no posterior yet); finish it with pushpull calibrate --resume");
    const Group& pt = *child(*pred, "targets");
    const Group& cal = *child(root, "calibration");
    std::string out;
    const auto* stop = attribute<std::string>(root.attrs, "stop");
    const auto* sims = attribute<std::int64_t>(root.attrs, "simulations");
    const auto* pseudo = attribute<std::int64_t>(cal.attrs, "pseudo_data");
    out += "### ABC-SMC generations\n\n";
    out +=
        "| generation | tolerance | acceptance rate | ESS | simulations | seconds |\n|---:|---:|---:|---:|---:|---:|\n";
    double seconds = 0;
    for (const auto& g : gens->groups) {
        const double s = *attribute<double>(g.attrs, "seconds");
        seconds += s;
        out += "| " + std::to_string(*attribute<std::int64_t>(g.attrs, "index")) + " | " +
               num(*attribute<double>(g.attrs, "tolerance")) + " | " +
               num(*attribute<double>(g.attrs, "acceptance_rate")) + " | " + num(*attribute<double>(g.attrs, "ess")) +
               " | " + std::to_string(*attribute<std::int64_t>(g.attrs, "simulated")) + " | " + num(s) + " |\n";
    }
    out += "\nStopped: " + (stop ? *stop : std::string("?")) + "; " + (sims ? std::to_string(*sims) : "?") +
           " simulations in all (pilot, ABC and posterior predictive); ABC generations took " + num(seconds) + " s.\n";

    const auto* names = column<std::string>(*post, "parameter");
    const auto* med = column<double>(*post, "median");
    const auto* q05 = column<double>(*post, "q05");
    const auto* q95 = column<double>(*post, "q95");
    const auto* p05 = column<double>(*post, "prior_q05");
    const auto* p95 = column<double>(*post, "prior_q95");
    const auto* ratio = column<double>(*post, "width_ratio");
    const auto* priors = column<std::string>(cal, "prior");
    const auto* truth = column<double>(cal, "truth");
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

    const auto* ids = column<std::string>(pt, "id");
    const auto* stats = column<std::string>(pt, "statistic");
    const auto* kinds = column<std::string>(pt, "kind");
    const auto* obs = column<double>(pt, "observed");
    const auto* pm = column<double>(pt, "median");
    const auto* plo = column<double>(pt, "q05");
    const auto* phi = column<double>(pt, "q95");
    const auto* share = column<double>(pt, "share_met");
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
    return out;
}

}  // namespace study
