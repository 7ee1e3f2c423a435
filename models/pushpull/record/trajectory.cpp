#include "models/pushpull/record/trajectory.hpp"

#include <algorithm>

namespace pushpull {

TrajectoryRecorder::TrajectoryRecorder(const World& world) {
    auto regions = world.countries.region_un;
    std::sort(regions.begin(), regions.end());
    regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
    series_.regions = regions;
    for (const auto& r : world.countries.region_un)
        region_of_.push_back(static_cast<std::size_t>(std::find(regions.begin(), regions.end(), r) - regions.begin()));
}

void TrajectoryRecorder::record(std::size_t /*step*/, const Snapshot& snap) {
    const auto& w = snap.world;
    const auto& cs = snap.state.cities;
    for (const auto& e : snap.step_events) {
        if (e.kind == EventKind::Award) {
            ++agreements_[static_cast<std::size_t>(e.vendor)];
            if (w.vendors[static_cast<std::size_t>(e.vendor)].chinese) ++chinese_agreements_;
        }
        contests_ += e.kind == EventKind::Contest;
        cancels_ += e.kind == EventKind::Cancel;
        messages_ += e.kind == EventKind::Message;
        refusals_ += e.kind == EventKind::Refuse;
        alternatives_ += e.kind == EventKind::Alternative;
    }
    std::int32_t countries_adopted = 0, countries_operating = 0, cities_adopted = 0, cities_operating = 0, tenders = 0;
    std::int32_t countries_approved = 0, cities_approved = 0, countries_active = 0, cities_active = 0;
    std::int32_t countries_cancelled = 0, cities_cancelled = 0;
    std::array<std::int32_t, kVendors> operating{};
    std::vector<std::int32_t> by_region(series_.regions.size(), 0);
    std::array<std::int32_t, 3> by_regime{};
    for (std::size_t c = 0; c < w.countries.size(); ++c) {
        bool adopted = false, live = false, approved = false, active = false, cancelled = false;
        for (auto i = w.countries.city_begin[c]; i < w.countries.city_end[c]; ++i) {
            const bool chinese_now = cs.vendor[i] >= 0 && w.vendors[static_cast<std::size_t>(cs.vendor[i])].chinese;
            const bool chinese_live = cs.status[i] == Status::Operating && chinese_now;
            const bool chinese_active = committed(cs.status[i]) && chinese_now;
            cities_approved += cs.first_chinese_approve_step[i] >= 0;
            cities_active += chinese_active;
            cities_cancelled += cs.first_chinese_cancel_step[i] >= 0;
            approved |= cs.first_chinese_approve_step[i] >= 0;
            active |= chinese_active;
            cancelled |= cs.first_chinese_cancel_step[i] >= 0;
            if (cs.status[i] == Status::Operating) ++operating[static_cast<std::size_t>(cs.vendor[i])];
            tenders += cs.status[i] == Status::Tendering;
            cities_adopted += cs.first_chinese_step[i] >= 0;
            cities_operating += chinese_live;
            adopted |= cs.first_chinese_step[i] >= 0;
            live |= chinese_live;
        }
        countries_adopted += adopted;
        countries_operating += live;
        countries_approved += approved;
        countries_active += active;
        countries_cancelled += cancelled;
        if (adopted) {
            ++by_region[region_of_[c]];
            ++by_regime[static_cast<std::size_t>(w.countries.regime[c])];
        }
    }
    auto& s = series_;
    ++s.steps;
    s.countries_adopted.push_back(countries_adopted);
    s.countries_operating.push_back(countries_operating);
    s.cities_adopted.push_back(cities_adopted);
    s.cities_operating.push_back(cities_operating);
    s.countries_approved.push_back(countries_approved);
    s.cities_approved.push_back(cities_approved);
    s.countries_active.push_back(countries_active);
    s.cities_active.push_back(cities_active);
    s.countries_cancelled.push_back(countries_cancelled);
    s.cities_cancelled.push_back(cities_cancelled);
    s.chinese_agreements.push_back(chinese_agreements_);
    s.agreements_by_vendor.insert(s.agreements_by_vendor.end(), agreements_.begin(), agreements_.end());
    s.operating_by_vendor.insert(s.operating_by_vendor.end(), operating.begin(), operating.end());
    s.countries_by_region.insert(s.countries_by_region.end(), by_region.begin(), by_region.end());
    s.countries_by_regime.insert(s.countries_by_regime.end(), by_regime.begin(), by_regime.end());
    s.tenders_open.push_back(tenders);
    s.contests.push_back(contests_);
    s.cancellations.push_back(cancels_);
    s.messages.push_back(messages_);
    s.refusals.push_back(refusals_);
    s.alternatives.push_back(alternatives_);
}

}  // namespace pushpull
