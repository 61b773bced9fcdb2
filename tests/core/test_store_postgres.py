"""The same store on PostgreSQL: migrations, idempotent writes, search, queries, exports."""
import rasd
from rasd.export import export_table
from rasd.store import Store


def test_store_runs_on_postgresql(pg_url, tmp_path, doc_factory, plain_factory):
    st = Store(pg_url)
    st.save(doc_factory("d1"))
    st.save(doc_factory("d1"))
    st.save(doc_factory("d2", outlet="Alpha"))
    assert st.stats()["documents"] == 2 and st.stats()["events"] == 2
    assert st.get("d1")["events"][0]["plover"] == "REJECT"
    assert len(st.query_events(actor="RUS", outlet="alpha")) == 1
    st.save(plain_factory("s1", "عقدت الامم المتحده اجتماعا طارئا."))
    st.save(plain_factory("s2", "قال الأمـم المتّحدة في بيان."))
    st.save(plain_factory("s3", "زار الرئيس الصيني موسكو."))
    assert {h["id"] for h in st.search("الأمم المتحدة")} == {"d1", "d2", "s1", "s2"}
    assert {h["id"] for h in st.search("المتحدة الأمم")} == {"d1", "d2", "s1", "s2"}
    assert st.search("طوكيو") == []
    rows = {r["name"]: r for r in st.actor_summary()}
    assert rows["Russia"]["documents"] == 2
    s = rasd.analyze_into([{"id": "x", "text": "زار وزير الخارجية القطري بيروت لبحث الأزمة السياسية."}], st)
    assert s.documents == 1 and not s.errors
    _, n = export_table(st, table="events", fmt="csv", output=str(tmp_path / "e.csv"))
    assert n == st.count("events") >= 2
