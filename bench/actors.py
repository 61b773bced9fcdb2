#!/usr/bin/env python3
"""Benchmark: actor recognition articles/s per core, against a plain tokenisation pass.

    .venv/bin/python bench/actors.py [--n 300]

Reads the shared samples when present (else synthetic Arabic news text), runs
``actors.match.v1`` on every article ``--n`` times in one process (one core) and reports
articles/s, plus the same for a baseline of ``rasd.normalize.normalize`` + a regex tokenisation
of the body, and the ratio between the two.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.actors.kb import load_kb  # noqa: E402
from rasd.actors.matcher import Matcher  # noqa: E402
from rasd.normalize import normalize  # noqa: E402

_TOK = re.compile(r"\w+")

SYNTH = ("قال الرئيس الروسي فلاديمير بوتين إن موسكو وبيونغ يانغ ستعززان التعاون، فيما انتقدت واشنطن "
         "والناتو الاتفاق. وأكدت وزارة الخارجية اليابانية قلقها، وقال المتحدث باسم الكرملين إن "
         "العلاقات مع كوريا الشمالية لا تستهدف أحدا. ") * 12


def articles() -> list[str]:
    d = Path("/work/shared/samples")
    texts = [p.read_text("utf-8") for p in sorted(d.glob("*.txt"))] if d.is_dir() else []
    return texts or [SYNTH] * 5


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=60, help="passes over the articles")
    args = ap.parse_args(argv)
    texts = articles()
    t0 = time.perf_counter()
    matcher = Matcher(load_kb())
    build = time.perf_counter() - t0
    date = dt.date(2024, 1, 1)

    def run_base():
        for x in texts:
            _TOK.findall(normalize(x).text)

    def run_actors():
        for x in texts:
            matcher.match(x, date)

    run_base(), run_actors()  # warm up
    res = {}
    for name, fn in (("tokenise", run_base), ("actors", run_actors)):
        t = time.perf_counter()
        for _ in range(args.n):
            fn()
        el = time.perf_counter() - t
        res[name] = len(texts) * args.n / el
    avg = sum(len(x) for x in texts) / len(texts)
    print(f"articles: {len(texts)} (mean {avg:.0f} chars), passes: {args.n}, KB+matcher build: {build:.3f} s")
    print(f"baseline normalise+tokenise: {res['tokenise']:.0f} articles/s")
    print(f"actors.match.v1:            {res['actors']:.0f} articles/s per core")
    print(f"ratio actors/baseline:      {res['actors'] / res['tokenise']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
