"""Search keys: normalised words plus their proclitic-free base forms.

Both the indexed text and the query go through the same normalisation
(:func:`rasd.normalize.normalize_text`), so "الأمم المتحدة", "الامم المتحده" and "الأمـم المتّحدة"
are the same words; the ``stems`` column holds each word without its proclitics (و ف ب ك ل ال لل …)
so "روسيا" also finds "لروسيا" and "وروسيا".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..normalize import normalize_text

_WORD = re.compile(r"[0-9A-Za-z\u0621-\u064A\u0671-\u06D3]+")
# longest first; a prefix is stripped only when at least three letters remain
_PROCLITICS = sorted(
    ["وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
     "وب", "وك", "ول", "فب", "فك", "فل", "و", "ف", "ب", "ك", "ل"],
    key=len, reverse=True,
)


def words(text: str) -> list[str]:
    return split_words(normalize_text(text))


# the same words with a lookup table over code points (numpy): every character outside ``_WORD``
# becomes a space, then ``str.split``; about twice as fast as the regex on an article-sized text
_WORD_RANGES = ((0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0x621, 0x64A), (0x671, 0x6D3))
_FAST_MIN = 256
try:
    import numpy as _np

    _KEEP = _np.full(_WORD_RANGES[-1][1] + 2, 32, dtype=_np.uint32)  # the last entry (a space) takes
    for _lo, _hi in _WORD_RANGES:  # every code point above the table ("clip" mode)
        _KEEP[_lo:_hi + 1] = _np.arange(_lo, _hi + 1, dtype=_np.uint32)
except ImportError:  # pragma: no cover
    _np = None


def split_words(norm: str) -> list[str]:
    """The words (``_WORD`` runs) of already-normalised text."""
    if _np is None or len(norm) < _FAST_MIN:
        return _WORD.findall(norm)
    cps = _np.frombuffer(norm.encode("utf-32-le", "surrogatepass"), dtype=_np.uint32)
    return _KEEP.take(cps, mode="clip").tobytes().decode("utf-32-le").split()


@lru_cache(maxsize=1 << 17)
def base_form(word: str) -> str:
    for p in _PROCLITICS:
        if word.startswith(p) and len(word) - len(p) >= 3:
            return word[len(p):]
    return word


def search_key(text: str) -> str:
    """Normalised words of ``text`` separated by spaces (the indexed body/title)."""
    return " ".join(words(text))


def stems_key(text: str) -> str:
    """Proclitic-free base forms of the words of ``text``."""
    return stems_of(words(text))


class _BaseForms(dict):
    """word -> :func:`base_form`, filled on first sight (a dict lookup per word, in C, on the write path)."""

    def __missing__(self, word: str) -> str:
        if len(self) >= 1 << 18:  # bounded: a long-running ingest meets an open vocabulary
            self.clear()
        b = self[word] = base_form(word)
        return b


_BASE_FORMS = _BaseForms()


def stems_of(ws: list[str]) -> str:
    """``stems_key`` of already-normalised words (as :func:`words` returns them)."""
    return " ".join(map(_BASE_FORMS.__getitem__, ws))


@dataclass(frozen=True)
class Term:
    text: str  # normalised word or phrase
    phrase: bool

    def fts5(self) -> str:
        if self.phrase:
            return '"' + self.text + '"'
        b = base_form(self.text)
        return f'("{self.text}" OR stems : "{b}")'


def query_terms(query: str) -> list[Term]:
    """Words of a query (ANDed); text in double quotes is one phrase."""
    terms: list[Term] = []
    for m in re.finditer(r'"([^"]+)"|(\S+)', query):
        if m.group(1) is not None:
            ws = words(m.group(1))
            if len(ws) > 1:
                terms.append(Term(" ".join(ws), True))
            elif ws:
                terms.append(Term(ws[0], False))
        else:
            terms.extend(Term(w, False) for w in words(m.group(2)))
    return terms
