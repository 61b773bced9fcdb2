"""Document-level date links (rasd.events.links): dates an event takes from another event of the
same article — counted from it, placed during it, carried by "جاء ذلك", told right after it, or
told in the history paragraph of a written year. Our own sentences."""
import pytest

from event_helpers import _CODER, make_doc

pytest.importorskip("rasd.timex")


def events(text, published=None, plover=None):
    return [e for e in _CODER.code(make_doc(text, published)) if plover is None or e.plover == plover]


def test_a_count_from_an_event_told_before_dates_the_later_visit():
    text = ("التقى بوتين كيم جونغ أون في فلاديفوستوك في 13 سبتمبر 2023.\n"
            "وحلّت الصين ضيفة على المنتدى.\n"
            "جاءت زيارة بوتين إلى كوريا الشمالية في منتصف يونيو بعد تسعة أشهر من استقباله كيم في روسيا.")
    ev = [e for e in events(text, plover="CONSULT") if e.meta["date_from"] == "arith-linked"]
    assert ev and ev[0].date == "2024-06" and ev[0].meta["date_precision"] == "month"


def test_a_count_from_an_event_of_another_type_is_not_made():
    text = ("فرضت الولايات المتحدة عقوبات على إيران في 3 مارس 2023.\n"
            "جاءت زيارة بوتين إلى كوريا الشمالية في منتصف يونيو بعد تسعة أشهر من استقباله كيم في روسيا.")
    ev = [e for e in events(text, plover="CONSULT") if "منتصف" in e.sentence]
    assert ev and all(e.date is None for e in ev)


def test_an_act_during_the_latest_visit_takes_that_visits_date_told_later():
    text = ("وقّع بوتين مع كيم اتفاقا للدفاع المشترك خلال زيارته الأخيرة إلى بيونغ يانغ.\n"
            "وفي عام 2000 زار بوتين كوريا الشمالية.\n"
            "وكانت زيارة بوتين إلى كوريا الشمالية في 19 يونيو 2024.")
    ev = events(text, plover="AGREE")
    assert ev and ev[0].date == "2024-06-19" and ev[0].meta["date_from"] == "linked"


def test_a_visit_of_other_parties_does_not_date_the_act():
    text = ("وقّعت تركيا ومصر اتفاقا تجاريا خلال الزيارة.\n"
            "وكانت زيارة بوتين إلى كوريا الشمالية في 19 يونيو 2024.")
    ev = events(text, plover="AGREE")
    assert ev and ev[0].date is None


def test_ja_a_dhalika_carries_its_date_to_the_sentence_before():
    text = ("اتهمت إيران إسرائيل بشن هجوم على منشأة نووية. "
            "جاء ذلك في بيان لوزارة الخارجية الإيرانية يوم 12 أبريل 2024.")
    ev = events(text, plover="ACCUSE")
    assert ev and ev[0].date == "2024-04-12" and ev[0].meta["date_from"] == "carried"


def test_ja_a_dhalika_after_a_dated_visit_carries_the_visits_date():
    text = ("زار بوتين كوريا الشمالية في 19 يونيو 2024.\n"
            "اتهمت أوكرانيا كوريا الشمالية بتزويد روسيا بالذخائر. "
            "جاء ذلك عقب زيارة بوتين إلى بيونغ يانغ.")
    ev = events(text, plover="ACCUSE")
    assert ev and ev[0].date == "2024-06-19" and ev[0].meta["date_from"] == "carried"


def test_a_sentence_without_the_carry_phrase_dates_nothing_before_it():
    text = ("اتهمت إيران إسرائيل بشن هجوم على منشأة نووية. "
            "وصدر بيان لوزارة الخارجية الإيرانية يوم 12 أبريل 2024.")
    ev = events(text, plover="ACCUSE")
    assert ev and ev[0].date is None


def test_the_two_leaders_agreement_after_their_dated_meeting_takes_its_date():
    text = ("التقى بوتين كيم جونغ أون في فلاديفوستوك في 13 سبتمبر 2023. "
            "واتفق الزعيمان على تعميق التعاون بين روسيا وكوريا الشمالية.")
    ev = [e for e in events(text) if e.plover in ("AGREE", "COOPERATE")]
    assert ev and all(e.date == "2023-09-13" and e.meta["date_from"] == "aftermath" for e in ev)


def test_an_ongoing_state_in_the_imperfect_is_not_dated_by_the_meeting():
    text = ("التقى بوتين كيم جونغ أون في فلاديفوستوك في 13 سبتمبر 2023. "
            "وتتعاون روسيا مع كوريا الشمالية في مجالات كثيرة.")
    ev = events(text, plover="COOPERATE")
    assert ev and all(e.date is None for e in ev)


def test_an_act_told_long_after_the_meeting_is_not_dated_by_it():
    text = ("التقى بوتين كيم جونغ أون في فلاديفوستوك في 13 سبتمبر 2023. "
            "وتحدثت الصحف عن الاقتصاد. وارتفعت أسعار النفط. وتراجع الذهب. "
            "ووقعت روسيا وكوريا الشمالية اتفاقية دفاع مشترك.")
    ev = events(text, plover="AGREE")
    assert ev and ev[0].date is None


def test_a_history_paragraph_goes_on_in_its_written_year():
    text = ("عندما تولى بوتين الرئاسة في عام 2000، سعى إلى تجديد العلاقات. "
            "وكان بوتين أول زعيم روسي يزور كوريا الشمالية.")
    ev = events(text, plover="CONSULT")
    assert ev and ev[0].date == "2000" and ev[0].meta["date_from"] == "continued"


def test_a_new_paragraph_does_not_go_on_in_the_year_before():
    text = ("عندما تولى بوتين الرئاسة في عام 2000، سعى إلى تجديد العلاقات.\n"
            "وزار بوتين كوريا الشمالية.")
    ev = events(text, plover="CONSULT")
    assert ev and ev[0].date is None


def test_hypothetical_events_are_never_linked():
    text = ("زار بوتين كوريا الشمالية في 19 يونيو 2024. "
            "وقد توقع روسيا وكوريا الشمالية اتفاقية دفاع مشترك.")
    ev = events(text, plover="AGREE")
    assert ev and all(e.date is None for e in ev if e.hypothetical)


def test_mentions_of_one_event_keep_the_one_that_writes_its_date():
    text = ("وقّع بوتين مع كيم اتفاقا خلال زيارته الأخيرة إلى بيونغ يانغ.\n"
            "وجاءت زيارة بوتين إلى كوريا الشمالية في 19 يونيو 2024.")
    ev = [e for e in events(text, plover="CONSULT") if e.date == "2024-06-19"]
    assert len(ev) == 1 and ev[0].meta["date_from"] == "text"


def test_talks_between_other_leaders_do_not_take_the_date_of_a_visit_sharing_one_party():
    text = ("زار بوتين كوريا الشمالية في 19 يونيو 2024.\n"
            "وعقد بوتين والرئيس الصيني قمة عبر الفيديو.\n"
            "واتهمت الولايات المتحدة روسيا بدعم الحرب خلال المحادثات بين الصين وروسيا.")
    ev = events(text, plover="ACCUSE")
    assert ev and ev[0].date is None


def test_the_event_counted_from_does_not_take_the_result_of_the_count():
    text = ("التقى بوتين كيم جونغ أون في فلاديفوستوك في 13 سبتمبر 2023.\n"
            "ويأتي توقيع الاتفاق بعد أسبوع من زيارة قام بها بوتين إلى كوريا الشمالية.")
    ev = [e for e in events(text, plover="CONSULT") if "أسبوع" in e.sentence]
    assert all(e.date is None for e in ev)
