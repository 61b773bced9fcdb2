"""A small store of hand-made, annotated documents (our own Arabic sentences), independent of the
coders: every actor, event and quote is placed by hand with offsets into the body."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rasd.document import Actor, Document, Event, NearDuplicate, Quote, Span
from rasd.store import Store

XSS_SCRIPT = '<script>window.__xss=1</script>'
XSS_IMG = '<img src=x onerror="window.__xss=2">'

ACTORS = {
    "sisi": dict(key="person:sisi", name="Abdel Fattah el-Sisi", name_ar="عبد الفتاح السيسي", kind="person", country="EGY", code="EGYGOV"),
    "abdullah": dict(key="person:abdullah2", name="Abdullah II", name_ar="عبد الله الثاني", kind="person", country="JOR", code="JORGOV"),
    "iran": dict(key="country:IRN", name="Iran", name_ar="إيران", kind="country", country="IRN", code="IRN"),
    "yemen": dict(key="country:YEM", name="Yemen", name_ar="اليمن", kind="country", country="YEM", code="YEM"),
    "usa": dict(key="country:USA", name="United States", name_ar="الولايات المتحدة", kind="country", country="USA", code="USA"),
    "russia": dict(key="country:RUS", name="Russia", name_ar="روسيا", kind="country", country="RUS", code="RUS"),
    "evil": dict(key="org:evil", name="Evil Corp " + XSS_SCRIPT, name_ar="شركة " + XSS_IMG, kind="organization", country=None, code=None),
}


def _actor(key: str, body: str, *forms: str) -> Actor:
    spec = dict(ACTORS[key])
    a = Actor(name=spec["name"], kind=spec["kind"], name_ar=spec["name_ar"], country=spec["country"],
              code=spec["code"], key=spec["key"])
    for form in forms:
        start = 0
        while True:
            i = body.find(form, start)
            if i < 0:
                break
            a.mentions.append(Span(i, i + len(form), form))
            start = i + len(form)
    assert a.mentions, (key, forms)
    return a


def _sentence(body: str, fragment: str) -> tuple[int, int, str]:
    s = body.index(fragment)
    return s, s + len(fragment), fragment


def _event(body, fragment, src, tgt, cameo, plover, quad, goldstein, **kw) -> Event:
    s, e, text = _sentence(body, fragment)
    a, b = ACTORS[src], ACTORS[tgt]
    return Event(cameo=cameo, plover=plover, goldstein=goldstein, quad_class=quad, sentence=text, start=s, end=e,
                 source=a["country"], source_actor=a["name"], target=b["country"], target_actor=b["name"], **kw)


def build_docs() -> dict[str, Document]:
    docs: dict[str, Document] = {}

    # 1. a visit (cooperation), a quote, and a denied (negated) attack
    body = ("التقى الرئيس المصري عبد الفتاح السيسي العاهل الأردني الملك عبد الله الثاني في القاهرة يوم الأربعاء.\n"
            "وقال السيسي إن «العلاقات بين البلدين راسخة ولن تتأثر بالأزمات».\n"
            "ونفت إيران إرسال صواريخ إلى اليمن.")
    d = Document(id="a1" * 8, raw=body, body=body, outlet="akhbar.example", title="السيسي يستقبل ملك الأردن",
                 published=dt.date(2024, 6, 19), language="ar", url="https://akhbar.example/news/1",
                 removed=["اقرأ أيضا: أخبار الطقس", "تابعونا على وسائل التواصل"], cited_sources=["وكالة أنباء الشرق الأوسط"])
    d.actors = [_actor("sisi", body, "عبد الفتاح السيسي", "وقال السيسي"[5:]), _actor("abdullah", body, "عبد الله الثاني"),
                _actor("iran", body, "إيران"), _actor("yemen", body, "اليمن")]
    d.events = [
        _event(body, body.split("\n")[0], "sisi", "abdullah", "040", "CONSULT", 1, 1.0, date="2024-06-19"),
        _event(body, "ونفت إيران إرسال صواريخ إلى اليمن.", "iran", "yemen", "190", "ASSAULT", 4, -10.0, date="2024-06-19", negated=True),
    ]
    qs, qe, qt = _sentence(body, "العلاقات بين البلدين راسخة ولن تتأثر بالأزمات")
    d.quotes = [Quote(text=qt, start=qs, end=qe, speaker="Abdel Fattah el-Sisi", speaker_country="EGY")]
    docs["visit"] = d

    # 2. sanctions (material conflict), a threat (verbal conflict), talks that may happen (hypothetical)
    body = ("فرضت الولايات المتحدة عقوبات جديدة على روسيا بسبب الحرب.\n"
            "وهددت روسيا بالرد على العقوبات الأمريكية.\n"
            "وقد تبحث الولايات المتحدة وروسيا استئناف الحوار الشهر المقبل.")
    d = Document(id="b2" * 8, raw=body, body=body, outlet="wire.example.org", title="عقوبات أمريكية جديدة على روسيا",
                 published=dt.date(2024, 7, 2), language="ar", url="https://wire.example.org/a/2",
                 cited_sources=["رويترز", "وكالة أنباء الشرق الأوسط"])
    d.actors = [_actor("usa", body, "الولايات المتحدة"), _actor("russia", body, "روسيا")]
    d.events = [
        _event(body, body.split("\n")[0], "usa", "russia", "163", "SANCTION", 4, -8.0, date="2024-07-01"),
        _event(body, body.split("\n")[1], "russia", "usa", "138", "THREATEN", 3, -7.0, date="2024-07"),
        _event(body, body.split("\n")[2], "usa", "russia", "046", "CONSULT", 1, 1.0, hypothetical=True),
    ]
    d.quotes = []
    docs["sanctions"] = d

    # 3. an exact duplicate of 1 from another outlet
    body = docs["visit"].body
    d = Document(id="c3" * 8, raw=body, body=body, outlet="copy.example", title="السيسي يستقبل ملك الأردن",
                 published=dt.date(2024, 6, 20), language="ar", duplicate_of=docs["visit"].id,
                 near_duplicates=[NearDuplicate(docs["visit"].id, 1.0)])
    d.actors = [_actor("sisi", body, "عبد الفتاح السيسي")]
    docs["dup"] = d

    # 4. untrusted text: script and onerror payloads in title, body, outlet, URL and an actor's names
    body = (f"خبر فيه نص خبيث {XSS_SCRIPT} ثم صورة {XSS_IMG} في وسط الكلام.\n"
            "وأعلنت شركة مجهولة دعمها لروسيا.")
    d = Document(id="d4" * 8, raw=body, body=body, outlet='evil"><script>window.__xss=3</script>',
                 title=f"عنوان {XSS_SCRIPT}{XSS_IMG}", published=dt.date(2024, 7, 15), language="ar",
                 url="javascript:window.__xss=4", removed=[XSS_IMG])
    d.actors = [_actor("evil", body, "شركة مجهولة"), _actor("russia", body, "روسيا")]
    d.events = [_event(body, "وأعلنت شركة مجهولة دعمها لروسيا.", "evil", "russia", "051", "SUPPORT", 1, 3.4,
                       date="2024-07-15")]
    d.quotes = [Quote(text=XSS_SCRIPT, start=body.index(XSS_SCRIPT), end=body.index(XSS_SCRIPT) + len(XSS_SCRIPT),
                      speaker="Evil Corp " + XSS_SCRIPT)]
    docs["xss"] = d
    for doc in docs.values():
        for a in doc.actors:
            for m in a.mentions:
                assert doc.body[m.start:m.end] == m.text
        for e in doc.events:
            assert doc.body[e.start:e.end] == e.sentence
    return docs


@pytest.fixture(scope="session")
def docs() -> dict[str, Document]:
    return build_docs()


@pytest.fixture(scope="session")
def db_file(tmp_path_factory, docs) -> Path:
    path = tmp_path_factory.mktemp("serve") / "serve.db"
    with Store(path) as st:
        st.save_many(list(docs.values()))
    return path


@pytest.fixture(scope="session")
def store(db_file):
    st = Store(db_file)
    yield st
    st.close()


@pytest.fixture(scope="session", params=["index", "sql"])
def client(request, store):
    """The app over the test store, once with the in-memory event index and once on plain SQL."""
    from fastapi.testclient import TestClient

    from rasd.serve import create_app

    app = create_app(store, index=request.param == "index")
    with TestClient(app) as c:
        yield c
