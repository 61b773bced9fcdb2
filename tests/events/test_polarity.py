"""Each negation and speculation cue, with our own sentences."""
import pytest

from event_helpers import _CODER, make_doc


def events(text, plover=None):
    return [e for e in _CODER.code(make_doc(text)) if plover is None or e.plover == plover]


@pytest.mark.parametrize("text", [
    "لم تزر روسيا كوريا الشمالية هذا العام.",
    "لن يزور بوتين كوريا الشمالية.",
    "لا تدعم الصين روسيا في هذا الملف.",
    "ليس توقيع اتفاقية بين مصر والأردن واردا.",
    "وقالت مصر إن الأردن تجاهل الأمر دون أن تدين مصر الأردن.",
    "عدم توقيع اتفاقية بين مصر والأردن أثار الاستغراب.",
])
def test_negation_cues_mark_the_event_negated(text):
    ev = [e for e in events(text) if e.plover != "REJECT"]
    assert ev and all(e.negated for e in ev), [(e.plover, e.negated) for e in ev]


def test_a_denial_is_a_reject_event_and_negates_the_denied_act():
    ev = events("نفت روسيا أنها زودت كوريا الشمالية بالأسلحة.")
    reject = [e for e in ev if e.plover == "REJECT"]
    aid = [e for e in ev if e.plover == "AID"]
    assert reject and reject[0].source == "RUS" and not reject[0].negated
    assert aid and aid[0].negated and aid[0].source == "RUS" and aid[0].target == "PRK"


def test_present_tense_denial_tanfi_is_recognised():
    ev = events("اتهمت الولايات المتحدة روسيا بالتصعيد. وتنفي موسكو وبيونغ يانغ تبادل الأسلحة.")
    rejects = {(e.source, e.target) for e in ev if e.plover == "REJECT"}
    assert ("RUS", "USA") in rejects  # the target of a denial is the last accuser


@pytest.mark.parametrize("text", [
    "قد تزور روسيا كوريا الشمالية الشهر المقبل.",
    "ربما يزور بوتين كوريا الشمالية.",
    "من المحتمل أن يزور بوتين كوريا الشمالية.",
    "من المرجح أن تفرض الولايات المتحدة عقوبات على إيران.",
    "يمكن أن تقدم الصين مساعدات لإيران.",
    "في حال هاجمت روسيا أوكرانيا سترد الولايات المتحدة.",
    "تعتزم اليابان توقيع اتفاقية مع الولايات المتحدة.",
    "تسعى تركيا إلى توقيع اتفاقية مع مصر.",
    "عبرت اليابان عن مخاوف من أن تقدم روسيا مساعدات لكوريا الشمالية.",
    "سيزور بوتين كوريا الشمالية.",
    "ومن المقرر أن يجتمع كيم مع بوتين.",
])
def test_speculation_and_intention_cues_mark_the_event_hypothetical(text):
    ev = [e for e in events(text) if e.plover != "ACCUSE"]
    assert ev and all(e.hypothetical for e in ev), [(e.plover, e.hypothetical) for e in ev]


def test_qad_with_a_past_verb_means_already_and_is_factual():
    ev = events("وقد زار بوتين كوريا الشمالية.")
    assert ev and not ev[0].hypothetical and not ev[0].negated


def test_a_plain_event_is_neither_negated_nor_hypothetical():
    ev = events("زار بوتين كوريا الشمالية أمس.")
    assert ev and not ev[0].hypothetical and not ev[0].negated


@pytest.mark.parametrize("text", [
    "ويعتقد الباحث أن زيارة بوتين إلى كوريا الشمالية تعني الكثير.",
    "ويرى المحلل أن عقوبات الولايات المتحدة على إيران لن تنجح.",
])
def test_verbal_nouns_under_an_opinion_verb_are_not_coded(text):
    assert events(text) == [], [(e.plover, e.meta["trigger"]) for e in events(text)]


def test_a_finite_verb_reported_by_a_speech_verb_is_still_coded():
    assert [e for e in events("وقال المتحدث إن روسيا زودت كوريا الشمالية بالذخائر.") if e.plover == "AID"]


def test_a_draft_agreement_is_not_an_agreement_made():
    ev = [e for e in events("احتج المزارعون على مشروع اتفاقية التجارة الحرة بين الصين وروسيا.")
          if e.plover == "AGREE"]
    assert ev and all(e.hypothetical for e in ev)
    signed = [e for e in events("وقعت الصين وروسيا اتفاقية للتجارة الحرة.") if e.plover == "AGREE"]
    assert signed and not any(e.hypothetical for e in signed)


def test_likelihood_cues_govern_their_whole_an_clause_despite_a_long_subject():
    text = "ومن المتوقع أن تعقد تركيا وفرنسا وألمانيا وبريطانيا اجتماعا مع إيران الأسبوع المقبل."
    ev = events(text, "CONSULT")
    assert ev and all(e.hypothetical for e in ev)
    # a new clause after a comma is out of the cue's reach
    text2 = "ومن المتوقع أن ترتفع الأسعار، والتقت تركيا إيران أمس."
    assert [e.hypothetical for e in events(text2, "CONSULT")] == [False]


def test_a_denial_governs_its_own_clause_not_the_next_actors_verb():
    ev = events("نفت إيران تزويد روسيا بالصواريخ وأوكرانيا تتهمها بالكذب.")
    acc = [e for e in ev if e.plover == "ACCUSE"]
    assert acc and acc[0].source == "UKR" and not acc[0].negated
    # coordinated actors inside the denied act stay in its scope
    denied = [e for e in events("نفت إيران أنها زودت روسيا والصين بالصواريخ.") if e.plover != "REJECT"]
    assert all(e.negated for e in denied)
