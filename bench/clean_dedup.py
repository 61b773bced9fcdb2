#!/usr/bin/env python
"""Benchmark: cleaning + dedup throughput (documents/s on one core) and memory, over a generated
corpus of news-like Arabic text documents, beside a baseline run in the same process.

    .venv/bin/python bench/clean_dedup.py            # 20,000 documents
    .venv/bin/python bench/clean_dedup.py --n 3000   # smaller

Baseline: plain read of the JSONL corpus + json decode + sha1 of the text (the least any pipeline
must do). Measured: the same read, then Document.from_input and the pipeline
ingest.html.v1 (text passes through) -> every registered clean.* stage -> dedup.minhash.v1.
Printed: docs/s of each, the ratio pipeline/baseline, time per stage, peak RSS growth, the
dedup index size, and how well the generated copies were found (the generator knows them).

The corpus is synthetic (seeded): sentences re-mixed from our own evaluation stories
(src/rasd/data/eval/dedup/stories.yaml) with random words swapped in, 10-24 sentences per document;
about 55% unique documents, 15% exact copies (whitespace/diacritics changed), 20% light rewrites
(sentence dropped, headline or credit line added) and 10% copies wrapped in site boilerplate.
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import gc  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from pathlib import Path  # noqa: E402

from rasd.dedup.evaluation import load_stories  # noqa: E402
from rasd.document import Document  # noqa: E402
from rasd.pipeline import Pipeline, RunContext, default_config, registry  # noqa: E402

_HARAKAT = "\u064e\u064f\u0650\u0651\u0652"
_CLEAN_ORDER = ("clean.boilerplate.v1", "clean.appended.v1", "clean.metadata.v1", "clean.language.v1")


# CPU time of this process: the machine is shared, so wall time would measure the neighbours.
_clock = time.process_time


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def generate(n: int, seed: int = 7) -> list[dict]:
    """Synthetic corpus; each item {"id", "text", "group"} (group = id of the original)."""
    rng = random.Random(seed)
    data = load_stories()
    sents = [s for st in data["stories"] for s in st["sentences"]] + [st["extra"] for st in data["stories"]]
    vocab = sorted({w for s in sents for w in s.split()})
    titles = [st["title"] for st in data["stories"]]
    credits = [c for c in data["credits"]]
    boiler = list(data["boilerplate"])

    def new_sentence() -> str:
        ws = rng.choice(sents).split()
        return " ".join(rng.choice(vocab) if rng.random() < 0.4 else w for w in ws)

    items: list[dict] = []
    originals: list[tuple[str, list[str]]] = []
    for i in range(n):
        r = rng.random()
        if not originals or r < 0.55:
            body = [new_sentence() for _ in range(rng.randint(10, 24))]
            doc_id = f"u{i}"
            originals.append((doc_id, body))
            text = "\n\n".join(" ".join(body[j : j + 2]) for j in range(0, len(body), 2))
            items.append({"id": doc_id, "text": text, "group": doc_id})
            continue
        gid, body = rng.choice(originals)
        body = list(body)
        if r < 0.70:  # exact copy, reshaped
            text = "\n".join(body)
            text = "".join(c + (rng.choice(_HARAKAT) if "\u0628" <= c <= "\u064a" and rng.random() < 0.05 else "")
                           for c in text)
        elif r < 0.90:  # light rewrite
            del body[rng.randrange(1, len(body))]
            head = [rng.choice(titles)] if rng.random() < 0.5 else []
            tail = [rng.choice(credits)] if rng.random() < 0.5 else []
            text = "\n\n".join(head + [" ".join(body[j : j + 3]) for j in range(0, len(body), 3)] + tail)
        else:  # copy inside site boilerplate
            heads = [b for b in boiler if "اقرأ" not in b]  # a "read also" line opens an appended article
            text = "\n".join([rng.choice(heads)] + body + rng.sample(boiler, 2))
        items.append({"id": f"c{i}", "text": text, "group": gid})
    return items


def stage_names() -> list[str]:
    reg = registry()
    configured = [s for s in default_config().get("pipeline", {}).get("stages", []) if s.startswith("clean.")]
    clean = [s for s in configured if s in reg]
    clean += [s for s in _CLEAN_ORDER if s in reg and s not in clean]
    clean += sorted(s for s in reg if s.startswith("clean.") and s not in clean)
    if "clean.language.v1" in clean:  # language must come after the body-rewriting stages
        clean.remove("clean.language.v1")
        clean.append("clean.language.v1")
    return ["ingest.html.v1", *clean, "dedup.minhash.v1"]


def run_baseline(path: Path) -> tuple[int, float]:
    t0 = _clock()
    n = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            hashlib.sha1(item["text"].encode("utf-8")).hexdigest()
            n += 1
    return n, _clock() - t0


def run_pipeline(path: Path, names: list[str]):
    pipe = Pipeline.from_config({"pipeline": {"stages": names}}, RunContext())
    per_stage = {s.name: 0.0 for s in pipe.stages}
    for st in pipe.stages:
        fn = st.fn

        def timed(doc, _fn=fn, _name=st.name):
            t = _clock()
            out = _fn(doc)
            per_stage[_name] += _clock() - t
            return out

        st.fn = timed
    results: list[tuple[str, str | None, str | None]] = []
    t0 = _clock()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            doc = Document.from_input(text=item["text"], input_id=item["id"])
            for out in pipe(doc):
                results.append((out.input_id or "", out.id, out.duplicate_of))
    return results, _clock() - t0, per_stage, pipe.ctx.dedup_index


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20000, help="number of documents (default 20000)")
    ap.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower)")
    args = ap.parse_args(argv)

    items = generate(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for it in items:
                fh.write(json.dumps({"id": it["id"], "text": it["text"]}, ensure_ascii=False) + "\n")
        mb = path.stat().st_size / 1e6
        words = sum(len(it["text"].split()) for it in items) / len(items)
        names = stage_names()
        print(f"corpus: {len(items)} documents, {mb:.1f} MB, {words:.0f} words/doc on average")
        print(f"stages: {' -> '.join(names)}")

        gc.collect()
        n_base, t_base = run_baseline(path)
        rss0 = rss_mb()
        if args.tracemalloc:
            tracemalloc.start()
        results, t_pipe, per_stage, index = run_pipeline(path, names)
        traced = tracemalloc.get_traced_memory()[1] / 1e6 if args.tracemalloc else None
        if args.tracemalloc:
            tracemalloc.stop()
        rss1 = rss_mb()

    base_rate = n_base / t_base
    pipe_rate = len(items) / t_pipe
    print("\n(rates are per CPU second of this single-threaded process, i.e. on one core)")
    print(f"baseline  (read + json + sha1)      : {base_rate:12,.0f} docs/s  ({t_base:.2f} s)")
    print(f"clean + dedup (one core)            : {pipe_rate:12,.0f} docs/s  ({t_pipe:.2f} s)")
    print(f"ratio clean+dedup / baseline        : {pipe_rate / base_rate:.4f}")
    print(f"peak RSS: {rss1:.0f} MB (grew {rss1 - rss0:.0f} MB during the pipeline run)"
          + (f"; traced Python peak {traced:.0f} MB" if traced is not None else ""))
    print(f"dedup index: {len(index)} documents, {len(index._table)} band entries")
    print("time per stage (ms/doc):")
    for name, t in per_stage.items():
        print(f"  {name:24s} {1000 * t / len(items):7.3f}")
    dedup_rate = len(items) / per_stage["dedup.minhash.v1"]
    print(f"dedup stage alone                   : {dedup_rate:12,.0f} docs/s")

    # how well the generated copies were found (ids of the original documents)
    group = {it["id"]: it["group"] for it in items}
    by_doc = {}
    for input_id, doc_id, dup in results:
        by_doc.setdefault(doc_id, input_id)
    copies = [r for r in results if r[0] in group and group[r[0]] != r[0]]
    found = sum(1 for r in copies if r[2] is not None)
    wrong = sum(1 for r in results if r[2] is not None and r[0] in group
                and group.get(by_doc.get(r[2], ""), None) != group[r[0]])
    print(f"copies found: {found}/{len(copies)}; documents linked to the wrong original: {wrong}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
