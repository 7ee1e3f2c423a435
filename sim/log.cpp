#include "sim/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace sim {

std::shared_ptr<spdlog::logger> logger(const std::string& name) {
    if (auto existing = spdlog::get(name)) return existing;
    auto made = spdlog::stderr_color_mt(name);
    made->set_pattern("[%H:%M:%S.%e] [%n] [%^%l%$] %v");
    made->set_level(spdlog::get_level());
    return made;
}

void set_log_level(const std::string& level) {
    const auto lvl = spdlog::level::from_str(level);
    spdlog::set_level(lvl);
    for (const char* n : {"sim", "io", "model"}) logger(n)->set_level(lvl);
}

}  // namespace sim
