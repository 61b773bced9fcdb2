"""The table-lookup word split (rasd.clean.wordsplit) equals the \\w+ regex, and the boilerplate line
keys built with it equal the keys of the regex."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.clean import boilerplate as B
from rasd.clean.wordsplit import find_words, word_mask
from rasd.normalize import normalize_text

_W = re.compile(r"\w+")
ALPHABET = (list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآءؤئ") + list("پچژگ٠١٢٩0123456789")
            + list("abcXYZéß_") + ["\u064e", "\u0651", "\u0640", "\u200c", "\u00b2", "\u00bd", "\U0001d400", "\ufefb"]
            + list(" \n\t\r.,،؛:!?\"'()-«»|•") + ["\u00a0", "\u2028", "\u0085"])
TEXT = st.text(alphabet=st.sampled_from(ALPHABET), max_size=500)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_find_words_equals_the_regex(text):
    assert find_words(text) == _W.findall(text)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_mask_keeps_lines_and_length(text):
    m = word_mask(text)
    if m is None:
        assert any(ord(c) >= 0x10000 for c in text)
        return
    assert len(m) == len(text)
    assert m.split("\n") and len(m.split("\n")) == len(text.split("\n"))
    for a, b in zip(m.split("\n"), text.split("\n")):
        assert a.split() == _W.findall(b)


def _reference_table(body):
    out, pos = [], 0
    for raw, norm in zip(body.split("\n"), normalize_text(body).split("\n")):
        text = raw[:-1] if raw.endswith("\r") else raw
        words = len(text.split())
        if not words:
            key = ""
        elif words <= B._LONG_WORDS:
            key = " ".join(_W.findall(norm))
        else:
            key = " ".join(_W.findall(norm[:200])[:12])
        out.append((pos, pos + len(text), text, key, words, norm))
        pos += len(raw) + 1
    return tuple(out)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_boilerplate_line_table_equals_the_regex_keys(text):
    assert B._build_line_table(text) == _reference_table(text)


def test_line_keys_of_an_arabic_page():
    body = ("الرئيسية | سياسة | اقتصاد\nقال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في عمّان،"
            " بحسب ما نقلت وكالة الأنباء الرسمية.\n\nاقرأ أيضاً: ملفات ساخنة على طاولة القمة" + " كلمة" * 70)
    table = B._build_line_table(body)
    assert table == _reference_table(body)
    assert table[0][3] == "الرءيسيه سياسه اقتصاد"
    assert len(table[3][3].split()) == 12
    assert B.is_menu(table[0][2]) and not B.is_menu(table[1][2])
