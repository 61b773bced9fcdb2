"""Analytics queries over a :class:`~rasd.store.Store` (SQLAlchemy Core, parameterised only).

What the HTTP API and the dashboard show: event pages with keyset cursors, a timeline (counts per
day/week/month by PLOVER type or quad class), an actor network (pairs with cooperation/conflict
weights), outlets and cited sources, document lists and one actor's detail. Every function takes
the store and an :class:`EventFilter` (the same filters as ``Store.query_events`` plus quad class
and an exact actor) and runs on SQLite and PostgreSQL alike.

Aggregates group in SQL by day and fold days into weeks and months in Python, so no
dialect-specific date function is needed and the SQL result stays small (one row per day and key).
"""
from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, fields
from typing import Any, Iterator

import sqlalchemy as sa

from . import schema as S

__all__ = [
    "EventFilter", "events_page", "iter_events", "timeline", "network", "outlets", "cited_sources",
    "documents_page", "actor_detail", "actor_names", "overview", "QUAD_NAMES", "COOPERATION", "CONFLICT",
]

QUAD_NAMES = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}
COOPERATION = (1, 2)
CONFLICT = (3, 4)
INTERVALS = ("day", "week", "month")
SERIES = ("plover", "quad")


@dataclass
class EventFilter:
    """Filters shared by every event query. ``None`` means "any"."""

    actor: str | None = None  # country code (exact) or part of a canonical actor name
    actor_id: str | None = None  # an actors.id: events whose source or target actor is exactly it
    country: str | None = None
    type: str | None = None  # PLOVER type
    cameo: str | None = None  # CAMEO code prefix
    quad: int | None = None  # 1..4
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    negated: bool | None = None
    hypothetical: bool | None = None
    doc_id: str | None = None

    def params(self) -> dict[str, Any]:
        """The non-empty filters (for links and cache keys)."""
        return {k: v for k, v in asdict(self).items() if v is not None and v != ""}

    def replace(self, **kw) -> "EventFilter":
        d = asdict(self)
        d.update(kw)
        return EventFilter(**d)

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


def _names_of(conn, actor_id: str) -> list[str]:
    """The values an event's source_actor/target_actor carries for an actor: its id and names."""
    row = conn.execute(sa.select(S.actors.c.id, S.actors.c.name).where(S.actors.c.id == actor_id)).first()
    if row is None:
        return [actor_id]
    return sorted({row.id, row.name})


def _select(store, f: EventFilter, conn=None):
    """The filtered events select (the store's own filters plus quad class and exact actor)."""
    stmt = store._events_select(
        actor=f.actor, country=f.country, type=f.type, cameo=f.cameo, since=f.since, until=f.until,
        outlet=f.outlet, negated=f.negated, hypothetical=f.hypothetical, doc_id=f.doc_id,
    )
    e = S.events
    if f.quad is not None:
        stmt = stmt.where(e.c.quad_class == int(f.quad))
    if f.actor_id:
        if conn is None:
            with store.engine.connect() as c:
                names = _names_of(c, f.actor_id)
        else:
            names = _names_of(conn, f.actor_id)
        stmt = stmt.where(sa.or_(e.c.source_actor.in_(names), e.c.target_actor.in_(names)))
    return stmt


def _when():
    return sa.func.coalesce(S.events.c.date, S.documents.c.published)


# -- events -------------------------------------------------------------------
def events_page(store, f: EventFilter, *, after: int | None = None, limit: int = 100) -> dict[str, Any]:
    """One page of events in id order; ``next`` is the cursor of the following page (or None)."""
    from . import _event_row  # the store's row shape, shared with `rasd events`

    stmt = _select(store, f)
    if after is not None:
        stmt = stmt.where(S.events.c.id > int(after))
    stmt = stmt.order_by(S.events.c.id).limit(int(limit) + 1)
    with store.engine.connect() as conn:
        rows = [_event_row(r) for r in conn.execute(stmt).mappings()]
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": rows, "next": rows[-1]["event_id"] if more and rows else None}


def events_by_ids(store, ids: list[int]) -> list[dict[str, Any]]:
    """Events (store row shape) with these ids, in id order."""
    from . import _event_row

    if not ids:
        return []
    out = []
    with store.engine.connect() as conn:
        for i in range(0, len(ids), 500):
            stmt = store._events_select().where(S.events.c.id.in_(ids[i:i + 500])).order_by(S.events.c.id)
            out.extend(_event_row(r) for r in conn.execute(stmt).mappings())
    return out


def iter_events(store, f: EventFilter, *, chunk: int = 2000) -> Iterator[dict[str, Any]]:
    """Every event of a filter (no cap), streamed in keyset chunks."""
    after = None
    while True:
        page = events_page(store, f, after=after, limit=chunk)
        yield from page["items"]
        if page["next"] is None:
            return
        after = page["next"]


def latest_events(store, f: EventFilter, *, limit: int = 10) -> list[dict[str, Any]]:
    from . import _event_row

    # latest reported first (publication date), then the event's own date
    stmt = _select(store, f).order_by(S.documents.c.published.desc().nulls_last(), _when().desc().nulls_last(),
                                      S.events.c.id.desc()).limit(limit)
    with store.engine.connect() as conn:
        return [_event_row(r) for r in conn.execute(stmt).mappings()]


# -- timeline -----------------------------------------------------------------
def bucket_of(day: str | None, interval: str) -> str | None:
    """The bucket label of a date string: the day, the Monday of its ISO week, or ``YYYY-MM``.
    A date less precise than the interval (``2024-06`` by day) has no bucket."""
    if not day:
        return None
    if interval == "month":
        return day[:7] if len(day) >= 7 else None
    if len(day) < 10:
        return None
    if interval == "day":
        return day[:10]
    try:
        d = _dt.date.fromisoformat(day[:10])
    except ValueError:
        return None
    return (d - _dt.timedelta(days=d.weekday())).isoformat()


def timeline(store, f: EventFilter, *, interval: str = "day", by: str = "quad") -> dict[str, Any]:
    """Event counts per bucket and series key (PLOVER type or quad class).

    Returns ``{"interval", "by", "buckets": [...], "series": {key: [count per bucket]},
    "total", "imprecise", "undated"}``; ``imprecise`` counts events whose date is coarser than the
    interval, ``undated`` those with neither an event date nor a publication date."""
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)}")
    if by not in SERIES:
        raise ValueError(f"by must be one of {', '.join(SERIES)}")
    e = S.events
    key = e.c.plover if by == "plover" else e.c.quad_class
    when = _when().label("day")
    stmt = _select(store, f).with_only_columns(when, key.label("k"), sa.func.count().label("n")).group_by(when, key)
    counts: dict[str, Counter] = defaultdict(Counter)
    imprecise = undated = total = 0
    with store.engine.connect() as conn:
        for day, k, n in conn.execute(stmt):
            total += n
            if day is None:
                undated += n
                continue
            b = bucket_of(day, interval)
            if b is None:
                imprecise += n
                continue
            counts[str(k)][b] += n
    buckets = sorted({b for c in counts.values() for b in c})
    keys = sorted(counts, key=lambda k: (-sum(counts[k].values()), k)) if by == "plover" else sorted(counts)
    return {
        "interval": interval, "by": by, "buckets": buckets,
        "series": {k: [counts[k].get(b, 0) for b in buckets] for k in keys},
        "total": total, "imprecise": imprecise, "undated": undated,
    }


# -- network ------------------------------------------------------------------
def network(store, f: EventFilter, *, limit: int = 100, min_count: int = 1) -> dict[str, Any]:
    """Actor pairs (source → target, by canonical actor name, else country code) with the number of
    cooperation (quad 1–2) and conflict (quad 3–4) events, the mean Goldstein score, and the nodes.

    Edges are the ``limit`` heaviest pairs with at least ``min_count`` events; nodes carry their
    actor id (for links) and Arabic name when the actor is known."""
    e = S.events
    src = sa.func.coalesce(e.c.source_actor, e.c.source).label("s")
    tgt = sa.func.coalesce(e.c.target_actor, e.c.target).label("t")
    coop = sa.func.sum(sa.case((e.c.quad_class.in_(COOPERATION), 1), else_=0)).label("coop")
    conf = sa.func.sum(sa.case((e.c.quad_class.in_(CONFLICT), 1), else_=0)).label("conf")
    n = sa.func.count().label("n")
    stmt = (
        _select(store, f)
        .with_only_columns(src, tgt, coop, conf, n, sa.func.avg(e.c.goldstein).label("g"))
        .where(src.is_not(None), tgt.is_not(None), src != tgt)
        .group_by(src, tgt)
        .having(sa.func.count() >= int(min_count))
        .order_by(sa.desc("n"), src, tgt)
        .limit(int(limit))
    )
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    edges = [
        {"source": s, "target": t, "cooperation": int(c or 0), "conflict": int(k or 0), "count": int(m),
         "goldstein": round(round(float(g), 9), 2) if g is not None else None}
        for s, t, c, k, m, g in rows
    ]
    return network_nodes(store, edges)


def network_nodes(store, edges: list[dict[str, Any]], names: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """``{"nodes", "edges"}``: the nodes of ``edges`` by weight, with actor id and names."""
    names = actor_names(store) if names is None else names
    weight: Counter = Counter()
    for ed in edges:
        weight[ed["source"]] += ed["count"]
        weight[ed["target"]] += ed["count"]
    nodes = []
    for node, w in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0])):
        info = names.get(node) or {}
        nodes.append({"id": node, "actor_id": info.get("id"), "name": info.get("name") or node,
                      "name_ar": info.get("name_ar"), "kind": info.get("kind"), "weight": w})
    return {"nodes": nodes, "edges": edges}


def actor_names(store, *, conn=None) -> dict[str, dict[str, Any]]:
    """Actors keyed by id and by canonical name (what events carry), for labels and links."""
    a = S.actors
    stmt = sa.select(a.c.id, a.c.name, a.c.name_ar, a.c.kind, a.c.country, a.c.code)
    out: dict[str, dict[str, Any]] = {}

    def fill(c):
        for r in c.execute(stmt).mappings():
            d = dict(r)
            out.setdefault(d["name"], d)
            out[d["id"]] = d

    if conn is None:
        with store.engine.connect() as c:
            fill(c)
    else:
        fill(conn)
    return out


# -- outlets and cited sources -------------------------------------------------
def outlets(store, *, limit: int = 200, event_counts: dict[str | None, int] | None = None) -> list[dict[str, Any]]:
    """Documents and events per outlet, with the first and last publication date
    (``event_counts``: events per outlet when the caller already has them)."""
    d, e = S.documents, S.events
    doc_stmt = (
        sa.select(d.c.outlet, sa.func.count().label("documents"),
                  sa.func.sum(sa.case((d.c.duplicate_of.is_not(None), 1), else_=0)).label("duplicates"),
                  sa.func.min(d.c.published).label("first"), sa.func.max(d.c.published).label("last"))
        .group_by(d.c.outlet).order_by(sa.desc("documents"), d.c.outlet).limit(limit)
    )
    ev_stmt = sa.select(d.c.outlet, sa.func.count().label("n")).join(e, e.c.doc_id == d.c.id).group_by(d.c.outlet)
    cs = S.cited_sources
    cs_stmt = sa.select(d.c.outlet, sa.func.count().label("n")).join(cs, cs.c.doc_id == d.c.id).group_by(d.c.outlet)
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(doc_stmt).mappings()]
        evs = dict(conn.execute(ev_stmt).all()) if event_counts is None else event_counts
        cited = dict(conn.execute(cs_stmt).all())
    for r in rows:
        r["duplicates"] = int(r["duplicates"] or 0)
        r["events"] = int(evs.get(r["outlet"], 0))
        r["cited_sources"] = int(cited.get(r["outlet"], 0))
    return rows


def cited_sources(store, *, outlet: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Sources cited in the articles (agencies, media), by number of documents citing them."""
    cs, d = S.cited_sources, S.documents
    stmt = (
        sa.select(cs.c.name, sa.func.count(sa.distinct(cs.c.doc_id)).label("documents"))
        .group_by(cs.c.name).order_by(sa.desc("documents"), cs.c.name).limit(limit)
    )
    if outlet:
        stmt = stmt.join(d, d.c.id == cs.c.doc_id).where(d.c.outlet == outlet)
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


# -- documents ----------------------------------------------------------------
def documents_page(
    store, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
    language: str | None = None, duplicates: bool | None = None, actor_id: str | None = None,
    after: int | None = None, limit: int = 50,
) -> dict[str, Any]:
    """Documents, newest arrival first, with their event count; ``next`` is the cursor (a ``seq``)."""
    d, e, m = S.documents, S.events, S.mentions
    n_events = sa.select(sa.func.count()).where(e.c.doc_id == d.c.id).scalar_subquery().label("events")
    stmt = sa.select(d.c.id, d.c.seq, d.c.title, d.c.outlet, d.c.published, d.c.url, d.c.language,
                     d.c.duplicate_of, d.c.appended_to, n_events)
    if outlet:
        stmt = stmt.where(d.c.outlet == outlet)
    if since:
        stmt = stmt.where(d.c.published >= since)
    if until:
        stmt = stmt.where(d.c.published <= until)
    if language:
        stmt = stmt.where(d.c.language == language)
    if duplicates is not None:
        stmt = stmt.where(d.c.duplicate_of.is_not(None) if duplicates else d.c.duplicate_of.is_(None))
    if actor_id:
        stmt = stmt.where(d.c.id.in_(sa.select(m.c.doc_id).where(m.c.actor_id == actor_id)))
    if after is not None:
        stmt = stmt.where(d.c.seq < int(after))
    stmt = stmt.order_by(d.c.seq.desc()).limit(int(limit) + 1)
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(stmt).mappings()]
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": rows, "next": rows[-1]["seq"] if more and rows else None}


def duplicate_group(store, doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The documents linked to ``doc`` as exact or near duplicates (both directions), or appended."""
    d = S.documents
    root = doc.get("duplicate_of") or doc["id"]
    ids = {root} | {n["id"] for n in doc.get("near_duplicates") or []}
    if doc.get("appended_to"):
        ids.add(doc["appended_to"])
    stmt = (
        sa.select(d.c.id, d.c.title, d.c.outlet, d.c.published, d.c.duplicate_of, d.c.appended_to)
        .where(sa.or_(d.c.id.in_(ids), d.c.duplicate_of == root, d.c.appended_to == doc["id"]))
        .where(d.c.id != doc["id"]).order_by(d.c.seq)
    )
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(stmt).mappings()]
    sims = {n["id"]: n.get("similarity") for n in doc.get("near_duplicates") or []}
    for r in rows:
        if r["id"] == doc.get("duplicate_of"):
            r["relation"] = "original"
        elif r["duplicate_of"] == root:
            r["relation"] = "duplicate"
        elif r["id"] == doc.get("appended_to"):
            r["relation"] = "host"
        elif r["appended_to"] == doc["id"]:
            r["relation"] = "appended"
        else:
            r["relation"] = "near_duplicate"
        r["similarity"] = sims.get(r["id"])
    return rows


# -- actors -------------------------------------------------------------------
def actor_detail(store, actor_id: str, *, events_limit: int = 50) -> dict[str, Any] | None:
    """One actor: its row, document count, spellings seen, events as source and as target (first
    page and totals), counterparts with cooperation/conflict counts, and quotes by it."""
    a, m, q, e = S.actors, S.mentions, S.quotes, S.events
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(a).where(a.c.id == actor_id)).mappings().first()
        if row is None:
            row = conn.execute(sa.select(a).where(a.c.name == actor_id)).mappings().first()
        if row is None:
            return None
        actor = dict(row)
        names = sorted({actor["id"], actor["name"]})
        spellings = [
            {"text": t, "count": n} for t, n in conn.execute(
                sa.select(m.c.text, sa.func.count().label("n")).where(m.c.actor_id == actor["id"])
                .group_by(m.c.text).order_by(sa.desc("n"), m.c.text).limit(50)
            )
        ]
        docs = conn.execute(
            sa.select(sa.func.count(sa.distinct(m.c.doc_id))).where(m.c.actor_id == actor["id"])
        ).scalar() or 0
        speakers = [x for x in {actor["id"], actor["name"], actor.get("name_ar")} if x]
        quotes = [
            dict(r) for r in conn.execute(
                sa.select(q.c.doc_id, q.c.idx, q.c.speaker, q.c.text, q.c.start_char, q.c.end_char,
                          S.documents.c.title, S.documents.c.published, S.documents.c.outlet)
                .join(S.documents, S.documents.c.id == q.c.doc_id)
                .where(q.c.speaker.in_(speakers)).order_by(S.documents.c.published.desc(), q.c.id).limit(100)
            ).mappings()
        ]
        totals = {}
        for role, col in (("source", e.c.source_actor), ("target", e.c.target_actor)):
            totals[role] = conn.execute(sa.select(sa.func.count()).select_from(e).where(col.in_(names))).scalar() or 0
        # counterparts: the other side of every event the actor is in
        other = sa.case((e.c.source_actor.in_(names), sa.func.coalesce(e.c.target_actor, e.c.target)),
                        else_=sa.func.coalesce(e.c.source_actor, e.c.source)).label("other")
        cp = conn.execute(
            sa.select(other,
                      sa.func.sum(sa.case((e.c.quad_class.in_(COOPERATION), 1), else_=0)).label("coop"),
                      sa.func.sum(sa.case((e.c.quad_class.in_(CONFLICT), 1), else_=0)).label("conf"),
                      sa.func.count().label("n"))
            .where(sa.or_(e.c.source_actor.in_(names), e.c.target_actor.in_(names)))
            .where(e.c.negated.is_(False), e.c.hypothetical.is_(False))
            .group_by(other).order_by(sa.desc("n"), other).limit(50)
        ).all()
        known = actor_names(store, conn=conn)
    counterparts = []
    for o, c, k, n in cp:
        if o is None or o in names:
            continue
        info = known.get(o) or {}
        counterparts.append({"name": o, "actor_id": info.get("id"), "name_ar": info.get("name_ar"),
                             "cooperation": int(c or 0), "conflict": int(k or 0), "count": int(n)})
    f = EventFilter(actor_id=actor["id"])
    page = events_page(store, f, limit=events_limit)
    return {
        "actor": actor, "documents": int(docs), "spellings": spellings,
        "events": {"as_source": totals["source"], "as_target": totals["target"],
                   "items": page["items"], "next": page["next"]},
        "counterparts": counterparts, "quotes": quotes,
    }


# -- overview -----------------------------------------------------------------
def overview(store, *, latest: int = 10, top: int = 10) -> dict[str, Any]:
    """Counts, the latest events and the top actors (what the dashboard's first page shows)."""
    return {
        "counts": store.stats(),
        "latest_events": latest_events(store, EventFilter(), limit=latest),
        "top_actors": store.actor_summary(limit=top),
    }
