"""Recall rules of the event coder, one of our own sentences (or a minimal pair) per rule."""
from event_helpers import _CODER, make_doc, triples


def code(text):
    return _CODER.code(make_doc(text))


# --- the giver of backing or aid named with من, the receiver as the subject of a receive verb

def test_backing_noun_takes_its_giver_from_min():
    got = triples(code("جاء ذلك في ظل الدعم الواسع لكييف من الولايات المتحدة."), "SUPPORT")
    assert got == {("USA", "SUPPORT", "UKR")}


def test_receive_verb_subject_is_the_recipient_of_backing_from_min():
    text = "حصلت إيران التي تخضع لعقوبات مشددة على دعم سياسي من روسيا، وفق مصادر."
    assert triples(code(text), "SUPPORT") == {("RUS", "SUPPORT", "IRN")}


def test_receive_verb_with_subject_before_it():
    text = "أوكرانيا تلقت مساعدات عسكرية من تركيا الشهر الماضي."
    assert triples(code(text), "AID") == {("TUR", "AID", "UKR")}


def test_receiver_is_never_the_giver_when_no_min_actor_is_named():
    # the recipient alone: no giver, so no event (never "Egypt gave aid")
    assert not [e for e in code("وحصلت مصر على مساعدات إنسانية لسكان الحدود.") if e.plover == "AID"]
    # without the receive verb the same noun keeps its giver
    assert ("EGY", "AID", "JOR") in triples(code("وقدمت مصر مساعدات إنسانية إلى الأردن."), "AID")


# --- a definite verbal noun that names new parties in its own phrase is a new event

def _doc_with(text, extra):
    """make_doc plus extra (name, kind, code, surface) actors, e.g. nisba adjectives."""
    from rasd.document import Actor, Span
    doc = make_doc(text)
    for name, kind, c, surf in extra:
        a = Actor(name=name, kind=kind, country=c, code=c)
        i = text.find(surf)
        while i >= 0:
            a.mentions.append(Span(i, i + len(surf), surf))
            i = text.find(surf, i + 1)
        doc.actors.append(a)
    return doc


NISBAS = [("United States", "country", "USA", "الأمريكي"), ("China", "country", "CHN", "الصيني")]


def test_definite_meeting_between_new_parties_is_not_a_back_reference():
    text = ("زار بوتين كوريا الشمالية أمس. وقد جرى اللقاء الذي حدث مؤخرا بين الرئيسين الأمريكي "
            "والصيني عبر الفيديو.")
    got = triples(_CODER.code(_doc_with(text, NISBAS)), "CONSULT")
    assert ("RUS", "CONSULT", "PRK") in got
    assert ("USA", "CONSULT", "CHN") in got or ("CHN", "CONSULT", "USA") in got


def test_definite_meeting_noun_without_new_parties_still_refers_back():
    text = "زار بوتين كوريا الشمالية أمس. وأثار اللقاء قلق الولايات المتحدة."
    got = [e for e in code(text) if e.plover == "CONSULT"]
    assert len(got) == 1 and got[0].meta["trigger"] == "زار"


def test_definite_noun_followed_by_a_named_actor_is_not_its_genitive():
    # a definite noun takes no genitive: the actor after it (introduced by بحسب) is not the visitor
    text = "زار بوتين كوريا الشمالية أمس. وتهدف الزيارة بحسب الأمم المتحدة إلى تعزيز العلاقات."
    got = triples(code(text), "CONSULT")
    assert got == {("RUS", "CONSULT", "PRK")}


def test_agency_after_bihasab_is_no_genitive_of_a_verbal_noun():
    text = "وأثارت زيارة بحسب الأمم المتحدة إلى إيران جدلا واسعا."
    assert not [e for e in code(text) if e.source == "UN"]


# --- the لـ actor of a modal is the agent of the verbal noun after it

def test_modal_with_li_actor_gives_the_agent_of_the_verbal_noun():
    got = [e for e in code("يمكن لروسيا توفير الإمدادات الغذائية لكوريا الشمالية.") if e.plover == "AID"]
    assert [(e.source, e.target, e.hypothetical) for e in got] == [("RUS", "PRK", True)]


def test_modal_agent_rule_needs_the_modal_word():
    # the same لـ actor after another word is a recipient, not an agent
    text = "وجاء ذلك بعد وصول الدعم لروسيا توفير الإمدادات الغذائية لكوريا الشمالية."
    assert not [e for e in code(text) if e.plover == "AID" and e.source == "RUS"]
