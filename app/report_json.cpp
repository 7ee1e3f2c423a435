#include "app/report_json.hpp"

#include <map>

#include "models/pushpull/experiment/output.hpp"
#include "models/study/calibration_report.hpp"
#include "sim/io/json_writer.hpp"
#include "sim/output/tree_lookup.hpp"

namespace app {

using sim::io::JsonWriter;
using sim::out::attr_as;
using sim::out::column_as;
using sim::out::find_group;
using sim::out::Group;

namespace {

template <class T>
void attr_field(JsonWriter& w, const sim::out::Attributes& a, const char* name) {
    if (const auto* v = attr_as<T>(a, name)) {
        if constexpr (std::is_same_v<T, std::vector<std::string>>)
            w.key(name).array(*v);
        else
            w.field(name, *v);
    } else {
        w.key(name).null();
    }
}

void provenance(JsonWriter& w, const Group& root) {
    w.key("provenance").begin_object();
    attr_field<std::string>(w, root.attrs, "pushpull_version");
    attr_field<std::string>(w, root.attrs, "git_describe");
    attr_field<std::string>(w, root.attrs, "created_utc");
    w.end_object();
}

struct ContrastColumns {
    const std::vector<std::string>*arm, *against, *stat;
    const std::vector<double>*mean, *q05, *q50, *q95, *sdp, *sdu, *vr;
    const std::vector<std::int32_t>* n;
    std::vector<std::pair<const char*, const std::vector<double>*>> r14;  ///< R14 columns present in the file
};

/// The R14 columns (files written before them lack them; a column of another length is left out).
constexpr const char* kR14Columns[] = {"ci_lo", "ci_hi", "se", "p_negative", "p_positive", "p_negative_cell",
                                       "var_total", "var_structural", "var_unidentified", "var_calibrated", "var_seed"};

sim::Result<ContrastColumns> contrast_columns(const Group& g) {
    ContrastColumns c{column_as<std::string>(g, "arm"),   column_as<std::string>(g, "against"),
                      column_as<std::string>(g, "statistic"), column_as<double>(g, "mean"),
                      column_as<double>(g, "q05"),        column_as<double>(g, "q50"),
                      column_as<double>(g, "q95"),        column_as<double>(g, "sd_paired"),
                      column_as<double>(g, "sd_unpaired"), column_as<double>(g, "variance_ratio"),
                      column_as<std::int32_t>(g, "n"), {}};
    if (!c.arm || !c.against || !c.stat || !c.mean || !c.q05 || !c.q50 || !c.q95 || !c.sdp || !c.sdu || !c.vr || !c.n)
        return sim::bad_input("/" + g.name, "lacks a column (arm, against, statistic, mean, q05, q50, q95, sd_paired, "
                                            "sd_unpaired, variance_ratio, n)");
    for (const char* name : kR14Columns)
        if (const auto* col = column_as<double>(g, name); col && col->size() == c.arm->size()) c.r14.emplace_back(name, col);
    return c;
}

void contrast(JsonWriter& w, const ContrastColumns& c, std::size_t i) {
    w.key((*c.stat)[i]).begin_object();
    w.field("mean", (*c.mean)[i]).field("q05", (*c.q05)[i]).field("q50", (*c.q50)[i]).field("q95", (*c.q95)[i]);
    w.field("sd_paired", (*c.sdp)[i]).field("sd_unpaired", (*c.sdu)[i]).field("variance_ratio", (*c.vr)[i]);
    w.field("n", (*c.n)[i]);
    for (const auto& [name, col] : c.r14) w.field(name, (*col)[i]);
    w.end_object();
}

/// {"arm": {"against": ref, "statistics": {stat: {...}}}}, arms in file order.
void contrasts_by_arm(JsonWriter& w, const ContrastColumns& c) {
    std::vector<std::string> arms;
    std::map<std::string, std::vector<std::size_t>> rows;
    for (std::size_t i = 0; i < c.arm->size(); ++i) {
        if (!rows.contains((*c.arm)[i])) arms.push_back((*c.arm)[i]);
        rows[(*c.arm)[i]].push_back(i);
    }
    w.begin_object();
    for (const auto& a : arms) {
        w.key(a).begin_object();
        w.field("against", (*c.against)[rows[a].front()]);
        w.key("statistics").begin_object();
        for (const auto i : rows[a]) contrast(w, c, i);
        w.end_object().end_object();
    }
    w.end_object();
}

sim::Result<std::string> experiment_json(const Group& root, const std::string& file) {
    const Group* e = find_group(root, "experiment");
    const Group* cg = find_group(root, "contrasts");
    auto c = contrast_columns(*cg);
    if (!c) return std::unexpected(c.error());
    if (auto ok = pushpull::experiment::check_r14(root); !ok) return std::unexpected(ok.error());
    JsonWriter w;
    w.begin_object();
    w.field("kind", "experiment").field("file", file);
    attr_field<std::string>(w, e->attrs, "experiment_file");
    attr_field<std::string>(w, e->attrs, "base");
    attr_field<std::string>(w, e->attrs, "horizon");
    attr_field<std::int64_t>(w, e->attrs, "draws");
    attr_field<std::int64_t>(w, e->attrs, "replicates");
    attr_field<std::int64_t>(w, e->attrs, "seed");
    attr_field<std::string>(w, e->attrs, "reference");
    attr_field<std::string>(w, e->attrs, "draws_source");
    attr_field<std::int64_t>(w, e->attrs, "unidentified_draws");
    attr_field<std::int64_t>(w, e->attrs, "structures");
    attr_field<std::int64_t>(w, e->attrs, "cells");
    attr_field<std::string>(w, e->attrs, "outcome");
    const auto* arms = attr_as<std::vector<std::string>>(e->attrs, "arms");
    const auto* sets = attr_as<std::vector<std::string>>(e->attrs, "arm_overrides");
    w.key("arms").begin_array();
    for (std::size_t i = 0; arms && i < arms->size(); ++i) {
        w.begin_object().field("name", (*arms)[i]).key("overrides").begin_array();
        if (sets && i < sets->size()) {  // stored joined by "; "
            const std::string& s = (*sets)[i];
            for (std::size_t b = 0; b < s.size();) {
                std::size_t e2 = s.find("; ", b);
                if (e2 == std::string::npos) e2 = s.size();
                if (e2 > b) w.value(s.substr(b, e2 - b));
                b = e2 + 2;
            }
        }
        w.end_array().end_object();
    }
    w.end_array();
    w.key("contrasts");
    contrasts_by_arm(w, *c);
    w.key("headline");
    const Group* hg = find_group(root, "headline");
    if (hg && !hg->datasets.empty()) {
        auto h = contrast_columns(*hg);
        if (!h) return std::unexpected(h.error());
        if (h->arm->empty()) {
            w.null();
        } else {
            w.begin_object().field("arm", h->arm->front()).field("against", h->against->front());
            w.key("statistics").begin_object();
            for (std::size_t i = 0; i < h->arm->size(); ++i) contrast(w, *h, i);
            w.end_object().end_object();
        }
    } else {
        w.null();
    }
    w.key("ranking");
    const Group* rg = find_group(root, "ranking");
    const auto* rs = rg ? column_as<std::string>(*rg, "statistic") : nullptr;
    const auto* ra = rg ? column_as<std::string>(*rg, "arm") : nullptr;
    const auto* rm = rg ? column_as<double>(*rg, "mean") : nullptr;
    const auto* pb = rg ? column_as<double>(*rg, "p_best") : nullptr;
    const auto* pbc = rg ? column_as<double>(*rg, "p_best_cell") : nullptr;
    if (rs && ra && rm && pb && pbc && ra->size() == rs->size() && rm->size() == rs->size() && pb->size() == rs->size() &&
        pbc->size() == rs->size()) {
        w.begin_array();
        for (std::size_t i = 0; i < rs->size(); ++i)
            w.begin_object()
                .field("statistic", (*rs)[i])
                .field("arm", (*ra)[i])
                .field("mean", (*rm)[i])
                .field("p_best", (*pb)[i])
                .field("p_best_cell", (*pbc)[i])
                .end_object();
        w.end_array();
    } else {
        w.null();
    }
    provenance(w, root);
    w.end_object();
    return w.str() + "\n";
}

sim::Result<std::string> calibration_json(const Group& root, const std::string& file) {
    const Group* post = find_group(root, "posterior");
    const Group* pred = find_group(root, "predictive");
    const Group* gens = find_group(root, "generations");
    const Group* pt = pred ? find_group(*pred, "targets") : nullptr;
    if (!post || !gens || !pt)
        return sim::bad_input("", "calibration is not complete (no posterior yet); finish it with pushpull calibrate --resume");
    JsonWriter w;
    w.begin_object().field("kind", "calibration").field("file", file);
    attr_field<std::string>(w, root.attrs, "status");
    attr_field<std::string>(w, root.attrs, "stop");
    attr_field<std::int64_t>(w, root.attrs, "simulations");
    w.key("generations").begin_array();
    for (const auto& g : gens->groups) {
        w.begin_object();
        attr_field<std::int64_t>(w, g.attrs, "index");
        attr_field<double>(w, g.attrs, "tolerance");
        attr_field<double>(w, g.attrs, "acceptance_rate");
        attr_field<double>(w, g.attrs, "ess");
        attr_field<std::int64_t>(w, g.attrs, "simulated");
        attr_field<double>(w, g.attrs, "seconds");
        w.end_object();
    }
    w.end_array();
    auto columns = [](const Group& g, std::vector<const char*> names) {
        std::vector<std::pair<const char*, const sim::out::Column*>> cols;
        for (const char* n : names)
            if (const auto* d = sim::out::find_dataset(g, n)) cols.emplace_back(n, &d->data);
        return cols;
    };
    auto rows = [&w](const std::vector<std::pair<const char*, const sim::out::Column*>>& cols) {
        const std::size_t n = cols.empty() ? 0 : sim::out::size(*cols.front().second);
        w.begin_array();
        for (std::size_t i = 0; i < n; ++i) {
            w.begin_object();
            for (const auto& [name, col] : cols) {
                w.key(name);
                std::visit([&](const auto& v) {
                    if (i < v.size()) w.value(v[i]); else w.null();
                }, *col);
            }
            w.end_object();
        }
        w.end_array();
    };
    w.key("posterior");
    rows(columns(*post, {"parameter", "median", "q05", "q95", "prior_q05", "prior_q95", "width_ratio"}));
    w.key("targets");
    rows(columns(*pt, {"id", "statistic", "kind", "observed", "median", "q05", "q95", "share_met"}));
    provenance(w, root);
    w.end_object();
    return w.str() + "\n";
}

}  // namespace

sim::Result<std::string> report_json(const Group& root, const std::string& file) {
    if (study::is_calibration_file(root)) return calibration_json(root, file);
    if (study::is_sbc_file(root))
        return sim::bad_input("", "an SBC file has no JSON report (pushpull report FILE prints its tables; "
                                  "pushpull export FILE --format json exports its ranks)");
    if (find_group(root, "experiment") && find_group(root, "contrasts")) return experiment_json(root, file);
    return sim::bad_input("", "not an experiment or calibration file (report reads those; "
                                "pushpull export FILE --format json exports any output)");
}

}  // namespace app
