"""A visit noun after خلال/أثناء with no visitor of its own is made by the subject of its clause
(cues.tsv kind during); a prepositional actor is never a sentence's main subject."""
from event_helpers import _CODER, make_doc, triples


def code(text):
    return _CODER.code(make_doc(text))


def consult(text):
    return triples(code(text), "CONSULT")


def test_visit_after_khilal_takes_the_distant_speaker_as_visitor():
    text = "وأوضح بوتين في مؤتمر صحفي خلال زيارة رسمية لإيران أن الأمور تسير بشكل جيد."
    assert consult(text) == {("RUS", "CONSULT", "IRN")}


def test_visit_after_athnaa_with_the_subject_after_the_visit_phrase():
    text = "أثناء زيارة رسمية لإيران، أكد بوتين أن الأمور تسير بشكل جيد."
    assert consult(text) == {("RUS", "CONSULT", "IRN")}


def test_pronoun_speaker_takes_the_previous_sentences_subject_not_the_destination():
    text = ("انتقد بوتين سياسة الولايات المتحدة. "
            "وأوضح في مؤتمر صحفي خلال زيارة رسمية لإيران أن الأمور تسير بشكل جيد.")
    assert consult(text) == {("RUS", "CONSULT", "IRN")}


def test_visit_without_khilal_keeps_needing_a_near_visitor():
    # the same far speaker with a visit that is only mentioned, not the frame of the statement
    text = "وأوضح بوتين في مؤتمر صحفي عقده في الكرملين أن زيارة رسمية لإيران مقررة."
    assert ("RUS", "CONSULT", "IRN") not in consult(text)


def test_host_verb_between_subject_and_visit_is_not_read_as_the_visitor():
    # the host (Putin) receives; the visit phrase does not make him the visitor of Iran
    text = "استقبل بوتين الوزير المصري في الكرملين خلال زيارة رسمية لإيران."
    got = [e for e in code(text) if e.plover == "CONSULT" and e.meta.get("attribution") == "during-visit"]
    assert got == []


def test_possessive_visit_keeps_its_own_owner():
    text = "وأوضح بوتين في مؤتمر صحفي خلال زيارتها لإيران أن الأمور جيدة، في إشارة إلى الصين."
    got = [e for e in code(text) if e.plover == "CONSULT"]
    assert all(e.meta.get("attribution") != "during-visit" for e in got)
