#include "app/study_output.hpp"

#include <algorithm>
#include <iostream>
#include <thread>

#include "sim/output/hdf5_writer.hpp"

namespace app {

namespace fs = std::filesystem;

fs::path study_output_path(const std::string& output, const std::string& spec_file) {
    if (!output.empty()) return output;
    fs::path out = fs::path("output") / (fs::path(spec_file).stem().string() + ".h5");
    std::error_code ec;
    fs::create_directories(out.parent_path(), ec);  // a failure shows when the file is claimed
    return out;
}

int study_threads(int requested) {
    return requested > 0 ? requested : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

sim::Result<void> write_and_report(const sim::out::Group& tree, const fs::path& out, const ReportFn& report) {
    if (auto in_memory = report(tree); !in_memory) return std::unexpected(in_memory.error());
    sim::out::WriteOptions w;
    w.overwrite = true;  // the caller's claim refused an existing file without --force
    if (auto ok = sim::out::write_hdf5(tree, out, w); !ok) return std::unexpected(ok.error());
    auto back = sim::out::read_hdf5(out);
    if (!back) return std::unexpected(back.error());
    auto text = report(*back);
    if (!text) return std::unexpected(text.error());
    std::cout << *text;
    return {};
}

}  // namespace app
