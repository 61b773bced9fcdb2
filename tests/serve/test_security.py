"""Untrusted article text is inert everywhere; ingest needs the token; CORS closed; loopback default."""
from __future__ import annotations

import inspect
import json
import re

import pytest
from fastapi.testclient import TestClient

from rasd.serve import create_app
from rasd.store import Store

# the payloads planted in the test store by conftest.py (checked by test_payloads_match_the_store)
XSS_SCRIPT = '<script>window.__xss=1</script>'
XSS_IMG = '<img src=x onerror="window.__xss=2">'


def test_payloads_match_the_store(docs):
    assert XSS_SCRIPT in docs["xss"].body and XSS_IMG in docs["xss"].body

PAGES = ["/", "/events", "/events?actor=evil", "/network", "/documents", "/documents/" + "d4" * 8, "/actors",
         "/actors/org:evil", "/outlets", "/search?q=%D8%AE%D8%A8%D9%8A%D8%AB", "/search?q=" + XSS_SCRIPT]


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_script_and_onerror_payloads_are_escaped_on_every_page(client, path, lang):
    r = client.get(path, params={"lang": lang})
    assert r.status_code == 200, r.text
    html = r.text
    assert XSS_SCRIPT not in html and "<script>window.__xss" not in html
    assert "<img src=x" not in html and "onerror=\"window" not in html
    assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", html, re.I)
    # our own scripts only: every <script> tag is ours
    for chunk in html.split("<script")[1:]:
        head = chunk.split(">", 1)[0]
        assert 'src="/static/' in head or 'type="application/json"' in head, head


def test_payloads_show_as_text_in_the_reader(client):
    html = client.get("/documents/" + "d4" * 8).text
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    assert 'href="javascript' not in html  # an untrusted non-http URL is shown, not linked


def test_json_for_charts_cannot_close_its_script_element(client):
    html = client.get("/network", params={"lang": "en"}).text
    data = html.split('<script type="application/json" id="chart-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data  # tojson escapes < > & as \u003c …
    labels = [n["label"] for n in json.loads(data)["nodes"]]
    assert "Evil Corp " + XSS_SCRIPT in labels


def test_security_headers_and_content_security_policy(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src", 1)[1].split(";")[0]
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"


def test_cors_is_closed(client):
    r = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    pre = client.options("/api/events", headers={"Origin": "https://evil.example",
                                                  "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers and pre.status_code in (405, 404)


def test_filters_are_parameters_not_sql(client):
    assert client.get("/api/events", params={"actor": "x' OR '1'='1"}).json()["items"] == []
    assert client.get("/api/events", params={"outlet": "%' --"}).json()["items"] == []
    assert client.get("/api/actors", params={"q": "'; DROP TABLE events; --"}).json() == []
    assert client.get("/api/search", params={"q": '" OR * NEAR( )'}).status_code == 200
    assert client.get("/api/stats").json()["events"] == 6


def test_server_binds_to_loopback_by_default():
    from rasd.serve import app as app_mod, run

    assert inspect.signature(run).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(app_mod.run).parameters["host"].default == "127.0.0.1"


# -- ingest -----------------------------------------------------------------------
LINE = {"text": "استقبل وزير الخارجية نظيره في العاصمة لبحث التعاون. " + XSS_SCRIPT + " " + XSS_IMG,
        "title": "زيارة " + XSS_SCRIPT, "outlet": "ingest.example", "published": "2024-08-01",
        "url": "javascript:alert(1)", "id": "ingest-1"}


@pytest.fixture
def fresh(tmp_path):
    st = Store(tmp_path / "ingest.db")
    yield st
    st.close()


def test_ingest_is_off_without_a_configured_token(fresh):
    with TestClient(create_app(fresh)) as c:
        for headers in ({}, {"Authorization": "Bearer anything"}, {"X-Rasd-Token": ""}):
            r = c.post("/api/ingest", content=json.dumps(LINE, ensure_ascii=False).encode(), headers=headers)
            assert r.status_code == 403, headers
    assert fresh.count() == 0


def test_ingest_refuses_a_missing_or_wrong_token(fresh):
    with TestClient(create_app(fresh, token="s3cret-token")) as c:
        body = json.dumps(LINE, ensure_ascii=False).encode()
        assert c.post("/api/ingest", content=body).status_code == 401
        assert c.post("/api/ingest", content=body, headers={"Authorization": "Bearer s3cret-tokeN"}).status_code == 401
        assert c.post("/api/ingest", content=body, headers={"X-Rasd-Token": "s3cret"}).status_code == 401
    assert fresh.count() == 0


def test_ingest_compares_the_token_in_constant_time(fresh, monkeypatch):
    import rasd.serve.api as api_mod

    calls = []
    real = api_mod.hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(api_mod.hmac, "compare_digest", spy)
    with TestClient(create_app(fresh, token="tok")) as c:
        c.post("/api/ingest", content=b'{"text": "x"}', headers={"X-Rasd-Token": "bad"})
    assert calls == [(b"bad", b"tok")]


def test_ingest_with_the_token_stores_jsonl_and_the_payload_stays_inert(fresh):
    lines = [json.dumps(LINE, ensure_ascii=False), "not json",
             json.dumps({"text": "أعلنت الحكومة خطة جديدة للنقل العام في المدن الكبرى.", "outlet": "ingest.example"},
                        ensure_ascii=False)]
    with TestClient(create_app(fresh, token="s3cret-token")) as c:
        r = c.post("/api/ingest", content="\n".join(lines).encode("utf-8"),
                   headers={"Authorization": "Bearer s3cret-token", "Content-Type": "application/x-ndjson"})
        assert r.status_code == 200, r.text
        out = r.json()
        assert out["documents"] == 2 and len(out["errors"]) == 1 and "malformed JSON" in out["errors"][0]
        assert c.get("/api/stats").json()["documents"] == 2  # the app sees its own write at once
        doc_id = out["ids"][0]
        html = c.get(f"/documents/{doc_id}").text
        assert "زيارة &lt;script&gt;" in html and XSS_SCRIPT not in html and "<img src=x" not in html
        assert 'href="javascript' not in html
        found = c.get("/api/search", params={"q": "وزير الخارجية"}).json()["documents"]
        assert [d["id"] for d in found] == [doc_id]


def test_ingest_limits_the_request_size(fresh):
    big = json.dumps({"text": "كلمة " * 400}, ensure_ascii=False).encode()
    with TestClient(create_app(fresh, token="t", max_ingest_bytes=1000)) as c:
        r = c.post("/api/ingest", content=big, headers={"X-Rasd-Token": "t"})
        assert r.status_code == 413
        # no Content-Length (chunked upload): stopped while reading
        r = c.post("/api/ingest", content=iter([big[:600], big[600:]]), headers={"X-Rasd-Token": "t"})
        assert r.status_code == 413
        assert c.post("/api/ingest", content=b"", headers={"X-Rasd-Token": "t"}).status_code == 400
        assert c.post("/api/ingest", content=b"\xff\xfe\x00", headers={"X-Rasd-Token": "t"}).status_code == 400
    assert fresh.count() == 0
