"""pushpull.run equals `pushpull run`, dataset for dataset; the tidy views match the file."""
import h5py
import numpy as np
import pandas as pd
import pytest

import pushpull
from conftest import SMALL, cli

# Root attributes allowed to differ between two runs of the same seed (output/README.md).
VOLATILE = {"threads", "executor", "created_utc", "command_line"}


def datasets(path):
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                v = obj.asstr()[()] if h5py.check_string_dtype(obj.dtype) else obj[()]
                out[name] = (np.asarray(v), dict(obj.attrs))
        f.visititems(visit)
        root = {k: f.attrs[k] for k in f.attrs if k not in VOLATILE}
    return out, root


def assert_same_file(a, b):
    da, ra = datasets(a)
    db, rb = datasets(b)
    assert list(da) == list(db)
    for name in da:
        (va, aa), (vb, ab) = da[name], db[name]
        assert va.dtype == vb.dtype, name
        np.testing.assert_array_equal(va, vb, err_msg=name)
        assert aa.keys() == ab.keys(), name
    assert ra.keys() == rb.keys()
    for k in ra:
        np.testing.assert_array_equal(ra[k], rb[k], err_msg=k)


@pytest.fixture(scope="module")
def api_run():
    return pushpull.run(SMALL, seed=7, set={"beta_crime": 0.8}, threads=2)


def test_run_writes_the_cli_file(api_run, cli_run_file, out_dir):
    path = out_dir / "api_run.h5"
    api_run.to_hdf5(path, force=True)
    assert_same_file(path, cli_run_file)


def test_run_to_hdf5_refuses_to_overwrite_without_force(api_run, out_dir):
    path = out_dir / "exists.h5"
    api_run.to_hdf5(path)
    with pytest.raises(pushpull.IoError, match="exists"):
        api_run.to_hdf5(path)


def test_run_tables_match_the_file(api_run, cli_run_file):
    with h5py.File(cli_run_file, "r") as f:
        np.testing.assert_array_equal(api_run.countries["iso3"].to_numpy(), f["countries/iso3"].asstr()[()])
        np.testing.assert_array_equal(api_run.cities["adoption_step"].to_numpy(), f["cities/adoption_step"][()])
        np.testing.assert_array_equal(api_run.events["kind"].to_numpy(), f["events/kind"].asstr()[()])
        np.testing.assert_array_equal(api_run.summary["value"].to_numpy(), f["summary/value"][()])
        s = api_run.series
        one = s[s.statistic == "countries_adopted"].sort_values("step")
        np.testing.assert_array_equal(one["value"].to_numpy(), f["series/countries_adopted"][()])
        vend = s[s.statistic == "agreements_by_vendor"]
        names = list(f["series/agreements_by_vendor"].attrs["columns"])
        assert sorted(vend.category.unique()) == sorted(names)
        huawei = vend[vend.category == names[0]].sort_values("step")["value"].to_numpy()
        np.testing.assert_array_equal(huawei, f["series/agreements_by_vendor"][()][:, 0])
        assert api_run.provenance["seed"] == 7 == f.attrs["seed"]


def test_series_is_long_with_dates(api_run):
    s = api_run.series
    assert list(s.columns) == ["step", "date", "statistic", "category", "value"]
    first = s[(s.statistic == "countries_adopted") & (s.step == 0)]
    assert first["date"].iloc[0] == pd.Timestamp("2008-01-01")
    second = s[(s.statistic == "countries_adopted") & (s.step == 1)]
    assert second["date"].iloc[0] == pd.Timestamp("2008-04-01")


def test_run_same_seed_same_result_any_thread_count():
    a = pushpull.run(SMALL, seed=3, threads=1)
    b = pushpull.run(SMALL, seed=3, serial=True)
    pd.testing.assert_frame_equal(a.cities, b.cities)
    c = pushpull.run(SMALL, seed=4, threads=1)
    assert not a.cities["adoption_step"].equals(c.cities["adoption_step"])


def test_summary_text_is_the_cli_summary(api_run, out_dir):
    p = cli("run", SMALL, "--seed", 7, "--set", "beta_crime=0.8", "-o", out_dir / "summary.h5", "--force")
    assert api_run.summary_text == p.stdout


def test_classic_model_runs():
    r = pushpull.run(str(__import__("conftest").ROOT / "scenarios" / "classic_bass.toml"), seed=1, threads=1)
    assert r.tables  # every group as a frame
    assert r.attrs["model"] == "bass"
