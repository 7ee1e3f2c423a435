#!/usr/bin/python3
"""Writes the notebooks of this directory (outputs cleared) from the cell sources below.

Edit the cells here, then run `/usr/bin/python3 notebooks/generate_notebooks.py`; the committed
.ipynb files are its output. Each notebook reads outputs through the `pushpull` package (the
engine's own readers, python/pushpull/); it finds the package on PYTHONPATH, installed, or in
build/python of the repository.
"""
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

# Shared preamble: repository root, input paths from environment variables, loud failures.
SETUP = r'''import os
import sys
from pathlib import Path

import matplotlib
if not os.environ.get("DISPLAY") and "MPLBACKEND" not in os.environ:
    matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

# The repository root: PUSHPULL_ROOT, else the parent of notebooks/ (nbconvert and Jupyter run a
# notebook in its own directory), else the current directory.
_cwd = Path.cwd()
ROOT = Path(os.environ.get("PUSHPULL_ROOT", _cwd.parent if _cwd.name == "notebooks" else _cwd)).resolve()
try:
    import pushpull
except ImportError:  # not installed: the package the build assembles in build/python
    sys.path.insert(0, str(ROOT / "build" / "python"))
    import pushpull


def env_path(var, default):
    """A path from an environment variable (default under the repository root)."""
    p = Path(os.environ.get(var, default))
    return p if p.is_absolute() else ROOT / p


def require(path, command):
    """Fails loudly when an input is missing, naming the command that makes it."""
    if not Path(path).exists():
        raise FileNotFoundError(
            f"missing input {path}\n  make it with (from {ROOT}):\n    {command}\n"
            f"  or run scripts/make-figures.sh, which makes every input and runs every notebook")
    return Path(path)


FIGURES = env_path("PUSHPULL_FIGURES_DIR", "docs/figures")
FIGURES.mkdir(parents=True, exist_ok=True)
DPI = 100


def save(fig, name):
    path = FIGURES / name
    fig.savefig(path, dpi=DPI, bbox_inches="tight")
    print("wrote", path)
'''


def notebook(cells):
    nb = new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    nb.cells = [new_markdown_cell(c[3:]) if c.startswith("md:") else new_code_cell(c) for c in cells]
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"   # stable ids: regenerating gives identical files
    return nb


BASELINE = [
    """md:# Baseline vs observed

The baseline scenario over replicate seeds against the observed targets of MODEL.md §7
(`data/targets.csv`, docs/ODD.md §9–10):

1. the adoption curve — countries with at least one agreement with a Chinese vendor — as the
   median and 90% band over replicates, against the observed **lower bounds** T1, T4 and T8;
2. the composition of Huawei agreements by regime, region and income against the CSIS 2019
   shares (T3);
3. the country-level logit coefficients against the signs of P2 / T6.

Inputs: every `*.h5` in `PUSHPULL_REPLICATES_DIR` (default `output/replicates/`), made by
`build/app/pushpull run scenarios/baseline.toml --seed K -o output/replicates/baseline_seedK.h5`
for K = 1..N (`scripts/make-figures.sh` makes N = 20). Figures go to `PUSHPULL_FIGURES_DIR`
(default `docs/figures/`).""",
    SETUP,
    r'''REPLICATES = env_path("PUSHPULL_REPLICATES_DIR", "output/replicates")
MAKE = ("for K in $(seq 1 20); do build/app/pushpull run scenarios/baseline.toml --seed $K -q "
        "-o output/replicates/baseline_seed$K.h5; done")
require(REPLICATES, MAKE)
files = sorted(REPLICATES.glob("*.h5"))
if not files:
    raise FileNotFoundError(f"no *.h5 replicate in {REPLICATES}\n  make them with:\n    {MAKE}")
TARGETS = require(ROOT / "data" / "targets.csv", "git checkout data/targets.csv (shipped with the repository)")

curves, summaries, seeds = [], [], []
for path in files:
    run = pushpull.read(path)
    time = run.time
    curves.append(run.series.query("statistic == 'countries_adopted'").sort_values("step")["value"].to_numpy())
    s = run.summary
    summaries.append(s.set_index("name")["value"])
    seeds.append(int(run.attrs["seed"]))
    observed = s.set_index("name")[["observed", "target_id", "target_kind"]]
if len(set(len(c) for c in curves)) != 1:
    raise ValueError("replicates have different numbers of steps: use the same scenario for all")
curves = np.array(curves)
summary = pd.DataFrame(summaries, index=seeds)
step_years = time["time_years"].to_numpy()
dt = np.diff(step_years).mean() if len(step_years) > 1 else 0.25
t_end = step_years + dt      # series values are at the end of each step
targets = pd.read_csv(TARGETS)
print(f"{len(files)} replicates (seeds {sorted(seeds)}), {curves.shape[1]} steps "
      f"{time['label'].iloc[0]}-{time['label'].iloc[-1]}")''',
    """md:## 1. Adoption curve against the observed lower bounds

Observed counts are lower bounds of different breadth (open sources only, platforms only), so
the simulated curve should lie **above** them; arrows point up.""",
    r'''def target_points(ids):
    """(x at the end of the period, bound, id) for countries_adopted_* targets of the given ids."""
    rows = []
    for _, r in targets[targets.id.isin(ids) & targets.statistic.str.startswith("countries_adopted_")].iterrows():
        tail = r.statistic.removeprefix("countries_adopted_")
        if tail.isdigit():
            x = int(tail) + 1.0
        elif len(tail) == 6 and tail[4] == "q":
            x = int(tail[:4]) + int(tail[5]) * 0.25
        else:
            continue
        rows.append((x, float(r.value), r.id, r.kind))
    return pd.DataFrame(rows, columns=["x", "value", "id", "kind"]).drop_duplicates(["x", "value"])

lo, med, hi = np.percentile(curves, [5, 50, 95], axis=0)
fig, ax = plt.subplots(figsize=(8, 5))
ax.fill_between(t_end, lo, hi, step="pre", color="tab:blue", alpha=0.25,
                label=f"simulated 90% band ({len(files)} replicates)")
ax.step(t_end, med, where="pre", color="tab:blue", lw=2, label="simulated median")

t8 = target_points(["T8"]).sort_values("x")
if len(t8):
    ax.step(t8.x, t8.value, where="post", color="black", lw=1.2,
            label="T8 documented curve (lower bound)")
    ax.errorbar(t8.x, t8.value, yerr=4, lolims=True, fmt="none", ecolor="black", capsize=3)
styles = {"T1": ("tab:red", "s", "T1 Greitens 2020: > 80 (lower bound)"),
          "T4": ("tab:orange", "D", "T4 Freedom House 2018 / ASPI 2019 (lower bound)")}
for tid, (colour, marker, label) in styles.items():
    pts = target_points([tid])
    if len(pts):
        ax.plot(pts.x, pts.value, marker, color=colour, ms=7, ls="none", label=label)
        ax.errorbar(pts.x, pts.value, yerr=6, lolims=True, fmt="none", ecolor=colour, capsize=3)
ax.set_xlabel("year (end of period)")
ax.set_ylabel("countries with an agreement with a Chinese vendor")
ax.set_title("Baseline adoption curve vs observed lower bounds")
ax.set_ylim(bottom=0)
ax.grid(alpha=0.3)
ax.legend(loc="upper left", fontsize=8)
save(fig, "baseline_adoption_curve.png")

years = sorted(set(time["year"]))
end_of_year = [np.where(time["year"].to_numpy() == y)[0][-1] for y in years]
curve_table = pd.DataFrame({"year": years, "q05": lo[end_of_year], "median": med[end_of_year],
                            "q95": hi[end_of_year]}).set_index("year")
curve_table["lower_bound"] = [observed.observed.get(f"countries_adopted_{y}", np.nan) for y in years]
curve_table''',
    """md:## 2. Composition of Huawei agreements (T3, CSIS 2019)

Simulated shares (median over replicates, bars; 5–95% as error bars) beside the CSIS shares.
The region and income panels show only the categories CSIS reports, so they need not sum to 1.""",
    r'''groups = {
    "regime (Freedom House proxy)": [("huawei_share_free", "free"), ("huawei_share_partly_free", "partly free"),
                                     ("huawei_share_not_free", "not free")],
    "region": [("huawei_share_asia", "Asia (UN)"), ("huawei_share_ssa", "Sub-Saharan Africa (WB)")],
    "income": [("huawei_share_lower_middle", "lower middle"), ("huawei_share_upper_middle", "upper middle")],
}
fig, axes = plt.subplots(1, 3, figsize=(12, 4), sharey=True,
                         gridspec_kw={"width_ratios": [len(v) for v in groups.values()]})
rows = []
for ax, (title, stats) in zip(axes, groups.items()):
    x = np.arange(len(stats))
    sim = [summary[s].dropna() if s in summary else pd.Series(dtype=float) for s, _ in stats]
    m = np.array([v.median() if len(v) else np.nan for v in sim])
    q05 = np.array([v.quantile(0.05) if len(v) else np.nan for v in sim])
    q95 = np.array([v.quantile(0.95) if len(v) else np.nan for v in sim])
    obs = np.array([observed.observed.get(s, np.nan) for s, _ in stats])
    w = 0.38
    ax.bar(x - w / 2, m, w, color="tab:blue", label="simulated (median, 5–95%)",
           yerr=[np.nan_to_num(m - q05), np.nan_to_num(q95 - m)], capsize=3)
    ax.bar(x + w / 2, obs, w, color="tab:gray", label="CSIS 2019 (observed)")
    ax.set_xticks(x, [lab for _, lab in stats], fontsize=9)
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    for (s, lab), a, b, c, d in zip(stats, m, q05, q95, obs):
        rows.append({"statistic": s, "simulated_median": a, "q05": b, "q95": c, "observed": d})
axes[0].set_ylabel("share of Huawei agreements")
axes[0].legend(fontsize=8, loc="upper left")
fig.suptitle("Composition of Huawei agreements by 2019: simulated vs CSIS")
fig.tight_layout()
save(fig, "baseline_composition.png")
pd.DataFrame(rows).set_index("statistic").round(3)''',
    """md:## 3. Country-level logit vs P2 (T6)

Logit of adopted-by-2019 on standardised log homicide, strategic importance and polyarchy, one
coefficient per replicate. Expected (Greitens 2019/2020): homicide **+**, strategic importance
**+**, democracy **≈ 0** (|β| < 0.5, shaded).""",
    r'''coefs = [("logit_coef_homicide", "homicide", "+"), ("logit_coef_strategic", "strategic importance", "+"),
         ("logit_coef_democracy", "democracy (polyarchy)", "≈ 0")]
fig, ax = plt.subplots(figsize=(7, 4))
rng = np.random.default_rng(0)
rows = []
for i, (s, label, expected) in enumerate(coefs):
    v = summary[s].dropna().to_numpy() if s in summary else np.array([])
    ax.scatter(np.full(len(v), i) + rng.uniform(-0.12, 0.12, len(v)), v, s=14, alpha=0.6, color="tab:blue")
    if len(v):
        ax.plot([i - 0.25, i + 0.25], [np.median(v)] * 2, color="black", lw=2)
    ok = (v > 0) if expected == "+" else (np.abs(v) < 0.5)
    rows.append({"coefficient": label, "expected": expected, "median": np.median(v) if len(v) else np.nan,
                 "share of replicates agreeing": ok.mean() if len(v) else np.nan, "n": len(v)})
ax.axhspan(-0.5, 0.5, color="tab:green", alpha=0.12, label="≈ 0 (|β| < 0.5)")
ax.axhline(0, color="gray", lw=0.8)
ax.set_xticks(range(len(coefs)), [f"{lab}\nexpected {e}" for _, lab, e in coefs])
ax.set_ylabel("logit coefficient (per SD)")
ax.set_title("Country-level logit of adoption by 2019 vs P2 signs")
ax.legend(fontsize=8)
ax.grid(axis="y", alpha=0.3)
save(fig, "baseline_logit_signs.png")
pd.DataFrame(rows).set_index("coefficient").round(3)''',
]

COUNTERFACTUALS = [
    """md:# Counterfactuals: paired contrasts of an experiment

Reads the output of `pushpull experiment` (docs/EXPERIMENTS.md): every arm's paired contrast
against the reference arm (`/contrasts`, 5–95% intervals over the (draw, replicate) pairs), and
the headline contrast (`/headline`, `/runs`). The arm names, the reference and the headline come
from the file's `/experiment` attributes, so any experiment works.

Input: `PUSHPULL_EXPERIMENT_H5` (default `output/messaging_grid.h5`), made by
`build/app/pushpull experiment scenarios/experiments/messaging_grid.toml -o output/messaging_grid.h5`.
Figures go to `PUSHPULL_FIGURES_DIR` (default `docs/figures/`).

The sensitivity of the headline contrast to the messaging parameters needs the sweep command of
issue 3, which does not exist yet.""",
    SETUP,
    r'''EXPERIMENT = env_path("PUSHPULL_EXPERIMENT_H5", "output/messaging_grid.h5")
require(EXPERIMENT, "build/app/pushpull experiment scenarios/experiments/messaging_grid.toml "
                    "-o output/messaging_grid.h5 --threads 2")
exp = pushpull.read(EXPERIMENT)
if not isinstance(exp, pushpull.Experiment):
    raise ValueError(f"{EXPERIMENT} is not an experiment file (no /contrasts or /experiment): "
                     "make it with `pushpull experiment`, not `pushpull run`")
attrs = exp.group("experiment")["attrs"]
contrasts = exp.contrasts
headline = exp.headline
runs = exp.runs

def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)

reference = text(attrs["reference"])
horizon = text(attrs.get("horizon", "horizon"))
head = [text(a) for a in np.atleast_1d(attrs["headline"])] if "headline" in attrs else []
arms = [text(a) for a in np.atleast_1d(attrs["arms"])]
print(f"{EXPERIMENT.name}: {len(arms)} arms, reference {reference!r}, horizon {horizon}, "
      f"{int(attrs['draws'])} draw(s) x {int(attrs['replicates'])} replicates")
print("headline:", " - ".join(head) if head else "none")''',
    """md:## Contrasts against the reference: countries adopting at the horizon""",
    r'''STAT = "countries_adopted_horizon"
c = contrasts[(contrasts.statistic == STAT) & (contrasts.against == reference)].copy()
if c.empty:
    raise ValueError(f"no {STAT} contrast against {reference!r} in {EXPERIMENT}")
c = c.sort_values("mean", ascending=False).reset_index(drop=True)
excludes_zero = (c.q05 > 0) | (c.q95 < 0)
colours = np.where(c.arm == (head[0] if head else None), "tab:red",
                   np.where(excludes_zero, "tab:blue", "tab:gray"))
fig, ax = plt.subplots(figsize=(8, 1.2 + 0.28 * len(c)))
y = np.arange(len(c))
for yi, r, col in zip(y, c.itertuples(), colours):
    ax.plot([r.q05, r.q95], [yi, yi], color=col, lw=1.5)
    ax.plot([r.q05, r.q95], [yi, yi], "|", color=col, ms=6)
ax.scatter(c["mean"], y, c=colours, s=22, zorder=3)
ax.axvline(0, color="black", lw=0.8)
ax.set_yticks(y, c.arm, fontsize=8)
ax.set_xlabel(f"Δ countries adopting by {horizon} vs {reference} (mean, 5–95% of paired differences)")
ax.set_title(f"Paired contrasts against {reference} ({EXPERIMENT.stem})")
ax.grid(axis="x", alpha=0.3)
from matplotlib.lines import Line2D
handles = [Line2D([], [], color="tab:blue", marker="o", label="interval excludes 0"),
           Line2D([], [], color="tab:gray", marker="o", label="interval includes 0")]
if head:
    handles.append(Line2D([], [], color="tab:red", marker="o", label=f"headline arm ({head[0]})"))
ax.legend(handles=handles, fontsize=8, loc="lower right")
save(fig, "counterfactual_contrasts.png")
c[["arm", "mean", "q05", "q50", "q95", "sd_paired", "sd_unpaired", "variance_ratio", "n"]].round(3)''',
    """md:## The headline contrast

`headline[0] − headline[1]` run by run (common random numbers: the same (draw, replicate) seeds in
both arms), for the statistics defined at the horizon. Left: the paired differences in countries
adopting by the horizon, with the mean and 5–95% interval; right: every statistic's interval,
scaled by the reference arm's mean for comparability.""",
    r'''if not head or headline.empty:
    print("this experiment defines no headline contrast; nothing to plot")
else:
    a, b = head
    key = ["draw", "replicate"]
    ra = runs[runs.arm == a].set_index(key)
    rb = runs[runs.arm == b].set_index(key)
    ref = runs[runs.arm == reference]
    diff = (ra[STAT] - rb[STAT]).dropna()
    h = headline.set_index("statistic")
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.2), gridspec_kw={"width_ratios": [1, 1.3]})
    ax = axes[0]
    ax.hist(diff, bins=min(30, max(5, len(diff) // 2)), color="tab:blue", alpha=0.7)
    ax.axvline(h.loc[STAT, "mean"], color="tab:red", lw=2, label=f"mean {h.loc[STAT, 'mean']:.1f}")
    for q in ("q05", "q95"):
        ax.axvline(h.loc[STAT, q], color="tab:red", ls="--", lw=1)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel(f"Δ countries adopting by {horizon}")
    ax.set_ylabel("runs (draw × replicate pairs)")
    ax.set_title(f"{a}\nminus {b}", fontsize=9)
    ax.legend(fontsize=8)

    ax = axes[1]
    stats = [s for s in h.index if np.isfinite(h.loc[s, "mean"])]
    scale = pd.Series({s: abs(ref[s].mean()) if s in ref and np.isfinite(ref[s].mean()) and ref[s].mean() != 0
                       else 1.0 for s in stats})
    m = h.loc[stats, "mean"] / scale
    lo_, hi_ = h.loc[stats, "q05"] / scale, h.loc[stats, "q95"] / scale
    y = np.arange(len(stats))
    ax.errorbar(m, y, xerr=[m - lo_, hi_ - m], fmt="o", color="tab:red", capsize=2, ms=4)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, stats, fontsize=8)
    ax.set_xlabel(f"headline Δ / |mean in {reference}|  (mean, 5–95%)")
    ax.set_title("headline contrast, every statistic (relative)", fontsize=9)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    save(fig, "counterfactual_headline.png")
    display(h[["mean", "q05", "q50", "q95", "sd_paired", "sd_unpaired", "variance_ratio", "n"]].round(3))''',
    """md:## Trajectories

Countries adopting per step in the reference arm and the headline arms: the median and the
5–95% band over each arm's draws × replicates, from the file's `/trajectories` (experiments
store them; older files have none).""",
    r'''traj = exp.trajectories
if traj.empty:
    print(f"{EXPERIMENT} stores no trajectories (made before they were added); rerun the experiment")
else:
    shown = [reference] + [a for a in head if a != reference]
    fig, ax = plt.subplots(figsize=(8, 4.2))
    for arm, colour in zip(shown, ["black", "tab:red", "tab:blue", "tab:green"]):
        t = traj[(traj.arm == arm) & (traj.statistic == "countries_adopted")].sort_values("step")
        ax.plot(t["date"], t["q50"], color=colour, lw=2, label=arm)
        ax.fill_between(t["date"], t["q05"], t["q95"], color=colour, alpha=0.15)
    ax.set_ylabel("countries with a Chinese agreement")
    ax.set_title("median and 90% band over runs", fontsize=9)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    save(fig, "counterfactual_trajectories.png")''',
]

MAP = [
    """md:# Map: cities by adoption year and vendor

One baseline run: every city agent at its latitude and longitude (synthetic capital-region agents
have none and are skipped), coloured by the year of its first agreement with a Chinese vendor
(left) and by that vendor (right); cities that never adopt are light grey.

Input: `PUSHPULL_BASELINE_H5` (default `output/baseline.h5`), made by
`build/app/pushpull run scenarios/baseline.toml -o output/baseline.h5`. Figures go to
`PUSHPULL_FIGURES_DIR` (default `docs/figures/`).""",
    SETUP,
    r'''BASELINE = env_path("PUSHPULL_BASELINE_H5", "output/baseline.h5")
require(BASELINE, "build/app/pushpull run scenarios/baseline.toml -o output/baseline.h5")
run = pushpull.read(BASELINE)
cities = run.cities
time = run.time
vendor_names = list(run.vendors["name"])
seed = int(run.attrs["seed"])
scenario = run.attrs["scenario_file"]
scenario = str(scenario)
located = cities[np.isfinite(cities.lat) & np.isfinite(cities.lng)].copy()
adopted = located[located.adoption_step >= 0].copy()
adopted["year"] = time["year"].to_numpy()[adopted.adoption_step.to_numpy()]
never = located[located.adoption_step < 0]
print(f"{len(cities)} cities, {len(located)} located, {len(adopted)} adopt by {time['label'].iloc[-1]} "
      f"(seed {seed}, {scenario})")''',
    r'''fig, axes = plt.subplots(2, 1, figsize=(10, 8), sharex=True, sharey=True)
size = lambda df: 6 + 30 * np.sqrt(df.population / cities.population.max())
for ax in axes:
    ax.scatter(never.lng, never.lat, s=3, color="0.85", lw=0, label="never adopts", rasterized=True)
    ax.set_xlim(-180, 180)
    ax.set_ylim(-60, 80)
    ax.set_aspect("equal")
    ax.set_ylabel("latitude")
    ax.grid(alpha=0.2)
axes[1].set_xlabel("longitude")

years = sorted(set(time["year"]))
cmap = plt.get_cmap("viridis", len(years))
sc = axes[0].scatter(adopted.lng, adopted.lat, c=adopted.year, cmap=cmap, vmin=years[0] - 0.5,
                     vmax=years[-1] + 0.5, s=size(adopted), edgecolor="black", linewidth=0.2)
cb = fig.colorbar(sc, ax=axes[0], shrink=0.9, pad=0.01, ticks=years[:: max(1, len(years) // 6)])
cb.set_label("year of first Chinese agreement")
axes[0].set_title("cities by adoption year")
axes[0].legend(loc="lower left", fontsize=8)

markers = ["o", "s", "^", "D", "v", "P"]
colours = plt.get_cmap("tab10").colors
for v, name in enumerate(vendor_names):
    sub = adopted[adopted.adoption_vendor == v]
    if len(sub):
        axes[1].scatter(sub.lng, sub.lat, s=size(sub), marker=markers[v % len(markers)], color=colours[v],
                        edgecolor="black", linewidth=0.2, label=f"{name} ({len(sub)})")
axes[1].set_title("cities by vendor of the first Chinese agreement")
axes[1].legend(loc="lower left", fontsize=8)
fig.colorbar(sc, ax=axes[1], shrink=0.9, pad=0.01).ax.set_visible(False)   # keep both panels the same width
fig.suptitle(f"Baseline run, seed {seed}: {len(adopted)} of {len(located)} located cities adopt", y=0.95)
save(fig, "map_adoption.png")
adopted.groupby("year").size().rename("cities adopting").to_frame().T''',
]

SENSITIVITY = [
    """md:# Sensitivity: Morris and Sobol' bars from a sweep

Reads the output of `pushpull sweep` and `pushpull sensitivity -o` (docs/EXPERIMENTS.md,
"Robustness of the headline contrast"):

1. **Morris screening** of the headline contrast (tailored-subnational minus generic-national,
   `delta_countries_adopted_horizon`) and of a few other statistics: μ* (mean absolute elementary
   effect) with σ (its spread: interactions or non-linearity), both multiplied by the parameter's
   swept range so that parameters with different units compare;
2. **where the sign flips**: every point of the Morris sweep (mean over replicates) against each
   parameter, coloured by whether tailored-subnational is better (Δ < 0: fewer countries adopt);
3. **Sobol' indices** S1 and ST with their bootstrap intervals, from a Sobol' sweep.

Inputs (environment variables, defaults under `output/`):
- `PUSHPULL_MORRIS_SWEEP_H5` (`output/headline_morris.h5`) and `PUSHPULL_MORRIS_INDICES_H5`
  (`output/headline_morris_indices.h5`), made by
  `build/app/pushpull sweep scenarios/sweeps/headline_morris.toml -o output/headline_morris.h5` and
  `build/app/pushpull sensitivity output/headline_morris.h5 -o output/headline_morris_indices.h5`;
- `PUSHPULL_SOBOL_INDICES_H5` (`output/headline_sobol_indices.h5`), made by
  `build/app/pushpull sweep scenarios/sweeps/headline_sobol.toml -o output/headline_sobol.h5` and
  `build/app/pushpull sensitivity output/headline_sobol.h5 -o output/headline_sobol_indices.h5`.

Any Morris or Sobol' sweep works (the statistics shown are those present among `PUSHPULL_STATISTICS`,
comma-separated, else the first few of the file). Figures go to `PUSHPULL_FIGURES_DIR`.""",
    SETUP,
    r'''MORRIS_SWEEP = env_path("PUSHPULL_MORRIS_SWEEP_H5", "output/headline_morris.h5")
MORRIS = env_path("PUSHPULL_MORRIS_INDICES_H5", "output/headline_morris_indices.h5")
SOBOL = env_path("PUSHPULL_SOBOL_INDICES_H5", "output/headline_sobol_indices.h5")
require(MORRIS_SWEEP, "build/app/pushpull sweep scenarios/sweeps/headline_morris.toml -o output/headline_morris.h5 "
                      "--threads 2")
require(MORRIS, f"build/app/pushpull sensitivity {MORRIS_SWEEP} -o output/headline_morris_indices.h5")
require(SOBOL, "build/app/pushpull sweep scenarios/sweeps/headline_sobol.toml -o output/headline_sobol.h5 "
               "--threads 2 && build/app/pushpull sensitivity output/headline_sobol.h5 "
               "-o output/headline_sobol_indices.h5")
HEADLINE = "delta_countries_adopted_horizon"
WANTED = [s for s in os.environ.get(
    "PUSHPULL_STATISTICS", f"{HEADLINE},delta_cities_adopted_horizon,delta_adoption_share_free,"
                           "countries_adopted_horizon_a,countries_adopted_horizon_b,countries_adopted_horizon,y"
).split(",") if s]


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def read_indices(path, design):
    """{statistic: DataFrame indexed by parameter} from `pushpull sensitivity -o`."""
    f = pushpull.read(path)
    g = f.group("sensitivity")
    if g is None:
        raise ValueError(f"{path} is not a `pushpull sensitivity -o` file (no /sensitivity)")
    if text(g["attrs"]["design"]) != design:
        raise ValueError(f"{path}: expected {design} indices, found {text(g['attrs']['design'])}")
    params = list(g["datasets"]["parameter"]["data"])
    out = {name: f[f"sensitivity/{name}"].set_axis(params) for name in g["groups"]}
    return params, out


def pick(available):
    chosen = [s for s in WANTED if s in available]
    return (chosen or list(available))[:3]


m_params, morris = read_indices(MORRIS, "morris")
s_params, sobol = read_indices(SOBOL, "sobol")
sweep = pushpull.read(MORRIS_SWEEP)
design = sweep["design"]
lo = pd.Series(design["lo"].to_numpy(), index=list(design["parameter"]))
hi = pd.Series(design["hi"].to_numpy(), index=lo.index)
model = text(sweep.group("sweep")["attrs"].get("model", "?"))
all_runs = sweep.runs
runs = all_runs[all_runs.columns[all_runs.columns.get_loc("ok") + 1:]].drop(columns=["error"] + list(lo.index))
runs["point"] = all_runs["point"]
runs = runs[all_runs["ok"] == 1]
values = sweep.design
if list(lo.index) != m_params:
    raise ValueError(f"{MORRIS} was not computed from {MORRIS_SWEEP}: parameters differ")
print(f"Morris: {MORRIS_SWEEP.name} ({model}), {len(values)} points, {len(runs)} runs; "
      f"statistics shown: {pick(morris)}")
print(f"Sobol': {SOBOL.name}, parameters {s_params}; statistics shown: {pick(sobol)}")''',
    """md:## 1. Morris: μ* and σ (scaled by each parameter's range)""",
    r'''shown = pick(morris)
rng_ = (hi - lo)[m_params]
fig, axes = plt.subplots(1, len(shown), figsize=(4.2 * len(shown), 0.9 + 0.45 * len(m_params)), squeeze=False)
rows = []
for ax, s in zip(axes[0], shown):
    d = morris[s].assign(mu_star_range=lambda x: x.mu_star * rng_, sigma_range=lambda x: x.sigma * rng_,
                         mu_range=lambda x: x.mu * rng_).sort_values("mu_star_range")
    y = np.arange(len(d))
    ax.barh(y - 0.2, d.mu_star_range, 0.4, color="tab:blue", label="μ* × range")
    ax.barh(y + 0.2, d.sigma_range, 0.4, color="tab:orange", label="σ × range")
    ax.set_yticks(y, d.index, fontsize=8)
    ax.set_title(s, fontsize=9, color="tab:red" if s == HEADLINE else "black")
    ax.grid(axis="x", alpha=0.3)
    for p, r in d.iterrows():
        rows.append({"statistic": s, "parameter": p, "mu_x_range": r.mu_range, "mu_star_x_range": r.mu_star_range,
                     "sigma_x_range": r.sigma_range})
axes[0][0].legend(fontsize=8, loc="lower right")
fig.suptitle(f"Morris screening ({MORRIS_SWEEP.stem}): effect of moving each parameter across its range",
             fontsize=10)
fig.tight_layout()
save(fig, "sensitivity_morris.png")
pd.DataFrame(rows).set_index(["statistic", "parameter"]).round(3)''',
    """md:## 2. Where the headline contrast changes sign

Each point of the Morris sweep (mean over its replicates) against each parameter. Blue: Δ < 0
(tailored-subnational leaves fewer countries adopting, i.e. it is better); red: Δ ≥ 0 (it is not).""",
    r'''target = HEADLINE if HEADLINE in runs else pick(morris)[0]
mean = runs.groupby("point")[target].mean()
pts = values.loc[mean.index].assign(delta=mean.to_numpy())
better = pts.delta < 0
fig, axes = plt.subplots(1, len(m_params), figsize=(3.2 * len(m_params), 3.2), sharey=True, squeeze=False)
for ax, p in zip(axes[0], m_params):
    ax.scatter(pts[p][better], pts.delta[better], s=14, color="tab:blue", alpha=0.7, label="Δ < 0")
    ax.scatter(pts[p][~better], pts.delta[~better], s=14, color="tab:red", alpha=0.8, label="Δ ≥ 0")
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xlabel(p, fontsize=8)
    ax.grid(alpha=0.3)
axes[0][0].set_ylabel(f"{target}\n(mean over replicates)", fontsize=8)
axes[0][0].legend(fontsize=8)
fig.suptitle(f"{target}: {int((~better).sum())} of {len(pts)} points with Δ ≥ 0 ({model})", fontsize=10)
fig.tight_layout()
save(fig, "sensitivity_sign.png")
print(f"share of points where Δ >= 0: {(~better).mean():.3f}")
pts[~better].round(3).head(20)''',
    """md:## 3. Sobol' indices: S1 and ST with bootstrap intervals""",
    r'''shown = pick(sobol)
fig, axes = plt.subplots(1, len(shown), figsize=(4.2 * len(shown), 0.9 + 0.45 * len(s_params)), squeeze=False)
rows = []
for ax, s in zip(axes[0], shown):
    d = sobol[s].sort_values("ST")
    y = np.arange(len(d))
    ax.barh(y - 0.2, d.S1, 0.4, xerr=d.S1_conf, color="tab:blue", capsize=2, label="S1 (first order)")
    ax.barh(y + 0.2, d.ST, 0.4, xerr=d.ST_conf, color="tab:green", capsize=2, label="ST (total)")
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, d.index, fontsize=8)
    ax.set_title(s, fontsize=9, color="tab:red" if s == HEADLINE else "black")
    ax.grid(axis="x", alpha=0.3)
    for p, r in d.iterrows():
        rows.append({"statistic": s, "parameter": p, "S1": r.S1, "S1_conf": r.S1_conf, "ST": r.ST,
                     "ST_conf": r.ST_conf})
axes[0][0].legend(fontsize=8, loc="lower right")
fig.suptitle(f"Sobol' indices ({SOBOL.stem}); bars ± bootstrap half-widths", fontsize=10)
fig.tight_layout()
save(fig, "sensitivity_sobol.png")
pd.DataFrame(rows).set_index(["statistic", "parameter"]).round(3)''',
]

for name, cells in [("baseline_vs_observed", BASELINE), ("counterfactuals", COUNTERFACTUALS), ("map", MAP),
                    ("sensitivity", SENSITIVITY)]:
    nbformat.write(notebook(cells), HERE / f"{name}.ipynb")
    print("wrote", HERE / f"{name}.ipynb")
