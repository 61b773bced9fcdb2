"""Arabic normalisation for matching and search, with an offset map back to the original.

Normalising never alters a stored original: :func:`normalize` returns the normalised string and,
for every normalised character, the index of the original character it came from, so a match
found in normalised text maps back onto exactly the characters of the original.

What is folded (see ``docs/normalisation.md``):
- diacritics (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks) and tatweel: removed;
- zero-width and bidi control characters, soft hyphen: removed;
- alef forms أ إ آ ٱ ٲ ٳ → ا; alef maqsura ى and Persian/Kurdish ی ې → ي; ta marbuta ة, Kurdish ە,
  ۀ and heh goal ہ → ه; Persian keheh ک and swash kaf ڪ → ك; hamza seats ؤ ئ → ء;
- Arabic-Indic (٠-٩) and Persian (۰-۹) digits → ASCII; Arabic comma/semicolon/question mark kept;
- typographic quotes “ ” « » „ ‟ ″ → ", ‘ ’ ‚ ‛ → ';
- every Unicode space (NBSP, thin space, …) → a plain space; Latin letters → lower case;
- Arabic presentation forms (ligatures such as ﻻ) → their letters (NFKC).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_DELETE = (
    [chr(c) for c in range(0x064B, 0x0660)]  # tanwin, harakat, shadda, sukun, madda/hamza marks
    + ["\u0670", "\u0640", "\u00ad", "\u061c", "\ufeff"]
    + [chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)]  # Quranic marks
    + [chr(c) for c in range(0x0610, 0x061B)]  # honorific signs
    + [chr(c) for c in range(0x200B, 0x2010)]  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    + [chr(c) for c in range(0x202A, 0x202F)]  # bidi embeddings
    + [chr(c) for c in range(0x2060, 0x2070)]  # word joiner, bidi isolates
)

_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ێ": "ي",
    "ة": "ه", "ە": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "ؤ": "ء", "ئ": "ء", "ٸ": "ء",
    "“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "‟": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'",
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
    # Unicode spaces -> plain space (but keep newlines and tabs as they are)
    for cp in (0x00A0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)):
        table[cp] = " "
    # Arabic presentation forms -> letters, then fold those letters too
    for cp in list(range(0xFB50, 0xFDFE)) + list(range(0xFE70, 0xFEFF)):
        ch = chr(cp)
        nf = unicodedata.normalize("NFKC", ch)
        if nf != ch:
            table[cp] = "".join(table.get(ord(c), c) if table.get(ord(c)) is not None else c for c in nf).replace(" ", "")
    # ASCII upper case -> lower case
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    return table


TABLE = _build_table()


@dataclass(frozen=True)
class NormText:
    """A normalised text and, for each of its characters, the original index it came from."""

    text: str
    offsets: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to a span of the original text."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside normalised text of length {len(self.text)}")
        if start == end:
            pos = self.offsets[start] if start < len(self.offsets) else self.original_length
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


def normalize(text: str) -> NormText:
    """Normalise ``text`` and keep the offset map (see module docstring for the rules)."""
    out: list[str] = []
    offs: list[int] = []
    table = TABLE
    for i, ch in enumerate(text):
        rep = table.get(ord(ch))
        if rep is None:
            out.append(ch)
            offs.append(i)
        elif rep:
            out.append(rep)
            offs.extend([i] * len(rep))
    return NormText("".join(out), tuple(offs), len(text))


def normalize_text(text: str) -> str:
    """Normalised text without the offset map (fast path for search keys and hashing)."""
    return text.translate(TABLE)


def fold_spaces(text: str) -> str:
    """Collapse runs of whitespace to one space (for search keys and hashing, not for offsets)."""
    return " ".join(text.split())
