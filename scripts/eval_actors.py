#!/usr/bin/env python3
"""Document-level actor evaluation on the gold samples (../shared/samples/gold).

Runs ``rasd.analyze`` with the default pipeline on every sample and compares the actors with the
gold: states and capitals by (kind, code), people, organisations and blocs by canonical English
name. With --lenient, a person or organisation whose English name differs (named by transliteration)
counts when one of its mentions equals a gold surface form. Also reports surface-form recall: of the gold surface forms of the actors we found, how
many are among our mentions of that actor (compared after normalisation).

    .venv/bin/python scripts/eval_actors.py [--samples DIR] [-v]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import rasd  # noqa: E402
from rasd.actors.kb import fold  # noqa: E402


def gold_key(a: dict) -> tuple:
    if a["kind"] in ("country", "city"):
        return (a["kind"], a["country"])
    return ("name", a["name"])


def pred_key(a) -> tuple:
    if a.kind in ("country", "city"):
        return (a.kind, a.code or a.country)
    return ("name", a.name)


def evaluate(samples: Path, verbose: bool = False, lenient: bool = False) -> dict:
    gold_dir = samples / "gold"
    rows = []
    tot = {"tp": 0, "fp": 0, "fn": 0, "sf": 0, "sn": 0}
    for gpath in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gpath.read_text("utf-8"))
        text = (samples / (gpath.stem + ".txt")).read_text("utf-8")
        doc = rasd.analyze(text=text, input_id=gpath.stem)
        pred = {pred_key(a): a for a in doc.actors}
        gk = {gold_key(a): a for a in gold["actors"]}
        if lenient:  # an unmatched predicted person/org whose mention equals a gold surface counts
            for k, a in list(pred.items()):
                if k in gk or k[0] != "name":
                    continue
                texts = {fold(m.text) for m in a.mentions}
                for g, ga in gk.items():
                    if g[0] == "name" and g not in pred and texts & {fold(x) for x in ga["surface"]}:
                        pred[g] = pred.pop(k)
                        break
        tp = [k for k in gk if k in pred]
        fp = [k for k in pred if k not in gk]
        fn = [k for k in gk if k not in pred]
        sf = sn = 0
        missing_surfaces = []
        for k in tp:
            texts = {fold(m.text) for m in pred[k].mentions}
            for s in gk[k]["surface"]:
                sn += 1
                if fold(s) in texts:
                    sf += 1
                else:
                    missing_surfaces.append((k[1], s))
        p = len(tp) / (len(tp) + len(fp)) if tp or fp else 0.0
        r = len(tp) / (len(tp) + len(fn)) if tp or fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows.append((gpath.stem, len(gk), len(pred), len(tp), p, r, f, sf, sn))
        for key, v in (("tp", len(tp)), ("fp", len(fp)), ("fn", len(fn)), ("sf", sf), ("sn", sn)):
            tot[key] += v
        if verbose:
            print(f"== {gpath.stem} (date used: {doc.published or 'today'})")
            print("   FN:", ", ".join(f"{k[1]}" for k in fn))
            print("   FP:", ", ".join(f"{k[1]} [{'/'.join(m.text for m in pred[k].mentions[:3])}]" for k in fp))
            print("   missing surfaces:", ", ".join(f"{a}:{s}" for a, s in missing_surfaces))
    print(f"{'sample':24} {'gold':>4} {'pred':>4} {'tp':>3} {'P':>6} {'R':>6} {'F1':>6} {'surf':>9}")
    for name, g, pr, tp, p, r, f, sf, sn in rows:
        print(f"{name:24} {g:4d} {pr:4d} {tp:3d} {p:6.3f} {r:6.3f} {f:6.3f} {sf:4d}/{sn:<4d}")
    P = tot["tp"] / (tot["tp"] + tot["fp"]) if tot["tp"] + tot["fp"] else 0.0
    R = tot["tp"] / (tot["tp"] + tot["fn"]) if tot["tp"] + tot["fn"] else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    print(f"{'micro total':24} {'':4} {'':4} {tot['tp']:3d} {P:6.3f} {R:6.3f} {F:6.3f} {tot['sf']:4d}/{tot['sn']:<4d}")
    return {"P": P, "R": R, "F1": F, "surface_recall": tot["sf"] / max(1, tot["sn"])}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "samples"))
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--lenient", action="store_true",
                    help="also match people/orgs whose English name differs but whose mention equals a gold "
                         "surface (for actors named by transliteration, e.g. from actors.unknown.v1)")
    args = ap.parse_args(argv)
    samples = Path(args.samples)
    if not (samples / "gold").is_dir():
        print(f"{samples}/gold not found", file=sys.stderr)
        return 2
    evaluate(samples, args.verbose, args.lenient)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
