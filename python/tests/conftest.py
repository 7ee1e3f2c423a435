"""Fixtures shared by the Python API tests. CTest sets PUSHPULL_BINARY (the CLI the results are
compared with), PUSHPULL_SOURCE_DIR (scenarios, data) and PYTHONPATH (build/python)."""
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("PUSHPULL_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = Path(os.environ.get("PUSHPULL_BINARY", ROOT / "build" / "app" / "pushpull"))
SMALL = str(ROOT / "scenarios" / "test_small.toml")
TINY_EXPERIMENT = str(ROOT / "scenarios" / "experiments" / "test_tiny.toml")


def cli(*args, check=True):
    """Runs the CLI; returns the CompletedProcess (stdout/stderr as text)."""
    p = subprocess.run([str(BINARY), *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    if check and p.returncode != 0:
        raise AssertionError(f"pushpull {' '.join(map(str, args))} exited {p.returncode}:\n{p.stderr}")
    return p


@pytest.fixture(scope="session")
def out_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("pushpull")


@pytest.fixture(scope="session")
def cli_run_file(out_dir):
    """`pushpull run test_small.toml --seed 7 --set beta_crime=0.8` written by the CLI."""
    path = out_dir / "cli_run.h5"
    cli("run", SMALL, "--seed", 7, "--set", "beta_crime=0.8", "-o", path, "-q", "--force")
    return path


@pytest.fixture(scope="session")
def cli_experiment_file(out_dir):
    path = out_dir / "cli_experiment.h5"
    cli("experiment", TINY_EXPERIMENT, "-o", path, "-q", "--force", "--threads", 2)
    return path


@pytest.fixture(scope="session")
def cli_calibration_file(out_dir):
    spec = out_dir / "calibration.toml"
    spec.write_text(f'[calibration]\nbase = "{SMALL}"\nseed = 9\nparticles = 30\npilot = 30\n'
                    'max_generations = 2\nmax_simulations = 2000\n'
                    '[pseudo_data]\nseed = 4\nstatistics = ["countries_adopted_2010", "cities_adopted_horizon"]\n'
                    '[[parameter]]\nkey = "params.alpha0"\ntruth = -4.5\n')
    path = out_dir / "calibration.h5"
    cli("calibrate", spec, "-o", path, "--force", "--threads", 2)
    return path
