#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "models/pushpull/world/build_parts.hpp"
#include "models/pushpull/streams.hpp"
#include "models/pushpull/world/series_math.hpp"
#include "models/pushpull/world/strategic_importance.hpp"
#include "models/pushpull/world/supply.hpp"
#include "sim/rng.hpp"

namespace pushpull {

namespace {

/// `year`, or run.data_until if earlier (data vintage): the last year a series may be observed.
int observed_until(const Params& p, int year) { return p.data_until != 0 ? std::min(year, p.data_until) : year; }

/// The last year of observed exogenous series: 2019, or run.data_until if earlier.
int last_observed_year(const Params& p) { return observed_until(p, 2019); }

/// Projections (§4.1): after the last observed year each country's crime z-score follows an AR(1)
/// deviation around its last level, drawn from stream CrimeProjection.
void project_crime(Exogenous& x, const TimeAxis& time, const Params& p) {
    const int last = last_observed_year(p);
    for (std::size_t c = 0; c < x.countries; ++c) {
        double deviation = 0.0;
        for (std::size_t s = 0; s < time.steps; ++s) {
            if (time.year(s) <= last) continue;
            sim::Rng rng(p.seed, static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(c),
                         stream_id(Stream::CrimeProjection));
            deviation = p.crime_ar_rho * deviation + p.crime_ar_sd * rng.normal();
            x.crime_z[s * x.countries + c] += deviation;
        }
    }
}

/// Standardised log homicide per (step, country): interpolated, flat beyond reports, standardised
/// with the cross-country mean and SD of the base year; countries that never report take their
/// imputed mean rate (subregion median) in every step.
void fill_crime(Exogenous& x, const data::InputData& in, const CountryTable& ct, const TimeAxis& time,
                const Params& p) {
    const auto log_rate = [](double r) { return std::log(r + 0.1); };
    std::vector<double> base(ct.size());
    for (std::size_t c = 0; c < ct.size(); ++c) {
        const double r = interpolate_flat(in.countries[c].homicide_per_100k, p.crime_base_year + 0.5);
        base[c] = log_rate(std::isnan(r) ? ct.homicide[c] : r);
    }
    double mean = 0.0, sq = 0.0;
    for (double b : base) mean += b;
    mean /= static_cast<double>(base.size());
    for (double b : base) sq += (b - mean) * (b - mean);
    const double sd = std::sqrt(sq / static_cast<double>(base.size() - 1));
    for (std::size_t s = 0; s < time.steps; ++s)
        for (std::size_t c = 0; c < ct.size(); ++c) {
            double r = interpolate_flat(in.countries[c].homicide_per_100k, time.time_years(s));
            if (std::isnan(r)) r = ct.homicide[c];
            x.crime_z[s * ct.size() + c] = (log_rate(r) - mean) / sd;
        }
    project_crime(x, time, p);
}

/// Years from t to the next national election, taken as mid-year of an election year, and beyond
/// the last known election every `term_years`. NaN where no election year is known.
double years_to_election(const std::vector<int>& years, double t, double term) {
    if (years.empty()) return data::kMissing;
    for (int y : years)
        if (y + 0.5 > t) return y + 0.5 - t;
    double next = years.back() + 0.5;
    while (next <= t) next += term;
    return next - t;
}

void fill_elections(Exogenous& x, const data::InputData& in, const TimeAxis& time, const Params& p) {
    for (std::size_t s = 0; s < time.steps; ++s)
        for (std::size_t c = 0; c < in.countries.size(); ++c)
            x.years_to_election[s * in.countries.size() + c] =
                years_to_election(in.countries[c].election_years, time.time_years(s), p.term_years);
}

/// Step index of a (year, month), or -1 outside the run.
long step_of(const TimeAxis& time, int year, int month) {
    const long months = (year - time.start_year) * 12L + (month - 1) - static_cast<long>(time.start_month0());
    if (months < 0) return -1;
    const long s = months / time.months_per_step;
    return s < static_cast<long>(time.steps) ? s : -1;
}

void open_window(Exogenous& x, const TimeAxis& time, long s0, std::size_t c, double strength, long window) {
    x.visit_start[static_cast<std::size_t>(s0) * x.countries + c] = 1;
    for (long s = s0; s < std::min<long>(s0 + window, static_cast<long>(time.steps)); ++s) {
        auto& cell = x.visit[static_cast<std::size_t>(s) * x.countries + c];
        cell = std::max(cell, strength);
    }
}

/// Observed trips open windows up to visit_observed_until (or run.data_until if earlier); after
/// it, trips are a Poisson process per country at its rate over the 7 years to 2019 (or to
/// run.data_until), President/Premier and Foreign Minister separately.
void fill_visits(Exogenous& x, const data::InputData& in, const TimeAxis& time, const Params& p) {
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t c = 0; c < in.countries.size(); ++c) index[in.countries[c].iso3] = c;
    const auto window = static_cast<long>(std::ceil(p.visit_window));
    std::vector<double> top_rate(x.countries, 0.0), fm_rate(x.countries, 0.0);
    const int rate_last = last_observed_year(p);
    const int calendar_last = observed_until(p, p.visit_observed_until);
    for (const auto& v : in.visits) {
        const auto it = index.find(v.iso3);
        if (it == index.end()) continue;
        const bool fm = v.position == "Foreign Minister";
        if (v.year >= rate_last - 6 && v.year <= rate_last) (fm ? fm_rate : top_rate)[it->second] += 1.0 / 7.0;
        if (v.year > calendar_last) continue;
        const long s0 = step_of(time, v.year, std::max(1, v.month));
        if (s0 >= 0) open_window(x, time, s0, it->second, fm ? p.visit_fm_weight : 1.0, window);
    }
    for (std::size_t s = 0; s < time.steps; ++s) {
        if (time.year(s) <= calendar_last) continue;
        for (std::size_t c = 0; c < x.countries; ++c) {
            sim::Rng rng(p.seed, static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(c),
                         stream_id(Stream::VisitProjection));
            if (rng.poisson(top_rate[c] * time.dt_years) > 0)
                open_window(x, time, static_cast<long>(s), c, 1.0, window);
            else if (rng.poisson(fm_rate[c] * time.dt_years) > 0)
                open_window(x, time, static_cast<long>(s), c, p.visit_fm_weight, window);
        }
    }
}

/// Last year in which any country's Chinese official finance is reported (AidData ends in 2014).
int last_finance_year(const std::vector<data::Country>& countries) {
    int last = data::kFirstYear;
    for (const auto& k : countries)
        for (int y = data::kFirstYear; y <= data::kLastYear; ++y)
            if (!std::isnan(k.cn_finance_usd[static_cast<std::size_t>(y - data::kFirstYear)])) last = std::max(last, y);
    return last;
}

/// F_c(year) in USD million: Chinese official finance to the country over the loan_record_years
/// up to the year before (R9: lagged), or over the last reported years once the record ends.
double finance_record_musd(const data::Country& k, int year, int last_reported, int window) {
    const int y1 = std::min(year - 1, last_reported);
    double usd = 0.0;
    for (int y = std::max(y1 - window + 1, data::kFirstYear); y <= y1; ++y) {
        const double f = k.cn_finance_usd[static_cast<std::size_t>(y - data::kFirstYear)];
        if (!std::isnan(f)) usd += f;
    }
    return usd / 1e6;
}

/// The weight of a country in the year's loan budget (structure.loan_allocation): its lending
/// record (F_c + floor)^lambda, or (first build) exp(zeta S_c(t)); times (1 + b_BRI BRI_c(t)).
double loan_weight(const Exogenous& x, const data::Country& k, std::size_t s, std::size_t c, int year, int last_reported,
                   const Params& p) {
    const bool bri = x.bri[s * x.countries + c] != 0;
    const double base = p.structure.loan_allocation == LoanAllocation::FinanceRecord
                            ? std::pow(finance_record_musd(k, year, last_reported, p.loan_record_years) +
                                           p.loan_record_floor_musd,
                                       p.loan_record_exponent)
                            : std::exp(p.loan_strategic_exponent * x.strategic[s * x.countries + c]);
    return base * (1.0 + p.loan_bri_bonus * (bri ? 1.0 : 0.0));
}

/// Loan availability (§4.10, R8): the year's budget L(t), with the Belt-and-Road step from 2013, is
/// shared across countries in proportion to loan_weight(); a country's allocation A_c becomes the
/// probability 1 - exp(-A_c / reference project) that an offer there can carry a loan.
void fill_loans(Exogenous& x, const data::InputData& in, const CountryTable& ct, const TimeAxis& time, const Params& p) {
    const std::size_t n = ct.size();
    const int last_reported = last_finance_year(in.countries);
    std::vector<double> share(n);
    for (std::size_t s = 0; s < time.steps; ++s) {
        const int year = time.year(s);
        const double budget = p.loan_budget_musd * (year >= 2013 ? p.loan_step_2013 : 1.0);
        double total = 0.0;
        for (std::size_t c = 0; c < n; ++c) {
            x.bri[s * n + c] = ct.first_bri_year[c] != 0 && year >= ct.first_bri_year[c] ? 1 : 0;
            share[c] = loan_weight(x, in.countries[c], s, c, year, last_reported, p);
            total += share[c];
        }
        for (std::size_t c = 0; c < n; ++c) {
            const double allocation = total > 0.0 ? budget * share[c] / total : 0.0;
            x.loan_availability[s * n + c] = 1.0 - std::exp(-allocation / p.loan_ref_project_musd);
        }
        x.salience[s] = year >= p.salience_year ? 1.0 : 0.0;
    }
}

/// Last report at or before `year` (no look-ahead), else `fallback`.
double reported_by(const data::YearSeries& s, int year, double fallback) {
    for (int y = std::min(year, data::kLastYear); y >= data::kFirstYear; --y) {
        const double v = s[static_cast<std::size_t>(y - data::kFirstYear)];
        if (!std::isnan(v)) return v;
    }
    return fallback;
}

/// R9: strategic importance, debt, veto players, data protection and democracy as known in each
/// year; with structure.covariates = static, the country table's means (the first build).
void fill_covariates(Exogenous& x, const data::InputData& in, const CountryTable& ct, const TimeAxis& time,
                     const Params& p) {
    const std::size_t n = ct.size();
    const bool dynamic = p.structure.covariates == Covariates::TimeVarying;
    std::vector<double> gdp(n);
    for (std::size_t c = 0; c < n; ++c) gdp[c] = ct.gdp_pc_usd[c] * ct.population[c];
    int cached_year = -1;
    std::vector<double> strategic = ct.strategic, debt = ct.debt;
    for (std::size_t s = 0; s < time.steps; ++s) {
        const int year = time.year(s);
        if (dynamic && year != cached_year) {
            strategic = strategic_importance_at(in.countries, p, year);
            debt = debt_at(in.countries, gdp, year);
            cached_year = year;
        }
        for (std::size_t c = 0; c < n; ++c) {
            const std::size_t k = s * n + c;
            x.strategic[k] = strategic[c];
            x.debt[k] = debt[c];
            const double libdem = dynamic ? reported_by(in.countries[c].libdem, year, ct.veto[c]) : ct.veto[c];
            const bool richer = ct.income_group[c] == "High income" || ct.income_group[c] == "Upper middle income";
            x.veto[k] = libdem;
            x.data_protection[k] = dynamic ? libdem * (richer ? 1.0 : 0.5) : ct.data_protection[c];
            x.polyarchy[k] = dynamic ? reported_by(in.countries[c].polyarchy, year, ct.polyarchy[c]) : ct.polyarchy[c];
        }
    }
}

/// R8: Huawei's reported Safe City footprint in cities (vendor_footprints.csv rows of vendor
/// Huawei, unit cities, scope safe_city, with a year), each taken at mid-year; with
/// run.data_until and run.data_until_footprints = cut, only those dated up to data_until.
std::vector<FootprintAnchor> huawei_anchors(const data::InputData& in, const Params& p) {
    const bool cut = p.data_until != 0 && p.data_until_cuts_footprints;
    std::vector<FootprintAnchor> out;
    for (const auto& f : in.footprints)
        if (f.vendor == "Huawei" && f.unit == "cities" && f.scope == "safe_city" && f.year && f.value > 0 &&
            !(cut && *f.year > p.data_until))
            out.push_back({*f.year + 0.5, f.value});
    return out;
}

void fill_supply(Exogenous& x, const data::InputData& in, const TimeAxis& time, const Params& p) {
    const FootprintPath path(huawei_anchors(in, p), p.market_entry_year);
    for (std::size_t s = 0; s < time.steps; ++s) {
        x.supply[s] = path.relative_capacity(time.time_years(s));
        x.loan_budget_musd[s] = p.loan_budget_musd * (time.year(s) >= 2013 ? p.loan_step_2013 : 1.0);
    }
}

}  // namespace

TimeAxis build_time_axis(const Params& p) {
    TimeAxis t;
    t.start_year = p.start_year;
    t.start_quarter = p.start_quarter;
    t.months_per_step = p.months_per_step;
    const int months = (p.end_year - p.start_year) * 12 + (p.end_quarter - p.start_quarter) * 3 + 3;
    t.steps = static_cast<std::size_t>(months / p.months_per_step);
    t.dt_years = p.months_per_step / 12.0;
    return t;
}

Exogenous build_exogenous(const data::InputData& input, const CountryTable& countries, const TimeAxis& time,
                          const Params& p) {
    Exogenous x;
    x.steps = time.steps;
    x.countries = countries.size();
    const std::size_t cells = x.steps * x.countries;
    x.crime_z.assign(cells, 0.0);
    x.years_to_election.assign(cells, data::kMissing);
    x.visit.assign(cells, 0.0);
    x.visit_start.assign(cells, 0);
    x.bri.assign(cells, 0);
    x.loan_availability.assign(cells, 0.0);
    x.salience.assign(x.steps, 0.0);
    for (auto* v : {&x.strategic, &x.debt, &x.veto, &x.data_protection, &x.polyarchy}) v->assign(cells, 0.0);
    fill_covariates(x, input, countries, time, p);
    x.supply.assign(x.steps, 1.0);
    x.loan_budget_musd.assign(x.steps, 0.0);
    fill_supply(x, input, time, p);
    fill_crime(x, input, countries, time, p);
    fill_elections(x, input, time, p);
    fill_visits(x, input, time, p);
    fill_loans(x, input, countries, time, p);
    return x;
}

}  // namespace pushpull
