#pragma once
/// The dynamic state of a run (structure of arrays). Within a phase each agent reads the state as it
/// was at the start of the phase and writes only its own entries; cross-agent inputs (exposure,
/// installed base, offers) are computed into separate arrays by an earlier phase.
#include <array>
#include <cstdint>
#include <vector>

#include "models/pushpull/params.hpp"

namespace pushpull {

/// Adoption state of a city (MODEL.md §2).
enum class Status : std::uint8_t {
    None = 0,      ///< no project
    Tendering,     ///< open tender (timer = steps left)
    Awarded,       ///< agreement signed, waiting for approval (timer = steps waited)
    Delayed,       ///< contested, paused (timer = steps left)
    Implementing,  ///< approved and being built (timer = go-live step)
    Operating,     ///< platform live
    Cancelled,     ///< cancelled (timer = steps until the city may tender again)
};

inline bool committed(Status s) {
    return s == Status::Awarded || s == Status::Delayed || s == Status::Implementing || s == Status::Operating;
}

struct CityState {
    std::vector<Status> status;
    std::vector<std::int8_t> vendor;         ///< current project's vendor, -1 none
    std::vector<std::int16_t> timer;         ///< meaning depends on status
    std::vector<std::int16_t> award_step;    ///< step of the current project's agreement, -1 none
    std::vector<std::int16_t> first_chinese_step;  ///< first agreement with a Chinese vendor, -1 none
    std::vector<std::int8_t> first_chinese_vendor; ///< its vendor, -1 none
    std::vector<std::int16_t> live_step;     ///< go-live step of the current project, -1 none
    std::vector<std::uint8_t> loan;          ///< current project is loan-financed
    std::vector<std::uint8_t> downscaled;    ///< facial recognition dropped after a contest
    std::vector<std::uint8_t> chinese_offer_last_step;
    std::vector<std::uint16_t> agreements;   ///< agreements signed (all vendors)
    std::vector<double> msg;                 ///< M_i: subnational U.S. message stock

    void resize(std::size_t n);
};

struct CountryState {
    std::vector<double> shock;                           ///< crime shock stock (SD units)
    std::vector<double> msg_national;                    ///< M_c: national U.S. message stock
    std::vector<double> safeguard;                       ///< G_c: U.S. safeguard-assistance stock (D_c units)
    std::vector<std::array<std::uint16_t, kVendors>> installed;  ///< n_vc: operating cities by vendor
    std::vector<std::int16_t> first_agreement_step;      ///< first agreement (any vendor), -1 none
    std::vector<std::uint8_t> chinese_offer_last_step;

    void resize(std::size_t n);
};

struct State {
    CityState cities;
    CountryState countries;
};

}  // namespace pushpull
