"""Benchmark of the HTTP API: p50/p95 latency of the main endpoints on a generated store.

    .venv/bin/python bench/serve.py                    # 200,000 events, 100 requests per endpoint
    .venv/bin/python bench/serve.py --events 50000 --requests 40 --db /tmp/x.db --keep

The store is generated quickly with bulk inserts (SQLAlchemy Core executemany on the store's own
tables): documents from several outlets over two years, a few hundred actors, events with every
quad class, dates (some month-precision, some missing), negation and hypotheticals. The server
runs uvicorn in a background thread on a free loopback port; the load is a fixed number of
sequential requests per endpoint with varied filters (bounded, one client). Latencies are
reported in milliseconds together with their ratio to a baseline endpoint (``/api/health``)
measured in the same run. Target: p95 < 100 ms for events, timeline and network.

Each query runs with the dashboard's result cache switched off (``cache=False``), so the numbers
are those of the SQL itself; a second pass with the cache on is reported for information.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.store import Store  # noqa: E402
from rasd.store import schema as S  # noqa: E402

PLOVER = [
    ("AGREE", "057", 1, 4.8), ("CONSULT", "040", 1, 1.0), ("SUPPORT", "051", 1, 3.4),
    ("AID", "070", 2, 7.0), ("COOPERATE", "061", 2, 6.4), ("RETREAT", "081", 2, 5.0),
    ("REQUEST", "100", 3, -5.0), ("ACCUSE", "112", 3, -2.0), ("THREATEN", "130", 3, -4.4),
    ("REJECT", "120", 3, -4.0), ("PROTEST", "140", 4, -6.5), ("SANCTION", "163", 4, -8.0),
    ("MOBILIZE", "150", 4, -7.2), ("ASSAULT", "180", 4, -9.0), ("COERCE", "170", 4, -7.0),
]
COUNTRIES = ["EGY", "JOR", "SAU", "IRN", "ISR", "LBN", "SYR", "IRQ", "TUR", "RUS", "USA", "CHN", "FRA",
             "DEU", "GBR", "QAT", "ARE", "SDN", "YEM", "UKR", "JPN", "PRK", "KOR", "VEN", "PSE", "DZA",
             "MAR", "TUN", "LBY", "OMN"]
OUTLETS = ["example-news.com", "akhbar.example", "wire.example.org", "daily.example.net", "alyawm.example",
           "press.example", "sahifa.example", "qanat.example"]


def generate(db: str, *, events: int = 200_000, per_doc: int = 8, seed: int = 7) -> dict:
    """Write a synthetic store with ``events`` events; returns counts and seconds."""
    rnd = random.Random(seed)
    t0 = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)
    store = Store(db)
    actors = []
    for i, c in enumerate(COUNTRIES):
        actors.append(dict(id=f"country:{c}", name=f"Country {c}", name_ar=f"دولة {i}", kind="country", country=c, code=c))
    for i in range(400):
        c = COUNTRIES[i % len(COUNTRIES)]
        actors.append(dict(id=f"person:{i}", name=f"Person {i}", name_ar=f"الشخص {i}", kind="person", country=c,
                           code=c + "GOV"))
    n_docs = max(1, events // per_doc)
    start = _dt.date(2023, 1, 1)
    now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    docs, ments, evs, quotes, cited = [], [], [], [], []
    body = "نص تجريبي لخبر عن لقاء بين وفدين. " * 6
    for d in range(n_docs):
        doc_id = f"{d:016x}"
        pub = start + _dt.timedelta(days=rnd.randrange(730))
        docs.append(dict(
            id=doc_id, seq=d + 1, input_id=f"gen-{d}", source="bench", url=f"https://example.com/{d}",
            outlet=OUTLETS[d % len(OUTLETS)], title=f"خبر رقم {d}", published=pub.isoformat(), language="ar",
            raw_format="text", raw=body, body=body, body_norm=body, title_norm=None, removed=[], appended_to=None,
            duplicate_of=None, near_duplicates=[], cited_sources=["وكالة"], content_hash=None, minhash=None,
            provenance={}, meta={}, analyzed_at=now,
        ))
        cited.append(dict(doc_id=doc_id, name=rnd.choice(["رويترز", "فرانس برس", "وام", "واس", "سانا"])))
        chosen = rnd.sample(actors, 4)
        for a in chosen:
            ments.append(dict(doc_id=doc_id, actor_id=a["id"], start_char=0, end_char=4, text=body[0:4]))
        for k in range(per_doc):
            s, t = rnd.sample(chosen, 2)
            plover, cameo, quad, g = rnd.choice(PLOVER)
            r = rnd.random()
            date = None if r < 0.25 else (pub.isoformat()[:7] if r < 0.3 else pub.isoformat())
            evs.append(dict(
                doc_id=doc_id, idx=k, source=s["country"], source_actor=s["name"], target=t["country"],
                target_actor=t["name"], cameo=cameo, plover=plover, mode=None, goldstein=g, quad_class=quad,
                date=date, negated=rnd.random() < 0.05, hypothetical=rnd.random() < 0.05,
                sentence="جملة الحدث في الخبر.", start_char=0, end_char=10, coder="bench", meta={},
            ))
        quotes.append(dict(doc_id=doc_id, idx=0, speaker=chosen[0]["name"], speaker_country=chosen[0]["country"],
                           text="تصريح", start_char=0, end_char=5))
    with store.engine.begin() as conn:
        conn.execute(S.actors.insert(), actors)
        for rows, table in ((docs, S.documents), (ments, S.mentions), (evs, S.events), (quotes, S.quotes),
                            (cited, S.cited_sources)):
            for i in range(0, len(rows), 20_000):
                conn.execute(table.insert(), rows[i:i + 20_000])
        if store.dialect == "sqlite":  # full-text index, as Store.save writes it
            from rasd.store.search import search_key, stems_key

            bkey, bstems = search_key(body), stems_key(body)
            conn.exec_driver_sql(
                "INSERT INTO documents_fts (doc_id, title, body, stems) VALUES (?, ?, ?, ?)",
                [(d["id"], search_key(d["title"]), bkey, bstems) for d in docs],
            )
        conn.exec_driver_sql("ANALYZE")
    counts = store.stats()
    store.close()
    return {"seconds": round(time.perf_counter() - t0, 1), **counts}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(app):
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    th = threading.Thread(target=server.run, daemon=True)
    th.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    return server, th, f"http://127.0.0.1:{port}"


def requests_for(n: int, rnd: random.Random) -> dict[str, list[str]]:
    """A fixed list of ``n`` request paths per endpoint, with varied filters."""
    def months():
        y = rnd.choice([2023, 2024])
        m = rnd.randrange(1, 12)
        return f"{y}-{m:02d}-01", f"{y}-{m + 1:02d}-01"

    def ev_filter():
        choice = rnd.randrange(6)
        if choice == 0:
            return ""
        if choice == 1:
            return f"country={rnd.choice(COUNTRIES)}"
        if choice == 2:
            return f"type={rnd.choice(PLOVER)[0]}"
        if choice == 3:
            a, b = months()
            return f"since={a}&until={b}"
        if choice == 4:
            return f"actor=Person%20{rnd.randrange(400)}"
        return f"quad={rnd.randrange(1, 5)}&outlet={rnd.choice(OUTLETS)}"

    out: dict[str, list[str]] = {"health": ["/api/health"] * n}
    out["events"] = [f"/api/events?limit=100&{ev_filter()}" for _ in range(n)]
    out["events_page2"] = [f"/api/events?limit=100&after={rnd.randrange(1, 150_000)}&{ev_filter()}" for _ in range(n)]
    out["timeline"] = [f"/api/timeline?interval={rnd.choice(['day', 'week', 'month'])}&by={rnd.choice(['quad', 'plover'])}&{ev_filter()}" for _ in range(n)]
    out["network"] = [f"/api/network?limit=100&{ev_filter()}" for _ in range(n)]
    out["actors"] = ["/api/actors?limit=50"] * n
    out["outlets"] = ["/api/outlets"] * n
    out["documents"] = ["/api/documents?limit=50"] * n
    out["search"] = [f"/api/search?q={rnd.choice(['لقاء', 'وفدين', 'خبر'])}" for _ in range(n)]
    return out


def measure(base: str, paths: list[str]) -> list[float]:
    import httpx

    times = []
    with httpx.Client(base_url=base, timeout=60) as client:
        client.get(paths[0])  # warm the connection
        for p in paths:
            t = time.perf_counter()
            r = client.get(p)
            times.append((time.perf_counter() - t) * 1000)
            if r.status_code != 200:
                raise SystemExit(f"{p}: HTTP {r.status_code}: {r.text[:200]}")
    return times


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1)))))
    return xs[k]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--requests", type=int, default=100, help="requests per endpoint")
    ap.add_argument("--db", default=None)
    ap.add_argument("--keep", action="store_true", help="keep (and reuse) the generated store")
    ap.add_argument("--json", default=None, help="write the results to this JSON file")
    args = ap.parse_args(argv)

    from rasd.serve import create_app

    db = args.db or os.path.join(tempfile.mkdtemp(prefix="rasd-bench-"), "bench.db")
    if args.keep and Path(db).exists():
        with Store(db) as st:
            gen = {"seconds": 0.0, "reused": True, **st.stats()}
    else:
        gen = generate(db, events=args.events)
    print(f"store: {db}: {gen}")
    results = {"store": gen, "cold": {}, "cached": {}}
    targets = ("events", "events_page2", "timeline", "network")
    for mode in ("cold", "cached"):
        store = Store(db)
        app = create_app(store, cache=(mode == "cached"))
        server, th, base = start_server(app)
        try:
            reqs = requests_for(args.requests, random.Random(11))
            base_t = measure(base, reqs["health"])
            b50 = statistics.median(base_t)
            print(f"\n== {mode} ({'result cache on' if mode == 'cached' else 'no result cache'}) ==")
            print(f"{'endpoint':14} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'p50/base':>9} {'p95/base':>9}")
            for name, paths in reqs.items():
                t = base_t if name == "health" else measure(base, paths)
                p50, p95 = statistics.median(t), pct(t, 95)
                results[mode][name] = {"p50_ms": round(p50, 2), "p95_ms": round(p95, 2), "max_ms": round(max(t), 2),
                                       "p50_ratio": round(p50 / b50, 1), "p95_ratio": round(p95 / b50, 1), "n": len(t)}
                flag = ""
                if name in targets:
                    flag = "  OK" if p95 < 100 else "  ABOVE TARGET (p95 >= 100 ms)"
                print(f"{name:14} {p50:8.1f} {p95:8.1f} {max(t):8.1f} {p50 / b50:9.1f} {p95 / b50:9.1f}{flag}")
        finally:
            server.should_exit = True
            th.join(timeout=10)
            store.close()
    ok = all(results["cold"][k]["p95_ms"] < 100 for k in targets)
    print(f"\ntarget p95 < 100 ms (events, timeline, network, no cache): {'met' if ok else 'NOT met'}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    if not args.keep and args.db is None:
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
