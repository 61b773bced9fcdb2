"""Calendar arithmetic for resolving time expressions against a publication date (the anchor).

Every function returns ``(value, precision)`` with ``value`` an ISO prefix ("YYYY", "YYYY-MM",
"YYYY-MM-DD") or ``None`` when it cannot be resolved without inventing a date.
"""
from __future__ import annotations

import calendar as _cal
import datetime as dt

Resolved = tuple[str | None, str]


def iso_day(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def iso_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= _cal.monthrange(y, m)[1] if 1 <= y <= 9999 else False


def monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def shift(anchor: dt.date, unit: str, n: int) -> Resolved:
    """``n`` units from the anchor ("أمس" = day -1, "الأسبوع الماضي" = week -1)."""
    try:
        if unit == "day":
            return iso_day(anchor + dt.timedelta(days=n)), "day"
        if unit == "week":
            return iso_day(monday(anchor) + dt.timedelta(weeks=n)), "week"
        if unit == "month":
            y, m = add_months(anchor.year, anchor.month, n)
            return (iso_month(y, m) if 1 <= y <= 9999 else None), "month"
        if unit == "year":
            y = anchor.year + n
            return (f"{y:04d}" if 1 <= y <= 9999 else None), "year"
    except OverflowError:
        return None, unit
    raise ValueError(unit)


def month_without_year(m: int, anchor: dt.date, mod: str | None) -> int:
    """The year of month ``m`` seen from the anchor: the latest one not after the anchor's month;
    ``mod='past'`` strictly before it, ``'next'`` strictly after, ``'current'`` the anchor's year."""
    a = anchor
    if mod == "current":
        return a.year
    if mod == "next":
        return a.year if m > a.month else a.year + 1
    if mod == "past":
        return a.year if m < a.month else a.year - 1
    return a.year if m <= a.month else a.year - 1


def day_month_without_year(d: int, m: int, anchor: dt.date, mod: str | None = None) -> int | None:
    """The year of day ``d`` of month ``m`` seen from the anchor (never after it unless mod='next')."""
    a = anchor
    for y in ((a.year, a.year + 1) if mod == "next" else (a.year, a.year - 1, a.year - 2, a.year - 3, a.year - 4)):
        if not valid_day(y, m, d):
            continue  # 29 February
        cand = dt.date(y, m, d)
        if mod == "next" and cand > a:
            return y
        if mod != "next" and cand <= a:
            return y
    return None


def weekday(wd: int, anchor: dt.date, mod: str | None) -> Resolved:
    """Weekday ``wd`` (0 = Monday): the latest one on or before the anchor; 'past' strictly before,
    'next' strictly after."""
    back = (anchor.weekday() - wd) % 7
    try:
        if mod == "next":
            fwd = (wd - anchor.weekday()) % 7 or 7
            return iso_day(anchor + dt.timedelta(days=fwd)), "day"
        if mod == "past" and back == 0:
            back = 7
        return iso_day(anchor - dt.timedelta(days=back)), "day"
    except OverflowError:  # an anchor at the edge of the calendar
        return None, "day"


# -- Hijri ------------------------------------------------------------------------------

def _hijri(y: int, m: int, d: int) -> dt.date | None:
    try:
        from hijridate import Hijri

        g = Hijri(y, m, d).to_gregorian()
        return dt.date(g.year, g.month, g.day)
    except Exception:  # outside hijridate's range (1343-1500 AH) or not a valid day
        return None


def _hijri_month_len(y: int, m: int) -> int | None:
    try:
        from hijridate import Hijri

        return Hijri(y, m, 1).month_length()
    except Exception:
        return None


def hijri_day(y: int, m: int, d: int) -> Resolved:
    g = _hijri(y, m, d)
    return (iso_day(g) if g else None), "day"


def hijri_month(y: int, m: int) -> Resolved:
    """A Hijri month as a Gregorian value: the month when it lies within one Gregorian month, else
    the year when it lies within one year, else None (never a guess)."""
    first = _hijri(y, m, 1)
    n = _hijri_month_len(y, m)
    if first is None or n is None:
        return None, "month"
    last = first + dt.timedelta(days=n - 1)
    if (first.year, first.month) == (last.year, last.month):
        return iso_month(first.year, first.month), "month"
    if first.year == last.year:
        return f"{first.year:04d}", "year"
    return None, "month"


def hijri_year(y: int) -> Resolved:
    first = _hijri(y, 1, 1)
    last_start = _hijri(y, 12, 1)
    n = _hijri_month_len(y, 12)
    if first is None or last_start is None or n is None:
        return None, "year"
    last = last_start + dt.timedelta(days=n - 1)
    return (f"{first.year:04d}" if first.year == last.year else None), "year"


def hijri_of(anchor: dt.date) -> tuple[int, int, int] | None:
    try:
        from hijridate import Gregorian

        h = Gregorian(anchor.year, anchor.month, anchor.day).to_hijri()
        return h.year, h.month, h.day
    except Exception:
        return None


def hijri_year_for_month(m: int, anchor: dt.date, mod: str | None, d: int | None = None) -> int | None:
    """The Hijri year of Hijri month ``m`` (day ``d``) seen from the anchor, like
    :func:`month_without_year` but in the Hijri calendar."""
    h = hijri_of(anchor)
    if h is None:
        return None
    hy, hm, hd = h
    key, here = (m, d or 1), (hm, hd if d else 1)
    if mod == "current":
        return hy
    if mod == "next":
        return hy if key > here else hy + 1
    if mod == "past":
        return hy if key < here else hy - 1
    return hy if key <= here else hy - 1
