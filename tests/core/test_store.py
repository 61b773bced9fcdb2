"""The embedded store: idempotent writes, migrations, normalised search, queries, exports."""
import json

import pandas as pd
import sqlalchemy as sa

import rasd
from rasd.export import export_table
from rasd.store import Store
from rasd.store.schema import SCHEMA_VERSION

def test_new_store_is_migrated_to_the_latest_schema(db_path, doc_factory, plain_factory):
    st = Store(db_path)
    assert st.schema_version() == SCHEMA_VERSION
    assert Store(db_path).migrate() == SCHEMA_VERSION  # re-opening is a no-op


def test_saving_the_same_document_twice_adds_no_rows(db_path, doc_factory, plain_factory):
    st = Store(db_path)
    st.save(doc_factory())
    first = st.stats()
    st.save(doc_factory())
    assert st.stats() == first
    assert first["documents"] == 1 and first["events"] == 1 and first["mentions"] == 2 and first["quotes"] == 1


def test_get_returns_the_contract_with_annotations(db_path, doc_factory, plain_factory):
    st = Store(db_path)
    st.save(doc_factory())
    d = st.get("d1")
    assert d["events"][0]["plover"] == "REJECT" and d["cited_sources"] == ["TASS"]
    assert {a["name"] for a in d["actors"]} == {"Russia", "Moscow"}
    for a in d["actors"]:
        for m in a["mentions"]:
            assert d["body"][m["start"]:m["end"]] == m["text"]


def test_search_ignores_spelling_variants_diacritics_tatweel_and_clitics(db_path, doc_factory, plain_factory):
    st = Store(db_path)
    st.save(plain_factory("a", "عقدت الامم المتحده اجتماعا طارئا في جنيف."))
    st.save(plain_factory("b", "قال الأمـم المتّحدة في بيان إن المساعدات وصلت."))
    st.save(plain_factory("c", "زار الرئيس الصيني موسكو لبحث التجارة."))
    for q in ("الأمم المتحدة", "الامم المتحده", '"الأمم المتحدة"'):
        assert {h["id"] for h in st.search(q)} == {"a", "b"}, q
    st.save(plain_factory("d", "وجهت وللأمم المتحدة رسالة."))
    assert "d" in {h["id"] for h in st.search("الأمم")}
    assert st.search("طوكيو") == []


def test_actor_summary_counts_documents_and_spellings(db_path, doc_factory, plain_factory):
    st = Store(db_path)
    st.save(doc_factory("a"))
    st.save(doc_factory("b"))
    rows = {r["name"]: r for r in st.actor_summary()}
    assert rows["Russia"]["documents"] == 2
    assert rows["Russia"]["spellings"] == [{"text": "روسيا", "count": 2}]


def test_event_filters_and_cursor_pagination(db_path, doc_factory, plain_factory):
    st = Store(db_path)
    for i in range(5):
        st.save(doc_factory(f"d{i}", outlet="Alpha" if i % 2 else "Beta", published=f"2024-06-1{i}"))
    assert len(st.query_events(actor="RUS")) == 5
    assert len(st.query_events(actor="lavrov")) == 0
    assert len(st.query_events(actor="Russia", type="reject")) == 5
    assert len(st.query_events(type="CONSULT")) == 0
    assert len(st.query_events(outlet="alpha")) == 2
    assert len(st.query_events(since="2024-06-19")) == 0  # all events dated 2024-06-18
    assert len(st.query_events(until="2024-06")) == 5
    page1 = st.query_events(limit=2)
    page2 = st.query_events(limit=2, after=page1[-1]["event_id"])
    assert len(page2) == 2 and page2[0]["event_id"] > page1[-1]["event_id"]


def test_exports_are_readable(db_path, tmp_path, doc_factory, plain_factory):
    st = Store(db_path)
    st.save(doc_factory("a"))
    p, n = export_table(st, table="events", fmt="parquet", output=str(tmp_path / "e.parquet"))
    df = pd.read_parquet(p)
    assert n == 1 and df.loc[0, "plover"] == "REJECT"
    p, n = export_table(st, table="documents", fmt="csv", output=str(tmp_path / "d.csv"))
    assert pd.read_csv(p).loc[0, "id"] == "a"
    p, n = export_table(st, table="documents", fmt="jsonl", output=str(tmp_path / "d.jsonl"))
    obj = json.loads(open(p, encoding="utf-8").readline())
    assert obj["id"] == "a" and obj["events"][0]["source"] == "RUS"


def test_ingest_into_store_is_idempotent_end_to_end(db_path, doc_factory, plain_factory):
    st = rasd.open_store(db_path)
    texts = [{"id": str(i), "text": f"زار وزير الخارجية القطري بيروت رقم {i} لبحث الأزمة."} for i in range(4)]
    s1 = rasd.analyze_into(texts, st)
    s2 = rasd.analyze_into(texts, st)
    assert s1.documents == s2.documents == 4
    assert st.count() == 4
    with st.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM documents_fts").scalar() == 4


def test_date_filters_keep_events_whose_period_overlaps_the_range(db_path, doc_factory):
    st = Store(db_path)
    d = doc_factory("m")
    d.events[0].date = "2024-07"
    st.save(d)
    assert len(st.query_events(since="2024-07-15")) == 1
    assert len(st.query_events(until="2024-07-01")) == 1
    assert len(st.query_events(since="2024-07-01", until="2024-07-31")) == 1
    assert st.query_events(since="2024-08-01") == []
    assert st.query_events(until="2024-06-30") == []


def test_latest_events_come_newest_first(db_path, doc_factory):
    st = Store(db_path)
    for i, day in enumerate(("2024-06-10", "2024-06-12", "2024-06-11")):
        d = doc_factory(f"l{i}")
        d.events[0].date = day
        st.save(d)
    assert [e["date"] for e in st.query_events(latest=True)] == ["2024-06-12", "2024-06-11", "2024-06-10"]
