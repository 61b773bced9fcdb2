"""What the speed work relies on: the stop flag and the payloads by kind of KB candidates follow
their payloads; a family name alone later in the text (also after a glued preposition) is a mention."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.actors import ner
from rasd.actors.unknown import UnknownFinder, _kb_nisba

SENTENCES = [
    "وقال الرئيس المصري عبد الفتاح السيسي إن القاهرة ترحب بالمبادرة، وإن مصر لن تتخلى عن دورها.",
    "وأكد وزير الخارجية الأمريكي في مؤتمر صحفي مع نظيره الفرنسي أن واشنطن وباريس تتفقان على ذلك.",
    "وقالت الوزارة إن الحكومة العراقية تدرس الأمر، بينما رفض البرلمان في بغداد المقترح.",
]
WORDS = [w for s in SENTENCES for w in s.replace("،", " ").replace(".", " ").split()] + ["في", "من", "على", "و"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_candidate_stop_flag_and_kinds_follow_the_payloads(matcher, words):
    text = " ".join(words)
    for c in matcher.candidates(text):
        assert c.stop == any(p.kind == "stop" for p in c.payloads)
        assert set(c.by_kind) == {p.kind for p in c.payloads}
        for kind, ps in c.by_kind.items():
            assert ps == [p for p in c.payloads if p.kind == kind]


def test_sentences_give_candidates_of_several_kinds(matcher):
    kinds = set()
    for s in SENTENCES:
        for c in matcher.candidates(s):
            kinds |= set(c.by_kind)
    assert {"entry", "title", "nisba"} <= kinds


def test_family_name_alone_later_is_a_mention_with_clitics():
    finder = UnknownFinder(nisba=_kb_nisba(), tagger=None, use_ner=False)
    body = ("وقال أستاذ العلوم السياسية في جامعة القاهرة حسن نافعة إن الحوار ضروري.\n"
            "وأضاف نافعة أن الوقت ينفد، وقد نقل ذلك لنافعة مساعده. ويرى محللون أن القاهرة حذرة.")
    actors = finder.find(body)
    person = next(a for a in actors if a.name_ar == "حسن نافعة")
    texts = [m.text for m in person.mentions]
    assert texts[0] == "حسن نافعة"
    assert texts.count("نافعة") == 2  # the bare one and the one after لـ (the clitic left out)
    for m in person.mentions:
        assert body[m.start:m.end] == m.text


# --------------------------------------------------------------------------- numpy tokenizer path

_ALPHABET = (
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآءؤئپگ") + list("َُِّْـًٌٍ") + ["\u200c", "\u200d", "\u0670"]
    + list("abcXYZ0123456789٠١٢٣") + list(" ،.؟!:\"«»()-/,٫٬…") + ["\n", "\t", "\r", "\u00a0", "\u3000", "\u2028"]
    + ["\U0001F600", "_"]
)


def _regex_token_arrays(text):
    """The tokens by the regex alone (what token_arrays gave before its numpy path)."""
    return [(m.group(), m.start(), m.end()) for m in ner._TOKEN_RE.finditer(text)]


# without the underscore, the emoji and most digits: long texts that mostly take the numpy path
_ALPHABET_NP = [ch for ch in _ALPHABET if ch not in "_\U0001F600" and not ch.isdigit()] + ["7", "٣"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), min_size=ner._NP_MIN, max_size=1200))
def test_long_texts_tokenise_as_the_regex(text):
    assert list(zip(*ner.token_arrays(text))) == _regex_token_arrays(text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET_NP), min_size=ner._NP_MIN, max_size=1200))
def test_numpy_path_tokens_are_the_regex_tokens(text):
    got = ner._token_arrays_np(text)
    assert got is not None
    if not ner._NUM_SEQ.search(text):  # where the path is taken
        assert list(zip(*got)) == _regex_token_arrays(text)
    assert list(zip(*ner.token_arrays(text))) == _regex_token_arrays(text)


def test_numpy_path_serves_long_plain_arabic_and_numbers_keep_their_separators():
    plain = "قال المتحدث باسم الحكومة، في بيان صدر مساء الأحد: «لن نتراجع»." * 5
    assert ner._token_arrays_np(plain) is not None and len(plain) >= ner._NP_MIN
    assert list(zip(*ner.token_arrays(plain))) == _regex_token_arrays(plain)
    numbers = plain + " وبلغت الخسائر 1,250 مليونا بنسبة 3.5 في المئة في 2023/10."
    texts = ner.token_arrays(numbers)[0]
    assert {"1,250", "3.5", "2023/10"} <= set(texts)
    assert list(zip(*ner.token_arrays(numbers))) == _regex_token_arrays(numbers)
