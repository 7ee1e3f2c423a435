#pragma once
/// Provenance attributes written on the root of every output file.
#include <map>
#include <string>

#include "sim/output/tree.hpp"

namespace app {

struct ProvenanceInput {
    std::string model;
    std::string scenario_file;
    std::string resolved_scenario;  ///< the fully resolved configuration (TOML)
    std::string sources;            ///< scenario files read, outermost first
    std::string command_line;
    std::uint64_t seed = 0;
    int threads = 1;
    std::string executor;           ///< "serial" or the parallel backend name
    std::map<std::string, std::string> checksums;
};

/// Adds provenance attributes to `root`. The creation time honours SOURCE_DATE_EPOCH.
void add_provenance(sim::out::Group& root, const ProvenanceInput& in);

/// Provenance of a study file (sweep, calibration): build, input file, scenario, data checksums and
/// creation time, but not the thread count or command line, so the bytes do not depend on them.
sim::out::Attributes study_provenance(const std::string& file, const std::string& sources,
                                      const std::map<std::string, std::string>& checksums);

}  // namespace app
