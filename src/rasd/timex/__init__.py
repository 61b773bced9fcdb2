"""Arabic time expressions: find, resolve and attach dates.

>>> import datetime as dt
>>> [e.value for e in find_dates("التقى الوزيران أمس في القاهرة", dt.date(2024, 6, 19))]
['2024-06-18']

- :func:`find_dates` — every time expression in running text, resolved against the publication date.
- :func:`parse_date` — one date written as a whole string (a publication line).
- :func:`date_from_url` — the date in an article URL.
- :func:`event_date` — the expression that dates an event trigger (same sentence, nearest).

Month, weekday, relative and function words live in ``rasd/data/time/*.tsv``.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .finder import find as _find

__all__ = ["TimeExpr", "find_dates", "parse_date", "date_from_url", "event_date"]


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    text: str  # text[start:end] of the string given
    value: str | None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"; None if it cannot be anchored
    precision: str  # "day" | "month" | "year" | "week" (week -> value is the Monday)
    kind: str  # "absolute" | "relative" | "weekday" | "hijri" | "partial" | "arithmetic"
    explicit_year: bool  # the text itself gives the year

    def to_dict(self) -> dict:
        return {
            "start": self.start, "end": self.end, "text": self.text, "value": self.value,
            "precision": self.precision, "kind": self.kind, "explicit_year": self.explicit_year,
        }


def _as_date(anchor) -> datetime.date | None:
    if anchor is None:
        return None
    if isinstance(anchor, datetime.datetime):
        return anchor.date()
    if isinstance(anchor, datetime.date):
        return anchor
    raise TypeError(f"anchor must be a datetime.date or None, not {type(anchor).__name__}")


def find_dates(text: str, anchor: datetime.date | None = None, context: str = "",
               base: tuple[str, str] | None = None) -> list[TimeExpr]:
    """Every time expression in ``text``, in order, resolved against the publication date ``anchor``.

    Relative expressions (اليوم، أمس، الثلاثاء الماضي، الشهر الماضي، منتصف يونيو …) get ``value=None``
    when ``anchor`` is None. Nothing is resolved into the future of the anchor unless the text says
    so (غدا، الأسبوع المقبل، بعد يومين).

    Dates counted from another written date are resolved from it, with the unit's precision
    ("بعد تسعة أشهر من لقائهما في 13 سبتمبر 2023" = 2024-06, kind ``"arithmetic"``); the date counted
    from is the first one after "من" in the same sentence, else the nearest before it in the same or
    the previous sentence (``context``: the text right before ``text``). Without such a date the
    expression is not reported. A month named without a year in the same sentence as such a result
    in that month takes its year ("في منتصف يونيو بعد تسعة أشهر من ..." = 2024-06), even without anchor.
    ``base`` — ``(value, precision)``, e.g. ``("2023-09-13", "day")`` — is counted from when the text
    gives no date to count from: the caller knows the date of the event named after "من" ("بعد
    تسعة أشهر من استقباله الزعيم" counts from that reception, told and dated elsewhere).
    """
    a = _as_date(anchor)
    return [TimeExpr(s, e, text[s:e], v, p, k, x) for s, e, v, p, k, x in _find(text, a, context, base)]


_PREC_RANK = {"day": 3, "week": 2, "month": 2, "year": 1}
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


def parse_date(text: str, anchor: datetime.date | None = None) -> TimeExpr | None:
    """One date written as a whole string, e.g. a publication line ("21st, September 2023 GMT",
    "5 نوفمبر، 2024 8:50 ص", "تاريخ النشر: ١٤ حزيران ٢٠٢٤", "12 ذو الحجة 1445 هـ", "2024/06/19").

    Of the expressions found, the most complete one wins: a written year first, then day precision,
    then a Gregorian date over its Hijri equivalent. None when the string holds no date.
    """
    if not text or not text.strip():
        return None
    m = _ISO.match(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        try:
            datetime.date(y, mo, d)
        except ValueError:
            pass
        else:
            return TimeExpr(m.start(1), m.end(3), text[m.start(1):m.end(3)], f"{y:04d}-{mo:02d}-{d:02d}",
                            "day", "absolute", True)
    exprs = find_dates(text, anchor)
    if not exprs:
        return None

    def score(e: TimeExpr):
        return (e.value is not None, e.explicit_year, _PREC_RANK.get(e.precision, 0), e.kind != "hijri",
                e.end - e.start)

    best = exprs[0]
    for e in exprs[1:]:
        if score(e) > score(best):
            best = e
    return best


_URL_PATTERNS = [
    # /2024/06/19/, /2024-06-19/, ?date=2024-06-19, 2024_06_19
    re.compile(r"(?<!\d)((?:19|20)\d{2})[/_\-.](\d{1,2})[/_\-.](\d{1,2})(?!\d)"),
    # /19-06-2024/
    re.compile(r"(?<!\d)(\d{1,2})[/_\-.](\d{1,2})[/_\-.]((?:19|20)\d{2})(?!\d)"),
    # /20240619/, -20240619-
    re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)"),
]


def date_from_url(url: str) -> datetime.date | None:
    """The date written in an article URL (/2024/06/19/, /20240619/, ?date=2024-06-19, /19-06-2024/),
    or None. Only dates between 1990 and 2100 are accepted; a path with only year and month gives None."""
    if not url:
        return None
    for idx, pat in enumerate(_URL_PATTERNS):
        for m in pat.finditer(url):
            a, b, c = (int(g) for g in m.groups())
            y, mo, d = (c, b, a) if idx == 1 else (a, b, c)
            if not 1990 <= y <= 2100:
                continue
            try:
                return datetime.date(y, mo, d)
            except ValueError:
                continue
    return None


_SENT_END = re.compile(r"[.!?؟\n]+")
_CLAUSE_END = re.compile(r"[،,;؛:]")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    s, e = 0, len(text)
    for m in _SENT_END.finditer(text):
        # a dot between digits (3.5) or inside an abbreviation is not a sentence end
        if m.group() == "." and 0 < m.start() < len(text) - 1 and text[m.start() - 1].isdigit() \
                and text[m.end()].isdigit():
            continue
        if m.end() <= start:
            s = m.end()
        elif m.start() >= end:
            e = m.start()
            break
        else:  # a boundary inside the trigger span closes the trigger's sentence
            e = m.end()
            break
    return s, e


def event_date(text: str, start: int, end: int, anchor: datetime.date | None,
               exprs: list[TimeExpr] | None = None) -> TimeExpr | None:
    """The time expression that dates the event whose trigger is ``text[start:end]``.

    Only expressions in the trigger's sentence count; one in the same clause (between commas) is
    preferred, then the nearest by characters, and on a tie the one before the trigger. Background
    facts keep their own date ("في عام 2012 ألغت روسيا ..." gives 2012). Returns None when the sentence
    has no time expression; the expression returned may have ``value=None`` (relative, no anchor),
    which means the event's date is unknown — not that another date applies.

    Pass ``exprs`` (from :func:`find_dates` on the same ``text`` and anchor) to avoid re-scanning.
    """
    if exprs is None:
        exprs = find_dates(text, anchor)
    if not exprs:
        return None
    s, e = _sentence_bounds(text, start, end)
    cands = [x for x in exprs if x.start >= s and x.end <= e and not (x.start < end and start < x.end)]
    if not cands:
        return None

    def same_clause(x: TimeExpr) -> bool:
        lo, hi = (x.end, start) if x.end <= start else (end, x.start)
        return _CLAUSE_END.search(text, lo, hi) is None

    def dist(x: TimeExpr) -> tuple:
        d = start - x.end if x.end <= start else x.start - end
        return (not same_clause(x), d, x.start > start)

    return min(cands, key=dist)
