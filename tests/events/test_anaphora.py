"""Pronoun arguments resolved by grammatical gender, and stated intentions to cooperate (AGREE 03).

Our own sentences; each asserts the (source, PLOVER type, target) triples the coder gives.
"""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from event_helpers import triples
from rasd.events.anaphora import FEM, MASC, mention_gender, pronoun_gender, read_genders, resolve, verb_gender
from rasd.events.arguments import Mention


# -- gender of verbs, pronouns and actor mentions --------------------------------------------------
@pytest.mark.parametrize("kind,prefix,suffix,expected", [
    ("past", "", "ت", FEM),      # قالت
    ("past", "و", "تها", FEM),   # وزارتها
    ("past", "", "", MASC),      # قال
    ("past", "", "ه", MASC),     # زاره
    ("past", "", "وا", None),    # قالوا
    ("past", "", "تا", None),    # اتفقتا (dual)
    ("pres", "ست", "", FEM),     # ستوقع
    ("pres", "ي", "ها", MASC),   # يدعمها
    ("pres", "ي", "ون", None),   # يقولون
    ("noun", "ال", "", None),
])
def test_verb_gender_from_inflection(kind, prefix, suffix, expected):
    assert verb_gender(kind, prefix, suffix) == expected


@pytest.mark.parametrize("suffix,expected", [("ها", FEM), ("تها", FEM), ("ه", MASC), ("هم", None), ("هما", None)])
def test_pronoun_gender_of_suffix(suffix, expected):
    assert pronoun_gender(suffix) == expected


@pytest.mark.parametrize("kind,surface,adj,expected", [
    ("person", ["بوتين"], False, MASC),
    ("country", ["روسيا"], False, FEM),
    ("country", ["العراق"], False, MASC),       # listed exception in gender.tsv
    ("country", ["والاردن"], False, MASC),      # clitics stripped before lookup (normalised words)
    ("organization", ["مجلس", "الامن"], False, MASC),
    ("organization", ["منظمه", "التحرير"], False, FEM),
    ("organization", ["الامم", "المتحده"], False, FEM),
    ("country", ["الروسيه"], True, FEM),        # nisba agrees with its head noun
    ("country", ["الروسي"], True, MASC),
])
def test_mention_gender_defaults_and_exceptions(kind, surface, adj, expected):
    assert mention_gender(kind, surface, adj) == expected


def test_gender_table_rejects_a_bad_gender():
    with pytest.raises(ValueError):
        read_genders("form\tgender\nسودان\tx\n")


@given(st.lists(st.sampled_from([MASC, FEM, None]), min_size=0, max_size=6), st.sampled_from([MASC, FEM]))
def test_resolve_returns_an_agreeing_antecedent_or_the_main_subject(genders, g):
    ants = [Mention(-1, -1, f"C{k}", None, gender=x) for k, x in enumerate(genders)]
    main = [Mention(0, 0, "MAIN", None, gender=MASC if g == FEM else FEM)]  # disagrees
    out = resolve(g, main, ants)
    agreeing = [m for m in ants if m.gender == g]
    assert out == (agreeing[:1] if agreeing else main)


# -- pronoun subjects and objects in sentences ------------------------------------------------------
def test_feminine_pronoun_object_refers_to_the_last_state_not_the_person(code):
    text = "زار بوتين الصين الأسبوع الماضي. وقال كيم إنه يدعمها بقوة."
    assert ("PRK", "SUPPORT", "CHN") in triples(code(text))


def test_masculine_pronoun_object_refers_to_the_person_of_the_previous_sentence(code):
    text = "وصل بوتين إلى القاهرة أمس. وأعلنت مصر أنها ستوقع اتفاقية معه."
    assert triples(code(text)) == {("EGY", "AGREE", "RUS")}


def test_object_pronoun_on_the_verb_beats_a_later_prepositional_actor(code):
    text = "زار كيم موسكو الأسبوع الماضي. وكانت الولايات المتحدة قد حذرته من التعاون مع روسيا."
    assert ("USA", "THREATEN", "PRK") in triples(code(text))
    assert ("USA", "THREATEN", "RUS") not in triples(code(text))


def test_host_verb_with_object_pronoun_and_subject_after_it(code):
    text = "وصل كيم إلى موسكو. واستقبله بوتين في الكرملين."
    assert triples(code(text)) == {("RUS", "CONSULT", "PRK")}


def test_feminine_pronoun_after_preposition_refers_to_the_state_of_the_sentence(code):
    text = "قالت إيران إن كيم زارها ووقع معها اتفاقية."
    assert triples(code(text)) == {("PRK", "CONSULT", "IRN"), ("PRK", "AGREE", "IRN")}


def test_verbal_noun_with_possessive_is_not_read_as_a_verb_with_object(code):
    # "دعمها" = her support (a noun with a possessive), not "he supported her"
    assert triples(code("فقدت كوريا الشمالية دعمها الرئيسي بعد الحرب.")) == set()


# -- stated intentions to cooperate: AGREE 03 (gold rule "Stated intent to cooperate") -------------
@pytest.mark.parametrize("text,expected", [
    ("تعتزم روسيا تطوير التعاون مع كوريا الشمالية.", {("RUS", "AGREE", "PRK")}),
    ("أكدت مصر أنها عازمة على تعزيز العلاقات مع الأردن.", {("EGY", "AGREE", "JOR")}),
    ("قالت الصين إنها مستعدة لتعميق الشراكة مع إيران.", {("CHN", "AGREE", "IRN")}),
    ("سعت تركيا إلى تجديد العلاقات مع مصر.", {("TUR", "AGREE", "EGY")}),
    ("ستواصل موسكو بناء علاقات متبادلة المنفعة مع بيونغ يانغ.", {("RUS", "AGREE", "PRK")}),
])
def test_intention_to_cooperate_is_coded_as_agree(code, text, expected):
    evs = code(text)
    assert triples(evs) == expected
    assert all(e.cameo.startswith("03") and not e.hypothetical for e in evs)


def test_strengthening_relations_without_intention_is_not_coded(code):
    # a standing state (no intention cue): the relations noun alone codes nothing
    assert triples(code("تعزز روسيا علاقاتها مع الصين.")) == set()


def test_intention_before_a_non_cooperation_trigger_makes_it_hypothetical(code):
    evs = code("تعتزم اليابان فرض عقوبات على روسيا.")
    assert triples(evs) == {("JPN", "SANCTION", "RUS")}
    assert all(e.hypothetical for e in evs)


def test_planned_joint_drills_stay_cooperation_not_intent(code):
    evs = code("تسعى الولايات المتحدة إلى إجراء تدريبات مشتركة مع اليابان.")
    assert triples(evs) == {("USA", "COOPERATE", "JPN")}
    assert all(e.hypothetical for e in evs)


def test_actual_cooperation_stays_cooperate(code):
    evs = code("أجرت اليابان تدريبات مشتركة مع الولايات المتحدة.")
    assert triples(evs) == {("JPN", "COOPERATE", "USA")}


def test_a_plural_demonym_is_never_the_antecedent_of_a_singular_pronoun():
    from rasd.events.anaphora import FEM, MASC, mention_gender

    assert mention_gender("country", ["الفلسطينيين"]) is None
    assert mention_gender("country", ["الاوكرانيون"]) is None
    assert mention_gender("country", ["فلسطين"]) == FEM
    assert mention_gender("country", ["الروسي"], adj=True) == MASC


def test_his_country_is_the_state_of_the_person_before_it():
    from event_helpers import _CODER, make_doc

    doc = make_doc("أوضح بوتين أنه يتطلع لمرحلة جديدة، ملمحًا إلى عزم بلاده تطوير التعاون مع كوريا الشمالية.")
    got = {(e.source, e.plover, e.target) for e in _CODER.code(doc)}
    assert ("RUS", "AGREE", "PRK") in got


def test_his_country_takes_the_person_of_an_earlier_sentence_and_names_the_state_actor():
    from event_helpers import _CODER, make_doc

    doc = make_doc("تحدث كيم جونغ أون طويلا أمام البرلمان في كوريا الشمالية. "
                   "وقال إن بلاده ترفض العقوبات التي فرضتها الولايات المتحدة.")
    ev = [e for e in _CODER.code(doc) if e.plover == "REJECT"]
    assert ev and ev[0].source == "PRK" and ev[0].source_actor == "North Korea"


def test_her_country_needs_a_feminine_owner():
    from rasd.events.anaphora import homeland_mentions
    from rasd.events.arguments import Mention

    class A:
        def __init__(self, kind):
            self.kind = kind

    putin = Mention(0, 0, "RUS", A("person"), gender="m")
    words = ["قال", "بوتين", "ان", "بلادها", "ترفض"]
    putin.i = putin.j = 1
    assert homeland_mentions(words, [putin], [], {}) == []
    words[3] = "لبلاده"
    got = homeland_mentions(words, [putin], [], {})
    assert [(m.i, m.code, m.prep, m.gender) for m in got] == [(3, "RUS", True, "f")]
