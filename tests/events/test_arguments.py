"""One of our own sentences per argument-attribution rule (source, PLOVER type, target)."""
import pytest

from event_helpers import triples


@pytest.mark.parametrize("text,expected", [
    # VSO: verb, subject, object
    ("زار الرئيس بوتين كوريا الشمالية.", {("RUS", "CONSULT", "PRK")}),
    # SVO: subject before the verb
    ("روسيا تدين الهجوم على إيران.", {("RUS", "ACCUSE", "IRN")}),
    # verbal noun + genitive + prepositional host
    ("أثارت زيارة بوتين إلى كوريا الشمالية جدلا.", {("RUS", "CONSULT", "PRK")}),
    # "بين X و Y" with a symmetric trigger
    ("انطلقت محادثات بين مصر والأردن في العاصمة.", {("EGY", "CONSULT", "JOR")}),
    # coordinated subjects of a symmetric verb: the first named is the source
    ("وقعت روسيا والصين اتفاقية للتجارة.", {("RUS", "AGREE", "CHN")}),
    # prepositional targets على / ضد / مع / إلى / لـ
    ("فرضت الولايات المتحدة عقوبات على إيران.", {("USA", "SANCTION", "IRN")}),
    ("أجرت اليابان تدريبات مشتركة مع الولايات المتحدة.", {("JPN", "COOPERATE", "USA")}),
    ("أرسلت تركيا مساعدات إنسانية إلى مصر.", {("TUR", "AID", "EGY")}),
    ("قدمت الصين مساعدات لإيران.", {("CHN", "AID", "IRN")}),
])
def test_basic_word_orders_and_prepositions(code, text, expected):
    assert triples(code(text)) == expected


def test_coordination_gives_one_event_per_listed_source():
    text = "يتواصل تزويد الناتو واليابان وكوريا الجنوبية كييف بالأسلحة."
    assert triples(code_(text)) == {("NATO", "AID", "UKR"), ("JPN", "AID", "UKR"), ("KOR", "AID", "UKR")}


def test_coordination_gives_one_event_per_listed_target():
    text = "روسيا توسع التعاون العسكري مع كل من كوريا الشمالية والصين وإيران."
    assert triples(code_(text)) == {("RUS", "COOPERATE", c) for c in ("PRK", "CHN", "IRN")}


def test_dual_anaphor_refers_to_the_two_parties_of_the_story():
    text = ("استقبل الأردن وفدا من مصر. وقالت مصر إن الأردن شريك. "
            "وأعلن مسؤول توقيع اتفاقية بين البلدين.")
    agree = [e for e in code_(text) if e.plover == "AGREE"]
    assert len(agree) == 1 and {agree[0].source, agree[0].target} == {"JOR", "EGY"}
    assert agree[0].meta["attribution"] == "between"


def test_dual_verb_without_subject_takes_the_two_parties():
    text = "زار بوتين كوريا الشمالية. وقال كيم إن روسيا حليف. واتفقتا على تعزيز العلاقات."
    ev = code_(text)
    agree = [e for e in ev if e.plover == "AGREE"]
    assert agree and {agree[0].source, agree[0].target} == {"RUS", "PRK"}


def test_passive_frame_takes_the_agent_from_ala_yad():
    text = "أعلن مسؤول مقتل جنود من أوكرانيا على يد قوات روسيا."
    ev = [e for e in code_(text) if e.plover == "ASSAULT"]
    assert ev and ev[0].source == "RUS" and ev[0].target == "UKR"


def test_reported_speech_codes_the_embedded_event_as_the_speakers_claim():
    ev = code_("قال بوتين إن أوكرانيا هاجمت روسيا.")
    assert triples(ev) == {("UKR", "ASSAULT", "RUS")}
    assert ev[0].meta["claimed_by"] == "Vladimir Putin"


def test_plural_verb_has_a_pronoun_subject_so_the_next_actor_is_its_object():
    text = "وتحدث مسؤولو الولايات المتحدة للصحفيين، واتهموا كوريا الشمالية بدعم روسيا."
    assert ("USA", "ACCUSE", "PRK") in triples(code_(text))


def test_accusation_does_not_code_the_alleged_act_as_a_fact():
    ev = code_("اتهمت الولايات المتحدة كوريا الشمالية بتزويد روسيا بالصواريخ.")
    assert triples(ev) == {("USA", "ACCUSE", "PRK")}


def test_relative_clause_subject_is_the_antecedent():
    text = "كانت كوريا الشمالية من الدول التي صوتت ضد قرار الأمم المتحدة."
    assert ("PRK", "REJECT", "UN") in triples(code_(text))


def test_offsets_point_at_the_sentence_and_the_trigger():
    text = "مقدمة قصيرة. وفرضت الولايات المتحدة عقوبات على إيران."
    doc_events = code_(text)
    e = doc_events[0]
    assert text[e.start:e.end] == e.sentence == "وفرضت الولايات المتحدة عقوبات على إيران."
    assert text[e.meta["trigger_start"]:e.meta["trigger_end"]] == e.meta["trigger"] == "وفرضت"


from event_helpers import _CODER, make_doc  # noqa: E402


def code_(text, published=None):
    return _CODER.code(make_doc(text, published))
