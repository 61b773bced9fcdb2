#!/usr/bin/env python
"""Score the dedup stage on our labelled pairs: precision / recall / F1, similarity per pair kind,
and a sweep over shingle size and threshold.

    .venv/bin/python scripts/eval_dedup.py            # score src/rasd/data/eval/dedup/pairs.jsonl
    .venv/bin/python scripts/eval_dedup.py --rebuild  # regenerate pairs.jsonl from stories.yaml first
    .venv/bin/python scripts/eval_dedup.py --errors   # also list misclassified pairs

The pairs are built by rasd.dedup.evaluation.build_pairs from our own base stories (stories.yaml).
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import sys

from rasd.dedup.evaluation import data_dir, evaluate, load_pairs, similarities, write_pairs
from rasd.dedup.stages import DEFAULTS


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rebuild", action="store_true", help="regenerate pairs.jsonl from stories.yaml")
    ap.add_argument("--errors", action="store_true", help="print misclassified pairs")
    ap.add_argument("--no-sweep", action="store_true")
    args = ap.parse_args(argv)

    path = data_dir() / "pairs.jsonl"
    if args.rebuild:
        write_pairs(path)
    pairs = load_pairs(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    labels = collections.Counter(p["label"] for p in pairs)
    print(f"pairs: {path} ({len(pairs)} pairs: {labels[1]} same-article, {labels[0]} different; sha256 {digest})")

    cfg = dict(DEFAULTS)
    score, errors = evaluate(pairs, cfg)
    print(f"\nchosen config: shingle={cfg['shingle']} num_perm={cfg['num_perm']} threshold={cfg['threshold']} "
          f"candidate_threshold={cfg['candidate_threshold']} min_shingles={cfg['min_shingles']}")
    print(f"  precision={score.precision:.4f} recall={score.recall:.4f} F1={score.f1:.4f} "
          f"(tp={score.tp} fp={score.fp} fn={score.fn} tn={score.tn})")

    off, _ = evaluate(pairs, {**cfg, "number_overlap": 0.0})
    print(f"  without the numbers guard: precision={off.precision:.4f} recall={off.recall:.4f} F1={off.f1:.4f}")

    sims = similarities(pairs, cfg)
    by_kind: dict[str, list[float]] = collections.defaultdict(list)
    label_of = {}
    for p, (s, _exact, _cand) in zip(pairs, sims):
        by_kind[p["kind"]].append(s)
        label_of[p["kind"]] = p["label"]
    print("\nestimated Jaccard by pair kind (label, n, min, mean, max):")
    for kind, v in by_kind.items():
        print(f"  {kind:24s} {label_of[kind]}  {len(v):4d}  {min(v):.3f}  {sum(v) / len(v):.3f}  {max(v):.3f}")

    if not args.no_sweep:
        print("\nsweep (P / R / F1):")
        thresholds = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)
        print("  shingle " + "".join(f"  t={t:<18}" for t in thresholds))
        for k in (2, 3, 4, 5):
            row = []
            for t in thresholds:
                sc, _ = evaluate(pairs, {**cfg, "shingle": k, "threshold": t,
                                         "candidate_threshold": min(cfg["candidate_threshold"], t)})
                row.append(f"{sc.precision:.3f}/{sc.recall:.3f}/{sc.f1:.3f}")
            print(f"  {k:7d} " + "".join(f"  {r:20s}" for r in row))

    if args.errors:
        print("\nmisclassified:")
        for e in errors:
            print(f"  {e['id']} label={e['label']} similarity={e['similarity']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
