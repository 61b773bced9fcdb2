"""Event dates: resolved against the publication date, never invented."""
import pytest

from event_helpers import _CODER, make_doc

pytest.importorskip("rasd.timex")


def first(text, published=None, plover=None):
    ev = [e for e in _CODER.code(make_doc(text, published)) if plover is None or e.plover == plover]
    assert ev, text
    return ev[0]


def test_explicit_full_date_in_the_sentence():
    e = first("زار بوتين كوريا الشمالية في 19 يونيو 2024.")
    assert e.date == "2024-06-19" and e.meta["date_precision"] == "day"


def test_relative_day_is_resolved_against_the_publication_date():
    e = first("زار بوتين كوريا الشمالية أمس.", published="2024-06-20")
    assert e.date == "2024-06-19"


def test_relative_day_without_publication_date_stays_null():
    assert first("زار بوتين كوريا الشمالية أمس.").date is None


def test_lead_news_of_the_day_takes_the_publication_date():
    e = first("زار الرئيس الروسي فلاديمير بوتين كوريا الشمالية في زيارة رسمية تستغرق يومين.",
              published="2024-06-20")
    assert e.date == "2024-06-20" and e.meta["date_precision"] == "day"
    assert e.meta["date_from"] == "published"


def test_undated_event_after_the_lead_stays_null_even_with_a_publication_date():
    text = ("وصل وفد تجاري ياباني إلى العاصمة في جولة تشمل عدة مدن وموانئ. "
            "وفي سياق آخر فرضت الولايات المتحدة عقوبات على إيران.")
    e = first(text, published="2024-06-20", plover="SANCTION")
    assert e.date is None


def test_lead_without_publication_date_stays_null():
    assert first("زار الرئيس الروسي فلاديمير بوتين كوريا الشمالية في زيارة رسمية تستغرق يومين.").date is None


def test_hypothetical_lead_event_gets_no_publication_date():
    e = first("قال مسؤول إن بوتين قد يزور كوريا الشمالية في إطار جولة آسيوية طويلة.",
              published="2024-06-20", plover="CONSULT")
    assert e.hypothetical and e.date is None


def test_weekday_in_a_past_report_is_resolved_against_the_publication_date():
    e = first("وفي سياق متصل التقى بوتين كيم جونغ أون الثلاثاء في بيونغ يانغ.", published="2024-06-20")
    assert e.date == "2024-06-18" and e.meta["date_from"] == "text"


def test_event_during_a_dated_visit_takes_the_visits_date():
    text = ("زار بوتين كوريا الشمالية في 19 يونيو 2024 في أول زيارة منذ عقود. "
            "ووقعت روسيا وكوريا الشمالية اتفاقية دفاع مشترك خلال الزيارة.")
    ev = [e for e in _CODER.code(make_doc(text)) if e.plover == "AGREE"]
    assert ev and ev[0].date == "2024-06-19" and ev[0].meta["date_from"] == "linked"


def test_what_the_two_parties_did_right_after_their_dated_meeting_takes_its_date():
    text = ("زار بوتين كوريا الشمالية في 19 يونيو 2024 في أول زيارة منذ عقود. "
            "ووقعت روسيا وكوريا الشمالية اتفاقية دفاع مشترك.")
    ev = [e for e in _CODER.code(make_doc(text)) if e.plover == "AGREE"]
    assert ev and ev[0].date == "2024-06-19" and ev[0].meta["date_from"] == "aftermath"


def test_a_pluperfect_act_after_a_meeting_does_not_borrow_its_date():
    text = ("زار بوتين كوريا الشمالية في 19 يونيو 2024 في أول زيارة منذ عقود. "
            "وكانت روسيا وكوريا الشمالية قد وقعتا اتفاقية دفاع مشترك.")
    ev = [e for e in _CODER.code(make_doc(text)) if e.plover == "AGREE"]
    assert ev and ev[0].date is None


def test_background_fact_keeps_its_own_year():
    e = first("في عام 2012 ألغت روسيا معظم ديون كوريا الشمالية.", published="2024-06-20")
    assert e.plover == "AID" and e.date == "2012" and e.meta["date_precision"] == "year"


def test_month_and_year():
    e = first("فرضت الولايات المتحدة عقوبات على إيران في مارس 2023.", published="2024-06-20")
    assert e.date == "2023-03"


def test_date_of_another_sentence_is_not_borrowed():
    e = first("وصل الوفد في 3 مايو 2024. وزار بوتين كوريا الشمالية.", plover="CONSULT")
    assert e.date is None


from hypothesis import given, settings, strategies as st  # noqa: E402

from rasd.events.dates import may_hold_a_date  # noqa: E402
from rasd.timex import find_dates  # noqa: E402

_VOCAB = ["زار", "الوزير", "العاصمة", "أمس", "اليوم", "الثلاثاء", "الماضي", "في", "يونيو", "2024", "١٩",
          "منتصف", "الشهر", "العام", "بعد", "يومين", "وفي", "بالأمس", "الأسبوع", "المقبل", "مطلع", "عام",
          "ذو", "الحجة", "هـ", "كانون", "الثاني", "صباح", "الخميس", "و", "،", "قبل", "ثلاثة", "أشهر"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=12))
def test_the_date_prefilter_never_hides_a_time_expression(words):
    text = " ".join(words)
    if find_dates(text, None) or find_dates(text, __import__("datetime").date(2024, 6, 20)):
        assert may_hold_a_date(text)


def test_the_date_prefilter_skips_a_sentence_without_time_words():
    assert not may_hold_a_date("ناقش الوزيران التعاون الاقتصادي بين البلدين.")


def test_date_counted_from_a_date_in_the_previous_sentence():
    text = ("التقى بوتين الزعيم الكوري كيم جونغ أون في 13 سبتمبر 2023. "
            "وبعد تسعة أشهر من ذلك اللقاء زار بوتين كوريا الشمالية.")
    ev = _CODER.code(make_doc(text, None))
    visit = [e for e in ev if e.meta.get("trigger") == "زار"]
    assert visit and visit[0].date == "2024-06" and visit[0].meta["date_precision"] == "month"
    meet = [e for e in ev if e.meta.get("trigger") == "التقى"]
    assert meet and meet[0].date == "2023-09-13"


def test_month_without_year_takes_the_year_of_a_count_in_its_sentence():
    e = first("زار بوتين كوريا الشمالية في منتصف يونيو بعد تسعة أشهر من استقباله كيم جونغ أون "
              "في 13 سبتمبر 2023.")
    assert e.date == "2024-06" and e.meta["date_precision"] == "month"


def test_count_from_an_undated_event_gives_no_date():
    e = first("زار بوتين كوريا الشمالية بعد تسعة أشهر من استقباله كيم جونغ أون.")
    assert e.date is None
