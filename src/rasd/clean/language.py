"""Language identification from script and function words, for documents and their segments.

The script decides the family (Arabic script, Latin, Cyrillic, Hebrew, Greek, CJK …); within a
script, function words (``data/boilerplate/language_words.tsv``) and script-specific letters decide
the language: Arabic vs Persian vs Urdu (an Arabic article typed on a Persian keyboard, with ی and
ک, stays Arabic: letters alone do not make Persian), English vs French vs Spanish …
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick

from ..normalize import normalize_text

_DATA = Path(__file__).resolve().parent.parent / "data" / "boilerplate" / "language_words.tsv"
_WORD_RE = re.compile(r"[^\W\d_]+")

# Letters used by Persian/Urdu but not by Arabic (پ چ ژ گ and Urdu ٹ ڈ ڑ ں ے ۓ ھ).
_PERSIAN = set("پچژگ")
_URDU = set("ٹڈڑںےۓ")
_SCRIPT_DEFAULT = {"arabic": "ar", "latin": "en", "cyrillic": "ru", "hebrew": "he", "greek": "el",
                   "cjk": "zh", "hangul": "ko", "kana": "ja", "devanagari": "hi"}


def _script(cp: int) -> str:
    if 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0x08A0 <= cp <= 0x08FF or 0xFB50 <= cp <= 0xFEFF:
        return "arabic"
    if cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF:
        return "latin"
    if 0x0400 <= cp <= 0x04FF:
        return "cyrillic"
    if 0x0590 <= cp <= 0x05FF:
        return "hebrew"
    if 0x0370 <= cp <= 0x03FF:
        return "greek"
    if 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF:
        return "hangul"
    if 0x3040 <= cp <= 0x30FF:
        return "kana"
    if 0x4E00 <= cp <= 0x9FFF:
        return "cjk"
    if 0x0900 <= cp <= 0x097F:
        return "devanagari"
    return "other"


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for raw in _DATA.read_text("utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        word, lang = (c.strip() for c in raw.split("\t")[:2])
        for form in dict.fromkeys((word, word.lower(), normalize_text(word))):
            table.setdefault(form, []).append(lang)
    return {w: tuple(dict.fromkeys(v)) for w, v in table.items()}


# -- fast letter counts per script over the UTF-8 bytes (C-level byte counts, no per-char Python) --
_ASCII_NON_LETTERS = bytes(i for i in range(256) if not (65 <= i <= 90 or 97 <= i <= 122))
# Arabic block (U+0600-06FF): lead bytes D8-DB; Arabic Supplement (U+0750-077F): DD
_AR_LEADS = (b"\xd8", b"\xd9", b"\xda", b"\xdb", b"\xdd")
# frequent characters of the Arabic block that are not letters: ، ؛ ؟ and Arabic-Indic digits
# (harakat are rare in news and left in the count: the ratios tolerate them)
_AR_NON_LETTERS = tuple(chr(c).encode("utf-8") for c in [0x060C, 0x061B, 0x061F, *range(0x0660, 0x066A)])
_AR_PRESENTATION = tuple(bytes([0xEF, b]) for b in range(0xAD, 0xBC))  # U+FB50-FEFF (approx.)
_LATIN_LEADS = (b"\xc3", b"\xc4", b"\xc5", b"\xc6", b"\xc7", b"\xc8", b"\xc9")
_CYRILLIC_LEADS = (b"\xd0", b"\xd1", b"\xd2", b"\xd3")
_OTHER_LEADS = {
    "hebrew": (b"\xd7",),
    "greek": (b"\xce", b"\xcf"),
    "kana": (b"\xe3\x81", b"\xe3\x82", b"\xe3\x83"),
    "cjk": (b"\xe4", b"\xe5", b"\xe6", b"\xe7", b"\xe8", b"\xe9"),
    "hangul": (b"\xea", b"\xeb", b"\xec", b"\xed"),
    "devanagari": (b"\xe0\xa4", b"\xe0\xa5"),
}
_PERSIAN_RE = re.compile("[پچژگ]")
_URDU_RE = re.compile("[ٹڈڑںےۓ]")


def script_counts(text: str) -> Counter:
    """Approximate number of letters per script (arabic, latin, cyrillic, hebrew, greek, cjk, …)."""
    b = text.encode("utf-8", "surrogatepass")
    c: Counter = Counter()
    ar = sum(b.count(x) for x in _AR_LEADS)
    if ar:
        ar -= sum(b.count(x) for x in _AR_NON_LETTERS)
    if b"\xef" in b:
        ar += sum(b.count(x) for x in _AR_PRESENTATION)
    if ar > 0:
        c["arabic"] = ar
    latin = len(b.translate(None, _ASCII_NON_LETTERS))
    if len(b) - len(text) > 2 * ar:  # other multi-byte characters are present
        latin += sum(b.count(x) for x in _LATIN_LEADS)
        cyr = sum(b.count(x) for x in _CYRILLIC_LEADS)
        if cyr:
            c["cyrillic"] = cyr
        for name, leads in _OTHER_LEADS.items():
            n = sum(b.count(x) for x in leads)
            if n:
                c[name] = n
    if latin:
        c["latin"] = latin
    return c


@dataclass
class Evidence:
    """What the decision rests on: letters per script, function-word votes, Persian/Urdu letters."""

    scripts: Counter = field(default_factory=Counter)
    votes: Counter = field(default_factory=Counter)
    persian: int = 0
    urdu: int = 0

    def __iadd__(self, other: "Evidence") -> "Evidence":
        self.scripts.update(other.scripts)
        self.votes.update(other.votes)
        self.persian += other.persian
        self.urdu += other.urdu
        return self


def evidence(text: str) -> Evidence:
    scripts = script_counts(text)
    if "arabic" in scripts:
        return _evidence_of_line(text, scripts, len(_PERSIAN_RE.findall(text)), len(_URDU_RE.findall(text)))
    return _evidence_of_line(text, scripts, 0, 0)


def decide(ev: Evidence) -> str:
    scripts = ev.scripts
    total = sum(scripts.values())
    if total == 0:
        return "und"
    script, n = scripts.most_common(1)[0]
    if n / total < 0.5:
        return "und"
    default = _SCRIPT_DEFAULT.get(script, "und")
    votes = ev.votes
    if script == "arabic":
        ar, fa, ur = votes["ar"], votes["fa"], votes["ur"]
        if ur > max(ar, fa) or (ur >= 2 and ev.urdu > 0 and ur >= ar):
            return "ur"
        if fa > ar or (fa >= 2 and ev.persian > 0 and fa >= ar):
            return "fa"
        if ar == fa == ur == 0 and ev.urdu > 0 and ev.urdu / n > 0.01:
            return "ur"
        if ar == fa == ur == 0 and ev.persian > 0 and ev.persian / n > 0.01:
            return "fa"
        return "ar"
    if script == "latin":
        latin_votes = {k: v for k, v in votes.items() if k not in ("ar", "fa", "ur")}
        if latin_votes:
            return max(latin_votes.items(), key=lambda kv: (kv[1], kv[0] == "en"))[0]
    return default


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``: ``ar``, ``fa``, ``ur``, ``en``, ``fr``, ``ru``, …; ``und`` when the
    text has no letters or no script has half of them.
    """
    return decide(evidence(text))


# -- the same letter counts for every line of a document at once (numpy) -----------------------------
# A code point's category says what script_counts would count it as, from its UTF-8 lead byte(s):
_C_AR, _C_AR_NONLETTER, _C_AR_PRES, _C_ASCII, _C_LATIN_EXT = 1, 2, 3, 4, 5
_C_FA, _C_UR = 6, 7  # Arabic-block letters that are also Persian / Urdu letters
_OTHER_CATS = {"cyrillic": 8, "hebrew": 9, "greek": 10, "kana": 11, "cjk": 12, "hangul": 13, "devanagari": 14}
_NCAT = 15
_CAT_LUT = None
_np = None


def _cat_lut():
    global _CAT_LUT, _np
    if _CAT_LUT is None:
        import numpy

        _np = numpy
        lut = numpy.zeros(0x110000, dtype=numpy.uint8)
        lut[0x0600:0x0700] = _C_AR  # lead bytes D8-DB
        lut[0x0740:0x0780] = _C_AR  # lead byte DD
        for x in _AR_NON_LETTERS:
            lut[ord(x.decode("utf-8"))] = _C_AR_NONLETTER
        lut[0xFB40:0xFF00] = _C_AR_PRES  # EF AD .. EF BB
        for cp in range(256):
            if chr(cp).isascii() and chr(cp).isalpha():
                lut[cp] = _C_ASCII
        lut[0x00C0:0x0280] = _C_LATIN_EXT  # lead bytes C3-C9
        for ch in _PERSIAN:
            lut[ord(ch)] = _C_FA
        for ch in _URDU:
            lut[ord(ch)] = _C_UR
        lut[0x0400:0x0500] = _OTHER_CATS["cyrillic"]  # D0-D3
        lut[0x05C0:0x0600] = _OTHER_CATS["hebrew"]  # D7
        lut[0x0380:0x0400] = _OTHER_CATS["greek"]  # CE, CF
        lut[0x3040:0x3100] = _OTHER_CATS["kana"]  # E3 81 .. E3 83
        lut[0x4000:0xA000] = _OTHER_CATS["cjk"]  # E4-E9
        lut[0xA000:0xE000] = _OTHER_CATS["hangul"]  # EA-ED
        lut[0x0900:0x0980] = _OTHER_CATS["devanagari"]  # E0 A4, E0 A5
        _CAT_LUT = lut
    return _CAT_LUT


_LETTER_LUT = None


def _letter_lut():
    """``lut[cp]``: ``cp`` when the BMP code point is a letter of ``_WORD_RE`` (``[^\\W\\d_]``), a line
    break for a line break and a space for everything else."""
    global _LETTER_LUT
    if _LETTER_LUT is None:
        _cat_lut()
        np = _np
        chars = [chr(c) for c in range(0x10000)]
        is_letter = np.fromiter((bool(_WORD_RE.fullmatch(ch)) if ch.isalnum() else False for ch in chars),
                                dtype=bool, count=0x10000)
        lut = np.where(is_letter, np.arange(0x10000, dtype=np.uint32), np.uint32(32)).astype(np.uint32)
        lut[10] = 10
        _LETTER_LUT = lut
    return _LETTER_LUT


def _line_letter_counts(text: str, ranges: list[tuple[int, int]], with_words: bool = False):
    """For each ``(start, end)`` range of ``text`` (lines without their outer spaces): the category
    counts (rows of an array) and the number of extra UTF-8 bytes of the range.

    ``with_words``: also the text of every line (``text.split("\\n")``) with each character that is
    not a letter of ``_WORD_RE`` made a space, so that ``line.split()`` are the words
    ``_WORD_RE.findall`` finds in it (None when the text has a character outside the BMP)."""
    lut = _cat_lut()
    np = _np
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cat = lut.take(cp)
    # line number of every character (a line break belongs to the next line; it has category 0)
    line = np.cumsum(cp == 10)
    counts = np.bincount(line * _NCAT + cat, minlength=(int(line[-1]) + 1) * _NCAT).reshape(-1, _NCAT)
    # extra UTF-8 bytes of a range: a few short encodes cost less than numpy passes over the text
    extras = [len(text[a:b].encode("utf-8", "surrogatepass")) - (b - a) for a, b in ranges]
    if not with_words:
        return counts, extras
    word_lines = None
    if len(cp) and np.maximum.reduce(cp) < 0x10000:  # (the ufunc: no Python-level wrapper)
        word_lines = _letter_lut().take(cp).tobytes().decode("utf-32-le").split("\n")
    return counts, extras, word_lines


def _scripts_from_counts(row, extra: int) -> Counter:
    """``script_counts`` of a line from its category counts and extra UTF-8 bytes."""
    c: Counter = Counter()
    ar = row[_C_AR] + row[_C_AR_PRES] + row[_C_FA] + row[_C_UR]
    if ar > 0:
        c["arabic"] = ar
    latin = row[_C_ASCII]
    if extra > 2 * ar:
        latin += row[_C_LATIN_EXT]
        for name, k in _OTHER_CATS.items():
            if row[k]:
                c[name] = row[k]
    if latin:
        c["latin"] = latin
    return c


def _evidence_of_line(text: str, scripts: Counter, persian: int, urdu: int) -> Evidence:
    """``evidence(text)`` with its script counts (and Persian/Urdu letters) already counted."""
    ev = Evidence(scripts)
    if not scripts:
        return ev
    if "latin" in scripts or "arabic" in scripts:
        get = _cues().get
        votes = ev.votes
        for w in _WORD_RE.findall(text.lower() if "latin" in scripts else text):
            langs = get(w)
            if langs:
                for lang in langs:
                    votes[lang] += 1
    if "arabic" in scripts:
        ev.persian = persian
        ev.urdu = urdu
    return ev


def detect_document(text: str, min_letters: int = 12) -> tuple[str, list[dict]]:
    """Language of the whole text and of each line (paragraph) with at least ``min_letters``
    letters: ``(language, [{"start", "end", "language"}])``, offsets into ``text``. The document's
    evidence is the sum of its lines' evidence (each line is read once; the letters of all lines
    are counted in one pass, with the counts :func:`script_counts` gives line by line).
    """
    lines = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        if stripped:
            lines.append((i, stripped, pos + (len(raw) - len(raw.lstrip()))))
        pos += len(raw) + 1
    rows: list = []
    extras: list = []
    if lines:
        counts, extras, word_lines = _line_letter_counts(text, [(s, s + len(st)) for _, st, s in lines], True)
        all_rows = counts.tolist()
        rows = [all_rows[i] for i, _, _ in lines]
    if not lines:
        return decide(Evidence()), []
    if any(r[_C_FA] or r[_C_UR] for r in rows):  # Persian/Urdu letters: every vote can matter, read every line in full
        return _detect_lines_full(lines, rows, extras, min_letters)
    return _detect_lines_fast(lines, rows, extras, min_letters, word_lines)


def _detect_lines_full(lines, rows, extras, min_letters: int) -> tuple[str, list[dict]]:
    """Every line's full evidence (votes of every function word)."""
    total = Evidence()
    out = []
    for (_, stripped, s), row, extra in zip(lines, rows, extras):
        ev = _evidence_of_line(stripped, _scripts_from_counts(row, extra), row[_C_FA], row[_C_UR])
        total += ev
        if sum(ev.scripts.values()) >= min_letters:
            out.append({"start": s, "end": s + len(stripped), "language": decide(ev)})
    return decide(total), out


@lru_cache(maxsize=1)
def _cue_sets() -> tuple[frozenset, frozenset]:
    """(words that vote for a language other than Arabic, words that vote for Arabic only)."""
    cues = _cues()
    other = frozenset(w for w, langs in cues.items() if any(lang != "ar" for lang in langs))
    ar_only = frozenset(w for w, langs in cues.items() if w not in other)
    return other, ar_only


@lru_cache(maxsize=1)
def _other_cue_finder():
    """Aho-Corasick automaton of the words voting for a language other than Arabic, each between
    two spaces: on a text of words separated by spaces (and padded with one), a match is such a
    word (``other.isdisjoint(text.split())`` is ``next(finder.iter(text), None) is None``)."""
    ac = ahocorasick.Automaton()
    for w in _cue_sets()[0]:
        ac.add_word(f" {w} ", w)
    ac.make_automaton()
    return ac


def _scripts_of_row(row, extra: int) -> list[tuple[str, int]]:
    """:func:`_scripts_from_counts` as a list of ``(script, letters)`` in the same order."""
    out = []
    ar = row[_C_AR] + row[_C_AR_PRES] + row[_C_FA] + row[_C_UR]
    if ar > 0:
        out.append(("arabic", ar))
    latin = row[_C_ASCII]
    if extra > 2 * ar:
        latin += row[_C_LATIN_EXT]
        for name, k in _OTHER_CATS.items():
            if row[k]:
                out.append((name, row[k]))
    if latin:
        out.append(("latin", latin))
    return out


def _decide_by_letters(scripts: list[tuple[str, int]], total: int) -> str:
    """:func:`decide` of evidence with these letters, no votes and no Persian/Urdu letters."""
    if total == 0:
        return "und"
    script, n = max(scripts, key=_second)  # the first of the largest, as Counter.most_common(1)
    if n / total < 0.5:
        return "und"
    return _SCRIPT_DEFAULT.get(script, "und")


def _second(kv):
    return kv[1]


def _detect_lines_fast(lines, rows, extras, min_letters: int, word_lines=None) -> tuple[str, list[dict]]:
    """The answer of :func:`_detect_lines_full` for a text without Persian/Urdu letters.

    Without those letters, Arabic votes only matter against Persian/Urdu votes, and Latin votes
    only come from words outside the Arabic-only set. So a line none of whose words votes for a
    language other than Arabic is decided by its letters alone (Arabic script -> ar, Latin -> the
    script's default), and its Arabic votes are counted only when the document's total needs them
    (some other line voted fa/ur). Lines that do hold such a word are read in full.
    ``word_lines``: the lines with every non-letter made a space (see :func:`_line_letter_counts`),
    whose ``split()`` gives the words of a line not lower-cased.

    The lines written in Arabic letters alone (most lines) are first taken as ``ar``; their words
    are then searched for such a vote all at once (one Aho-Corasick pass over those lines, no
    word list built), and only when one of them has one are they read line by line.
    """
    other, ar_only = _cue_sets()
    findall = _WORD_RE.findall
    total_scripts: dict[str, int] = {}
    total_votes: Counter = Counter()
    lazy: list[list[str]] = []  # words of the lines whose (Arabic-only) votes were not counted
    lazy_lines: list[int] = []  # the same for lines not split yet: their indices in word_lines
    pending: list[tuple[int, int, dict | None]] = []  # Arabic-only lines: (line, letters, segment)
    out = []
    for (i, stripped, s), row, extra in zip(lines, rows, extras):
        n = row[_C_AR] + row[_C_AR_PRES] + row[_C_FA] + row[_C_UR]
        if n and not row[_C_ASCII] and extra <= 2 * n and word_lines is not None:  # Arabic letters only
            total_scripts["arabic"] = total_scripts.get("arabic", 0) + n
            seg = None
            if n >= min_letters:  # "ar" by its letters, unless a word votes otherwise (below)
                seg = {"start": s, "end": s + len(stripped), "language": "ar"}
                out.append(seg)
            pending.append((i, n, seg))
            continue
        scripts = _scripts_of_row(row, extra)
        votes: Counter | None = None
        names = [k for k, _ in scripts]
        if "latin" in names:
            words = findall(stripped.lower())
        elif "arabic" in names:
            words = word_lines[i].split() if word_lines is not None else findall(stripped)
        if "latin" in names or "arabic" in names:
            if other.isdisjoint(words):
                lazy.append(words)
            else:
                votes = _votes(words)
                total_votes.update(votes)
        n = 0
        for k, v in scripts:
            total_scripts[k] = total_scripts.get(k, 0) + v
            n += v
        if n >= min_letters:
            if votes is None:
                lang = _decide_by_letters(scripts, n)
            else:
                lang = decide(Evidence(Counter(dict(scripts)), votes))
            out.append({"start": s, "end": s + len(stripped), "language": lang})
    if pending:
        joined = " ".join([word_lines[i] for i, _, _ in pending])
        if next(_other_cue_finder().iter(f" {joined} "), None) is None:  # no such word in these lines
            lazy_lines = [i for i, _, _ in pending]
        else:
            for i, n, seg in pending:
                words = word_lines[i].split()
                if other.isdisjoint(words):
                    lazy.append(words)
                    continue
                votes = _votes(words)
                total_votes.update(votes)
                if seg is not None:
                    seg["language"] = decide(Evidence(Counter({"arabic": n}), votes))
    if total_votes["fa"] or total_votes["ur"]:
        lazy.extend(word_lines[i].split() for i in lazy_lines)
        n_ar = sum(sum(map(ar_only.__contains__, words)) for words in lazy)
        if n_ar:
            total_votes["ar"] += n_ar
    if not total_votes:  # decided by the letters (what decide() gives without votes)
        return _decide_by_letters(list(total_scripts.items()), sum(total_scripts.values())), out
    return decide(Evidence(Counter(total_scripts), total_votes)), out


def _votes(words: list[str]) -> Counter:
    """Function-word votes of the words of a line."""
    get = _cues().get
    votes: Counter = Counter()
    for w in words:
        langs = get(w)
        if langs:
            for lang in langs:
                votes[lang] += 1
    return votes


def warm_up() -> None:
    """Build the lookup tables and the cue sets now (the stage factory calls this)."""
    _cat_lut()
    _letter_lut()
    _cue_sets()
    _other_cue_finder()


def _detect_document_by_line(text: str, min_letters: int = 12) -> tuple[str, list[dict]]:
    """:func:`detect_document` reading every line on its own (the reference of the fast path)."""
    total = Evidence()
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            ev = evidence(stripped)
            total += ev
            if sum(ev.scripts.values()) >= min_letters:
                s = pos + (len(raw) - len(raw.lstrip()))
                out.append({"start": s, "end": s + len(stripped), "language": decide(ev)})
        pos += len(raw) + 1
    return decide(total), out


def detect_segments(text: str, min_letters: int = 12) -> list[dict]:
    """Language of each line (paragraph) with at least ``min_letters`` letters."""
    return detect_document(text, min_letters)[1]
