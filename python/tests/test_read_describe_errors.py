"""read of every output kind, describe, experiments, and errors carrying the CLI's message."""
import h5py
import numpy as np
import pandas as pd
import pytest

import pushpull
from conftest import ROOT, SMALL, TINY_EXPERIMENT, cli


def test_read_run(cli_run_file):
    r = pushpull.read(cli_run_file)
    assert isinstance(r, pushpull.Run)
    assert len(r.countries) == 199
    assert {"step", "date", "statistic", "value"} <= set(r.series.columns)
    assert r.provenance["model"] == "pushpull"
    assert "summary" in r.tables and "countries" in r.tables


def test_read_experiment_and_run_experiment(cli_experiment_file, out_dir):
    e = pushpull.read(cli_experiment_file)
    assert isinstance(e, pushpull.Experiment)
    assert list(e.arms.arm) == ["no_action", "same_as_reference", "tailored_subnational"]
    c = e.contrasts
    same = c[c.arm == "same_as_reference"]
    assert len(same) > 0 and (same["mean"].fillna(0) == 0).all()
    assert len(e.runs) == 3 * 2
    mine = pushpull.experiment(TINY_EXPERIMENT, threads=2)
    pd.testing.assert_frame_equal(mine.contrasts, e.contrasts)
    pd.testing.assert_frame_equal(mine.runs, e.runs)


def test_experiment_from_a_dict_equals_the_file(cli_experiment_file):
    import tomllib
    with open(TINY_EXPERIMENT, "rb") as f:
        spec = tomllib.load(f)
    spec["base"] = str(ROOT / "scenarios" / "test_small.toml")
    e = pushpull.experiment(spec, threads=2)
    pd.testing.assert_frame_equal(e.contrasts, pushpull.read(cli_experiment_file).contrasts)


def test_read_calibration(cli_calibration_file):
    c = pushpull.read(cli_calibration_file)
    assert isinstance(c, pushpull.Calibration)
    assert len(c.generations) >= 1 and "tolerance" in c.generations
    assert list(c.posterior.parameter) == ["params.alpha0"]
    assert np.isclose(c.particles["weight"].sum(), 1.0)
    assert len(c.predictive) > 0


def test_describe():
    d = pushpull.describe()
    assert {"id", "default", "min", "max", "unit", "prior", "doc"} <= set(d.columns)
    row = d.set_index("id").loc["params.beta_crime"]
    assert row["unit"] and row["doc"]
    assert len(d) == len(cli("describe").stdout.strip().splitlines()) - 1  # minus the header line


def test_bad_key_raises_bad_input_with_the_cli_message(out_dir):
    with pytest.raises(pushpull.BadInput) as e:
        pushpull.run(SMALL, set={"params.betta_crime": 1})
    assert "betta_crime" in str(e.value)
    p = cli("run", SMALL, "--set", "params.betta_crime=1", "-o", out_dir / "never.h5", check=False)
    assert p.returncode == 2
    for where, what in e.value.diagnostics:  # every diagnostic is a line of the CLI's report
        assert f"{where}: {what}" in p.stderr
    assert isinstance(e.value, pushpull.Error)


def test_bad_column_in_run_many_names_it():
    with pytest.raises(pushpull.BadInput, match="nosuch_param"):
        pushpull.run_many(SMALL, pd.DataFrame({"nosuch_param": [1.0]}))


def test_value_out_of_range_is_bad_input():
    with pytest.raises(pushpull.BadInput, match="beta_crime"):
        pushpull.run(SMALL, set={"beta_crime": -50})


def test_missing_files():
    with pytest.raises(pushpull.BadInput, match="not found"):
        pushpull.run("no/such/scenario.toml")
    with pytest.raises(pushpull.BadInput, match="not found"):
        pushpull.read("no/such/file.h5")


def test_reading_a_non_hdf5_file_is_bad_input(out_dir):
    # A foreign or damaged file is bad input (exit 2 in the CLI), not an I/O failure (issue 13).
    p = out_dir / "not_hdf5.h5"
    p.write_text("hello")
    with pytest.raises(pushpull.BadInput):
        pushpull.read(p)


def test_experiment_trajectories(cli_experiment_file):
    e = pushpull.read(cli_experiment_file)
    t = e.trajectories
    assert {"arm", "statistic", "step", "date", "q05", "q25", "q50", "q75", "q95"} <= set(t.columns)
    assert set(t.statistic) >= {"countries_adopted", "cities_adopted"}
    assert (t.q05 <= t.q25).all() and (t.q25 <= t.q50).all() and (t.q50 <= t.q75).all() and (t.q75 <= t.q95).all()
    last = t[(t.statistic == "countries_adopted") & (t.step == t.step.max())].set_index("arm")
    for arm, runs in e.runs.groupby("arm"):
        for q, col in ((0.05, "q05"), (0.5, "q50"), (0.95, "q95")):
            # same definition (type 7); the interpolation may round differently in the last bit
            assert np.isclose(last.loc[arm, col], np.quantile(runs["countries_adopted_horizon"], q),
                              rtol=1e-12, atol=1e-12), (arm, col)
    # the same arm twice: identical bands (common random numbers)
    a = t[t.arm == "no_action"][["q05", "q50", "q95"]].to_numpy()
    b = t[t.arm == "same_as_reference"][["q05", "q50", "q95"]].to_numpy()
    np.testing.assert_array_equal(a, b)


def test_units_are_column_metadata(cli_run_file, cli_experiment_file):
    r = pushpull.read(cli_run_file)
    assert r.countries.attrs["units"]["homicide_per_100k"] == "per 100,000 persons per year"
    assert "homicide" in r.countries.attrs["description"]["homicide_per_100k"]
    assert r.series.attrs["units"]["countries_adopted"] == "countries"
    with h5py.File(cli_run_file, "r") as f:
        missing = []
        f.visititems(lambda n, o: missing.append(n) if isinstance(o, h5py.Dataset) and
                     ("units" not in o.attrs or "description" not in o.attrs) else None)
    assert missing == []
    e = pushpull.read(cli_experiment_file)
    assert e.runs.attrs["units"]["countries_adopted_horizon"] == "countries"
