#include "app/sensitivity_command.hpp"

#include <filesystem>
#include <iostream>

#include "app/output_claim.hpp"
#include "models/study/sensitivity_analysis.hpp"
#include "sim/log.hpp"
#include "sim/output/hdf5_writer.hpp"

namespace app {

sim::Result<void> sensitivity_command(const SensitivityOptions& opts) {
    std::error_code ec;
    if (!std::filesystem::exists(opts.file, ec)) return sim::bad_input(opts.file, "file not found");
    sim::io::OutputLock claim;
    if (!opts.output.empty()) {
        auto c = claim_output_file(opts.output, opts.force, false);
        if (!c) return std::unexpected(c.error());
        claim = std::move(*c);
    }
    auto tree = sim::out::read_untrusted_hdf5(opts.file);
    if (!tree) return std::unexpected(tree.error());
    study::SensitivityOptions so;
    so.bootstrap = opts.bootstrap;
    so.only = opts.statistics;
    auto res = study::analyse_sweep(*tree, so, opts.file);
    if (!res) return std::unexpected(res.error());
    for (const auto& s : opts.statistics) {
        bool found = false;
        for (const auto& x : res->statistics) found = found || x.statistic == s;
        if (!found) return sim::bad_input("--statistic", "'" + s + "' is not a statistic of " + opts.file);
    }
    std::cout << (res->design == "morris" ? "Morris screening" : "Sobol' indices") << " of " << opts.file << "\n"
              << study::format_sensitivity(*res);
    if (!opts.output.empty()) {
        sim::out::WriteOptions w;
        w.overwrite = opts.force;
        auto t = study::sensitivity_tree(*res);
        t.attr("sweep_file", opts.file);
        if (auto ok = sim::out::write_hdf5(t, opts.output, w); !ok) return ok;
        sim::logger("io")->info("wrote {}", opts.output);
    }
    return {};
}

}  // namespace app
