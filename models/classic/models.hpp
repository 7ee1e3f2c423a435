#pragma once
/// The classic diffusion models as plain functions of (network, seeds, parameters, executor).
/// They do not read scenario files; registry.cpp maps scenario keys onto these structs.
/// Preconditions (checked by the scenario schema or by the caller): probabilities in [0, 1],
/// seed ids < number of vertices, max_steps >= 0.
#include <cstdint>
#include <span>
#include <vector>

#include "models/classic/common.hpp"
#include "sim/graph/csr.hpp"
#include "sim/parallel.hpp"

namespace classic {

// ---- Bass ---------------------------------------------------------------------------------------

struct BassParams {
    double p = 0.01;  ///< innovation: probability per step of adopting unprompted
    double q = 0.3;   ///< imitation: added probability per step times the adopted in-neighbour fraction
    std::int32_t max_steps = 100;
    std::uint64_t seed = 1;
};

/// Bass on a network. Step t: each non-adopter i adopts with probability
/// p + q * (adopted in-neighbour weight / in-strength of i), fractions from the state after t-1.
/// On a complete graph this is the discrete-time Bass model. Stops at max_steps or when all adopted.
/// Reads: previous adoption state, influence counts.  Writes: adoption_step of i.
/// Draws: Rng(seed, t, i, kStreamBass), one uniform per non-adopter and step.
[[nodiscard]] AdoptionRun run_bass(const sim::graph::Csr& g, std::span<const std::uint32_t> seeds,
                                   const BassParams& params, const sim::Executor& ex);

// ---- Linear threshold -----------------------------------------------------------------------------

enum class ThresholdDist { Fixed, Uniform, Normal };

/// Thresholds: Fixed(a), Uniform(a, b) or Normal(mean a, sd b); values are not clipped (a node
/// with threshold <= 0 adopts at step 1 unprompted; > 1 never adopts unless seeded).
struct ThresholdSpec {
    ThresholdDist dist = ThresholdDist::Fixed;
    double a = 0.5;
    double b = 0.0;
};

/// Draws node thresholds from `spec`: node i uses Rng(seed, 0, i, kStreamThreshold).
[[nodiscard]] std::vector<double> draw_thresholds(const ThresholdSpec& spec, std::size_t n, std::uint64_t seed,
                                                  const sim::Executor& ex);

struct ThresholdParams {
    std::int32_t max_steps = 100;
};

/// Linear threshold (Granovetter, Watts), synchronous: node i adopts at step t when the adopted
/// fraction of its in-weight after step t-1 is >= theta_i. Only out-neighbours of nodes adopted at
/// t-1 are re-examined; per-node adopted in-weight is kept as an exact integer count.
/// Reads: frontier, counts.  Writes: counts of frontier neighbours, adoption_step.  Draws: none.
[[nodiscard]] AdoptionRun run_threshold(const sim::graph::Csr& g, std::span<const std::uint32_t> seeds,
                                        std::span<const double> thresholds, const ThresholdParams& params,
                                        const sim::Executor& ex);

// ---- Independent cascade ----------------------------------------------------------------------------

struct CascadeParams {
    double p = 0.1;            ///< activation probability per arc (when not use_weights)
    bool use_weights = false;  ///< p_uv = weight of arc u->v (weights must be in [0, 1])
    std::int32_t max_steps = 1000;
    std::uint64_t seed = 1;
};

/// Independent cascade (Kempe, Kleinberg, Tardos): a node activated at step t-1 gets one chance to
/// activate each out-neighbour at step t with probability p_uv. A target reached by several
/// successful arcs in one step is activated once. With a constant p, the successful arcs of a
/// node are found by geometric skipping (one draw per success, not per arc).
/// Reads: frontier, activation state.  Writes: adoption_step of targets (claimed atomically).
/// Draws: Rng(seed, t, u, kStreamCascade) per frontier node u, consumed in arc order.
[[nodiscard]] AdoptionRun run_cascade(const sim::graph::Csr& g, std::span<const std::uint32_t> seeds,
                                      const CascadeParams& params, const sim::Executor& ex);

// ---- SIR ------------------------------------------------------------------------------------------

struct SirParams {
    double beta = 0.05;        ///< infection probability per arc (contact) and step
    double gamma = 0.2;        ///< recovery probability per step (mean infectious period 1/gamma steps)
    bool use_weights = false;  ///< per-contact probability = arc weight instead of beta
    std::int32_t max_steps = 1000;
    std::uint64_t seed = 1;
};

struct SirRun {
    std::vector<std::int32_t> infection_step;  ///< per node; kNever if never infected; seeds: 0
    std::vector<std::int32_t> recovery_step;   ///< per node; kNever if never recovered
    std::vector<std::int64_t> susceptible, infected, recovered, new_infections;  ///< per step 0..steps
    std::uint64_t edge_visits = 0;
    std::int32_t steps = 0;
    [[nodiscard]] std::int64_t ever_infected() const { return infected.empty() ? 0 : infected.back() + recovered.back(); }
};

/// Discrete-time SIR. Transition t-1 -> t: every node infected after step t-1 tries each out-arc
/// once with probability beta (susceptible targets become infected at t), then recovers with
/// probability gamma. Infectious periods are geometric on {1, 2, ...} with mean 1/gamma.
/// Reads: infected list, states.  Writes: infection_step of targets (claimed atomically), own
/// recovery_step.  Draws: Rng(seed, t, u, kStreamSirInfect) and Rng(seed, t, u, kStreamSirRecover).
[[nodiscard]] SirRun run_sir(const sim::graph::Csr& g, std::span<const std::uint32_t> seeds,
                             const SirParams& params, const sim::Executor& ex);

}  // namespace classic
