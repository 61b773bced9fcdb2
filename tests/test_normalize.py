"""Normalisation for matching: folding rules and the offset map back into the original text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.normalize import NormText, fold_spaces, normalize, normalize_text

# Characters that exercise every rule: letters, marks, controls, digits, quotes, ligatures.
_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    "أإآٱىیکڪگةەۀؤئء"
    "\u064b\u064c\u064e\u064f\u0650\u0651\u0652\u0670\u0640"  # tanwin, harakat, shadda, sukun, tatweel
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202c\u2066\u2069\ufeff\u00ad"  # zero-width and bidi
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789"
    "“”«»‘’„\"'"
    "ﻻﻷﷲﷺﺍ"  # presentation forms (one expands to several letters)
    " \u00a0\u2009\n\t.,:؛،؟!-"
    "AbcZ"
)
texts = st.text(alphabet=_ALPHABET, max_size=60)


def test_persian_letters_fold_to_arabic():
    assert normalize_text("کلمات دلالیة") == normalize_text("كلمات دلالية")
    assert normalize_text("کوریا") == "كوريا"


def test_alef_forms_maqsura_and_ta_marbuta_fold():
    assert normalize_text("أإآٱ") == "اااا"
    assert normalize_text("على") == "علي"
    assert normalize_text("مدرسة") == "مدرسه"


def test_diacritics_tatweel_and_controls_are_removed():
    assert normalize_text("إقرأ أيضاً") == "اقرا ايضا"
    assert normalize_text("آسيــا") == "اسيا"
    assert normalize_text("مُحَمَّد\u200f\u200c") == "محمد"


def test_digits_separators_and_quotes():
    assert normalize_text("٢٠٢٤/٠٦/١٩") == "2024/06/19"
    assert normalize_text("۱۴۰۳") == "1403"
    assert normalize_text("٣٫٥٪") == "3.5%"
    assert normalize_text("“زواج مصلحة” «نعم»") == '"زواج مصلحه" "نعم"'


def test_unicode_spaces_become_plain_spaces_and_latin_lowercases():
    assert normalize_text("Close\u00a0This\u2009Box") == "close this box"


def test_ligature_expands_and_maps_back_to_the_ligature():
    n = normalize("قال ﻻ شيء")
    i = n.text.index("لا")
    assert n.to_original(i, i + 2) == (4, 5)


def test_match_in_normalised_text_maps_back_onto_the_original_word():
    original = "قالَ الرئيسُ إنّ المُفاوضاتِ «ناجحة»"
    n = normalize(original)
    i = n.text.index("المفاوضات")
    s, e = n.to_original(i, i + len("المفاوضات"))
    assert original[s:e] == "المُفاوضات"
    assert normalize_text(original[s:e]) == "المفاوضات"


def test_fold_spaces_collapses_runs():
    assert fold_spaces("  أ  \n ب\tج ") == "أ ب ج"


@settings(max_examples=300, deadline=None)
@given(texts)
def test_offset_map_is_monotone_and_the_same_length_as_the_text(text):
    n = normalize(text)
    assert isinstance(n, NormText)
    assert n.text == normalize_text(text)
    assert len(n.offsets) == len(n.text)
    assert all(0 <= o < len(text) for o in n.offsets)
    assert list(n.offsets) == sorted(n.offsets)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_each_normalised_character_comes_from_its_mapped_original_character(text):
    n = normalize(text)
    for i, ch in enumerate(n.text):
        assert ch in normalize_text(text[n.offsets[i]])


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_mapping_a_span_back_lands_on_the_same_characters(text, data):
    n = normalize(text)
    start = data.draw(st.integers(0, len(n.text)))
    end = data.draw(st.integers(start, len(n.text)))
    s, e = n.to_original(start, end)
    assert 0 <= s <= e <= len(text)
    back = normalize_text(text[s:e])
    # the original span normalises to the matched text; only a span cutting through a ligature's
    # expansion is widened to the whole ligature
    assert n.text[start:end] in back
    aligned_start = start == 0 or start == len(n.text) or n.offsets[start - 1] != n.offsets[start]
    aligned_end = end in (0, len(n.text)) or n.offsets[end] != n.offsets[end - 1]
    if aligned_start and aligned_end:
        assert back == n.text[start:end]
    if start == end:
        assert s == e


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ابتثجحخدكلمنهوي .،", max_size=40), st.text(alphabet=_ALPHABET, max_size=20))
def test_a_word_found_in_normalised_text_maps_back_to_an_original_with_that_word(word, noise):
    text = noise + word + noise
    n = normalize(text)
    target = normalize_text(word)
    i = n.text.find(target)
    assert i >= 0
    s, e = n.to_original(i, i + len(target))
    assert normalize_text(text[s:e]).endswith(target) or target in normalize_text(text[s:e])
