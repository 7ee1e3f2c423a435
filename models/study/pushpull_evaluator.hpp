#pragma once
/// The push–pull model as an Evaluator: a base scenario plus fixed overrides, with the swept keys
/// set per run (validated against the model's schema like --set). The input data are loaded once
/// and shared read-only by every run; each run builds its own world and runs serially, so runs
/// can execute concurrently.
#include <filesystem>
#include <map>
#include <memory>

#include "models/pushpull/data/input_data.hpp"
#include "models/pushpull/world/world.hpp"
#include "models/study/evaluator.hpp"
#include "sim/config/scenario.hpp"
#include "sim/config/schema.hpp"

namespace study {

/// The full schema keys of swept or calibrated parameters, short names (`beta_crime`) resolved as
/// in --set. Errors: BadInput at `where` (the sweep or calibration file) naming each bad key, with
/// the candidates when a short name is ambiguous and a "did you mean" when it is unknown.
sim::Result<std::vector<std::string>> resolve_parameter_keys(const std::vector<std::string>& keys,
                                                             const std::string& where);

class PushpullEvaluator final : public Evaluator {
public:
    /// Loads the base scenario with `sets` applied, checks every key of `parameters` is a numeric
    /// key of the model, loads the data and makes one probe run (at the base values) to learn the
    /// statistic names. Errors: BadInput naming the scenario, override or key; Io for data files.
    static sim::Result<std::unique_ptr<PushpullEvaluator>> create(const std::filesystem::path& base,
                                                                  const std::vector<std::string>& sets,
                                                                  const std::vector<std::string>& parameters);

    [[nodiscard]] const std::vector<std::string>& parameters() const override { return keys_; }
    [[nodiscard]] const std::vector<std::string>& statistics() const override { return statistics_; }
    [[nodiscard]] const std::vector<std::string>& series_names() const override { return series_names_; }
    [[nodiscard]] std::size_t series_length() const override { return steps_; }
    [[nodiscard]] const std::vector<std::string>& countries() const override { return countries_; }
    [[nodiscard]] sim::Result<Outcome> evaluate(const std::vector<double>& values, std::uint64_t seed,
                                                bool with_series) const override;
    [[nodiscard]] std::string rerun_command(const std::vector<double>& values, std::uint64_t seed) const override;

    /// The resolved base configuration (TOML) and files read, for provenance.
    [[nodiscard]] std::string resolved_toml() const { return base_.to_toml(); }
    [[nodiscard]] const std::vector<std::string>& sources() const { return base_.sources(); }
    [[nodiscard]] const std::map<std::string, std::string>& checksums() const { return input_->checksums; }
    /// The observed targets (data/targets.csv of the scenario's data directory).
    [[nodiscard]] const std::vector<pushpull::data::Target>& targets() const { return input_->targets; }
    /// The loaded input data, shared read-only (the rivals of `pushpull compare` take covariates from it).
    [[nodiscard]] const pushpull::data::InputData& input() const { return *input_; }
    /// The schema entry of a swept key (range and prior).
    [[nodiscard]] const sim::config::KeySpec& key_spec(std::size_t i) const { return *specs_[i]; }
    /// The base value of a swept key.
    [[nodiscard]] double base_value(std::size_t i) const;

    /// The configuration of one run (for writing a scenario file with these values).
    [[nodiscard]] sim::Result<sim::config::Config> config_at(const std::vector<double>& values) const;

private:
    PushpullEvaluator() = default;
    std::filesystem::path base_file_;
    std::vector<std::string> sets_, keys_, statistics_, series_names_, countries_;
    std::vector<const sim::config::KeySpec*> specs_;
    std::size_t steps_ = 0;
    std::unique_ptr<sim::config::Schema> schema_;
    sim::config::Config base_;
    std::shared_ptr<const pushpull::data::InputData> input_;
    std::unique_ptr<const pushpull::NetworkReuse> networks_;  ///< from the probe run, copied by every run with the same networks
};

}  // namespace study
