"""Loading the cleaning data files and classifying single lines against them.

Data files live in ``rasd/data/boilerplate/`` (their headers document the columns):

- ``markers.tsv``  boilerplate markers (pattern, family, mode);
- ``labels.tsv``   labels of metadata lines (publication date, credit, sources, byline);
- ``tag_terms.tsv`` and ``tag_countries.tsv``  names that make up tag/category lines.

Every comparison is made on a *line key*: the line normalised with
:func:`rasd.normalize.normalize_text`, its words (``\\w+`` runs) joined by single spaces. So
punctuation, emoji, diacritics, tatweel, alef/ya/ta-marbuta variants and Persian letters never
decide whether a line matches.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick

from ..normalize import normalize_text

_WORD_RE = re.compile(r"\w+")
_SEP_RE = re.compile(r"\s*[:：\-–—|]")
_SENTENCE_END_RE = re.compile(r"[.!?؟…]['\"”»’)\]]*\s*$")
_ARABIC_RE = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "boilerplate"
MODES = ("line", "prefix", "contains", "regex")
LABEL_FIELDS = ("published", "updated", "credit", "sources", "byline")


def line_key(text: str) -> str:
    """The comparison key of a line: normalised words joined by single spaces."""
    return " ".join(_WORD_RE.findall(normalize_text(text)))


def ends_sentence(text: str) -> bool:
    return _SENTENCE_END_RE.search(text) is not None


def count_words(text: str) -> int:
    return len(text.split())


def arabic_letters(text: str) -> int:
    return len(_ARABIC_RE.findall(text))


def latin_letters(text: str) -> int:
    return len(_LATIN_RE.findall(text))


def data_path(name: str) -> Path:
    return DATA_DIR / name


def _rows(path: Path, ncols: int) -> list[tuple[str, ...]]:
    rows = []
    for n, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) < ncols:
            raise ValueError(f"{path}:{n}: expected {ncols} tab-separated columns, got {len(cols)}: {raw!r}")
        rows.append(tuple(c.strip() for c in cols[:ncols]))
    return rows


_SEEN_MAX = 8192  # keys whose classification a MarkerSet remembers (a batch of documents' lines: see
# rasd.pipeline.BATCH_SIZE; boilerplate classifies them, then clean.appended asks again)


@dataclass
class MarkerSet:
    """Compiled boilerplate markers: ``classify(key)`` gives the family of a marker line or None.

    Markers are added with :meth:`add`. The answers of ``classify`` are remembered for the keys
    seen last (``clean.boilerplate`` and then ``clean.appended`` classify the same lines of a
    document); ``add`` forgets them.
    """

    line: dict[str, str] = field(default_factory=dict)
    prefix: dict[str, str] = field(default_factory=dict)
    contains: list[tuple[str, str]] = field(default_factory=list)
    regex: list[tuple[re.Pattern, str]] = field(default_factory=list)
    prefix_words: int = 0
    contains_max_words: int = 16
    _seen: dict[str, tuple[str, str] | None] = field(default_factory=dict, init=False, repr=False,
                                                     compare=False)

    def add(self, pattern: str, family: str, mode: str) -> None:
        self._seen.clear()
        if mode not in MODES:
            raise ValueError(f"marker {pattern!r}: unknown mode {mode!r} (one of {', '.join(MODES)})")
        if mode == "regex":
            self.regex.append((re.compile(pattern), family))
            return
        key = line_key(pattern)
        if not key:
            raise ValueError(f"marker {pattern!r} has no letters or digits")
        if mode == "line":
            self.line.setdefault(key, family)
        elif mode == "prefix":
            self.prefix.setdefault(key, family)
            self.prefix_words = max(self.prefix_words, key.count(" ") + 1)
        else:
            self.contains.append((f" {key} ", family))

    def classify(self, key: str) -> tuple[str, str] | None:
        """``(family, mode)`` of the first marker matching a line key, else None."""
        if not key:
            return None
        seen = self._seen
        if key in seen:
            return seen[key]
        if len(seen) >= _SEEN_MAX:
            seen.clear()
        hit = seen[key] = self._classify(key)
        return hit

    def _classify(self, key: str) -> tuple[str, str] | None:
        fam = self.line.get(key)
        if fam is not None:
            return fam, "line"
        # a prefix marker starts with the line's first word
        if key.partition(" ")[0] in self._prefix_firsts():
            words = key.split(" ", self.prefix_words)  # the words a prefix marker can cover (+ the rest)
            for k in range(min(self.prefix_words, len(words)), 0, -1):
                fam = self.prefix.get(" ".join(words[:k]))
                if fam is not None:
                    return fam, "prefix"
        if key.count(" ") < self.contains_max_words:  # at most contains_max_words words
            padded = f" {key} "
            for pat, fam in self.contains:
                if pat in padded:
                    return fam, "contains"
        if self.regex:
            any_rx = self._any_regex()
            if any_rx is not None and any_rx.fullmatch(key) is None:
                return None
            for rx, fam in self.regex:
                if rx.fullmatch(key):
                    return fam, "regex"
        return None

    def _any_regex(self) -> re.Pattern | None:
        """One pattern that fully matches a key iff one of the regex markers does (their
        alternation), so that most keys are ruled out by one match instead of one per marker.
        Rebuilt when the regex list changes; None when the patterns do not combine (groups,
        flags)."""
        tag = (id(self.regex), len(self.regex))
        cached = self.__dict__.get("_any_rx")
        if cached is None or cached[0] != tag:
            rx = None
            try:
                if all(r.groups == 0 and r.flags == re.UNICODE for r, _ in self.regex):
                    rx = re.compile("|".join(f"(?:{r.pattern})" for r, _ in self.regex))
            except re.error:
                pass
            cached = (tag, rx)
            self.__dict__["_any_rx"] = cached
        return cached[1]

    def _prefix_firsts(self) -> set[str]:
        """First words of the prefix markers (rebuilt when the prefix table changes)."""
        tag = (id(self.prefix), len(self.prefix))
        cached = self.__dict__.get("_firsts")
        if cached is None or cached[0] != tag:
            cached = (tag, {k.split(" ")[0] for k in self.prefix})
            self.__dict__["_firsts"] = cached
        return cached[1]

    def prefix_length(self, key: str) -> int:
        """Number of words of the longest prefix marker that starts ``key`` (0 if none)."""
        words = key.split(" ")
        for k in range(min(self.prefix_words, len(words)), 0, -1):
            if " ".join(words[:k]) in self.prefix:
                return k
        return 0


def load_markers(path: str | Path | None = None, extra: str | Path | None = None,
                 contains_max_words: int = 16) -> MarkerSet:
    ms = MarkerSet(contains_max_words=contains_max_words)
    for p in [Path(path) if path else data_path("markers.tsv")] + ([Path(extra)] if extra else []):
        for pattern, family, mode in _rows(p, 3):
            ms.add(pattern, family, mode)
    return ms


@dataclass
class LabelMatch:
    field: str
    label_end: int  # index in the original line where the value starts
    value: str


class LabelSet:
    """Labels of metadata lines ("تاريخ النشر:", "المصدر:", "بقلم", …)."""

    def __init__(self, rows: list[tuple[str, str, str]]):
        # first normalised word -> [(regex over the normalised line, field, needs_colon)]
        self._by_first: dict[str, list[tuple[re.Pattern, str, bool]]] = {}
        for label, fld, sep in rows:
            if fld not in LABEL_FIELDS:
                raise ValueError(f"label {label!r}: unknown field {fld!r} (one of {', '.join(LABEL_FIELDS)})")
            if sep not in ("colon", "any"):
                raise ValueError(f"label {label!r}: separator must be 'colon' or 'any', not {sep!r}")
            words = _WORD_RE.findall(normalize_text(label))
            rx = re.compile(r"^\W*" + r"\W+".join(re.escape(w) for w in words) + r"(?!\w)")
            self._by_first.setdefault(words[0], []).append((rx, fld, sep == "colon"))

    def match(self, text: str, norm: str | None = None) -> LabelMatch | None:
        """The label that starts ``text`` (a line of the original text), if any. ``norm``:
        ``normalize_text(text)`` when the caller has it."""
        if norm is None:
            norm = normalize_text(text)
        m0 = _WORD_RE.search(norm)
        if m0 is None:
            return None
        cands = self._by_first.get(m0.group(0))
        if not cands:
            return None
        for rx, fld, needs_colon in sorted(cands, key=lambda c: -len(c[0].pattern)):
            m = rx.match(norm)
            if m is None:
                continue
            rest = norm[m.end():]
            sep = _SEP_RE.match(rest)
            if needs_colon and sep is None:
                continue
            if sep is None and count_words(rest) > 8:
                continue
            cut = m.end() + (sep.end() if sep else 0)
            # map the cut in normalised text back to the original line
            from ..normalize import normalize

            orig_cut = normalize(text).to_original_pos(cut) if cut < len(norm) else len(text)
            return LabelMatch(fld, orig_cut, text[orig_cut:].strip())
        return None


def load_labels(path: str | Path | None = None) -> LabelSet:
    return LabelSet(_rows(Path(path) if path else data_path("labels.tsv"), 3))  # type: ignore[arg-type]


class TagTerms:
    """Names that make up tag/category lines, matched glued or apart (spaces ignored)."""

    def __init__(self, names: list[str]):
        self._ac = ahocorasick.Automaton()
        for name in names:
            k = "".join(_WORD_RE.findall(normalize_text(name)))
            if len(k) >= 3:
                self._ac.add_word(k, len(k))
        self._ac.make_automaton()

    def coverage(self, key: str) -> tuple[float, int]:
        """Share of the key's letters covered by names (longest first, no overlap) and how many."""
        s = key.replace(" ", "")
        if not s:
            return 0.0, 0
        spans = sorted(((end - ln + 1, end + 1) for end, ln in self._ac.iter(s)), key=lambda x: (x[0], -x[1]))
        covered = n = 0
        # greedy: at each start take the longest match that does not overlap the previous one
        best_end_at: dict[int, int] = {}
        for st, en in spans:
            if en > best_end_at.get(st, -1):
                best_end_at[st] = en
        i = 0
        while i < len(s):
            en = best_end_at.get(i)
            if en is not None:
                covered += en - i
                n += 1
                i = en
            else:
                i += 1
        return covered / len(s), n


@lru_cache(maxsize=4)
def default_tag_terms() -> TagTerms:
    names: list[str] = []
    for fname in ("tag_terms.tsv", "tag_countries.tsv"):
        for raw in data_path(fname).read_text("utf-8").splitlines():
            if raw.strip() and not raw.startswith("#"):
                names.append(raw.split("\t")[0].strip())
    return TagTerms(names)


@lru_cache(maxsize=4)
def default_markers(contains_max_words: int = 16) -> MarkerSet:
    return load_markers(contains_max_words=contains_max_words)


@lru_cache(maxsize=4)
def default_labels() -> LabelSet:
    return load_labels()
