#include "models/pushpull/state.hpp"

namespace pushpull {

void CityState::resize(std::size_t n) {
    status.assign(n, Status::None);
    vendor.assign(n, -1);
    timer.assign(n, 0);
    award_step.assign(n, -1);
    first_chinese_step.assign(n, -1);
    first_chinese_vendor.assign(n, -1);
    live_step.assign(n, -1);
    loan.assign(n, 0);
    downscaled.assign(n, 0);
    chinese_offer_last_step.assign(n, 0);
    agreements.assign(n, 0);
    msg.assign(n, 0.0);
    level.assign(n, kLevelUnset);
    first_chinese_approve_step.assign(n, -1);
    first_chinese_live_step.assign(n, -1);
    first_chinese_cancel_step.assign(n, -1);
    first_chinese_level.assign(n, kLevelUnset);
    last_chinese_offer_step.assign(n, -1);
    alt_until.assign(n, -1);
    alternative.assign(n, 0);
}

void CountryState::resize(std::size_t n) {
    shock.assign(n, 0.0);
    msg_official.assign(n, 0.0);
    msg_legislature.assign(n, 0.0);
    last_chinese_offer_step.assign(n, -1);
    alt_until.assign(n, -1);
    safeguard.assign(n, 0.0);
    installed.assign(n, {});
    first_agreement_step.assign(n, -1);
    chinese_offer_last_step.assign(n, 0);
    programme_step.assign(n, -1);
}

}  // namespace pushpull
