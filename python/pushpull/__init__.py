"""pushpull from Python: the engine in-process (no subprocess), results as pandas DataFrames.

    import pushpull
    r = pushpull.run("scenarios/baseline.toml", seed=42, set={"beta_crime": 0.8})
    r.series            # long: step, date, statistic, category, value
    r.summary           # the summary vector against the observed targets
    r.to_hdf5("output/x.h5", force=True)   # the same file `pushpull run` writes

    runs = pushpull.run_many("scenarios/baseline.toml", params_df, seeds=11, threads=2)
    pushpull.describe()                     # every parameter: id, default, range, unit, prior, doc
    pushpull.read("output/messaging_grid.h5").contrasts

Simulations release the GIL. Errors raise pushpull.BadInput / IoError / InternalError (all
pushpull.Error) with the CLI's message; ``e.diagnostics`` lists (where, what) pairs.
"""
from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from . import _core
from ._core import BadInput, Error, InternalError, IoError, set_log_level
from ._results import Calibration, Experiment, Output, Run, Sweep, classify, runs_frame_from_tree
from ._toml import dumps as _toml_dumps

__version__ = _core.version
__all__ = ["run", "run_many", "sweep", "experiment", "read", "describe", "set_log_level", "Error", "BadInput",
           "IoError", "InternalError", "Run", "Sweep", "Experiment", "Calibration", "Output", "__version__"]


def _value_text(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return str(v)


def _sets(set) -> list[str]:
    """{"beta_crime": 0.8} or ["beta_crime=0.8"] -> ["beta_crime=0.8"]."""
    if set is None:
        return []
    if isinstance(set, str):
        return [set]
    if isinstance(set, Mapping):
        return [f"{k}={_value_text(v)}" for k, v in set.items()]
    return [str(s) for s in set]


def _command(name: str, **kw) -> str:
    args = ", ".join(f"{k}={v!r}" for k, v in kw.items() if v not in (None, [], {}, 0, False))
    return f"{os.path.basename(sys.executable)}: pushpull.{name}({args})"


def run(scenario, seed: int | None = None, set=None, threads: int = 0, serial: bool = False) -> Run:
    """Runs a scenario in-process, as ``pushpull run SCENARIO [--seed S] [--set k=v ...]`` would.

    ``set``: overrides as a dict ({"beta_crime": 0.8, "vendors.huawei.capacity": 4}) or "k=v"
    strings; bare parameter names resolve as in --set. ``threads`` 0: all cores. The result holds
    exactly the datasets `pushpull run` writes (``to_hdf5`` writes them)."""
    scenario = os.fspath(scenario)
    sets = _sets(set)
    tree, text = _core.run(scenario, seed, sets, threads, serial,
                           _command("run", scenario=scenario, seed=seed, set=sets, threads=threads))
    r = Run(tree)
    r.summary_text = text
    return r


def _many_frame(out: dict, user_names: list[str] | None) -> pd.DataFrame:
    df = pd.DataFrame({k: out[k] for k in ("run", "point", "replicate", "seed", "ok")})
    df["error"] = out["error"]
    keys, values = out["parameters"]
    names = user_names if user_names is not None else list(keys)
    for j, name in enumerate(names):
        df[name] = values[:, j]
    stats, svalues = out["statistics"]
    df = pd.concat([df, pd.DataFrame(svalues, columns=list(stats), index=df.index)], axis=1)
    df.attrs["parameters"] = list(keys)
    df.attrs["statistics"] = list(stats)
    if out["series"]:
        df.attrs["series"] = {k: v for k, v in out["series"].items()}
    return df


def run_many(scenario, params=None, seeds=1, replicates: int = 1, set=None, threads: int = 0,
             common_random_numbers: bool = False, keep_series: bool = False) -> pd.DataFrame:
    """Runs the scenario once per row of ``params`` (× ``replicates``), in parallel on the engine's
    executor, and returns one row per run: run, point, replicate, seed, ok, error, the parameter
    columns, then every summary statistic.

    ``params``: a DataFrame (or dict of columns, or None) whose columns are scenario keys (bare
    names such as ``beta_crime`` resolve as in --set). ``seeds``: an int is the master seed, as the
    ``seed`` of a sweep file, so the result equals `pushpull sweep` of the list design with these
    values, ``replicates`` and ``common_random_numbers``, row for row and bit for bit; a sequence
    gives each row its own ``run.seed`` (the run equals ``pushpull run --seed s --set ...``).
    ``set``: fixed overrides of the base, like the sweep's ``set``. ``keep_series``: also the
    per-step series, in ``df.attrs["series"]`` (name -> runs × steps array)."""
    scenario = os.fspath(scenario)
    if params is None:
        params = pd.DataFrame(index=range(len(seeds) if isinstance(seeds, Sequence) else 1))
    if not isinstance(params, pd.DataFrame):
        params = pd.DataFrame(params)
    names = [str(c) for c in params.columns]
    points = params.to_numpy(dtype=float).reshape(len(params), len(names))
    if isinstance(seeds, (int, np.integer)):
        seed, explicit = int(seeds), []
    else:
        seed, explicit = 1, [int(s) for s in seeds]
    out = _core.run_many(scenario, _sets(set), names, points, replicates, seed, common_random_numbers, explicit,
                         keep_series, threads)
    return _many_frame(out, names)


def sweep(file, threads: int = 0) -> Sweep:
    """Every run of a sweep file (any design) in memory, as `pushpull sweep FILE` computes them;
    nothing is written. ``.runs`` equals /runs of the CLI's file."""
    out = _core.sweep(os.fspath(file), threads)
    s = Sweep(None, None)
    s.__dict__["tree"] = {"attrs": {}, "datasets": {}, "groups": dict(out["header"]["groups"])}
    s.__dict__["runs"] = _many_frame(out, None)
    return s


def experiment(file_or_dict, threads: int = 0) -> Experiment:
    """Runs an experiment (a file, or the same content as a dict whose paths are relative to the
    working directory) in-process, as `pushpull experiment` does; ``to_hdf5`` writes the file."""
    if isinstance(file_or_dict, Mapping):
        text = _toml_dumps(dict(file_or_dict))
        tree = _core.experiment("<dict>", text, os.getcwd(), threads, _command("experiment", spec="<dict>"))
        e = Experiment(tree)
        e.text = text
        return e
    path = os.fspath(file_or_dict)
    return Experiment(_core.experiment(path, "", ".", threads, _command("experiment", file=path)))


def read(path) -> Output:
    """Reads any pushpull output file (run, sweep, experiment, calibration) through the engine's own
    reader; returns a Run, Sweep, Experiment or Calibration with tidy DataFrames."""
    path = os.fspath(path)
    tree = _core.read(path)
    d = tree.to_dict()
    obj = classify(d)(tree, path)
    obj.__dict__["tree"] = d
    return obj


def describe(model: str = "pushpull") -> pd.DataFrame:
    """Every scenario key of a model: id, type, default, min, max, choices, unit, prior, doc."""
    df = pd.DataFrame(_core.describe(model))
    df.attrs["model"] = model
    return df
