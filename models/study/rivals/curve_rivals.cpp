#include "models/study/rivals/curve_rivals.hpp"

#include <cmath>
#include <limits>

#include "sim/rng.hpp"

namespace study::rivals {

namespace {

namespace data = pushpull::data;

constexpr std::uint32_t kRivalStream = 0xB455u;  // purpose key of every rival draw
constexpr std::size_t kCovariates = 4;

/// Mean of the finite values of `series` over [from, to] (NaN when none).
double mean_over(const data::YearSeries& series, int from, int to, bool log_values) {
    double sum = 0;
    int n = 0;
    for (int y = from; y <= to; ++y) {
        const auto i = static_cast<std::size_t>(y - data::kFirstYear);
        if (i >= series.size() || !std::isfinite(series[i])) continue;
        if (log_values && series[i] <= 0) continue;
        sum += log_values ? std::log(series[i]) : series[i];
        ++n;
    }
    return n == 0 ? std::nan("") : sum / n;
}

double total_over(const data::YearSeries& series, int from, int to) {
    double sum = 0;
    for (int y = from; y <= to; ++y) {
        const auto i = static_cast<std::size_t>(y - data::kFirstYear);
        if (i < series.size() && std::isfinite(series[i])) sum += series[i];
    }
    return sum;
}

/// Columns standardised to mean 0, SD 1 over their finite values; a missing value becomes 0.
void standardise(std::vector<double>& z, std::size_t rows, std::size_t cols) {
    for (std::size_t j = 0; j < cols; ++j) {
        double sum = 0, ss = 0;
        int n = 0;
        for (std::size_t i = 0; i < rows; ++i)
            if (std::isfinite(z[i * cols + j])) sum += z[i * cols + j], ++n;
        const double mean = n > 0 ? sum / n : 0.0;
        for (std::size_t i = 0; i < rows; ++i)
            if (std::isfinite(z[i * cols + j])) ss += std::pow(z[i * cols + j] - mean, 2);
        const double sd = n > 1 ? std::sqrt(ss / (n - 1)) : 1.0;
        for (std::size_t i = 0; i < rows; ++i) {
            double& v = z[i * cols + j];
            v = std::isfinite(v) && sd > 0 ? (v - mean) / sd : 0.0;
        }
    }
}

double logistic(double x) {
    return 1.0 / (1.0 + std::exp(-x));
}

}  // namespace

const std::vector<std::string>& CurveRival::kinds() {
    static const std::vector<std::string> k{"bass", "logit"};
    return k;
}

std::vector<std::string> CurveRival::parameters_of(const std::string& kind) {
    if (kind == "bass") return {"m", "p", "q"};
    if (kind == "logit") return {"alpha", "trend", "b_homicide", "b_finance", "b_population", "b_polyarchy"};
    return {};
}

sim::Result<std::unique_ptr<CurveRival>> CurveRival::create(const std::string& kind, const data::InputData& input,
                                                            int first_year, int last_year) {
    if (parameters_of(kind).empty()) return sim::bad_input("rival kind", "'" + kind + "' (expected bass or logit)");
    if (last_year < first_year) return sim::bad_input("rival " + kind, "the curve has no year");
    std::unique_ptr<CurveRival> r(new CurveRival());
    r->kind_ = kind;
    r->first_year_ = first_year;
    r->last_year_ = last_year;
    r->parameters_ = parameters_of(kind);
    for (int y = first_year; y <= last_year; ++y) r->statistics_.push_back("observed_countries_" + std::to_string(y));
    r->countries_ = input.countries.size();
    if (kind == "logit")
        for (const auto& c : input.countries) r->iso3_.push_back(c.iso3);
    for (const auto& c : input.countries) {
        r->z_.push_back(mean_over(c.homicide_per_100k, 2008, 2019, true));
        r->z_.push_back(std::log1p(total_over(c.cn_finance_usd, 2000, 2014)));
        const double pop = mean_over(c.population, 2010, 2010, true);
        r->z_.push_back(pop);
        r->z_.push_back(mean_over(c.polyarchy, 2008, 2019, false));
    }
    standardise(r->z_, r->countries_, kCovariates);
    return r;
}

sim::Result<Outcome> CurveRival::evaluate(const std::vector<double>& v, std::uint64_t seed, bool) const {
    if (v.size() != parameters_.size())
        return sim::bad_input("rival " + kind_, "expected " + std::to_string(parameters_.size()) + " values");
    Outcome out;
    const auto year_key = [&](int y) { return static_cast<std::uint32_t>(y); };
    if (kind_ == "bass") {
        const double m = v[0], p = v[1], q = v[2];
        if (!(m >= 1 && m <= static_cast<double>(countries_)))
            return sim::bad_input("rival bass", "m must be in [1, " + std::to_string(countries_) + "]");
        if (!(p >= 0 && p <= 1 && q >= 0 && q <= 1)) return sim::bad_input("rival bass", "p and q must be in [0, 1]");
        const auto potential = static_cast<std::size_t>(std::lround(m));
        std::size_t n = 0;
        for (int y = first_year_; y <= last_year_; ++y) {
            const double h = std::min(1.0, p + q * static_cast<double>(n) / m);
            std::size_t fresh = 0;
            for (std::size_t c = n; c < potential; ++c) {
                sim::Rng rng(seed, year_key(y), static_cast<std::uint32_t>(c), kRivalStream);
                if (rng.uniform() < h) ++fresh;
            }
            n += fresh;
            out.statistics.push_back(static_cast<double>(n));
        }
        return out;
    }
    std::vector<char> documented(countries_, 0);
    out.documented_at.assign(countries_, std::numeric_limits<double>::infinity());
    std::size_t n = 0;
    for (int y = first_year_; y <= last_year_; ++y) {
        const double base = v[0] + v[1] * (y - 2014);
        for (std::size_t c = 0; c < countries_; ++c) {
            if (documented[c] != 0) continue;
            double eta = base;
            for (std::size_t j = 0; j < kCovariates; ++j) eta += v[2 + j] * z_[c * kCovariates + j];
            sim::Rng rng(seed, year_key(y), static_cast<std::uint32_t>(c), kRivalStream);
            if (rng.uniform() < logistic(eta)) {
                documented[c] = 1;
                out.documented_at[c] = y + 0.5;
                ++n;
            }
        }
        out.statistics.push_back(static_cast<double>(n));
    }
    return out;
}

}  // namespace study::rivals
