"""Every API endpoint and filter, on the hand-made store (with the event index and on plain SQL)."""
from __future__ import annotations

import csv
import io
import json

import pytest


def ids_of(resp) -> list[int]:
    assert resp.status_code == 200, resp.text
    return [e["event_id"] for e in resp.json()["items"]]


def events(client, **params) -> list[dict]:
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_openapi_is_published_and_lists_every_endpoint(client):
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/actors", "/api/actors/{actor_id}", "/api/events",
                 "/api/search", "/api/timeline", "/api/network", "/api/outlets", "/api/ingest", "/api/stats"):
        assert path in spec["paths"], path
    # no Swagger UI: it would load its scripts from a CDN on an offline machine
    assert client.get("/docs").status_code == 404


def test_health(client):
    assert client.get("/api/health").json() == {"status": "ok"}


def test_stats_and_overview_count_the_store(client):
    s = client.get("/api/stats").json()
    assert s["documents"] == 4 and s["events"] == 6 and s["duplicates"] == 1 and s["quotes"] == 2
    ov = client.get("/api/overview").json()
    assert ov["counts"] == s
    # latest first: the event of 15 July, then 2 July's sanctions (1 July)...
    assert ov["latest_events"][0]["date"] == "2024-07-15"
    top = [a["name"] for a in ov["top_actors"]]
    assert top[0] in ("Abdel Fattah el-Sisi", "Russia")  # both are in two documents


def test_documents_list_filters_and_cursor(client):
    page = client.get("/api/documents", params={"limit": 3}).json()
    assert len(page["items"]) == 3 and page["next"] is not None
    rest = client.get("/api/documents", params={"limit": 3, "after": page["next"]}).json()
    assert rest["next"] is None
    seen = [d["id"] for d in page["items"] + rest["items"]]
    assert len(seen) == len(set(seen)) == 4
    by_outlet = client.get("/api/documents", params={"outlet": "wire.example.org"}).json()["items"]
    assert [d["title"] for d in by_outlet] == ["عقوبات أمريكية جديدة على روسيا"]
    assert by_outlet[0]["events"] == 3
    july = client.get("/api/documents", params={"since": "2024-07-01"}).json()["items"]
    assert {d["published"] for d in july} == {"2024-07-02", "2024-07-15"}
    assert [d["id"] for d in client.get("/api/documents", params={"duplicates": True}).json()["items"]] == ["c3" * 8]
    assert len(client.get("/api/documents", params={"language": "ar"}).json()["items"]) == 4
    assert client.get("/api/documents", params={"language": "en"}).json()["items"] == []
    assert len(client.get("/api/documents", params={"until": "2024-06-30"}).json()["items"]) == 2
    mentioning = client.get("/api/documents", params={"actor_id": "person:abdullah2"}).json()["items"]
    assert [d["id"] for d in mentioning] == ["a1" * 8]


def test_one_document_carries_annotations_with_offsets_and_its_duplicate_group(client, docs):
    d = client.get("/api/documents/" + "a1" * 8).json()
    assert d["title"] == docs["visit"].title
    for a in d["actors"]:
        for m in a["mentions"]:
            assert d["body"][m["start"]:m["end"]] == m["text"]
    for e in d["events"]:
        assert d["body"][e["start"]:e["end"]] == e["sentence"]
    assert [g["id"] for g in d["duplicate_group"]] == ["c3" * 8]
    assert d["duplicate_group"][0]["relation"] == "duplicate"
    dup = client.get("/api/documents/" + "c3" * 8).json()
    assert dup["duplicate_group"][0]["relation"] == "original"
    assert client.get("/api/documents/ffffffffffffffff").status_code == 404


def test_actor_list_and_search_by_arabic_or_english_name(client):
    names = {a["name"] for a in client.get("/api/actors").json()}
    assert {"Iran", "Russia", "Abdullah II"} <= names
    assert [a["name"] for a in client.get("/api/actors", params={"q": "روسيا"}).json()] == ["Russia"]
    assert [a["name"] for a in client.get("/api/actors", params={"q": "abdullah"}).json()] == ["Abdullah II"]
    persons = client.get("/api/actors", params={"kind": "person"}).json()
    assert {a["kind"] for a in persons} == {"person"}


def test_actor_detail_has_events_counterparts_quotes_and_spellings(client):
    d = client.get("/api/actors/person:sisi").json()
    assert d["actor"]["name_ar"] == "عبد الفتاح السيسي"
    assert d["events"]["as_source"] == 1 and d["events"]["as_target"] == 0
    assert [c["name"] for c in d["counterparts"]] == ["Abdullah II"]
    assert d["counterparts"][0]["cooperation"] == 1 and d["counterparts"][0]["conflict"] == 0
    assert [q["text"] for q in d["quotes"]] == ["العلاقات بين البلدين راسخة ولن تتأثر بالأزمات"]
    assert {s["text"] for s in d["spellings"]} >= {"عبد الفتاح السيسي", "السيسي"}
    assert d["documents"] == 2
    ru = client.get("/api/actors/country:RUS").json()
    assert ru["events"]["as_source"] == 1 and ru["events"]["as_target"] == 3
    # the hypothetical talks do not make a counterpart relation: USA is conflict only
    usa = next(c for c in ru["counterparts"] if c["name"] == "United States")
    assert (usa["cooperation"], usa["conflict"]) == (0, 2)
    assert client.get("/api/actors/nobody:here").status_code == 404


@pytest.mark.parametrize("params,expected", [
    ({}, 6),
    ({"actor": "IRN"}, 1),
    ({"actor": "sisi"}, 1),
    ({"actor_id": "country:RUS"}, 4),
    ({"country": "rus"}, 4),
    ({"type": "consult"}, 2),
    ({"cameo": "16"}, 1),
    ({"cameo": "163"}, 1),
    ({"quad": 4}, 2),
    ({"since": "2024-07-01"}, 4),  # the undated event takes its document's date; "2024-07" overlaps 07-01 on
    ({"until": "2024-06-30"}, 2),
    ({"since": "2024-07", "until": "2024-07"}, 4),  # a month covers its days
    ({"outlet": "wire"}, 3),
    ({"negated": True}, 1),
    ({"negated": False}, 5),
    ({"hypothetical": True}, 1),
    ({"doc_id": "b2" * 8}, 3),
    ({"country": "USA", "quad": 4}, 1),
])
def test_event_filters(client, params, expected):
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["items"]) == expected
    assert body["total"] == expected


def test_event_filters_reject_malformed_values(client):
    for bad in ({"since": "yesterday"}, {"quad": 7}, {"cameo": "1; DROP"}, {"country": "E G"}, {"limit": 0},
                {"format": "xml"}):
        assert client.get("/api/events", params=bad).status_code == 422, bad


def test_event_cursor_walks_every_event_once(client):
    seen, after = [], None
    while True:
        params = {"limit": 2} | ({"after": after} if after is not None else {})
        page = client.get("/api/events", params=params).json()
        seen += [e["event_id"] for e in page["items"]]
        after = page["next"]
        if after is None:
            break
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 6


def test_event_rows_carry_document_metadata_and_sentence_offsets(client, docs):
    (e,) = events(client, type="SANCTION")
    assert e["outlet"] == "wire.example.org" and e["title"] == docs["sanctions"].title
    assert e["source_actor"] == "United States" and e["target"] == "RUS" and e["quad_class"] == 4
    assert docs["sanctions"].body[e["start"]:e["end"]] == e["sentence"]


def test_events_download_csv_and_jsonl_of_a_filter(client):
    r = client.get("/api/events", params={"country": "RUS", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 4 and {row["target"] for row in rows} >= {"RUS"}
    # a negative Goldstein score stays a number; untrusted text starting with a formula sign would be quoted
    assert any(row["goldstein"] == "-8.0" for row in rows)
    r = client.get("/api/events", params={"negated": "true", "format": "jsonl"})
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert [x["plover"] for x in lines] == ["ASSAULT"]


def test_csv_cells_that_look_like_formulas_are_neutralised():
    from rasd.serve.api import _csv_cell

    assert _csv_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert _csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert _csv_cell("نص عادي") == "نص عادي"
    assert _csv_cell(-8.0) == -8.0


def test_search_is_normalised(client):
    # no hamza, ta marbuta as ha, a proclitic: still the sanctions article
    r = client.get("/api/search", params={"q": "العقوبات الامريكيه"}).json()
    assert [d["id"] for d in r["documents"]] == ["b2" * 8]
    r = client.get("/api/search", params={"q": "روسيا"}).json()
    assert {d["id"] for d in r["documents"]} == {"b2" * 8, "d4" * 8}
    assert [a["name"] for a in r["actors"]] == ["Russia"]
    assert client.get("/api/search", params={"q": ""}).status_code == 422


def test_timeline_by_quad_and_plover_over_intervals(client):
    t = client.get("/api/timeline", params={"interval": "day", "by": "quad"}).json()
    assert t["total"] == 6 and t["imprecise"] == 1 and t["undated"] == 0  # "2024-07" is not a day
    assert t["buckets"] == ["2024-06-19", "2024-07-01", "2024-07-02", "2024-07-15"]
    assert t["series"]["4"] == [1, 1, 0, 0] and t["series"]["1"] == [1, 0, 1, 1]
    w = client.get("/api/timeline", params={"interval": "week"}).json()
    assert w["buckets"] == ["2024-06-17", "2024-07-01", "2024-07-15"]  # Mondays
    m = client.get("/api/timeline", params={"interval": "month", "by": "plover"}).json()
    assert m["buckets"] == ["2024-06", "2024-07"] and m["imprecise"] == 0
    assert m["series"]["CONSULT"] == [1, 1] and m["series"]["THREATEN"] == [0, 1]
    f = client.get("/api/timeline", params={"interval": "month", "country": "IRN"}).json()
    assert f["series"] == {"4": [1]}


def test_network_weights_cooperation_and_conflict_and_skips_uncertain_events(client):
    n = client.get("/api/network").json()
    pairs = {(e["source"], e["target"]): e for e in n["edges"]}
    assert pairs[("United States", "Russia")]["conflict"] == 1
    assert pairs[("United States", "Russia")]["cooperation"] == 0  # the hypothetical talks are left out
    assert pairs[("Russia", "United States")]["conflict"] == 1
    assert pairs[("Abdel Fattah el-Sisi", "Abdullah II")]["cooperation"] == 1
    assert ("Iran", "Yemen") not in pairs  # negated
    nodes = {x["id"]: x for x in n["nodes"]}
    assert nodes["Russia"]["actor_id"] == "country:RUS" and nodes["Russia"]["name_ar"] == "روسيا"
    full = client.get("/api/network", params={"include_uncertain": True}).json()
    pairs = {(e["source"], e["target"]): e for e in full["edges"]}
    assert pairs[("United States", "Russia")]["cooperation"] == 1 and ("Iran", "Yemen") in pairs
    only = client.get("/api/network", params={"country": "JOR"}).json()
    assert [(e["source"], e["target"]) for e in only["edges"]] == [("Abdel Fattah el-Sisi", "Abdullah II")]
    assert client.get("/api/network", params={"min_count": 2}).json()["edges"] == []


def test_outlets_count_documents_events_and_cited_sources(client):
    o = client.get("/api/outlets").json()
    rows = {r["outlet"]: r for r in o["outlets"]}
    assert rows["wire.example.org"]["documents"] == 1 and rows["wire.example.org"]["events"] == 3
    assert rows["copy.example"]["duplicates"] == 1
    cited = {c["name"]: c["documents"] for c in o["cited_sources"]}
    assert cited == {"وكالة أنباء الشرق الأوسط": 2, "رويترز": 1}
