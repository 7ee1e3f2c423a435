"""run_many / sweep equal `pushpull sweep` for the same design, run for run, bit for bit."""
import threading
import time

import h5py
import numpy as np
import pandas as pd
import pytest

import pushpull
from conftest import SMALL, cli

PARAMS = pd.DataFrame({"beta_crime": [0.2, 0.9, 1.4], "params.alpha0": [-5.0, -4.5, -4.0]})


def sweep_file(tmp, name, body):
    path = tmp / f"{name}.toml"
    path.write_text(body)
    out = tmp / f"{name}.h5"
    cli("sweep", path, "-o", out, "--force", "--threads", 2)
    return path, out


def list_sweep(seed=5, replicates=2, crn=False):
    def values(c):
        return "[" + ", ".join(repr(float(v)) for v in PARAMS[c]) + "]"
    return (f'[sweep]\nbase = "{SMALL}"\ndesign = "list"\nreplicates = {replicates}\nseed = {seed}\n'
            f'common_random_numbers = {"true" if crn else "false"}\n'
            f'[[parameter]]\nkey = "params.beta_crime"\nvalues = {values("beta_crime")}\n'
            f'[[parameter]]\nkey = "params.alpha0"\nvalues = {values("params.alpha0")}\n')


def runs_of(path):
    with h5py.File(path, "r") as f:
        g = f["runs"]
        return (g["seed"][()], g["ok"][()], g["parameters"][()], g["statistics"][()],
                [c.decode() if isinstance(c, bytes) else c for c in g["statistics"].attrs["columns"]])


@pytest.mark.parametrize("crn", [False, True])
def test_run_many_equals_sweep(out_dir, crn):
    _, out = sweep_file(out_dir, f"list_crn{int(crn)}", list_sweep(crn=crn))
    seeds, ok, params, stats, names = runs_of(out)
    df = pushpull.run_many(SMALL, PARAMS, seeds=5, replicates=2, threads=2, common_random_numbers=crn)
    assert len(df) == 6 and df.ok.all()
    np.testing.assert_array_equal(df["seed"].to_numpy(), seeds)
    np.testing.assert_array_equal(df[["beta_crime", "params.alpha0"]].to_numpy(), params)
    assert df.attrs["statistics"] == names
    got = df[names].to_numpy()
    assert got.tobytes() == stats.tobytes()  # bit for bit, NaNs included
    assert list(df.columns[:8]) == ["run", "point", "replicate", "seed", "ok", "error", "beta_crime", "params.alpha0"]


def test_run_many_is_independent_of_thread_count():
    a = pushpull.run_many(SMALL, PARAMS, seeds=3, threads=1)
    b = pushpull.run_many(SMALL, PARAMS, seeds=3, threads=2)
    pd.testing.assert_frame_equal(a, b)
    c = pushpull.run_many(SMALL, PARAMS, seeds=4, threads=2)
    assert not a["countries_adopted_2011"].equals(c["countries_adopted_2011"]) or not a["seed"].equals(c["seed"])


def test_sweep_any_design_equals_cli(out_dir):
    body = (f'[sweep]\nbase = "{SMALL}"\ndesign = "lhs"\nsamples = 5\nseed = 3\nkeep_series = true\n'
            '[[parameter]]\nkey = "beta_crime"\nrange = [0.0, 1.5]\n'
            '[[parameter]]\nkey = "params.alpha0"\nrange = [-6.0, -3.0]\n')
    path, out = sweep_file(out_dir, "lhs", body)
    s = pushpull.sweep(path, threads=2)
    cli_file = pushpull.read(out)
    assert isinstance(cli_file, pushpull.Sweep)
    pd.testing.assert_frame_equal(s.runs.drop(columns=["error"]).reset_index(drop=True),
                                  cli_file.runs.drop(columns=["error"]).reset_index(drop=True),
                                  check_dtype=False, check_names=False)
    assert len(cli_file.design) == 5
    ser = cli_file.series
    assert set(ser.statistic) == {"countries_adopted", "cities_adopted", "chinese_agreements"}


def test_explicit_seeds_equal_single_runs():
    df = pushpull.run_many(SMALL, PARAMS.iloc[:2], seeds=[101, 202], threads=2)
    np.testing.assert_array_equal(df["seed"], [101, 202])
    for i, seed in enumerate([101, 202]):
        r = pushpull.run(SMALL, seed=seed, threads=1,
                         set={"params.beta_crime": PARAMS.beta_crime[i], "params.alpha0": PARAMS["params.alpha0"][i]})
        summary = r.summary.set_index("name")["value"]
        common = [c for c in df.attrs["statistics"] if c in summary.index]
        assert len(common) > 10
        np.testing.assert_array_equal(df.loc[i, common].to_numpy(dtype=float), summary[common].to_numpy())


def test_replicates_without_parameters():
    df = pushpull.run_many(SMALL, None, seeds=[1, 2, 3], threads=2)
    assert len(df) == 3 and df.ok.all()


def test_gil_is_released_while_simulating():
    ticks = []
    done = threading.Event()

    def work():
        pushpull.run_many(SMALL, pd.DataFrame({"beta_crime": np.linspace(0, 1.5, 16)}), seeds=1, threads=1)
        done.set()

    t = threading.Thread(target=work)
    t.start()
    while not done.is_set():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    t.join()
    # The main thread kept running while the engine worked (a held GIL would give ~1 tick).
    assert len(ticks) > 20
