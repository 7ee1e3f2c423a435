#pragma once
/// Strong ids: a CityId cannot be passed where a CountryId is expected.
#include <compare>
#include <cstdint>
#include <functional>

namespace sim {

template <class Tag>
struct StrongId {
    std::uint32_t value = 0;
    constexpr StrongId() = default;
    constexpr explicit StrongId(std::uint32_t v) : value(v) {}
    constexpr explicit StrongId(std::size_t v) : value(static_cast<std::uint32_t>(v)) {}
    [[nodiscard]] constexpr std::size_t index() const { return value; }
    constexpr auto operator<=>(const StrongId&) const = default;
};

struct CountryTag {};
struct CityTag {};
struct VendorTag {};
using CountryId = StrongId<CountryTag>;
using CityId = StrongId<CityTag>;
using VendorId = StrongId<VendorTag>;

}  // namespace sim

template <class Tag>
struct std::hash<sim::StrongId<Tag>> {
    std::size_t operator()(const sim::StrongId<Tag>& id) const noexcept { return id.value; }
};
