"""The fast paths of actors.unknown.v1 and the NER give exactly what the plain implementations give.

Each test holds the straightforward version (the code before the speed work) as a reference and
compares it with the fast one on generated texts and on our own Arabic news sentences.
"""
from __future__ import annotations

import bisect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.actors import ner
from rasd.actors import unknown as U
from rasd.actors.unknown import (
    NotNames,
    UnknownFinder,
    _Ctx,
    _cover_flags_of,
    _kb_nisba,
    _match_descriptor,
    _toks,
    default_descriptors,
    default_not_names,
    descriptor_candidates,
)

# letters, diacritics, tatweel, joiners, digits of both kinds, punctuation, underscores and every
# kind of space (line breaks, NBSP, ideographic space, trailing runs)
ALPHABET = (
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآءؤئپگ") + list("َُِّْـًٌٍ") + ["\u200c", "\u200d", "\u0670"]
    + list("abcXYZ_0123456789٠١٢٣") + list(" ،.؟!:\"«»()-/,٫٬…") + ["\n", "\t", "\r", "\u00a0", "\u3000", "\u2028"]
)
TEXT = st.text(alphabet=st.sampled_from(ALPHABET), max_size=300)

SENTENCES = [
    "وقال الدبلوماسي الياباني كينجي ياماموتو إن المحادثات كانت صريحة.",
    "وأكد المتحدث باسم وزارة الدفاع الكورية الجنوبية كيم مين سوك أن الجيش في حالة تأهب.",
    "وقال أستاذ العلوم السياسية في جامعة القاهرة حسن نافعة إن الحوار ضروري.\nوأضاف نافعة أن الوقت ينفد.",
    "ياماموتو، الدبلوماسي الياباني، قال إن طوكيو قلقة. وأضاف ياماموتو أن القمة مهمة.",
    "وقال الخبير الروسي أناتولي سوروكين إن العلاقات قوية. وأضاف سوروكين أن الحوار مستمر.",
    "أعلن مركز رواق للأبحاث عن دراسة جديدة، وقالت الباحثة ليلى الجبوري إن النتائج مقلقة.",
    "التقى رئيس مجلس الدولة الصيني لي تشيانغ نظيره الألماني في برلين يوم الثلاثاء",
    "وصرح مسؤول في شركة Global Energy Partners بأن الإنتاج ارتفع بنسبة 3.5 بالمئة في 2024/10.",
]


# --------------------------------------------------------------------------- references

def ref_tokenize(text):
    return [(m.group(), m.start(), m.end()) for m in ner._TOKEN_RE.finditer(text)]


def ref_sentences(text, toks, max_len=120):
    """The sentence splitter as it was: a loop over Token objects (index ranges returned)."""
    out, cur, prev_end, first = [], 0, 0, 0
    for i, (w, s, e) in enumerate(toks):
        if cur and "\n" in text[prev_end:s]:
            out.append((first, i))
            cur = 0
        if not cur:
            first = i
        cur += 1
        prev_end = e
        if w in ner._SENT_END or cur >= max_len:
            out.append((first, i + 1))
            cur = 0
    if cur:
        out.append((first, len(toks)))
    return out


def ref_cover_flags(starts, ends, spans):
    spans = sorted(spans)
    out = [False] * len(starts)
    j = 0
    for i, (ts, te) in enumerate(zip(starts, ends)):
        while j < len(spans) and spans[j][1] <= ts:
            j += 1
        k = j
        while k < len(spans) and spans[k][0] < te:
            if spans[k][1] > ts:
                out[i] = True
                break
            k += 1
    return out


def ref_descriptor_starts(c):
    """Every token where a descriptor phrase matches (the loop over all tokens)."""
    return [i for i in range(len(c.toks)) if _match_descriptor(c, i)]


def ref_worth_tagging(c, sent, known):
    """The sentence gate as it was: two adjacent possible name words outside KB mentions."""
    i0 = c.index_of(sent[0].start)
    run = 0
    for i in range(i0, i0 + len(sent)):
        t = c.toks[i]
        if known[i]:
            run = 0
            continue
        ok = UnknownFinder._could_be_name(c, t)
        if ok and run and not c.body[c.toks[i - 1].end:t.start].strip():
            return True
        run = 1 if ok else 0
    return False


@pytest.fixture(scope="module")
def tagger():
    return ner.get_tagger()


@pytest.fixture(scope="module")
def finder(tagger):
    return UnknownFinder(nisba=_kb_nisba(), tagger=tagger)


# --------------------------------------------------------------------------- tokenizer, sentences

@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_token_arrays_are_the_regex_tokens(text):
    texts, starts, ends = ner.token_arrays(text)
    assert list(zip(texts, starts, ends)) == ref_tokenize(text)
    assert [tuple(t) for t in ner.tokenize(text)] == ref_tokenize(text)


def test_token_arrays_handle_underscores_and_trailing_space_runs():
    for text in ["كلمة_أخرى و_", "a_b __ c", "نص" + " " * 5000, "\n\n", "", "_"]:
        assert list(zip(*ner.token_arrays(text))) == ref_tokenize(text)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(min_value=1, max_value=6))
def test_sentence_bounds_are_the_sentences(text, max_len):
    texts, starts, ends = ner.token_arrays(text)
    toks = list(zip(texts, starts, ends))
    assert ner.sentence_bounds(text, texts, starts, ends, max_len) == ref_sentences(text, toks, max_len)
    # and the Token version still cuts the same sentences
    sents = ner.sentences(text, max_len=max_len)
    assert [(s[0].start, s[-1].end) for s in sents] == [
        (starts[a], ends[b - 1]) for a, b in ner.sentence_bounds(text, texts, starts, ends, max_len)]


# --------------------------------------------------------------------------- coverage flags

@settings(max_examples=300, deadline=None)
@given(TEXT, st.lists(st.tuples(st.integers(0, 320), st.integers(0, 40)), max_size=12))
def test_cover_flags_match_the_sweep(text, raw_spans):
    _, starts, ends = ner.token_arrays(text)
    spans = [(a, a + d) for a, d in raw_spans]
    assert _cover_flags_of(starts, ends, spans) == ref_cover_flags(starts, ends, spans)


# --------------------------------------------------------------------------- CRF features and tags

@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([w for s in SENTENCES for w in s.split()] + ["،", ".", "Xy", "2024", "ال"]),
                min_size=1, max_size=25))
def test_tagging_features_are_the_model_features_in_order(tagger, words):
    full = ner.sentence_features(words, tagger.gazetteer, tagger.clitics, tagger.names)
    fast = tagger.tagging_features(words)
    if tagger._attrs is None:
        assert fast == full
        return
    assert fast == [[f.encode("utf-8") for f in fs if f.encode("utf-8") in tagger._attrs] for fs in full]
    # crfsuite ignores unknown attributes: the same tags and marginals
    tags, probs = tagger.tag_tokens(words)
    with tagger._lock:
        ref_tags = tagger._tagger.tag(full)
        ref_probs = [tagger._tagger.marginal(t, i) if t != "O" else 1.0 for i, t in enumerate(ref_tags)]
    assert tags == list(ref_tags)
    assert probs == ref_probs


def test_model_attributes_are_read_completely(tagger):
    assert tagger._attrs is not None and len(tagger._attrs) > 1000


@pytest.mark.parametrize("text", SENTENCES + ["\n".join(SENTENCES)])
def test_entities_in_equals_find_entities(tagger, text):
    arrays = ner.token_arrays(text)
    bounds = ner.sentence_bounds(text, *arrays)
    sents = ner.sentences(text)
    for labels in (("PER", "ORG"), ("PER", "ORG", "LOC")):
        assert tagger.entities_in(text, arrays, bounds, labels) == tagger.find_entities(text, labels, sents=sents)


# --------------------------------------------------------------------------- unknown-actor helpers

def ref_descriptor_candidates(c):
    """descriptor_candidates as it was: _match_descriptor tried at every token."""
    out = []
    toks = c.toks
    i = 0
    while i < len(toks):
        n = _match_descriptor(c, i)
        if not n:
            i += 1
            continue
        j, country = U._skip_complement(c, i + n)
        e = U._name_forward(c, j)
        if e > j and not U._looks_like_name(c, j, e):
            e = j
        if e > j:
            out.append(U.Candidate(toks[j].start, toks[e - 1].end, "person", "descriptor", country, e - j))
            i = e
            continue
        if i >= 2 and toks[i - 1].text in ("،", ","):
            s = U._name_backward(c, i - 1)
            if s < i - 1 and (i - 1 - s >= 2 or c.per_cover[s]):
                out.append(U.Candidate(U._strip_offset(toks[s]), toks[i - 2].end, "person", "descriptor",
                                       country, i - 1 - s))
        i += n
    return out


@pytest.mark.parametrize("text", SENTENCES + ["\n".join(SENTENCES)])
def test_descriptor_candidates_equal_the_loop_over_every_token(text):
    toks = _toks(text)
    for per_cover in ([False] * len(toks), [True] * len(toks)):
        c = _Ctx(text, toks, per_cover, default_descriptors(), _kb_nisba(), ner.default_names())
        cands = descriptor_candidates(c)
        assert cands == ref_descriptor_candidates(c)


def test_the_descriptor_sentences_do_yield_candidates():
    found = 0
    for text in SENTENCES:
        toks = _toks(text)
        c = _Ctx(text, toks, [True] * len(toks), default_descriptors(), _kb_nisba(), ner.default_names())
        found += len(descriptor_candidates(c))
    assert found >= 4


def test_toks_carry_the_word_information():
    text = SENTENCES[0]
    toks = _toks(text)
    assert [(t.text, t.start, t.end) for t in toks] == ref_tokenize(text)
    assert _toks(text, ner.tokenize(text)) == toks
    for t in toks:
        assert text[t.start:t.end] == t.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابتثجحخدسعفلمنهوي")), min_size=1, max_size=9))
def test_not_name_patterns_combined_match_as_any_one(stem):
    nn = default_not_names()
    assert nn.pattern(stem) == any(p.match(stem) for p in nn.patterns)


def test_not_name_patterns_follow_added_patterns():
    nn = NotNames.load()
    assert not nn.pattern("زززز")
    nn.patterns.append(__import__("re").compile("ززز+\\Z"))
    assert nn.pattern("زززز")


@pytest.mark.parametrize("text", SENTENCES + ["\n".join(SENTENCES)])
def test_sentence_gate_matches_the_per_sentence_check(finder, text):
    """The gate over all sentences at once picks the sentences _worth_tagging picks one by one."""
    arrays = ner.token_arrays(text)
    texts, starts, ends = arrays
    toks = _toks(text)
    c = _Ctx(text, toks, [False] * len(toks), finder.desc, finder.nisba, finder.tagger.names, _starts=list(starts))
    for covered in ([], [(0, 12)], [(toks[1].start, toks[3].end)] if len(toks) > 3 else []):
        known = _cover_flags_of(starts, ends, covered)
        pairs = finder._pairs_of_name_words(finder._name_word_flags(c, known, texts))
        sents = ner.sentences(text)
        bounds = ner.sentence_bounds(text, *arrays)
        fast = [bisect.bisect_left(pairs, a + 1) < bisect.bisect_left(pairs, b) for a, b in bounds]
        assert fast == [ref_worth_tagging(c, s, known) for s in sents]
        assert fast == [finder._worth_tagging(c, s, known) for s in sents]
        if not covered and "\n" in text:
            assert any(fast)  # some sentences are tagged (the check is not vacuous)


def test_find_is_deterministic_across_calls(finder):
    text = "\n".join(SENTENCES)
    first = [(a.key, [(m.start, m.end) for m in a.mentions]) for a in finder.find(text)]
    again = [(a.key, [(m.start, m.end) for m in a.mentions]) for a in finder.find(text)]
    assert first == again and first


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_lazy_tokens_are_the_tokens(text):
    """The tokens made on first access equal the tokens made all at once, however they are read."""
    texts, starts, ends = ner.token_arrays(text)
    eager = _toks(text)
    lazy = U._LazyToks(texts, starts, ends, U._word_infos(texts))
    assert len(lazy) == len(eager)
    if eager:
        assert lazy[-1] == eager[-1] and lazy[len(eager) // 2] == eager[len(eager) // 2]
        assert lazy[1:3] == eager[1:3]
    assert list(lazy) == eager
    assert [lazy[i] for i in range(len(eager))] == eager
    with pytest.raises(IndexError):
        lazy[len(eager)]


@pytest.mark.parametrize("text", SENTENCES + ["\n".join(SENTENCES)])
def test_descriptor_candidates_on_lazy_tokens(text):
    arrays = ner.token_arrays(text)
    lazy = U._LazyToks(*arrays, U._word_infos(arrays[0]))
    toks = _toks(text)
    for per_cover in ([False] * len(toks), [True] * len(toks)):
        a = descriptor_candidates(_Ctx(text, lazy, per_cover, default_descriptors(), _kb_nisba(), ner.default_names()))
        b = ref_descriptor_candidates(_Ctx(text, toks, per_cover, default_descriptors(), _kb_nisba(), ner.default_names()))
        assert a == b
