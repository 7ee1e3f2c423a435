#pragma once
/// A paired contrast of two experiment arms as an Evaluator: for a point of the sweep, both arms of
/// an experiment file (docs/EXPERIMENTS.md) get the swept keys set on top of their own overrides,
/// run with the SAME seed (common random numbers) to the experiment's horizon, and the statistics
/// are the differences a − b of every experiment statistic ("delta_<statistic>"), followed by the
/// two arms' levels of countries adopting at the horizon. This is how a sweep asks under which
/// values of the unidentified parameters a contrast (e.g. the headline tailored-subnational minus
/// generic-national) keeps or flips its sign.
///
/// The experiment's replicates and seed are not used: the sweep owns points, replicates and seeds.
/// Its draws are honoured (R14): with posterior draws, [priors] or [[structure]] the experiment has
/// C cells (spec.hpp), and the run with seed s evaluates both arms in cell s mod C (the cell's
/// overrides before the arm's, as `pushpull experiment` does), recorded as the statistic "cell". The input data are loaded once and shared read-only; runs may execute concurrently.
#include <array>
#include <filesystem>
#include <map>
#include <memory>

#include "models/pushpull/data/input_data.hpp"
#include "models/pushpull/world/world.hpp"
#include "models/study/evaluator.hpp"
#include "sim/config/scenario.hpp"
#include "sim/config/schema.hpp"

namespace study {

class ContrastEvaluator final : public Evaluator {
public:
    /// Parses and resolves the experiment (parse_spec, make_plan), finds the arms `a` and `b`
    /// (BadInput naming an unknown arm and listing the known ones), checks every swept key is a
    /// numeric, non-run.* key of the model that neither arm sets (sweeping a key an arm is defined
    /// by would erase the difference), applies `sets` to both arms, loads the data and makes one
    /// probe run to learn the statistic names. Errors: BadInput, Io for data files.
    static sim::Result<std::unique_ptr<ContrastEvaluator>> create(const std::filesystem::path& experiment,
                                                                  const std::string& a, const std::string& b,
                                                                  const std::vector<std::string>& sets,
                                                                  const std::vector<std::string>& parameters);

    [[nodiscard]] const std::vector<std::string>& parameters() const override { return keys_; }
    [[nodiscard]] const std::vector<std::string>& statistics() const override { return statistics_; }
    /// delta_countries_adopted, delta_cities_adopted, delta_chinese_agreements (a − b per step).
    [[nodiscard]] const std::vector<std::string>& series_names() const override { return series_names_; }
    [[nodiscard]] std::size_t series_length() const override { return steps_; }
    [[nodiscard]] sim::Result<Outcome> evaluate(const std::vector<double>& values, std::uint64_t seed,
                                                bool with_series) const override;
    /// Two `pushpull run` commands (arm a, then arm b), one per line, each after a `#` comment line.
    [[nodiscard]] std::string rerun_command(const std::vector<double>& values, std::uint64_t seed) const override;

    /// Both arms' resolved configurations (TOML, each after a comment naming the arm), for provenance.
    [[nodiscard]] std::string resolved_toml() const;
    [[nodiscard]] const std::vector<std::string>& sources() const { return sources_; }
    [[nodiscard]] const std::map<std::string, std::string>& checksums() const { return input_->checksums; }
    [[nodiscard]] const sim::config::KeySpec& key_spec(std::size_t i) const { return *specs_[i]; }
    /// What each run draws (for --dry-run): the cells and their overrides.
    [[nodiscard]] std::string describe_draws() const;
    [[nodiscard]] std::size_t cells() const { return cell_sets_.empty() ? 1 : cell_sets_.size(); }
    /// "a - b" with the arm names.
    [[nodiscard]] std::string label() const { return arm_names_[0] + " - " + arm_names_[1]; }

private:
    ContrastEvaluator() = default;
    std::filesystem::path experiment_file_, base_file_;
    std::string horizon_;
    std::array<std::string, 2> arm_names_;
    std::array<std::vector<std::string>, 2> arm_sets_;  ///< the arm's overrides, then the sweep's `set`
    std::array<sim::config::Config, 2> arms_;
    std::vector<std::array<sim::config::Config, 2>> cell_arms_;  ///< per cell: both arms (empty: one cell, arms_)
    std::vector<std::vector<std::string>> cell_sets_;            ///< per cell: its overrides
    std::vector<std::string> keys_, statistics_, series_names_, sources_;
    std::vector<const sim::config::KeySpec*> specs_;
    std::size_t steps_ = 0;
    std::unique_ptr<sim::config::Schema> schema_;  // the Configs point into it
    std::shared_ptr<const pushpull::data::InputData> input_;
    std::unique_ptr<const pushpull::NetworkReuse> networks_;  ///< copied by every arm run with the same networks
};

}  // namespace study
