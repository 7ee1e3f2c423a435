"""The examples in python/examples run (small sizes, test scenario) and print what they claim."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SMALL

EXAMPLES = ROOT / "python" / "examples"


def run_example(name, *args):
    env = dict(os.environ)
    p = subprocess.run([sys.executable, str(EXAMPLES / name), "--scenario", SMALL, *map(str, args)],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr
    return p.stdout


def test_sobol_indices_example():
    out = run_example("sobol_indices.py", "--n", 16, "--statistic", "countries_adopted_2011")
    assert "S1" in out and "ST" in out and "params.beta_crime" in out
    assert "80 runs" in out  # (d + 2) * n = 5 * 16


def test_abc_rejection_example():
    out = run_example("abc_rejection.py", "--draws", 40, "--accept", 0.25)
    assert "10 of 40 draws accepted" in out


def test_emulator_example():
    out = run_example("emulator.py", "--train", 16, "--test", 4, "--statistic", "countries_adopted_2011")
    assert "test RMSE" in out and "const" in out
