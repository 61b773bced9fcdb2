"""The fast write path of ``Store.save_many`` writes exactly the rows of the plain definitions, and
schema v4 (redundant indexes dropped, 'ascii' FTS tokenizer) keeps every query and search result."""
from __future__ import annotations

import json
import uuid

import pytest
import sqlalchemy as sa
from hypothesis import given, settings, strategies as st

from rasd.document import NearDuplicate
from rasd.normalize import fold_spaces, normalize_text
from rasd.store import Store
from rasd.store import schema as S
from rasd.store.rows import BatchRows, DOCUMENT_COLS, EVENT_COLS
from rasd.store.search import search_key, stems_key

from store_helpers import core

BODY2 = ("وأعلنت وزارة الخارجيّة الفرنسيّة في بيان أن باريس ستستضيف مؤتمراً للمانحين، "
         "وقال المتحدث باسم الأمم المتحدة إن «الوضع الإنساني خطير».\nوللسودان حصة كبيرة من المساعدات.")


def _reference_document_row(doc, seq, now):
    """The documents row as the original writer defined it (before the fast path)."""
    dd = doc.meta.get("dedup") or {}

    def jsonable(v):
        try:
            json.dumps(v)
            return True
        except (TypeError, ValueError):
            return False

    meta = {k: v for k, v in doc.meta.items() if k not in ("dedup", "appended") and jsonable(v)}
    return (doc.id, seq, doc.input_id, doc.source, doc.url, doc.outlet, doc.title,
            doc.published.isoformat() if doc.published else None, doc.language, doc.raw_format, doc.raw,
            doc.body, fold_spaces(normalize_text(doc.body)),
            fold_spaces(normalize_text(doc.title)) if doc.title else None,
            json.dumps(list(doc.removed)), doc.appended_to, doc.duplicate_of,
            json.dumps([n.to_dict() for n in doc.near_duplicates]), json.dumps(list(doc.cited_sources)),
            dd.get("content_hash"), dd.get("minhash"), json.dumps(dict(doc.provenance)), json.dumps(meta), now)


def _docs():
    a = core.make_doc("a1")
    a.title = "روسيا ترفضُ العقوبات — Reuters"
    a.meta.update({"languages": {"ar": 0.9, "en": 0.1}, "not_json": object(), "appended": [object()],
                   "dedup": {"content_hash": "ab" * 16, "minhash": b"\x00\x01"}})
    a.removed = ["اقرأ أيضا: خبر آخر"]
    a.near_duplicates = [NearDuplicate("zz", 0.91234)]
    a.events[0].meta = {"trigger": "ترفض", "coder": "events.code.v3", "span": object()}
    a.provenance = {"clean.v1": "1", "events.code.v3": "2"}
    b = core.plain_doc("b2", BODY2)  # no title, no annotations
    c = core.plain_doc("c3", BODY2 + " ﻻ")  # a presentation-form ligature: the slow normalisation path
    c.title = ""
    return [a, b, c]


@pytest.mark.parametrize("cached", [False, True], ids=["fresh", "pipeline-cached-normalisation"])
def test_batch_rows_equal_the_plain_definitions(cached):
    docs = _docs()
    if cached:
        for d in docs:
            d.normalized()
    seqs = {d.id: i + 1 for i, d in enumerate(docs)}
    rows = BatchRows(docs, seqs, "T", json_text=True, with_fts=True)
    assert rows.documents == [_reference_document_row(d, seqs[d.id], "T") for d in docs]
    assert rows.fts == [(d.id, search_key(d.title or ""), search_key(d.body),
                         stems_key((d.title or "") + "\n" + d.body)) for d in docs]
    ev = dict(zip(EVENT_COLS, rows.events[0]))
    assert json.loads(ev["meta"]) == {"trigger": "ترفض", "coder": "events.code.v3"}  # non-JSON value left out
    assert "ترفض" in ev["meta"]  # events.meta is written as UTF-8, not \\u escapes
    assert ev["coder"] == "events.code.v3" and ev["negated"] is False and isinstance(ev["goldstein"], float)
    assert [m[:2] for m in rows.mentions] == [("a1", "Russia"), ("a1", "Moscow")]
    assert rows.cited == [("a1", "TASS")]
    # the Core path (PostgreSQL) gets Python objects for the JSON columns, filtered the same way
    core_rows = BatchRows(docs, seqs, "T", json_text=False, with_fts=False)
    d0 = dict(zip(DOCUMENT_COLS, core_rows.documents[0]))
    assert d0["meta"] == json.loads(dict(zip(DOCUMENT_COLS, rows.documents[0]))["meta"])
    assert d0["removed"] == ["اقرأ أيضا: خبر آخر"] and core_rows.fts == []


_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئةى") + list("ًٌٍَُِّْـ") + list("abcXYZéüñ019٣۴")
    + list(" \n\t.,،؛؟!\"'«»()-—") + ["\u200f", "\ufefb", "ٱ", "ک", "ی"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, min_size=0, max_size=60), min_size=1, max_size=4))
def test_ascii_tokenizer_splits_search_keys_into_the_unicode61_tokens(texts):
    """The v4 tokenizer sees the same tokens at the same positions in every search key."""
    import sqlite3

    con = sqlite3.connect(":memory:")
    vocab = {}
    for name, tok in (("old", "unicode61 remove_diacritics 2"), ("new", S.FTS_TOKENIZER)):
        con.execute(f"CREATE VIRTUAL TABLE {name} USING fts5(doc_id UNINDEXED, title, body, stems, tokenize = '{tok}')")
        con.execute(f"CREATE VIRTUAL TABLE {name}_v USING fts5vocab({name}, instance)")
        con.executemany(f"INSERT INTO {name} (doc_id, title, body, stems) VALUES (?, ?, ?, ?)",
                        [(str(i), search_key(t[:20]), search_key(t), stems_key(t)) for i, t in enumerate(texts)])
        vocab[name] = con.execute(f"SELECT term, doc, col, offset FROM {name}_v ORDER BY 1, 2, 3, 4").fetchall()
    assert vocab["new"] == vocab["old"]


def _search_all(st_, queries):
    return {q: [(h["id"], round(h["score"], 9), h["snippet"]) for h in st_.search(q)] for q in queries}


QUERIES = ["روسيا", "لروسيا", "الأمم المتحدة", '"الأمم المتحدة"', "السودان", "reuters", "باريس مؤتمر", "طوكيو"]


def _v3_store(url, monkeypatch) -> None:
    """A database at schema v3, written as v3 wrote it (the migrations up to 3 only)."""
    with monkeypatch.context() as m:
        m.setattr(S, "MIGRATIONS", S.MIGRATIONS[:3])
        m.setattr(S, "SCHEMA_VERSION", 3)
        st_ = Store(url)
        assert st_.schema_version() == 3
        for d in _docs():
            st_.save(d)
        st_.close()


def test_a_v3_sqlite_database_opens_migrated_to_v4_with_the_same_results(tmp_path, monkeypatch):
    url = str(tmp_path / "v3.db")
    _v3_store(url, monkeypatch)
    with monkeypatch.context() as m:  # what v3 answered
        m.setattr(S, "MIGRATIONS", S.MIGRATIONS[:3])
        old = Store(url)
        before = (_search_all(old, QUERIES), old.stats(), old.query_events(country="RUS"), old.get("a1"))
        old.close()
    st_ = Store(url)
    assert st_.schema_version() == S.SCHEMA_VERSION == 4
    assert (_search_all(st_, QUERIES), st_.stats(), st_.query_events(country="RUS"), st_.get("a1")) == before
    assert before[0]["لروسيا"] and before[0]['"الأمم المتحدة"']  # the comparison is not vacuous
    with st_.engine.connect() as conn:
        sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'documents_fts'").scalar()
        names = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'").scalars())
    assert "tokenize = 'ascii'" in sql
    for dropped, covering in S.REDUNDANT_INDEXES:
        assert dropped not in names and covering in names
    for d in _docs():  # writing into the migrated database stays idempotent
        st_.save(d)
    assert st_.stats() == before[1]


def test_filters_on_a_dropped_index_column_use_its_composite_index(tmp_path):
    st_ = Store(tmp_path / "x.db")
    st_.save(core.make_doc("d1"))
    with st_.engine.connect() as conn:
        for col, idx in (("source", "events_source_date"), ("target", "events_target_date"),
                         ("plover", "events_plover_date")):
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN SELECT id FROM events WHERE {col} = 'RUS'"))
            assert idx in plan, plan
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM mentions WHERE actor_id = 'Russia'"))
        assert "mentions_actor_doc" in plan


def test_resaving_a_changed_document_replaces_its_rows_and_search_entry(tmp_path):
    st_ = Store(tmp_path / "x.db")
    st_.save_many([core.make_doc("d1"), core.plain_doc("p1", BODY2)])
    seq = {r["id"]: r["seq"] for r in st_.iter_rows("documents")}
    changed = core.plain_doc("p1", "زار الرئيس الصيني موسكو أمس.")
    st_.save_many([changed, core.make_doc("d2")])
    assert {h["id"] for h in st_.search("موسكو")} == {"d1", "d2", "p1"}
    assert st_.search("السودان") == []  # the old text of p1 is gone from the index
    rows = {r["id"]: r["seq"] for r in st_.iter_rows("documents")}
    assert rows["p1"] == seq["p1"] and rows["d2"] > max(seq.values())  # arrival order kept
    with st_.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM documents_fts").scalar() == 3


def test_a_repeated_id_in_one_batch_keeps_the_last_version(tmp_path):
    st_ = Store(tmp_path / "x.db")
    first, last = core.plain_doc("p1", BODY2), core.plain_doc("p1", "زار الرئيس الصيني موسكو أمس.")
    assert st_.save_many([first, last]) == 1
    assert st_.get("p1")["body"] == last.body and st_.count() == 1


def _fresh_pg_database(server_url: str) -> str:
    name = "rasd_" + uuid.uuid4().hex[:10]
    eng = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    eng.dispose()
    return server_url.rsplit("/", 1)[0] + "/" + name


def test_a_v3_postgresql_database_migrates_to_v4_with_the_same_results(pg_server_url, monkeypatch):
    url = _fresh_pg_database(pg_server_url)
    _v3_store(url, monkeypatch)
    with monkeypatch.context() as m:
        m.setattr(S, "MIGRATIONS", S.MIGRATIONS[:3])
        old = Store(url)
        before = (_search_all(old, QUERIES), old.stats(), old.query_events(country="RUS"), old.get("a1"))
        old.close()
    st_ = Store(url)
    assert st_.schema_version() == 4
    assert (_search_all(st_, QUERIES), st_.stats(), st_.query_events(country="RUS"), st_.get("a1")) == before
    with st_.engine.connect() as conn:
        names = set(conn.exec_driver_sql("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'").scalars())
    for dropped, covering in S.REDUNDANT_INDEXES:
        assert dropped not in names and covering in names
    for d in _docs():
        st_.save(d)
    assert st_.stats() == before[1]
    st_.close()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.one_of(_ALPHABET, st.characters()), min_size=0, max_size=700))
def test_fast_word_split_equals_the_word_regex(text):
    from rasd.store.search import _WORD, split_words

    for t in (text, text * 3):  # short texts take the regex, long ones the lookup table
        assert split_words(t) == _WORD.findall(t)
