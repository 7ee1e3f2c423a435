#include "models/pushpull/experiment/posterior.hpp"

#include <cmath>
#include <set>

#include "sim/config/value_text.hpp"
#include "sim/io/sha256.hpp"
#include "sim/output/hdf5_writer.hpp"

namespace pushpull::experiment {

namespace fs = std::filesystem;

namespace {

const sim::out::Group* find_group(const sim::out::Group& g, const std::string& name) {
    for (const auto& c : g.groups)
        if (c.name == name) return &c;
    return nullptr;
}

const sim::out::Dataset* find_dataset(const sim::out::Group& g, const std::string& name) {
    for (const auto& d : g.datasets)
        if (d.name == name) return &d;
    return nullptr;
}

std::uint64_t splitmix64(std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

}  // namespace

sim::Result<Posterior> read_posterior(const fs::path& file) {
    const std::string where = file.string();
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return sim::bad_input(where, "posterior file not found");
    auto tree = sim::out::read_untrusted_hdf5(file);
    if (!tree) return sim::bad_input(where, "cannot read the posterior file as HDF5: " + tree.error().message());
    const auto* g = find_group(*tree, "posterior");
    if (!g) return sim::bad_input(where, "no /posterior group (expected the output of `pushpull calibrate`)");

    sim::DiagnosticList problems;
    Posterior post;
    post.file = file;
    const auto* par = find_dataset(*g, "parameter");
    const auto* pts = find_dataset(*g, "particles");
    const auto* wts = find_dataset(*g, "weights");
    if (!par) problems.add(where, "/posterior/parameter: missing (the scenario keys of the particle columns)");
    if (!pts) problems.add(where, "/posterior/particles: missing (N x d particle values)");
    if (!wts) problems.add(where, "/posterior/weights: missing (N importance weights)");
    const auto* names = par ? std::get_if<std::vector<std::string>>(&par->data) : nullptr;
    const auto* values = pts ? std::get_if<std::vector<double>>(&pts->data) : nullptr;
    const auto* weights = wts ? std::get_if<std::vector<double>>(&wts->data) : nullptr;
    if (par && !names) problems.add(where, "/posterior/parameter: expected strings");
    if (pts && !values) problems.add(where, "/posterior/particles: expected doubles");
    if (wts && !weights) problems.add(where, "/posterior/weights: expected doubles");
    if (!problems.empty()) return std::unexpected(problems.to_error());

    const std::size_t d = names->size(), n = weights->size();
    if (d == 0) problems.add(where, "/posterior/parameter: empty");
    if (n == 0) problems.add(where, "/posterior/weights: empty (no particles)");
    if (wts->shape.size() > 1 && !(wts->shape.size() == 2 && (wts->shape[0] == 1 || wts->shape[1] == 1)))
        problems.add(where, "/posterior/weights: expected a 1-D dataset of N weights");
    const bool shape_ok = pts->shape.size() == 2 ? pts->shape[0] == n && pts->shape[1] == d
                                                 : d == 1 && values->size() == n;  // 1-D allowed when d = 1
    if (!shape_ok) {
        const std::string got = pts->shape.size() == 2
                                    ? std::to_string(pts->shape[0]) + " x " + std::to_string(pts->shape[1])
                                    : std::to_string(values->size()) + " (1-D)";
        problems.add(where, "/posterior/particles: shape " + got + " does not match N x d = " + std::to_string(n) + " x " +
                                std::to_string(d) + " (N weights, d parameters)");
    }
    std::set<std::string> seen;
    for (const auto& name : *names) {
        if (name.empty()) problems.add(where, "/posterior/parameter: an empty name");
        else if (!seen.insert(name).second) problems.add(where, "/posterior/parameter: '" + name + "' appears twice");
    }
    if (!problems.empty()) return std::unexpected(problems.to_error());

    for (std::size_t i = 0; i < values->size(); ++i)
        if (!std::isfinite((*values)[i])) {
            problems.add(where, "/posterior/particles: particle " + std::to_string(i / d) + ", parameter '" + (*names)[i % d] +
                                    "' is not finite");
            break;
        }
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double w = (*weights)[i];
        if (!std::isfinite(w) || w < 0.0) {
            problems.add(where, "/posterior/weights: weight " + std::to_string(i) + " is " + sim::config::format_number(w) +
                                    " (weights must be finite and non-negative)");
            break;
        }
        sum += w;
    }
    if (problems.empty() && !(sum > 0.0 && std::isfinite(sum))) problems.add(where, "/posterior/weights: they sum to zero");
    if (!problems.empty()) return std::unexpected(problems.to_error());

    post.parameters = *names;
    post.particles = *values;
    post.weights = *weights;
    for (auto& w : post.weights) w /= sum;
    auto sha = sim::io::sha256_file(file);
    if (sha) post.sha256 = *sha;
    return post;
}

std::vector<std::size_t> systematic_resample(std::span<const double> weights, std::size_t count, std::uint64_t seed) {
    std::vector<std::size_t> out;
    if (weights.empty() || count == 0) return out;
    double sum = 0.0;
    for (double w : weights) sum += w;
    const double u0 = static_cast<double>(splitmix64(seed ^ 0x706f73746572696fULL) >> 11) * 0x1.0p-53;  // [0, 1)
    out.reserve(count);
    std::size_t i = 0;
    double cum = weights[0] / sum;
    for (std::size_t k = 0; k < count; ++k) {
        const double pos = (static_cast<double>(k) + u0) / static_cast<double>(count);
        while (cum <= pos && i + 1 < weights.size()) cum += weights[++i] / sum;
        out.push_back(i);
    }
    return out;
}

std::vector<Draw> posterior_draws(const Posterior& posterior, std::size_t count, std::uint64_t seed) {
    std::vector<Draw> draws;
    for (std::size_t i : systematic_resample(posterior.weights, count, seed)) {
        Draw d;
        d.particle = i;
        for (std::size_t j = 0; j < posterior.dims(); ++j) {
            const double v = posterior.value(i, j);
            d.values.push_back(v);
            d.sets.push_back(posterior.parameters[j] + "=" + sim::config::format_number(v));
        }
        draws.push_back(std::move(d));
    }
    return draws;
}

}  // namespace pushpull::experiment
