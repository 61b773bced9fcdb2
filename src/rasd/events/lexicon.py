"""The Arabic trigger lexicon (``rasd/data/events/triggers.tsv``) and its matcher.

Morphology choice: **stem + affix validation**. Each row lists stems (past and present stems for
verbs, singular and plural for nouns); one Aho-Corasick automaton finds every stem in the
normalised text, and a hit counts only when the rest of its word is an allowed clitic/inflection
prefix and suffix for that part of speech (و ف + ب ل ك + ال for nouns; و ف + س ل + ي ت ن ا for
present verbs; person/number and object-pronoun suffixes). No forms list is generated, so an
analyst adds one row per lemma.

File format (tab-separated, ``#`` comments)::

    forms   pos   cameo   complement   role   notes

- forms: verbs ``PAST[,PAST2]|PRES[,PRES2]`` (present stems without the person prefix, e.g.
  ``زار|زور``); nouns ``SING[,PLURAL...]``; several words separated by a space form one trigger.
- pos: ``verb`` or ``noun``.
- cameo: the CAMEO code (the PLOVER type comes from the ontology).
- complement: empty, or ``|``-separated stems of which one must occur within 7 words after (or
  3 before) the trigger; ``!``-prefixed stems forbid the row when they occur there.
  A row whose complement matches wins over a row without complement on the same words.
- role: argument frame (``agent`` default, ``sym`` symmetric, ``host``, ``deny``, ``accuse``,
  ``fear``, ``passive``), see :mod:`rasd.events.arguments`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import ahocorasick

from ..normalize import normalize_text

# -- affixes (normalised spelling) ---------------------------------------------------------
_CONJ = ("", "و", "ف")
NOUN_PREFIXES = frozenset(
    c + p + a for c in _CONJ for p in ("", "ب", "ل", "ك") for a in ("", "ال")
) | frozenset(c + "لل" for c in _CONJ)
_POSS = ("", "ه", "ها", "هم", "هما", "نا", "كم", "هن")  # no ي: X+ي is a nisba adjective
NOUN_SUFFIXES = frozenset(_POSS) | frozenset(
    {"ات", "اته", "اتها", "اتهم", "اتهما", "ين", "ان", "ا"}
)
TA_SUFFIXES = frozenset({"ه", "ات", "تين", "تان", "تي"} | {"ت" + p for p in _POSS if p} | {"ات" + p for p in _POSS})
PAST_PREFIXES = frozenset(_CONJ) | frozenset(c + "ل" for c in _CONJ)
PAST_SUFFIXES = frozenset(
    {"", "ت", "ا", "تا", "وا", "نا", "تم", "تن", "ن"}
    | {s + o for s in ("", "ت", "تا", "وا", "نا", "تم") for o in ("ه", "ها", "هم", "هما", "ك", "كم", "ني", "نا")}
    | {"وه", "وها", "وهم", "اه", "اها", "اهم"}
)
# no first-person singular ا (أزور): rare in news and it makes والتقني look like و+ا+لتق+ني
PRES_PREFIXES = frozenset(c + f + p for c in _CONJ for f in ("", "س", "ل") for p in ("ي", "ت", "ن"))
PRES_SUFFIXES = frozenset(
    {"", "ون", "ان", "ين", "ن", "وا", "ا"}
    | {s + o for s in ("", "ون", "ان", "ين", "وا", "ا", "ن") for o in ("ه", "ها", "هم", "هما", "ك", "كم", "ني", "نا")}
)


def is_word_char(ch: str) -> bool:
    o = ord(ch)
    return 0x0621 <= o <= 0x064A or 0x0671 <= o <= 0x06D3 or ch.isalnum()


@dataclass(frozen=True)
class TriggerRow:
    forms: str
    pos: str
    cameo: str
    complement: tuple[str, ...]
    forbid: tuple[str, ...]
    role: str
    notes: str
    line: int


@dataclass(frozen=True)
class TriggerHit:
    """A trigger found in normalised text: the word span ``(start, end)`` and the matched row."""

    start: int
    end: int
    stem_start: int
    stem_end: int
    row: TriggerRow
    kind: str  # noun | nounta | past | pres
    prefix: str
    suffix: str


def _split_forms(forms: str, pos: str) -> list[tuple[str, str]]:
    """``(stem, kind)`` pairs of a row's forms (kind: noun, past, pres)."""
    out = []
    if pos == "verb":
        parts = forms.split("|")
        for s in parts[0].split(","):
            if s.strip():
                out.append((normalize_text(s.strip()), "past"))
        for p in parts[1:]:
            for s in p.split(","):
                if s.strip():
                    out.append((normalize_text(s.strip()), "pres"))
    else:
        for s in forms.replace("|", ",").split(","):
            if s.strip():
                st = normalize_text(s.strip())
                if st.endswith("ه") and " " not in st:  # ta marbuta: زيارة زيارته زيارتين زيارات
                    out.append((st[:-1], "nounta"))
                else:
                    out.append((st, "noun"))
    return out


def read_rows(text: str) -> list[TriggerRow]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = (line.split("\t") + [""] * 6)[:6]
        forms, pos, cameo, comp, role, notes = (c.strip() for c in cols)
        if forms == "forms":
            continue  # header row
        if pos not in ("verb", "noun"):
            raise ValueError(f"triggers.tsv line {n}: pos must be verb or noun, not {pos!r}")
        if not cameo.isdigit():
            raise ValueError(f"triggers.tsv line {n}: cameo code {cameo!r} is not a code")
        comps = [normalize_text(c.strip()) for c in comp.split("|") if c.strip()]
        rows.append(TriggerRow(
            forms=forms, pos=pos, cameo=cameo,
            complement=tuple(c for c in comps if not c.startswith("!")),
            forbid=tuple(c[1:] for c in comps if c.startswith("!")),
            role=role or "agent", notes=notes, line=n,
        ))
    return rows


@lru_cache(maxsize=200_000)  # words recur: remembered
def strip_clitics(word: str) -> str:
    """The word without leading conjunction, preposition and article (for complement checks)."""
    w = word
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
    if len(w) > 3 and w.startswith("لل"):
        return w[2:]
    if len(w) > 3 and w[0] in "بلك":
        w = w[1:]
    if len(w) > 3 and w.startswith("ال"):
        w = w[2:]
    return w


class Lexicon:
    """Compiled trigger matcher (build once per pipeline)."""

    def __init__(self, rows: list[TriggerRow], exclude: frozenset[str] = frozenset()):
        self.rows = rows
        self.exclude = exclude
        self._ac = ahocorasick.Automaton()
        entries: dict[str, list[tuple[TriggerRow, str]]] = {}
        for row in rows:
            for stem, kind in _split_forms(row.forms, row.pos):
                entries.setdefault(stem, []).append((row, kind))
        for stem, lst in entries.items():
            self._ac.add_word(stem, (stem, lst))
        self._ac.make_automaton()
        # (stem, prefix, suffix) -> the (row, kind) pairs whose affix rules accept it
        self._affix_cache: dict[tuple[str, str, str], tuple] = {}

    @staticmethod
    def _affixes_ok(kind: str, stem: str, prefix: str, suffix: str) -> bool:
        if kind == "noun":
            if prefix not in NOUN_PREFIXES:
                return False
            return suffix in NOUN_SUFFIXES
        if kind == "nounta":
            return prefix in NOUN_PREFIXES and suffix in TA_SUFFIXES
        if kind == "past":
            return prefix in PAST_PREFIXES and suffix in PAST_SUFFIXES
        return prefix in PRES_PREFIXES and suffix in PRES_SUFFIXES

    def find(self, norm: str) -> list[TriggerHit]:
        """Every trigger hit in the normalised text, resolved by complement rules."""
        return [TriggerHit(*t) for t in self._resolve(norm, self._scan(norm))]

    def _scan(self, norm: str) -> list[tuple]:
        """Every stem hit whose affixes fit, as tuples of the :class:`TriggerHit` fields (a hit
        object is built only for the hits that survive :meth:`_resolve`)."""
        n = len(norm)
        raw: list[tuple] = []
        cache = self._affix_cache
        for end_idx, (stem, lst) in self._ac.iter(norm):
            s = end_idx - len(stem) + 1
            e = end_idx + 1
            ws = s
            while ws > 0 and norm[ws - 1].isalnum():
                ws -= 1
            if s - ws > 5:
                continue  # no prefix is longer than five letters
            we = e
            while we < n and norm[we].isalnum():
                we += 1
            if we - e > 6:
                continue
            if ws < s or we > e:
                word = norm[ws:we]
                if word in self.exclude:
                    continue
            elif norm[ws:we] in self.exclude:
                continue
            prefix, suffix = norm[ws:s], norm[e:we]
            key = (stem, prefix, suffix)
            ok = cache.get(key)
            if ok is None:
                ok = tuple((row, kind) for row, kind in lst if self._affixes_ok(kind, stem, prefix, suffix))
                if len(cache) < 100_000:
                    cache[key] = ok
            for row, kind in ok:
                raw.append((ws, we, s, e, row, kind, prefix, suffix))
        return raw

    def _resolve(self, norm: str, hits: list[tuple]) -> list[tuple]:
        """The winning hit of every word (tuples ``(start, end, stem_start, stem_end, row, kind,
        prefix, suffix)``), without those nested inside a longer (multi-word) hit."""
        by_word: dict[tuple[int, int], list[tuple]] = {}
        for h in hits:
            by_word.setdefault((h[0], h[1]), []).append(h)
        out: list[tuple] = []
        for (ws, we), lst in sorted(by_word.items()):
            ctx: str | None = None  # " w1 w2 …": a stem starts one of the words iff " "+stem occurs
            window: str | None = None  # text that holds every context word (see _absent)
            best: tuple | None = None
            best_score = -1
            for h in lst:
                r = h[4]
                if r.complement or r.forbid:
                    if ctx is None:
                        if window is None:
                            window = norm[max(0, ws - 60):we + 120]
                        # a stem absent from the window cannot start a context word: decided
                        # without building the context
                        if not _absent(r.forbid, window) or (r.complement and not _absent(r.complement, window)):
                            ctx = " " + " ".join(_context(norm, ws, we))
                        elif r.complement:
                            continue  # no complement stem around: the row does not apply
                        # else: no forbidden stem around and no complement needed: the row applies
                    if ctx is not None:
                        if r.forbid and any(f in ctx for f in _spaced(r.forbid)):
                            continue
                        if r.complement and not any(c in ctx for c in _spaced(r.complement)):
                            continue
                score = (2 if r.complement else 1) * 100 + (h[3] - h[2])
                if h[5] == "nounta" and h[7] == "ه":
                    score += 0.5  # تظاهرة: a noun in ة, not the verb تظاهر + "him"
                if score > best_score:
                    best, best_score = h, score
            if best is not None:
                out.append(best)
        # drop hits nested inside a longer (multi-word) hit
        out.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        kept: list[tuple] = []
        for h in out:
            if kept and h[0] < kept[-1][1] and h[1] <= kept[-1][1]:
                continue
            kept.append(h)
        return kept


@lru_cache(maxsize=4096)
def _spaced(stems: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" " + st for st in stems)


def _absent(stems: tuple[str, ...], window: str) -> bool:
    """True when no stem of ``stems`` can start a word of :func:`_context` for a trigger whose
    context lies in ``window``: every context word (with or without its clitics) is a substring of
    ``window``, so a stem without spaces that is not in ``window`` starts none of them. Stems
    with a space or other non-word character are never ruled out this way."""
    for st in stems:
        if st in window or not st.isalnum():
            return False
    return True


_WORD_RE = re.compile(r"\w+")
_SENT_END_RE = re.compile(r"[.؟?!؛;\n]")


def _context(norm: str, ws: int, we: int) -> list[str]:
    """Up to 7 words after and 3 before the trigger word (not across a sentence end), each as
    written and without its clitics."""
    m = _SENT_END_RE.search(norm, we, we + 120)
    after = _WORD_RE.findall(norm, we, m.start() if m else we + 120)[:7]
    lo = max(0, ws - 60)
    seg = norm[lo:ws]
    cut = max(seg.rfind(c) for c in ".؟?!؛;\n")
    before = _WORD_RE.findall(seg[cut + 1:])[-3:]
    out = after + before
    return out + [strip_clitics(w) for w in out]


def _read_data(name: str) -> str:
    return resources.files("rasd.data").joinpath(f"events/{name}").read_text("utf-8")


def read_exclusions(text: str) -> frozenset[str]:
    out = set()
    for line in text.splitlines():
        w = line.split("#", 1)[0].strip()
        if w:
            out.add(normalize_text(w))
    return frozenset(out)


@lru_cache(maxsize=4)
def default_lexicon() -> Lexicon:
    return Lexicon(read_rows(_read_data("triggers.tsv")), read_exclusions(_read_data("not_triggers.txt")))
