#!/usr/bin/env python3
"""Evaluate quotes (speakers) and cited sources against the hand-annotated samples.

    .venv/bin/python scripts/eval_quotes.py                 # actors from the default pipeline (actors.match.v1)
    .venv/bin/python scripts/eval_quotes.py --gold-actors   # actors built from the gold surfaces (isolates this stage)
    .venv/bin/python scripts/eval_quotes.py -v              # list every miss

A gold quote is *found* when one of our quotes starts with its ``starts_with`` (whitespace folded);
the speaker is *right* when the names are equal (case-insensitive, a leading "The" ignored).
Speaker accuracy = right / found. ``~acc`` also counts as right a person the actor layer did not know
and this stage transliterated itself, when its Arabic name is one of the gold speaker's surfaces
(the right person, spelt differently: "Song Chong Beng" for "Song Zhongping"). Cited sources: recall and precision of the canonical names.
Reads ../shared/samples (never copied into the repo).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import rasd
from rasd.errors import StageError
from rasd.document import Actor, Span
from rasd.quotes.stages import analyse

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"


def fold(s: str) -> str:
    return " ".join(s.split())


def same_name(a: str | None, b: str | None) -> bool:
    def k(x):
        x = (x or "").strip().lower()
        return re.sub(r"^the ", "", x)
    return k(a) == k(b)


def gold_actors(body: str, gold: dict) -> list[Actor]:
    actors = []
    for g in gold.get("actors", []):
        a = Actor(name=g["name"], kind=g["kind"], country=g.get("country"),
                  code=g.get("country") if g["kind"] in ("country", "city") else None)
        for surf in g.get("surface", []):
            for m in re.finditer(re.escape(surf), body):
                # whole words only, allowing one proclitic (و ب ل ف ك) before the surface
                pre = body[max(0, m.start() - 2):m.start()]
                ok_before = m.start() == 0 or not body[m.start() - 1].isalnum() or (
                    pre[-1] in "وبلفك" and (len(pre) < 2 or not pre[0].isalnum()))
                ok_after = m.end() == len(body) or not body[m.end()].isalnum()
                if ok_before and ok_after:
                    a.mentions.append(Span(m.start(), m.end(), surf))
        a.mentions.sort(key=lambda s: s.start)
        actors.append(a)
    return actors


def _analyze(text: str, name: str):
    """The default pipeline; a stage of another area that crashes is switched off (and said so)."""
    disabled: list[str] = []
    while True:
        try:
            opts = rasd.Options(disable=disabled) if disabled else None
            return rasd.analyze(text=text, input_id=name, options=opts)
        except StageError as err:
            if err.stage.startswith("quotes.") or err.stage in disabled or len(disabled) > 5:
                raise
            print(f"  note: {name}: {err}; re-running without {err.stage}", file=sys.stderr)
            disabled.append(err.stage)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold-actors", action="store_true", help="use the gold actors' surfaces as the actor layer")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--samples", type=Path, default=SAMPLES)
    args = ap.parse_args(argv)
    if not (args.samples / "gold").is_dir():
        print(f"no samples at {args.samples}", file=sys.stderr)
        return 2
    tot = dict(gold=0, found=0, right=0, rt=0, cg=0, cp=0, ctp=0, cfp=0)
    print(f"{'sample':<22} {'quotes':>6} {'found':>5} {'spk-ok':>6} {'spk-acc':>7} {'~acc':>5}   {'cited R':>8} {'cited P':>8}")
    for gpath in sorted((args.samples / "gold").glob("*.json")):
        gold = json.loads(gpath.read_text("utf-8"))
        text = (args.samples / gold["file"]).read_text("utf-8")
        doc = _analyze(text, gold["file"])
        if args.gold_actors:
            doc.actors = gold_actors(doc.body, gold)
            analyse(doc)
        quotes = doc.quotes
        found = right = right_translit = 0
        misses = []
        for gq in gold["quotes"]:
            sw = fold(gq["starts_with"])
            cand = [q for q in quotes if fold(q.text).startswith(sw)]
            if not cand:
                near = [q for q in quotes if sw[:25] in fold(q.text)]
                misses.append(f"  NOT FOUND  {gq['speaker']!r}: {sw[:50]}"
                              + (f"   (inside ours from {fold(near[0].text)[:30]!r})" if near else ""))
                continue
            found += 1
            ok = any(same_name(q.speaker, gq["speaker"]) for q in cand)
            right += ok
            # a person the actor layer did not know, transliterated by us: right if its Arabic is a gold surface
            surf = {s for a in gold["actors"] if same_name(a["name"], gq["speaker"]) for s in a["surface"]}
            translit_ok = ok or any(q.meta.get("speaker_ar") in surf for q in cand)
            right_translit += translit_ok
            if not ok:
                misses.append(f"  WRONG SPK  gold {gq['speaker']!r} ours {cand[0].speaker!r} "
                              f"({cand[0].meta.get('speaker_via')}): {sw[:40]}")
        gc = {c.lower().removeprefix("the ") for c in gold["cited_sources"]}
        pc = {c.lower().removeprefix("the ") for c in doc.cited_sources}
        tp = len(gc & pc)
        tot["gold"] += len(gold["quotes"]); tot["found"] += found; tot["right"] += right
        tot["rt"] += right_translit
        tot["cg"] += len(gc); tot["cp"] += len(pc); tot["ctp"] += tp
        acc = right / found if found else 0.0
        rec = tp / len(gc) if gc else 1.0
        prec = tp / len(pc) if pc else 1.0
        print(f"{gold['file'][:22]:<22} {len(gold['quotes']):>6} {found:>5} {right:>6} {acc:>7.2f} "
              f"{(right_translit / found if found else 0):>5.2f}   "
              f"{tp}/{len(gc)}={rec:.2f} {tp}/{len(pc)}={prec:.2f}")
        if args.verbose:
            for m in misses:
                print(m)
            if gc - pc:
                print(f"  CITED MISSED {sorted(gc - pc)}")
            if pc - gc:
                print(f"  CITED EXTRA  {sorted(pc - gc)}")
    acc = tot["right"] / tot["found"] if tot["found"] else 0.0
    print(f"{'TOTAL':<22} {tot['gold']:>6} {tot['found']:>5} {tot['right']:>6} {acc:>7.2f} "
          f"{tot['rt'] / max(1, tot['found']):>5.2f}   "
          f"{tot['ctp']}/{tot['cg']}={tot['ctp'] / max(1, tot['cg']):.2f} "
          f"{tot['ctp']}/{tot['cp']}={tot['ctp'] / max(1, tot['cp']):.2f}")
    print(f"quotes found {tot['found']}/{tot['gold']} = {tot['found'] / max(1, tot['gold']):.2f}; "
          f"speaker right over all gold quotes {tot['right']}/{tot['gold']} = {tot['right'] / max(1, tot['gold']):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
