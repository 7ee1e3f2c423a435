#pragma once
/// Records the per-step series of a run (the /series group) from snapshots.
#include <string>
#include <vector>

#include "models/pushpull/simulation.hpp"

namespace pushpull {

struct Series {
    std::size_t steps = 0;
    std::vector<std::int32_t> countries_adopted;        ///< countries with >= 1 Chinese agreement (cumulative)
    std::vector<std::int32_t> countries_operating;      ///< countries with >= 1 operating Chinese platform
    std::vector<std::int32_t> cities_adopted;           ///< cities with >= 1 Chinese agreement (cumulative)
    std::vector<std::int32_t> cities_operating;         ///< cities operating a Chinese platform
    // R6: outcomes at every stage (Chinese projects).
    std::vector<std::int32_t> countries_approved;       ///< countries with >= 1 approved Chinese project (cumulative)
    std::vector<std::int32_t> cities_approved;          ///< cities with an approved Chinese project (cumulative)
    std::vector<std::int32_t> countries_active;         ///< countries with a signed Chinese project not cancelled (now)
    std::vector<std::int32_t> cities_active;            ///< cities whose current project is Chinese and not cancelled
    std::vector<std::int32_t> countries_cancelled;      ///< countries with a cancelled Chinese project (cumulative)
    std::vector<std::int32_t> cities_cancelled;         ///< cities with a cancelled Chinese project (cumulative)
    std::vector<std::int32_t> chinese_agreements;       ///< cumulative agreements with Chinese vendors
    std::vector<std::int32_t> agreements_by_vendor;     ///< [step x vendor], cumulative
    std::vector<std::int32_t> operating_by_vendor;      ///< [step x vendor], cities operating
    std::vector<std::int32_t> countries_by_region;      ///< [step x region], countries adopted
    std::vector<std::int32_t> countries_by_regime;      ///< [step x regime group], countries adopted
    std::vector<std::int32_t> tenders_open;
    std::vector<std::int32_t> contests;                 ///< cumulative contest events
    std::vector<std::int32_t> cancellations;            ///< cumulative cancel events
    std::vector<std::int32_t> messages;                 ///< cumulative U.S. messages
    std::vector<std::int32_t> refusals;                 ///< cumulative refusals by the national gate before signature (R3)
    std::vector<std::int32_t> alternatives;             ///< cumulative U.S.-backed alternative offers (R5)
    std::vector<std::string> regions;                   ///< column names of countries_by_region
};

class TrajectoryRecorder final : public sim::Recorder<Snapshot> {
public:
    explicit TrajectoryRecorder(const World& world);
    void record(std::size_t step, const Snapshot& snap) override;
    [[nodiscard]] const Series& series() const { return series_; }

private:
    Series series_;
    std::vector<std::size_t> region_of_;  // country -> column
    std::array<std::int32_t, kVendors> agreements_{};
    std::int32_t chinese_agreements_ = 0, contests_ = 0, cancels_ = 0, messages_ = 0, refusals_ = 0, alternatives_ = 0;
};

}  // namespace pushpull
