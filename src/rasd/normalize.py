"""Arabic normalisation for matching and search, with an offset map back to the original.

Normalising never alters a stored original: :func:`normalize` returns the normalised string and,
for every normalised character, the index of the original character it came from, so a match
found in normalised text maps back onto exactly the characters of the original.

What is folded:
- diacritics (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks, honorific signs)
  and tatweel: removed;
- zero-width and bidi control characters (ZWSP, ZWNJ, ZWJ, LRM, RLM, ALM, embeddings, isolates),
  the word joiner, BOM and soft hyphen: removed;
- alef forms أ إ آ ٱ ٲ ٳ → ا; alef maqsura ى and Persian/Kurdish ی ې ۍ ێ → ي; ta marbuta ة,
  Kurdish ە, ۀ, heh goal ہ and heh doachashmee ھ → ه; Persian keheh ک, swash kaf ڪ and gaf گ → ك;
  hamza seats ؤ ئ ٸ → ء;
- Arabic-Indic (٠-٩) and Persian (۰-۹) digits → ASCII; Arabic decimal/thousands separators ٫ ٬ → . ,
  and the Arabic percent sign ٪ → %; Arabic comma/semicolon/question mark are kept;
- typographic quotes “ ” « » „ ‟ ″ → ", ‘ ’ ‚ ‛ ′ → ';
- every Unicode space (NBSP, thin space, …, line/paragraph separators) → a plain space (so lines
  of the normalised text are the lines of the original);
- ASCII upper case → lower case;
- Arabic presentation forms (ligatures such as ﻻ) → their letters (NFKC), folded as above.

Every rule maps one original character to zero, one or (presentation-form ligatures only) several
normalised characters, so ``offsets`` is non-decreasing and ``normalize(text).text ==
normalize_text(text)``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_DELETE = (
    [chr(c) for c in range(0x064B, 0x0660)]  # tanwin, harakat, shadda, sukun, madda/hamza marks
    + ["\u0670", "\u0640", "\u00ad", "\u061c", "\ufeff", "\u180e"]
    + [chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)]  # Quranic marks
    + [chr(c) for c in range(0x0610, 0x061B)]  # honorific signs
    + [chr(c) for c in range(0x08D3, 0x0900) if c != 0x08E2]  # extended Arabic marks
    + [chr(c) for c in range(0x200B, 0x2010)]  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    + [chr(c) for c in range(0x202A, 0x202F)]  # bidi embeddings and overrides
    + [chr(c) for c in range(0x2060, 0x2070)]  # word joiner, invisible operators, bidi isolates
    + [chr(c) for c in range(0xFE00, 0xFE10)]  # variation selectors
)

_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ێ": "ي",
    "ة": "ه", "ە": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "ؤ": "ء", "ئ": "ء", "ٸ": "ء",
    "“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "‟": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
    "٫": ".", "٬": ",", "٪": "%",
    "\u2028": " ", "\u2029": " ",
}
for _i, _d in enumerate("٠١٢٣٤٥٦٧٨٩"):
    _MAP[_d] = str(_i)
for _i, _d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
    _MAP[_d] = str(_i)


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for ch in _DELETE:
        table[ord(ch)] = ""
    for src, dst in _MAP.items():
        table[ord(src)] = dst
    # Unicode spaces -> plain space (newlines and tabs stay as they are)
    for cp in (0x00A0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)):
        table[cp] = " "
    # Arabic presentation forms -> letters, then fold those letters too (spaces dropped)
    for cp in list(range(0xFB50, 0xFDFE)) + list(range(0xFE70, 0xFEFF)):
        ch = chr(cp)
        nf = unicodedata.normalize("NFKC", ch)
        if nf != ch:
            folded = "".join(table.get(ord(c), c) for c in nf).replace(" ", "")
            table[cp] = folded
    # ASCII upper case -> lower case
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    return table


TABLE = _build_table()

# Characters that do not map one-to-one (deleted or expanded): only these need offset work.
_SPECIAL = "".join(sorted(chr(cp) for cp, rep in TABLE.items() if len(rep) != 1))
_SPECIAL_RE = re.compile("[" + re.escape(_SPECIAL) + "]+")


@dataclass(frozen=True)
class NormText:
    """A normalised text and, for each of its characters, the original index it came from."""

    text: str
    offsets: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to a span of the original text.

        The result covers every original character that produced ``text[start:end]`` (and any
        deleted characters such as diacritics between them), never characters outside it.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside normalised text of length {len(self.text)}")
        if start == end:
            pos = self.offsets[start] if start < len(self.offsets) else self.original_length
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def to_original_pos(self, index: int) -> int:
        """Original index of the normalised character at ``index`` (``original_length`` at the end)."""
        if index >= len(self.offsets):
            return self.original_length
        return self.offsets[index]


# -- fast path for long texts: one table lookup per code point with numpy ---------------------------
# ``_LUT[cp]`` is the code point ``cp`` maps to, ``_DEL`` when it is deleted and ``_EXP`` when it
# expands to several characters (presentation-form ligatures, handled by the general path).
# ``_EXP`` is the largest value, so the maximum of the mapped text tells which case it is.
# ``str.translate`` with a dict costs a dict lookup per character (~90 ns); the lookup table costs
# a few ns per character plus a fixed ~10 µs, so it is used for texts longer than ``_FAST_MIN``.
_DEL = 0xFFFFFFFE
_EXP = 0xFFFFFFFF
_FAST_MIN = 160  # normalize_text: below this str.translate is as fast
_FAST_MIN_OFFSETS = 64  # normalize: the pure-Python offset map costs more, so the crossover is lower

try:  # numpy comes with datasketch (dedup); without it the pure-Python path below is used
    import numpy as _np
except ImportError:  # pragma: no cover
    _np = None

_LUT = None


def _lut():
    global _LUT
    if _LUT is None:
        lut = _np.arange(0x110000, dtype=_np.uint32)
        for cp, rep in TABLE.items():
            lut[cp] = _DEL if rep == "" else (ord(rep) if len(rep) == 1 else _EXP)
        _LUT = lut
    return _LUT


# Offset maps are tuples of ints. Built from scratch they cost an int object per character (~30 ns
# each, most of ``normalize`` on a long text); slices of one shared tuple ``(0, 1, 2, …)`` reuse the
# same int objects (a copy of pointers), so the maps are assembled from slices of ``_INDICES``.
_INDICES: tuple[int, ...] = ()
_INDICES_MAX = 1 << 20  # longer texts get their own indices (no shared tuple of that size is kept)


def _indices(n: int):
    """A sequence ``0, 1, 2, …`` of at least ``n`` indices: the shared tuple (grown on demand) or,
    for a text longer than ``_INDICES_MAX``, ``range(n)``."""
    global _INDICES
    if len(_INDICES) < n:
        if n > _INDICES_MAX:
            return range(n)
        _INDICES = tuple(range(min(max(n, 2 * len(_INDICES), 8192), _INDICES_MAX)))
    return _INDICES


def _identity(n: int) -> tuple[int, ...]:
    """``tuple(range(n))``."""
    return tuple(_indices(n)[:n])


def _offsets_without(n: int, deleted: list[int]) -> tuple[int, ...]:
    """``tuple(i for i in range(n) if i not in deleted)``; ``deleted`` is sorted (and short: one
    slice per deletion)."""
    idx = _indices(n)
    out: list[int] = []
    prev = 0
    for d in deleted:
        out += idx[prev:d]
        prev = d + 1
    out += idx[prev:n]
    return tuple(out)


def _normalize_fast(text: str, with_offsets: bool):
    """(normalised text, offsets or None), or None when the text holds an expanding character."""
    a = _np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=_np.uint32)
    m = _lut().take(a)
    top = _np.maximum.reduce(m)
    if top < _DEL:  # nothing deleted or expanded
        out = m.tobytes().decode("utf-32-le", "surrogatepass")
        return out, (_identity(len(text)) if with_offsets else None)
    if top == _EXP:
        return None
    keep = m < _DEL
    out = m[keep].tobytes().decode("utf-32-le", "surrogatepass")
    if not with_offsets:
        return out, None
    deleted = _np.flatnonzero(~keep)
    if 3 * len(deleted) > len(text):  # mostly deletions (a fully vowelled text): the kept indices
        return out, tuple(_np.flatnonzero(keep).tolist())
    return out, _offsets_without(len(text), deleted.tolist())


def _normalize_slow(text: str) -> NormText:
    norm = text.translate(TABLE)
    n = len(text)
    if len(norm) == n and _SPECIAL_RE.search(text) is None:
        return NormText(norm, _identity(n), n)
    offs: list[int] = []
    table = TABLE
    idx = _indices(n)
    prev = 0
    for m in _SPECIAL_RE.finditer(text):
        offs += idx[prev:m.start()]
        for i in range(m.start(), m.end()):
            k = len(table[ord(text[i])])
            if k:
                offs.extend([i] * k)
        prev = m.end()
    offs += idx[prev:n]
    return NormText(norm, tuple(offs), n)


def normalize(text: str) -> NormText:
    """Normalise ``text`` and keep the offset map (see module docstring for the rules)."""
    if _np is not None and len(text) >= _FAST_MIN_OFFSETS:
        r = _normalize_fast(text, True)
        if r is not None:
            return NormText(r[0], r[1], len(text))
    return _normalize_slow(text)


def normalize_text(text: str) -> str:
    """Normalised text without the offset map (fast path for search keys and hashing)."""
    if _np is not None and len(text) >= _FAST_MIN:
        r = _normalize_fast(text, False)
        if r is not None:
            return r[0]
    return text.translate(TABLE)


def fold_spaces(text: str) -> str:
    """Collapse runs of whitespace to one space (for search keys and hashing, not for offsets)."""
    return " ".join(text.split())
