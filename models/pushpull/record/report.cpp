#include <cmath>
#include <cstdio>
#include <map>

#include "models/pushpull/record/output.hpp"

namespace pushpull {

namespace {

std::string format(const char* fmt, auto... args) {
    char buf[512];
    std::snprintf(buf, sizeof buf, fmt, args...);
    return buf;
}

std::string number(double v) {
    if (std::isnan(v)) return "n/a";
    if (std::abs(v - std::round(v)) < 1e-9 && std::abs(v) < 1e9) return format("%.0f", v);
    return format("%.3f", v);
}

}  // namespace

std::string make_summary_text(const RunResult& run) {
    const auto& w = run.world;
    const auto& s = run.series;
    std::string out = "Adoption of Chinese public-security platforms, by year (end of year). Countries at each stage:\n"
                      "signed (ever), approved (ever), operating (now), active (signed, not cancelled), cancelled (ever)\n";
    out += format("%-6s %8s %8s %9s %7s %9s %8s %10s", "year", "signed", "approved", "operating", "active", "cancelled",
                  "cities", "agreements");
    for (std::size_t v = 0; v < kVendors; ++v) out += format(" %9s", kVendorIds[v]);
    out += "\n";
    for (int y = w.time.year(0); y <= w.time.year(w.time.steps - 1); ++y) {
        const long st = w.time.last_step_of_year(y);
        if (st < 0) continue;
        const auto k = static_cast<std::size_t>(st);
        out += format("%-6d %8d %8d %9d %7d %9d %8d %10d", y, s.countries_adopted[k], s.countries_approved[k],
                      s.countries_operating[k], s.countries_active[k], s.countries_cancelled[k], s.cities_adopted[k],
                      s.chinese_agreements[k]);
        for (std::size_t v = 0; v < kVendors; ++v) out += format(" %9d", s.agreements_by_vendor[k * kVendors + v]);
        out += "\n";
    }
    const std::size_t last = s.steps - 1;
    double total = 0;
    for (std::size_t v = 0; v < kVendors; ++v) total += s.agreements_by_vendor[last * kVendors + v];
    out += "\nVendor shares of all agreements (end of run):";
    for (std::size_t v = 0; v < kVendors; ++v)
        out += format(" %s %.0f%%", kVendorNames[v], total > 0 ? 100.0 * s.agreements_by_vendor[last * kVendors + v] / total : 0.0);
    out += "\n\nObserved targets (MODEL.md §7, data/targets.csv) beside simulated values\n";
    out += format("%-4s %-42s %-12s %10s %10s %5s\n", "id", "statistic", "kind", "observed", "simulated", "met");
    std::map<std::string, double> values;
    for (const auto& st : run.summary) values[st.name] = st.value;
    int met = 0, judged = 0;
    for (const auto& t : run.targets) {
        const auto it = values.find(t.statistic);
        const double v = it == values.end() ? std::nan("") : it->second;
        const auto verdict = target_met(t, v);
        met += verdict == "yes";
        judged += verdict != "n/a";
        out += format("%-4s %-42s %-12s %10s %10s %5s\n", t.id.c_str(), t.statistic.c_str(), t.kind.c_str(),
                      number(t.value).c_str(), number(v).c_str(), verdict.c_str());
    }
    out += format("%d of %d targets met in this one run (seed %llu); fit is judged over >= 20 seeds (docs/CALIBRATION.md).\n"
                  "T8 compares the documented record with the observation model's expected documented count (R10).\n",
                  met, judged, static_cast<unsigned long long>(run.seed));
    return out;
}

}  // namespace pushpull
