#include "models/pushpull/experiment/run.hpp"

#include "models/pushpull/data/input_cache.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>

#include "models/pushpull/model_entry.hpp"

namespace pushpull::experiment {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string slug(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!out.empty() && out.back() != '_') out += '_';
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out.empty() ? "unknown" : out;
}

}  // namespace

std::vector<double> Results::column(std::size_t arm, std::size_t s, std::size_t per_arm) const {
    std::vector<double> v(per_arm);
    for (std::size_t k = 0; k < per_arm; ++k) v[k] = runs[arm * per_arm + k].values[s];
    return v;
}

std::vector<Statistic> experiment_statistics(const World& world, const State& state, const Series& series) {
    const auto& cs = world.countries;
    const auto& cities = state.cities;
    const std::size_t nc = cs.size();
    const std::size_t last = world.time.steps == 0 ? 0 : world.time.steps - 1;
    const long s2019 = world.time.last_step_of_year(2019);

    // First Chinese agreement per country (step, -1 none) and city counts.
    std::vector<long> first(nc, -1);
    double cities_h = 0, cities_2019 = 0;
    for (std::size_t i = 0; i < world.cities.size(); ++i) {
        const long f = cities.first_chinese_step[i];
        if (f < 0) continue;
        cities_h += 1;
        if (s2019 >= 0 && f <= s2019) cities_2019 += 1;
        auto& c = first[world.cities.country[i]];
        if (c < 0 || f < c) c = f;
    }
    double countries_h = 0, countries_2019 = 0;
    for (long f : first) {
        if (f < 0) continue;
        countries_h += 1;
        if (s2019 >= 0 && f <= s2019) countries_2019 += 1;
    }

    // Chinese share of all agreements to the horizon.
    double chinese = 0, all = 0;
    if (!series.agreements_by_vendor.empty() && series.steps > 0) {
        for (std::size_t v = 0; v < kVendors; ++v) {
            const double n = series.agreements_by_vendor[last * kVendors + v];
            all += n;
            if (world.vendors[v].chinese) chinese += n;
        }
    }

    // Democracies and high-crime countries.
    double free_n = 0, free_adopt = 0;
    std::vector<double> hom(cs.homicide);
    std::sort(hom.begin(), hom.end());
    const double median = hom.empty() ? 0.0
                          : hom.size() % 2 ? hom[hom.size() / 2]
                                           : 0.5 * (hom[hom.size() / 2 - 1] + hom[hom.size() / 2]);
    double crime_n = 0, crime_adopt = 0;
    for (std::size_t c = 0; c < nc; ++c) {
        if (cs.regime[c] == Regime::Free) {
            free_n += 1;
            free_adopt += first[c] >= 0;
        }
        if (cs.homicide[c] > median) {
            crime_n += 1;
            crime_adopt += first[c] >= 0;
        }
    }

    // Mean years from the start to the first adoption, censored at the end of the horizon.
    const double horizon_years = static_cast<double>(world.time.steps) * world.time.dt_years;
    double years = 0;
    for (long f : first)
        years += f < 0 ? horizon_years : world.time.time_years(static_cast<std::size_t>(f)) - world.time.time_years(0);

    std::vector<Statistic> out = {
        {"countries_adopted_2019", s2019 >= 0 ? countries_2019 : kNaN},
        {"countries_adopted_horizon", countries_h},
        {"cities_adopted_2019", s2019 >= 0 ? cities_2019 : kNaN},
        {"cities_adopted_horizon", cities_h},
        {"chinese_vendor_share", all > 0 ? chinese / all : kNaN},
        {"adoption_share_free", free_n > 0 ? free_adopt / free_n : kNaN},
        {"adoption_share_high_crime", crime_n > 0 ? crime_adopt / crime_n : kNaN},
        {"years_to_first_adoption", nc > 0 ? years / static_cast<double>(nc) : kNaN},
    };
    // What gets deployed, not only signed: contestation (and safeguard assistance) acts here.
    auto last_of = [&](const std::vector<std::int32_t>& v) { return v.size() > last ? static_cast<double>(v[last]) : kNaN; };
    double downscaled = 0;
    for (std::size_t i = 0; i < world.cities.size(); ++i) downscaled += cities.downscaled[i] != 0;
    out.push_back({"countries_operating_horizon", last_of(series.countries_operating)});
    out.push_back({"cities_operating_horizon", last_of(series.cities_operating)});
    out.push_back({"contests_horizon", last_of(series.contests)});
    out.push_back({"cancellations_horizon", last_of(series.cancellations)});
    out.push_back({"cities_downscaled_horizon", downscaled});
    // R6: every stage, so a headline names its outcome. "active" = signed and not cancelled.
    auto at_2019 = [&](const std::vector<std::int32_t>& v) {
        return s2019 >= 0 && v.size() > static_cast<std::size_t>(s2019) ? static_cast<double>(v[static_cast<std::size_t>(s2019)]) : kNaN;
    };
    out.push_back({"countries_approved_2019", at_2019(series.countries_approved)});
    out.push_back({"countries_operating_2019", at_2019(series.countries_operating)});
    out.push_back({"countries_active_2019", at_2019(series.countries_active)});
    out.push_back({"countries_approved_horizon", last_of(series.countries_approved)});
    out.push_back({"countries_active_horizon", last_of(series.countries_active)});
    out.push_back({"countries_cancelled_horizon", last_of(series.countries_cancelled)});
    out.push_back({"cities_approved_horizon", last_of(series.cities_approved)});
    out.push_back({"cities_active_horizon", last_of(series.cities_active)});
    out.push_back({"cities_cancelled_horizon", last_of(series.cities_cancelled)});
    out.push_back({"gate_refusals_horizon", last_of(series.refusals)});
    out.push_back({"us_alternative_offers_horizon", last_of(series.alternatives)});
    out.push_back({"us_spent_musd_horizon", state.us_spent_usd / 1e6});
    // R1: who decided the first Chinese projects.
    double first_sub = 0, first_all = 0, noncapital_first = 0;
    for (std::size_t i = 0; i < world.cities.size(); ++i) {
        if (cities.first_chinese_step[i] < 0) continue;
        ++first_all;
        first_sub += cities.first_chinese_level[i] == kLevelSubnational;
    }
    for (std::size_t c = 0; c < nc; ++c) {
        if (first[c] < 0) continue;
        for (auto i = cs.city_begin[c]; i < cs.city_end[c]; ++i)
            if (cities.first_chinese_step[i] == first[c] && world.cities.capital[i] == 0) {
                ++noncapital_first;
                break;
            }
    }
    out.push_back({"cities_first_project_subnational_share", first_all > 0 ? first_sub / first_all : kNaN});
    out.push_back({"countries_first_in_noncapital", noncapital_first});
    std::vector<std::string> regions(cs.region_un.begin(), cs.region_un.end());
    std::sort(regions.begin(), regions.end());
    regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
    for (const auto& r : regions) {
        double n = 0;
        for (std::size_t c = 0; c < nc; ++c) n += cs.region_un[c] == r && first[c] >= 0;
        out.push_back({"countries_adopted_region_" + slug(r), n});
    }
    return out;
}

bool is_experiment_statistic(const std::string& name) {
    static const std::vector<std::string> fixed = {
        "countries_adopted_2019", "countries_adopted_horizon", "cities_adopted_2019", "cities_adopted_horizon",
        "chinese_vendor_share", "adoption_share_free", "adoption_share_high_crime", "years_to_first_adoption",
        "countries_operating_horizon", "cities_operating_horizon", "contests_horizon", "cancellations_horizon",
        "cities_downscaled_horizon", "countries_approved_2019", "countries_operating_2019", "countries_active_2019",
        "countries_approved_horizon", "countries_active_horizon", "countries_cancelled_horizon", "cities_approved_horizon",
        "cities_active_horizon", "cities_cancelled_horizon", "gate_refusals_horizon", "us_alternative_offers_horizon",
        "us_spent_musd_horizon", "cities_first_project_subnational_share", "countries_first_in_noncapital"};
    if (name.rfind("countries_adopted_region_", 0) == 0 && name.size() > 25) return true;
    return std::find(fixed.begin(), fixed.end(), name) != fixed.end();
}

const std::vector<std::string>& trajectory_names() {
    static const std::vector<std::string> names = {"countries_adopted", "countries_operating", "cities_adopted",
                                                   "cities_operating", "chinese_agreements"};
    return names;
}

namespace {

std::vector<std::vector<double>> main_series(const Series& s) {
    auto d = [](const std::vector<std::int32_t>& v) { return std::vector<double>(v.begin(), v.end()); };
    return {d(s.countries_adopted), d(s.countries_operating), d(s.cities_adopted), d(s.cities_operating),
            d(s.chinese_agreements)};
}

}  // namespace

sim::Result<Results> run_experiment(const Plan& plan, const sim::Executor& executor,
                                    const std::function<void(std::size_t, std::size_t)>& progress,
                                    const RunJournalHooks& journal) {
    const auto t0 = std::chrono::steady_clock::now();
    const Params& base = plan.arms.at(plan.reference).params;
    const auto set = base.city_set == "all50k" ? data::CitySet::All50k : data::CitySet::Wup300k;
    auto cached = data::cached_input_data(base.data_dir, set, base.data_until);  // read once per process
    if (!cached) return std::unexpected(cached.error());
    const data::InputData* input = cached->get();

    // The networks depend only on data and network parameters: build them once, copy them per run.
    std::optional<NetworkReuse> networks;
    if (auto w = build_world(*input, base)) networks = NetworkReuse::of(*w, base);

    const std::size_t per_arm = plan.runs_per_arm();
    const std::size_t total = plan.total_runs();
    const int reps = plan.spec.replicates;
    std::vector<std::vector<Statistic>> stats(total);
    std::vector<std::optional<sim::Error>> errors(total);
    std::vector<std::uint64_t> seeds(total);
    std::vector<std::vector<std::vector<double>>> series(total);
    std::vector<double> time_years;  // written by run 0 only
    std::atomic<std::size_t> done{0};
    std::mutex record_mutex;
    std::optional<sim::Error> record_error;
    std::atomic<bool> stop{false};
    const sim::Executor inner = sim::Executor::serial();
    sim::parallel_for_index(
        executor, total,
        [&](std::size_t i) {
            if (stop.load()) return;
            const std::size_t arm = i / per_arm, k = i % per_arm;
            const int cell = static_cast<int>(k) / reps, rep = static_cast<int>(k) % reps;
            Params p = plan.params_of(arm, static_cast<std::size_t>(cell));
            p.seed = run_seed(plan.spec.seed, cell, rep);
            seeds[i] = p.seed;
            // A run in the journal is run again for its per-step series (the trajectories need them;
            // the result is the same, deterministically), but not recorded twice.
            const bool journaled = journal.done && journal.done(i).has_value();
            auto world = build_world(*input, p, networks ? &*networks : nullptr);
            if (!world) {
                errors[i] = world.error();
            } else {
                auto run = run_on_world(std::make_unique<World>(std::move(*world)), p, *input, inner);
                stats[i] = experiment_statistics(*run.world, run.state, run.series);
                series[i] = main_series(run.series);
                if (i == 0)
                    for (std::size_t s = 0; s < run.series.steps; ++s) time_years.push_back(run.world->time.time_years(s));
                if (journal.record && !journaled) {
                    const std::lock_guard lock(record_mutex);
                    if (!record_error)
                        if (auto ok = journal.record(i, stats[i]); !ok) {
                            record_error = ok.error();
                            stop.store(true);
                        }
                }
            }
            const std::size_t n = ++done;
            if (progress) progress(n, total);
        },
        1);
    if (record_error) return std::unexpected(*record_error);
    for (auto& e : errors)
        if (e) return std::unexpected(*e);

    Results res;
    res.checksums = input->checksums;
    for (const auto& s : stats.at(0)) res.statistics.push_back(s.name);
    res.series_names = trajectory_names();
    res.time_years = std::move(time_years);
    res.runs.resize(total);
    for (std::size_t i = 0; i < total; ++i) {
        auto& r = res.runs[i];
        r.arm = static_cast<int>(i / per_arm);
        const int cell = static_cast<int>(i % per_arm) / reps;
        r.draw = cell % plan.spec.draws;
        r.unidentified = (cell / plan.spec.draws) % plan.spec.unidentified_draws;
        r.structure = cell / (plan.spec.draws * plan.spec.unidentified_draws);
        r.replicate = static_cast<int>(i % per_arm) % reps;
        r.seed = seeds[i];
        r.series = std::move(series[i]);
        if (stats[i].size() != res.statistics.size())
            return std::unexpected(sim::Error(sim::ErrorKind::Internal, "experiment", "runs returned different statistics"));
        for (std::size_t s = 0; s < stats[i].size(); ++s) {
            if (stats[i][s].name != res.statistics[s])
                return std::unexpected(sim::Error(sim::ErrorKind::Internal, "experiment", "runs returned different statistics"));
            r.values.push_back(stats[i][s].value);
        }
    }
    res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return res;
}

}  // namespace pushpull::experiment
