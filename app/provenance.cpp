#include "app/provenance.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <vector>

namespace app {

namespace {

std::string utc_now() {
    std::time_t t = std::time(nullptr);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) t = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string compiler() {
#if defined(__clang__)
    return "clang " __clang_version__;
#elif defined(__GNUC__)
    return "g++ " __VERSION__;
#else
    return "unknown";
#endif
}

}  // namespace

void add_provenance(sim::out::Group& root, const ProvenanceInput& in) {
    std::vector<std::string> checksums;
    for (const auto& [file, sha] : in.checksums) checksums.push_back(sha + "  " + file);
    root.attr("pushpull_version", std::string(PUSHPULL_VERSION));
    root.attr("git_describe", std::string(PUSHPULL_GIT_DESCRIBE));
    root.attr("compiler", compiler());
    root.attr("build_type", std::string(PUSHPULL_BUILD_TYPE));
    root.attr("seed", static_cast<std::int64_t>(in.seed));
    root.attr("threads", static_cast<std::int64_t>(in.threads));
    root.attr("executor", in.executor);
    root.attr("scenario_file", in.scenario_file);
    root.attr("scenario_sources", in.sources);
    root.attr("scenario_resolved", in.resolved_scenario);
    root.attr("command_line", in.command_line);
    root.attr("data_checksums_sha256", checksums);
    root.attr("created_utc", utc_now());
}

sim::out::Attributes study_provenance(const std::string& file, const std::string& sources,
                                      const std::map<std::string, std::string>& checksums) {
    std::vector<std::string> sums;
    for (const auto& [f, sha] : checksums) sums.push_back(sha + "  " + f);
    return {{"pushpull_version", std::string(PUSHPULL_VERSION)},
            {"git_describe", std::string(PUSHPULL_GIT_DESCRIBE)},
            {"compiler", compiler()},
            {"build_type", std::string(PUSHPULL_BUILD_TYPE)},
            {"study_file", file},
            {"scenario_sources", sources},
            {"data_checksums_sha256", sums},
            {"created_utc", utc_now()}};
}

}  // namespace app
