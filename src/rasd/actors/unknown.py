"""People and organisations the knowledge base does not know: stage ``actors.unknown.v1``.

Runs after ``actors.match.v1`` and adds :class:`~rasd.document.Actor` entries for names that no KB
mention covers:

a. **Descriptor patterns** (``rasd/data/actors/descriptors.tsv``): a descriptor noun, an optional
   complement (nisba, words with the article, ``باسم``/``في`` + an institution) and then a name —
   "الدبلوماسي الياباني كينجي ياماموتو", "المتحدث باسم وزارة الدفاع الكورية الجنوبية كيم مين سوك",
   "أستاذ العلوم السياسية في جامعة القاهرة حسن نافعة" — or a name followed by ``،`` and a descriptor
   ("ياماموتو، الدبلوماسي الياباني،"). The person gets the country of the first nisba in the
   descriptor (``KB.country_of_nisba``) and a Latin name by transliteration.
b. **NER** (:mod:`rasd.actors.ner`): PER and ORG spans that overlap no known mention, kept when they
   look reliable: at least two words with a confident tag, or the same name tagged again in the
   document. Country stays None.

After a full name, its last word alone later in the document is the same person (an extra mention).
Actor fields: ``name`` Latin transliteration, ``name_ar`` the Arabic surface, ``kind`` person or
organization, ``country`` from the descriptor or None, ``code`` None, ``key`` ``"unk:" + normalised
Arabic name``, ``meta["via"]`` ``"descriptor"`` or ``"ner"``.
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import accumulate, repeat
from operator import itemgetter
from collections.abc import Sequence as _SequenceABC
from typing import Callable, NamedTuple, Sequence

import ahocorasick

from ..document import Actor, Document, Span
from ..normalize import NormText, normalize, normalize_text
from ..pipeline import RunContext, register_stage
from . import ner
from .translit import foreign_rules, name_origin, rules_transliterate, transliterate_name

log = logging.getLogger(__name__)

DESCRIPTORS_FILE = "data/actors/descriptors.tsv"
_first = itemgetter(0)
_ARABIC_WORD = re.compile(r"^[\u0621-\u064A\u0660-\u0669\u066E-\u06D3\u0640\u064B-\u065F\u0670]+$")


# --------------------------------------------------------------------------- descriptor data

@dataclass
class Descriptors:
    person: dict[str, list[tuple[str, ...]]]  # first stem -> descriptor phrases (tuples of stems)
    complement: set[str]
    link: set[str]
    stop: set[str]
    particle: set[str]
    orghead: set[str] = field(default_factory=set)
    _first_stems: tuple | None = field(default=None, repr=False, compare=False)

    def first_stem_ends(self, norm_text: str) -> list[int]:
        """The end (last index) of every occurrence, overlapping ones included, of a phrase's
        first stem in a normalised text: one Aho-Corasick pass (C) instead of a look at every word.
        A token whose stem starts a phrase ends with that stem, so such a token holds one of them."""
        cached = self._first_stems
        if cached is None or cached[0] != len(self.person):
            A = ahocorasick.Automaton()
            for stem in self.person:
                A.add_word(stem, stem)
            if self.person:
                A.make_automaton()
            cached = self._first_stems = (len(self.person), A)
        if not self.person:
            return []
        return list(map(_first, cached[1].iter(norm_text)))  # the ends of the (end, stem) pairs, in C

    @classmethod
    def load(cls, text: str | None = None) -> "Descriptors":
        if text is None:
            text = resources.files("rasd").joinpath(DESCRIPTORS_FILE).read_text("utf-8")
        d = cls({}, set(), set(), set(), set(), set())
        header = True
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header and cols[0] == "kind":
                header = False
                continue
            if len(cols) < 2:
                continue
            kind, form = cols[0].strip(), cols[1].strip()
            words = normalize_text(form).split()
            if not words:
                continue
            if kind == "person":
                stems = tuple(_stem(w) for w in words)
                d.person.setdefault(stems[0], []).append(stems)
            elif kind == "complement":
                d.complement.add(_stem(words[0]))
            elif kind == "link":
                d.link.add(words[0])
            elif kind == "stop":
                d.stop.add(words[0])
            elif kind == "particle":
                d.particle.add(words[0])
            elif kind == "orghead":
                d.orghead.add(_stem(words[0]))
        for phrases in d.person.values():
            phrases.sort(key=len, reverse=True)
        return d


def _stem(norm_word: str) -> str:
    return ner.strip_proclitics(norm_word)[1]


@lru_cache(maxsize=1)
def default_descriptors() -> Descriptors:
    return Descriptors.load()


COMMON_FILE = "data/actors/common_words.tsv"
PATTERNS_FILE = "data/actors/not_name_patterns.tsv"


@dataclass
class NotNames:
    """What can never be a name word: frequent common words (``common_words.tsv``, built from NER
    corpora by ``scripts/build_common_words.py``) and verbal-noun/participle patterns
    (``not_name_patterns.tsv``). A frequent name unit (>= 10 bearers in the name index) is exempt
    from both, unless it is written with alef maqsura (على is the preposition, علي the name)."""

    common: set[str]
    patterns: list[re.Pattern]
    _any_pattern: tuple | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, common_text: str | None = None, patterns_text: str | None = None) -> "NotNames":
        if common_text is None:
            common_text = resources.files("rasd").joinpath(COMMON_FILE).read_text("utf-8")
        if patterns_text is None:
            patterns_text = resources.files("rasd").joinpath(PATTERNS_FILE).read_text("utf-8")
        common = set()
        for line in common_text.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            w = normalize_text(line.split("\t")[0].strip())
            if w:
                common.add(w)
        pats = []
        for line in patterns_text.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            form = normalize_text(line.split("\t")[0].strip())
            if not form or form == "pattern":
                continue
            rx = "".join("[^\\sا]" if ch in "فعل" else re.escape(ch) for ch in form)
            pats.append(re.compile(rx + r"\Z"))
        return cls(common, pats)

    def is_common(self, stem: str) -> bool:
        if stem in self.common:
            return True
        # a bare preposition glued to a common noun (بشؤون، لزيارة)
        return len(stem) > 3 and stem[0] in "بلك" and stem[1:] in self.common

    def pattern(self, stem: str) -> bool:
        # one alternation of all the patterns: it matches where one of them matches
        cached = self._any_pattern
        if cached is None or cached[0] != len(self.patterns):
            rx = re.compile("|".join(f"(?:{p.pattern})" for p in self.patterns) or r"(?!)")
            cached = self._any_pattern = (len(self.patterns), rx)
        return cached[1].match(stem) is not None


@lru_cache(maxsize=1)
def default_not_names() -> NotNames:
    return NotNames.load()


def _frequent_name(names: "ner.NameUnits", norm: str, stem: str) -> bool:
    mark = names.get(norm, stem)
    return mark.endswith(":10-99") or mark.endswith(":100+")


# --------------------------------------------------------------------------- token view

class Tok(NamedTuple):
    text: str
    start: int
    end: int
    norm: str
    pre: str
    stem: str
    arabic: bool


_WORD_INFO: dict[str, tuple[str, str, str, bool]] = {}


def _word_info(text: str) -> tuple[str, str, str, bool]:
    """(normalised, proclitics, stem, is Arabic) of a word, cached per process."""
    info = _WORD_INFO.get(text)
    if info is None:
        n = normalize_text(text)
        pre, stem = ner.strip_proclitics(n)
        info = (n, pre, stem, bool(_ARABIC_WORD.match(text)))
        if len(_WORD_INFO) > 200_000:
            _WORD_INFO.clear()
        _WORD_INFO[text] = info
    return info


_tuple_new = tuple.__new__


def _toks_of(texts: Sequence[str], starts: Sequence[int], ends: Sequence[int]) -> list[Tok]:
    """Tokens with their word information from the token arrays of :func:`ner.token_arrays`."""
    infos = _word_infos(texts)
    # (text, start, end) + (norm, pre, stem, arabic), made into Toks without a Python-level call each
    return list(map(_tuple_new, repeat(Tok, len(texts)), map(tuple.__add__, zip(texts, starts, ends), infos)))


class _LazyToks(_SequenceABC):
    """The tokens of a body as :class:`Tok` s made on first access: the stage looks at few tokens
    one by one, and its passes over all of them read the lists (``texts``, ``infos``) instead, so
    most ``Tok`` objects are never made (fewer allocations, less work for the garbage collector)."""

    __slots__ = ("texts", "starts", "ends", "infos", "_made")

    def __init__(self, texts: Sequence[str], starts: Sequence[int], ends: Sequence[int],
                 infos: Sequence[tuple[str, str, str, bool]]):
        self.texts, self.starts, self.ends, self.infos = texts, starts, ends, infos
        self._made: list[Tok | None] = [None] * len(texts)

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self._made)))]
        t = self._made[i]
        if t is None:
            if i < 0:
                i += len(self._made)
            t = self._made[i] = _tuple_new(Tok, (self.texts[i], self.starts[i], self.ends[i]) + self.infos[i])
        return t

    def __iter__(self):
        return map(self.__getitem__, range(len(self._made)))


class _BodyToks(dict):
    """The tokens of a body by index, from their offsets alone: a token's text and word information
    are made on first access (``dict.__missing__``), so the stage does per-token work only for the
    few tokens it reads (those near what its scans of the normalised text find; see
    ``_tokens_holding``), and a token read again is a dict lookup in C, not a Python call. A
    sequence for the stage's helpers, indexed by int (no slices): ``len`` is the number of tokens,
    iteration yields them in order."""

    def __init__(self, body: str, starts: Sequence[int], ends: Sequence[int]):
        super().__init__()
        self.body, self.starts, self.ends = body, starts, ends
        self.n = len(starts)

    def __missing__(self, i: int) -> Tok:
        k = i + self.n if i < 0 else i
        if not 0 <= k < self.n:
            raise IndexError(i)
        s, e = self.starts[k], self.ends[k]
        text = self.body[s:e]
        t = self[i] = _tuple_new(Tok, (text, s, e) + (_WORD_INFO.get(text) or _word_info(text)))
        return t

    def __len__(self) -> int:
        return self.n

    def __iter__(self):
        return map(self.__getitem__, range(self.n))


def _tokens_holding(nt: NormText, positions: Sequence[int], starts: Sequence[int], ends: Sequence[int]) -> list[int]:
    """Indices (sorted, distinct) of the tokens that hold the original characters of the normalised
    characters at ``positions``. Normalisation maps character by character, so a token's normalised
    form (``_word_info``) is the stretch of ``nt.text`` its characters give: a token whose
    normalised form ends with a string is found from the last character of an occurrence of it."""
    offs = nt.offsets
    out = set()
    for e in positions:
        p = offs[e]
        k = bisect.bisect_right(starts, p) - 1
        if k >= 0 and p < ends[k]:
            out.add(k)
    return sorted(out)


def _word_infos(texts: Sequence[str]) -> list[tuple[str, str, str, bool]]:
    """:func:`_word_info` of every token text (one dict lookup each for the words seen before)."""
    infos = list(map(_WORD_INFO.get, texts))
    if None in infos:
        infos = [inf or _word_info(w) for w, inf in zip(texts, infos)]
    return infos


def _toks(body: str, raw: Sequence[ner.Token] | None = None) -> list[Tok]:
    if raw is None:
        return _toks_of(*ner.token_arrays(body))
    return _toks_of([t.text for t in raw], [t.start for t in raw], [t.end for t in raw])


def _cover_flags_of(starts: Sequence[int], ends: Sequence[int], spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For every token (sorted, non-overlapping ``starts``/``ends``), whether it overlaps one of
    ``spans``: the tokens with ``end > a`` and ``start < b`` of each span ``(a, b)`` form one run."""
    n = len(starts)
    out = [False] * n
    for a, b in spans:
        lo = bisect.bisect_right(ends, a)
        hi = bisect.bisect_left(starts, b, lo)
        if hi > lo:
            out[lo:hi] = [True] * (hi - lo)
    return out


def _cover_flags(toks: Sequence[Tok], spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For every token, whether it overlaps one of ``spans``."""
    return _cover_flags_of([t.start for t in toks], [t.end for t in toks], spans)


def _strip_offset(tok: Tok, cut: int | None = None) -> int:
    """Original offset where ``tok`` starts after its proclitics (or after ``cut`` normalised letters)."""
    p = len(tok.pre) if cut is None else cut
    if not p:
        return tok.start
    nt = normalize(tok.text)
    return tok.start + (nt.offsets[p] if p < len(nt.offsets) else 0)


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    via: str
    country: str | None = None
    tokens: int = 1
    score: float = 1.0


@dataclass
class _Ctx:
    body: str
    toks: list[Tok]
    per_cover: list[bool]  # token inside an NER PER span
    desc: Descriptors
    nisba: Callable[[str], str | None]
    name_units: ner.NameUnits
    not_names: NotNames = field(default_factory=default_not_names)
    _starts: list[int] | None = None
    norm: NormText | None = None  # normalize(body), for the scans that find the few tokens to read

    def index_of(self, start: int) -> int:
        """Index of the token that starts at ``start``."""
        if self._starts is None:
            self._starts = [t.start for t in self.toks]
        return bisect.bisect_left(self._starts, start)

    def not_a_name(self, t: Tok) -> bool:
        """``t`` is a common word or has a verbal-noun shape, and is not a frequent name unit."""
        nn = self.not_names
        if nn.is_common(t.stem):
            pass
        elif not nn.pattern(t.stem) or foreign_rules().is_cjk_syllable(t.norm):
            return False  # تشانغ has the shape تفاعل but is a Chinese syllable
        if t.text.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652").endswith("ى"):
            return True  # على، لدى، مستوى: alef maqsura marks the common word
        return not _frequent_name(self.name_units, t.norm, t.stem)


# --------------------------------------------------------------------------- descriptor patterns

def _match_descriptor(c: _Ctx, i: int) -> int:
    """Length in tokens of the longest descriptor phrase at token ``i`` (0 if none)."""
    t = c.toks[i]
    for phrase in c.desc.person.get(t.stem, ()):
        n = len(phrase)
        if i + n <= len(c.toks) and all(c.toks[i + k].stem == phrase[k] for k in range(1, n)):
            return n
    return 0


def _nisba_at(c: _Ctx, t: Tok, nxt: Tok | None) -> tuple[str | None, int]:
    """(country, tokens used) of a nisba at token ``t``, followed by ``nxt`` (None at the end of
    the text): two-word nisbas first."""
    if nxt is not None and nxt.arabic:
        code = c.nisba(t.text + " " + nxt.text)
        if code:
            return code, 2
    return c.nisba(t.text), 1


def _skip_complement(c: _Ctx, j: int, limit: int = 9) -> tuple[int, str | None]:
    """Walk over the descriptor's complement; returns (index of the first name token, country)."""
    toks, d = c.toks, c.desc
    n = len(toks)
    country = None
    steps = 0
    while j < n and steps < limit:
        t = toks[j]
        if not t.arabic:
            break
        nxt = toks[j + 1] if j + 1 < n else None
        code, used = _nisba_at(c, t, nxt)
        if code:
            country = country or code
            j += used
            steps += used
            continue
        is_def = t.pre.endswith("ال") or t.pre.endswith("لل")
        if is_def and t.norm not in d.stop:
            j += 1
            steps += 1
            continue
        if t.norm in d.link and nxt is not None:
            if nxt.stem in d.complement or nxt.pre.endswith("ال"):
                j += 1
                steps += 1
                continue
        if t.stem in d.complement and (t.pre in ("", "ب", "ل", "و") or t.pre.endswith("ال")):
            j += 1
            steps += 1
            continue
        break
    return j, country


def _name_like(c: _Ctx, t: Tok, first: bool) -> bool:
    if not t.arabic or len(t.stem) < 2 or t.norm in c.desc.stop or t.stem in c.desc.stop:
        return False
    if c.nisba(t.text):
        return False
    if c.not_a_name(t) and t.norm not in c.desc.particle:
        return False
    if first and t.pre and not _whole_name_word(c, t):
        return False  # a name does not start with a clitic or the article (الدبلوماسي X)
    return True


def _whole_name_norm(c: _Ctx, norm: str) -> bool:
    """A normalised word starting with و that is a name word as a whole (وليد، وائل، وانغ)."""
    return norm.startswith("و") and (norm in c.name_units.marks or foreign_rules().is_cjk_syllable(norm))


def _whole_name_word(c: _Ctx, t: Tok) -> bool:
    """A word whose first letter looks like the conjunction و but belongs to the name."""
    return t.pre == "و" and _whole_name_norm(c, t.norm)


def _boundary_after(c: _Ctx, k: int) -> bool:
    """Token ``k`` is followed by punctuation, the end of the text or a stop word (أن، قال، في …)."""
    if k + 1 >= len(c.toks):
        return True
    nxt = c.toks[k + 1]
    return bool(c.body[c.toks[k].end:nxt.start].strip()) or not nxt.arabic or nxt.norm in c.desc.stop


def _name_forward(c: _Ctx, j: int, max_tokens: int = 4) -> int:
    """End index (exclusive) of a person name starting at token ``j``; ``j`` when there is none."""
    toks, d = c.toks, c.desc
    n = len(toks)
    if j >= n or not _name_like(c, toks[j], True):
        return j
    k = j + 1
    while k < n and k - j < max_tokens:
        t = toks[k]
        prev = toks[k - 1]
        if c.body[prev.end:t.start].strip():  # punctuation or other text in between
            break
        if prev.norm in d.particle:
            k += 1  # عبد الله, أبو مازن: the word after a particle belongs to the name
            continue
        if t.norm in d.particle and k + 1 < n:
            k += 1
            continue
        if not _name_like(c, t, False):
            break
        if t.pre and not (t.pre == "ال" and (t.stem.endswith("ي") or c.per_cover[k] or c.name_units.get(t.norm, t.stem))):
            break  # a clitic starts a new phrase unless it is a family name (الجبوري)
        if k - j >= 2 and not (c.per_cover[k] or c.name_units.get(t.norm, t.stem) or (len(t.stem) <= 4 and _boundary_after(c, k))):
            # a third word must look like a name, or be a short name syllable (كيم مين سوك) followed by
            # a clear boundary; a longer unknown word there is usually the verb's object (مقالا)
            break
        k += 1
    # a particle cannot end a name
    while k - 1 > j and toks[k - 1].norm in d.particle:
        k -= 1
    return k


def _name_backward(c: _Ctx, end: int, max_tokens: int = 3) -> int:
    """Start index of a person name ending just before token ``end`` (``end`` when none)."""
    toks = c.toks
    k = end
    while k - 1 >= 0 and end - (k - 1) <= max_tokens:
        t = toks[k - 1]
        if k < end and c.body[t.end:toks[k].start].strip():
            break
        if not _name_like(c, t, False):
            break
        if t.pre and t.pre != "ال":
            # و/ف/ب/ل before the name: the name starts after the clitic, stop here
            break
        k -= 1
    if k == end:
        return end
    # the first word must not carry the article (الكاتب X ، ...) unless the NER says PER
    while k < end and toks[k].pre and not c.per_cover[k]:
        k += 1
    return k


def _looks_like_name(c: _Ctx, j: int, e: int) -> bool:
    """Some evidence that tokens j..e are a name: the NER tags one as PER or one is a known name word."""
    return any(c.per_cover[k] or c.name_units.get(c.toks[k].norm, c.toks[k].stem) for k in range(j, e))


def descriptor_candidates(c: _Ctx) -> list[Candidate]:
    out: list[Candidate] = []
    toks = c.toks
    person = c.desc.person
    # only tokens whose stem starts a descriptor phrase can match one (a sorted list to walk)
    if c.norm is not None and isinstance(toks, (_LazyToks, _BodyToks)):  # the tokens holding such a stem, checked
        at = [k for k in _tokens_holding(c.norm, c.desc.first_stem_ends(c.norm.text), toks.starts, toks.ends)
              if toks[k].stem in person]
    elif isinstance(toks, _LazyToks):
        at = [k for k, inf in enumerate(toks.infos) if inf[2] in person]
    else:
        at = [k for k, t in enumerate(toks) if t.stem in person]
    h = 0
    i = 0
    while True:
        while h < len(at) and at[h] < i:
            h += 1
        if h == len(at):
            break
        i = at[h]
        n = _match_descriptor(c, i)
        if not n:
            i += 1
            continue
        j, country = _skip_complement(c, i + n)
        e = _name_forward(c, j)
        if e > j and not _looks_like_name(c, j, e):
            e = j
        if e > j:
            s_off = toks[j].start
            out.append(Candidate(s_off, toks[e - 1].end, "person", "descriptor", country, e - j))
            i = e
            continue
        # "<Name>، <descriptor> ..." : name before a comma just before the descriptor
        if i >= 2 and toks[i - 1].text in ("،", ","):
            s = _name_backward(c, i - 1)
            if s < i - 1 and (i - 1 - s >= 2 or c.per_cover[s]):
                out.append(
                    Candidate(_strip_offset(toks[s]), toks[i - 2].end, "person", "descriptor", country, i - 1 - s)
                )
        i += n
    return out


# --------------------------------------------------------------------------- NER checks

def _ner_person_ok(c: _Ctx, idx: list[int]) -> bool:
    """An NER person span looks like a name: no common word or verbal noun in it, no word with the
    article except a family name (nisba-shaped الجبوري, or a known surname), and no clitic on a later word."""
    if not idx:
        return False
    for n, k in enumerate(idx):
        t = c.toks[k]
        if not t.arabic:
            return False
        if t.norm in c.desc.particle:
            continue
        if t.norm in c.desc.stop or t.stem in c.desc.stop or c.not_a_name(t):
            return False
        if t.pre:
            if n == 0 and t.pre in ("و", "ف"):
                continue  # trimmed off by the caller
            if t.pre != "ال" or n == 0:
                return False
            if not (t.stem.endswith("ي") or c.name_units.get(t.norm, t.stem)):
                return False
    return True


def _ner_org_ok(c: _Ctx, idx: list[int]) -> bool:
    """An NER organisation starts with an organisation head noun (مركز، جامعة، حزب …) and has at
    least one specific word after it: a name-like word (not common, not a verbal noun), a nisba or a
    Latin word — "كلية العلاقات الدولية" alone is a generic phrase, "مركز رواق للأبحاث" is a name."""
    if len(idx) < 2:
        return False
    head = c.toks[idx[0]]
    if head.stem not in c.desc.orghead or head.pre.endswith("ال"):
        return False
    for k in idx[1:]:
        t = c.toks[k]
        if not t.arabic:
            if t.text[:1].isalpha():
                return True
            continue
        if t.norm in c.desc.stop or t.norm in c.desc.link:
            continue
        if c.nisba(t.text):
            return True
        if t.pre.endswith("ال") and (t.stem.endswith("يه") or t.stem.endswith("ي")):
            continue  # a relational adjective (الدولية، الاجتماعية) does not make a name
        if not c.not_a_name(t):
            return True
    return False


# --------------------------------------------------------------------------- the stage

def _overlaps(s: int, e: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < b and a < e for a, b in spans)


class _Taken:
    """The spans taken so far: the KB mentions (``covered``, searched by bisection: the spans that
    start before ``e`` are a prefix of them, sorted, and one overlaps when the largest end among
    them passes ``s``) and the few spans added since (scanned)."""

    def __init__(self, covered: Sequence[tuple[int, int]]):
        spans = sorted(covered)
        self.starts = [a for a, _ in spans]
        self.max_end = list(accumulate((b for _, b in spans), max))
        self.added: list[tuple[int, int]] = []

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect.bisect_left(self.starts, e)
        return (k > 0 and self.max_end[k - 1] > s) or _overlaps(s, e, self.added)

    def add(self, s: int, e: int) -> None:
        self.added.append((s, e))


def _key(name_ar: str) -> str:
    return "unk:" + " ".join(normalize_text(name_ar).split())


@dataclass
class UnknownFinder:
    """Finds unknown people and organisations in a document body (state built once)."""

    nisba: Callable[[str], str | None]
    tagger: ner.NerTagger | None
    desc: Descriptors = field(default_factory=default_descriptors)
    min_score_multi: float = 0.6
    min_score_single: float = 0.8
    use_ner: bool = True
    gate: bool = True  # tag only the sentences that can hold an unknown name (see _worth_tagging)
    stats: dict = field(default_factory=lambda: {"sentences": 0})
    _name_word_cache: dict = field(default_factory=dict)

    def _name_word_flags(self, c: _Ctx, known: Sequence[bool], texts: Sequence[str] | None = None,
                         idx: Sequence[int] | None = None) -> list[bool]:
        """For every token (or the tokens at ``idx``, with their ``known`` flags and ``texts``): not
        covered by a KB mention and possibly a name word (cached per word)."""
        cache = self._name_word_cache
        vals = list(map(cache.get, texts if texts is not None else [t.text for t in c.toks]))
        if None in vals:
            if len(cache) > 100_000:
                cache.clear()
            for i, v in enumerate(vals):
                if v is None and not known[i]:
                    t = c.toks[i if idx is None else idx[i]]
                    v = cache.get(t.text)
                    if v is None:
                        v = cache[t.text] = self._could_be_name(c, t)
                    vals[i] = v
        return [bool(v) and not k for v, k in zip(vals, known)]

    def _worth_tagging(self, c: _Ctx, sent: Sequence[ner.Token], known: list[bool]) -> bool:
        """A sentence can hold a name the KB does not know when two adjacent words, not covered by a
        KB mention, could both be name words: Arabic or Latin, no article or preposition, not a common
        word, verbal noun or nisba. (NER names need two words, or one word tagged twice, and a one-word
        name is nearly always written in full once.)"""
        if not sent:
            return False
        i0 = c.index_of(sent[0].start)
        idx = range(i0, i0 + len(sent))
        flags = self._name_word_flags(c, [known[i] for i in idx], [c.toks[i].text for i in idx], idx)
        return any(a and b for a, b in zip(flags, flags[1:]))

    @staticmethod
    def _pairs_of_name_words(flags: Sequence[bool]) -> list[int]:
        """Indices ``i`` where tokens ``i - 1`` and ``i`` both may be name words (sorted).

        Adjacent tokens never have anything but whitespace between them (every other character is
        a token of its own), so two adjacent flagged tokens are two neighbouring words."""
        return [i for i in range(1, len(flags)) if flags[i] and flags[i - 1]]

    @staticmethod
    def _could_be_name(c: _Ctx, t: Tok) -> bool:
        if not t.arabic:
            return t.text[:1].isupper()
        if len(t.stem) < 2 or (t.pre and t.pre not in ("و", "ف")):
            return False
        if t.norm in c.desc.stop or t.stem in c.desc.stop:
            return False
        return not c.not_a_name(t)

    def find(self, body: str, covered: Sequence[tuple[int, int]] = (), nt: NormText | None = None) -> list[Actor]:
        """Unknown actors of ``body`` outside the ``covered`` spans; ``nt``: ``normalize(body)``
        when the caller has it."""
        if nt is None:
            nt = normalize(body)
        use_ner = bool(self.tagger and self.use_ner)
        if use_ner:  # the sentence gate reads every token
            arrays = ner.token_arrays(body)
            texts, starts, ends = arrays
            toks = _LazyToks(texts, starts, ends, _word_infos(texts))
        else:  # only the tokens near what the scans of the normalised text find are read
            starts, ends = ner.token_bounds(body)
            toks = _BodyToks(body, starts, ends)
        names = self.tagger.names if self.tagger else ner.default_names()
        c = _Ctx(body, toks, [False] * len(toks), self.desc, self.nisba, names, _starts=starts, norm=nt)
        ents: list[ner.Entity] = []
        if use_ner:
            bounds = ner.sentence_bounds(body, texts, starts, ends)
            if self.gate:
                # a sentence is tagged when it holds two adjacent possible name words
                # (see _worth_tagging, here for all sentences at once)
                pairs = self._pairs_of_name_words(self._name_word_flags(c, _cover_flags_of(starts, ends, covered), texts))
                bounds = [(i0, i1) for i0, i1 in bounds
                          if bisect.bisect_left(pairs, i0 + 1) < bisect.bisect_left(pairs, i1)]
            self.stats["sentences"] += len(bounds)
            ents = self.tagger.entities_in(body, arrays, bounds, ("PER", "ORG"))
        if ents:
            c.per_cover = _cover_flags_of(starts, ends, [(e.start, e.end) for e in ents if e.label == "PER"])

        taken = _Taken(covered)
        cands: list[Candidate] = []
        for cand in descriptor_candidates(c):
            if taken.overlaps(cand.start, cand.end):
                continue
            cands.append(cand)
            taken.add(cand.start, cand.end)

        # NER candidates: reliable ones only
        ner_cands = []
        seen_text: dict[tuple[str, str], int] = {}
        for e in ents:
            k = (e.label, normalize_text(e.text))
            seen_text[k] = seen_text.get(k, 0) + 1
        for e in ents:
            if taken.overlaps(e.start, e.end):
                continue
            s, end, text = self._trim(body, e.start, e.end)
            if end <= s or self.nisba(text):
                continue
            ntok = len(text.split())
            repeated = seen_text[(e.label, normalize_text(e.text))] >= 2
            ok = (ntok >= 2 and e.score >= self.min_score_multi) or (repeated and e.score >= self.min_score_single)
            if not ok:
                continue
            idx = list(range(max(0, bisect.bisect_right(starts, s) - 1), bisect.bisect_left(starts, end)))
            idx = [k for k in idx if toks[k].end > s]
            if e.label == "PER" and not _ner_person_ok(c, idx):
                continue
            if e.label == "ORG" and not _ner_org_ok(c, idx):
                continue
            kind = "person" if e.label == "PER" else "organization"
            ner_cands.append(Candidate(s, end, kind, "ner", None, ntok, e.score))
            taken.add(s, end)

        actors: dict[str, Actor] = {}
        for cand in cands + ner_cands:
            text = body[cand.start:cand.end]
            key = _key(text)
            a = actors.get(key)
            if a is None:
                if cand.kind == "person":
                    latin = transliterate_name(text, cand.country)
                else:
                    latin = rules_transliterate(text)
                a = actors[key] = Actor(
                    name=latin,
                    kind=cand.kind,
                    name_ar=" ".join(text.split()),
                    country=cand.country,
                    code=None,
                    key=key,
                    meta={"via": cand.via},
                )
            elif a.country is None and cand.country:
                a.country = cand.country
            a.mentions.append(Span(cand.start, cand.end, text))

        self._short_names(c, actors, taken)
        out = list(actors.values())
        for a in out:
            a.mentions.sort(key=lambda m: m.start)
        out.sort(key=lambda a: a.mentions[0].start)
        return out

    @staticmethod
    def _trim(body: str, s: int, e: int) -> tuple[int, int, str]:
        """Move the start past a conjunction or preposition glued to the first word (ووزارة → وزارة)."""
        first = body[s:e].split()[0] if body[s:e].split() else ""
        nt = normalize(first)
        pre, _stem_ = ner.strip_proclitics(nt.text)
        drop = pre[:-2] if pre.endswith("ال") else pre[:-1] if pre.endswith("لل") else pre
        if drop and len(drop) < len(nt.offsets):
            s += nt.offsets[len(drop)]
        return s, e, body[s:e]

    def _short_names(self, c: _Ctx, actors: dict[str, Actor], taken: _Taken) -> None:
        """Later mentions of a full person name by its last word alone (and merging of such actors).
        ``c.toks`` is a :class:`_LazyToks` or :class:`_BodyToks` (as :meth:`find` makes it)."""
        by_last: dict[str, Actor] = {}
        first_pos: dict[str, int] = {}
        for a in actors.values():
            if a.kind != "person" or not a.name_ar or len(a.name_ar.split()) < 2:
                continue
            words = a.name_ar.split()
            # Chinese and Korean names put the family name first (يانج جين ... يانج)
            family = words[0] if name_origin(a.name_ar, a.country) in ("chinese", "korean") else words[-1]
            fam_norm = normalize_text(family)
            last = fam_norm if _whole_name_norm(c, fam_norm) else _stem(fam_norm)
            if len(last) < 3 or last in c.desc.stop:
                continue
            if last in by_last and by_last[last] is not a:
                by_last[last] = None  # ambiguous: two people share the family name
                continue
            by_last[last] = a
            first_pos[last] = min(m.start for m in a.mentions)
        # single-word unknown persons that are a full name's last word: merge them
        for key in list(actors):
            a = actors[key]
            if a.kind == "person" and a.name_ar and len(a.name_ar.split()) == 1:
                full = by_last.get(_stem(normalize_text(a.name_ar)))
                if full is not None and full is not a:
                    full.mentions.extend(a.mentions)
                    del actors[key]
        live = {k for k, v in by_last.items() if v is not None}
        if not live:
            return
        spans_now = [(m.start, m.end) for a in actors.values() for m in a.mentions]
        toks = c.toks
        # a token can only be a later mention when its stem, its normalised form or its stem
        # without a bare preposition is a family name (the options below): its normalised form
        # ends with that name, so only the tokens holding an occurrence of one are looked at
        nt = c.norm if c.norm is not None else normalize(c.body)
        ends_at = []
        for name in live:
            p = nt.text.find(name)
            while p >= 0:
                ends_at.append(p + len(name) - 1)
                p = nt.text.find(name, p + 1)
        for i in _tokens_holding(nt, ends_at, toks.starts, toks.ends):
            t = toks[i]
            if not t.arabic or (t.stem not in live and t.norm not in live and t.stem[1:] not in live):
                continue
            # the name may carry و/ف and a bare preposition (ولماكسيموف): try the stem without it too
            options = [(t.norm, 0)] if _whole_name_word(c, t) else [(t.stem, len(t.pre))]
            if t.stem[:1] in ("ب", "ل", "ك") and not t.pre.endswith("ال"):
                options.append((t.stem[1:], len(t.pre) + 1))
            for stem, cut in options:
                a = by_last.get(stem)
                if a is None or t.start < first_pos[stem]:
                    continue
                s = _strip_offset(t, cut)
                if taken.overlaps(s, t.end) or _overlaps(s, t.end, spans_now):
                    break
                a.mentions.append(Span(s, t.end, c.body[s:t.end]))
                spans_now.append((s, t.end))
                break


def _kb_nisba(files: Sequence[str] = ()) -> Callable[[str], str | None]:
    """``KB.country_of_nisba`` when the KB loads; else a small fallback from the KB's nisba file."""
    try:
        from .kb import load_kb

        kb = load_kb(files)
        return kb.country_of_nisba
    except Exception as exc:  # pragma: no cover - the KB is part of the package
        log.warning("actor KB unavailable (%s); unknown actors get no country", exc)
        return lambda word: None


class _Memo(dict):
    """``fn(word)`` remembered per word: ``memo.__getitem__`` is the callable, so a word seen before
    costs one dict lookup in C (the descriptor scan asks the nisba of ~60 words per article, most of
    them seen before). ``fn`` must give the same answer for the same word while the memo lives."""

    def __init__(self, fn: Callable[[str], str | None], limit: int = 100_000):
        super().__init__()
        self.fn, self.limit = fn, limit

    def __missing__(self, word: str) -> str | None:
        if len(self) >= self.limit:
            self.clear()
        got = self[word] = self.fn(word)
        return got


@register_stage("actors.unknown.v1", requires=("body", "actors"), assigns=("actors",), languages=("ar",))
def make_unknown_actors(config: dict, ctx: RunContext):
    """People and organisations the KB does not know: descriptor patterns and the NER model.

    Config (``[stages."actors.unknown"]``): ``ner`` (default true) — also add reliable NER names;
    ``min_score_multi`` / ``min_score_single`` — lowest tag marginal kept for multi-word names and
    for single-word names seen at least twice.
    """
    files = [*config.get("files", []), *[str(f) for f in ctx.actor_files]]
    ner.warm_up()  # the tokenizer's character table, built here rather than on the first document
    use_ner = bool(config.get("ner", True))
    finder = UnknownFinder(
        # the stage's KB is loaded here and not changed afterwards: its answers can be remembered
        nisba=_Memo(_kb_nisba(files)).__getitem__,
        tagger=ner.get_tagger(),
        min_score_multi=float(config.get("min_score_multi", 0.6)),
        min_score_single=float(config.get("min_score_single", 0.8)),
        use_ner=use_ner,
    )

    def run(doc: Document) -> Document:
        covered = sorted([(m.start, m.end) for a in doc.actors for m in a.mentions])
        new = finder.find(doc.body, covered, doc.normalized())
        if new:
            known = {a.id for a in doc.actors}
            doc.actors.extend(a for a in new if a.id not in known)
        return doc

    return run
