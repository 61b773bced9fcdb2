#!/usr/bin/env python3
"""Benchmark: CPU time of every pipeline stage, in ms per ~3,000-character article (one core).

    .venv/bin/python bench/stages.py                  # 200 articles, best of 3
    .venv/bin/python bench/stages.py --n 400 --repeat 5 --chars 3000
    .venv/bin/python bench/stages.py --noner          # actors.unknown with ner = false
    .venv/bin/python bench/stages.py --classifier     # with the learned ASSAULT veto (left out by default)
    .venv/bin/python bench/stages.py --json out.json  # also write the figures as JSON
    .venv/bin/python bench/stages.py --src /tmp/old/src --json old.json   # another version's code
    .venv/bin/python bench/stages.py --gc freeze      # objects loaded before the run left out of GC

The articles are built by ``bench/events.py``'s ``corpus`` (paragraphs of the demo corpus, our own
texts, shuffled, each article with a unique line so dedup sees distinct documents). The default
pipeline is built once and warmed up on a few articles; then every stage's callable is wrapped to
add up its CPU time (``time.process_time``, so other work on a loaded machine does not count), and
the whole set is run ``--repeat`` times on fresh ``Document`` objects with a fresh dedup index.
Per stage the BEST repeat is reported (ms/doc), beside the pipeline total, the store (``save_many``
into a new SQLite file, best of the repeats) and a baseline measured in the same process:
``rasd.normalize.normalize`` + a ``\\w+`` tokenisation of the same articles. The ratio stage/baseline
is the figure to compare across machines.
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import collections  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
# --src DIR: import rasd from another source tree (e.g. an older checkout's src/), to compare two
# versions run after run on the same machine; it must be known before rasd is imported
if "--src" in sys.argv[1:-1]:
    sys.path.insert(0, str(Path(sys.argv[sys.argv.index("--src") + 1]).resolve()))

import rasd  # noqa: E402
from rasd.api import Options  # noqa: E402
from rasd.document import Document  # noqa: E402
from rasd.normalize import normalize  # noqa: E402

from events import corpus  # noqa: E402  (bench/events.py)

_TOK = re.compile(r"\w+")


def baseline(texts: list[str]) -> float:
    """CPU seconds of normalise + tokenise over ``texts``."""
    t0 = time.process_time()
    n = 0
    for t in texts:
        n += len(_TOK.findall(normalize(t).text))
    assert n > 0
    return time.process_time() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200, help="articles per repeat")
    ap.add_argument("--chars", type=int, default=3000, help="size of the articles")
    ap.add_argument("--repeat", type=int, default=3, help="repeats (the best is reported per stage)")
    ap.add_argument("--noner", action="store_true", help="actors.unknown with ner = false")
    ap.add_argument("--classifier", action="store_true",
                    help="keep the learned ASSAULT veto (events.classify) of the default pipeline; it is "
                         "left out by default, the speed target being the pipeline without it")
    ap.add_argument("--no-store", action="store_true", help="do not time the store")
    ap.add_argument("--json", help="write the figures to this JSON file")
    ap.add_argument("--src", help="import rasd from this source directory (a checkout's src/) instead")
    ap.add_argument("--gc", choices=("on", "off", "freeze"), default="on",
                    help="cyclic garbage collector during the runs: on (as in production), off, or "
                         "freeze (gc.freeze() after the warm-up: models and lexicons are not scanned again)")
    args = ap.parse_args(argv)

    texts = corpus(args.n, args.chars)
    over = {"stages": {"actors.unknown": {"ner": False}}} if args.noner else {}
    try:  # an older checkout (--src) may not know the stage
        disable = [] if args.classifier else ["events.classify"]
        pipe = Options(overrides=over, disable=disable).build_pipeline()
    except Exception:  # noqa: BLE001
        pipe = Options(overrides=over).build_pipeline()
    list(pipe.pipe([Document.from_input(text=t) for t in texts[:10]]))  # warm-up: models, caches

    if args.gc == "off":
        gc.disable()
    elif args.gc == "freeze":
        gc.collect()
        gc.freeze()

    times: collections.Counter = collections.Counter()
    for st in pipe.stages:
        def wrap(doc, fn=st.fn, name=st.name):
            t0 = time.process_time()
            r = fn(doc)
            times[name] += time.process_time() - t0
            return r
        st.fn = wrap

    best: dict[str, float] = {}
    best_total = best_store = best_base = float("inf")
    for _ in range(args.repeat):
        times.clear()
        pipe.ctx.dedup_index = None
        docs = [Document.from_input(text=t, input_id=str(i)) for i, t in enumerate(texts)]
        t0 = time.process_time()
        out = list(pipe.pipe(docs))
        best_total = min(best_total, time.process_time() - t0)
        for name, v in times.items():
            best[name] = min(best.get(name, float("inf")), v)
        if not args.no_store:
            with tempfile.TemporaryDirectory() as d:
                store = rasd.open_store(str(Path(d) / "bench.db"))
                t1 = time.process_time()
                store.save_many(out)
                best_store = min(best_store, time.process_time() - t1)
                store.close()
        best_base = min(best_base, baseline(texts))

    n = len(texts)
    ms = lambda s: 1000 * s / n  # noqa: E731
    base_ms = ms(best_base)
    mean_chars = sum(map(len, texts)) / n
    print(f"{n} articles (mean {mean_chars:.0f} chars), best of {args.repeat}, CPU ms per article"
          f"{' (ner = false)' if args.noner else ''}, gc {args.gc}")
    print(f"{'stage':28s} {'ms/doc':>8s} {'x baseline':>11s}")
    rows = sorted(best.items(), key=lambda kv: -kv[1])
    for name, v in rows:
        print(f"{name:28s} {ms(v):8.3f} {ms(v) / base_ms:11.2f}")
    total = ms(best_total)
    print(f"{'pipeline (total)':28s} {total:8.3f} {total / base_ms:11.2f}")
    if not args.no_store:
        print(f"{'store.save_many':28s} {ms(best_store):8.3f} {ms(best_store) / base_ms:11.2f}")
        total += ms(best_store)
    print(f"{'baseline normalise+tokenise':28s} {base_ms:8.3f} {1.0:11.2f}")
    print(f"articles/s per core (pipeline{'' if args.no_store else ' + store'}): {1000 / total:.1f}")
    print(f"rasd imported from {Path(rasd.__file__).parent}; python {sys.version.split()[0]} "
          f"(base {sys.base_prefix})")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "n": n, "chars": args.chars, "repeat": args.repeat, "noner": args.noner,
            "stages_ms": {k: ms(v) for k, v in rows}, "pipeline_ms": ms(best_total),
            "store_ms": None if args.no_store else ms(best_store), "baseline_ms": base_ms,
        }, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
