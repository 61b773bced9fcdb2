"""Unnamed actors of incident reports: "هاجم مسلحون …" → source ``UAF`` (unidentified armed forces).

Attack and protest reports rarely name their actors: gunmen, security forces, protesters, civilians.
For the coder's incident types (ASSAULT, PROTEST) an argument the actor matcher could not fill is
taken from ``rasd/data/events/generic_actors.tsv`` (word → CAMEO agent code):

- source of a finite verb: the first generic noun in the three words after it (VSO: "قتل مسلحون"),
  else the word right before it (SVO: "المتظاهرون رشقوا"); a crowd noun trigger ("خرج آلاف
  المتظاهرين") is its own source;
- target of an attack: the first generic noun after the trigger (and after its source) within six
  words, before a clause break ("فقتلت ثلاثة مدنيين" → CVL).

Quantities between the verb and the noun (ثلاثة، آلاف، عشرات، 15) are skipped.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..normalize import normalize_text
from .lexicon import strip_clitics

_BREAK = frozenset({"،", ",", ":", '"', "في", "من", "الي", "علي", "عن", "ان", "انه", "انها", "الذي",
                    "التي", "الذين", "بعد", "قبل", "خلال"})
_QUANT = frozenset({"الاف", "الوف", "مئات", "عشرات", "ثلاثه", "اربعه", "خمسه", "سته", "سبعه", "ثمانيه",
                    "تسعه", "عشره", "اثنين", "اثنان", "عدد", "نحو", "حوالي", "اكثر", "اقل", "بضعه",
                    "عده", "الف", "مئه", "مائه"})


_TARGET_PREPS = frozenset({"علي", "ضد"})  # "أطلقت الشرطة النار على المتظاهرين"


@dataclass(frozen=True)
class Generic:
    code: str
    name: str
    i: int  # first word index
    j: int  # last word index


def read_generic(text: str) -> dict[tuple[str, ...], tuple[str, str]]:
    out: dict[tuple[str, ...], tuple[str, str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = (line.split("\t") + ["", "", ""])[:3]
        form, code, name = (c.strip() for c in cols)
        if form == "form":
            continue
        if not code.isalpha() or not code.isupper():
            raise ValueError(f"generic_actors.tsv line {n}: code {code!r} is not a CAMEO agent code")
        out[tuple(normalize_text(w) for w in form.split())] = (code, name or code)
    return out


class GenericActors:
    def __init__(self, table: dict[tuple[str, ...], tuple[str, str]]):
        self.table = table
        self.max_len = max((len(k) for k in table), default=1)

    def at(self, words: list[str], k: int) -> Generic | None:
        """The generic actor starting at word ``k`` (clitics allowed on its first word)."""
        if not 0 <= k < len(words):
            return None
        first = (words[k], strip_clitics(words[k]))
        for n in range(min(self.max_len, len(words) - k), 0, -1):
            rest = tuple(words[k + 1:k + n])
            for f in first:
                hit = self.table.get((f,) + rest)
                if hit:
                    return Generic(hit[0], hit[1], k, k + n - 1)
        return None

    def after(self, words: list[str], start: int, limit: int,
              through: frozenset[str] = frozenset()) -> Generic | None:
        """The first generic actor in ``words[start:start+limit]``, skipping quantities and stopping
        at a clause break."""
        for k in range(start, min(len(words), start + limit)):
            w = words[k]
            g = self.at(words, k)
            if g is not None:
                return g
            if w in _BREAK and w not in through:
                return None
            if w.isdigit() or w in _QUANT or strip_clitics(w) in _QUANT:
                continue
        return None

    def source(self, words: list[str], ti: int, kind: str, role: str) -> Generic | None:
        if role == "crowd":
            g = self.at(words, ti)
            return g or Generic("CVL", "protesters", ti, ti)
        if kind not in ("past", "pres"):
            return None
        g = self.after(words, ti + 1, 3)
        if g is not None:
            return g
        return self.at(words, ti - 1) if ti > 0 else None

    def target(self, words: list[str], ti: int, source: Generic | None) -> Generic | None:
        start = (source.j + 1) if source is not None and source.i > ti else ti + 1
        g = self.after(words, start, 6, _TARGET_PREPS)
        if g is not None and (source is None or g.code != source.code):
            return g
        return None


@lru_cache(maxsize=2)
def default_generic() -> GenericActors:
    text = resources.files("rasd.data").joinpath("events/generic_actors.tsv").read_text("utf-8")
    return GenericActors(read_generic(text))
