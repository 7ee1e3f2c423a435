#include "tests/fuzz/fuzz_targets.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "models/pushpull/data/loaders.hpp"
#include "models/pushpull/experiment/output.hpp"
#include "models/pushpull/params.hpp"
#include "models/study/calibration_report.hpp"
#include "models/study/sensitivity_analysis.hpp"
#include "sim/config/scenario.hpp"
#include "sim/graph/edge_list.hpp"
#include "sim/io/csv.hpp"
#include "sim/output/hdf5_writer.hpp"

namespace pushpull::fuzz {

namespace fs = std::filesystem;

namespace {

/// A private scratch directory for this process (includes resolve against it).
const fs::path& scratch() {
    static const fs::path dir = [] {
        fs::path d = fs::temp_directory_path() / ("pushpull-fuzz-" + std::to_string(::getpid()));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

}  // namespace

void scenario(std::string_view bytes) {
    static const sim::config::Schema schema = pushpull::schema();
    const auto cfg = sim::config::load_scenario_text(std::string(bytes), scratch(), schema, {});
    if (cfg) (void)cfg->to_toml();
}

void csv(std::string_view bytes) {
    auto table = sim::io::parse_csv(bytes, "fuzz.csv");
    if (table) {
        sim::DiagnosticList diags;
        (void)pushpull::data::detail::load_targets(*table, diags);
        for (std::size_t r = 0; r < table->rows(); ++r)
            for (std::size_t c = 0; c < table->header().size(); ++c) (void)sim::io::number_field(*table, r, c, 0, 1);
    }
    (void)sim::graph::parse_edge_list(bytes, "fuzz.edges", {});
}

void edges(std::string_view bytes) {
    for (const bool directed : {false, true}) {
        const sim::graph::EdgeListOptions opt{.directed = directed};
        const auto general = sim::graph::parse_edge_list(bytes, "fuzz.edges", opt);
        const auto csr = sim::graph::parse_edge_list_csr(bytes, "fuzz.edges", opt);
        bool same = general.has_value() == csr.has_value();
        if (same && general) {
            const auto g = general->to_csr();
            same = g.offsets == csr->graph.offsets && g.targets == csr->graph.targets &&
                   g.weights == csr->graph.weights && general->names == csr->names;
        } else if (same) {
            same = general.error().message() == csr.error().message();
        }
        if (!same) std::abort();  // a wrong answer is as bad as a crash: save the input
    }
}

void hdf5(std::string_view bytes) {
    const fs::path file = scratch() / "input.h5";
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    auto tree = sim::out::read_untrusted_hdf5(file);
    if (!tree) return;
    study::SensitivityOptions so;
    so.bootstrap = 10;
    (void)study::analyse_sweep(*tree, so, file.string());
    if (study::is_calibration_file(*tree)) (void)study::calibration_report(*tree);
    (void)pushpull::experiment::format_report(*tree, true);
}

}  // namespace pushpull::fuzz
