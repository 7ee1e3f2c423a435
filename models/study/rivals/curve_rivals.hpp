#pragma once
/// Two rivals of the push–pull model that simulate only the documented curve (Revision 2 R12 (d)
/// and (e)): the statistics `observed_countries_<year>`, the number of countries with a first
/// documented Chinese platform by the end of each year, as the push–pull model reports them (T8).
///
///  - "bass": an aggregate Bass curve with potential m, innovation p and imitation q, simulated as
///    a chain of binomials: N_2008 = 0 and, each year, Binomial(round(m) − N, min(1, p + q N / m))
///    new countries.
///  - "logit": a country-level discrete-time hazard: country c, not yet documented, is first
///    documented in year y with probability logistic(alpha + trend (y − 2014) + Σ_j b_j z_cj), z the
///    standardised covariates below (a missing value is the sample mean, z = 0):
///        homicide     log homicide per 100k, mean of the reported years 2008–2019
///        finance      log(1 + Chinese official finance 2000–2014, USD)
///        population   log population 2010
///        polyarchy    V-Dem polyarchy, mean 2008–2019
///    Country c in year y draws one uniform from the stream (seed, y, c), so runs are reproducible.
#include <memory>

#include "models/pushpull/data/input_data.hpp"
#include "models/study/evaluator.hpp"

namespace study::rivals {

class CurveRival final : public Evaluator {
public:
    /// `kind` "bass" (parameters m, p, q) or "logit" (alpha, trend, b_homicide, b_finance,
    /// b_population, b_polyarchy); the logit takes its covariates from `data`. Curve years
    /// first_year..last_year. Errors: BadInput for another kind or an empty year range.
    static sim::Result<std::unique_ptr<CurveRival>> create(const std::string& kind,
                                                           const pushpull::data::InputData& data, int first_year = 2009,
                                                           int last_year = 2019);
    /// The kinds create() accepts.
    static const std::vector<std::string>& kinds();
    /// The parameter names of a kind (empty for an unknown kind).
    static std::vector<std::string> parameters_of(const std::string& kind);

    [[nodiscard]] const std::vector<std::string>& parameters() const override { return parameters_; }
    [[nodiscard]] const std::vector<std::string>& statistics() const override { return statistics_; }
    [[nodiscard]] const std::vector<std::string>& series_names() const override { return none_; }
    [[nodiscard]] std::size_t series_length() const override { return 0; }
    /// logit: every country of the data (documented in year y counts as y + 0.5); bass: none.
    [[nodiscard]] const std::vector<std::string>& countries() const override { return iso3_; }
    /// Errors: BadInput for a wrong number of values, m outside [1, countries], p or q outside [0, 1].
    [[nodiscard]] sim::Result<Outcome> evaluate(const std::vector<double>& values, std::uint64_t seed,
                                                bool with_series) const override;
    [[nodiscard]] std::string rerun_command(const std::vector<double>&, std::uint64_t) const override { return ""; }

    /// The logit's standardised covariates, countries × 4 row-major (for tests and reports).
    [[nodiscard]] const std::vector<double>& covariates() const { return z_; }

private:
    CurveRival() = default;
    std::string kind_;
    int first_year_ = 2009, last_year_ = 2019;
    std::size_t countries_ = 0;
    std::vector<double> z_;
    std::vector<std::string> parameters_, statistics_, none_, iso3_;
};

}  // namespace study::rivals
