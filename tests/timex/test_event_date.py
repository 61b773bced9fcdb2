"""rasd.timex.event_date: which expression dates an event trigger."""
from __future__ import annotations

import datetime as dt

from rasd.timex import event_date, find_dates

ANCHOR = dt.date(2024, 6, 19)


def date_of(text: str, trigger: str, anchor=ANCHOR, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(trigger, start + 1)
    e = event_date(text, start, start + len(trigger), anchor)
    return e.value if e else None


def test_background_fact_keeps_its_own_year():
    text = "في عام 2012 ألغت روسيا معظم ديون كوريا الشمالية. وزار الرئيس بيونغ يانغ أمس."
    assert date_of(text, "ألغت") == "2012"
    assert date_of(text, "زار") == "2024-06-18"


def test_never_across_a_sentence_boundary():
    text = "وقعت الاتفاقية في 13 سبتمبر 2023. وانتقد الوزير الخطوة بشدة."
    assert date_of(text, "انتقد") is None
    assert date_of(text, "وقعت") == "2023-09-13"


def test_same_clause_is_preferred_over_a_nearer_one_across_a_comma():
    text = "التقى الوزيران أمس، وبحثا في فبراير 2022 خطة، ثم وقعا الاتفاق الأسبوع الماضي"
    assert date_of(text, "وقعا") == "2024-06-10"
    assert date_of(text, "التقى") == "2024-06-18"


def test_relative_date_without_anchor_stays_unknown():
    text = "زار الرئيس موسكو أمس في عام الانتخابات."
    e = event_date(text, 4, 7, None)
    assert e is not None and e.text == "أمس" and e.value is None


def test_no_expression_in_the_sentence():
    assert date_of("استقبل الرئيس الوفد في القصر.", "استقبل") is None


def test_precomputed_expressions_give_the_same_answer():
    text = "وفي منتصف يونيو زار بوتين بيونغ يانغ، وكان قد استقبل كيم في 13 سبتمبر 2023."
    exprs = find_dates(text, None)
    s = text.index("استقبل")
    assert event_date(text, s, s + 6, None, exprs) == event_date(text, s, s + 6, None)
    assert event_date(text, s, s + 6, None).value == "2023-09-13"
    s = text.index("زار")
    e = event_date(text, s, s + 3, None, exprs)
    assert e.text == "منتصف يونيو" and e.value is None


def test_decimal_point_is_not_a_sentence_end():
    text = "نما الاقتصاد 3.5 بالمئة في عام 2023 حسب التقرير"
    assert date_of(text, "نما") == "2023"


def test_a_trigger_span_ending_a_sentence_never_takes_a_date_from_the_next_one():
    import datetime as dt
    from rasd.timex import event_date

    text = ".\nحزيران"
    for s in range(len(text)):
        for e in range(s + 1, len(text) + 1):
            got = event_date(text, s, e, dt.date(2024, 6, 19))
            assert got is None or got.start < e or "\n" not in text[e:got.start], (s, e, got)
    assert event_date(text, 0, 1, dt.date(2024, 6, 19)) is None
