"""rasd.timex.parse_date on publication lines and rasd.timex.date_from_url on article URLs."""
from __future__ import annotations

import datetime as dt

import pytest

from rasd.timex import date_from_url, parse_date


@pytest.mark.parametrize("line,value", [
    ("21st, September 2023 GMT", "2023-09-21"),
    ("5 نوفمبر، 2024 8:50 ص", "2024-11-05"),
    ("تاريخ النشر: ١٤ حزيران ٢٠٢٤", "2024-06-14"),
    ("12 ذو الحجة 1445 هـ", "2024-06-18"),
    ("2024/06/19", "2024-06-19"),
    ("19-06-2024", "2024-06-19"),
    ("2024-06-19T08:50:00+03:00", "2024-06-19"),
    ("نشر في: الثلاثاء 18 يونيو 2024 - 10:15", "2024-06-18"),
    ("آخر تحديث: 03 جانفي 2023", "2023-01-03"),
    ("June 3rd, 2022", "2022-06-03"),
])
def test_publication_lines(line, value):
    e = parse_date(line)
    assert e is not None and e.value == value and e.precision == "day"
    assert line[e.start:e.end] == e.text


def test_gregorian_wins_over_its_hijri_equivalent():
    e = parse_date("الأربعاء 12 ذو الحجة 1445 هـ الموافق 19 يونيو 2024")
    assert e.value == "2024-06-19" and e.kind == "absolute"


def test_full_date_wins_over_relative_words():
    e = parse_date("اليوم، 3 مارس 2021", dt.date(2024, 1, 1))
    assert e.value == "2021-03-03"


def test_relative_line_needs_an_anchor():
    assert parse_date("أمس").value is None
    assert parse_date("أمس", dt.date(2024, 6, 19)).value == "2024-06-18"


@pytest.mark.parametrize("line", ["", "   ", "بدون تاريخ", "عدد القتلى 2000", "31/02/2024"])
def test_no_date(line):
    assert parse_date(line) is None


@pytest.mark.parametrize("url,day", [
    ("https://example.com/news/2024/06/19/story-title", dt.date(2024, 6, 19)),
    ("https://example.com/ar/20240619/story", dt.date(2024, 6, 19)),
    ("https://example.com/article?id=5&date=2024-06-19", dt.date(2024, 6, 19)),
    ("https://example.com/19-06-2024/story", dt.date(2024, 6, 19)),
    ("https://example.com/2023_09_21_story.html", dt.date(2023, 9, 21)),
])
def test_date_in_url(url, day):
    assert date_from_url(url) == day


@pytest.mark.parametrize("url", [
    "https://example.com/news/2024/06/story",  # year and month only
    "https://example.com/article/12345678",  # an id, not a date
    "https://example.com/2024/13/45/x",  # not a calendar date
    "",
])
def test_no_date_in_url(url):
    assert date_from_url(url) is None
