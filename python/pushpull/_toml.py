"""A dict as TOML text: just what experiment and sweep files need (scalars, lists of scalars,
tables, arrays of tables). Python 3.11 reads TOML (tomllib) but writes none."""
from __future__ import annotations

import math


def _scalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_scalar(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} as TOML: {v!r}")


def _is_table(v) -> bool:
    return isinstance(v, dict)


def _is_table_array(v) -> bool:
    return isinstance(v, (list, tuple)) and len(v) > 0 and all(isinstance(x, dict) for x in v)


def dumps(d: dict, prefix: str = "") -> str:
    lines = [f"{k} = {_scalar(v)}" for k, v in d.items() if not _is_table(v) and not _is_table_array(v)]
    for k, v in d.items():
        name = f"{prefix}{k}"
        if _is_table(v):
            lines += ["", f"[{name}]", dumps(v, name + ".").strip("\n")]
        elif _is_table_array(v):
            for t in v:
                lines += ["", f"[[{name}]]", dumps(t, name + ".").strip("\n")]
    return "\n".join(lines) + "\n"
