"""Quote marks that are unclosed, nested or reversed must not crash or run away; offsets always hold."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes_helpers import make_doc, only, run
from rasd.quotes.stages import analyse
from rasd.quotes.text import MAX_QUOTE_CHARS


def test_unclosed_quote_stops_at_the_paragraph_end():
    doc = run("قال بوتين: «سنرد على أي تهديد بحزم ولن نتراجع عن مواقفنا\n"
              "في فقرة أخرى، ذكرت الحكومة أن الاجتماع انتهى.")
    q = only(doc, "سنرد على أي تهديد")
    assert "\n" not in q.text
    assert "في فقرة أخرى" not in q.text


def test_quote_inside_quote_does_not_crash_and_keeps_offsets():
    doc = run("قال لافروف: «إن من يتحدثون عن \"النظام القائم على القواعد\" لا يحترمون أي قاعدة» ثم غادر.")
    assert doc.quotes, "the outer quotation should still be found"
    assert all(q.speaker == "Sergey Lavrov" for q in doc.quotes)


def test_reversed_marks_are_paired():
    doc = run("قال بيسكوف إن موسكو دخلت ” صراعا مقدسا “ضد الهيمنة منذ سنوات.")
    q = only(doc, "موسكو دخلت")
    assert q.speaker == "Dmitry Peskov"


def test_a_quote_is_capped_in_length():
    long = " ".join(["كلمة"] * 2000)
    doc = run(f"قال بوتين: «{long}")
    assert doc.quotes
    assert all(len(q.text) <= MAX_QUOTE_CHARS + 5 for q in doc.quotes)
    doc = run(f"قال بوتين إن {long}")
    assert all(len(q.text) <= MAX_QUOTE_CHARS + 5 for q in doc.quotes)


def test_quotes_spanning_sentences_inside_marks():
    doc = run("وقالت زاخاروفا: «لن نقبل بذلك. وسنرد في الوقت المناسب».")
    q = only(doc, "لن نقبل بذلك. وسنرد")
    assert q.speaker == "Maria Zakharova"


def test_empty_and_mark_only_bodies():
    for body in ["", "«", "\"\"", "قال", "إن", "قال إن", "«»«»", "المصدر:", "()", "\n\n"]:
        doc = analyse(make_doc(body))
        for q in doc.quotes:
            assert doc.body[q.start:q.end] == q.text


_PIECES = ["قال", "وقال", "بوتين", "إن", "أن", "بأنه", "«", "»", "“", "”", '"', ":", "،", ".", "\n",
           "موسكو", "مضيفا", "نقلت", "وكالة", "تاس", "عن", "قوله", "(رويترز)", "المصدر:", "الجزيرة",
           "مسؤولون", "أميركيون", "الكاتب", "وبحسب", "صحيفة", " ", "  ", "كيم", "الوزارة", "ً", "ـ"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60))
def test_offsets_always_point_into_the_body(pieces):
    body = " ".join(pieces)
    doc = analyse(make_doc(body))
    for q in doc.quotes:
        assert 0 <= q.start < q.end <= len(body)
        assert body[q.start:q.end] == q.text
        assert q.text == q.text.strip()
    assert len(set(doc.cited_sources)) == len(doc.cited_sources)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("قال إن بوتين«»“”\".:،\n()وكالة")), max_size=200))
def test_arbitrary_text_never_crashes(body):
    doc = analyse(make_doc(body))
    for q in doc.quotes:
        assert body[q.start:q.end] == q.text
