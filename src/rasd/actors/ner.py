"""Statistical Arabic named-entity recognition (CRF) with character offsets.

The model (``rasd/data/models/ner/ner.crfsuite``) is a linear-chain CRF trained by
``scripts/train_ner.py`` on the ANERcorp CAMeL-style train split; see the README beside it for the
data, the licence and the scores. This module holds the pieces both training and tagging use, so
the features seen at run time are exactly the features the model was trained on:

- :func:`tokenize` — our own tokenizer: words (letters, digits, diacritics, tatweel) and single
  punctuation marks, each with its ``(start, end)`` in the input. Clitics are not split off (the
  features look inside the word instead), so every token maps back onto the text verbatim.
- :func:`sentence_features` — the CRF features of one token sequence.
- :func:`find_entities` — ``text -> [Entity(start, end, text, label, score)]`` with labels PER, ORG
  and LOC (MISC is tagged by the model but dropped here).
- the fast path of ``actors.unknown.v1``: :func:`token_arrays` and :func:`sentence_bounds` (the same
  tokens and sentences as plain lists and index ranges; :func:`token_bounds`, the offsets alone,
  when few token texts are read) and :meth:`NerTagger.entities_in`; the
  tagger hands crfsuite only the attributes its model knows, UTF-8 encoded (the same scores).

The model and the gazetteer are loaded once per process (:func:`get_tagger`).
"""
from __future__ import annotations

import bisect
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from importlib import resources
from pathlib import Path
from typing import Iterable, NamedTuple, Sequence

from ..normalize import normalize_text

MODEL_DIR = "data/models/ner"
MODEL_FILE = "ner.crfsuite"
GAZETTEER_FILE = "gazetteer.tsv"
CLITICS_FILE = "clitics.tsv"
NAMES_FILE = "name_units.tsv"

KEEP_LABELS = frozenset({"PER", "ORG", "LOC"})
# ANERcorp spells the person type PERS; we expose PER.
_LABEL_OUT = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}

# --------------------------------------------------------------------------- tokenizer

# A word: letters and digits (any script) with the combining marks and tatweel inside Arabic words,
# and the joiners some keyboards insert. Numbers keep their inner separators (3.5, 1,000, 2023/10).
_WORD = r"(?:[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u0640\u06D6-\u06ED\u200C\u200D])+"
_NUMBER = r"\d+(?:[.,٫٬/]\d+)+"
_TOKEN_RE = re.compile(rf"{_NUMBER}|{_WORD}|\S")
# Sentence ends for tagging: a sequence is cut after these tokens (and at blank lines).
_SENT_END = frozenset({".", "!", "?", "؟", "…", "۔"})


class Token(NamedTuple):
    text: str
    start: int
    end: int


# The tokens as the separators of ``re.split``: the result alternates the text between two tokens
# (only whitespace: every other character is part of a token) and the tokens, so the running sum of
# the lengths (in C) gives every offset, with no match object or tuple per token.
_SPLIT_RE = re.compile(rf"({_NUMBER}|{_WORD}|\S)")
# The same with the word as one character class (a tight loop in the regex engine, faster); the class
# also holds the underscore, so it serves only texts without one.
_WORD_NO_UNDERSCORE = r"[\w\u0610-\u061A\u064B-\u065F\u0670\u0640\u06D6-\u06ED\u200C\u200D]+"
_SPLIT_FAST_RE = re.compile(rf"({_NUMBER}|{_WORD_NO_UNDERSCORE}|\S)")
_tuple_new = tuple.__new__


# The numpy path of token_arrays (long texts without an underscore and without a digit-separator-
# digit sequence, where the number alternative cannot match): a table gives the class of every BMP
# character as the regex sees it (0 space, 1 word character, 2 anything else: a token of its own);
# tokens are the runs of word characters and the single other characters.
_NUM_SEQ = re.compile(r"\d[.,٫٬/]\d")  # where _NUMBER can match, there is such a sequence
_WORD_CHAR = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u0640\u06D6-\u06ED\u200C\u200D]")
_SPACE_CHAR = re.compile(r"\s")
_NP_MIN = 200  # shorter texts: the regex costs less than the numpy set-up
_CLASS_LUT = None
# For _NUM_SEQ on the same code points: 1 a digit (\d), 2 a separator of _NUM_SEQ, 0 anything else.
_DIGIT = re.compile(r"\d")
_NUM_SEPARATORS = ".,٫٬/"
_NUM_LUT = None


def _class_lut():
    global _CLASS_LUT, _NUM_LUT
    if _CLASS_LUT is None:
        import numpy as np

        _NUM_LUT = np.fromiter(
            (1 if _DIGIT.match(ch) else 2 if ch in _NUM_SEPARATORS else 0 for ch in map(chr, range(0x10000))),
            dtype=np.int8, count=0x10000)
        _CLASS_LUT = np.fromiter(
            (1 if _WORD_CHAR.match(ch) else 0 if _SPACE_CHAR.match(ch) else 2 for ch in map(chr, range(0x10000))),
            dtype=np.int8, count=0x10000)
    return _CLASS_LUT


def warm_up() -> None:
    """Build the tokenizer's character tables now (~40 ms; stage factories call this)."""
    _class_lut()


def _token_bounds_np(text: str, numbers_ok: bool = True) -> tuple[list[int], list[int]] | None:
    """The ``(starts, ends)`` of :func:`_token_arrays_np`, without the token texts. None when the
    text has a character outside the BMP or, unless ``numbers_ok``, a ``_NUM_SEQ`` sequence (found
    here by table lookups, cheaper than the regex's scan; ``_NUMBER`` may match there)."""
    import numpy as np

    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if int(cp.max()) >= 0x10000:
        return None
    cls = _class_lut().take(cp)
    if not numbers_ok:
        num = _NUM_LUT.take(cp)
        if ((num[:-2] == 1) & (num[1:-1] == 2) & (num[2:] == 1)).any():
            return None
    word = cls == 1
    other = cls == 2
    prev_word = np.empty_like(word)
    prev_word[0] = False
    prev_word[1:] = word[:-1]
    next_word = np.empty_like(word)
    next_word[-1] = False
    next_word[:-1] = word[1:]
    starts = np.flatnonzero(other | (word & ~prev_word)).tolist()
    ends = (np.flatnonzero(other | (word & ~next_word)) + 1).tolist()
    return starts, ends


def _token_arrays_np(text: str) -> tuple[list[str], list[int], list[int]] | None:
    """:func:`token_arrays` of a text in which ``_NUMBER`` cannot match and with no underscore, by
    table lookups (numpy); None when the text has a character outside the BMP."""
    got = _token_bounds_np(text)
    if got is None:
        return None
    starts, ends = got
    return list(map(text.__getitem__, map(slice, starts, ends))), starts, ends


def token_arrays(text: str) -> tuple[list[str], list[int], list[int]]:
    """``(texts, starts, ends)`` of :func:`tokenize` as three lists (no Token objects: the fast path)."""
    if len(text) >= _NP_MIN and "_" not in text and not _NUM_SEQ.search(text):
        got = _token_arrays_np(text)
        if got is not None:
            return got
    parts = (_SPLIT_RE if "_" in text else _SPLIT_FAST_RE).split(text)
    cum = list(accumulate(map(len, parts)))
    return parts[1::2], cum[0:-1:2], cum[1::2]


def token_bounds(text: str) -> tuple[list[int], list[int]]:
    """``(starts, ends)`` of :func:`token_arrays`: for callers that read few tokens' texts (``text[s:e]``)."""
    if len(text) >= _NP_MIN and "_" not in text:
        got = _token_bounds_np(text, numbers_ok=False)
        if got is not None:
            return got
    return token_arrays(text)[1:]


def tokenize(text: str) -> list[Token]:
    """Words and single punctuation marks with offsets: ``text[t.start:t.end] == t.text``."""
    return [_tuple_new(Token, x) for x in zip(*token_arrays(text))]


def sentences(text: str, tokens: Sequence[Token] | None = None, max_len: int = 120) -> list[list[Token]]:
    """Token sequences to tag: cut after sentence-final punctuation, at line breaks and at ``max_len``."""
    toks = tokenize(text) if tokens is None else tokens
    out: list[list[Token]] = []
    cur: list[Token] = []
    prev_end = 0
    for t in toks:
        if cur and "\n" in text[prev_end:t.start]:
            out.append(cur)
            cur = []
        cur.append(t)
        prev_end = t.end
        if t.text in _SENT_END or len(cur) >= max_len:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def sentence_bounds(
    text: str, texts: Sequence[str], starts: Sequence[int], ends: Sequence[int], max_len: int = 120
) -> list[tuple[int, int]]:
    """The sentences of :func:`sentences` as token index ranges ``(first, last + 1)``, for the token
    arrays of :func:`token_arrays` (sorted, non-overlapping tokens; none holds a line break)."""
    n = len(texts)
    if not n:
        return []
    cuts = {i + 1 for i, w in enumerate(texts) if w in _SENT_END}
    pos = text.find("\n")
    while pos >= 0:
        i = bisect.bisect_right(starts, pos)  # first token after the line break
        if 0 < i < n and ends[i - 1] <= pos:
            cuts.add(i)
        pos = text.find("\n", pos + 1)
    cuts.add(n)
    out: list[tuple[int, int]] = []
    a = 0
    for b in sorted(cuts):
        while b - a > max_len:
            out.append((a, a + max_len))
            a += max_len
        if b > a:
            out.append((a, b))
            a = b
    return out


# --------------------------------------------------------------------------- resources

def _data_path(name: str) -> Path:
    return Path(str(resources.files("rasd").joinpath(MODEL_DIR).joinpath(name)))


def _read_rows(path: Path) -> Iterable[list[str]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield line.split("\t")


@dataclass(frozen=True)
class Clitics:
    """Proclitic and enclitic strings (normalised), longest first, from ``clitics.tsv``."""

    conj: tuple[str, ...]
    prep: tuple[str, ...]
    article: tuple[str, ...]
    suffix: tuple[str, ...]

    @classmethod
    def load(cls, path: Path | None = None) -> "Clitics":
        groups: dict[str, list[str]] = {"conj": [], "prep": [], "article": [], "suffix": []}
        for row in _read_rows(path or _data_path(CLITICS_FILE)):
            kind, form = row[0].strip(), normalize_text(row[1].strip())
            if kind in groups and form:
                groups[kind].append(form)
        return cls(**{k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in groups.items()})


@lru_cache(maxsize=1)
def default_clitics() -> Clitics:
    return Clitics.load()


def strip_proclitics(word: str, clitics: Clitics | None = None, min_stem: int = 2) -> tuple[str, str]:
    """Split a normalised word into (proclitics, stem): و/ف, then ب/ل/ك only before ال, then ال.

    لل is ل + ال with the alef dropped (للرئيس). A preposition is not stripped before a bare noun
    (بغداد, لبنان, كندا stay whole), and nothing is stripped that would leave fewer than
    ``min_stem`` letters.
    """
    c = clitics or default_clitics()
    pre = ""
    rest = word
    for p in c.conj:
        if rest.startswith(p) and len(rest) - len(p) > min_stem:
            tail = rest[len(p):]
            # ف starts many names (فاطمة, فرنسا): strip it only before ال or a preposition + ال
            if p == "ف" and not any(tail.startswith(x) for x in (*c.article, *(q + a for q in c.prep for a in c.article), "لل")):
                continue
            pre, rest = p, tail
            break
    for p in c.prep:
        if not rest.startswith(p):
            continue
        tail = rest[len(p):]
        if p == "ل" and tail.startswith("ل") and len(tail) - 1 >= min_stem:
            return pre + "لل", tail[1:]
        for a in c.article:
            if tail.startswith(a) and len(tail) - len(a) >= min_stem:
                return pre + p + a, tail[len(a):]
        break
    for a in c.article:
        if rest.startswith(a) and len(rest) - len(a) >= min_stem:
            return pre + a, rest[len(a):]
    return pre, rest


class Gazetteer:
    """Normalised names by type (PERS/LOC/ORG); single tokens and multi-token names."""

    def __init__(self, rows: Iterable[tuple[str, str]]):
        self.single: dict[str, set[str]] = {}
        self.multi: dict[tuple[str, ...], str] = {}
        self.firsts: set[str] = set()  # first words of the multi-token names (a quick pre-check)
        self.max_len = 1
        for name, typ in rows:
            toks = tuple(normalize_text(name).split())
            if not toks:
                continue
            if len(toks) == 1:
                self.single.setdefault(toks[0], set()).add(typ)
            else:
                self.multi.setdefault(toks, typ)
                self.firsts.add(toks[0])
                self.max_len = max(self.max_len, len(toks))

    @classmethod
    def load(cls, path: Path | None = None) -> "Gazetteer":
        rows = []
        for row in _read_rows(path or _data_path(GAZETTEER_FILE)):
            if len(row) >= 2:
                rows.append((row[0], row[1].strip()))
        return cls(rows)

    def spans(self, words: Sequence[str], stems: Sequence[str]) -> list[str | None]:
        """B-/I- type marks of the longest multi-token names in a normalised token sequence."""
        marks: list[str | None] = [None] * len(words)
        i, n = 0, len(words)
        firsts = self.firsts
        while i < n:
            hit = 0
            if words[i] not in firsts and stems[i] not in firsts:
                i += 1
                continue
            for k in range(min(self.max_len, n - i), 1, -1):
                key = tuple(words[i:i + k])
                typ = self.multi.get(key)
                if typ is None:
                    key2 = (stems[i],) + key[1:]
                    typ = self.multi.get(key2)
                if typ is not None:
                    marks[i] = "B-" + typ
                    for j in range(i + 1, i + k):
                        marks[j] = "I-" + typ
                    hit = k
                    break
            i += hit or 1
        return marks


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer.load()


class NameUnits:
    """Personal-name units (given names, surnames) with how often each was seen, from ``name_units.tsv``.

    The feature is the unit's usual role and a frequency bucket, e.g. ``given:100+``.
    """

    def __init__(self, rows: Iterable[tuple[str, str, int]]):
        self.marks: dict[str, str] = {}
        for unit, role, count in rows:
            key = normalize_text(unit)
            b = "1" if count <= 1 else "2-9" if count < 10 else "10-99" if count < 100 else "100+"
            self.marks[key] = f"{role}:{b}"

    @classmethod
    def load(cls, path: Path | None = None) -> "NameUnits":
        p = path or _data_path(NAMES_FILE)
        rows = []
        for row in _read_rows(p):
            if len(row) >= 3 and row[2].strip().isdigit():
                rows.append((row[0], row[1].strip(), int(row[2])))
        return cls(rows)

    def get(self, word: str, stem: str) -> str:
        return self.marks.get(word) or self.marks.get(stem) or ""


@lru_cache(maxsize=1)
def default_names() -> NameUnits:
    return NameUnits.load()


# --------------------------------------------------------------------------- features

_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
_LATIN_RE = re.compile(r"[A-Za-z]")


def _shape(tok: str) -> str:
    if tok.isdigit():
        return "D"
    if _ARABIC_RE.search(tok):
        return "A"
    if _LATIN_RE.search(tok):
        return "L" if not tok[:1].isupper() else "LU"
    if any(ch.isdigit() for ch in tok):
        return "DX"
    return "P"


def _len_bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3" if n == 3 else "4-5" if n <= 5 else "6+"


@dataclass(frozen=True)
class _WordFeats:
    w: str
    stem: str
    own: tuple[str, ...]  # the word's own features (without the sentence-dependent gazetteer mark)
    near: dict[int, tuple[str, ...]]  # features it gives to the token at offset -d (d = -2, -1, 1, 2)


@dataclass(frozen=True)
class _TagWord:
    """A word's features restricted to a model's attributes (see ``NerTagger.tagging_features``)."""

    w: str
    stem: str
    stem_b: bytes
    own: list[bytes]
    m2: list[bytes]  # the features it gives to the token two places later (its "-2" features)
    m1: list[bytes]  # ... one place later ("-1")
    p1: list[bytes]  # ... one place earlier ("1")
    p2: list[bytes]  # ... two places earlier ("2")


_WORD_CACHE: dict[tuple, _WordFeats] = {}
_WORD_CACHE_MAX = 200_000
_TAG_WORDS_MAX = 100_000  # words kept by a tagger with their encoded features (NerTagger._words)


def _word_feats(tok: str, gaz: Gazetteer, clitics: Clitics, names: NameUnits) -> _WordFeats:
    """Features of one word that do not depend on its sentence (cached per word and resources)."""
    key = (tok, id(gaz), id(clitics), id(names))
    wf = _WORD_CACHE.get(key)
    if wf is not None:
        return wf
    w = normalize_text(tok)
    pre, stem = strip_proclitics(w, clitics)
    g = gaz.single.get(w) or gaz.single.get(stem) or ()
    gs = "|".join(sorted(g))
    suf = ""
    for sx in clitics.suffix:
        if stem.endswith(sx) and len(stem) - len(sx) >= 3:
            suf = sx
            break
    al = "1" if pre.endswith("ال") or pre.endswith("لل") else "0"
    shape = _shape(tok)
    nu = names.get(w, stem)
    own = [
        "b", "w=" + w, "st=" + stem, "pre=" + pre, "suf=" + suf, "al=" + al, "sh=" + shape,
        "ln=" + _len_bucket(len(stem)), "p2=" + stem[:2], "p3=" + stem[:3], "s2=" + stem[-2:],
        "s3=" + stem[-3:], "s1=" + w[-1:], "p4=" + stem[:4], "s4=" + stem[-4:], "ws3=" + w[-3:],
    ]
    if gs:
        own.append("gs=" + gs)
    if nu:
        own.append("nu=" + nu)
        own.append("nr=" + nu.split(":")[0])
    near: dict[int, tuple[str, ...]] = {}
    for d in (-2, -1, 1, 2):
        f = [f"{d}w=" + w]
        if d in (-1, 1):
            f += [f"{d}st=" + stem, f"{d}al=" + al, f"{d}sh=" + shape]
            if gs:
                f.append(f"{d}gs=" + gs)
            if nu:
                f.append(f"{d}nr=" + nu.split(":")[0])
        near[d] = tuple(f)
    wf = _WordFeats(w, stem, tuple(own), near)
    if len(_WORD_CACHE) >= _WORD_CACHE_MAX:
        _WORD_CACHE.clear()
    _WORD_CACHE[key] = wf
    return wf


def sentence_features(
    tokens: Sequence[str],
    gaz: Gazetteer | None = None,
    clitics: Clitics | None = None,
    names: NameUnits | None = None,
) -> list[list[str]]:
    """CRF features (as ``name=value`` strings) for every token of one sequence."""
    gaz = gaz or default_gazetteer()
    clitics = clitics or default_clitics()
    names = names or default_names()
    ws = [_word_feats(t, gaz, clitics, names) for t in tokens]
    multi = gaz.spans([x.w for x in ws], [x.stem for x in ws])
    n = len(ws)
    feats: list[list[str]] = []
    for i, x in enumerate(ws):
        f = list(x.own)
        if multi[i]:
            f.append("gm=" + multi[i])
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.extend(ws[j].near[d])
                if d in (-1, 1) and multi[j]:
                    f.append(f"{d}gm=" + multi[j])
            elif d in (-1, 1):
                f.append(f"{d}w=" + ("<s>" if d < 0 else "</s>"))
        if i > 0:
            f.append("bg-=" + ws[i - 1].stem + "|" + x.stem)
        if i + 1 < n:
            f.append("bg+=" + x.stem + "|" + ws[i + 1].stem)
        feats.append(f)
    return feats


# --------------------------------------------------------------------------- tagging

@dataclass(frozen=True)
class Entity:
    """A named entity: ``text[start:end] == self.text``; label PER, ORG or LOC."""

    start: int
    end: int
    text: str
    label: str
    score: float = 1.0  # lowest per-token marginal probability of the entity's tags


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, last+1, type) of each entity in an IOB/IOB2 tag sequence (an I- after O starts one)."""
    out = []
    start, typ = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != typ):
            if start is not None:
                out.append((start, i, typ))
                start, typ = None, None
            if tag != "O":
                start, typ = i, tag[2:]
    return out


class NerTagger:
    """The CRF model with its gazetteer and clitic lists, loaded once."""

    def __init__(
        self,
        model_path: Path | None = None,
        gazetteer: Gazetteer | None = None,
        clitics: Clitics | None = None,
        names: NameUnits | None = None,
    ):
        import pycrfsuite  # python-crfsuite (a dependency of sklearn-crfsuite)

        path = Path(model_path) if model_path else _data_path(MODEL_FILE)
        if not path.exists():
            raise FileNotFoundError(f"{path}: NER model missing; rebuild it with `python scripts/train_ner.py`")
        self.model_path = path
        self.gazetteer = gazetteer or default_gazetteer()
        self.clitics = clitics or default_clitics()
        self.names = names or default_names()
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self._lock = threading.Lock()  # a crfsuite tagger holds per-call state
        # The model's attribute dictionary: crfsuite ignores any other attribute, so the tagging
        # path drops those before handing the features over (the same scores, summed in the same
        # order, for a third fewer strings to convert and look up). None: pass every feature.
        self._attrs: frozenset[bytes] | None = self._model_attributes()
        self._words: dict[str, _TagWord] = {}

    def _model_attributes(self) -> frozenset[bytes] | None:
        try:
            info = self._tagger.info()
            attrs = frozenset(a.encode("utf-8") for a in info.attributes)
            if len(attrs) != int(info.header.get("num_attrs", -1)):
                return None  # the dump was not read completely: do not filter
            return attrs
        except Exception:  # pragma: no cover - a dump the parser does not understand
            return None

    def _tag_word(self, tok: str) -> "_TagWord":
        """:func:`_word_feats` of a word, UTF-8 encoded and restricted to the model's attributes
        (cached per tagger)."""
        tw = self._words.get(tok)
        if tw is None:
            wf = _word_feats(tok, self.gazetteer, self.clitics, self.names)
            # the word is kept here (encoded, filtered), not twice: drop the str copy of the features
            _WORD_CACHE.pop((tok, id(self.gazetteer), id(self.clitics), id(self.names)), None)
            a = self._attrs
            enc = [f.encode("utf-8", "surrogatepass") for f in wf.own]
            near = {d: [f for f in (x.encode("utf-8", "surrogatepass") for x in v) if f in a]
                    for d, v in wf.near.items()}
            tw = _TagWord(wf.w, wf.stem, wf.stem.encode("utf-8", "surrogatepass"), [f for f in enc if f in a],
                          near[-2], near[-1], near[1], near[2])
            if len(self._words) >= _TAG_WORDS_MAX:
                self._words.clear()
            self._words[tok] = tw
        return tw

    def tagging_features(self, tokens: Sequence[str]) -> list[list[bytes]] | list[list[str]]:
        """What :meth:`tag_tokens` hands to crfsuite: :func:`sentence_features` UTF-8 encoded (crfsuite
        reads bytes as they are; a str would be encoded on every call) and without the attributes
        the model does not know (crfsuite ignores those), in the same order — so the same scores."""
        a = self._attrs
        if a is None:
            return sentence_features(tokens, self.gazetteer, self.clitics, self.names)
        if not tokens:
            return []
        words = self._words
        ws = [words.get(t) or self._tag_word(t) for t in tokens]
        multi = self.gazetteer.spans([x.w for x in ws], [x.stem for x in ws])
        # The features of every token in the order of sentence_features, built in passes over the
        # sentence (each pass appends the same kind of feature to every token, so the order within a
        # token's list is: own, gm, -2, -1 (+ -1gm or <s>), +1 (+ 1gm or </s>), +2, bg-, bg+).
        feats: list[list[bytes]] = [list(x.own) for x in ws]
        if any(multi):
            for f, m in zip(feats, multi):
                if m:
                    g = ("gm=" + m).encode("utf-8")
                    if g in a:
                        f.append(g)
        for f, x in zip(feats[2:], ws):
            f += x.m2
        if b"-1w=<s>" in a:
            feats[0].append(b"-1w=<s>")
        for f, x, m in zip(feats[1:], ws, multi):
            f += x.m1
            if m:
                g = ("-1gm=" + m).encode("utf-8")
                if g in a:
                    f.append(g)
        for f, x, m in zip(feats, ws[1:], multi[1:]):
            f += x.p1
            if m:
                g = ("1gm=" + m).encode("utf-8")
                if g in a:
                    f.append(g)
        if b"1w=</s>" in a:
            feats[-1].append(b"1w=</s>")
        for f, x in zip(feats, ws[2:]):
            f += x.p2
        if len(ws) > 1:
            pairs = [x.stem_b + b"|" + y.stem_b for x, y in zip(ws, ws[1:])]
            for f, p in zip(feats[1:], pairs):
                bg = b"bg-=" + p
                if bg in a:
                    f.append(bg)
            for f, p in zip(feats, pairs):
                bg = b"bg+=" + p
                if bg in a:
                    f.append(bg)
        return feats

    def tag_tokens(self, tokens: Sequence[str]) -> tuple[list[str], list[float]]:
        """IOB tags and their marginal probabilities for one token sequence."""
        if not tokens:
            return [], []
        feats = self.tagging_features(tokens)
        with self._lock:
            tags = self._tagger.tag(feats)
            # marginals only where they are used (the tokens of entities); O tokens get 1.0
            probs = [self._tagger.marginal(tag, i) if tag != "O" else 1.0 for i, tag in enumerate(tags)]
        return list(tags), probs

    def find_entities(
        self,
        text: str,
        labels: Iterable[str] = KEEP_LABELS,
        sents: Iterable[Sequence[Token]] | None = None,
    ) -> list[Entity]:
        """Entities of ``text``; ``sents`` (token sequences of ``text``, e.g. a chosen subset of
        :func:`sentences`) limits the tagging to those sentences."""
        keep = set(labels)
        out: list[Entity] = []
        for sent in (sentences(text) if sents is None else sents):
            tags, probs = self.tag_tokens([t.text for t in sent])
            for a, b, typ in bio_spans(tags):
                label = _LABEL_OUT.get(typ, typ)
                if label not in keep:
                    continue
                s, e = sent[a].start, sent[b - 1].end
                out.append(Entity(s, e, text[s:e], label, round(min(probs[a:b]), 4)))
        return out

    def entities_in(
        self,
        text: str,
        arrays: tuple[Sequence[str], Sequence[int], Sequence[int]],
        bounds: Iterable[tuple[int, int]],
        labels: Iterable[str] = KEEP_LABELS,
    ) -> list[Entity]:
        """:meth:`find_entities` over token index ranges ``bounds`` of the token arrays of ``text``
        (:func:`token_arrays`, :func:`sentence_bounds`), without building Token objects. Marginals
        are computed only for the tokens of the entities kept (a sentence with none needs no
        forward-backward pass); each is the value :meth:`tag_tokens` gives."""
        texts, starts, ends = arrays
        keep = set(labels)
        out: list[Entity] = []
        tagger = self._tagger
        for i0, i1 in bounds:
            if i1 <= i0:
                continue
            feats = self.tagging_features(texts[i0:i1])
            with self._lock:
                tags = tagger.tag(feats)
                if all(t == "O" for t in tags):
                    continue
                for a, b, typ in bio_spans(tags):
                    label = _LABEL_OUT.get(typ, typ)
                    if label not in keep:
                        continue
                    score = min(tagger.marginal(tags[k], k) for k in range(a, b))
                    s, e = starts[i0 + a], ends[i0 + b - 1]
                    out.append(Entity(s, e, text[s:e], label, round(score, 4)))
        return out


_DEFAULT: NerTagger | None = None
_DEFAULT_LOCK = threading.Lock()


def get_tagger() -> NerTagger:
    """The shared tagger of the shipped model (loaded on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = NerTagger()
    return _DEFAULT


def find_entities(text: str, labels: Iterable[str] = KEEP_LABELS) -> list[Entity]:
    """PER/ORG/LOC entities of ``text`` with character offsets into it (shipped model)."""
    return get_tagger().find_entities(text, labels)
