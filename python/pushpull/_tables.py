"""Output trees (the dicts pushpull._core returns) as tidy pandas DataFrames.

A tree node is {"attrs": {...}, "datasets": {name: {"data": array | list, "attrs": {...}}},
"groups": {name: node}}. Units and descriptions stored as dataset attributes (`units`,
`description`, `doc`) go to ``df.attrs["units"]`` / ``df.attrs["description"]`` keyed by column.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd


def node(tree: dict, path: str) -> dict | None:
    """The node at "a/b" (None if absent)."""
    cur = tree
    for part in [p for p in path.split("/") if p]:
        cur = cur["groups"].get(part)
        if cur is None:
            return None
    return cur


def _annotate(df: pd.DataFrame, meta: dict[str, dict]) -> pd.DataFrame:
    units = {c: a["units"] for c, a in meta.items() if "units" in a}
    desc = {c: a.get("description", a.get("doc")) for c, a in meta.items()
            if "description" in a or "doc" in a}
    df.attrs["units"] = units
    df.attrs["description"] = desc
    return df


def frame(n: dict | None, only: list[str] | None = None, length: int | None = None) -> pd.DataFrame:
    """The 1-D datasets of a group that share its most common length, as columns (in file order).

    A 2-D dataset whose rows match and that carries a ``columns`` attribute is expanded into
    columns ``name[col]``. ``only`` restricts to the named datasets."""
    if n is None:
        return pd.DataFrame()
    ds = n["datasets"]
    names = [k for k in ds if only is None or k in only]
    one_d = [k for k in names if isinstance(ds[k]["data"], list) or np.ndim(ds[k]["data"]) == 1]
    if length is None:
        counts = Counter(len(ds[k]["data"]) for k in one_d)
        length = counts.most_common(1)[0][0] if counts else 0
    cols, meta = {}, {}
    for k in names:
        d, a = ds[k]["data"], ds[k]["attrs"]
        if k in one_d and len(d) == length:
            cols[k] = np.asarray(d, dtype=object) if isinstance(d, list) else d
            meta[k] = a
        elif isinstance(d, np.ndarray) and d.ndim == 2 and d.shape[0] == length and "columns" in a:
            for j, c in enumerate(a["columns"]):
                cols[f"{k}[{c}]"] = d[:, j]
                meta[f"{k}[{c}]"] = a
    df = pd.DataFrame(cols)
    for k in df.columns:  # string columns back to str dtype-object (not numpy object arrays of str)
        if df[k].dtype == object:
            df[k] = df[k].astype(str)
    return _annotate(df, meta)


def matrix(n: dict | None, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """A 2-D dataset as a wide DataFrame (columns from ``columns`` or its ``columns`` attribute)."""
    if n is None or name not in n["datasets"]:
        return pd.DataFrame()
    d = n["datasets"][name]
    data = np.asarray(d["data"])
    if data.ndim == 1:
        data = data.reshape(-1, 1)
    cols = columns if columns is not None else d["attrs"].get("columns")
    df = pd.DataFrame(data, columns=list(cols) if cols is not None else None)
    return _annotate(df, {c: d["attrs"] for c in df.columns})


def attrs_frame(nodes: dict[str, dict]) -> pd.DataFrame:
    """One row per child group, its attributes as columns (e.g. calibration generations)."""
    rows = [dict(v["attrs"], group=k) for k, v in nodes.items()]
    return pd.DataFrame(rows)


def step_dates(time: pd.DataFrame) -> pd.Series:
    """Start of each step as a timestamp, from /time/time_years (2008.25 -> 2008-04-01)."""
    t = time["time_years"].to_numpy(dtype=float)
    year = np.floor(t + 1e-9).astype(int)
    month = np.rint((t - year) * 12).astype(int) + 1
    return pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": 1}))


def long_series(tree: dict) -> pd.DataFrame:
    """/series in long form: step, date, statistic, category ("" or a column), value."""
    series, time = node(tree, "series"), frame(node(tree, "time"))
    if series is None:
        return pd.DataFrame(columns=["step", "date", "statistic", "category", "value"])
    steps = time["step"].to_numpy() if "step" in time else None
    dates = step_dates(time) if "time_years" in time else None
    parts, units = [], {}
    for name, d in series["datasets"].items():
        data = np.asarray(d["data"], dtype=float)
        if "units" in d["attrs"]:
            units[name] = d["attrs"]["units"]
        if data.ndim == 1:
            data, cats = data.reshape(-1, 1), [""]
        else:
            cats = [str(c) for c in d["attrs"].get("columns", range(data.shape[1]))]
        n = data.shape[0]
        st = steps if steps is not None and len(steps) == n else np.arange(n)
        for j, c in enumerate(cats):
            parts.append(pd.DataFrame({"step": st, "date": dates if dates is not None and len(dates) == n else pd.NaT,
                                       "statistic": name, "category": c, "value": data[:, j]}))
    df = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    df.attrs["units"] = units
    return df
