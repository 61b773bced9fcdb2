"""The subject of an intention verb (سعى، تسعى، تعتزم …) is the agent of the intended act, also when
an adverb stands between them or the verb's subject is a pronoun after a subordinate clause."""
from event_helpers import _CODER, make_doc, triples


def code(text):
    return _CODER.code(make_doc(text))


def agree(text):
    return triples(code(text), "AGREE")


def test_adverb_between_intention_verb_and_act_keeps_the_subject():
    assert agree("سعى بوتين بشكل نشط إلى تجديد العلاقات مع إيران.") == {("RUS", "AGREE", "IRN")}


def test_intention_verb_after_a_when_clause_takes_its_subject():
    text = "عندما تولى بوتين الرئاسة في روسيا عام 2000، سعى بشكل نشط إلى تجديد العلاقات مع إيران."
    assert agree(text) == {("RUS", "AGREE", "IRN")}


def test_feminine_intention_verb_after_a_comma_takes_the_agreeing_actor():
    # سعت (f) after the meeting clause: Moscow, not the masculine Putin, is the one seeking
    text = "التقى بوتين بالرئيس الإيراني، ثم سعت موسكو بشكل حثيث إلى توسيع العلاقات مع إيران."
    got = [e for e in code(text) if e.plover == "AGREE"]
    assert [(e.source, e.target, e.source_actor) for e in got] == [("RUS", "IRN", "Moscow")]


def test_actor_named_between_cue_and_act_is_not_replaced():
    # the act's own agent (Egypt, right before it) wins over the cue's pronoun subject
    text = "عندما تولى بوتين الرئاسة، سعى إلى أن تعزز مصر العلاقات مع إيران."
    assert ("RUS", "AGREE", "IRN") not in agree(text)


def test_relations_without_an_intention_cue_stay_uncoded():
    assert agree("عندما تولى بوتين الرئاسة، كانت العلاقات مع إيران جيدة.") == set()
