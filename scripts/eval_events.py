#!/usr/bin/env python3
"""Evaluate the event coder.

(1) The five samples (../shared/samples + gold/): runs the default pipeline (rasd.analyze) and
    scores events against gold, matched on (source, PLOVER type, target) per document
    (order-insensitive for CONSULT/AGREE/COOPERATE, as the gold README says), each gold event
    matched at most once. Prints P/R/F1 per sample, and date exactness on matched gold-dated events.
    --actors gold replaces the pipeline's actors by the gold actors (their surfaces found in the
    body) to measure the coder apart from actor recognition; --actors both prints both.
(2) The development portion of the OEDA Arabic GSR (../shared/data/arabic-event-gsr):
    sentence-level ASSAULT and PROTEST detection ("yes" positive, "easy no"/"difficult no"
    negative, "ambiguous" left out), a sentence being positive when the coder finds a factual
    (neither negated nor hypothetical) event of that type in it. Reported with trigger-only events
    (no actor needed) and with pipeline events.

(3) --bench: articles/s of the event stage alone on 3,000-character articles.

Run:  .venv/bin/python scripts/eval_events.py [--actors pipeline|gold|both] [--misses] [--no-gsr] [--bench]
      [--gsr-errors]  (list the GSR false positives with trigger/reason, and the misses)
      [--disable STAGE ...]   (switch a pipeline stage off, e.g. one that is broken in the checkout)
Nothing from the data is written anywhere.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

import rasd
from rasd.document import Actor, Document, Span
from rasd.events.coder import EventCoder

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SYM = {"CONSULT", "AGREE", "COOPERATE"}
OPTIONS = rasd.Options()
COUNT_ALL = False  # --count-hypothetical: a negated or hypothetical event also counts (v1's measure)
GSR_ERRORS = False  # --gsr-errors: print the GSR false positives (trigger, reason) and misses


def gold_actors(doc: Document, gold: dict) -> list[Actor]:
    body = doc.body
    out = []
    for g in gold["actors"]:
        a = Actor(name=g["name"], kind=g["kind"], country=g.get("country"), code=g.get("country"))
        spans = []
        for surf in sorted(set(g.get("surface") or []), key=len, reverse=True):
            i = body.find(surf)
            while i >= 0:
                if not any(s.start <= i < s.end for s in spans):
                    spans.append(Span(i, i + len(surf), surf))
                i = body.find(surf, i + 1)
        a.mentions = sorted(spans, key=lambda s: s.start)
        if a.mentions:
            out.append(a)
    return out


def key(e_src, e_type, e_tgt):
    if e_type in SYM and e_src and e_tgt:
        return (tuple(sorted((e_src, e_tgt))), e_type)
    return ((e_src, e_tgt), e_type)


def score_doc(pred: list[dict], gold: list[dict]):
    """Greedy one-to-one matching on the key; among candidates, the event whose sentence holds the
    gold evidence is preferred (so dates are compared on the same mention)."""
    used = [False] * len(pred)
    matches = []

    def overlaps(p, g) -> bool:
        ev = g["evidence"]
        return ev[:40] in p["sentence"] or p["sentence"][:40] in ev

    def same_key_overlap(g) -> bool:
        kg = key(g["source"], g["type"], g["target"])
        return any(overlaps(p, g) and key(p["source"], p["plover"], p["target"]) == kg for p in pred)

    # gold events with a same-key prediction in their own sentence are matched first, so that a
    # prediction is not taken by another gold event of the same key elsewhere in the article
    order = sorted(gold, key=lambda g: not same_key_overlap(g))
    for g in order:
        kg = key(g["source"], g["type"], g["target"])
        cands = [i for i, p in enumerate(pred) if not used[i] and key(p["source"], p["plover"], p["target"]) == kg]
        if not cands:
            continue
        i = next((i for i in cands if overlaps(pred[i], g)), cands[0])
        used[i] = True
        matches.append((g, pred[i]))
    return matches, used


def prf(tp, np_, ng):
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def eval_samples(mode: str, show_misses: bool, use_published: bool, show_dates: bool = False) -> None:
    gdir = SHARED / "samples" / "gold"
    if not gdir.exists():
        print("samples not found; skipped")
        return
    coder = EventCoder()
    tot = Counter()
    print(f"\n== samples, actors={mode} ==")
    print(f"{'file':<24}{'gold':>5}{'pred':>5}{'tp':>4}{'P':>7}{'R':>7}{'F1':>7}{'dated':>7}{'exact':>7}"
          f"{'undated':>8}{'invented':>9}")
    for gp in sorted(gdir.glob("*.json")):
        gold = json.loads(gp.read_text("utf-8"))
        text = (SHARED / "samples" / (gp.stem + ".txt")).read_text("utf-8")
        doc = rasd.analyze(text=text, published=gold["published"] if use_published else None,
                           input_id=gp.stem, options=OPTIONS)
        if mode == "gold":
            doc.actors = gold_actors(doc, gold)
            doc.events = coder.code(doc)
        pred = [e.to_dict() | {"meta": e.meta} for e in doc.events]
        matches, used = score_doc(pred, gold["events"])
        dated = [(g, p) for g, p in matches if g["date"]]
        exact = sum(1 for g, p in dated if p["date"] == g["date"])
        # matched events gold leaves undated that we date anyway (a wrong date is worse than none)
        undated = [(g, p) for g, p in matches if not g["date"]]
        invented = sum(1 for g, p in undated if p["date"])
        p, r, f = prf(len(matches), len(pred), len(gold["events"]))
        tot.update(tp=len(matches), pred=len(pred), gold=len(gold["events"]), dated=len(dated), exact=exact,
                   undated=len(undated), invented=invented)
        print(f"{gp.stem[:22]:<24}{len(gold['events']):>5}{len(pred):>5}{len(matches):>4}"
              f"{p:>7.2f}{r:>7.2f}{f:>7.2f}{len(dated):>7}{exact:>7}{len(undated):>8}{invented:>9}")
        if show_misses:
            matched_g = {id(g) for g, _ in matches}
            for g in gold["events"]:
                if id(g) not in matched_g:
                    print(f"   MISS {g['source']} {g['type']} {g['target']} | {g['evidence'][:90]}")
            for i, e in enumerate(pred):
                if not used[i]:
                    print(f"   FP   {e['source']} {e['plover']} {e['target']} [{e['meta']['trigger']}"
                          f" {e['meta']['attribution']}] | {e['sentence'][:80]}")
            for g, e in dated:
                if e["date"] != g["date"]:
                    print(f"   DATE gold {g['date']} got {e['date']} | {g['evidence'][:60]}")
            for g, e in undated:
                if e["date"]:
                    print(f"   INVENTED got {e['date']} from={e['meta'].get('date_from')} | {g['evidence'][:60]}")
        if show_dates:
            for g, e in dated:
                m = e["meta"]
                mark = "ok  " if e["date"] == g["date"] else "DIFF"
                print(f"   {mark} gold {g['date']!s:<10} got {e['date']!s:<10} "
                      f"precision={m.get('date_precision')} from={m.get('date_from')} | {g['evidence'][:60]}")
    p, r, f = prf(tot["tp"], tot["pred"], tot["gold"])
    print(f"{'ALL':<24}{tot['gold']:>5}{tot['pred']:>5}{tot['tp']:>4}{p:>7.2f}{r:>7.2f}{f:>7.2f}"
          f"{tot['dated']:>7}{tot['exact']:>7}{tot['undated']:>8}{tot['invented']:>9}")


def eval_gsr() -> None:
    gdir = SHARED / "data" / "arabic-event-gsr"
    if not gdir.exists():
        print("GSR not found; skipped")
        return
    trig = EventCoder(require_actor=False, dedup=False)
    print("\n== Arabic GSR dev, sentence-level detection ('yes' vs 'easy no'+'difficult no') ==")
    print(f"{'type':<10}{'mode':<14}{'n':>6}{'pos':>5}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>7}{'R':>7}{'F1':>7}")
    for etype in ("ASSAULT", "PROTEST"):
        rows = list(csv.DictReader(open(gdir / f"{etype.lower()}_gsr_dev.csv", encoding="utf-8")))
        rows = [r for r in rows if r["label"] in ("yes", "easy no", "difficult no")]
        for mode in ("trigger-only", "pipeline"):
            c = Counter()
            docs = rasd.analyze_many([{"text": r["text"]} for r in rows], options=OPTIONS) \
                if mode == "pipeline" else None
            for n, r in enumerate(rows):
                if mode == "pipeline":
                    doc = next(docs)
                else:
                    doc = Document.from_input(text=r["text"])
                    doc.language = "ar"
                    doc.events = trig.code(doc)
                # a sentence reports the event type when the coder finds a factual event of it
                # (a negated or hypothetical one — "لو شنت هجوما" — is not a report)
                hit = any(e.plover == etype and (COUNT_ALL or not e.negated and not e.hypothetical)
                          for e in doc.events)
                gold = r["label"] == "yes"
                c["tp" if hit and gold else "fp" if hit else "fn" if gold else "tn"] += 1
                if GSR_ERRORS and mode == "trigger-only" and hit != gold:
                    if hit:
                        why = "; ".join(f"{e.meta.get('trigger')}/{e.meta.get('incident')}" for e in doc.events
                                        if e.plover == etype and (COUNT_ALL or not e.negated and not e.hypothetical))
                        print(f"   FP {etype} {r['id']} [{r['label']}] {why} | {r['text'][:160]}")
                    else:
                        print(f"   FN {etype} {r['id']} | {r['text'][:160]}")
            p, rr, f = prf(c["tp"], c["tp"] + c["fp"], c["tp"] + c["fn"])
            print(f"{etype:<10}{mode:<14}{len(rows):>6}{c['tp'] + c['fn']:>5}{c['tp']:>5}{c['fp']:>5}{c['fn']:>5}"
                  f"{p:>7.2f}{rr:>7.2f}{f:>7.2f}")


def bench(seconds: float = 3.0) -> None:
    """Speed of the event stage alone on 3,000-character articles (the five samples cut to 3,000
    characters, actors from the pipeline computed beforehand), as articles/s on one core and as a
    ratio to a baseline measured in the same process (rasd.normalize over the same bodies)."""
    import time

    from rasd.normalize import normalize

    docs = []
    for p in sorted((SHARED / "samples").glob("*.txt")):
        text = p.read_text("utf-8")
        for k in range(0, max(1, len(text) - 2999), 3000):
            docs.append(rasd.analyze(text=text[k:k + 3000], input_id=p.stem, options=OPTIONS))
    if not docs:
        print("samples not found; skipped")
        return
    coder = EventCoder()

    def rate(fn) -> float:
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            for d in docs:
                fn(d)
            n += len(docs)
        return n / (time.perf_counter() - t0)

    base = rate(lambda d: normalize(d.body))
    ev = rate(coder.code)
    print(f"\n== speed (events.code.v3 alone, {len(docs)} articles of <=3,000 chars, "
          f"{sum(len(d.actors) for d in docs)} actors) ==")
    print(f"events stage: {ev:,.0f} articles/s; baseline normalize(): {base:,.0f} articles/s; "
          f"ratio {ev / base:.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description="Evaluate the event coder on the samples and the Arabic GSR.")
    ap.add_argument("--actors", choices=("pipeline", "gold", "both"), default="both")
    ap.add_argument("--misses", action="store_true", help="list missed gold events and false positives")
    ap.add_argument("--no-published", action="store_true", help="do not pass the gold publication date")
    ap.add_argument("--no-gsr", action="store_true")
    ap.add_argument("--dates", action="store_true",
                    help="list every matched gold-dated event: gold date, our date, meta date fields")
    ap.add_argument("--bench", action="store_true", help="also measure the stage's speed")
    ap.add_argument("--disable", action="append", default=[],
                    help="pipeline stage or family to switch off (e.g. dedup), repeatable")
    ap.add_argument("--count-hypothetical", action="store_true",
                    help="GSR: count negated/hypothetical events as detections too (the first version's measure)")
    ap.add_argument("--gsr-errors", action="store_true",
                    help="GSR: list false positives (trigger/reason) and misses of the trigger-only mode")
    args = ap.parse_args()
    global OPTIONS, COUNT_ALL, GSR_ERRORS
    GSR_ERRORS = args.gsr_errors
    OPTIONS = rasd.Options(disable=list(args.disable))
    COUNT_ALL = args.count_hypothetical
    modes = ("pipeline", "gold") if args.actors == "both" else (args.actors,)
    for m in modes:
        eval_samples(m, args.misses, not args.no_published, args.dates)
    if not args.no_gsr:
        eval_gsr()
    if args.bench:
        bench()
    return 0


if __name__ == "__main__":
    sys.exit(main())
