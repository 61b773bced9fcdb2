"""Tables and versioned migrations (SQLAlchemy Core; runs on SQLite and PostgreSQL).

Each migration is a function ``(conn, dialect_name) -> None`` applied once, in order; the applied
version is kept in ``rasd_meta`` under ``schema_version``. A migration never edits an earlier one.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

rasd_meta = sa.Table(
    "rasd_meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False, index=True),  # arrival order (earliest copy first)
    sa.Column("input_id", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.String(255), index=True),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String(10), index=True),  # YYYY-MM-DD, sortable as text
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("raw_format", sa.String(16), nullable=False),
    sa.Column("raw", sa.Text, nullable=False),  # the input, verbatim
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("body_norm", sa.Text, nullable=False),  # normalised body, for search
    sa.Column("title_norm", sa.Text),
    sa.Column("removed", sa.JSON, nullable=False),
    sa.Column("appended_to", sa.String(64), index=True),
    sa.Column("duplicate_of", sa.String(64), index=True),
    sa.Column("near_duplicates", sa.JSON, nullable=False),
    sa.Column("cited_sources", sa.JSON, nullable=False),
    sa.Column("content_hash", sa.String(64), index=True),
    sa.Column("minhash", sa.LargeBinary),
    sa.Column("provenance", sa.JSON, nullable=False),
    sa.Column("meta", sa.JSON, nullable=False),
    sa.Column("analyzed_at", sa.String(32), nullable=False),
)

actors = sa.Table(
    "actors", metadata,
    sa.Column("id", sa.String(255), primary_key=True),  # KB key (or canonical name)
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("name_ar", sa.Text),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("country", sa.String(32), index=True),
    sa.Column("code", sa.String(64)),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("actor_id", sa.String(255), sa.ForeignKey("actors.id"), nullable=False, index=True),  # index dropped in v4
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("source", sa.String(64), index=True),  # index dropped in v4 (see REDUNDANT_INDEXES)
    sa.Column("source_actor", sa.Text),
    sa.Column("target", sa.String(64), index=True),  # index dropped in v4 (see REDUNDANT_INDEXES)
    sa.Column("target_actor", sa.Text),
    sa.Column("cameo", sa.String(8), nullable=False, index=True),
    sa.Column("plover", sa.String(32), nullable=False, index=True),  # index dropped in v4 (see REDUNDANT_INDEXES)
    sa.Column("mode", sa.String(64)),
    sa.Column("goldstein", sa.Float, nullable=False),
    sa.Column("quad_class", sa.Integer, nullable=False),
    sa.Column("date", sa.String(10), index=True),
    sa.Column("negated", sa.Boolean, nullable=False),
    sa.Column("hypothetical", sa.Boolean, nullable=False),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Column("coder", sa.String(64)),
    sa.Column("meta", sa.JSON, nullable=False),
)

quotes = sa.Table(
    "quotes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("speaker", sa.Text, index=False),
    sa.Column("speaker_country", sa.String(32)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
)

cited_sources = sa.Table(
    "cited_sources", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
)

# tables that belong to one document and are rewritten when it is re-analysed
CHILD_TABLES = (mentions, events, quotes, cited_sources)
EXPORTABLE = {
    "documents": documents, "actors": actors, "mentions": mentions,
    "events": events, "quotes": quotes, "cited_sources": cited_sources,
}


def _m1_create(conn, dialect: str) -> None:
    """Version 1: every table, plus full-text search over normalised title and body."""
    metadata.create_all(conn, tables=[documents, actors, mentions, events, quotes, cited_sources])
    if dialect == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
            "doc_id UNINDEXED, title, body, stems, tokenize = 'unicode61 remove_diacritics 2')"
        )
    elif dialect == "postgresql":
        conn.exec_driver_sql(
            "CREATE INDEX IF NOT EXISTS documents_body_fts ON documents "
            "USING GIN (to_tsvector('simple', coalesce(title_norm, '') || ' ' || body_norm))"
        )


def _m2_event_filters(conn, dialect: str) -> None:
    """Version 2: composite indexes for the common event filters (actor+date, type+date)."""
    for name, table, cols in (
        ("events_source_date", "events", "source, date"),
        ("events_target_date", "events", "target, date"),
        ("events_plover_date", "events", "plover, date"),
        ("mentions_actor_doc", "mentions", "actor_id, doc_id"),
    ):
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({cols})")


def _m3_actor_indexes(conn, dialect: str) -> None:
    """Version 3: events by actor name and quotes by speaker (actor pages)."""
    for name, table, cols in (("events_source_actor", "events", "source_actor"),
                              ("events_target_actor", "events", "target_actor"),
                              ("quotes_speaker", "quotes", "speaker")):
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({cols})")


# single-column indexes that a composite index of version 2 starts with (same lookups, one index less
# to maintain on every insert)
REDUNDANT_INDEXES = (
    ("ix_events_source", "events_source_date"),
    ("ix_events_target", "events_target_date"),
    ("ix_events_plover", "events_plover_date"),
    ("ix_mentions_actor_id", "mentions_actor_doc"),
)
# FTS5 over the search keys: they hold only ASCII-lower-case letters/digits and Arabic letters
# separated by single spaces (``search.words``), which the byte-level 'ascii' tokenizer splits into
# exactly the tokens 'unicode61 remove_diacritics 2' finds (every non-ASCII byte is part of a token),
# at a fraction of the cost: no UTF-8 decoding, no Unicode category or diacritic table per character.
FTS_TOKENIZER = "ascii"


def _m4_write_path(conn, dialect: str) -> None:
    """Version 4 (faster writes, same results): drop the single-column indexes a composite index
    already covers; on SQLite rebuild ``documents_fts`` with the 'ascii' tokenizer (rows and rowids
    copied as they are; same tokens, so the same matches and bm25 scores)."""
    for name, _covered_by in REDUNDANT_INDEXES:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    if dialect == "sqlite":
        conn.exec_driver_sql("DROP TABLE IF EXISTS documents_fts_v4")
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE documents_fts_v4 USING fts5("
            f"doc_id UNINDEXED, title, body, stems, tokenize = '{FTS_TOKENIZER}')"
        )
        conn.exec_driver_sql(
            "INSERT INTO documents_fts_v4 (rowid, doc_id, title, body, stems) "
            "SELECT rowid, doc_id, title, body, stems FROM documents_fts"
        )
        conn.exec_driver_sql("DROP TABLE documents_fts")
        conn.exec_driver_sql("ALTER TABLE documents_fts_v4 RENAME TO documents_fts")


MIGRATIONS = [
    (1, _m1_create),
    (2, _m2_event_filters),
    (3, _m3_actor_indexes),
    (4, _m4_write_path),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]
