"""Finding and resolving time expressions in running Arabic (and English) text.

How it works: the text is folded (:mod:`rasd.normalize` rules; offsets kept). One Aho-Corasick pass
over the folded text finds the words that can start an expression (months, weekdays, deictics,
منتصف، قبل، عام … from ``rasd/data/time/*.tsv``) and one regex pass finds the numbers. At each such
head a small hand-written grammar reads the following tokens (tokenised lazily by one compiled regex:
numeric dates, numbers, words, newlines, punctuation). Text between heads is never tokenised, which
keeps a 3,000-character article well under a millisecond.

Every expression keeps offsets into the caller's string; its value is resolved against the
publication date (the anchor). Relative expressions get ``value=None`` without an anchor, and
nothing is resolved into the future of the anchor unless the text says so ("غدا", "المقبل").
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..normalize import TABLE, normalize
from . import calendar as cal
from .lexicon import Lexicon, Phrase, load_lexicon

# -- folding with an offset map -------------------------------------------------------------

_DELETED = "".join(sorted(chr(c) for c, r in TABLE.items() if r == ""))
_EXPANDED = "".join(sorted(chr(c) for c, r in TABLE.items() if r and len(r) > 1))
_RE_SPECIAL = re.compile("[" + re.escape(_DELETED + _EXPANDED) + "]")
_EXPANDED_SET = frozenset(_EXPANDED)
_ONE = {chr(c): r for c, r in TABLE.items() if len(r) == 1 and chr(c) != r}
_RE_ONE = re.compile("[" + re.escape("".join(sorted(_ONE))) + "]")
_RE_DEL = re.compile("[" + re.escape(_DELETED) + "]")
_one = _ONE.__getitem__


_find_one = _RE_ONE.findall
# no folded letter is folded again (no chain a -> b -> c), so replacing one distinct letter after the
# other gives what one substitution pass gives
_BY_REPLACE = not any(r in _ONE for r in _ONE.values())


def _fold_one(text: str) -> str:
    """The 1:1 part of the rasd.normalize folding (faster than str.translate on Arabic text): the
    distinct letters to fold are found in one regex pass, then each is replaced with str.replace."""
    if not _BY_REPLACE:
        return _RE_ONE.sub(lambda m: _one(m.group()), text)
    for c in set(_find_one(text)):
        text = text.replace(c, _one(c))
    return text


_DELETED_SET = frozenset(_DELETED) - frozenset("\u200b\u200c\u200d\u200e\u200f\ufeff")


class Folded:
    """Folded text plus a map from folded offsets back to the caller's offsets."""

    __slots__ = ("orig", "text", "_dels", "_full")

    def __init__(self, orig: str):
        self.orig = orig
        self._dels: list[int] | None = None
        self._full: tuple[int, ...] | None = None
        if _RE_SPECIAL.search(orig) is None:  # most sentences: nothing deleted nor expanded
            self.text = _fold_one(orig)
            return
        specials = [m.start() for m in _RE_SPECIAL.finditer(orig)]
        if any(orig[i] in _EXPANDED_SET for i in specials):
            nt = normalize(orig)
            self.text, self._full = nt.text, nt.offsets
        else:
            self.text = _fold_one(_RE_DEL.sub("", orig))
            self._dels = [d - j for j, d in enumerate(specials)]

    def start(self, i: int) -> int:
        if self._full is not None:
            return self._full[i] if i < len(self._full) else len(self.orig)
        if self._dels is not None:
            return i + bisect_right(self._dels, i)
        return i

    def end(self, i: int) -> int:
        """Original end offset of a span ending (exclusively) at folded offset ``i``."""
        if i <= 0:
            return self.start(0)
        e = self.start(i - 1) + 1
        if self._dels is not None or self._full is not None:
            # take along the diacritics and tatweel written on the last letter ("غداً", "هـ")
            orig = self.orig
            while e < len(orig) and orig[e] in _DELETED_SET:
                e += 1
        return e


# -- tokens ------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<d>\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4})(?![/.\-]?\d)"
    r"|(?P<n>\d+)"
    r"|(?P<w>[^\W\d_]+)"
    r"|(?P<nl>\n)"
    r"|(?P<p>[^\w\s])"
)

_CLITIC1 = frozenset("وف")
_CLITIC2 = frozenset("بلك")


@dataclass
class _R:
    s: int  # folded offsets
    e: int
    value: str | None
    precision: str
    kind: str
    explicit_year: bool
    # a month named without a year ("منتصف يونيو"): its number, for the year links of :func:`_link`
    month: int | None = None
    # "بعد تسعة أشهر من <حدث> في 13 سبتمبر 2023": (sign, count, unit), counted from another date
    arith: tuple[int, int, str] | None = None


def _strip_clitics(lex: Lexicon, w: str) -> tuple[str, int]:
    """(lexicon key, clitic length) of word ``w``: the word itself when known, else the word
    without "و"/"ف" and/or one of "ب"/"ل"/"ك" ("لل" + x also as "ال" + x); key '' when unknown."""
    known = lex.known
    if known(w):
        return (w, 0)
    cands: list[tuple[str, int]] = []
    rest, k = w, 0
    if len(rest) > 2 and rest[0] in _CLITIC1:
        rest, k = rest[1:], 1
        cands.append((rest, k))
    if len(rest) > 2 and rest[0] in _CLITIC2:
        if rest.startswith("لل"):
            cands.append(("ال" + rest[2:], k + 1))
        cands.append((rest[1:], k + 1))
    for c in cands:
        if known(c[0]):
            return c
    return ("", 0)


_NO_KEY = ("", 0)


@lru_cache(maxsize=4)
def _key_table(lex: Lexicon) -> dict[str, tuple[str, int]]:
    """:func:`_strip_clitics` of every word form that has a key, built once per lexicon: a known
    word x with "و"/"ف" and/or one of "ب"/"ل"/"ك" in front, or "لل" + x[2:] for x = "ال" + ...
    Any other word has no key. One small fixed dict instead of a cache of every word seen."""
    forms = set()
    for x in (*lex.phrases, *lex.words):
        for b in (x, "لل" + x[2:]) if x.startswith("ال") else (x,):
            for c1 in ("", *_CLITIC1):
                forms.add(c1 + b)
                forms.update(c1 + c2 + b for c2 in _CLITIC2)
    table = {}
    for w in forms:
        key = _strip_clitics(lex, w)
        if key[0]:
            table[w] = key
    return table


def _word_key(lex: Lexicon, w: str) -> tuple[str, int]:
    """(lexicon key, clitic length) of word ``w`` (:func:`_strip_clitics`); key '' when unknown."""
    return _key_table(lex).get(w, _NO_KEY)


@lru_cache(maxsize=4)
def _feature_table(lex: Lexicon) -> dict[str, frozenset[str]]:
    """Lexicon key -> its categories, and "phrase:<cat>" for the phrases it starts."""
    return {w: frozenset(lex.words.get(w, ())) | {"phrase:" + ph.cat for ph in lex.phrases.get(w, ())}
            for w in (*lex.phrases, *lex.words)}


class _Parser:
    """The grammar, over a window of tokens starting at a head (a number or a lexicon word)."""

    def __init__(self, folded: str, anchor: dt.date | None, lex: Lexicon, start: int = 0,
                 stop: int | None = None, max_tokens: int = 1 << 30):
        self.anchor = anchor
        self.lex = lex
        self._words = lex.words
        self._keys = _key_table(lex)
        self._folded, self._len, self._max = folded, len(folded), max_tokens
        self.restart(start, stop)

    def restart(self, start: int, stop: int | None = None) -> None:
        """A new window over the same text, from ``start``: one parser serves every head of a text."""
        stop = self._len if stop is None else min(stop, self._len)
        self.kinds: list[str] = []
        self.vals: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self._it = _TOKEN.finditer(self._folded, start, stop)
        self._stop = stop

    # -- token helpers -------------------------------------------------------------
    def kind(self, i: int) -> str | None:
        """Kind of token ``i`` (d, n, w, nl, p), tokenising lazily; None past the window."""
        try:  # the grammar mostly asks again about tokens already read
            return self.kinds[i]
        except IndexError:
            return self._read_to(i)

    def _read_to(self, i: int) -> str | None:
        kinds = self.kinds
        while len(kinds) <= i:
            if self._it is None:
                return None
            m = next(self._it, None)
            if m is None or len(kinds) >= self._max or (m.end() == self._stop and self._stop < self._len):
                self._it = None  # the end, or a token possibly cut in two by the window
                return None
            s, e = m.span()
            kinds.append(m.lastgroup)
            self.vals.append(m.group())
            self.starts.append(s)
            self.ends.append(e)
        return kinds[i]

    def key(self, i: int) -> tuple[str, int]:
        """(lexicon key, clitic length) of word token ``i``; key '' when unknown."""
        return self._keys.get(self.vals[i], _NO_KEY)

    def word(self, i: int, clitic: bool = False) -> str | None:
        if self.kind(i) != "w":
            return None
        if clitic:
            return self._keys.get(self.vals[i], _NO_KEY)[0] or None
        return self.vals[i]

    def lexcat(self, i: int, cat: str, clitic: bool = False) -> str | None:
        """The value of category ``cat`` of word token ``i`` (clitics off if ``clitic``), else None."""
        if self.kind(i) != "w":
            return None
        d = self._words.get(self._keys.get(self.vals[i], _NO_KEY)[0] if clitic else self.vals[i])
        return d.get(cat) if d else None

    def phrase(self, i: int, cat: str, clitic: bool = False) -> tuple[Phrase, int] | None:
        """Longest phrase of category ``cat`` starting at token ``i``; returns it and the next index."""
        w = self.word(i, clitic)
        if w is None:
            return None
        for ph in self.lex.phrases.get(w, ()):
            if ph.cat != cat:
                continue
            j = i + 1
            ok = True
            for pw in ph.words[1:]:
                if self.kind(j) == "w" and self.vals[j] == pw:
                    j += 1
                else:
                    ok = False
                    break
            if ok:
                return ph, j
        return None

    def start_of(self, i: int, clitic: bool = True) -> int:
        if self.kind(i) is None:
            return -1  # past the window; callers fail on the same token right after
        s = self.starts[i]
        if clitic and self.kinds[i] == "w":
            s += self.key(i)[1]
        return s

    def punct(self, i: int, chars: str) -> bool:
        return self.kind(i) == "p" and self.vals[i] in chars

    def num(self, i: int, lo: int, hi: int, maxlen: int = 4) -> int | None:
        if self.kind(i) == "n" and len(self.vals[i]) <= maxlen:
            v = int(self.vals[i])
            if lo <= v <= hi:
                return v
        return None

    def adjacent(self, i: int, j: int) -> bool:
        return self.ends[i] == self.starts[j]

    # -- entry point -------------------------------------------------------------
    def at(self, i: int, prev_word: str | None = None) -> tuple[_R, int] | None:
        k = self.kind(i)
        if k == "d":
            return self.numeric_date(i)
        if k == "n":
            return self.day_first(i) or self.year_era(i) or self.prep_year_from(i, prev_word)
        if k == "w" and self.key(i)[0]:
            return self.at_word(i)
        return None

    def at_word(self, i: int) -> tuple[_R, int] | None:
        # each rule needs its first word (clitics off) in one of its categories: the others are skipped
        f = _feature_table(self.lex)[self.key(i)[0]]
        return (
            (self.weekday_phrase(i) if "dayword" in f or "phrase:weekday" in f else None)
            or (self.ordinal_day(i) if "ordday" in f else None)
            or (self.part_phrase(i) if "part" in f else None)
            or (self.month_number(i) if "monthword" in f else None)
            or (self.month_phrase(i, clitic=True) if "monthword" in f or "phrase:month" in f else None)
            or (self.unit_with_mod(i) if "this" in f or "unitdef" in f else None)
            or (self.year_phrase(i) if "yearword" in f else None)
            or (self.relative_word(i) if "phrase:rel" in f else None)
            or (self.ago_phrase(i) if "ago" in f or "after" in f else None)
        )

    # -- grammar --------------------------------------------------------------------
    def numeric_date(self, i: int) -> tuple[_R, int] | None:
        parts = re.split(r"[/.\-]", self.vals[i])
        seps = set(re.findall(r"[/.\-]", self.vals[i]))
        if len(parts) != 3 or len(seps) != 1:
            return None
        a, b, c = parts
        if len(a) == 4:
            y, m, d = int(a), int(b), int(c)
        elif len(c) == 4:
            y, m, d = int(c), int(b), int(a)
            if m > 12 and d <= 12:
                m, d = d, m  # month first (US order)
        else:
            return None
        if not (1900 <= y <= 2100 and cal.valid_day(y, m, d)):
            return None
        return _R(self.starts[i], self.ends[i], f"{y:04d}-{m:02d}-{d:02d}", "day", "absolute", True), i + 1

    def _year_after(self, j: int, allow_word: bool = True) -> tuple[int, str | None, int, int] | None:
        """A year at token ``j``: optional ``،``/``,``, optional year word, digits, optional era.
        Returns (year, era, next index, end offset)."""
        k = j
        if self.punct(k, ",،"):
            k += 1
        if allow_word and self.lexcat(k, "yearword") is not None:
            k += 1
        y = self.num(k, 1, 2200)
        if y is None or len(self.vals[k]) < 3:
            return None
        end = self.ends[k]
        k += 1
        era = self.lexcat(k, "era")
        if era:
            end = self.ends[k]
            k += 1
        return y, era, k, end

    def _months(self, i: int, clitic: bool) -> tuple[str, int, bool, int] | None:
        """A month name, or a pair of the same month in two traditions ("ديسمبر/كانون الأول",
        "فبراير (شباط)"). Returns (calendar, month, needs_context, next index)."""
        hit = self.phrase(i, "month", clitic)
        if hit is None:
            return None
        ph, j = hit
        calname, m, ctx = ph.payload
        # paired name
        k = j
        if self.punct(k, "/(-"):
            opened = self.vals[k] == "("
            hit2 = self.phrase(k + 1, "month")
            if hit2 is not None and hit2[0].payload[1] == m and hit2[0].payload[0] == calname:
                ctx = ctx and hit2[0].payload[2]
                j = hit2[1]
                if opened and self.punct(j, ")"):
                    j += 1
        return calname, m, ctx, j

    def day_first(self, i: int, clitic_prefix: int | None = None) -> tuple[_R, int] | None:
        """``13 سبتمبر 2023``, ``21st, September 2023``, ``12 ذو الحجة 1445 هـ``, ``13 من الشهر الجاري``."""
        d = self.num(i, 1, 31, 2)
        if d is None:
            return None
        s = self.starts[i] if clitic_prefix is None else clitic_prefix
        j = i + 1
        if self.kind(j) == "w" and self.adjacent(i, j) and self.lexcat(j, "ordsuf") is not None:
            j += 1
        if self.punct(j, ",،"):
            j += 1
        if self.lexcat(j, "of") is not None:
            j += 1
        return self._day_rest(d, s, j)

    def ordinal_day(self, i: int) -> tuple[_R, int] | None:
        """``الأول من يوليو 2024``: an ordinal day word, "من" and a month."""
        v = self.lexcat(i, "ordday", True)
        if v is None or self.lexcat(i + 1, "of") is None or self.phrase(i + 2, "month") is None:
            return None
        return self._day_rest(int(v), self.start_of(i), i + 2)

    def _day_rest(self, d: int, s: int, j: int) -> tuple[_R, int] | None:
        """The month (and year) after day ``d``; ``s`` is the start offset, ``j`` the next token."""
        # 13 من الشهر الجاري / الماضي
        if self.lexcat(j, "unitdef") == "month":
            mod = self.lexcat(j + 1, "mod")
            if mod:
                if self.anchor is None:
                    return _R(s, self.ends[j + 1], None, "day", "relative", False), j + 2
                y, m = cal.add_months(self.anchor.year, self.anchor.month, {"past": -1, "next": 1}.get(mod, 0))
                ok = cal.valid_day(y, m, d)
                return _R(s, self.ends[j + 1], f"{y:04d}-{m:02d}-{d:02d}" if ok else None, "day", "relative", False), j + 2
            return None
        mo = self._months(j, clitic=False)
        if mo is None:
            return None
        calname, m, _ctx, j = mo
        end = self.ends[j - 1]
        ya = self._year_after(j)
        if ya is not None:
            y, era, j2, end2 = ya
            if calname == "hijri" or era == "hijri":
                if calname == "gregorian":
                    return None
                val, prec = cal.hijri_day(y, m, d)
                return _R(s, end2, val, "day", "hijri", True), j2
            if not 1000 <= y <= 2200 or not cal.valid_day(y, m, d):
                return None
            return _R(s, end2, f"{y:04d}-{m:02d}-{d:02d}", "day", "absolute", True), j2
        mod = self.lexcat(j, "mod")
        if mod:
            end = self.ends[j]
            j += 1
        kind = "hijri" if calname == "hijri" else "absolute"
        if self.anchor is None:
            return _R(s, end, None, "day", kind, False), j
        if calname == "hijri":
            hy = cal.hijri_year_for_month(m, self.anchor, mod, d)
            val = cal.hijri_day(hy, m, d)[0] if hy else None
            return _R(s, end, val, "day", kind, False), j
        y = cal.day_month_without_year(d, m, self.anchor, mod)
        return _R(s, end, f"{y:04d}-{m:02d}-{d:02d}" if y else None, "day", kind, False), j

    def month_phrase(self, i: int, clitic: bool, context: bool = False) -> tuple[_R, int] | None:
        """``سبتمبر 2023``, ``شهر مايو``, ``ديسمبر/كانون الأول الماضي``, ``September 21, 2023``."""
        s = self.start_of(i, clitic)
        j = i
        if self.lexcat(j, "monthword", clitic) is not None and self.phrase(j, "month", clitic) is None:
            context = True
            j += 1
            clitic = False
        mo = self._months(j, clitic)
        if mo is None:
            return None
        calname, m, ctx, j = mo
        end = self.ends[j - 1]
        # English order: September 21, 2023
        d = self.num(j, 1, 31, 2)
        if d is not None and calname == "gregorian":
            k = j + 1
            if self.kind(k) == "w" and self.adjacent(j, k) and self.lexcat(k, "ordsuf") is not None:
                k += 1
            ya = self._year_after(k, allow_word=False)
            if ya is not None and 1000 <= ya[0] <= 2200 and cal.valid_day(ya[0], m, d):
                return _R(s, ya[3], f"{ya[0]:04d}-{m:02d}-{d:02d}", "day", "absolute", True), ya[2]
        k = j + 1 if self.lexcat(j, "of") is not None else j
        ya = self._year_after(k)
        if ya is not None:
            y, era, j2, end2 = ya
            if calname == "hijri" or era == "hijri":
                if calname == "gregorian":
                    return None
                val, prec = cal.hijri_month(y, m)
                return _R(s, end2, val, prec, "hijri", True), j2
            if 1000 <= y <= 2200:
                return _R(s, end2, f"{y:04d}-{m:02d}", "month", "absolute", True), j2
        mod = self.lexcat(j, "mod")
        if mod:
            end = self.ends[j]
            j += 1
            context = True
        if ctx and not context:
            return None
        kind = "hijri" if calname == "hijri" else ("relative" if mod else "absolute")
        bare = m if calname == "gregorian" and not mod else None
        if self.anchor is None:
            return _R(s, end, None, "month", kind, False, bare), j
        if calname == "hijri":
            hy = cal.hijri_year_for_month(m, self.anchor, mod)
            val, prec = cal.hijri_month(hy, m) if hy else (None, "month")
            return _R(s, end, val, prec, kind, False), j
        y = cal.month_without_year(m, self.anchor, mod)
        return _R(s, end, f"{y:04d}-{m:02d}", "month", kind, False, bare), j

    def month_number(self, i: int) -> tuple[_R, int] | None:
        """``الشهر 6``, ``شهر 6 من عام 2024``."""
        if self.lexcat(i, "monthword", True) is None:
            return None
        m = self.num(i + 1, 1, 12, 2)
        if m is None:
            return None
        s = self.start_of(i)
        j = i + 2
        k = j + 1 if self.lexcat(j, "of") is not None else j
        ya = self._year_after(k)
        if ya is not None and 1000 <= ya[0] <= 2200 and ya[1] != "hijri":
            return _R(s, ya[3], f"{ya[0]:04d}-{m:02d}", "month", "absolute", True), ya[2]
        end = self.ends[j - 1]
        if self.anchor is None:
            return _R(s, end, None, "month", "absolute", False), j
        y = cal.month_without_year(m, self.anchor, None)
        return _R(s, end, f"{y:04d}-{m:02d}", "month", "absolute", False), j

    def weekday_phrase(self, i: int) -> tuple[_R, int] | None:
        """``يوم الثلاثاء``, ``الثلاثاء الماضي``, ``يوم الأحد 16 يونيو 2024``."""
        s = self.start_of(i)
        j = i
        has_dayword = False
        if self.lexcat(j, "dayword", True) is not None and self.phrase(j, "weekday", True) is None:
            has_dayword = True
            j += 1
        hit = self.phrase(j, "weekday", clitic=not has_dayword)
        if hit is None:
            return None
        ph, j = hit
        wd, ctx = ph.payload
        if ctx and not has_dayword:
            return None
        end = self.ends[j - 1]
        mod = self.lexcat(j, "mod")
        if mod:
            end = self.ends[j]
            j += 1
        # a date written after the weekday takes over: "الثلاثاء (18 يونيو 2024)", "Monday, June 17, 2024"
        k = j
        while self.kind(k) == "p" and self.vals[k] in ",،(-–":
            k += 1
        if self.lexcat(k, "equals") is not None:
            k += 1
        if not mod:
            full = self.day_first(k) if self.kind(k) == "n" else None
            if full is None and self.kind(k) == "w":
                full = self.month_phrase(k, clitic=False)
                if full is not None and full[0].precision != "day":
                    full = None
            if full is None and self.kind(k) == "d":
                full = self.numeric_date(k)
            if full is not None:
                r, j2 = full
                if self.punct(j2, ")") and self.punct(k - 1, "("):
                    j2 += 1
                return _R(s, r.e, r.value, r.precision, r.kind, r.explicit_year), j2
        if self.anchor is None:
            return _R(s, end, None, "day", "weekday", False), j
        val, prec = cal.weekday(wd, self.anchor, mod)
        return _R(s, end, val, prec, "weekday", False), j

    def part_phrase(self, i: int) -> tuple[_R, int] | None:
        """``منتصف يونيو``, ``مطلع الشهر الجاري``, ``أواخر العام الماضي``, ``منتصف عام 2022``."""
        if self.lexcat(i, "part", True) is None:
            return None
        s = self.start_of(i)
        j = i + 1
        if self.lexcat(j, "of") is not None:
            j += 1
        sub = (
            self.month_phrase(j, clitic=False, context=True)
            or self.unit_with_mod(j, clitic=False)
            or self.year_phrase(j, clitic=False)
        )
        if sub is None:
            y = self.num(j, 1900, 2100, 4)
            if y is None:
                return None
            sub = _R(self.starts[j], self.ends[j], f"{y:04d}", "year", "absolute", True), j + 1
        r, j2 = sub
        if r.precision == "day":
            return None
        return _R(s, r.e, r.value, r.precision, "partial", r.explicit_year, r.month), j2

    def unit_with_mod(self, i: int, clitic: bool = True) -> tuple[_R, int] | None:
        """``الأسبوع الماضي``, ``الشهر الجاري``, ``العام المقبل``, ``هذا العام``."""
        s = self.start_of(i, clitic)
        j = i
        this = False
        if self.lexcat(j, "this", clitic) is not None:
            this = True
            j += 1
            clitic = False
        unit = self.lexcat(j, "unitdef", clitic)
        if unit is None or unit == "day":
            return None
        mod = self.lexcat(j + 1, "mod")
        if this:
            if mod and mod != "current":
                return None
            end_i = j + 1 if mod else j
            mod = "current"
        elif mod:
            end_i = j + 1
        else:
            return None
        n = {"past": -1, "next": 1, "current": 0}[mod]
        end = self.ends[end_i]
        if self.anchor is None:
            return _R(s, end, None, unit, "relative", False), end_i + 1
        val, prec = cal.shift(self.anchor, unit, n)
        return _R(s, end, val, prec, "relative", False), end_i + 1

    def year_phrase(self, i: int, clitic: bool = True) -> tuple[_R, int] | None:
        """``عام 2012``, ``العام 2019``, ``سنة 1445 هـ``."""
        if self.lexcat(i, "yearword", clitic) is None:
            return None
        y = self.num(i + 1, 1000, 2200, 4)
        if y is None or len(self.vals[i + 1]) != 4:
            return None
        s = self.start_of(i, clitic)
        end = self.ends[i + 1]
        j = i + 2
        era = self.lexcat(j, "era")
        if era:
            end = self.ends[j]
            j += 1
        return self._year_result(s, end, y, era), j

    def _year_result(self, s: int, end: int, y: int, era: str | None) -> _R:
        if era == "hijri":
            val, prec = cal.hijri_year(y)
            return _R(s, end, val, prec, "hijri", True)
        return _R(s, end, f"{y:04d}", "year", "absolute", True)

    def year_era(self, i: int) -> tuple[_R, int] | None:
        """``2024 م``, ``1445 هـ`` (a number followed by an era mark)."""
        if len(self.vals[i]) != 4:
            return None
        era = self.lexcat(i + 1, "era")
        if not era:
            return None
        y = int(self.vals[i])
        if not 1000 <= y <= 2200:
            return None
        return self._year_result(self.starts[i], self.ends[i + 1], y, era), i + 2

    def prep_year_from(self, i: int, prev_key: str | None, strict: bool = True) -> tuple[_R, int] | None:
        """``في 2019،`` — a bare 4-digit year at token ``i`` after a preposition (``prev_key``) and
        before punctuation or the end, so "في 2000 جندي" is not a year."""
        if not prev_key or "yearprep" not in self.lex.words.get(prev_key, ()):
            return None
        y = self.num(i, 1900, 2100, 4)
        if y is None or len(self.vals[i]) != 4:
            return None
        k = i + 1
        if strict and self.kind(k) == "w" and not (self.vals[k] == "و" and self.kind(k + 1) == "n" and self.adjacent(k, k + 1)):
            return None  # a noun follows: "في 2000 جندي"
        return _R(self.starts[i], self.ends[i], f"{y:04d}", "year", "absolute", True), i + 1

    def relative_word(self, i: int) -> tuple[_R, int] | None:
        """``اليوم``, ``أمس``, ``أول أمس``, ``غدا``, ``بعد غد``."""
        hit = self.phrase(i, "rel", True)
        if hit is None:
            return None
        ph, j = hit
        unit, off = ph.payload
        # "اليوم التالي" (the next day of the story) is not anchored to the publication date
        if self.lexcat(j, "mod") is not None:
            return None
        s = self.start_of(i)
        end = self.ends[j - 1]
        if self.anchor is None:
            return _R(s, end, None, unit, "relative", False), j
        val, prec = cal.shift(self.anchor, unit, off)
        return _R(s, end, val, prec, "relative", False), j

    def ago_phrase(self, i: int) -> tuple[_R, int] | None:
        """``قبل ثلاثة أيام``, ``منذ يومين``, ``قبل أسبوع``, ``بعد يومين``."""
        ago = self.lexcat(i, "ago", True)
        after = self.lexcat(i, "after", True)
        if ago is None and after is None:
            return None
        j = i + 1
        count: int | None = None
        if self.kind(j) == "n":
            count = self.num(j, 1, 100, 3)
            if count is None:
                return None
            j += 1
        elif self.lexcat(j, "num") is not None:
            count = int(self.lexcat(j, "num"))  # -1 = vague ("بضعة")
            j += 1
        unit = None
        for cat, c in (("unit", 1), ("unit2", 2), ("units", None)):
            u = self.lexcat(j, cat)
            if u is not None:
                if count is None:
                    if c is None:
                        continue
                    count = c
                elif cat == "unit2":
                    continue
                unit = u
                break
        if unit is None or count is None:
            return None
        # "بعد تسعة أشهر من استقباله" counts from another event, not from the publication date:
        # kept as arithmetic on the date of that event, resolved by _link (dropped if none is written)
        if self.lexcat(j + 1, "of") is not None or self.word(j + 1) in ("على", "عن"):
            if count < 0 or ago == "since":
                return None
            sign = 1 if after is not None and ago is None else -1
            return _R(self.start_of(i), self.ends[j], None, unit, "arithmetic", False,
                      arith=(sign, count, unit)), j + 1
        if after is not None and ago is None and j == i + 1 and self.lexcat(j, "unit") is not None:
            return None  # "يوما بعد يوم" (day after day); "بعد يومين" and "بعد 3 أيام" stay
        if ago == "since" and unit == "year":
            return None  # "منذ 25 عاما" is mostly a duration ("for 25 years")
        s = self.start_of(i)
        end = self.ends[j]
        if self.anchor is None or count < 0:
            return _R(s, end, None, unit, "relative", False), j + 1
        sign = 1 if after is not None and ago is None else -1
        val, prec = cal.shift(self.anchor, unit, sign * count)
        return _R(s, end, val, prec, "relative", False), j + 1


# categories whose words can start an expression (the others only continue one)
_HEAD_CATS = ("part", "monthword", "dayword", "this", "unitdef", "yearword", "ago", "after", "ordday")
_PREV_WORD = re.compile(r"([^\W\d_]+)[^\S\n]*$")
_DIGITS = re.compile(r"\d+")  # a number (its start: the first digit)
_CLITICS = frozenset("وفبلك")


@lru_cache(maxsize=4)
def _head_automaton(lex: Lexicon):
    """Aho-Corasick automaton over every head word (and its form without the article, so that
    "للعام" = ل + العام is found); the parser checks clitics and exact forms."""
    import ahocorasick

    heads = set(lex.phrases)
    heads |= {w for w, cats in lex.words.items() if any(c in cats for c in _HEAD_CATS)}
    heads |= {w[1:] for w in heads if w.startswith("ال") and len(w) > 3}
    auto = ahocorasick.Automaton()
    for h in heads:
        auto.add_word(h, len(h))
    auto.make_automaton()
    return auto


def _heads(ft: str, lex: Lexicon) -> list[int]:
    """Start offsets of the tokens that may begin an expression: numbers, and words that are a known
    head form with at most three clitic letters glued in front."""
    n = len(ft)
    starts = set()
    for end, ln in _head_automaton(lex).iter(ft):
        e = end + 1
        if e < n and ft[e].isalpha():
            continue
        s = ws = e - ln
        while ws and ft[ws - 1].isalpha():
            ws -= 1
            if s - ws > 3 or ft[ws] not in _CLITICS:
                break
        else:
            starts.add(ws)
    starts.update([m.start() for m in _DIGITS.finditer(ft)])
    return sorted(starts)


_WINDOW_CHARS = 160
_WINDOW_TOKENS = 12


def find(text: str, anchor: dt.date | None, context: str = "",
         base: tuple[str, str] | None = None) -> list[tuple[int, int, str | None, str, str, bool]]:
    """(start, end, value, precision, kind, explicit_year) of every expression, caller's offsets.

    ``context``: the text right before ``text`` (the previous sentence); it is read only when an
    arithmetic expression of ``text`` ("بعد تسعة أشهر من ذلك اللقاء") needs the date it counts from.
    ``base``: (value, precision) that such an expression counts from when the text gives none (the
    date of the event it names, known to the caller: "بعد تسعة أشهر من استقباله الزعيم").
    """
    items, pending = _find_cached(text, anchor)
    if pending and context:
        n = len(context)
        items2, pending = _find_cached(context + text, anchor)
        items = [(s - n, e - n, *rest) for s, e, *rest in items2 if s >= n]
    if pending and base is not None:
        items, _ = _find_cached(text, anchor, base)
    return list(items)


_CACHE_MAX_CHARS = 4000  # longer texts (whole articles) are rarely asked twice: not cached
# a document's worth of sentences: the coder and rasd.events.links ask for the same ones; a bigger
# cache would only pay off on text repeated across articles (and flatter a benchmark built that way)
_CACHE_SIZE = 64


@lru_cache(maxsize=_CACHE_SIZE)
def _find_memo(text: str, anchor: dt.date | None, base: tuple[str, str] | None) -> tuple[tuple, bool]:
    items, pending = _find(text, anchor, base)
    return tuple(items), pending


def _find_cached(text: str, anchor: dt.date | None, base: tuple[str, str] | None = None) -> tuple[tuple | list, bool]:
    """:func:`_find`, remembered per (text, anchor, base): the event coder and ``rasd.events.links``
    ask for the same sentences, and the result depends on nothing else (the lexicon is loaded once)."""
    if len(text) > _CACHE_MAX_CHARS:
        return _find(text, anchor, base)
    if base is not None and not isinstance(base, tuple):
        base = tuple(base)
    return _find_memo(text, anchor, base)


def _find(text: str, anchor: dt.date | None, base: tuple[str, str] | None = None) -> tuple[list[tuple], bool]:
    """The expressions, and whether an arithmetic expression lacked the date it counts from."""
    if not text:
        return [], False
    f = Folded(text)
    ft = f.text
    lex = load_lexicon()
    out = []
    done = 0  # folded offset where the last expression ended
    parser = None
    for p in _heads(ft, lex):
        if p < done:
            continue
        if parser is None:
            parser = _Parser(ft, anchor, lex, p, p + _WINDOW_CHARS, _WINDOW_TOKENS)
        else:
            parser.restart(p, p + _WINDOW_CHARS)
        if parser.kind(0) is None:
            continue
        prev = None
        if parser.kinds[0] == "n":
            pm = _PREV_WORD.search(ft, max(0, p - 24), p)
            if pm:
                prev = _word_key(lex, pm.group(1))[0]
        r = parser.at(0, prev)
        if r is None and not prev and out and out[-1][3] == "year" and ft[done:p].strip() == "و":
            r = parser.prep_year_from(0, "في", strict=False)  # "عامي 2019 و2020": the second year
        if r is None:
            continue
        res = r[0]
        done = res.e
        value = res.value if res.value is None or not res.value.startswith("0000") else None
        out.append([f.start(res.s), f.end(res.e), value, res.precision, res.kind, res.explicit_year,
                    res.month, res.arith])
    pending = False
    if any(o[7] for o in out):
        pending = _link(text, out, base)
        out = [o for o in out if o[7] is None or o[2] is not None]
    return [tuple(o[:6]) for o in out], pending


# -- dates counted from other dates --------------------------------------------------------------

_SENT_BREAK = re.compile(r"[.!?؟\n;؛]")
_RANK = {"day": 3, "week": 3, "month": 2, "year": 1}
_ARITH_REACH = 160  # characters between "بعد N أشهر من" and the date it counts from


def _arith_value(base: str, base_prec: str, sign: int, count: int, unit: str) -> tuple[str, str] | None:
    """``base`` ± count units; the precision is the unit's (a month count on a day gives a month),
    None when the unit is finer than the base (three days after "2019" is unknown)."""
    if _RANK.get(base_prec, 0) < _RANK[unit]:
        return None
    parts = [int(x) for x in base.split("-")]
    n = sign * count
    try:
        if unit in ("day", "week"):
            d = dt.date(*parts) + dt.timedelta(days=n * (7 if unit == "week" else 1))
            return cal.iso_day(d), "day"
        if unit == "month":
            y, m = cal.add_months(parts[0], parts[1], n)
            return (cal.iso_month(y, m), "month") if 1 <= y <= 9999 else None
        y = parts[0] + n
        return (f"{y:04d}", "year") if 1 <= y <= 9999 else None
    except (ValueError, OverflowError):
        return None


def _link(text: str, out: list[list], ext_base: tuple[str, str] | None = None) -> bool:
    """Resolve arithmetic expressions against the date they count from, then give a month named
    without a year ("منتصف يونيو") the year of an arithmetic result of the same sentence that falls
    in that month. The base is the first dated expression after "من" in the same sentence, else the
    nearest one before it in the same or the previous sentence, else ``ext_base`` (value, precision)
    given by the caller. Returns whether one found no base."""
    pending = False
    for i, o in enumerate(out):
        if o[7] is None:
            continue
        sign, count, unit = o[7]
        base = None
        for b in out[i + 1:]:
            if b[0] - o[1] > _ARITH_REACH or _SENT_BREAK.search(text, o[1], b[0]):
                break
            if b[7] is None and b[6] is None and b[2] is not None:  # not a month without its year
                base = b
                break
        if base is None:
            for b in reversed(out[:i]):
                if b[7] is None and b[6] is None and b[2] is not None:
                    if len(_SENT_BREAK.findall(text, b[1], o[0])) <= 1:
                        base = b
                    break
        if base is None and ext_base is not None:
            base = [None, None, ext_base[0], ext_base[1]]
        r = _arith_value(base[2], base[3], sign, count, unit) if base is not None else None
        if r is None:
            pending = True
            continue
        o[2], o[3] = r
    for o in out:
        if o[6] is None or o[7] is not None:
            continue
        for a in out:
            if a[7] is None or a[2] is None or a[3] not in ("month", "day") or int(a[2][5:7]) != o[6]:
                continue
            lo, hi = min(o[1], a[1]), max(o[0], a[0])
            if not _SENT_BREAK.search(text, lo, hi):
                o[2] = f"{a[2][:4]}-{o[6]:02d}"
                break
    return pending
