"""Evaluate the cleaning stages on the hand-annotated samples (../shared/samples + gold/).

    .venv/bin/python scripts/eval_clean.py [--samples DIR] [--repeat N]

Per sample it reports:
  bp        gold boilerplate strings gone from every output body (host and split-off documents)
  lost      body lines lost: non-blank lines of the raw text that are neither gold boilerplate nor
            part of the appended article and appear in no output body
  appended  whether the gold appended article is its own document (child with appended_to) and out
            of the host's body
  title     found title == gold title
  date      found publication date == gold date ("none" = gold has none and none was invented)
and, with --repeat N, the throughput of the cleaning stages (+ dedup.minhash.v1 if registered) on the
samples repeated N times, in documents per second on one core (CPU time of this process).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from rasd.document import Document
from rasd.pipeline import Pipeline, RunContext, registry

CLEAN = ["ingest.html.v1", "clean.boilerplate.v1", "clean.appended.v1", "clean.metadata.v1", "clean.language.v1"]


def run_one(pipe: Pipeline, path: Path) -> list[Document]:
    doc = Document.from_input(text=path.read_text("utf-8"), input_id=path.stem, source=str(path))
    return pipe(doc)


def is_gold_bp(line: str, bps: list[str]) -> bool:
    s = line.strip()
    return any(s == b.strip() or (b.strip() in s and len(b.strip()) * 2 >= len(s)) for b in bps)


def evaluate(samples: Path) -> list[dict]:
    pipe = Pipeline.from_config({"pipeline": {"stages": CLEAN}}, RunContext())
    rows = []
    for txt in sorted(samples.glob("*.txt")):
        gold_path = samples / "gold" / f"{txt.stem}.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text("utf-8"))
        out = run_one(pipe, txt)
        host, children = out[0], out[1:]
        bodies = [d.body for d in out]
        bps = gold.get("boilerplate_lines") or []
        bp_ok = sum(1 for b in bps if not any(b in body for body in bodies))
        raw_lines = [ln for ln in txt.read_text("utf-8").split("\n") if ln.strip()]
        app = gold.get("appended_unrelated")
        app_start = None
        if app:
            app_start = next((k for k, ln in enumerate(raw_lines) if app in ln), None)
        lost = []
        for k, ln in enumerate(raw_lines):
            if is_gold_bp(ln, bps):
                continue
            if not any(ln.strip() in body for body in bodies):
                lost.append(ln.strip())
        if app:
            app_ok = any(app in c.body and c.appended_to == host.id for c in children) and app not in host.body
            # the host must not keep any line of the appended article
            if app_start is not None:
                tail = [ln for ln in raw_lines[app_start:] if not is_gold_bp(ln, bps)]
                app_ok = app_ok and not any(ln.strip() in host.body for ln in tail)
        else:
            app_ok = not children
        gdate = gold.get("published")
        fdate = host.published.isoformat() if host.published else None
        rows.append({
            "file": txt.stem,
            "bp": f"{bp_ok}/{len(bps)}",
            "bp_ok": bp_ok == len(bps),
            "lost": len(lost),
            "lost_lines": lost,
            "appended": ("split" if app_ok else "MISSED") if app else ("none" if app_ok else "SPURIOUS"),
            "appended_ok": app_ok,
            "title": "ok" if (host.title or "").strip() == (gold.get("title") or "").strip() else f"WRONG: {host.title!r}",
            "date": ("ok" if fdate == gdate else f"WRONG: {fdate}") if gdate else ("none" if fdate is None else f"SPURIOUS: {fdate}"),
        })
    return rows


def _chunks(text: str, size: int) -> list[str]:
    out, cur = [], ""
    for line in text.split("\n"):
        cur = f"{cur}\n{line}" if cur else line
        if len(cur) >= size:
            out.append(cur)
            cur = ""
    if cur.strip():
        out.append(cur)
    return out


def throughput(samples: Path, repeat: int, chunk: int = 0) -> dict[str, float]:
    texts = [p.read_text("utf-8") for p in sorted(samples.glob("*.txt"))]
    if chunk:
        texts = [c for t in texts for c in _chunks(t, chunk)]
    out = {}
    stages_sets = {"clean": CLEAN}
    if "dedup.minhash.v1" in registry():
        stages_sets["clean+dedup"] = CLEAN + ["dedup.minhash.v1"]
    for name, stages in stages_sets.items():
        pipe = Pipeline.from_config({"pipeline": {"stages": stages}}, RunContext())
        docs = [Document.from_input(text=t + f"\n{i}", input_id=f"{i}") for i in range(repeat) for t in texts]
        t0 = time.process_time()
        n = sum(1 for _ in pipe.pipe(docs))
        dt = time.process_time() - t0
        out[name] = len(docs) / dt
        out[name + "_chars_per_doc"] = sum(len(d.raw) for d in docs) / len(docs)
        del n
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "samples")
    ap.add_argument("--repeat", type=int, default=0, help="also measure throughput over N copies")
    ap.add_argument("--chunk", type=int, default=0,
                    help="for throughput, cut the samples into documents of about this many characters")
    args = ap.parse_args(argv)
    if not args.samples.is_dir():
        print(f"{args.samples}: no samples directory", file=sys.stderr)
        return 2
    rows = evaluate(args.samples)
    print(f"{'file':24} {'bp':>6} {'lost':>5} {'appended':>9}  {'title':8} date")
    for r in rows:
        print(f"{r['file']:24} {r['bp']:>6} {r['lost']:>5} {r['appended']:>9}  {r['title']:8} {r['date']}")
        for ln in r["lost_lines"]:
            print(f"    lost: {ln[:80]}")
    tot_bp = sum(int(r["bp"].split("/")[0]) for r in rows), sum(int(r["bp"].split("/")[1]) for r in rows)
    print(f"total: boilerplate removed {tot_bp[0]}/{tot_bp[1]}, lines lost {sum(r['lost'] for r in rows)}, "
          f"appended ok {sum(r['appended_ok'] for r in rows)}/{len(rows)}, "
          f"titles {sum(r['title'] == 'ok' for r in rows)}/{len(rows)}, "
          f"dates {sum(r['date'] in ('ok', 'none') for r in rows)}/{len(rows)}")
    if args.repeat:
        tp = throughput(args.samples, args.repeat, args.chunk)
        for k, v in tp.items():
            if not k.endswith("_chars_per_doc"):
                print(f"throughput {k}: {v:.0f} docs/s (avg {tp[k + '_chars_per_doc']:.0f} chars/doc)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
