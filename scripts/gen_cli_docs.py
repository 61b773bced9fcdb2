"""Write docs/cli.md from the CLI's own --help (CI checks that it is up to date).

    python scripts/gen_cli_docs.py          # rewrite docs/cli.md
    python scripts/gen_cli_docs.py --check  # exit 1 when docs/cli.md is stale
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def render() -> str:
    os.environ["COLUMNS"] = "100"
    os.environ["TERM"] = "dumb"
    from typer.main import get_command
    from typer.testing import CliRunner

    from rasd.cli import app

    runner = CliRunner()
    cmd = get_command(app)
    parts = ["# rasd command-line reference", "",
             "Generated from `rasd --help` by `scripts/gen_cli_docs.py`; do not edit by hand.", ""]
    top = runner.invoke(app, ["--help"], env={"COLUMNS": "100", "TERM": "dumb"})
    parts += ["## rasd", "", "```", top.output.rstrip(), "```", ""]
    for name in sorted(cmd.commands):
        r = runner.invoke(app, [name, "--help"], env={"COLUMNS": "100", "TERM": "dumb"})
        parts += [f"## rasd {name}", "", "```", r.output.rstrip(), "```", ""]
    return "\n".join(parts)


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not DOC.exists() or DOC.read_text("utf-8") != text:
            print(f"{DOC} is stale: run python scripts/gen_cli_docs.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, "utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
