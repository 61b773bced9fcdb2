"""The store: one class over SQLAlchemy Core, chosen by URL.

``Store("rasd.db")`` or ``Store("sqlite:///rasd.db")`` (the embedded default) and
``Store("postgresql+psycopg://user@host/db")`` share every method; only this package imports a
database driver. Writes are idempotent by document id: re-analysing the same input replaces its rows.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Iterator

import sqlalchemy as sa

from ..document import Document
from ..errors import StoreError
from ..normalize import fold_spaces, normalize
from . import schema as S
from .rows import (ACTOR_COLS, CITED_COLS, DOCUMENT_COLS, EVENT_COLS, FTS_COLS, MENTION_COLS, QUOTE_COLS,
                   BatchRows, utc_now)
from .search import query_terms

__all__ = ["Store", "to_url"]


def to_url(target: str | Path) -> str:
    """A path becomes a SQLite URL; a URL is kept."""
    s = str(target)
    if "://" in s:
        return s
    return f"sqlite:///{Path(s).expanduser()}"


class Store:
    def __init__(self, target: str | Path = "rasd.db", *, echo: bool = False):
        self.url = to_url(target)
        try:
            self.engine = sa.create_engine(self.url, echo=echo, future=True)
        except (sa.exc.ArgumentError, ModuleNotFoundError) as exc:
            raise StoreError(f"{self.url}: cannot open store ({exc})") from None
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            self.migrate()
        except sa.exc.OperationalError as exc:
            raise StoreError(f"{self.url}: cannot open store ({exc.orig})") from None

    # -- schema ---------------------------------------------------------------
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            if not sa.inspect(conn).has_table("rasd_meta"):
                return 0
            v = conn.execute(sa.select(S.rasd_meta.c.value).where(S.rasd_meta.c.key == "schema_version")).scalar()
            return int(v) if v is not None else 0

    def migrate(self) -> int:
        with self.engine.begin() as conn:
            S.rasd_meta.create(conn, checkfirst=True)
            row = conn.execute(
                sa.select(S.rasd_meta.c.value).where(S.rasd_meta.c.key == "schema_version")
            ).scalar()
            current = int(row) if row is not None else 0
            if current > S.SCHEMA_VERSION:
                raise StoreError(
                    f"{self.url}: schema version {current} is newer than this rasd ({S.SCHEMA_VERSION}); upgrade rasd"
                )
            for version, fn in S.MIGRATIONS:
                if version > current:
                    fn(conn, self.dialect)
                    current = version
            if row is None:
                conn.execute(S.rasd_meta.insert().values(key="schema_version", value=str(current)))
            else:
                conn.execute(
                    S.rasd_meta.update().where(S.rasd_meta.c.key == "schema_version").values(value=str(current))
                )
        return current

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing --------------------------------------------------------------
    def save(self, doc: Document) -> None:
        self.save_many([doc])

    def save_many(self, docs: Iterable[Document]) -> int:
        """Store documents in one transaction, with one statement per table (executemany).
        Re-saving a document replaces its rows; its arrival order (``seq``) is kept."""
        docs = list({d.id: d for d in docs}.values())  # the last version of a repeated id wins
        if not docs:
            return 0
        now = utc_now()
        sqlite = self.dialect == "sqlite"
        with self.engine.connect() as conn:
            try:
                if sqlite:
                    # The batch's rows are consistent by construction (every child row's document and
                    # every mention's actor are written in the same batch; a re-saved document's
                    # children are deleted explicitly), so SQLite's per-row foreign-key lookups are
                    # skipped. The pragma only takes effect outside a transaction: it runs before the
                    # first write, where the driver opens one.
                    conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
                self._save_batch(conn, docs, now, sqlite)
                conn.commit()
            finally:
                if sqlite:
                    conn.rollback()  # nothing left after a commit; ends a failed batch first
                    conn.exec_driver_sql("PRAGMA foreign_keys = ON")
                    conn.commit()
        return len(docs)

    def _save_batch(self, conn, docs: list[Document], now: str, sqlite: bool) -> None:
        old = self._existing_seqs(conn, [d.id for d in docs])
        # read before the old rows go: a re-saved document may hold the highest seq
        next_seq = (conn.execute(sa.select(sa.func.max(S.documents.c.seq))).scalar() or 0) + 1
        if old:
            self._delete_documents(conn, list(old))
        seqs = dict(old)
        for d in docs:
            if d.id not in seqs:
                seqs[d.id] = next_seq
                next_seq += 1
        rows = BatchRows(docs, seqs, now, json_text=sqlite, with_fts=sqlite)
        if sqlite:
            self._write_sqlite(conn, rows)
        else:
            self._write_core(conn, rows)

    def _existing_seqs(self, conn, ids: list[str]) -> dict[str, int]:
        """``id -> seq`` of the documents among ``ids`` already stored."""
        old: dict[str, int] = {}
        for chunk in _chunks(ids, 500):
            old.update(conn.execute(
                sa.select(S.documents.c.id, S.documents.c.seq).where(S.documents.c.id.in_(chunk))
            ).all())
        return old

    def _delete_documents(self, conn, ids: list[str]) -> None:
        """Remove stored documents and every row that belongs to them (before they are rewritten)."""
        for chunk in _chunks(ids, 500):
            for t in S.CHILD_TABLES:
                conn.execute(t.delete().where(t.c.doc_id.in_(chunk)))
            conn.execute(S.documents.delete().where(S.documents.c.id.in_(chunk)))
            if self.dialect == "sqlite":
                conn.exec_driver_sql(
                    "DELETE FROM documents_fts WHERE doc_id IN (" + ",".join("?" * len(chunk)) + ")", tuple(chunk)
                )

    def _write_sqlite(self, conn, rows: BatchRows) -> None:
        """Every table with one ``executemany`` of ready tuples straight through the driver (the
        SQLAlchemy per-row parameter processing would cost more than the inserts); actors upserted."""
        for sql, data in ((_SQLITE_INSERT["documents"], rows.documents),
                          (_SQLITE_UPSERT_ACTORS, rows.actors),
                          (_SQLITE_INSERT["mentions"], rows.mentions),
                          (_SQLITE_INSERT["events"], rows.events),
                          (_SQLITE_INSERT["quotes"], rows.quotes),
                          (_SQLITE_INSERT["cited_sources"], rows.cited),
                          (_SQLITE_INSERT["documents_fts"], rows.fts)):
            if data:
                conn.exec_driver_sql(sql, data)

    def _write_core(self, conn, rows: BatchRows) -> None:
        """SQLAlchemy Core (PostgreSQL and other dialects): one executemany per table."""
        conn.execute(S.documents.insert(), [dict(zip(DOCUMENT_COLS, r)) for r in rows.documents])
        if rows.actors:
            actor_rows = {r[0]: dict(zip(ACTOR_COLS, r)) for r in rows.actors}
            existing: set[str] = set()
            keys = list(actor_rows)
            for chunk in _chunks(keys, 500):
                existing.update(conn.execute(sa.select(S.actors.c.id).where(S.actors.c.id.in_(chunk))).scalars())
            new = [r for k, r in actor_rows.items() if k not in existing]
            if new:
                conn.execute(S.actors.insert(), new)
            upd = [{**r, "_id": r["id"]} for k, r in actor_rows.items() if k in existing]
            if upd:
                conn.execute(
                    S.actors.update().where(S.actors.c.id == sa.bindparam("_id")).values(
                        name=sa.bindparam("name"), name_ar=sa.bindparam("name_ar"), kind=sa.bindparam("kind"),
                        country=sa.bindparam("country"), code=sa.bindparam("code")),
                    upd,
                )
        for table, cols, data in ((S.mentions, MENTION_COLS, rows.mentions), (S.events, EVENT_COLS, rows.events),
                                  (S.quotes, QUOTE_COLS, rows.quotes), (S.cited_sources, CITED_COLS, rows.cited)):
            if data:
                conn.execute(table.insert(), [dict(zip(cols, r)) for r in data])

    # -- reading --------------------------------------------------------------
    def dedup_records(self) -> Iterator[tuple[str, str | None, bytes | None]]:
        """``(id, content_hash, minhash)`` of every stored document, in arrival order."""
        with self.engine.connect() as conn:
            res = conn.execution_options(stream_results=True).execute(
                sa.select(S.documents.c.id, S.documents.c.content_hash, S.documents.c.minhash).order_by(S.documents.c.seq)
            )
            for row in res:
                yield row.id, row.content_hash, row.minhash

    def count(self, table: str = "documents") -> int:
        t = S.EXPORTABLE[table]
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0

    def stats(self) -> dict[str, int]:
        out = {name: self.count(name) for name in ("documents", "actors", "mentions", "events", "quotes")}
        with self.engine.connect() as conn:
            out["duplicates"] = conn.execute(
                sa.select(sa.func.count()).select_from(S.documents).where(S.documents.c.duplicate_of.is_not(None))
            ).scalar() or 0
        return out

    def resolve_id(self, doc_id: str) -> str | None:
        """A full id, or a unique prefix of one (at least 4 characters), or an input id."""
        with self.engine.connect() as conn:
            if conn.execute(sa.select(S.documents.c.id).where(S.documents.c.id == doc_id)).scalar():
                return doc_id
            rows = []
            if len(doc_id) >= 4 and re.fullmatch(r"[0-9a-f]+", doc_id):
                rows = conn.execute(
                    sa.select(S.documents.c.id).where(S.documents.c.id.like(doc_id + "%")).limit(2)
                ).scalars().all()
            if not rows:
                rows = conn.execute(
                    sa.select(S.documents.c.id).where(S.documents.c.input_id == doc_id).order_by(S.documents.c.seq).limit(2)
                ).scalars().all()
            return rows[0] if len(rows) == 1 else None

    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The stored document as a contract object (plus ``url`` and ``provenance``)."""
        real = self.resolve_id(doc_id)
        if real is None:
            return None
        with self.engine.connect() as conn:
            d = conn.execute(sa.select(S.documents).where(S.documents.c.id == real)).mappings().one()
            actor_rows = conn.execute(
                sa.select(S.actors, S.mentions.c.start_char, S.mentions.c.end_char, S.mentions.c.text.label("mtext"))
                .join(S.mentions, S.mentions.c.actor_id == S.actors.c.id)
                .where(S.mentions.c.doc_id == real)
                .order_by(S.mentions.c.start_char)
            ).mappings().all()
            ev = conn.execute(sa.select(S.events).where(S.events.c.doc_id == real).order_by(S.events.c.idx)).mappings().all()
            qs = conn.execute(sa.select(S.quotes).where(S.quotes.c.doc_id == real).order_by(S.quotes.c.idx)).mappings().all()
        actors: dict[str, dict[str, Any]] = {}
        for r in actor_rows:
            a = actors.setdefault(r["id"], {
                "name": r["name"], "name_ar": r["name_ar"], "kind": r["kind"], "country": r["country"],
                "code": r["code"], "mentions": [],
            })
            a["mentions"].append({"start": r["start_char"], "end": r["end_char"], "text": r["mtext"]})
        return {
            "id": d["id"], "input_id": d["input_id"], "source": d["source"], "outlet": d["outlet"],
            "title": d["title"], "published": d["published"], "language": d["language"], "body": d["body"],
            "removed": list(d["removed"] or []), "appended_to": d["appended_to"], "duplicate_of": d["duplicate_of"],
            "near_duplicates": list(d["near_duplicates"] or []),
            "actors": list(actors.values()),
            "events": [_event_dict(e) for e in ev],
            "quotes": [
                {"speaker": q["speaker"], "speaker_country": q["speaker_country"], "text": q["text"],
                 "start": q["start_char"], "end": q["end_char"]} for q in qs
            ],
            "cited_sources": list(d["cited_sources"] or []),
            "url": d["url"], "provenance": dict(d["provenance"] or {}),
        }

    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over normalised titles and bodies (alef/ya/ta-marbuta variants,
        diacritics, tatweel and proclitics do not matter). Words are ANDed; "quoted phrases" kept."""
        terms = query_terms(query)
        if not terms:
            return []
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                match = " AND ".join(t.fts5() for t in terms)
                rows = conn.exec_driver_sql(
                    "SELECT d.id, d.title, d.outlet, d.published, d.body, bm25(documents_fts) AS score "
                    "FROM documents_fts JOIN documents d ON d.id = documents_fts.doc_id "
                    "WHERE documents_fts MATCH ? ORDER BY score, d.seq LIMIT ?",
                    (match, int(limit)),
                ).mappings().all()
            else:
                cond = sa.and_(*[
                    sa.or_(S.documents.c.body_norm.contains(t.text), S.documents.c.title_norm.contains(t.text))
                    for t in terms
                ])
                rows = conn.execute(
                    sa.select(S.documents.c.id, S.documents.c.title, S.documents.c.outlet,
                              S.documents.c.published, S.documents.c.body, sa.literal(0.0).label("score"))
                    .where(cond).order_by(S.documents.c.seq).limit(limit)
                ).mappings().all()
        return [
            {"id": r["id"], "title": r["title"], "outlet": r["outlet"], "published": r["published"],
             "snippet": _snippet(r["body"], terms), "score": float(r["score"])}
            for r in rows
        ]

    def actor_summary(self, *, limit: int = 50, kind: str | None = None, query: str | None = None) -> list[dict[str, Any]]:
        """Actors by number of documents, with mention counts and the spellings seen."""
        m, a = S.mentions, S.actors
        stmt = (
            sa.select(a.c.id, a.c.name, a.c.name_ar, a.c.kind, a.c.country, a.c.code,
                      sa.func.count(sa.distinct(m.c.doc_id)).label("documents"),
                      sa.func.count(m.c.id).label("mentions"))
            .join(m, m.c.actor_id == a.c.id)
            .group_by(a.c.id, a.c.name, a.c.name_ar, a.c.kind, a.c.country, a.c.code)
            .order_by(sa.desc("documents"), sa.desc("mentions"), a.c.name)
            .limit(limit)
        )
        if kind:
            stmt = stmt.where(a.c.kind == kind)
        if query:
            q = f"%{query}%"
            stmt = stmt.where(sa.or_(a.c.name.ilike(q), a.c.name_ar.like(q), a.c.code.ilike(q), a.c.id.ilike(q)))
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(stmt).mappings()]
            for r in rows:
                forms = conn.execute(
                    sa.select(m.c.text, sa.func.count().label("n")).where(m.c.actor_id == r["id"])
                    .group_by(m.c.text).order_by(sa.desc("n"), m.c.text).limit(12)
                ).all()
                r["spellings"] = [{"text": t, "count": n} for t, n in forms]
        return rows

    def query_events(
        self,
        *,
        actor: str | None = None,
        country: str | None = None,
        type: str | None = None,
        cameo: str | None = None,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        negated: bool | None = None,
        hypothetical: bool | None = None,
        doc_id: str | None = None,
        after: int | None = None,
        limit: int | None = 100,
        latest: bool = False,
    ) -> list[dict[str, Any]]:
        """Events joined with their document's outlet, title and publication date, filtered.
        Paginate with ``after`` = the last ``event_id`` seen (keyset cursor, no cap), or ask for the
        ``latest`` first (by event date, else publication date)."""
        stmt = self._events_select(actor=actor, country=country, type=type, cameo=cameo, since=since,
                                   until=until, outlet=outlet, negated=negated, hypothetical=hypothetical,
                                   doc_id=doc_id)
        if after is not None:
            stmt = stmt.where(S.events.c.id > after)
        if latest:
            when = sa.func.coalesce(S.events.c.date, S.documents.c.published)
            stmt = stmt.order_by(when.desc().nulls_last(), S.events.c.id.desc())
        else:
            stmt = stmt.order_by(S.events.c.id)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            return [_event_row(r) for r in conn.execute(stmt).mappings()]

    def _events_select(self, *, actor=None, country=None, type=None, cameo=None, since=None, until=None,
                       outlet=None, negated=None, hypothetical=None, doc_id=None):
        e, d = S.events, S.documents
        stmt = sa.select(e, d.c.outlet, d.c.title, d.c.published, d.c.url).join(d, d.c.id == e.c.doc_id)
        if actor:
            like = f"%{actor}%"
            stmt = stmt.where(sa.or_(
                sa.func.upper(e.c.source) == actor.upper(), sa.func.upper(e.c.target) == actor.upper(),
                e.c.source_actor.ilike(like), e.c.target_actor.ilike(like),
            ))
        if country:
            stmt = stmt.where(sa.or_(e.c.source == country.upper(), e.c.target == country.upper()))
        if type:
            stmt = stmt.where(e.c.plover == type.upper())
        if cameo:
            stmt = stmt.where(e.c.cameo.like(f"{cameo}%"))
        # an event's date is its own date, else its document's publication date
        when = sa.func.coalesce(e.c.date, d.c.published)
        if since:
            # a period overlaps: an event dated "2024-07" is in "since 2024-07-15" ("~" sorts after digits)
            stmt = stmt.where(when + "~" >= since)
        if until:
            # "YYYY-MM" and "YYYY" dates compare below a full date of the same period
            stmt = stmt.where(when <= until + "\uffff" if len(until) < 10 else when <= until)
        if outlet:
            stmt = stmt.where(d.c.outlet.ilike(f"%{outlet}%"))
        if negated is not None:
            stmt = stmt.where(e.c.negated == negated)
        if hypothetical is not None:
            stmt = stmt.where(e.c.hypothetical == hypothetical)
        if doc_id:
            stmt = stmt.where(e.c.doc_id == doc_id)
        return stmt

    # -- export ---------------------------------------------------------------
    def iter_rows(self, table: str, *, chunk: int = 1000) -> Iterator[dict[str, Any]]:
        """Every row of a table as a dict (events joined with document metadata)."""
        if table not in S.EXPORTABLE:
            raise StoreError(f"unknown table {table!r}; choose one of {', '.join(S.EXPORTABLE)}")
        if table == "events":
            stmt = self._events_select().order_by(S.events.c.id)
        else:
            t = S.EXPORTABLE[table]
            cols = [c for c in t.c if c.name not in ("minhash", "raw", "body_norm", "title_norm")]
            order = t.c.seq if table == "documents" else list(t.primary_key.columns)[0]
            stmt = sa.select(*cols).order_by(order)
        with self.engine.connect() as conn:
            res = conn.execution_options(stream_results=True, yield_per=chunk).execute(stmt)
            for r in res.mappings():
                yield _event_row(r) if table == "events" else dict(r)

    def iter_documents(self) -> Iterator[dict[str, Any]]:
        """Every document as a contract object, in arrival order."""
        with self.engine.connect() as conn:
            ids = conn.execute(sa.select(S.documents.c.id).order_by(S.documents.c.seq)).scalars().all()
        for i in ids:
            d = self.get(i)
            if d is not None:
                yield d


def _insert_sql(table: str, cols: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"


# SQLite statements, built once (the driver caches their prepared form by text)
_SQLITE_INSERT = {
    "documents": _insert_sql("documents", DOCUMENT_COLS),
    "mentions": _insert_sql("mentions", MENTION_COLS),
    "events": _insert_sql("events", EVENT_COLS),
    "quotes": _insert_sql("quotes", QUOTE_COLS),
    "cited_sources": _insert_sql("cited_sources", CITED_COLS),
    "documents_fts": _insert_sql("documents_fts", FTS_COLS),
}
# an actor seen again takes the latest name/kind/country/code (one statement instead of SELECT + INSERT/UPDATE)
_SQLITE_UPSERT_ACTORS = _insert_sql("actors", ACTOR_COLS) + " ON CONFLICT (id) DO UPDATE SET " + ", ".join(
    f"{c} = excluded.{c}" for c in ACTOR_COLS[1:])


def _chunks(seq: list, n: int):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def _event_dict(e) -> dict[str, Any]:
    return {
        "source": e["source"], "source_actor": e["source_actor"], "target": e["target"],
        "target_actor": e["target_actor"], "cameo": e["cameo"], "plover": e["plover"], "mode": e["mode"],
        "goldstein": float(e["goldstein"]), "quad_class": int(e["quad_class"]), "date": e["date"],
        "negated": bool(e["negated"]), "hypothetical": bool(e["hypothetical"]), "sentence": e["sentence"],
        "start": e["start_char"], "end": e["end_char"],
    }


def _event_row(r) -> dict[str, Any]:
    out = _event_dict(r)
    out.update({
        "event_id": r["id"], "doc_id": r["doc_id"], "outlet": r["outlet"], "title": r["title"],
        "published": r["published"], "url": r["url"], "coder": r["coder"],
    })
    return out


def _snippet(body: str, terms, width: int = 70) -> str:
    nt = normalize(body)
    hay = nt.text
    pos = -1
    for t in terms:
        pos = hay.find(t.text)
        if pos >= 0:
            s, e = nt.to_original(pos, pos + len(t.text))
            break
    if pos < 0:
        return fold_spaces(body[: 2 * width]) + ("…" if len(body) > 2 * width else "")
    a, b = max(0, s - width), min(len(body), e + width)
    return ("…" if a else "") + fold_spaces(body[a:s]) + " [" + body[s:e] + "] " + fold_spaces(body[e:b]) + ("…" if b < len(body) else "")


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    """Set on every new connection. ``page_size`` only takes effect when the file is created (an
    existing database keeps its own): 16 KiB pages hold a document row (~20 KB: raw, body, normalised
    body) in one or two pages instead of five or six, so a batch writes fewer, fuller pages."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA page_size = 16384")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA temp_store = MEMORY")
    cur.execute("PRAGMA cache_size = -65536")  # up to 64 MiB of pages: a batch's index pages stay in memory
    cur.close()
