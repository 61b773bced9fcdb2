"""scripts/pick_python.py: the Makefile's choice of interpreter for the virtualenv."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "pick_python.py"


@pytest.fixture(scope="module")
def pick_python():
    spec = importlib.util.spec_from_file_location("pick_python", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_running_interpreter_is_usable_and_timed(pick_python):
    got = pick_python.probe(sys.executable)
    assert got is not None
    path, seconds = got
    assert os.path.realpath(path) == os.path.realpath(sys.executable)
    assert 0 < seconds < 10


def test_a_missing_or_failing_interpreter_is_not_usable(pick_python, tmp_path):
    assert pick_python.probe(str(tmp_path / "no-such-python")) is None
    fake = tmp_path / "python3"
    fake.write_text("#!/bin/sh\necho not a python\nexit 0\n")
    fake.chmod(0o755)
    assert pick_python.probe(str(fake)) is None  # answers, but not with a path and a timing


def test_the_first_candidate_is_kept_unless_another_is_clearly_faster(pick_python, monkeypatch):
    timings = {"python3": ("/a/python3", 1.00), "python3.13": ("/b/python3.13", 0.97),
               "python3.12": ("/c/python3.12", 0.80), "python3.11": ("/a/python3", 0.10)}
    monkeypatch.setattr(pick_python, "probe", lambda cmd: timings.get(cmd))
    # 3% faster is within the margin; 20% faster wins; the same real path seen twice is skipped
    assert pick_python.pick() == "/c/python3.12"
    timings["python3.12"] = ("/c/python3.12", 0.97)
    assert pick_python.pick() == "/a/python3"


def test_the_script_prints_one_usable_interpreter():
    out = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0
    chosen = out.stdout.strip()
    assert chosen and "\n" not in chosen
    ver = subprocess.run([chosen, "-c", "import sys; print(sys.version_info >= (3, 11))"],
                         capture_output=True, text=True, timeout=60)
    assert ver.stdout.strip() == "True"
