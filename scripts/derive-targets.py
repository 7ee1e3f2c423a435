#!/usr/bin/env python3
"""Derives the data-driven rows of data/targets.csv from data/adoption_events_documented.csv.

The documented curve ("main curve": confidence high/medium, scope platform / FR_platform / pilot,
each country's earliest year_first_documented) gives the T8 observations (countries documented by
the end of each year 2009-2019, compared with the observation model's `observed_countries_<year>`,
Revision 2 R10) and the lag median of T7. Prints the rows; with --check, exits 1 if
data/targets.csv disagrees, so a data edit cannot leave the targets stale (tested in CTest).

Usage: scripts/derive-targets.py [--check] [REPO_ROOT]
"""
import csv
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from documented_record import first_years  # noqa: E402


def documented_curve(rows):
    first = first_years(rows)
    return {y: sum(1 for v in first.values() if v <= y) for y in range(2009, 2020)}


def lag_median(rows):
    lags = [int(r["year_operational"]) - int(r["year_agreement"])
            for r in rows if r["year_operational"].strip() and r["year_agreement"].strip()]
    return statistics.median(lags), len(lags)


def derived_rows(root):
    with open(root / "data" / "adoption_events_documented.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    curve = documented_curve(rows)
    out = {}
    for y, n in curve.items():
        out[("T8", f"observed_countries_{y}")] = float(n)
    med, n = lag_median(rows)
    out[("T7", "median_lag_agreement_to_operation_years")] = float(med)
    return out, curve, n


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if not a.startswith("--")]
    root = Path(args[0]) if args else Path(__file__).resolve().parent.parent
    derived, curve, nlags = derived_rows(root)
    if not check:
        for (tid, stat), v in derived.items():
            print(f"{tid},{stat},{v:g}")
        print(f"# documented curve {curve}; lag median over {nlags} events", file=sys.stderr)
        return 0
    with open(root / "data" / "targets.csv", newline="", encoding="utf-8") as f:
        have = {(r["id"], r["statistic"]): float(r["value"]) for r in csv.DictReader(f)}
    bad = [(k, v, have.get(k)) for k, v in derived.items() if have.get(k) != v]
    for (tid, stat), want, got in bad:
        print(f"data/targets.csv: {tid} {stat} is {got}, the documented events give {want:g}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
