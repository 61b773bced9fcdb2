#!/usr/bin/env python
"""Write the ``event_nouns`` row of ``src/rasd/data/actors/lexicon.tsv`` from the event lexicon.

    .venv/bin/python scripts/build_event_nouns.py [--check]

The actor matcher reads a bloc or IGO nisba (الغربية، الأوروبية، الأممية، الأطلسية، الخليجية،
الأفريقية) as its bloc/organisation when it follows an event noun ("العقوبات الغربية" = the West's
sanctions). Actors run before events, so the matcher cannot import the event lexicon; this script
copies the nouns of ``src/rasd/data/events/triggers.tsv`` (rows with pos ``noun``) into the actor
lexicon instead:

- every one-word form of a noun row (singular and plural: عقوبات، غارة، غارات، قمة، قمم …);
- the first word of a multi-word form whose second word is an adjective (ends in ي or ة/ية:
  "تدريبات مشتركة" → تدريبات, "مساعدات إنسانية" → مساعدات);
- not the crowd nouns (role ``crowd``: المتظاهرون is an actor, not an act).

Hand additions and removals live in the same file, as the classes ``event_nouns_extra`` and
``event_nouns_not``; the matcher uses (event_nouns ∪ event_nouns_extra) − event_nouns_not.
``--check`` exits 1 when the row in lexicon.tsv is not what the triggers give (run it in CI or
after editing triggers.tsv).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRIGGERS = ROOT / "src/rasd/data/events/triggers.tsv"
LEXICON = ROOT / "src/rasd/data/actors/lexicon.tsv"
CLASS = "event_nouns"


def _adjective(word: str) -> bool:
    return word.endswith(("ي", "ة", "ية", "يا"))


def event_nouns(text: str) -> list[str]:
    """Event nouns (normal spelling, no article) of the trigger table ``text``, in table order."""
    out: list[str] = []
    header = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells))
        if row.get("pos") != "noun" or row.get("role", "") == "crowd":
            continue
        for form in row["forms"].split(","):
            words = form.split()
            if not words:
                continue
            if len(words) > 1 and not _adjective(words[1]):
                continue
            w = words[0]
            if w.startswith("ال") and len(w) > 4:
                w = w[2:]  # "الفيتو", "التفاعل": the table writes some nouns with the article
            if w not in out:
                out.append(w)
    return out


def rewrite(lexicon: str, nouns: list[str]) -> str:
    row = f"{CLASS}\t{'|'.join(nouns)}"
    lines = lexicon.splitlines()
    for k, line in enumerate(lines):
        if line.split("\t", 1)[0] == CLASS:
            lines[k] = row
            break
    else:
        lines.append(row)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if lexicon.tsv is out of date")
    args = ap.parse_args(argv)
    nouns = event_nouns(TRIGGERS.read_text(encoding="utf-8"))
    old = LEXICON.read_text(encoding="utf-8")
    new = rewrite(old, nouns)
    if args.check:
        if new != old:
            print(f"{LEXICON}: the {CLASS} row is out of date; run scripts/build_event_nouns.py", file=sys.stderr)
            return 1
        print(f"{CLASS}: {len(nouns)} nouns, up to date")
        return 0
    LEXICON.write_text(new, encoding="utf-8")
    print(f"{CLASS}: {len(nouns)} nouns written to {LEXICON.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
