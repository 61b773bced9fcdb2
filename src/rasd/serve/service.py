"""What both the JSON API and the dashboard ask of the store: one place choosing between the
in-memory event index (fast aggregates) and plain SQL, with the result cache in front."""
from __future__ import annotations

from typing import Any, Iterator

from ..store import queries as Q


class Service:
    def __init__(self, state):
        self.state = state
        self.store = state.store
        self.index = state.index
        self.cache = state.cache

    def events_page(self, f: Q.EventFilter, *, after: int | None = None, limit: int = 100) -> dict[str, Any]:
        if self.index is None:
            return Q.events_page(self.store, f, after=after, limit=limit)
        ids, nxt = self.index.event_ids(f, after=after, limit=limit)
        return {"items": Q.events_by_ids(self.store, ids), "next": nxt}

    def iter_events(self, f: Q.EventFilter, *, chunk: int = 2000) -> Iterator[dict[str, Any]]:
        after = None
        while True:
            page = self.events_page(f, after=after, limit=chunk)
            yield from page["items"]
            if page["next"] is None:
                return
            after = page["next"]

    def count_events(self, f: Q.EventFilter) -> int:
        if self.index is not None:
            return self.index.count(f)
        import sqlalchemy as sa

        stmt = Q._select(self.store, f).with_only_columns(sa.func.count())
        with self.store.engine.connect() as conn:
            return int(conn.execute(stmt).scalar() or 0)

    def timeline(self, f: Q.EventFilter, *, interval: str = "day", by: str = "quad") -> dict[str, Any]:
        def run():
            if self.index is not None:
                return self.index.timeline(f, interval=interval, by=by)
            return Q.timeline(self.store, f, interval=interval, by=by)
        return self.cache.get(("timeline", tuple(sorted(f.params().items())), interval, by), run)

    def network(self, f: Q.EventFilter, *, limit: int = 100, min_count: int = 1) -> dict[str, Any]:
        def run():
            if self.index is not None:
                return self.index.network(f, limit=limit, min_count=min_count)
            return Q.network(self.store, f, limit=limit, min_count=min_count)
        return self.cache.get(("network", tuple(sorted(f.params().items())), limit, min_count), run)

    def overview(self) -> dict[str, Any]:
        return self.cache.get(("overview",), lambda: Q.overview(self.store))

    def actors(self, *, limit: int = 50, kind: str | None = None, q: str | None = None) -> list[dict[str, Any]]:
        return self.cache.get(("actors", limit, kind, q),
                              lambda: self.store.actor_summary(limit=limit, kind=kind, query=q))

    def outlets(self) -> dict[str, Any]:
        def run():
            counts = self.index.events_per_outlet() if self.index is not None else None
            return {"outlets": Q.outlets(self.store, event_counts=counts), "cited_sources": Q.cited_sources(self.store)}
        return self.cache.get(("outlets",), run)

    def names(self) -> dict[str, dict[str, Any]]:
        return self.cache.get(("names",), lambda: Q.actor_names(self.store))

    def after_write(self) -> None:
        if self.index is not None:
            self.index.invalidate()
        else:
            self.state.versions.invalidate()
        self.cache.clear()
