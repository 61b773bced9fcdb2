#!/usr/bin/env python3
"""Print the fastest usable CPython on this machine, for ``make`` to build the virtualenv with.

    python3 scripts/pick_python.py            # prints one interpreter path (what the Makefile uses)
    python3 scripts/pick_python.py --verbose  # also every candidate and its timing, on stderr

Why: rasd's pipeline is pure-Python work (dict and string operations, regular expressions, small
objects), and the same CPython version runs it about 10% faster when the interpreter was built with
profile-guided and link-time optimisation (distribution packages, python.org builds) than when it
was compiled from source without ``--enable-optimizations`` (pyenv's default). Both can sit on one
machine, with the unoptimised one first on PATH. So instead of trusting PATH, every candidate is
asked to run the same short CPU workload and the fastest one wins.

Candidates: ``python3``, ``python3.13``, ``python3.12``, ``python3.11`` on PATH, and
``/usr/bin/python3``, ``/usr/local/bin/python3``. A candidate is usable when it is CPython >= 3.11
(``requires-python`` in pyproject.toml), can create a virtualenv with pip (``venv`` and
``ensurepip``) and has SQLite with FTS5 (the embedded store). Another candidate must be at least
``MARGIN`` faster than the first usable one (``python3``) to replace it, so timing noise does not
flip the choice between equal interpreters. If nothing answers, ``python3`` is printed and the
virtualenv step reports the real error. ``make PYTHON=/path/to/python …`` bypasses all of this.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

CANDIDATES = ("python3", "python3.13", "python3.12", "python3.11", "/usr/bin/python3", "/usr/local/bin/python3")
MARGIN = 0.05  # another interpreter must be 5% faster than the first usable one to be chosen
TIMEOUT = 60   # seconds per candidate

# Run by each candidate: checks it is usable, then prints its real path and the best of several
# CPU-time measurements of a small workload shaped like the pipeline's (dicts, str methods,
# slicing, regex, calls, small objects).
PROBE = r"""
import platform, sys, time
if platform.python_implementation() != "CPython" or sys.version_info < (3, 11):
    sys.exit(3)
import ensurepip, re, sqlite3, venv
con = sqlite3.connect(":memory:")
con.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
con.close()

class Tok:
    __slots__ = ("text", "start", "end")
    def __init__(self, text, start, end):
        self.text, self.start, self.end = text, start, end

WORD = re.compile(r"\w+")
LEX = {"w%d" % i: i for i in range(2000)}
PREFIXES = ("wa", "fa", "bi", "li", "al")

def strip(w):
    for p in PREFIXES:
        if w.startswith(p) and len(w) > len(p) + 2:
            return w[len(p):]
    return w

def work():
    text = " ".join("%sw%d" % (PREFIXES[i % 5], (i * 7919) % 3000) for i in range(20000))
    toks = [Tok(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]
    hits = 0
    for t in toks:
        s = strip(t.text)
        v = LEX.get(s)
        if v is not None and v % 3:
            hits += t.end - t.start
    seen = {}
    for t in toks:
        seen[t.text[:3]] = seen.get(t.text[:3], 0) + 1
    return hits + len(sorted(seen, key=seen.get))

best = float("inf")
for _ in range(7):
    t0 = time.process_time()
    work()
    best = min(best, time.process_time() - t0)
print(sys.executable)
print(best)
"""


def probe(cmd: str) -> tuple[str, float] | None:
    """(real interpreter path, best workload seconds) of ``cmd``, or None when it is not usable."""
    path = cmd if os.path.isabs(cmd) else shutil.which(cmd)
    if not path or not os.access(path, os.X_OK):
        return None
    try:
        r = subprocess.run([path, "-I", "-c", PROBE], capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = r.stdout.split()
    if r.returncode != 0 or len(lines) != 2:
        return None
    try:
        return lines[0], float(lines[1])
    except ValueError:
        return None


def pick(verbose: bool = False) -> str:
    chosen: tuple[str, float] | None = None
    seen: set[str] = set()
    for cmd in CANDIDATES:
        got = probe(cmd)
        if verbose:
            print(f"{cmd:24s} " + (f"{got[0]}  {got[1] * 1000:.1f} ms" if got else "not usable"), file=sys.stderr)
        if got is None or os.path.realpath(got[0]) in seen:
            continue
        seen.add(os.path.realpath(got[0]))
        if chosen is None or got[1] < chosen[1] * (1 - MARGIN):
            chosen = got
    return chosen[0] if chosen else "python3"


if __name__ == "__main__":
    print(pick(verbose="--verbose" in sys.argv[1:]))
