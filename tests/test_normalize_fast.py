"""The vectorised path of ``normalize`` (long texts) gives exactly what the reference per-character
rules give: same text, same offset map, for every kind of character and any length."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import rasd.normalize as N
from rasd.normalize import TABLE, normalize, normalize_text

_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    "أإآٱىیکڪگةەۀؤئء"
    "\u064b\u064c\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202c\u2066\u2069\ufeff\u00ad"
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789"
    "“”«»‘’„\"'"
    "ﻻﻷﷲﷺﺍ"
    " \u00a0\u2009\n\t.,:؛،؟!-"
    "AbcZ😀\U0001F1F8"
)


def reference(text: str) -> tuple[str, tuple[int, ...]]:
    """The rules applied one character at a time (the definition the fast path must follow)."""
    out, offs = [], []
    for i, ch in enumerate(text):
        rep = TABLE.get(ord(ch), ch)
        out.append(rep)
        offs.extend([i] * len(rep))
    return "".join(out), tuple(offs)


long_texts = st.text(alphabet=_ALPHABET, min_size=N._FAST_MIN_OFFSETS, max_size=600)
plain_long = st.text(alphabet="ابتثجحخدكلمنهويأإةى «»،. \nABC٠١٢", min_size=N._FAST_MIN, max_size=600)


@settings(max_examples=300, deadline=None)
@given(st.one_of(long_texts, plain_long, st.text(min_size=N._FAST_MIN, max_size=400)))
def test_long_texts_normalise_exactly_as_the_per_character_rules(text):
    want_text, want_offs = reference(text)
    n = normalize(text)
    assert n.text == want_text
    assert n.offsets == want_offs
    assert isinstance(n.offsets, tuple) and all(type(o) is int for o in n.offsets)
    assert n.original_length == len(text)
    assert normalize_text(text) == want_text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=N._FAST_MIN + 40))
def test_short_and_long_paths_agree_around_the_switch_length(text):
    assert normalize(text) == N._normalize_slow(text)
    assert normalize_text(text) == text.translate(TABLE)


def test_article_with_diacritics_maps_every_word_back_to_the_original():
    body = ("قالَ وزيرُ الخارجيةِ إنّ المُفاوضاتِ «ناجحة» وإنّ الحوارَ سيستمرُّ خلال الأسبوعِ المقبل.\n" * 6)
    n = normalize(body)
    assert len(body) > N._FAST_MIN
    i = n.text.index("المفاوضات")
    s, e = n.to_original(i, i + len("المفاوضات"))
    assert body[s:e] == "المُفاوضاتِ"[:-1]  # the trailing kasra after the word is not part of it


def test_lone_surrogates_and_astral_characters_keep_their_offsets():
    body = "خبر عاجل \ud800 " + "😀" * 3 + " وقال الرئيس إن الاجتماع انتهى. " * 5
    n = normalize(body)
    assert n.text == reference(body)[0]
    assert n.offsets == reference(body)[1]
