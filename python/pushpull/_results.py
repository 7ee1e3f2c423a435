"""What pushpull.run / experiment / read return: one class per output kind, tidy DataFrames."""
from __future__ import annotations

from functools import cached_property

import numpy as np
import pandas as pd

from . import _core
from ._core import Error
from ._tables import attrs_frame, frame, long_series, matrix, node


class Output:
    """An output file's tree (a run, sweep, experiment or calibration), read or just computed.

    ``tables`` maps every group path to a DataFrame of its columns; ``attrs`` are the root
    attributes; ``provenance`` the same as a pandas Series; ``to_hdf5(path)`` writes the file as
    the CLI would (never half-written; ``force=True`` to overwrite)."""

    kind = "output"

    def __init__(self, tree: "_core.Tree", path: str | None = None):
        self._tree = tree
        self.path = path

    @cached_property
    def tree(self) -> dict:
        return self._tree.to_dict()

    @property
    def attrs(self) -> dict:
        return self.tree["attrs"]

    @cached_property
    def provenance(self) -> pd.Series:
        return pd.Series({k: v for k, v in self.attrs.items()}, dtype=object, name="provenance")

    def group(self, path: str) -> dict | None:
        return node(self.tree, path)

    def __getitem__(self, path: str) -> pd.DataFrame:
        n = node(self.tree, path)
        if n is None:
            raise KeyError(path)
        return frame(n)

    @cached_property
    def tables(self) -> dict[str, pd.DataFrame]:
        out = {}

        def walk(n, prefix):
            for name, child in n["groups"].items():
                p = f"{prefix}/{name}" if prefix else name
                if child["datasets"]:
                    out[p] = frame(child)
                walk(child, p)

        walk(self.tree, "")
        return out

    def to_hdf5(self, path: str, force: bool = False) -> None:
        if self._tree is None:
            raise Error("this result was computed in memory without a file tree (pushpull.sweep); "
                        "write sweep files with `pushpull sweep FILE -o OUT.h5`")
        self._tree.write(str(path), force)

    def __repr__(self) -> str:
        groups = ", ".join(self.tree["groups"])
        return f"<pushpull.{type(self).__name__} {self.path or '(in memory)'}: {groups}>"


class Run(Output):
    """A `pushpull run` output: series (long), countries, cities, vendors, events, summary, time."""

    kind = "run"
    summary_text: str = ""

    @cached_property
    def series(self) -> pd.DataFrame:
        return long_series(self.tree)

    @cached_property
    def countries(self) -> pd.DataFrame:
        return frame(self.group("countries"))

    @cached_property
    def cities(self) -> pd.DataFrame:
        return frame(self.group("cities"))

    @cached_property
    def vendors(self) -> pd.DataFrame:
        return frame(self.group("vendors"))

    @cached_property
    def events(self) -> pd.DataFrame:
        return frame(self.group("events"))

    @cached_property
    def summary(self) -> pd.DataFrame:
        return frame(self.group("summary"))

    @cached_property
    def time(self) -> pd.DataFrame:
        return frame(self.group("time"))


class Sweep(Output):
    """A `pushpull sweep` file: ``runs`` (one row per run: run, point, replicate, seed, ok, error,
    every parameter, every statistic), ``design`` (one row per point), ``series`` (long, with
    keep_series)."""

    kind = "sweep"

    @cached_property
    def runs(self) -> pd.DataFrame:
        return runs_frame_from_tree(self.group("runs"))

    @cached_property
    def design(self) -> pd.DataFrame:
        g = self.group("design")
        if g is None:
            return pd.DataFrame()
        names = g["datasets"]["parameter"]["data"]
        return matrix(g, "values", list(names))

    @cached_property
    def series(self) -> pd.DataFrame:
        g = self.group("runs")
        parts = []
        for name, d in (g or {"datasets": {}})["datasets"].items():
            if name.startswith("series_"):
                a = np.asarray(d["data"])
                runs, steps = np.meshgrid(np.arange(a.shape[0]), np.arange(a.shape[1]), indexing="ij")
                parts.append(pd.DataFrame({"run": runs.ravel(), "step": steps.ravel(),
                                           "statistic": name[len("series_"):], "value": a.ravel()}))
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["run", "step", "statistic", "value"])


def runs_frame_from_tree(g: dict | None) -> pd.DataFrame:
    """/runs of a sweep file: 1-D columns, then parameters and statistics expanded by name."""
    if g is None:
        return pd.DataFrame()
    ds = g["datasets"]
    df = frame(g, only=["run", "point", "replicate", "seed", "ok", "error"])
    for block in ("parameters", "statistics"):
        if block in ds:
            m = matrix(g, block)
            m.index = df.index
            df = pd.concat([df, m], axis=1)
    return df


class Experiment(Output):
    """A `pushpull experiment` file: ``runs`` (arm, structure, unidentified, draw, replicate,
    seed, statistics), ``contrasts`` (each arm minus the reference: mean, ci_lo/ci_hi of the
    mean, q05/q95 of the paired differences, p_negative, p_positive, p_negative_cell and the
    variance parts var_structural + var_unidentified + var_calibrated + var_seed = var_total),
    ``headline``, ``ranking`` (per ranked statistic and arm: mean, p_best, p_best_cell), ``arms``
    (with the stated cost_musd), ``unidentified`` (the prior draws, one column per parameter),
    ``structures`` and, when stored, ``trajectories`` (arm, step, date, statistic, q05 .. q95)."""

    kind = "experiment"

    @cached_property
    def runs(self) -> pd.DataFrame:
        return frame(self.group("runs"))

    @cached_property
    def contrasts(self) -> pd.DataFrame:
        return frame(self.group("contrasts"))

    @cached_property
    def headline(self) -> pd.DataFrame:
        return frame(self.group("headline"))

    @cached_property
    def ranking(self) -> pd.DataFrame:
        return frame(self.group("ranking"))

    @cached_property
    def structures(self) -> pd.DataFrame:
        return frame(self.group("structures"))

    @cached_property
    def unidentified(self) -> pd.DataFrame:
        """One row per unidentified draw, one column per parameter drawn from its prior."""
        g = self.group("unidentified")
        if g is None:
            return pd.DataFrame()
        df = matrix(g, "values", [str(p) for p in g["datasets"]["parameter"]["data"]])
        df.insert(0, "draw", np.asarray(g["datasets"]["draw"]["data"]))
        return df

    @cached_property
    def arms(self) -> pd.DataFrame:
        e = self.group("experiment")["attrs"]
        df = pd.DataFrame({"arm": e.get("arms", []), "overrides": e.get("arm_overrides", [])})
        costs = e.get("arm_cost_musd")
        if costs is not None and len(costs) == len(df):
            df["cost_musd"] = np.asarray(costs, dtype=float)
        return df

    @cached_property
    def trajectories(self) -> pd.DataFrame:
        df = frame(self.group("trajectories"))
        if "time_years" in df:
            from ._tables import step_dates
            df.insert(df.columns.get_loc("step") + 1, "date", step_dates(df).to_numpy())
        return df


class Calibration(Output):
    """A `pushpull calibrate` file: ``generations`` (one row per ABC generation), ``posterior``
    (one row per parameter), ``particles`` (the final population with weights), ``targets`` and
    ``predictive`` (targets against the posterior predictive)."""

    kind = "calibration"

    @cached_property
    def generations(self) -> pd.DataFrame:
        g = self.group("generations")
        return attrs_frame(g["groups"]) if g else pd.DataFrame()

    @cached_property
    def posterior(self) -> pd.DataFrame:
        g = self.group("posterior")
        return frame(g, only=["parameter", "median", "q05", "q95", "prior_q05", "prior_q95", "width_ratio"])

    @cached_property
    def particles(self) -> pd.DataFrame:
        g = self.group("posterior")
        if g is None:
            return pd.DataFrame()
        df = matrix(g, "particles", list(g["datasets"]["parameter"]["data"]))
        df["weight"] = g["datasets"]["weights"]["data"]
        return df

    @cached_property
    def targets(self) -> pd.DataFrame:
        return frame(self.group("targets"))

    @cached_property
    def predictive(self) -> pd.DataFrame:
        return frame(self.group("predictive/targets"))


def classify(tree: dict) -> type:
    """The Output class of a tree, from its groups and root attributes."""
    groups, attrs = tree["groups"], tree["attrs"]
    if attrs.get("kind") == "pushpull experiment" or ("experiment" in groups and "contrasts" in groups):
        return Experiment
    if "calibration" in groups and "generations" in groups:
        return Calibration
    if "runs" in groups and "sweep" in groups:
        return Sweep
    if "series" in groups or "model" in attrs:
        return Run
    return Output
