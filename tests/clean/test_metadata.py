"""clean.metadata.v1: title, publication date (every written form) and outlet."""
from __future__ import annotations

import datetime as dt

import pytest

PARA = ("أعلنت وزارة الخارجية المصرية اليوم أن وزير الخارجية سيزور العاصمة الأردنية عمّان الأسبوع المقبل "
        "لبحث التطورات في المنطقة وسبل تعزيز التعاون الاقتصادي بين البلدين الشقيقين.")
TITLE = "وزير الخارجية المصري يزور الأردن الأسبوع المقبل"


@pytest.mark.parametrize(
    "date_line, expected",
    [
        ("تاريخ النشر: 21st, September 2023 GMT", "2023-09-21"),
        ("5 نوفمبر، 2024 8:50 ص", "2024-11-05"),
        ("٥ نوفمبر ٢٠٢٤", "2024-11-05"),  # Arabic-Indic digits
        ("نشر في: 3 كانون الثاني 2024", "2024-01-03"),  # Levantine month
        ("12 شتنبر 2023", "2023-09-12"),  # Maghrebi month
        ("الأحد 7 أبريل 2024 - 10:30", "2024-04-07"),
        ("١٢ ذو الحجة ١٤٤٥ هـ", "2024-06-18"),  # Hijri
        ("آخر تحديث: 2024-06-19", "2024-06-19"),
    ],
)
def test_publication_date_line_is_read(run, date_line, expected):
    doc = run("\n".join([TITLE, date_line, PARA]))[0]
    assert doc.published == dt.date.fromisoformat(expected)
    assert doc.meta["published_from"].startswith("text")
    s, e = doc.meta["published_span"]
    assert doc.body[s:e] == date_line  # the date line stays in the body, its span is recorded
    assert doc.title == TITLE  # a date line is never the title


def test_date_line_at_the_end_is_read(run):
    doc = run("\n".join([TITLE, PARA, "تاريخ النشر: 10 يناير 2025"]))[0]
    assert doc.published == dt.date(2025, 1, 10)


def test_date_in_the_future_of_the_analysis_is_rejected(run):
    # ctx.now is 2025-01-15 in these tests
    doc = run("\n".join([TITLE, "تاريخ النشر: 21 مارس 2031", PARA]))[0]
    assert doc.published is None
    assert "future" in str(doc.meta.get("published_rejected"))


def test_date_from_url_when_the_text_has_none(run):
    doc = run("\n".join([TITLE, PARA]), url="https://www.example.com/news/2024/06/19/visit")[0]
    assert doc.published == dt.date(2024, 6, 19)
    assert doc.meta["published_from"] == "url"
    assert doc.outlet == "example.com" and doc.meta["outlet_from"] == "url"


def test_future_url_date_is_rejected(run):
    doc = run("\n".join([TITLE, PARA]), url="https://example.com/2030/01/01/x")[0]
    assert doc.published is None


def test_given_date_is_kept(run):
    doc = run("\n".join([TITLE, "تاريخ النشر: 21 مارس 2020", PARA]), published="2021-05-05")[0]
    assert doc.published == dt.date(2021, 5, 5)


def test_a_year_in_a_headline_is_not_a_date_line(run):
    title = "انتخابات 2024 في الولايات المتحدة: ماذا تغير"
    doc = run("\n".join([title, PARA]))[0]
    assert doc.title == title
    assert doc.published is None


def test_outlet_from_credit_line_when_no_url(run):
    doc = run("\n".join([TITLE, PARA, "المصدر: الجزيرة"]))[0]
    assert doc.outlet == "الجزيرة"
    assert doc.meta["outlet_from"] == "credit" and doc.meta["credit"] == "الجزيرة"


def test_byline_is_recorded_and_is_not_the_title(run):
    doc = run("\n".join(["بقلم: سارة أحمد", TITLE, PARA]))[0]
    assert doc.meta["byline"] == "سارة أحمد"
    assert doc.title == TITLE


def test_no_title_when_the_text_starts_with_prose(run):
    doc = run(PARA + "\n" + PARA.replace("المصرية", "الليبية"))[0]
    assert doc.title is None


def test_given_title_is_not_replaced(run):
    doc = run("\n".join([TITLE, PARA]), title="عنوان من المصدر")[0]
    assert doc.title == "عنوان من المصدر"
