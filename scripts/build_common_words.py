#!/usr/bin/env python
"""Build ``src/rasd/data/actors/common_words.tsv``: frequent Arabic words that are (almost) never names.

    .venv/bin/python scripts/build_common_words.py [--data ../shared/data] [--min-count 3] [--max-entity 0.1]

Reads two NER corpora with token-level tags and counts, per clitic-stripped normalised stem
(``rasd.actors.ner.strip_proclitics`` over ``rasd.normalize.normalize_text``), how often the word
occurs and how often it is inside any entity:

- ANERcorp (``anercorp/ANERCorp_original.txt``; Benajiba et al. 2007, CAMeL Lab re-release, CC BY-SA 4.0)
- the Wojood public sample (``wojood-sample/{train,val,test}.txt``; SinaLab, MIT)

A stem is written when it occurs at least ``--min-count`` times and at most ``--max-entity`` of its
occurrences are entity tokens. The list is a *derived* resource of ANERcorp and is therefore
distributed under CC BY-SA 4.0 (see ``src/rasd/data/actors/NOTICE.md``); it holds single words and
counts, no text. The stage ``actors.unknown.v1`` reads it to refuse common words as names.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.actors.ner import strip_proclitics  # noqa: E402
from rasd.normalize import normalize_text  # noqa: E402

OUT = ROOT / "src" / "rasd" / "data" / "actors" / "common_words.tsv"
_AR = re.compile(r"^[\u0621-\u064A]+$")


def read_tokens(path: Path):
    """(token, is_entity) pairs of a 'token TAG [TAG …]' file."""
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2:
                continue
            tok = parts[0].replace("\u200e", "").replace("\u200f", "")
            yield tok, any(t != "O" for t in parts[1:])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--max-entity", type=float, default=0.1)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    data = Path(args.data)
    files = [data / "anercorp" / "ANERCorp_original.txt"] + [
        data / "wojood-sample" / f"{n}.txt" for n in ("train", "val", "test")
    ]
    total: Counter[str] = Counter()
    ent: Counter[str] = Counter()
    for f in files:
        if not f.exists():
            print(f"missing {f}", file=sys.stderr)
            return 2
        for tok, is_ent in read_tokens(f):
            w = normalize_text(tok)
            if not _AR.match(w):
                continue
            stem = strip_proclitics(w)[1]
            total[stem] += 1
            if is_ent:
                ent[stem] += 1
    rows = [
        (w, n, ent[w]) for w, n in total.items()
        if n >= args.min_count and ent[w] <= args.max_entity * n and len(w) >= 2
    ]
    rows.sort(key=lambda r: (-r[1], r[0]))
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(
            "# common_words.tsv - frequent Arabic words (clitic-stripped, rasd-normalised stems) that are almost\n"
            "# never part of a named entity; actors.unknown.v1 never takes one as a name word.\n"
            "# Built by scripts/build_common_words.py from ANERcorp (Benajiba et al. 2007; CAMeL Lab re-release,\n"
            "# CC BY-SA 4.0) and the Wojood public sample (SinaLab/ArabicNER, MIT). Derived from ANERcorp, so this\n"
            f"# list is CC BY-SA 4.0. Criteria: count >= {args.min_count}, entity share <= {args.max_entity}.\n"
            "# An analyst may add rows by hand (count may be 0); a word listed in own_words below is ours.\n"
            "# Columns: stem<TAB>count<TAB>entity_count\n"
        )
        for w, n, e in rows:
            fh.write(f"{w}\t{n}\t{e}\n")
    print(f"wrote {len(rows)} words to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
