#include "sim/graph/generators.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_set>

#include "sim/rng.hpp"

namespace sim::graph {

namespace {

/// Random stream ids of the generators (the `stream` part of an Rng key).
enum GeneratorStream : std::uint32_t { kStreamGnp = 101, kStreamGnm = 102, kStreamBa = 103, kStreamWs = 104 };

constexpr std::size_t kMaxVertices = std::numeric_limits<std::uint32_t>::max();

/// Maps pair slots (increasing) to (u, v): undirected slots enumerate u < v row by row, directed
/// slots enumerate u != v row by row. Slots must be fed in increasing order.
class SlotWalker {
public:
    SlotWalker(std::size_t n, bool directed) : n_(n), directed_(directed) { row_end_ = row_len(0); }

    /// Total number of slots.
    [[nodiscard]] static std::uint64_t slots(std::size_t n, bool directed) {
        const auto nn = static_cast<std::uint64_t>(n);
        return directed ? nn * (nn - 1) : nn * (nn - 1) / 2;
    }

    std::pair<std::uint32_t, std::uint32_t> operator()(std::uint64_t s) {
        while (s >= row_end_) {
            row_begin_ = row_end_;
            ++u_;
            row_end_ += row_len(u_);
        }
        const auto off = s - row_begin_;
        if (directed_) {
            const auto v = off >= u_ ? off + 1 : off;
            return {static_cast<std::uint32_t>(u_), static_cast<std::uint32_t>(v)};
        }
        return {static_cast<std::uint32_t>(u_), static_cast<std::uint32_t>(u_ + 1 + off)};
    }

private:
    [[nodiscard]] std::uint64_t row_len(std::uint64_t u) const { return directed_ ? n_ - 1 : n_ - 1 - u; }
    std::uint64_t n_;
    bool directed_;
    std::uint64_t u_ = 0;
    std::uint64_t row_begin_ = 0;
    std::uint64_t row_end_ = 0;
};

/// Fills a Csr from a generator of pairs sorted by (u, v) (u < v when undirected), calling
/// `emit(sink)` twice: once to count degrees, once to place targets. Rows come out sorted.
template <class Emit>
Csr two_pass_csr(std::size_t n, bool directed, Emit&& emit) {
    Csr g;
    g.directed = directed;
    g.offsets.assign(n + 1, 0);
    emit([&](std::uint32_t u, std::uint32_t v) {
        ++g.offsets[u + 1];
        if (!directed) ++g.offsets[v + 1];
    });
    std::partial_sum(g.offsets.begin(), g.offsets.end(), g.offsets.begin());
    g.targets.resize(g.offsets[n]);
    std::vector<std::uint64_t> cursor(g.offsets.begin(), g.offsets.end() - 1);
    emit([&](std::uint32_t u, std::uint32_t v) {
        g.targets[cursor[u]++] = v;
        if (!directed) g.targets[cursor[v]++] = u;
    });
    return g;
}

Result<void> check_n(std::size_t n) {
    if (n == 0) return bad_input("network.n", "must be at least 1");
    if (n > kMaxVertices) return bad_input("network.n", "at most 2^32 - 1 vertices are supported");
    return {};
}

}  // namespace

Csr csr_from_endpoints(std::size_t n, std::span<const std::uint32_t> endpoints, bool directed) {
    Csr g;
    g.directed = directed;
    g.offsets.assign(n + 1, 0);
    for (std::size_t i = 0; i + 1 < endpoints.size(); i += 2) {
        ++g.offsets[endpoints[i] + 1];
        if (!directed) ++g.offsets[endpoints[i + 1] + 1];
    }
    std::partial_sum(g.offsets.begin(), g.offsets.end(), g.offsets.begin());
    g.targets.resize(g.offsets[n]);
    std::vector<std::uint64_t> cursor(g.offsets.begin(), g.offsets.end() - 1);
    for (std::size_t i = 0; i + 1 < endpoints.size(); i += 2) {
        const auto u = endpoints[i];
        const auto v = endpoints[i + 1];
        g.targets[cursor[u]++] = v;
        if (!directed) g.targets[cursor[v]++] = u;
    }
    for (std::size_t v = 0; v < n; ++v)
        std::sort(g.targets.begin() + static_cast<std::ptrdiff_t>(g.offsets[v]),
                  g.targets.begin() + static_cast<std::ptrdiff_t>(g.offsets[v + 1]));
    return g;
}

Result<Csr> complete_graph(std::size_t n, bool directed) {
    if (auto ok = check_n(n); !ok) return std::unexpected(ok.error());
    if (n > 65536) return bad_input("network.n", "complete graphs are limited to 65536 vertices");
    Csr g;
    g.directed = directed;
    g.offsets.resize(n + 1);
    g.targets.reserve(n * (n - 1));
    g.offsets[0] = 0;
    for (std::uint32_t u = 0; u < n; ++u) {
        for (std::uint32_t v = 0; v < n; ++v)
            if (v != u) g.targets.push_back(v);
        g.offsets[u + 1] = g.targets.size();
    }
    return g;
}

Result<Csr> erdos_renyi_gnp(std::size_t n, double p, bool directed, std::uint64_t seed) {
    if (auto ok = check_n(n); !ok) return std::unexpected(ok.error());
    if (!(p >= 0.0 && p <= 1.0)) return bad_input("network.p", "must be in [0, 1]");
    const std::uint64_t slots = SlotWalker::slots(n, directed);
    const auto total = static_cast<double>(slots);
    const double log_q = std::log1p(-p);  // -inf when p == 1
    auto emit = [&](auto&& sink) {
        if (p <= 0.0 || slots == 0) return;
        Rng rng(seed, 0, 0, kStreamGnp);
        SlotWalker walk(n, directed);
        double s = -1.0;
        for (;;) {
            // Geometric gap: number of failures before the next success.
            const double gap = p >= 1.0 ? 0.0 : std::floor(std::log(rng.uniform()) / log_q);
            s += 1.0 + gap;
            if (s >= total) break;
            const auto [u, v] = walk(static_cast<std::uint64_t>(s));
            sink(u, v);
        }
    };
    return two_pass_csr(n, directed, emit);
}

Result<Csr> erdos_renyi_gnm(std::size_t n, std::size_t m, bool directed, std::uint64_t seed) {
    if (auto ok = check_n(n); !ok) return std::unexpected(ok.error());
    const std::uint64_t slots = SlotWalker::slots(n, directed);
    if (m > slots)
        return bad_input("network.m", std::to_string(m) + " edges requested but only " + std::to_string(slots) +
                                          " vertex pairs exist");
    if (m == 0) return two_pass_csr(n, directed, [](auto&&) {});
    // Exponential spacings: S_k = E_1 + ... + E_k; x_k = floor(S_k / S_{m+1} * K), K = N - m + 1.
    double sum = 0.0;
    {
        Rng rng(seed, 0, 0, kStreamGnm);
        for (std::size_t k = 0; k <= m; ++k) sum += -std::log(rng.uniform());
    }
    const double span = static_cast<double>(slots - m + 1);
    const double scale = span / sum;
    const std::uint64_t last = slots - m;  // largest x_k
    auto emit = [&](auto&& sink) {
        Rng rng(seed, 0, 0, kStreamGnm);
        SlotWalker walk(n, directed);
        double s = 0.0;
        for (std::uint64_t k = 0; k < m; ++k) {
            s += -std::log(rng.uniform());
            const auto x = std::min(last, static_cast<std::uint64_t>(s * scale));
            const auto [u, v] = walk(x + k);
            sink(u, v);
        }
    };
    return two_pass_csr(n, directed, emit);
}

Result<Csr> barabasi_albert(std::size_t n, std::size_t m, std::uint64_t seed) {
    if (auto ok = check_n(n); !ok) return std::unexpected(ok.error());
    if (m < 1) return bad_input("network.m", "must be at least 1");
    if (n < m + 1) return bad_input("network.n", "must be at least m + 1 = " + std::to_string(m + 1));
    const std::size_t m0 = m + 1;
    std::vector<std::uint32_t> ends;  // flat endpoint list; also the preferential-attachment urn
    ends.reserve(m0 * m + 2 * (n - m0) * m);
    for (std::uint32_t u = 0; u < m0; ++u)
        for (std::uint32_t v = u + 1; v < m0; ++v) {
            ends.push_back(u);
            ends.push_back(v);
        }
    std::vector<std::uint32_t> chosen;
    for (std::size_t t = m0; t < n; ++t) {
        Rng rng(seed, 0, static_cast<std::uint32_t>(t), kStreamBa);
        chosen.clear();
        const auto urn = static_cast<std::uint32_t>(ends.size());
        while (chosen.size() < m) {
            const auto v = ends[rng.below(urn)];
            if (std::find(chosen.begin(), chosen.end(), v) == chosen.end()) chosen.push_back(v);
        }
        for (const auto v : chosen) {
            ends.push_back(static_cast<std::uint32_t>(t));
            ends.push_back(v);
        }
    }
    return csr_from_endpoints(n, ends, false);
}

Result<Csr> watts_strogatz(std::size_t n, std::size_t k, double beta, std::uint64_t seed) {
    if (auto ok = check_n(n); !ok) return std::unexpected(ok.error());
    if (k < 2 || k % 2 != 0) return bad_input("network.k", "must be an even number >= 2");
    if (k + 1 >= n) return bad_input("network.k", "must be less than n - 1");
    if (!(beta >= 0.0 && beta <= 1.0)) return bad_input("network.beta", "must be in [0, 1]");
    auto key = [](std::uint32_t a, std::uint32_t b) {
        if (b < a) std::swap(a, b);
        return (static_cast<std::uint64_t>(a) << 32) | b;
    };
    const std::size_t half = k / 2;
    std::vector<std::uint32_t> ends;
    ends.reserve(n * k);
    std::unordered_set<std::uint64_t> present;
    present.reserve(n * half * 2);
    for (std::uint32_t u = 0; u < n; ++u)
        for (std::size_t j = 1; j <= half; ++j) {
            const auto v = static_cast<std::uint32_t>((u + j) % n);
            ends.push_back(u);
            ends.push_back(v);
            present.insert(key(u, v));
        }
    const auto nn = static_cast<std::uint32_t>(n);
    for (std::uint32_t u = 0; u < n; ++u) {
        Rng rng(seed, 0, u, kStreamWs);
        for (std::size_t j = 0; j < half; ++j) {
            const std::size_t slot = 2 * (u * half + j);
            if (!rng.bernoulli(beta)) continue;
            // A vertex of full degree cannot be rewired without a duplicate; leave it.
            std::uint32_t w = u;
            for (int attempt = 0; attempt < 64; ++attempt) {
                const auto c = rng.below(nn);
                if (c != u && !present.count(key(u, c))) {
                    w = c;
                    break;
                }
            }
            if (w == u) continue;
            present.erase(key(u, ends[slot + 1]));
            present.insert(key(u, w));
            ends[slot + 1] = w;
        }
    }
    return csr_from_endpoints(n, ends, false);
}

}  // namespace sim::graph
