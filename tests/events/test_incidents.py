"""Incident mentions (ASSAULT, PROTEST): a report of the news is coded, a reference is not.

Our own sentences, one per rule of rasd.events.eventive."""
import pytest
from hypothesis import given, strategies as st

from rasd.document import Document
from rasd.events.coder import EventCoder
from rasd.events.eventive import CLASSES, Eventive, default_eventive, read_eventive
from rasd.pipeline import registry

from event_helpers import make_doc

DETECT = EventCoder(require_actor=False, dedup=False)
CODER = EventCoder()


def detected(text, plover):
    doc = Document.from_input(text=text)
    doc.language = "ar"
    return [e for e in DETECT.code(doc) if e.plover == plover and not e.hypothetical and not e.negated]


@pytest.mark.parametrize("text", [
    "هاجم مسلحون مركزا للشرطة في المدينة.",                       # finite past verb
    "وخطف مسلحون صحفيا أجنبيا قرب الحدود.",                        # finite خطف
    "أسفر انفجار سيارة مفخخة في السوق عن مقتل خمسة أشخاص.",         # indefinite noun + outcome
    "قتل ثلاثة جنود في هجوم على نقطة تفتيش.",                        # bare past verb
    "شن مسلحون هجوما على قافلة عسكرية أمس.",                        # support verb + fresh
    "أعلن مسؤول مقتل جنود على يد قوات مجهولة.",                     # perpetrator after the noun
    "أطلق مسلحون النار على حافلة تقل عمالا.",                       # opened fire
    "وقال الشهود إن انفجار عبوة ناسفة أدى إلى إصابة عشرة أشخاص.",  # explosion of a bomb + outcome
])
def test_reported_attacks_are_detected(text):
    assert detected(text, "ASSAULT"), text


@pytest.mark.parametrize("text", [
    "تغيرت السياسة الداخلية كثيرا منذ اغتيال الوزير قبل عامين.",    # background: منذ
    "بدأت محاكمة المتهمين بتفجير الفندق في العاصمة.",               # background: trial, accused
    "وأدان الرئيس الهجوم بشدة في كلمته.",                          # definite noun: a reference
    "وتحدث التقرير عن هجوم على قرية نائية.",                       # indefinite noun, no cue
    "تستهدف هذه الجماعات المدنيين في العادة.",                      # habitual present
    "تزايدت عمليات خطف الأجانب في المنطقة.",                        # خطف after a nominal cue
    "زار الوزير قبر الصحفي الذي اغتاله مجهولون.",                   # relative clause, background
    "في عام 2006 قتل آلاف الأشخاص في الحرب الأهلية.",               # a year-only date: history
    "شن النائب هجوما لاذعا على الحكومة في البرلمان.",                # a verbal attack
    "استيقظ السكان قبل فجر الجمعة على أصوات الأذان.",               # فجر = dawn, not blew up
])
def test_references_and_background_are_not_detected(text):
    assert not detected(text, "ASSAULT"), [e.meta for e in detected(text, "ASSAULT")]


@pytest.mark.parametrize("text", [
    "خرج آلاف المتظاهرين إلى شوارع العاصمة.",       # crowd noun + count + going out
    "تجمع مئات المحتجين أمام مبنى البرلمان.",        # crowd noun + gathering
    "تظاهر مئات الطلاب أمام وزارة التعليم.",         # protest verb
    "نظمت النقابات مظاهرة حاشدة في الميدان أمس.",     # indefinite protest noun + fresh cue
])
def test_reported_protests_are_detected(text):
    assert detected(text, "PROTEST"), text


@pytest.mark.parametrize("text", [
    "قال المتظاهرون إن مطالبهم واضحة.",             # a crowd noun alone is an actor
    "استقال الوزير احتجاجا على القرار.",             # احتجاجا: the reason of another act
    "ناقش البرلمان أسباب المظاهرات.",                 # definite noun: a reference
])
def test_protest_words_without_a_report_are_not_detected(text):
    assert not detected(text, "PROTEST"), text


def test_an_attack_by_unnamed_gunmen_gets_a_generic_source_not_the_sentences_first_actor():
    fn = registry()["events.code.v3"].factory({}, None)
    doc = fn(make_doc("هاجم مسلحون مجهولون مركزا حدوديا في أوكرانيا وأسفر الهجوم عن مقتل جنديين."))
    ev = [e for e in doc.events if e.plover == "ASSAULT" and e.meta["trigger"] == "هاجم"]
    assert ev and ev[0].source == "UAF" and ev[0].meta["incident"] == "finite"


def test_an_attack_without_any_actor_word_is_kept_without_a_source():
    fn = registry()["events.code.v3"].factory({}, None)
    doc = fn(make_doc("وقع انفجار سيارة مفخخة قرب السوق المركزي وأسفر عن مقتل سبعة."))
    ev = [e for e in doc.events if e.plover == "ASSAULT"]
    assert ev and ev[0].source is None


@pytest.mark.parametrize("text,source,target", [
    ("قتل مسلحون ثلاثة مدنيين في هجوم على قرية.", "UAF", "CVL"),
    ("أطلقت الشرطة النار على المتظاهرين في الساحة.", "COP", "CVL"),
    ("هاجم متمردون مواقع الجيش قرب الحدود.", "REB", "MIL"),
])
def test_generic_attackers_and_victims_get_agent_codes(text, source, target):
    ev = [e for e in CODER.code(make_doc(text)) if e.plover == "ASSAULT"]
    assert ev and (ev[0].source, ev[0].target) == (source, target), [(e.source, e.target) for e in ev]


def test_a_crowd_is_the_source_of_its_protest():
    ev = [e for e in CODER.code(make_doc("خرج آلاف المتظاهرين إلى شوارع القاهرة أمس.")) if e.plover == "PROTEST"]
    assert ev and ev[0].source == "CVL"


def test_sourceless_incidents_can_be_switched_off():
    text = "وقع انفجار سيارة مفخخة قرب السوق المركزي وأسفر عن مقتل سبعة."
    on = registry()["events.code.v3"].factory({}, None)(make_doc(text))
    off = registry()["events.code.v3"].factory({"sourceless": []}, None)(make_doc(text))
    assert [e for e in on.events if e.plover == "ASSAULT"]
    assert not [e for e in off.events if e.plover == "ASSAULT"]


def test_incident_check_applies_only_to_the_configured_types():
    text = "وتحدث التقرير عن هجوم روسيا على أوكرانيا."
    strict = [e for e in CODER.code(make_doc(text)) if e.plover == "ASSAULT"]
    loose = [e for e in EventCoder(incident_types=()).code(make_doc(text)) if e.plover == "ASSAULT"]
    assert not strict
    assert loose and loose[0].source == "RUS" and loose[0].target == "UKR"


def test_named_attacker_and_victim_keep_their_codes():
    ev = [e for e in CODER.code(make_doc("قصفت روسيا مواقع في أوكرانيا أمس وقتلت ثلاثة مدنيين."))
          if e.plover == "ASSAULT"]
    assert ev and (ev[0].source, ev[0].target) == ("RUS", "UKR")


def test_eventive_file_rejects_an_unknown_class():
    with pytest.raises(ValueError):
        read_eventive("cue\tclass\tnotes\nأمس\tsoon\tx\n")


def test_eventive_prefix_and_multiword_cues():
    ev = Eventive(read_eventive("الليله الماضيه\tfresh\t\nاصيب*\toutcome\t\n"))
    cues = ev.find(["وقع", "الانفجار", "الليله", "الماضيه", "واصيب", "اثنان"])
    assert cues == {"fresh": [3], "outcome": [4]}


@given(st.lists(st.sampled_from(["امس", "الاف", "منذ", "قتلي", "واصيب", "هجوم", "في", "،", "المدينه",
                                 "الليله", "الماضيه", "عمليات", "شن"]), max_size=30))
def test_cue_indices_are_words_of_the_sentence(words):
    cues = default_eventive().find(words)
    assert set(cues) <= set(CLASSES)
    for idx in cues.values():
        assert all(0 <= k < len(words) for k in idx)
