#pragma once
/// An output tree (sim::out::Group) as plain Python objects, for pushpull/_tables.py:
///   {"attrs": {name: value}, "datasets": {name: {"data": ndarray | list[str], "attrs": {...}}},
///    "groups": {name: <the same, recursively>}}
/// Integer columns become int32/int64 arrays, reals float64, 2-D datasets (rows x cols) 2-D
/// arrays; insertion order is the tree's (creation) order. Copies: the tree is not kept alive.
#include <pybind11/pybind11.h>

#include "models/study/sweep_run.hpp"
#include "python/src/api.hpp"
#include "sim/output/tree.hpp"

namespace pyapi {

pybind11::dict to_python(const sim::out::Group& g);

/// A ManyOutput as columns: {"run", "point", "replicate", "seed", "ok", "error": arrays/lists,
/// "parameters": (names, 2-D array), "statistics": (names, 2-D array), "series": {name: 2-D},
/// "header": tree dict}.
pybind11::dict to_python(const ManyOutput& m);

}  // namespace pyapi
