"""The real pipeline into a store, then every page over it renders (whatever the coders found)."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import rasd
from rasd.serve import create_app

TEXTS = [
    {"id": "e2e-1", "outlet": "e2e.example", "published": "2024-05-03", "title": "زيارة رسمية",
     "text": "استقبل الرئيس المصري في القاهرة وزير الخارجية الأردني، وبحث الجانبان العلاقات الثنائية.\n"
             "وقال الوزير إن البلدين يتفقان على ضرورة وقف التصعيد في المنطقة."},
    {"id": "e2e-2", "outlet": "e2e.example", "published": "2024-05-04", "title": "عقوبات",
     "text": "أعلن الاتحاد الأوروبي فرض عقوبات جديدة على روسيا، فيما نددت موسكو بالقرار ووصفته بأنه غير قانوني."},
    {"id": "e2e-3", "outlet": "other.example", "published": "2024-05-05",
     "text": "نفت إيران اليوم إرسال أسلحة إلى الحوثيين في اليمن، وقالت الخارجية إن الاتهامات لا أساس لها."},
]


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    store = rasd.open_store(tmp_path_factory.mktemp("e2e") / "e2e.db")
    summary = rasd.analyze_into(TEXTS, store)
    assert summary.documents == 3 and not summary.errors
    yield store
    store.close()


def test_pages_render_over_a_store_written_by_the_pipeline(analysed):
    with TestClient(create_app(analysed)) as c:
        docs = c.get("/api/documents").json()["items"]
        assert len(docs) == 3
        for lang in ("ar", "en"):
            for path in ["/", "/events", "/network", "/documents", "/actors", "/outlets", "/search?q=عقوبات"]:
                r = c.get(path + ("&" if "?" in path else "?") + "lang=" + lang)
                assert r.status_code == 200, (path, r.text[:300])
            for d in docs:
                r = c.get(f"/documents/{d['id']}", params={"lang": lang})
                assert r.status_code == 200
                full = c.get(f"/api/documents/{d['id']}").json()
                first_line = full["body"].split("\n")[0]
                # the body is shown whole (highlights only wrap pieces of it)
                assert all(w in r.text for w in first_line.split()[:4])
        for a in c.get("/api/actors").json()[:5]:
            assert c.get(f"/actors/{a['id']}").status_code == 200
        hits = c.get("/api/search", params={"q": "العقوبات"}).json()["documents"]
        assert [h["title"] for h in hits] == ["عقوبات"]
