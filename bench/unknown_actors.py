#!/usr/bin/env python
"""Speed of stage actors.unknown.v1 (unknown people/organisations), as ratios in one process.

    .venv/bin/python bench/unknown_actors.py [--samples ../shared/samples] [--repeat 10]

Bodies and KB mentions come from the default pipeline (actors.unknown off). Reported per 3,000
characters: the stage without NER, with NER gated to the sentences that can hold a name (default),
and with NER on every sentence (the first iteration); ratios are against the tokenizer alone
(a machine-independent baseline run in the same process).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import rasd  # noqa: E402
from rasd.actors import ner  # noqa: E402
from rasd.actors.unknown import UnknownFinder, _kb_nisba  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "samples"))
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args(argv)
    texts = [p.read_text("utf-8") for p in sorted(Path(args.samples).glob("*.txt"))]
    if not texts:
        print("no samples", file=sys.stderr)
        return 2
    opts = rasd.Options(disable=["actors.unknown", "events", "quotes"])
    docs = [rasd.analyze(text=t, options=opts) for t in texts]
    items = [(d.body, sorted((m.start, m.end) for a in d.actors for m in a.mentions)) for d in docs]
    chars = sum(len(b) for b, _ in items)
    finder = UnknownFinder(nisba=_kb_nisba(), tagger=ner.get_tagger())
    for b, c in items:
        finder.find(b, c)

    def per3k(fn) -> float:
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            for b, c in items:
                fn(b, c)
        return (time.perf_counter() - t0) / args.repeat * 1000 * 3000 / chars

    base = per3k(lambda b, c: ner.tokenize(b))
    rows = []
    for label, use_ner, gate in (("no NER", False, True), ("NER, gated (default)", True, True),
                                 ("NER, every sentence", True, False)):
        finder.use_ner, finder.gate = use_ner, gate
        finder.stats["sentences"] = 0
        ms = per3k(finder.find)
        rows.append((label, ms, finder.stats["sentences"] / args.repeat))
    total_sents = sum(len(ner.sentences(b)) for b, _ in items)
    print(f"{len(items)} documents, {chars} characters, {total_sents} sentences; tokenizer {base:.2f} ms / 3k chars")
    for label, ms, sents in rows:
        print(f"{label:24} {ms:7.2f} ms / 3k chars  x{ms / base:5.1f} tokenizer  tagged {sents:.0f} sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
