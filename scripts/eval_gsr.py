#!/usr/bin/env python
"""Sentence-level ASSAULT and PROTEST detection on the Arabic event GSR (development portion).

A sentence is positive for a type when the system produces an event of that PLOVER type in it.
Gold: "yes" is positive, "easy no" and "difficult no" negative, "ambiguous" left out.

Systems:
  lexicon         the default pipeline's actors.* stages + its events.code.* stage on each sentence
                  as a document (the names are printed)
  lexicon-trigger the same coder with require_actor=False (trigger-only detection, for reference)
  classifier      the learned detection head, grouped 5-fold cross-validated (each fold's threshold
                  from an inner CV on its training part), hyper-parameters of the shipped model
  lexicon|classifier      a sentence is positive when either says so
  lexicon|clf (own thr)   the same, with the classifier threshold tuned (inner CV) for the union
  lexicon&clf (veto)      the lexicon's positives that the classifier confirms (threshold by inner CV)
  lexicon|clf-with-actor  the same, the classifier counting only in sentences with an actor
                  mention (what events.classify.v1 adds with its default require_actor=true)

Also times the classifier: sentences/s of embedding + heads on one thread, and the cost of the
classifier on a 3,000-character article (every sentence, and the stage's pre-filtered sentences).

    .venv/bin/python scripts/eval_gsr.py [--data ../shared/data] [--cache /tmp/rasd_event_classifier_cache]
        [--json out.json] [--no-timing]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _train_module():
    spec = importlib.util.spec_from_file_location("train_event_classifier", ROOT / "scripts/train_event_classifier.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["train_event_classifier"] = mod
    spec.loader.exec_module(mod)
    return mod


# fixed veto thresholds whose out-of-fold P/R/F1 are printed (how sensitive the veto is)
VETO_CURVE = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def classifier_predictions(tm, data: Path, cache_dir: Path, lexicon: dict[str, np.ndarray]
                           ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], dict[str, np.ndarray], dict]:
    from rasd.events.classifier import load_heads

    heads = load_heads()
    stories, gsr, Xs, Xg = tm.embed_all(data, tm.Cache(cache_dir), 1)
    # the multi-class head is refitted from the English data only (no GSR in it), as in training
    mc = tm.fit_multiclass(Xs, [s["label"] for s in stories])
    base = tm._bare_heads(*tm.multiclass_heads(mc))
    det = heads.meta.get("report", {}).get("detection", {})
    out, ors, vetos, info = {}, {}, {}, {}
    for t in gsr:
        F_ar, y_ar, groups, F_en, y_en = tm.detection_data(t, stories, gsr, Xs, Xg, base)
        hp = det.get(t, {"C": 1.0, "w_en": 0.05})
        res = tm.cv_detector(t, F_ar, y_ar, groups, F_en, y_en, hp["C"], hp["w_en"], 5, lexicon=lexicon[t])
        out[t], ors[t], vetos[t] = res["pred"], res["or"], res["veto"]
        curve = {}
        for th in VETO_CURVE:
            P, R, F = tm.prf(y_ar, lexicon[t] & (res["oof"] >= th))
            curve[str(th)] = {"P": round(P, 4), "R": round(R, 4), "F1": round(F, 4)}
        info[t] = {"C": hp["C"], "w_en": hp["w_en"], "fold_thresholds": res["fold_thresholds"],
                   "pooled_veto_threshold": res["pooled_veto_threshold"], "veto_curve": curve}
    return out, ors, vetos, info


def timing(tm, gsr: dict) -> dict:
    from rasd.document import Document
    from rasd.events.classifier import EventClassifier
    from rasd.events.sentences import split_sentences
    from rasd.pipeline import RunContext, registry

    clf = EventClassifier.load(num_threads=1)
    texts = [r["text"] for rows in gsr.values() for r in rows]
    sample = texts[:96]
    clf.predict(sample[:4])  # warm up
    t0 = time.perf_counter()
    clf.predict(sample)
    dt = time.perf_counter() - t0
    rate = len(sample) / dt
    # a 3,000-character article assembled in memory from GSR sentences (never written anywhere)
    arts, cur = [], ""
    for s in texts[100:]:
        cur = (cur + " " + s).strip()
        if len(cur) >= 3000:
            arts.append(cur[:3000])
            cur = ""
        if len(arts) == 5:
            break
    reg = registry()
    ctx = RunContext()
    actors, coder = tm.lexicon_stages()
    stage = reg["events.classify.v1"].factory({"threads": 1}, ctx)
    veto_stage = reg["events.classify.v1"].factory({"threads": 1, "types": ["ASSAULT"], "add": False,
                                                     "veto": True}, ctx)
    full, staged, vetoed_t, base_t, nsent, ncand = 0.0, 0.0, 0.0, 0.0, 0, 0
    for a in arts:
        sents = [a[s:e] for s, e in split_sentences(a)]
        nsent += len(sents)
        t0 = time.perf_counter()
        clf.predict(sents)
        full += time.perf_counter() - t0
        doc = Document.from_input(text=a)
        doc.language = "ar"
        t0 = time.perf_counter()
        doc = coder(actors(doc))
        base_t += time.perf_counter() - t0
        n_before = len(doc.events)
        saved = list(doc.events)
        t0 = time.perf_counter()
        veto_stage(doc)
        vetoed_t += time.perf_counter() - t0
        doc.events = saved
        doc.meta.pop("events_vetoed", None)
        t0 = time.perf_counter()
        stage(doc)
        staged += time.perf_counter() - t0
        ncand += len(doc.events) - n_before
    n = max(len(arts), 1)
    return {
        "classifier_sentences_per_s": round(rate, 1),
        "articles": len(arts),
        "sentences_per_3000_char_article": round(nsent / n, 1),
        "classifier_s_per_article_all_sentences": round(full / n, 3),
        "stage_add_mode_s_per_article": round(staged / n, 3),
        "stage_veto_assault_s_per_article": round(vetoed_t / n, 3),
        "actors_plus_lexicon_s_per_article": round(base_t / n, 4),
        "lexicon_stages": actors.names + [coder.name],
        "events_added_per_article": round(ncand / n, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/rasd_event_classifier_cache"))
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args(argv)
    if not (args.data / "arabic-event-gsr").is_dir():
        print(f"no GSR under {args.data}/arabic-event-gsr", file=sys.stderr)
        return 2
    tm = _train_module()
    gsr = tm.load_gsr(args.data)
    gold = {t: np.array([r["y"] for r in rows], dtype=bool) for t, rows in gsr.items()}
    has_actor: dict[str, np.ndarray] = {}
    lex = tm.lexicon_predictions(gsr, has_actor=has_actor)
    trig = tm.lexicon_predictions(gsr, require_actor=False)
    clf, ors, vetos, info = classifier_predictions(tm, args.data, args.cache, lex)
    systems = {"lexicon": lex, "lexicon-trigger": trig, "classifier (CV)": clf,
               "lexicon|classifier": {t: lex[t] | clf[t] for t in gsr},
               "lexicon|clf (own thr)": ors,
               "lexicon&clf (veto)": vetos,
               # what events.classify.v1 adds with require_actor=true (the default)
               "lexicon|clf-with-actor": {t: lex[t] | (clf[t] & has_actor[t]) for t in gsr}}
    results: dict = {"n": {t: int(len(g)) for t, g in gold.items()},
                     "positives": {t: int(g.sum()) for t, g in gold.items()}, "classifier_hp": info, "systems": {}}
    a_, c_ = tm.lexicon_stages()
    results["lexicon_stages"] = a_.names + [c_.name]
    print("lexicon = " + " + ".join(results["lexicon_stages"]))
    print("GSR dev, sentence level, 'yes' vs 'easy/difficult no' (ambiguous left out): "
          + ", ".join(f"{t} n={len(g)} yes={int(g.sum())}" for t, g in gold.items()))
    print(f"{'system':22s} {'type':8s} {'P':>6s} {'R':>6s} {'F1':>6s}  tp/fp/fn")
    for name, preds in systems.items():
        results["systems"][name] = {}
        for t in gsr:
            y, p = gold[t], preds[t]
            P, R, F = tm.prf(y, p)
            tp, fp, fn = int((y & p).sum()), int((~y & p).sum()), int((y & ~p).sum())
            results["systems"][name][t] = {"P": round(P, 4), "R": round(R, 4), "F1": round(F, 4),
                                           "tp": tp, "fp": fp, "fn": fn}
            print(f"{name:22s} {t:8s} {P:6.3f} {R:6.3f} {F:6.3f}  {tp}/{fp}/{fn}")
    for t, inf in info.items():
        print(f"veto curve {t} (lexicon AND out-of-fold score >= x): " + "; ".join(
            f"{x}: P {v['P']:.3f} R {v['R']:.3f} F1 {v['F1']:.3f}" for x, v in inf["veto_curve"].items()))
    if not args.no_timing:
        results["timing"] = timing(tm, gsr)
        print("timing (1 thread):", json.dumps(results["timing"]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
