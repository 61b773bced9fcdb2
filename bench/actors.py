#!/usr/bin/env python3
"""Benchmark: actor recognition articles/s per core, against a plain tokenisation pass.

    .venv/bin/python bench/actors.py [--n 60] [--chars 3000] [--repeat 3]

Reads the shared samples when present (else synthetic Arabic news text) and runs
``actors.match.v1`` (the KB matcher) over two article sets in one process (one core):

- the samples as they are (mean ~8,700 characters);
- the same text cut into articles of about ``--chars`` characters at paragraph breaks (the size of
  a typical news article, the unit of the speed targets).

Each set is timed ``--n`` passes, ``--repeat`` times, in CPU time of this process
(``time.process_time``, so other work on the machine does not count); the best repeat is reported
as articles/s, next to a baseline of ``rasd.normalize.normalize`` + a regex tokenisation of the
same articles and the ratio between the two (the figure to compare across machines).
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
         "العلاقات مع كوريا الشمالية لا تستهدف أحدا.\n") * 12


def articles() -> list[str]:
    d = ROOT.parent / "shared" / "samples"
    texts = [p.read_text("utf-8") for p in sorted(d.glob("*.txt"))] if d.is_dir() else []
    return texts or [SYNTH] * 5


def chunk(texts: list[str], chars: int) -> list[str]:
    """Cut every text into pieces of about ``chars`` characters at line breaks (a piece is closed
    once it reaches ``chars``; a short tail joins the previous piece)."""
    out: list[str] = []
    for text in texts:
        pieces: list[str] = []
        buf: list[str] = []
        size = 0
        for line in text.splitlines(keepends=True):
            buf.append(line)
            size += len(line)
            if size >= chars:
                pieces.append("".join(buf))
                buf, size = [], 0
        if buf:
            if pieces and size < chars // 2:
                pieces[-1] += "".join(buf)
            else:
                pieces.append("".join(buf))
        out.extend(pieces)
    return out


def best_rate(fn, n_articles: int, passes: int, repeat: int) -> float:
    """Articles/s of the fastest of ``repeat`` timings of ``passes`` calls of ``fn`` (CPU time)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        for _ in range(passes):
            fn()
        best = min(best, time.process_time() - t)
    return n_articles * passes / max(best, 1e-9)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=60, help="passes over the articles per timing")
    ap.add_argument("--chars", type=int, default=3000, help="size of the cut articles")
    ap.add_argument("--repeat", type=int, default=3, help="timings per set (the best is reported)")
    args = ap.parse_args(argv)
    t0 = time.process_time()
    matcher = Matcher(load_kb())
    build = time.process_time() - t0
    date = dt.date(2024, 1, 1)
    whole = articles()
    sets = [("samples", whole), (f"~{args.chars}-char articles", chunk(whole, args.chars))]
    print(f"KB+matcher build: {build:.3f} s CPU; passes: {args.n}, best of {args.repeat}")
    for label, texts in sets:
        def run_base(texts=texts):
            for x in texts:
                _TOK.findall(normalize(x).text)

        def run_actors(texts=texts):
            for x in texts:
                matcher.match(x, date)

        run_base(), run_actors()  # warm up
        passes = max(1, args.n * len(whole) // len(texts))  # about the same characters per set
        base = best_rate(run_base, len(texts), passes, args.repeat)
        act = best_rate(run_actors, len(texts), passes, args.repeat)
        avg = sum(len(x) for x in texts) / len(texts)
        print(f"{label}: {len(texts)} articles (mean {avg:.0f} chars)")
        print(f"  baseline normalise+tokenise: {base:8.0f} articles/s")
        print(f"  actors.match.v1:             {act:8.0f} articles/s per core "
              f"({1000 / act:.2f} ms/article)")
        print(f"  ratio actors/baseline:       {act / base:8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
