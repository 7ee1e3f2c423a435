#include "models/pushpull/record/summary.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "models/pushpull/record/observation.hpp"
#include "models/pushpull/streams.hpp"
#include "models/pushpull/world/series_math.hpp"

namespace pushpull {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double share(double part, double whole) { return whole > 0 ? part / whole : kNaN; }

double quantile(std::vector<double> v, double q) {
    if (v.empty()) return kNaN;
    std::sort(v.begin(), v.end());
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

class Builder {
public:
    void add(std::string name, double value) { out_.push_back({std::move(name), value}); }
    [[nodiscard]] std::size_t size() const { return out_.size(); }
    /// Sets statistics from index `first` on to NaN, except those named in `keep`.
    void blank_from(std::size_t first, const std::vector<std::string>& keep) {
        for (std::size_t k = first; k < out_.size(); ++k)
            if (std::find(keep.begin(), keep.end(), out_[k].name) == keep.end()) out_[k].value = kNaN;
    }
    std::vector<Statistic> take() { return std::move(out_); }

private:
    std::vector<Statistic> out_;
};

/// T1, T4, T8: countries with a Chinese agreement by the end of each year; T5 timing.
void adoption_curve(Builder& b, const World& w, const std::vector<long>& first) {
    const auto count_by = [&](long step) {
        if (step < 0) return kNaN;
        return static_cast<double>(std::count_if(first.begin(), first.end(), [&](long f) { return f >= 0 && f <= step; }));
    };
    for (int y = 2008; y <= 2030; ++y) {
        const long s = w.time.last_step_of_year(y);
        if (s >= 0) b.add("countries_adopted_" + std::to_string(y), count_by(s));
    }
    long q1 = -1;
    for (std::size_t s = 0; s < w.time.steps; ++s)
        if (w.time.year(s) == 2019 && w.time.quarter(s) == 1) q1 = static_cast<long>(s);
    b.add("countries_adopted_2019q1", count_by(q1));
    const long end2014 = w.time.last_step_of_year(2014), end2019 = w.time.last_step_of_year(2019);
    const long end2012 = w.time.last_step_of_year(2012);
    b.add("share_first_adoptions_2008_2012",
          end2019 < 0 || end2012 < 0 ? kNaN : share(count_by(end2012), count_by(end2019)));
    b.add("share_first_adoptions_2015_2019",
          end2019 < 0 ? kNaN : share(count_by(end2019) - count_by(end2014 < 0 ? -1 : end2014), count_by(end2019)));
}

/// T2, T3, P4, P5: agreements by vendor and the composition of Huawei's.
void agreements(Builder& b, const World& w, const std::vector<Event>& events, long end2019) {
    double huawei = 0, chinese = 0, all = 0, free = 0, partly = 0, not_free = 0, asia = 0, ssa = 0, lmi = 0, umi = 0;
    std::set<std::int32_t> huawei_countries;
    std::map<std::int32_t, int> per_country;
    for (const auto& e : events) {
        if (e.kind != EventKind::Award || (end2019 >= 0 && e.step > end2019)) continue;
        ++all;
        const auto v = static_cast<std::size_t>(e.vendor);
        if (!w.vendors[v].chinese) continue;
        ++chinese;
        ++per_country[e.country];
        if (v != kHuawei) continue;
        const auto c = static_cast<std::size_t>(e.country);
        ++huawei;
        huawei_countries.insert(e.country);
        free += w.countries.regime[c] == Regime::Free;
        partly += w.countries.regime[c] == Regime::PartlyFree;
        not_free += w.countries.regime[c] == Regime::NotFree;
        asia += w.countries.region_un[c] == "Asia";
        ssa += w.countries.region_wb[c] == "Sub-Saharan Africa";
        lmi += w.countries.income_group[c] == "Lower middle income";
        umi += w.countries.income_group[c] == "Upper middle income";
    }
    b.add("huawei_agreements_2019", huawei);
    b.add("huawei_countries_2019", static_cast<double>(huawei_countries.size()));
    b.add("huawei_share_free", share(free, huawei));
    b.add("huawei_share_partly_free", share(partly, huawei));
    b.add("huawei_share_not_free", share(not_free, huawei));
    b.add("huawei_share_asia", share(asia, huawei));
    b.add("huawei_share_ssa", share(ssa, huawei));
    b.add("huawei_share_lower_middle", share(lmi, huawei));
    b.add("huawei_share_upper_middle", share(umi, huawei));
    b.add("chinese_agreements_2019", chinese);
    b.add("huawei_share_of_chinese_agreements", share(huawei, chinese));
    b.add("chinese_share_of_all_agreements", share(chinese, all));
    int max_one = 0;
    for (const auto& [c, n] : per_country) max_one = std::max(max_one, n);
    b.add("agreements_per_adopting_country", share(chinese, static_cast<double>(per_country.size())));
    // R11: P4 is CSIS's Huawei-only count (73 agreements in 52 countries).
    b.add("huawei_agreements_per_country", share(huawei, static_cast<double>(huawei_countries.size())));
    b.add("max_agreements_one_country", max_one);
}

/// T6: cross-country logit of adoption by 2019 on log homicide, strategic importance, democracy.
void logit_signs(Builder& b, const World& w, const std::vector<long>& first, long end2019) {
    std::vector<double> crime, strategic = w.countries.strategic, democracy = w.countries.polyarchy;
    for (double h : w.countries.homicide) crime.push_back(std::log(h + 0.1));
    standardise(crime);
    standardise(strategic);
    standardise(democracy);
    std::vector<std::vector<double>> x;
    std::vector<int> y;
    for (std::size_t c = 0; c < w.countries.size(); ++c) {
        x.push_back({crime[c], strategic[c], democracy[c]});
        y.push_back(first[c] >= 0 && (end2019 < 0 || first[c] <= end2019) ? 1 : 0);
    }
    const auto beta = fit_logit(x, y);
    b.add("logit_coef_homicide", beta.empty() ? kNaN : beta[1]);
    b.add("logit_coef_strategic", beta.empty() ? kNaN : beta[2]);
    b.add("logit_coef_democracy", beta.empty() ? kNaN : beta[3]);
}

/// T7: lags from agreement to go-live, visit clustering of Chinese agreements; P6 contest outcomes.
void process(Builder& b, const World& w, const std::vector<Event>& events, long end2019) {
    std::map<std::int32_t, std::int32_t> award_step;
    std::vector<double> lags;
    double in_window = 0, chinese = 0, contests = 0, delays = 0, downscales = 0, contest_cancels = 0;
    std::int32_t last_contest_city = -1, last_contest_step = -1;
    for (const auto& e : events) {
        if (e.kind == EventKind::Award) {
            award_step[e.city] = e.step;
            if (w.vendors[static_cast<std::size_t>(e.vendor)].chinese && (end2019 < 0 || e.step <= end2019)) {
                ++chinese;
                in_window += w.exo.at(w.exo.visit, static_cast<std::size_t>(e.step), static_cast<std::size_t>(e.country)) > 0;
            }
        } else if (e.kind == EventKind::GoLive) {
            lags.push_back((e.step - award_step[e.city]) * w.time.dt_years);
        } else if (e.kind == EventKind::Contest) {
            ++contests;
            last_contest_city = e.city;
            last_contest_step = e.step;
        } else if (e.kind == EventKind::Delay) {
            ++delays;
        } else if (e.kind == EventKind::Downscale) {
            ++downscales;
        } else if (e.kind == EventKind::Cancel && e.city == last_contest_city && e.step == last_contest_step) {
            ++contest_cancels;
        }
    }
    const std::size_t steps = end2019 >= 0 ? static_cast<std::size_t>(end2019 + 1) : w.time.steps;
    double open = 0;
    for (std::size_t s = 0; s < steps; ++s)
        for (std::size_t c = 0; c < w.countries.size(); ++c) open += w.exo.at(w.exo.visit, s, c) > 0;
    const double base = open / static_cast<double>(steps * w.countries.size());
    b.add("median_lag_agreement_to_operation_years", quantile(lags, 0.5));
    b.add("lag_agreement_to_operation_years_min", quantile(lags, 0.1));
    b.add("lag_agreement_to_operation_years_max", quantile(lags, 0.9));
    b.add("visit_clustering_ratio", base > 0 ? share(in_window, chinese) / base : kNaN);
    b.add("contest_share_delay", share(delays, contests));
    b.add("contest_share_downscale", share(downscales, contests));
    b.add("contest_share_cancel", share(contest_cancels, contests));
}

/// T8: are the documented adopters (main curve definition) adopters in the simulation?
void documented(Builder& b, const World& w, const std::vector<long>& first, long end2019,
                const std::vector<data::DocumentedAdoption>& docs) {
    std::set<std::string> adopters;
    for (const auto& d : docs)
        if ((d.confidence == "high" || d.confidence == "medium") && d.year_first_documented &&
            *d.year_first_documented <= 2019 && (d.scope == "platform" || d.scope == "FR_platform" || d.scope == "pilot"))
            adopters.insert(d.iso3);
    double hit = 0, known = 0;
    for (std::size_t c = 0; c < w.countries.size(); ++c) {
        if (!adopters.contains(w.countries.iso3[c])) continue;
        ++known;
        hit += first[c] >= 0 && (end2019 < 0 || first[c] <= end2019);
    }
    b.add("documented_adopters_adopting_share", share(hit, known));
}

/// Average ranks (1-based), ties sharing their mean rank.
std::vector<double> ranks(const std::vector<double>& v) {
    std::vector<std::size_t> idx(v.size());
    for (std::size_t k = 0; k < idx.size(); ++k) idx[k] = k;
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t a = 0; a < idx.size();) {
        std::size_t b = a;
        while (b + 1 < idx.size() && v[idx[b + 1]] == v[idx[a]]) ++b;
        for (std::size_t k = a; k <= b; ++k) r[idx[k]] = 0.5 * static_cast<double>(a + b) + 1.0;
        a = b + 1;
    }
    return r;
}

/// R10, R11: the documented record as the observation model thins it, and how the simulated order
/// of adoption matches the documented one. Each adopting country's documentation time is drawn
/// (stream Documentation, keyed by the country), so the simulated documented curve carries the
/// record's own noise; documented years are compared with the simulated documented years.
void documentation_fit(Builder& b, const World& w, const std::vector<long>& first, long end2019,
                       const std::vector<data::DocumentedAdoption>& docs, const Params& p) {
    const auto doc_year = documented_first_years(w, docs);
    const std::size_t n = w.countries.size();
    std::vector<double> adopt_time(n, std::numeric_limits<double>::infinity());
    for (std::size_t c = 0; c < n; ++c)
        if (first[c] >= 0) adopt_time[c] = w.time.time_years(static_cast<std::size_t>(first[c]));
    const std::vector<double> documented_at = documentation_draws(w, first, p);
    for (int y = 2009; y <= 2019; ++y) {
        if (w.time.last_step_of_year(y) < 0) continue;
        double count = 0;
        for (std::size_t c = 0; c < n; ++c) count += documented_at[c] < y + 1.0 && first[c] <= w.time.last_step_of_year(y);
        b.add("observed_countries_" + std::to_string(y), count);
    }
    // AUC: score = years adopted by the end of 2019 (0 if not), documented adopters against the rest
    // of the countries that can adopt. Spearman: simulated documented year (2020 if not documented
    // by 2019) against the documented year, over the documented adopters.
    std::vector<double> score, sim_year, docu_year;
    std::vector<int> positive;
    for (std::size_t c = 0; c < n; ++c) {
        if (w.countries.can_adopt[c] == 0) continue;
        const bool by_2019 = first[c] >= 0 && end2019 >= 0 && first[c] <= end2019;
        score.push_back(by_2019 ? 2020.0 - adopt_time[c] : 0.0);
        positive.push_back(doc_year[c] > 0 && doc_year[c] <= 2019 ? 1 : 0);
        if (positive.back()) {
            sim_year.push_back(by_2019 && documented_at[c] < 2020.0 ? std::floor(documented_at[c]) : 2020.0);
            docu_year.push_back(doc_year[c]);
        }
    }
    b.add("documented_adopters_auc", end2019 >= 0 ? auc(score, positive) : kNaN);
    b.add("documented_year_spearman", end2019 >= 0 ? spearman(sim_year, docu_year) : kNaN);
}

/// R10, R11 (P4): CSIS counted the Huawei agreements public sources document (73 in 52 countries),
/// so P4 compares with the documented record too: each Huawei agreement signed by 2019 is
/// documented by the end of 2019 with the observation model's probability for its signing time
/// (its own draw, stream Documentation keyed by step and city) and found by an agreement count with
/// probability obs_agreement_share; the statistic is documented agreements per country with at
/// least one documented agreement.
void documented_agreements(Builder& b, const World& w, const std::vector<Event>& events, long end2019,
                           const Params& p) {
    if (end2019 < 0) {
        b.add("documented_huawei_agreements_2019", kNaN);
        b.add("documented_huawei_agreements_per_country", kNaN);
        return;
    }
    double documented = 0;
    std::set<std::int32_t> countries;
    for (const auto& e : events) {
        if (e.kind != EventKind::Award || e.step > end2019 || e.vendor != static_cast<std::int8_t>(kHuawei)) continue;
        const double a = w.time.time_years(static_cast<std::size_t>(e.step));
        sim::Rng rng(p.seed, static_cast<std::uint32_t>(e.step), static_cast<std::uint32_t>(e.city),
                     stream_id(Stream::Documentation) * 64u + 1u);
        if (draw_documentation_time(a, p, rng) >= 2020.0 || !rng.bernoulli(p.obs_agreement_share)) continue;
        ++documented;
        countries.insert(e.country);
    }
    b.add("documented_huawei_agreements_2019", documented);
    b.add("documented_huawei_agreements_per_country", share(documented, static_cast<double>(countries.size())));
}

}  // namespace

std::vector<double> documentation_draws(const World& w, const std::vector<long>& first, const Params& p) {
    std::vector<double> at(w.countries.size(), std::numeric_limits<double>::infinity());
    for (std::size_t c = 0; c < at.size(); ++c) {
        if (first[c] < 0) continue;
        sim::Rng rng(p.seed, 0, static_cast<std::uint32_t>(c), stream_id(Stream::Documentation) * 64u);
        at[c] = draw_documentation_time(w.time.time_years(static_cast<std::size_t>(first[c])), p, rng);
    }
    return at;
}

std::vector<double> documented_times(const World& w, const State& state, const Params& p) {
    auto at = documentation_draws(w, country_first_steps(w, state), p);
    const double end = w.time.steps == 0 ? 0.0 : w.time.time_years(w.time.steps - 1) + w.time.dt_years;
    for (double& t : at)
        if (!(t < end)) t = std::numeric_limits<double>::infinity();
    return at;
}

std::vector<int> documented_first_years(const World& w, const std::vector<data::DocumentedAdoption>& docs) {
    return documented_first_years(w.countries.iso3, docs);
}

std::vector<int> documented_first_years(const std::vector<std::string>& iso3,
                                        const std::vector<data::DocumentedAdoption>& docs) {
    std::map<std::string, int> year;
    for (const auto& d : docs)
        if ((d.confidence == "high" || d.confidence == "medium") && d.year_first_documented &&
            (d.scope == "platform" || d.scope == "FR_platform" || d.scope == "pilot")) {
            auto& y = year[d.iso3];
            if (y == 0 || *d.year_first_documented < y) y = *d.year_first_documented;
        }
    std::vector<int> out(iso3.size(), 0);
    for (std::size_t c = 0; c < out.size(); ++c)
        if (const auto it = year.find(iso3[c]); it != year.end()) out[c] = it->second;
    return out;
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() != y.size() || x.size() < 3) return kNaN;
    const auto rx = ranks(x), ry = ranks(y);
    const double n = static_cast<double>(x.size());
    double mx = 0, my = 0;
    for (std::size_t k = 0; k < rx.size(); ++k) mx += rx[k] / n, my += ry[k] / n;
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t k = 0; k < rx.size(); ++k) {
        sxy += (rx[k] - mx) * (ry[k] - my);
        sxx += (rx[k] - mx) * (rx[k] - mx);
        syy += (ry[k] - my) * (ry[k] - my);
    }
    return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : kNaN;
}

double auc(const std::vector<double>& score, const std::vector<int>& positive) {
    double pos = 0, neg = 0, wins = 0;
    for (std::size_t a = 0; a < score.size(); ++a) {
        if (!positive[a]) continue;
        ++pos;
        for (std::size_t b = 0; b < score.size(); ++b) {
            if (positive[b]) continue;
            wins += score[a] > score[b] ? 1.0 : score[a] == score[b] ? 0.5 : 0.0;
        }
    }
    for (int x : positive) neg += x == 0;
    return pos > 0 && neg > 0 ? wins / (pos * neg) : kNaN;
}

std::vector<long> country_first_steps(const World& w, const State& s) {
    std::vector<long> first(w.countries.size(), -1);
    for (std::size_t c = 0; c < w.countries.size(); ++c)
        for (auto i = w.countries.city_begin[c]; i < w.countries.city_end[c]; ++i) {
            const long f = s.cities.first_chinese_step[i];
            if (f >= 0 && (first[c] < 0 || f < first[c])) first[c] = f;
        }
    return first;
}

std::vector<double> fit_logit(const std::vector<std::vector<double>>& x, const std::vector<int>& y) {
    const auto n = static_cast<Eigen::Index>(x.size());
    if (n == 0) return {};
    const auto k = static_cast<Eigen::Index>(x[0].size() + 1);
    Eigen::MatrixXd X(n, k);
    Eigen::VectorXd Y(n);
    for (Eigen::Index r = 0; r < n; ++r) {
        X(r, 0) = 1.0;
        for (Eigen::Index j = 1; j < k; ++j) X(r, j) = x[static_cast<std::size_t>(r)][static_cast<std::size_t>(j - 1)];
        Y(r) = y[static_cast<std::size_t>(r)];
    }
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(k);
    for (int iter = 0; iter < 50; ++iter) {
        const Eigen::VectorXd p = (1.0 + (-(X * beta)).array().exp()).inverse().matrix();
        const Eigen::VectorXd w = p.array() * (1.0 - p.array());
        Eigen::MatrixXd H = X.transpose() * w.asDiagonal() * X;
        H.diagonal().array() += 1e-6;
        const Eigen::VectorXd step = H.ldlt().solve(X.transpose() * (Y - p));
        beta += step;
        if (!beta.allFinite()) return {};
        if (step.norm() < 1e-9) break;
    }
    return {beta.data(), beta.data() + beta.size()};
}

std::vector<Statistic> summarise(const World& world, const State& state, const std::vector<Event>& events,
                                 const Series& series, const std::vector<data::DocumentedAdoption>& docs,
                                 const Params& params) {
    Builder b;
    const auto first = country_first_steps(world, state);
    const long end2019 = world.time.last_step_of_year(2019);
    adoption_curve(b, world, first);
    // Statistics "of 2019" need a run that reaches the end of 2019; otherwise they are NaN.
    const std::size_t before = b.size();
    agreements(b, world, events, end2019);
    logit_signs(b, world, first, end2019);
    process(b, world, events, end2019);
    documented(b, world, first, end2019, docs);
    documentation_fit(b, world, first, end2019, docs, params);
    documented_agreements(b, world, events, end2019, params);
    if (end2019 < 0) {
        // Kept: statistics defined for any run length, among them the documented curve of the
        // years the run reaches (a temporal hold-out fits those).
        std::vector<std::string> keep = {"median_lag_agreement_to_operation_years",
                                         "lag_agreement_to_operation_years_min",
                                         "lag_agreement_to_operation_years_max", "contest_share_delay",
                                         "contest_share_downscale", "contest_share_cancel"};
        for (int y = 2009; y <= 2018; ++y) keep.push_back("observed_countries_" + std::to_string(y));
        b.blank_from(before, keep);
    }
    b.add("cities_adopted_end", series.cities_adopted.empty() ? kNaN : series.cities_adopted.back());
    b.add("countries_adopted_end", series.countries_adopted.empty() ? kNaN : series.countries_adopted.back());
    // R6: the later stages by the end of 2019, and who decided the first projects (R1).
    const auto at_2019 = [&](const std::vector<std::int32_t>& v) {
        return end2019 >= 0 && v.size() > static_cast<std::size_t>(end2019) ? static_cast<double>(v[static_cast<std::size_t>(end2019)]) : kNaN;
    };
    b.add("countries_approved_2019", at_2019(series.countries_approved));
    b.add("countries_operating_2019", at_2019(series.countries_operating));
    b.add("countries_active_2019", at_2019(series.countries_active));
    double first_sub = 0, first_all = 0;
    for (std::size_t i = 0; i < world.cities.size(); ++i) {
        if (state.cities.first_chinese_step[i] < 0) continue;
        ++first_all;
        first_sub += state.cities.first_chinese_level[i] == kLevelSubnational;
    }
    b.add("cities_first_project_subnational_share", share(first_sub, first_all));
    return b.take();
}

}  // namespace pushpull
