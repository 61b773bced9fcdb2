"""Docs cannot drift: the CLI reference is generated from --help, and the README stays true."""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_cli_reference_is_up_to_date():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_cli_docs.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_every_command_is_in_the_readme():
    from typer.main import get_command
    from rasd.cli import app

    readme = (ROOT / "README.md").read_text("utf-8")
    for name in get_command(app).commands:
        assert re.search(rf"rasd {name}\b", readme), f"README does not show `rasd {name}`"


def test_quick_start_is_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    cmds = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert cmds == ["make run", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text("utf-8")
