"""The analytics queries, and the in-memory event index agreeing with SQL on random filters."""
from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.serve.eventindex import EventIndex
from rasd.serve.render import layout, safe_url, segments
from rasd.store import Store
from rasd.store import queries as Q

BENCH = Path(__file__).resolve().parents[2] / "bench" / "serve.py"


def _bench():
    spec = importlib.util.spec_from_file_location("rasd_bench_serve", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def random_store(tmp_path_factory):
    bench = _bench()
    db = str(tmp_path_factory.mktemp("gen") / "gen.db")
    bench.generate(db, events=1200, per_doc=6, seed=5)
    st_ = Store(db)
    yield st_, bench
    st_.close()


@pytest.mark.parametrize("day,interval,bucket", [
    ("2024-06-19", "day", "2024-06-19"),
    ("2024-06-19", "week", "2024-06-17"),  # Wednesday → Monday
    ("2024-06-17", "week", "2024-06-17"),
    ("2024-01-01", "week", "2024-01-01"),
    ("2023-01-01", "week", "2022-12-26"),  # a Sunday belongs to the week of the previous Monday
    ("2024-06-19", "month", "2024-06"),
    ("2024-06", "month", "2024-06"),
    ("2024-06", "day", None),
    ("2024", "month", None),
    (None, "day", None),
])
def test_bucket_of(day, interval, bucket):
    assert Q.bucket_of(day, interval) == bucket


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_week_bucket_is_the_monday_at_most_six_days_before(d):
    b = dt.date.fromisoformat(Q.bucket_of(d.isoformat(), "week"))
    assert b.weekday() == 0 and 0 <= (d - b).days <= 6


def filters(bench):
    opt = lambda s: st.none() | s  # noqa: E731
    return st.builds(
        Q.EventFilter,
        actor=opt(st.sampled_from(["EGY", "rus", "Person 1", "person 12", "Country", "nobody"])),
        country=opt(st.sampled_from(bench.COUNTRIES[:6] + ["ZZZ"])),
        type=opt(st.sampled_from([p[0] for p in bench.PLOVER] + ["agree"])),
        cameo=opt(st.sampled_from(["0", "05", "163", "18", "9"])),
        quad=opt(st.integers(1, 4)),
        since=opt(st.sampled_from(["2023", "2023-06", "2023-06-15", "2024-02-29", "2024-12"])),
        until=opt(st.sampled_from(["2023", "2023-09", "2024-03-01", "2024-06"])),
        outlet=opt(st.sampled_from(["example", "wire", "press.example", "none"])),
        negated=opt(st.booleans()),
        hypothetical=opt(st.booleans()),
        actor_id=opt(st.sampled_from(["person:3", "country:EGY", "missing"])),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_event_index_matches_sql_on_random_filters(random_store, data):
    store, bench = random_store
    ix = _index(store)
    f = data.draw(filters(bench))
    sql_ids = [e["event_id"] for e in Q.iter_events(store, f, chunk=500)]
    ids, after = [], None
    while True:
        page, after = ix.event_ids(f, after=after, limit=300)
        ids += page
        if after is None:
            break
    assert ids == sql_ids
    assert ix.count(f) == len(sql_ids)
    interval = data.draw(st.sampled_from(Q.INTERVALS))
    by = data.draw(st.sampled_from(Q.SERIES))
    assert ix.timeline(f, interval=interval, by=by) == Q.timeline(store, f, interval=interval, by=by)
    limit = data.draw(st.integers(1, 60))
    min_count = data.draw(st.integers(1, 3))
    assert ix.network(f, limit=limit, min_count=min_count) == Q.network(store, f, limit=limit, min_count=min_count)


_IX = {}


def _index(store):
    if id(store) not in _IX:
        _IX[id(store)] = EventIndex(store)
    return _IX[id(store)]


def test_event_index_rebuilds_when_the_store_changes(random_store, tmp_path, docs):
    store, _ = random_store
    db = tmp_path / "copy.db"
    with Store(db) as st_:
        st_.save(docs["visit"])
        ix = EventIndex(st_)
        assert ix.count(Q.EventFilter()) == 2
        writer = Store(db)  # another connection (as `rasd analyze` running next to the server)
        writer.save(docs["sanctions"])
        writer.close()
        assert ix.count(Q.EventFilter()) == 5 and ix.builds == 2
        assert ix.count(Q.EventFilter()) == 5 and ix.builds == 2  # unchanged store: no rebuild
        ix.close()


def test_timeline_counts_add_up(random_store):
    store, _ = random_store
    t = Q.timeline(store, Q.EventFilter(), interval="week", by="plover")
    assert sum(map(sum, t["series"].values())) + t["imprecise"] + t["undated"] == t["total"] == store.count("events")
    assert t["buckets"] == sorted(t["buckets"])


def test_network_edges_are_ordered_by_weight_and_split_into_cooperation_and_conflict(random_store):
    store, _ = random_store
    n = Q.network(store, Q.EventFilter(negated=False), limit=30)
    counts = [e["count"] for e in n["edges"]]
    assert counts == sorted(counts, reverse=True) and len(counts) == 30
    for e in n["edges"]:
        assert e["cooperation"] + e["conflict"] == e["count"] and e["source"] != e["target"]
    node_ids = {x["id"] for x in n["nodes"]}
    assert all(e["source"] in node_ids and e["target"] in node_ids for e in n["edges"])


def test_documents_page_cursor_reaches_every_document(random_store):
    store, _ = random_store
    seen, after = [], None
    while True:
        page = Q.documents_page(store, after=after, limit=37)
        seen += [d["id"] for d in page["items"]]
        if page["next"] is None:
            break
        after = page["next"]
    assert len(seen) == len(set(seen)) == store.count("documents")


# -- rendering helpers ----------------------------------------------------------------
spans_strategy = st.lists(st.tuples(st.integers(-5, 60), st.integers(-5, 60), st.sampled_from(["m", "ev", "q"])),
                          max_size=12)


@given(body=st.text(alphabet="ابتث جحخ\nقال", min_size=0, max_size=50), spans=spans_strategy)
def test_segments_cover_the_body_exactly_and_mark_every_span(body, spans):
    doc = {"body": body, "actors": [], "events": [], "quotes": []}
    for s, e, kind in spans:
        if kind == "m":
            doc["actors"].append({"name": "A", "mentions": [{"start": s, "end": e}]})
        elif kind == "ev":
            doc["events"].append({"start": s, "end": e, "negated": s % 2 == 0})
        else:
            doc["quotes"].append({"start": s, "end": e})
    segs = segments(doc)
    assert "".join(x.text for x in segs) == body
    pos = 0
    for seg in segs:
        for s, e, kind in spans:
            s2, e2 = max(0, min(len(body), s)), max(0, min(len(body), e))
            inside = s2 < e2 and s2 <= pos and pos + len(seg.text) <= e2
            assert (kind in seg.classes) >= inside
        pos += len(seg.text)


def test_safe_url_links_only_http():
    assert safe_url("https://example.com/a?b=1") == "https://example.com/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil.example", "", None,
                "vbscript:x", "http://"):
        assert safe_url(bad) is None, bad


def test_layout_is_deterministic_and_inside_the_unit_square():
    nodes = [f"n{i}" for i in range(12)]
    edges = [(f"n{i}", f"n{(i + 1) % 12}", i + 1) for i in range(12)]
    a, b = layout(nodes, edges), layout(nodes, edges)
    assert a == b and set(a) == set(nodes)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in a.values())
    assert len({(round(x, 3), round(y, 3)) for x, y in a.values()}) == 12  # no two nodes on one spot
