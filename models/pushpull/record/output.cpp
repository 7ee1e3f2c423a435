#include "models/pushpull/record/output.hpp"

#include <cmath>

namespace pushpull {

namespace {

using sim::out::Group;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

template <class T, class F>
std::vector<T> column(std::size_t n, F f) {
    std::vector<T> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.push_back(static_cast<T>(f(i)));
    return out;
}

const char* regime_name(Regime r) {
    switch (r) {
        case Regime::Free: return "free";
        case Regime::PartlyFree: return "partly_free";
        default: return "not_free";
    }
}

const char* status_name(Status s) {
    static constexpr const char* names[] = {"none", "tendering", "awarded", "delayed", "implementing", "operating", "cancelled"};
    return names[static_cast<std::size_t>(s)];
}

std::vector<std::string> vendor_names() { return {kVendorNames.begin(), kVendorNames.end()}; }

Group time_group(const World& w) {
    Group g{"time", {}, {}, {}};
    const auto n = w.time.steps;
    g.add("step", column<std::int32_t>(n, [](std::size_t s) { return s; }));
    g.add("year", column<std::int32_t>(n, [&](std::size_t s) { return w.time.year(s); }));
    g.add("quarter", column<std::int32_t>(n, [&](std::size_t s) { return w.time.quarter(s); }));
    g.add("time_years", column<double>(n, [&](std::size_t s) { return w.time.time_years(s); }));
    g.add("label", column<std::string>(n, [&](std::size_t s) { return w.time.label(s); }));
    g.attr("months_per_step", static_cast<std::int64_t>(w.time.months_per_step));
    return g;
}

Group countries_group(const World& w, const State& s, const std::vector<Event>& events) {
    const auto& c = w.countries;
    const auto n = c.size();
    const auto first_steps = country_first_steps(w, s);
    std::vector<std::int32_t> first(first_steps.begin(), first_steps.end()), agreements(n, 0);
    for (const auto& e : events)
        if (e.kind == EventKind::Award && w.vendors[static_cast<std::size_t>(e.vendor)].chinese)
            ++agreements[static_cast<std::size_t>(e.country)];
    Group g{"countries", {}, {}, {}};
    g.add("iso3", c.iso3);
    g.add("name", c.name);
    g.add("region_un", c.region_un);
    g.add("region_wb", c.region_wb);
    g.add("income_group", c.income_group);
    g.add("regime", column<std::string>(n, [&](std::size_t k) { return regime_name(c.regime[k]); }));
    g.add("strategic_importance", c.strategic);
    g.add("polyarchy", c.polyarchy);
    g.add("veto", c.veto);
    g.add("data_protection", c.data_protection);
    g.add("debt", c.debt);
    g.add("homicide_per_100k", c.homicide);
    g.add("homicide_imputed", column<std::int32_t>(n, [&](std::size_t k) { return c.homicide_imputed[k]; }));
    g.add("population", c.population);
    g.add("gdp_pc_usd", c.gdp_pc_usd);
    g.add("first_bri_year", column<std::int32_t>(n, [&](std::size_t k) { return c.first_bri_year[k]; }));
    g.add("can_adopt", column<std::int32_t>(n, [&](std::size_t k) { return c.can_adopt[k]; }));
    g.add("first_chinese_agreement_step", std::move(first));
    g.add("chinese_agreements", std::move(agreements));
    g.add("city_begin", column<std::int32_t>(n, [&](std::size_t k) { return c.city_begin[k]; }));
    g.add("city_end", column<std::int32_t>(n, [&](std::size_t k) { return c.city_end[k]; }));
    return g;
}

Group cities_group(const World& w, const State& s) {
    const auto& c = w.cities;
    const auto& cs = s.cities;
    const auto n = c.size();
    Group g{"cities", {}, {}, {}};
    g.add("name", c.name);
    g.add("country", column<std::int32_t>(n, [&](std::size_t i) { return c.country[i]; }));
    g.add("iso3", column<std::string>(n, [&](std::size_t i) { return w.countries.iso3[c.country[i]]; }));
    g.add("lat", c.lat);
    g.add("lng", c.lng);
    g.add("population", c.population);
    g.add("capital", column<std::int32_t>(n, [&](std::size_t i) { return c.capital[i]; }));
    g.add("synthetic", column<std::int32_t>(n, [&](std::size_t i) { return c.synthetic[i]; }));
    g.add("local_decision", column<std::int32_t>(n, [&](std::size_t i) { return c.local_decision[i]; }));
    g.add("first_project_level", column<std::int32_t>(n, [&](std::size_t i) {
              const auto l = cs.first_chinese_level[i];
              return l == kLevelUnset ? -1 : static_cast<std::int32_t>(l);
          }));
    g.add("approve_step", column<std::int32_t>(n, [&](std::size_t i) { return cs.first_chinese_approve_step[i]; }));
    g.add("operating_step", column<std::int32_t>(n, [&](std::size_t i) { return cs.first_chinese_live_step[i]; }));
    g.add("cancel_step", column<std::int32_t>(n, [&](std::size_t i) { return cs.first_chinese_cancel_step[i]; }));
    g.add("centrality", c.centrality);
    g.add("adoption_step", column<std::int32_t>(n, [&](std::size_t i) { return cs.first_chinese_step[i]; }));
    g.add("adoption_vendor", column<std::int32_t>(n, [&](std::size_t i) { return cs.first_chinese_vendor[i]; }));
    g.add("status", column<std::string>(n, [&](std::size_t i) { return status_name(cs.status[i]); }));
    g.add("vendor", column<std::int32_t>(n, [&](std::size_t i) { return cs.vendor[i]; }));
    g.add("live_step", column<std::int32_t>(n, [&](std::size_t i) { return cs.live_step[i]; }));
    g.add("agreements", column<std::int32_t>(n, [&](std::size_t i) { return cs.agreements[i]; }));
    g.add("downscaled", column<std::int32_t>(n, [&](std::size_t i) { return cs.downscaled[i]; }));
    g.attr("vendor_names", vendor_names());
    return g;
}

Group vendors_group(const World& w) {
    Group g{"vendors", {}, {}, {}};
    const auto n = kVendors;
    g.add("id", column<std::string>(n, [](std::size_t v) { return kVendorIds[v]; }));
    g.add("name", vendor_names());
    g.add("chinese", column<std::int32_t>(n, [&](std::size_t v) { return w.vendors[v].chinese; }));
    g.add("price", column<double>(n, [&](std::size_t v) { return w.vendors[v].price; }));
    g.add("capacity", column<double>(n, [&](std::size_t v) { return w.vendors[v].capacity; }));
    g.add("finance_access", column<double>(n, [&](std::size_t v) { return w.vendors[v].finance_access; }));
    g.add("deploy_years", column<double>(n, [&](std::size_t v) { return w.vendors[v].deploy_years; }));
    return g;
}

Group series_group(const Series& s) {
    Group g{"series", {}, {}, {}};
    g.add("countries_adopted", s.countries_adopted);
    g.add("countries_operating", s.countries_operating);
    g.add("cities_adopted", s.cities_adopted);
    g.add("cities_operating", s.cities_operating);
    g.add("countries_approved", s.countries_approved);
    g.add("cities_approved", s.cities_approved);
    g.add("countries_active", s.countries_active);
    g.add("cities_active", s.cities_active);
    g.add("countries_cancelled", s.countries_cancelled);
    g.add("cities_cancelled", s.cities_cancelled);
    g.add("chinese_agreements", s.chinese_agreements);
    g.add("tenders_open", s.tenders_open);
    g.add("contests", s.contests);
    g.add("cancellations", s.cancellations);
    g.add("messages", s.messages);
    g.add("refusals", s.refusals);
    g.add("alternatives", s.alternatives);
    const auto matrix = [&](const char* name, const std::vector<std::int32_t>& v, std::vector<std::string> cols) {
        auto& d = g.add(name, v, {{"columns", cols}});
        d.shape = {s.steps, cols.size()};
    };
    matrix("agreements_by_vendor", s.agreements_by_vendor, vendor_names());
    matrix("operating_by_vendor", s.operating_by_vendor, vendor_names());
    matrix("countries_by_region", s.countries_by_region, s.regions);
    matrix("countries_by_regime", s.countries_by_regime, {"free", "partly_free", "not_free"});
    return g;
}

Group events_group(const std::vector<Event>& events) {
    const auto n = events.size();
    Group g{"events", {}, {}, {}};
    g.add("step", column<std::int32_t>(n, [&](std::size_t k) { return events[k].step; }));
    g.add("city", column<std::int32_t>(n, [&](std::size_t k) { return events[k].city; }));
    g.add("country", column<std::int32_t>(n, [&](std::size_t k) { return events[k].country; }));
    g.add("vendor", column<std::int32_t>(n, [&](std::size_t k) { return events[k].vendor; }));
    g.add("kind_code", column<std::int32_t>(n, [&](std::size_t k) { return static_cast<int>(events[k].kind); }));
    g.add("kind", column<std::string>(n, [&](std::size_t k) { return kEventKindNames[static_cast<std::size_t>(events[k].kind)]; }));
    g.attr("kind_names", std::vector<std::string>(kEventKindNames.begin(), kEventKindNames.end()));
    return g;
}

Group summary_group(const std::vector<Statistic>& stats, const std::vector<data::Target>& targets) {
    Group g{"summary", {}, {}, {}};
    std::vector<std::string> names, target_id, kind, met;
    std::vector<double> values, observed;
    for (const auto& s : stats) {
        names.push_back(s.name);
        values.push_back(s.value);
        const auto t = std::find_if(targets.begin(), targets.end(), [&](const auto& x) { return x.statistic == s.name; });
        observed.push_back(t == targets.end() ? kNaN : t->value);
        target_id.push_back(t == targets.end() ? "" : t->id);
        kind.push_back(t == targets.end() ? "" : t->kind);
        met.push_back(t == targets.end() ? "" : target_met(*t, s.value));
    }
    g.add("name", std::move(names));
    g.add("value", std::move(values));
    g.add("observed", std::move(observed));
    g.add("target_id", std::move(target_id));
    g.add("target_kind", std::move(kind));
    g.add("met", std::move(met));
    return g;
}

Group edges_group(const char* name, const sim::graph::Network& net) {
    std::vector<std::int32_t> src, dst;
    std::vector<double> weight;
    for (std::uint32_t v = 0; v < net.num_vertices(); ++v) {
        const auto nb = net.neighbours(v);
        const auto ws = net.weights(v);
        for (std::size_t k = 0; k < nb.size(); ++k) {
            if (nb[k] < v) continue;  // undirected: each edge once
            src.push_back(static_cast<std::int32_t>(v));
            dst.push_back(static_cast<std::int32_t>(nb[k]));
            weight.push_back(ws[k]);
        }
    }
    Group g{name, {}, {}, {}};
    g.add("source", std::move(src));
    g.add("target", std::move(dst));
    g.add("weight", std::move(weight));
    return g;
}

}  // namespace

std::string target_met(const data::Target& t, double v) {
    if (std::isnan(v)) return "n/a";
    if (t.kind == "lower_bound") return v >= t.value ? "yes" : "no";
    if (t.kind == "upper_bound") return v <= t.value ? "yes" : "no";
    if (t.kind == "sign") {
        if (t.value > 0) return v > 0 ? "yes" : "no";
        if (t.value < 0) return v < 0 ? "yes" : "no";
        return std::abs(v) < 0.5 ? "yes" : "no";
    }
    const double tol = std::max(0.1 * (t.kind == "share" ? 1.0 : std::abs(t.value)), 0.25 * std::abs(t.value));
    return std::abs(v - t.value) <= tol ? "yes" : "no";
}

sim::out::Group make_output_tree(const RunResult& run) {
    Group root{"", {}, {}, {}};
    root.attr("schema_version", kSchemaVersion);
    root.attr("model", std::string("pushpull"));
    root.groups.push_back(time_group(run.world));
    root.groups.push_back(countries_group(run.world, run.state, run.events));
    root.groups.push_back(cities_group(run.world, run.state));
    root.groups.push_back(vendors_group(run.world));
    root.groups.push_back(series_group(run.series));
    root.groups.push_back(events_group(run.events));
    root.groups.push_back(summary_group(run.summary, run.targets));
    Group net{"network", {}, {}, {}};
    net.groups.push_back(edges_group("countries", run.world.country_net));
    net.groups.push_back(edges_group("cities", run.world.city_net));
    root.groups.push_back(std::move(net));
    return root;
}

}  // namespace pushpull
