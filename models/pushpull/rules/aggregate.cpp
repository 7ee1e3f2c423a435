#include <algorithm>

#include "models/pushpull/rules/rules.hpp"

namespace pushpull::rules {

/// Country aggregates the next step reads: installed base n_vc (operating cities by vendor),
/// the first agreement step, and whether any city got a Chinese offer.   Phase: aggregate, per country
/// Reads: the country's own cities.  Writes: the country's own entries.
void aggregate_country(const StepContext& ctx, std::size_t c) {
    const auto& ct = ctx.world.countries;
    const auto& cs = ctx.state.cities;
    auto& k = ctx.state.countries;
    k.installed[c] = {};
    std::uint8_t chinese_offer = 0;
    for (std::size_t i = ct.city_begin[c]; i < ct.city_end[c]; ++i) {
        if (cs.status[i] == Status::Operating)
            ++k.installed[c][static_cast<std::size_t>(cs.vendor[i])];
        if (cs.award_step[i] >= 0 && (k.first_agreement_step[c] < 0 || cs.award_step[i] < k.first_agreement_step[c]))
            k.first_agreement_step[c] = cs.award_step[i];
        chinese_offer |= cs.chinese_offer_last_step[i];
        k.last_chinese_offer_step[c] = std::max(k.last_chinese_offer_step[c], cs.last_chinese_offer_step[i]);
    }
    k.chinese_offer_last_step[c] = chinese_offer;
}

}  // namespace pushpull::rules
