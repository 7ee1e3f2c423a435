#include <cstdio>

#include "models/pushpull/world/world.hpp"

namespace pushpull {

std::string TimeAxis::label(std::size_t step) const {
    char buf[16];
    if (months_per_step == 3) {
        std::snprintf(buf, sizeof buf, "%04dQ%d", year(step), quarter(step));
    } else {
        const auto month = (start_month0() + step * static_cast<std::size_t>(months_per_step)) % 12 + 1;
        std::snprintf(buf, sizeof buf, "%04d-%02zu", year(step), month);
    }
    return buf;
}

long TimeAxis::last_step_of_year(int y) const {
    long last = -1;
    for (std::size_t s = 0; s < steps; ++s)
        if (year(s) == y) last = static_cast<long>(s);
    return last;
}

}  // namespace pushpull
