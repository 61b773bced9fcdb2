"""Property tests: offsets, ISO values and robustness on arbitrary text."""
from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.normalize import normalize_text
from rasd.timex import date_from_url, event_date, find_dates, parse_date

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# pieces of our own date language, mixed with noise, so that matches really happen
PIECES = [
    "في", "عام", "2012", "١٤", "حزيران", "٢٠٢٤", "أمس", "الأمسية", "يوم", "الثلاثاء", "الماضي",
    "منتصف", "يونيو", "ديسمبر/كانون الأول", "قبل", "ثلاثة", "أيام", "12", "ذو الحجة", "1445", "هـ",
    "ماي", "مارس", "الشهر", "6", "الجاري", "19/06/2024", "21st", ",", "September", "2023", "غداً",
    "ـ", "ً", "\u200f", "ﻻ", "،", ".", "\n", "2000", "جندي", "رمضان", "بعد", "غد", "31", "فبراير",
]
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(PIECES), max_size=25).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=25).map("".join),
)
anchors = st.one_of(st.none(), st.dates())  # the whole calendar, edges included


def valid_iso(value: str) -> bool:
    if not ISO.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(texts, anchors)
def test_offsets_point_at_the_text_and_values_are_iso(text, anchor):
    prev_end = 0
    for e in find_dates(text, anchor):
        assert text[e.start:e.end] == e.text
        assert e.start < e.end and e.start >= prev_end
        prev_end = e.end
        assert e.precision in ("day", "week", "month", "year")
        assert e.kind in ("absolute", "relative", "weekday", "hijri", "partial")
        if e.value is not None:
            assert valid_iso(e.value), e
        if anchor is None and not e.explicit_year:
            assert e.value is None, e


@settings(max_examples=300, deadline=None)
@given(texts, st.one_of(st.none(), st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31))))
def test_nothing_past_the_anchor_unless_said(text, anchor):
    # the text says so: tomorrow, next, after, or "this/current" (حزيران الجاري = June of this year)
    future_words = ("غد", "المقبل", "القادم", "بعد", "الجاري", "الحالي", "هذا", "هذه")
    for e in find_dates(text, anchor):
        if anchor is None or e.value is None or e.explicit_year:
            continue
        if any(w in normalize_text(e.text) for w in future_words):
            continue
        assert e.value <= anchor.isoformat()[: len(e.value)], e


@settings(max_examples=200, deadline=None)
@given(texts, anchors)
def test_parse_date_never_crashes(text, anchor):
    e = parse_date(text, anchor)
    if e is not None:
        assert text[e.start:e.end] == e.text
        assert e.value is None or valid_iso(e.value)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_date_from_url_never_crashes(url):
    d = date_from_url(url)
    assert d is None or 1990 <= d.year <= 2100


@settings(max_examples=100, deadline=None)
@given(texts, st.data())
def test_event_date_is_in_the_trigger_sentence(text, data):
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    e = event_date(text, start, end, dt.date(2024, 6, 19))
    if e is not None:
        lo, hi = min(e.start, start), max(e.end, end)
        between = text[lo:hi]
        assert "\n" not in text[e.end:start] and "\n" not in text[end:e.start]
        assert text[e.start:e.end] == e.text and between
