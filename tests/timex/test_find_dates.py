"""Behaviour of rasd.timex.find_dates on our own Arabic sentences, one form per test."""
from __future__ import annotations

import datetime as dt

import pytest

from rasd.timex import find_dates

WED = dt.date(2024, 6, 19)  # a Wednesday


def one(text: str, anchor: dt.date | None = WED):
    found = find_dates(text, anchor)
    assert len(found) == 1, found
    e = found[0]
    assert text[e.start:e.end] == e.text
    return e


def values(text: str, anchor: dt.date | None = WED) -> list[str | None]:
    return [e.value for e in find_dates(text, anchor)]


# -- absolute Gregorian dates in every tradition ---------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("عقد الاجتماع في 13 سبتمبر 2023 في العاصمة.", "2023-09-13"),
    ("عقد الاجتماع في 13 أيلول 2023 في العاصمة.", "2023-09-13"),
    ("عقد الاجتماع في 13 شتنبر 2023 في الرباط.", "2023-09-13"),
    ("أعلن القرار في 5 جوان 2021 بالجزائر.", "2021-06-05"),
    ("وقعت الاتفاقية في 2 جويلية 2022 بتونس.", "2022-07-02"),
    ("صدر البيان في 7 كانون الثاني 2020.", "2020-01-07"),
    ("صدر البيان في 7 كانون الأول 2020.", "2020-12-07"),
    ("انطلقت المفاوضات في 30 تشرين الثاني 2019.", "2019-11-30"),
    ("أعلنت الحكومة في 9 أفريل 2024 عن خطة جديدة.", "2024-04-09"),
    ("تأسس الحزب في 15 يونيه 1999.", "1999-06-15"),
    ("وصل الوفد يوم 3 اغسطس 2022.", "2022-08-03"),
    ("نشر التقرير في الـ14 من فبراير 2024.", "2024-02-14"),
])
def test_day_month_year_in_every_month_tradition(text, value):
    e = one(text)
    assert (e.value, e.precision, e.kind, e.explicit_year) == (value, "day", "absolute", True)


def test_arabic_indic_and_persian_digits():
    assert one("وقع الحادث في ١٤ حزيران ٢٠٢٤ صباحا").value == "2024-06-14"
    assert one("وقع الحادث في ۱۴ حزیران ۲۰۲۴ صباحا").value == "2024-06-14"
    assert one("صدر في ١٩/٠٦/٢٠٢٤").value == "2024-06-19"


def test_month_and_year_gives_month_precision():
    e = one("شنت روسيا هجومها في فبراير 2022 على أوكرانيا")
    assert (e.text, e.value, e.precision, e.explicit_year) == ("فبراير 2022", "2022-02", "month", True)


def test_paired_month_names_are_one_expression():
    e = one("بدأت الأزمة في شباط/فبراير 2022 واستمرت")
    assert (e.text, e.value) == ("شباط/فبراير 2022", "2022-02")
    e = one("بدأت الأزمة في فبراير (شباط) 2022 واستمرت")
    assert e.value == "2022-02" and e.text.startswith("فبراير")


def test_month_number_form():
    e = one("ارتفعت الأسعار في الشهر 6 من عام 2024 بنسبة كبيرة")
    assert (e.value, e.precision) == ("2024-06", "month")


def test_numeric_dates_day_first_and_iso():
    assert values("صدر القرار في 19/06/2024 ونشر في 2024-06-18 رسميا.") == ["2024-06-19", "2024-06-18"]
    assert values("تاريخ 19.06.2024") == ["2024-06-19"]
    assert values("النتيجة 3/2 في المباراة") == []


def test_english_dates_and_ordinals():
    assert values("Published 21st, September 2023 GMT") == ["2023-09-21"]
    assert values("Monday, June 17, 2024") == ["2024-06-17"]
    assert values("on 3 May 2021 in Cairo") == ["2021-05-03"]


def test_month_without_year_resolves_to_latest_not_after_anchor():
    assert one("زار الرئيس بكين في يوليو").value == "2023-07"
    assert one("زار الرئيس بكين في يونيو").value == "2024-06"
    assert one("زار الرئيس بكين في مايو").value == "2024-05"
    assert one("زار الرئيس بكين في مايو", None).value is None


def test_day_month_without_year_never_in_the_future():
    assert one("التقى الوزيران في 20 يونيو بجنيف").value == "2023-06-20"
    assert one("التقى الوزيران في 19 يونيو بجنيف").value == "2024-06-19"
    assert one("التقى الوزيران في 19 يونيو بجنيف").explicit_year is False


# -- years ----------------------------------------------------------------------------------

def test_year_with_year_word():
    e = one("في عام 2012 ألغت روسيا معظم الديون")
    assert (e.text, e.value, e.precision, e.kind) == ("عام 2012", "2012", "year", "absolute")
    assert one("تأسست الدولة في العام 1948 بعد الحرب").value == "1948"
    assert one("وصدر تقرير لعام 2022 عن المنظمة").value == "2022"


def test_bare_numbers_are_not_years():
    assert find_dates("أرسلت روسيا 2000 جندي و1500 دبابة", WED) == []
    assert find_dates("بلغ عدد الضحايا في 2000 موقع", WED) == []


def test_bare_year_after_preposition_before_punctuation():
    assert values("وفي 2019، زار كيم روسيا") == ["2019"]


def test_year_with_era_mark():
    assert one("ولد الشاعر سنة 1890 م في دمشق").value == "1890"
    assert one("ولد الشاعر 1890م في دمشق").value == "1890"


# -- Hijri -------------------------------------------------------------------------------------

def test_hijri_full_date_is_converted():
    e = one("صدر المرسوم في 12 ذو الحجة 1445 هـ")
    assert (e.value, e.precision, e.kind, e.explicit_year) == ("2024-06-18", "day", "hijri", True)
    assert e.text.endswith("هـ")


@pytest.mark.parametrize("month,hijri", [
    ("محرم", 1), ("صفر", 2), ("ربيع الأول", 3), ("ربيع الآخر", 4), ("جمادى الأولى", 5),
    ("جمادى الآخرة", 6), ("رجب", 7), ("شعبان", 8), ("رمضان", 9), ("شوال", 10), ("ذي القعدة", 11),
    ("ذي الحجة", 12),
])
def test_all_twelve_hijri_months(month, hijri):
    from hijridate import Hijri

    g = Hijri(1445, hijri, 1).to_gregorian()
    e = one(f"أعلن القرار في 1 {month} 1445 هـ رسميا")
    assert e.value == f"{g.year:04d}-{g.month:02d}-{g.day:02d}"


def test_hijri_month_and_year_gives_gregorian_span_precision():
    # Ramadan 1445 runs from March into April 2024: only the year is certain
    e = one("خلال شهر رمضان 1445 هـ")
    assert (e.value, e.precision, e.kind) == ("2024", "year", "hijri")


def test_ambiguous_hijri_words_need_context():
    assert find_dates("قال رمضان إن صفر من الأهداف تحقق", WED) == []


# -- relative expressions ------------------------------------------------------------------------

@pytest.mark.parametrize("text,value,precision", [
    ("وقال الوزير اليوم إن المحادثات مستمرة", "2024-06-19", "day"),
    ("وقال الوزير أمس إن المحادثات مستمرة", "2024-06-18", "day"),
    ("وقال الوزير بالأمس إن المحادثات مستمرة", "2024-06-18", "day"),
    ("وقال الوزير أول أمس إن المحادثات مستمرة", "2024-06-17", "day"),
    ("وقال الوزير أمس الأول إن المحادثات مستمرة", "2024-06-17", "day"),
    ("ويصل الوفد غدا إلى الرياض", "2024-06-20", "day"),
    ("ويصل الوفد غداً إلى الرياض", "2024-06-20", "day"),
    ("ويصل الوفد بعد غد إلى الرياض", "2024-06-21", "day"),
    ("وقعت الحادثة قبل ثلاثة أيام في المدينة", "2024-06-16", "day"),
    ("وقعت الحادثة قبل 3 أيام في المدينة", "2024-06-16", "day"),
    ("وقعت الحادثة منذ يومين في المدينة", "2024-06-17", "day"),
    ("وقعت الحادثة قبل أسبوعين في المدينة", "2024-06-03", "week"),
    ("وقعت الحادثة قبل شهرين في المدينة", "2024-04", "month"),
    ("وقعت الحادثة قبل عامين في المدينة", "2022", "year"),
    ("وزار الأسبوع الماضي العاصمة", "2024-06-10", "week"),
    ("ويزور الأسبوع المقبل العاصمة", "2024-06-24", "week"),
    ("وزار الشهر الماضي العاصمة", "2024-05", "month"),
    ("وزار في الشهر الجاري العاصمة", "2024-06", "month"),
    ("وزار العام الماضي العاصمة", "2023", "year"),
    ("وزار في السنة الماضية العاصمة", "2023", "year"),
    ("ويزور العام المقبل العاصمة", "2025", "year"),
    ("وزار هذا العام العاصمة", "2024", "year"),
])
def test_relative_expressions_resolve_against_anchor(text, value, precision):
    e = one(text)
    assert (e.value, e.precision, e.kind, e.explicit_year) == (value, precision, "relative", False)
    assert one(text, None).value is None


def test_weekday_is_the_latest_on_or_before_anchor():
    e = one("قام رئيس الوزراء بزيارة القاهرة يوم الثلاثاء")
    assert (e.text, e.value, e.kind) == ("يوم الثلاثاء", "2024-06-18", "weekday")
    assert one("وصل الوفد الأربعاء إلى جنيف").value == "2024-06-19"
    assert one("وصل الوفد الأربعاء الماضي إلى جنيف").value == "2024-06-12"
    assert one("يصل الوفد الأربعاء المقبل إلى جنيف").value == "2024-06-26"
    assert one("وصل الوفد يوم الجمعة", None).value is None


def test_weekday_followed_by_date_takes_the_date():
    e = one("عقدت القمة يوم الأحد 16 يونيو 2024 في جدة")
    assert (e.text, e.value, e.kind, e.explicit_year) == ("يوم الأحد 16 يونيو 2024", "2024-06-16", "absolute", True)


def test_named_month_with_past_modifier():
    e = one("الوثائق التي تم تبنيها في ديسمبر/كانون الأول الماضي", dt.date(2023, 9, 21))
    assert (e.value, e.precision, e.kind) == ("2022-12", "month", "relative")
    assert one("ألقى كلمة في يونيو الماضي").value == "2023-06"
    assert one("سيلقي كلمة في يوليو المقبل").value == "2024-07"


def test_partial_month_and_year():
    e = one("زار بوتين بيونغ يانغ في منتصف يونيو")
    assert (e.text, e.value, e.precision, e.kind) == ("منتصف يونيو", "2024-06", "month", "partial")
    assert one("زار بوتين بيونغ يانغ في منتصف يونيو", None).value is None
    e = one("في منتصف عام 2022 أرسلت روسيا الحبوب")
    assert (e.value, e.precision, e.kind, e.explicit_year) == ("2022", "year", "partial", True)
    assert one("بدأت الأشغال مطلع الشهر الجاري").value == "2024-06"
    assert one("انتهت الأشغال أواخر العام الماضي").value == "2023"


def test_day_of_current_month():
    assert one("وصل في 13 من الشهر الجاري").value == "2024-06-13"


def test_story_internal_counts_are_not_anchored():
    # "nine months after an event" and "the next day" count from the story, not the publication date
    assert find_dates("جاءت الزيارة بعد تسعة أشهر من استقباله", WED) == []
    assert find_dates("وفي اليوم التالي غادر الوفد", WED) == []


def test_since_with_years_is_a_duration_not_a_date():
    assert find_dates("أول زيارة منذ 25 عاما", WED) == []


# -- false positives ------------------------------------------------------------------------------

def test_ams_does_not_fire_inside_words():
    assert find_dates("حضر الجمهور الأمسية الشعرية", WED) == []


def test_maghrebi_may_needs_a_word_boundary_and_context():
    assert find_dates("وقعت الحادثة في سماية والمايونيز", WED) == []
    assert one("وقعت الحادثة في 3 ماي 2021").value == "2021-05-03"
    assert find_dates("ماي سبيس موقع قديم", WED) == []


def test_maris_the_verb_is_not_march():
    assert find_dates("مارس الجيش ضغوطا كبيرة", WED) == []
    assert one("وفي مارس 2022 انسحبت القوات").value == "2022-03"
    assert one("جرت الانتخابات في شهر مارس").value == "2024-03"


def test_ahad_meaning_one_is_not_sunday():
    assert find_dates("قال أحد المسؤولين إن الوضع هادئ", WED) == []


def test_diacritics_and_tatweel_keep_offsets():
    text = "وصل الوفد غداً ثم عاد في 3 مايـو 2024 إلى بلاده"
    found = find_dates(text, WED)
    assert [e.text for e in found] == ["غداً", "3 مايـو 2024"]
    for e in found:
        assert text[e.start:e.end] == e.text


def test_clitics_are_left_out_of_the_span():
    e = one("وأمس قال الوزير")
    assert e.text == "أمس"
    e = one("وللعام الماضي نتائج")
    assert e.value == "2023"


def test_ordinal_day_words():
    e = one("دخل القانون حيز التنفيذ في الأول من يوليو 2023")
    assert (e.text, e.value) == ("الأول من يوليو 2023", "2023-07-01")
    assert one("وفي العاشر من مايو عاد الوفد").value == "2024-05-10"
    assert find_dates("هذا الأول من نوعه في المنطقة", WED) == []


def test_day_after_day_idiom_is_not_a_date():
    assert find_dates("تزداد المنطقة توترا يوما بعد يوم", WED) == []
    assert one("يصل الوفد بعد يومين").value == "2024-06-21"


def test_second_year_of_a_pair():
    assert values("بين عامي 2019 و2021 وأرسلت 2000 جندي") == ["2019", "2021"]


def test_day_word_with_yesterday():
    e = one("وقال يوم أمس إن الاتفاق قريب")
    assert (e.text, e.value) == ("يوم أمس", "2024-06-18")
