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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import compress, repeat
from operator import is_not
from typing import NamedTuple

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


_NO_WORDS: tuple = ()  # a chunk without hits (compared by identity)
_new_tuple = tuple.__new__  # builds a TriggerHit from a tuple of its fields at C speed


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


class TriggerHit(NamedTuple):
    """A trigger found in normalised text: the word span ``(start, end)`` and the matched row
    (a named tuple: a few dozen per article, built straight from the matcher's tuples)."""

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
    """Compiled trigger matcher (build once per pipeline).

    Stems of one word are matched chunk by chunk (the text split at its spaces): what a chunk
    holds — its words' hits, and the winner of every word whose rows need no context — depends
    on the chunk alone, so it is worked out once and remembered (news words recur within and
    across articles). Stems of several words are matched over the whole text by their own
    automaton."""

    def __init__(self, rows: list[TriggerRow], exclude: frozenset[str] = frozenset()):
        self.rows = rows
        self.exclude = exclude
        entries: dict[str, list[tuple[TriggerRow, str]]] = {}
        for row in rows:
            for stem, kind in _split_forms(row.forms, row.pos):
                entries.setdefault(stem, []).append((row, kind))
        self._ac = ahocorasick.Automaton()  # stems of one word: matched inside a chunk
        self._ac_multi: ahocorasick.Automaton | None = None  # stems with a space
        for stem, lst in entries.items():
            if " " in stem:
                if self._ac_multi is None:
                    self._ac_multi = ahocorasick.Automaton()
                self._ac_multi.add_word(stem, (stem, lst))
            else:
                self._ac.add_word(stem, (stem, lst))
        self._ac.make_automaton()
        if self._ac_multi is not None:
            self._ac_multi.make_automaton()
        # (stem, prefix, suffix) -> the (row, kind) pairs whose affix rules accept it
        self._affix_cache: dict[tuple[str, str, str], tuple] = {}
        # chunk -> its words' hits (see _chunk_words)
        self._chunk_cache: dict[str, tuple] = {}

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
        return [_new_tuple(TriggerHit, t) for t in self._find(norm)]

    def _find(self, norm: str) -> list[tuple]:
        """The winning hits of :meth:`find`, as tuples of the :class:`TriggerHit` fields."""
        out: list[tuple] = []
        cache = self._chunk_cache
        chunks = norm.split(" ")
        found = list(map(cache.get, chunks))
        pos = prev = 0  # the offset of chunks[prev]
        # only the chunks with hits (or not seen before) are visited
        for k in compress(range(len(chunks)), map(is_not, found, repeat(_NO_WORDS))):
            pos += sum(map(len, chunks[prev:k])) + k - prev  # the chunks before and their spaces
            prev = k
            words = found[k]
            if words is None:
                words = self._chunk_words(chunks[k])
                if len(cache) < 200_000:
                    cache[chunks[k]] = words
                if not words:
                    continue
            for best, lst in words:
                if best is None:  # rows with complements: decided by the words around
                    best = _pick(norm, lst, pos)
                    if best is None:
                        continue
                out.append((best[0] + pos, best[1] + pos, best[2] + pos, best[3] + pos, *best[4:]))
        if self._ac_multi is not None:
            multi = self._scan(norm, self._ac_multi)
            if multi:  # one-word hits inside a multi-word one give way to it
                out = _drop_nested(out + self._resolve(norm, multi, nested=False))
        return out

    def _chunk_words(self, chunk: str) -> tuple:
        """The words of a space-free chunk that hold one-word stem hits, in order, each as
        ``(best, hits)``: the winning hit when none of the word's rows has a complement (the
        winner then depends on the word alone), else ``(None, hits)``; offsets into the chunk."""
        raw = self._scan(chunk, self._ac)
        if not raw:
            return _NO_WORDS
        by_word: dict[tuple[int, int], list[tuple]] = {}
        for h in raw:
            by_word.setdefault((h[0], h[1]), []).append(h)
        out = []
        for _, lst in sorted(by_word.items()):
            if any(h[4].complement or h[4].forbid for h in lst):
                out.append((None, tuple(lst)))
            else:
                best = _pick(chunk, lst)
                if best is not None:
                    out.append((best, None))
        return tuple(out) if out else _NO_WORDS

    def _scan(self, norm: str, automaton=None) -> list[tuple]:
        """Every stem hit (of ``automaton``, by default the one-word stems) whose affixes fit, as
        tuples of the :class:`TriggerHit` fields (a hit object is built only for the hits that
        survive :meth:`_resolve`)."""
        n = len(norm)
        raw: list[tuple] = []
        cache = self._affix_cache
        for end_idx, (stem, lst) in (automaton or self._ac).iter(norm):
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

    def _resolve(self, norm: str, hits: list[tuple], nested: bool = True) -> list[tuple]:
        """The winning hit of every word (tuples ``(start, end, stem_start, stem_end, row, kind,
        prefix, suffix)``), without those nested inside a longer (multi-word) hit (unless
        ``nested`` is false: the caller drops them)."""
        by_word: dict[tuple[int, int], list[tuple]] = {}
        for h in hits:
            by_word.setdefault((h[0], h[1]), []).append(h)
        out: list[tuple] = []
        for _, lst in sorted(by_word.items()):
            best = _pick(norm, lst)
            if best is not None:
                out.append(best)
        return _drop_nested(out) if nested else out


def _drop_nested(hits: list[tuple]) -> list[tuple]:
    """``hits`` in text order, without those nested inside a longer (multi-word) hit."""
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple] = []
    for h in hits:
        if kept and h[0] < kept[-1][1] and h[1] <= kept[-1][1]:
            continue
        kept.append(h)
    return kept


def _pick(norm: str, lst: list[tuple], pos: int = 0) -> tuple | None:
    """The winning hit among the hits ``lst`` of one word of ``norm`` (all with the same span):
    rows whose complement is absent or whose forbidden stem is present around the word are out;
    a row with a complement beats one without, then the longer stem wins. ``norm`` is read only
    for rows with a complement or forbidden stems. ``pos``: where the hits' offsets start in
    ``norm`` (a chunk's hits are read in place; only the winner is moved, by the caller)."""
    ws, we = lst[0][0] + pos, lst[0][1] + pos
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
                if r.forbid and any(map(ctx.__contains__, _spaced(r.forbid))):
                    continue
                if r.complement and not any(map(ctx.__contains__, _spaced(r.complement))):
                    continue
        score = (2 if r.complement else 1) * 100 + (h[3] - h[2])
        if h[5] == "nounta" and h[7] == "ه":
            score += 0.5  # تظاهرة: a noun in ة, not the verb تظاهر + "him"
        if score > best_score:
            best, best_score = h, score
    return best


@lru_cache(maxsize=4096)
def _spaced(stems: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" " + st for st in stems)


def _absent(stems: tuple[str, ...], window: str) -> bool:
    """True when no stem of ``stems`` can start a word of :func:`_context` for a trigger whose
    context lies in ``window``: every context word (with or without its clitics) is a substring of
    ``window``, so a stem without spaces that is not in ``window`` starts none of them. Stems
    with a space or other non-word character are never ruled out this way."""
    return _all_alnum(stems) and not any(map(window.__contains__, stems))


@lru_cache(maxsize=4096)
def _all_alnum(stems: tuple[str, ...]) -> bool:
    """Are all of ``stems`` free of spaces and other non-word characters (see :func:`_absent`)?"""
    return all(st.isalnum() for st in stems)


_WORD_RE = re.compile(r"\w+")
_SENT_END_RE = re.compile(r"[.؟?!؛;\n]")
_LAST_END_RE = re.compile(r".*[.؟?!؛;\n]", re.S)


def _context(norm: str, ws: int, we: int) -> list[str]:
    """Up to 7 words after and 3 before the trigger word (not across a sentence end), each as
    written and without its clitics."""
    m = _SENT_END_RE.search(norm, we, we + 120)
    after = _WORD_RE.findall(norm, we, m.start() if m else we + 120)[:7]
    lo = max(0, ws - 60)
    m = _LAST_END_RE.match(norm, lo, ws)  # the last sentence end before the word, if any
    before = _WORD_RE.findall(norm, m.end() if m else lo, ws)[-3:]
    out = after + before
    return out + list(map(strip_clitics, out))


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
