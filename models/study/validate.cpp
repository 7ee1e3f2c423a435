// `pushpull validate`: the checks, one simulation of every model, and the scores (see validate.hpp).
#include "models/study/validate.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>

#include "models/pushpull/record/summary.hpp"
#include "models/study/pushpull_evaluator.hpp"
#include "models/study/rivals/proper_scores.hpp"

namespace study {

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

/// An HDF5-safe name for a region value: letters and digits kept, anything else '_'.
std::string safe_name(const std::string& s) {
    std::string out;
    for (const char ch : s) out += std::isalnum(static_cast<unsigned char>(ch)) != 0 ? ch : '_';
    return out;
}

std::vector<ValidateCheck> make_checks(const ValidatePlan& plan) {
    const auto& s = plan.spec;
    const std::size_t n = plan.iso3.size();
    const std::vector<std::uint8_t> all(n, 1);
    std::vector<ValidateCheck> out;
    for (const auto& kind : s.checks) {
        if (kind == "temporal")
            for (const int y : s.holdout_after) {
                ValidateCheck c{"temporal_" + std::to_string(y), kind, all, y, all, y + 1, 2019, y};
                c.data_until = s.truncate_data == "none" ? 0 : y;
                out.push_back(std::move(c));
            }
        if (kind == "region") {
            const std::set<std::string> regions(plan.region.begin(), plan.region.end());
            for (const auto& r : regions) {
                if (r.empty()) continue;
                ValidateCheck c{"region_" + safe_name(r), kind, all, 2019, all, 2009, 2019, 2008};
                for (std::size_t i = 0; i < n; ++i) {
                    c.fit_country[i] = plan.region[i] != r;
                    c.score_country[i] = plan.region[i] == r;
                }
                out.push_back(std::move(c));
            }
        }
        if (kind == "after2019")
            out.push_back({"after2019", kind, all, 2019, all, 2020, s.forecast_through, 2019});
    }
    return out;
}

/// One draw's simulated record: the world curve 2009..forecast_through, then each country's
/// documented time (NaN for a model without countries).
struct DrawView {
    std::span<const double> curve, at;
};

class Projector {
public:
    Projector(const ValidatePlan& plan, const ValidateCheck& check) : plan_(plan), check_(check) {}
    [[nodiscard]] std::size_t row_length() const { return plan_.years() + plan_.iso3.size(); }
    [[nodiscard]] DrawView view(const std::vector<double>& rows, std::size_t i) const {
        const std::span<const double> row(rows.data() + i * row_length(), row_length());
        return {row.subspan(0, plan_.years()), row.subspan(plan_.years())};
    }
    /// Documented countries among `mask` by the end of `year` in one draw (a curve-only model: its
    /// share of the world curve by number of countries).
    [[nodiscard]] double count(const DrawView& d, bool has_countries, const std::vector<std::uint8_t>& mask,
                               int year) const {
        if (year < plan_.first_year()) return 0;
        if (!has_countries) {
            const std::size_t in = std::accumulate(mask.begin(), mask.end(), std::size_t{0});
            return d.curve[static_cast<std::size_t>(year - plan_.first_year())] * static_cast<double>(in) /
                   static_cast<double>(mask.size());
        }
        double k = 0;
        for (std::size_t c = 0; c < mask.size(); ++c) k += mask[c] != 0 && std::floor(d.at[c]) <= year;
        return k;
    }
    /// The world curve of one draw by the end of `year` (0 before the first curve year).
    [[nodiscard]] double world_count(const DrawView& d, int year) const {
        return year < plan_.first_year() ? 0.0 : d.curve[static_cast<std::size_t>(year - plan_.first_year())];
    }
    [[nodiscard]] double observed(const std::vector<std::uint8_t>& mask, int year) const {
        double k = 0;
        for (std::size_t c = 0; c < mask.size(); ++c)
            k += mask[c] != 0 && plan_.observed_year[c] > 0 && plan_.observed_year[c] <= year;
        return k;
    }
    [[nodiscard]] std::vector<double> fit_row(const DrawView& d, bool has_countries) const {
        std::vector<double> row;
        for (int y = plan_.first_year(); y <= check_.fit_last; ++y)
            row.push_back(count(d, has_countries, check_.fit_country, y));
        return row;
    }
    [[nodiscard]] std::vector<double> fit_observed() const {
        std::vector<double> row;
        for (int y = plan_.first_year(); y <= check_.fit_last; ++y) row.push_back(observed(check_.fit_country, y));
        return row;
    }

private:
    const ValidatePlan& plan_;
    const ValidateCheck& check_;
};

bool row_is_finite(const DrawView& d) {
    return std::all_of(d.curve.begin(), d.curve.end(), [](double x) { return std::isfinite(x); });
}

/// The `accept` share of a model's draws closest to the data (finite distances, ties by index).
std::vector<std::size_t> own_posterior(const std::vector<double>& distance, double accept) {
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < distance.size(); ++i)
        if (std::isfinite(distance[i])) idx.push_back(i);
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return distance[a] < distance[b]; });
    const auto keep = static_cast<std::size_t>(std::ceil(accept * static_cast<double>(distance.size())));
    idx.resize(std::min(idx.size(), std::max<std::size_t>(keep, 1)));
    return idx;
}

/// run.data_until_footprints for a truncated check: "all" cuts the footprint anchors too.
std::string footprints_rule(const ValidateSpec& s) { return s.truncate_data == "all" ? "cut" : "keep"; }

/// The rivals again, on the data of each temporal check's year (truncate_data all or covariates).
sim::Result<void> add_truncated_models(ValidatePlan& plan) {
    for (auto& check : plan.checks) {
        if (check.data_until == 0) continue;
        CompareSpec spec = plan.spec.compare;
        spec.data_sets = {"run.data_until=" + std::to_string(check.data_until),
                          "run.data_until_footprints=" + footprints_rule(plan.spec)};
        auto models = make_compare_plan(std::move(spec));
        if (!models) {
            auto e = models.error();
            for (auto& d : e.diagnostics) d.where = plan.spec.file.string() + ": check " + check.name + ": " + d.where;
            return std::unexpected(e);
        }
        for (std::size_t m = 0; m < models->models.size(); ++m)
            if (models->models[m]->countries() != plan.models.models[m]->countries())
                return sim::bad_input(plan.spec.file.string(), "check " + check.name +
                                                                   ": the truncated data change the countries of model " +
                                                                   plan.spec.compare.models[m].name);
        plan.truncated.push_back(std::move(*models));
        check.vintage = plan.truncated.size();
    }
    return {};
}

sim::Result<CheckResult> run_check(const ValidatePlan& plan, const ValidateCheck& check,
                                   const std::vector<sim::study::RivalDraws>& draws, const sim::Executor& executor) {
    const Projector proj(plan, check);
    const std::size_t models = draws.size();
    std::vector<sim::study::RivalDraws> fit(models);
    const auto has_countries = [&](std::size_t m) { return !plan.models.models[m]->countries().empty(); };
    for (std::size_t m = 0; m < models; ++m) {
        fit[m].dims = draws[m].dims;
        fit[m].theta = draws[m].theta;
        const std::size_t n = draws[m].theta.size() / std::max<std::size_t>(draws[m].dims, 1);
        for (std::size_t i = 0; i < n; ++i) {
            const DrawView d = proj.view(draws[m].statistics, i);
            auto row = proj.fit_row(d, has_countries(m));
            if (!row_is_finite(d)) std::fill(row.begin(), row.end(), std::nan(""));
            fit[m].statistics.insert(fit[m].statistics.end(), row.begin(), row.end());
        }
    }
    const std::vector<double> observed = proj.fit_observed();
    const sim::study::ScaledDistanceFn distance = [&observed](const std::vector<double>& row,
                                                              const std::vector<double>& scales) {
        double s = 0;
        for (std::size_t j = 0; j < observed.size(); ++j) {
            const double z = (row[j] - observed[j]) / scales[j];
            s += z * z;
        }
        return std::sqrt(s);
    };
    const auto& settings = plan.models.spec.settings;
    std::vector<std::string> names;
    for (const auto& m : plan.models.spec.models) names.push_back(m.name);
    auto choice = sim::study::choose_model(names, std::move(fit), observed.size(), distance, {}, settings, executor);
    if (!choice) {
        auto e = choice.error();
        for (auto& d : e.diagnostics) d.where = plan.spec.file.string() + ": check " + check.name + ": " + d.where;
        return std::unexpected(e);
    }
    CheckResult r;
    // Scored countries: those of the check not yet documented at the start of the event window.
    std::vector<std::size_t> scored;
    for (std::size_t c = 0; c < plan.iso3.size(); ++c) {
        const int y = plan.observed_year[c];
        if (check.score_country[c] == 0 || (y > 0 && y <= check.event_from)) continue;
        scored.push_back(c);
        r.scored_iso3.push_back(plan.iso3[c]);
        r.label.push_back(y > check.event_from && y <= check.score_last ? 1.0 : 0.0);
    }
    for (int y = check.score_first; y <= check.score_last; ++y)
        r.observed_curve.push_back(proj.observed(check.score_country, y));
    const std::size_t n_all = plan.iso3.size();
    for (std::size_t m = 0; m < models; ++m) {
        const auto post = own_posterior(choice->draws[m].distance, settings.accept);
        std::vector<double> crps_year;
        for (int y = check.score_first; y <= check.score_last; ++y) {
            std::vector<double> ensemble;
            for (const std::size_t i : post)
                ensemble.push_back(proj.count(proj.view(draws[m].statistics, i), has_countries(m), check.score_country, y));
            crps_year.push_back(ensemble.empty() ? std::nan("") :
                                rivals::crps_ensemble(ensemble, r.observed_curve[crps_year.size()]));
        }
        double mean = 0;
        for (const double x : crps_year) mean += x / static_cast<double>(crps_year.size());
        r.crps.push_back(mean);
        r.crps_year.push_back(std::move(crps_year));
        std::vector<double> p;
        if (has_countries(m)) {
            for (const std::size_t c : scored) {
                double k = 0, n = 0;
                for (const std::size_t i : post) {
                    const double t = std::floor(proj.view(draws[m].statistics, i).at[c]);
                    if (!(t > check.event_from)) continue;
                    ++n;
                    k += t <= check.score_last;
                }
                p.push_back((k + 0.5) / (n + 1.0));
            }
        } else {  // no countries: every country gets the exchangeable share of the curve's increase
            double k = 0;
            for (const std::size_t i : post) {
                const DrawView d = proj.view(draws[m].statistics, i);
                const double before = proj.world_count(d, check.event_from);
                const double open = static_cast<double>(n_all) - before;
                k += open > 0 ? std::clamp((proj.world_count(d, check.score_last) - before) / open, 0.0, 1.0) : 0.0;
            }
            p.assign(scored.size(), (k + 0.5) / (static_cast<double>(post.size()) + 1.0));
        }
        if (!p.empty()) {
            const auto s = rivals::binary_scores(p, r.label);
            r.brier.push_back(s.brier);
            r.log_score.push_back(s.log);
        } else {
            r.brier.push_back(std::nan(""));
            r.log_score.push_back(std::nan(""));
        }
        r.p_country.push_back(std::move(p));
    }
    for (auto& d : choice->draws) d.statistics.clear();  // projections; the simulated rows are kept once
    r.choice = std::move(*choice);
    return r;
}

}  // namespace

sim::Result<ValidatePlan> make_validate_plan(ValidateSpec spec) {
    ValidatePlan plan;
    const std::string where = spec.file.string();
    spec.compare.curve_last_year = spec.forecast_through;
    for (auto& m : spec.compare.models)
        if (m.kind == "pushpull") m.sets.push_back("run.end=" + std::to_string(spec.forecast_through) + "Q4");
    auto models = make_compare_plan(spec.compare);
    if (!models) return std::unexpected(models.error());
    plan.models = std::move(*models);
    plan.spec = std::move(spec);
    const auto& input = plan.models.base->input();
    plan.iso3 = plan.models.base->countries();
    std::map<std::string, std::string> region;
    for (const auto& c : input.countries)
        region[c.iso3] = plan.spec.region_by == "region_wb" ? c.region_wb : c.region_un;
    for (const auto& c : plan.iso3) plan.region.push_back(region.count(c) ? region[c] : std::string());
    plan.observed_year = pushpull::documented_first_years(plan.iso3, input.documented);
    for (const auto& model : plan.models.models) {
        std::map<std::string, std::size_t> index;
        for (std::size_t i = 0; i < model->countries().size(); ++i) index[model->countries()[i]] = i;
        std::vector<std::size_t> cols;
        for (const auto& c : plan.iso3) cols.push_back(index.count(c) ? index[c] : kNone);
        plan.country_column.push_back(std::move(cols));
    }
    plan.checks = make_checks(plan);
    if (plan.checks.empty()) return sim::bad_input(where, "validate.checks: no check to run");
    if (auto ok = add_truncated_models(plan); !ok) return std::unexpected(ok.error());
    int late = 0;
    for (const int y : plan.observed_year) late += y > 2019 && y <= plan.spec.forecast_through;
    plan.notes.push_back("observed: " + std::to_string(plan.iso3.size()) + " countries, " +
                         std::to_string(std::count_if(plan.observed_year.begin(), plan.observed_year.end(),
                                                      [](int y) { return y > 0 && y <= 2019; })) +
                         " first documented by 2019, " + std::to_string(late) + " in 2020.." +
                         std::to_string(plan.spec.forecast_through));
    plan.notes.push_back("fit: the documented curve of each check's fitted countries and years only; the other "
                         "targets of the base scenario are not used");
    plan.notes.push_back(plan.spec.truncate_data == "none"
                             ? "data: every check simulates on the complete covariate data (truncate_data = none)"
                             : "data: each temporal check simulates on the data dated up to its year (run.data_until; "
                               "vendor footprint anchors: " +
                                   footprints_rule(plan.spec) + "); region and after2019 on the complete data");
    return plan;
}

namespace {

/// Every model of `models` simulated at the same prior draws (settings' seed): per draw, the world
/// curve 2009..forecast_through, then each country's documented time.
sim::Result<std::vector<sim::study::RivalDraws>> simulate_models(const ValidatePlan& plan, const ComparePlan& models,
                                                                 const sim::Executor& executor) {
    const std::size_t years = plan.years(), n = plan.iso3.size();
    std::vector<sim::study::RivalModel> rivals;
    for (std::size_t m = 0; m < models.models.size(); ++m) {
        const Evaluator& model = *models.models[m];
        std::vector<std::size_t> curve;  // a curve-only model's columns of its curve years
        for (int y = plan.first_year(); y <= plan.spec.forecast_through; ++y) {
            const auto& s = model.statistics();
            const auto it = std::find(s.begin(), s.end(), "observed_countries_" + std::to_string(y));
            curve.push_back(it == s.end() ? kNone : static_cast<std::size_t>(it - s.begin()));
        }
        sim::study::RivalModel r;
        r.name = models.spec.models[m].name;
        r.priors = models.priors[m];
        r.simulate = [&plan, &model, m, curve, years, n](const std::vector<double>& theta, std::uint64_t seed) {
            std::vector<double> row(years + n, std::nan(""));
            auto out = model.evaluate(theta, seed, false);
            if (!out) return row;
            if (model.countries().empty()) {
                for (std::size_t y = 0; y < years; ++y)
                    if (curve[y] != kNone) row[y] = out->statistics[curve[y]];
                return row;
            }
            for (std::size_t c = 0; c < n; ++c) {
                const std::size_t col = plan.country_column[m][c];
                row[years + c] = col == kNone ? std::numeric_limits<double>::infinity() : out->documented_at[col];
            }
            for (std::size_t y = 0; y < years; ++y) {
                double k = 0;
                for (std::size_t c = 0; c < n; ++c)
                    k += std::floor(row[years + c]) <= static_cast<double>(plan.first_year()) + static_cast<double>(y);
                row[y] = k;
            }
            return row;
        };
        rivals.push_back(std::move(r));
    }
    auto draws = sim::study::simulate_rivals(rivals, years + n, models.spec.settings, executor);
    if (!draws) {
        auto e = draws.error();
        for (auto& d : e.diagnostics) d.where = plan.spec.file.string() + ": " + d.where;
        return std::unexpected(e);
    }
    return std::move(*draws);
}

}  // namespace

sim::Result<ValidateResult> run_validate(const ValidatePlan& plan, const sim::Executor& executor) {
    const auto start = std::chrono::steady_clock::now();
    ValidateResult r;
    auto draws = simulate_models(plan, plan.models, executor);
    if (!draws) return std::unexpected(draws.error());
    r.draws = std::move(*draws);
    for (const auto& models : plan.truncated) {
        auto t = simulate_models(plan, models, executor);
        if (!t) return std::unexpected(t.error());
        r.truncated.push_back(std::move(*t));
    }
    for (const auto& check : plan.checks) {
        auto c = run_check(plan, check, check.vintage == 0 ? r.draws : r.truncated[check.vintage - 1], executor);
        if (!c) return std::unexpected(c.error());
        r.checks.push_back(std::move(*c));
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

}  // namespace study
