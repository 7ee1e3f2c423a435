#pragma once
/// Decision-ready summaries of an experiment's paired differences (MODEL.md Revision 2, R14): the
/// mean effect with its confidence interval, the predictive spread, the probability that the effect
/// is negative, the probability that each arm ranks best, and an exactly additive split of the
/// variance into structural, unidentified, calibrated and seed parts (docs/ODD.md, experiments).
///
/// Values are indexed like an arm's runs: k = ((s * U + u) * D + d) * R + r for structure s,
/// unidentified draw u, calibrated draw d and replicate r. NaN values are left out everywhere.
#include <cstddef>
#include <vector>

namespace pushpull::experiment {

/// The nesting of an arm's runs.
struct Layout {
    std::size_t structures = 1, unidentified = 1, draws = 1, replicates = 1;
    [[nodiscard]] std::size_t cells() const { return structures * unidentified * draws; }
    [[nodiscard]] std::size_t runs() const { return cells() * replicates; }
    [[nodiscard]] std::size_t cells_per_structure() const { return unidentified * draws; }
};

/// Law of total variance over the nesting structure → unidentified draw → calibrated draw → seed,
/// on the empirical distribution of the finite values (divisor n, not n - 1):
///   total        = (1/n) Σ (x - m)²
///   structural   = Σ_s (n_s/n) (m_s - m)²
///   unidentified = Σ_{s,u} (n_su/n) (m_su - m_s)²
///   calibrated   = Σ_{s,u,d} (n_sud/n) (m_sud - m_su)²
///   seed         = Σ_{s,u,d} (n_sud/n) v_sud,  v_sud the within-cell variance (divisor n_sud)
/// The parts sum to the total by construction (a sum of squares split into nested orthogonal
/// pieces), whatever the balance. Each between-group part also carries the sampling noise of the
/// levels below it divided by the group size; it is a split of what was observed, not of the
/// population variances.
struct VarianceParts {
    double total = 0, structural = 0, unidentified = 0, calibrated = 0, seed = 0;
};
[[nodiscard]] VarianceParts decompose_variance(const std::vector<double>& x, const Layout& layout);

/// The mean and its confidence interval. Structures are a multiverse, not a sample: each of them
/// has equal weight, and the gaps between them are not sampling noise. The independent units are
/// the top random level: the unidentified draws u when U >= 2, else the calibrated draws d when
/// D >= 2, else the replicates r. A unit's value is the mean over structures of its mean in each
/// structure, so every unit carries every universe. The experiment nests the levels below the
/// unit (cell (s, u, d) takes posterior draw d * U + u and its own seeds) and shares the unit
/// across structures, so the units are independent and the interval is the t interval
/// mean ± t_{J-1} sd / sqrt(J) over the J units. Latin-hypercube and systematic draws are
/// stratified, not independent, which makes it conservative. NaN with fewer than two units.
enum class Unit { Unidentified, Calibrated, Replicate };
struct MeanInterval {
    double mean = 0, se = 0, lo = 0, hi = 0, df = 0;
    std::size_t units = 0;
    Unit unit = Unit::Replicate;
};
[[nodiscard]] MeanInterval mean_interval(const std::vector<double>& x, const Layout& layout, double level = 0.95);

/// P(x < 0) and P(x > 0) over the runs, and the share of cells whose mean over replicates is < 0
/// (the probability, over parameter and structural uncertainty, that the expected effect is a reduction).
struct SignProbabilities {
    double negative = 0, positive = 0, negative_cell = 0;
};
[[nodiscard]] SignProbabilities sign_probabilities(const std::vector<double>& x, const Layout& layout);

/// Probability that each arm has the lowest value: over runs (each run index k compares the arms
/// under the same seed and parameters), and over cells (arm means over the cell's replicates).
/// Ties share the win equally; a run or cell where some arm is NaN is left out. Sums to 1 over arms
/// (NaN when nothing is comparable).
struct BestProbabilities {
    std::vector<double> by_run, by_cell;
};
[[nodiscard]] BestProbabilities best_probabilities(const std::vector<std::vector<double>>& arms, const Layout& layout);

}  // namespace pushpull::experiment
