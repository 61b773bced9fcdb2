"""The public API returns documents whose to_dict() is the documented contract."""
import pytest

import rasd
from rasd.errors import InputError
from rasd.schema.validate import validation_errors

TEXT = "أعلنت وزارة الخارجية المصرية أن الوزير سيزور عمّان الأسبوع المقبل لبحث التعاون الاقتصادي مع الأردن."


def test_analyze_text_returns_a_valid_contract_object():
    doc = rasd.analyze(text=TEXT, published="2024-06-19", outlet="مثال نيوز")
    d = doc.to_dict()
    assert validation_errors(d) == []
    assert d["published"] == "2024-06-19" and d["outlet"] == "مثال نيوز" and d["language"] == "ar"
    assert d["body"].strip()


def test_analyze_html_extracts_main_text_and_metadata():
    html = ("<html><head><title>زيارة رسمية</title><meta property='og:site_name' content='Example News'>"
            "</head><body><nav>الرئيسية | سياسة | اقتصاد</nav><article><h1>زيارة رسمية</h1><p>"
            + TEXT * 3 + "</p></article><footer>جميع الحقوق محفوظة</footer></body></html>")
    doc = rasd.analyze(html=html)
    assert "وزارة الخارجية المصرية" in doc.body
    assert "جميع الحقوق محفوظة" not in doc.body
    assert doc.outlet == "Example News"
    assert validation_errors(doc.to_dict()) == []


def test_html_without_text_is_an_input_error():
    with pytest.raises(InputError, match="no extractable main text"):
        rasd.analyze(html="<html><body><nav>الرئيسية</nav></body></html>")


def test_url_alone_is_refused_offline():
    with pytest.raises(InputError, match="offline"):
        rasd.analyze(url="https://example.com/a")


def test_analyze_many_keeps_order_and_skips_bad_items_with_a_report():
    seen = []
    docs = list(rasd.analyze_many([TEXT, {"text": ""}, {"text": TEXT + " ٢", "id": "b"}], on_error=seen.append))
    assert [d.input_id for d in docs] == [None, "b"]
    assert len(seen) == 1 and "empty" in str(seen[0])


def test_validator_catches_offsets_that_do_not_point_at_their_text():
    d = rasd.analyze(text=TEXT).to_dict()
    d["actors"] = [{"name": "Egypt", "name_ar": "مصر", "kind": "country", "country": "EGY", "code": "EGY",
                    "mentions": [{"start": 0, "end": 5, "text": "مصر"}]}]
    assert any("actors/0/mentions/0" in e for e in validation_errors(d))
    d["actors"][0]["kind"] = "planet"
    assert validation_errors(d)


STORY = ("أعلنت وزارة الخارجية الأردنية أن الوزير سيتوجه إلى بغداد الأسبوع المقبل في زيارة رسمية يبحث خلالها "
         "مع نظيره العراقي ملفات الطاقة والمياه والربط الكهربائي، إضافة إلى التنسيق بشأن أمن الحدود المشتركة "
         "وتسهيل حركة الشاحنات التجارية بين البلدين.")


def test_single_analyses_are_not_duplicates_of_earlier_unrelated_calls():
    a = rasd.analyze(text=STORY, input_id="one")
    b = rasd.analyze(text=STORY, input_id="two")
    assert a.id != b.id and b.duplicate_of is None


def test_a_batch_is_deduplicated_within_itself():
    docs = list(rasd.analyze_many([{"id": "x1", "text": STORY}, {"id": "x2", "text": STORY}]))
    assert docs[1].duplicate_of == docs[0].id


def test_a_new_batch_is_checked_against_the_store(tmp_path):
    st = rasd.open_store(tmp_path / "d.db")
    rasd.analyze_into([{"id": "first", "text": STORY}], st)
    seen = []
    rasd.analyze_into([{"id": "later", "text": STORY.replace("الأسبوع المقبل", "غدا")}], st, on_document=seen.append)
    first_id = st.resolve_id("first")
    assert seen[0].duplicate_of == first_id
    assert seen[0].near_duplicates[0].id == first_id
    # re-running the first document does not make it a copy of itself
    rasd.analyze_into([{"id": "first", "text": STORY}], st, on_document=seen.append)
    assert seen[1].duplicate_of is None


def test_analyze_into_restores_the_collector_and_frees_what_it_froze(tmp_path):
    """A batch runs with automatic collection off and the loaded knowledge frozen; afterwards the
    collector is on again with nothing left frozen."""
    import gc

    assert gc.isenabled()
    items = [f"أعلنت الحكومة اليوم الخطة رقم {i} للنقل العام في العاصمة." for i in range(5)]
    with rasd.open_store(str(tmp_path / "s.db")) as store:
        summary = rasd.analyze_into(items, store, batch_size=2)
    assert summary.documents == 5 and not summary.errors
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
