#pragma once
/// The output claim every command takes before its work starts: the default `output/` directory is
/// created when the user gave no -o, then the target is locked and checked (sim/io/output_target.hpp),
/// so a second writer of the same file fails at once and a refused target costs no computation.
#include <filesystem>

#include "sim/error.hpp"
#include "sim/io/output_target.hpp"

namespace app {

inline sim::Result<sim::io::OutputLock> claim_output_file(const std::filesystem::path& out, bool force,
                                                          bool default_location) {
    if (default_location) {
        std::error_code ec;
        std::filesystem::create_directories(out.parent_path().empty() ? std::filesystem::path(".") : out.parent_path(), ec);
    }
    return sim::io::claim_output(out, force);
}

}  // namespace app
