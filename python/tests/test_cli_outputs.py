"""`pushpull report FILE --json` and `pushpull export FILE --format csv|json -o DIR`, checked
against the files they read (through pushpull.read and h5py)."""
import csv
import json
import math

import h5py
import numpy as np
import pandas as pd
import pytest

import pushpull
from conftest import cli


def test_report_json_of_an_experiment(cli_experiment_file):
    p = cli("report", cli_experiment_file, "--json")
    rep = json.loads(p.stdout)
    assert rep["kind"] == "experiment"
    assert rep["reference"] == "no_action" and rep["replicates"] == 2
    assert [a["name"] for a in rep["arms"]] == ["no_action", "same_as_reference", "tailored_subnational"]
    assert rep["arms"][2]["overrides"][0] == "us.content=tailored"
    e = pushpull.read(cli_experiment_file)
    c = e.contrasts
    for _, row in c.iterrows():
        got = rep["contrasts"][row.arm]["statistics"][row.statistic]
        assert rep["contrasts"][row.arm]["against"] == row.against
        for k in ("mean", "q05", "q50", "q95", "sd_paired", "sd_unpaired", "n"):
            want = row[k]
            if isinstance(want, float) and math.isnan(want):
                assert got[k] is None
            else:
                assert got[k] == want, (row.arm, row.statistic, k)
    h = rep["headline"]
    assert h["arm"] == "tailored_subnational" and h["against"] == "same_as_reference"
    assert set(h["statistics"]) == set(e.headline.statistic)


def test_report_json_of_a_calibration(cli_calibration_file):
    rep = json.loads(cli("report", cli_calibration_file, "--json").stdout)
    assert rep["kind"] == "calibration"
    assert [p["parameter"] for p in rep["posterior"]] == ["params.alpha0"]
    assert len(rep["generations"]) >= 1 and "tolerance" in rep["generations"][0]
    assert len(rep["targets"]) == len(pushpull.read(cli_calibration_file).predictive)


def test_report_json_refuses_other_files(cli_run_file):
    p = cli("report", cli_run_file, "--json", check=False)
    assert p.returncode == 2
    assert "not an experiment or calibration file" in p.stderr


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_run(cli_run_file, out_dir, fmt):
    d = out_dir / f"export_{fmt}"
    cli("export", cli_run_file, "--format", fmt, "-o", d, "--force")
    # numbers are written in shortest round-trip form: read them back exactly
    read = ((lambda p: pd.read_csv(p, keep_default_na=False, na_values=["NaN"], float_precision="round_trip"))
            if fmt == "csv" else (lambda p: pd.read_json(p, precise_float=True)))
    r = pushpull.read(cli_run_file)
    countries = read(d / f"countries.{fmt}")
    assert list(countries["iso3"]) == list(r.countries["iso3"])
    np.testing.assert_array_equal(countries["homicide_per_100k"].to_numpy(), r.countries["homicide_per_100k"].to_numpy())
    series = read(d / f"series.{fmt}")
    assert list(series.columns) == ["step", "label", "statistic", "category", "value"]
    with h5py.File(cli_run_file, "r") as f:
        want = f["series/countries_adopted"][()]
        labels = f["time/label"].asstr()[()]
    got = series[series.statistic == "countries_adopted"].sort_values("step")
    np.testing.assert_array_equal(got["value"].to_numpy(), want)
    assert list(got["label"]) == list(labels)
    units = read(d / f"units.{fmt}")
    assert {"table", "column", "units", "description"} <= set(units.columns)
    assert ((units.table == "countries") & (units.column == "iso3")).any()
    attrs = json.loads((d / "attributes.json").read_text())
    assert attrs["/"]["seed"] == 7


def test_export_refuses_a_non_empty_directory_without_force(cli_run_file, out_dir):
    d = out_dir / "export_twice"
    cli("export", cli_run_file, "-o", d)
    p = cli("export", cli_run_file, "-o", d, check=False)
    assert p.returncode == 3 and "not empty" in p.stderr
    assert cli("export", cli_run_file, "--format", "xml", "-o", d, check=False).returncode == 2


def test_export_experiment(cli_experiment_file, out_dir):
    d = out_dir / "export_experiment"
    cli("export", cli_experiment_file, "-o", d)
    contrasts = pd.read_csv(d / "contrasts.csv")
    assert len(contrasts) == len(pushpull.read(cli_experiment_file).contrasts)


def test_experiment_with_priors_and_structures_from_a_dict(out_dir):
    """R14 through the Python API: [priors] and [[structure]] in a dict, the decision columns
    in the returned contrasts, and the variance parts summing to the total."""
    import pathlib
    root = pathlib.Path(__file__).resolve().parents[2]
    spec = {
        "base": str(root / "scenarios" / "test_small.toml"),
        "experiment": {"horizon": "2012Q4", "replicates": 2, "seed": 4, "reference": "no_action",
                       "unidentified_draws": 2},
        "priors": {"us.kappa_tailored": "prior", "us.msg_decay": "U(0.8, 0.95)"},
        "structure": [{"name": "rev2", "set": []},
                      {"name": "capital", "set": ["structure.decision_level=capital_national"]}],
        "arm": [{"name": "no_action", "set": ["us.content=none"], "cost_musd": 0.0},
                {"name": "tailored", "set": ["us.content=tailored", "us.level=subnational",
                                             "us.budget_musd=4", "us.start_year=2010"], "cost_musd": 4.0}],
    }
    e = pushpull.experiment(spec, threads=2)
    c = e.contrasts
    for col in ("ci_lo", "ci_hi", "p_negative", "p_negative_cell", "var_total", "var_seed"):
        assert col in c.columns, col
    finite = c[c.n > 0]
    parts = finite.var_structural + finite.var_unidentified + finite.var_calibrated + finite.var_seed
    assert np.allclose(parts, finite.var_total, rtol=1e-9, atol=1e-12)
    assert set(e.runs.structure) == {0, 1} and set(e.runs.unidentified) == {0, 1}
    assert e.unidentified.columns[0] == "draw"
    assert sorted(e.unidentified.columns[1:]) == ["us.kappa_tailored", "us.msg_decay"]
    assert len(e.unidentified) == 2
    assert list(e.structures.name) == ["rev2", "capital"]
    assert list(e.arms.cost_musd) == [0.0, 4.0]
    r = e.ranking
    assert abs(r.p_best.sum() - 1.0) < 1e-12


@pytest.mark.parametrize("json_flag", [False, True])
def test_report_refuses_damaged_r14_columns(cli_experiment_file, out_dir, json_flag):
    """A present R14 column of the wrong length or dtype, or a broken /ranking, is exit 2 naming it."""
    import shutil
    for damage, name in (("short", "/contrasts/ci_lo"), ("dtype", "/contrasts/p_negative"),
                         ("ranking", "/ranking/p_best")):
        bad = out_dir / f"damaged_{damage}_{int(json_flag)}.h5"
        shutil.copy(cli_experiment_file, bad)
        with h5py.File(bad, "r+") as f:
            if damage == "short":
                n = len(f["contrasts/ci_lo"])
                del f["contrasts/ci_lo"]
                f["contrasts/ci_lo"] = np.zeros(n - 1)
            elif damage == "dtype":
                n = len(f["contrasts/p_negative"])
                del f["contrasts/p_negative"]
                f["contrasts/p_negative"] = np.zeros(n, dtype=np.int32)
            else:
                del f["ranking/p_best"]
        args = ["report", bad] + (["--json"] if json_flag else [])
        p = cli(*args, check=False)
        assert p.returncode == 2, (damage, p.stdout[:200])
        assert name in p.stderr, (damage, p.stderr)
    # an intact file still reports its decision table
    assert "Which lever, how much, how sure" in cli("report", cli_experiment_file).stdout
