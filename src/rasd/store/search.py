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
    return _WORD.findall(normalize_text(text))


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
    return " ".join(base_form(w) for w in words(text))


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
