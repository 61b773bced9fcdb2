"""Offset-keeping sentence splitting for Arabic news.

A sentence ends at . ؟ ? ! ؛ ; or a line break. A full stop does not end a sentence between two
digits (3.5), after a single Latin or Arabic letter (أ. محمد, U.S.), or inside a run of dots that
is followed by a lower-case continuation. Every sentence is ``(start, end)`` into the text, with
surrounding white space trimmed, so ``text[start:end]`` is the sentence itself.
"""
from __future__ import annotations

import re

_END = re.compile(r"[.؟?!؛;\n]+")
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_ALNUM = re.compile(r"[^\W_]")  # a character for which str.isalnum() holds


def _is_abbreviation(text: str, i: int) -> bool:
    """True when the full stop at ``text[i]`` is part of a number or an abbreviation."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if prev.isdigit() and nxt.isdigit():
        return True
    m = _WORD_BEFORE.search(text, max(0, i - 12), i)
    if m and len(m.group(1)) == 1 and m.end() == i:
        return True  # single letter before the dot: an initial
    return False


# the last text split and its sentences: the coder, the date linker and the classifier split the
# same body one after the other (replaced as one tuple, so safe across threads)
_LAST: list = [("", ())]


def split_sentences(text: str) -> list[tuple[int, int]]:
    last = _LAST[0]
    if last[0] is text or (len(last[0]) == len(text) and last[0] == text):
        return list(last[1])
    spans = _split(text)
    _LAST[0] = (text, tuple(spans))
    return spans


def _split(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        if m.group() == "." and _is_abbreviation(text, m.start()):
            continue
        end = m.end()
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace()):
        end -= 1
    if end > start and _ALNUM.search(text, start, end):
        spans.append((start, end))
