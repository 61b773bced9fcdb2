"""Dates counted from another written date ("بعد تسعة أشهر من لقائهما في 13 سبتمبر 2023"), and a month
without a year that takes its year from such a count. Our own sentences."""
import datetime as dt

from hypothesis import given, strategies as st

from rasd.timex import find_dates
from rasd.timex.finder import _arith_value


def vals(text, anchor=None, context=""):
    return [(e.text, e.value, e.precision, e.kind) for e in find_dates(text, anchor, context)]


def by_kind(text, kind, anchor=None, context=""):
    hits = [e for e in find_dates(text, anchor, context) if e.kind == kind]
    assert len(hits) == 1, vals(text, anchor, context)
    return hits[0]


def test_months_after_a_day_date_give_month_precision():
    e = by_kind("زار الرئيس العاصمة بعد تسعة أشهر من استقباله نظيره في 13 سبتمبر 2023.", "arithmetic")
    assert (e.value, e.precision) == ("2024-06", "month")
    assert e.text == "بعد تسعة أشهر"


def test_days_after_a_day_date_give_a_day():
    e = by_kind("وقع الطرفان الاتفاق بعد ثلاثة أيام من قمة 5 مايو 2024 في القاهرة.", "arithmetic")
    assert (e.value, e.precision) == ("2024-05-08", "day")


def test_digits_and_weeks_are_counted():
    e = by_kind("أعلنت الحكومة النتائج بعد 2 أسابيع من انتخابات 28 فبراير 2024.", "arithmetic")
    assert (e.value, e.precision) == ("2024-03-13", "day")


def test_years_before_a_year_date():
    e = by_kind("انسحبت القوات من المدينة قبل عامين من انتخابات عام 2019.", "arithmetic")
    assert (e.value, e.precision) == ("2017", "year")


def test_dual_month_before_a_month_date():
    e = by_kind("بدأت المفاوضات قبل شهرين من توقيع الاتفاق في مارس 2022.", "arithmetic")
    assert (e.value, e.precision) == ("2022-01", "month")


def test_base_earlier_in_the_same_sentence():
    e = by_kind("التقى الوزيران في 10 يناير 2021، وبعد أسبوع من ذلك اللقاء أعلنا الاتفاق.", "arithmetic")
    assert e.value == "2021-01-17"


def test_base_in_the_previous_sentence_given_as_context():
    prev = "التقى الزعيمان في 13 سبتمبر 2023. "
    text = "وبعد تسعة أشهر من ذلك اللقاء زار الرئيس العاصمة."
    assert [x for x in vals(text) if x[3] == "arithmetic"] == []  # no base without the context
    e = by_kind(text, "arithmetic", context=prev)
    assert (e.value, e.precision) == ("2024-06", "month")
    assert text[e.start:e.end] == e.text == "بعد تسعة أشهر"


def test_no_written_date_means_no_expression():
    assert vals("زار الرئيس العاصمة بعد تسعة أشهر من استقباله نظيره.") == []
    # with a publication date the count still is not taken from it
    assert vals("زار الرئيس العاصمة بعد تسعة أشهر من استقباله نظيره.", dt.date(2024, 6, 19)) == []


def test_unit_finer_than_the_base_is_not_guessed():
    out = vals("وقع الاتفاق بعد ثلاثة أيام من الهجوم عام 2019.")
    assert out == [("عام 2019", "2019", "year", "absolute")]


def test_vague_count_is_not_resolved():
    assert [x for x in vals("عاد الوفد بعد بضعة أيام من قمة 5 مايو 2024.") if x[3] == "arithmetic"] == []


def test_ordinary_after_days_still_counts_from_publication():
    e = find_dates("سيعود الوفد بعد يومين إلى القاهرة.", dt.date(2024, 6, 19))
    assert [(x.value, x.kind) for x in e] == [("2024-06-21", "relative")]


def test_month_without_year_takes_year_of_the_count():
    text = "جاءت زيارة الرئيس في منتصف يونيو بعد تسعة أشهر من استقباله نظيره في 13 سبتمبر 2023."
    out = vals(text)
    assert ("منتصف يونيو", "2024-06", "month", "partial") in out


def test_month_without_year_takes_year_even_against_the_anchor():
    text = "جاءت زيارة الرئيس في يونيو بعد تسعة أشهر من استقباله نظيره في 13 سبتمبر 2023."
    out = vals(text, dt.date(2025, 11, 5))
    assert ("يونيو", "2024-06", "month", "absolute") in out


def test_month_without_year_and_other_month_stays_unresolved():
    text = "جاءت زيارة الرئيس في مايو بعد تسعة أشهر من استقباله نظيره في 13 سبتمبر 2023."
    assert ("مايو", None, "month", "absolute") in vals(text)


def test_month_without_year_is_never_given_a_year_from_nothing():
    assert vals("جاءت زيارة الرئيس في منتصف يونيو.") == [("منتصف يونيو", None, "month", "partial")]


def test_month_in_another_sentence_is_not_linked():
    text = "زار الرئيس العاصمة بعد تسعة أشهر من لقاء 13 سبتمبر 2023. ثم عاد في يونيو."
    assert ("يونيو", None, "month", "absolute") in vals(text)


@given(st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)), st.integers(1, 30),
       st.sampled_from(["day", "week", "month", "year"]), st.sampled_from([1, -1]))
def test_arith_value_precision_follows_the_unit(d, n, unit, sign):
    v, prec = _arith_value(d.isoformat(), "day", sign, n, unit)
    assert prec == {"day": "day", "week": "day", "month": "month", "year": "year"}[unit]
    assert len(v) == {"day": 10, "month": 7, "year": 4}[prec]
    if unit in ("day", "week"):
        assert (dt.date.fromisoformat(v) - d).days == sign * n * (7 if unit == "week" else 1)
    elif unit == "month":
        y, m = int(v[:4]), int(v[5:7])
        assert (y * 12 + m) - (d.year * 12 + d.month) == sign * n
    else:
        assert int(v) - d.year == sign * n


@given(st.integers(1950, 2090), st.integers(1, 12), st.sampled_from(["day", "week", "month"]))
def test_arith_value_refuses_units_finer_than_the_base(y, m, unit):
    assert _arith_value(f"{y:04d}", "year", 1, 3, unit) is None
    if unit != "month":
        assert _arith_value(f"{y:04d}-{m:02d}", "month", 1, 3, unit) is None


def test_a_count_with_no_written_date_uses_the_base_the_caller_gives():
    text = "جاءت الزيارة في منتصف يونيو بعد تسعة أشهر من استقباله الوفد في العاصمة."
    assert not [e for e in find_dates(text) if e.kind == "arithmetic"]
    got = find_dates(text, base=("2023-09-13", "day"))
    assert [(e.kind, e.value) for e in got] == [("partial", "2024-06"), ("arithmetic", "2024-06")]


def test_a_written_date_wins_over_the_callers_base():
    text = "وقعت الاتفاقية بعد شهرين من لقائهما في 5 مارس 2021."
    got = by_kind(text, "arithmetic")
    assert got.value == "2021-05"
    assert [e.value for e in find_dates(text, base=("1999-01-01", "day")) if e.kind == "arithmetic"] == ["2021-05"]


def test_a_base_coarser_than_the_count_gives_no_date():
    text = "جاءت الزيارة بعد ثلاثة أيام من استقباله الوفد."
    assert not [e for e in find_dates(text, base=("2019", "year")) if e.kind == "arithmetic"]
