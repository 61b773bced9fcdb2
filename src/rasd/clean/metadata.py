"""Metadata from the text and URL: title, publication date, outlet.

- **title**: the headline line — the first non-blank line among the first few that is headline
  shaped (2 to ``title_max_words`` words, no final full stop) and is neither a metadata line
  ("تاريخ النشر: …", "بقلم …") nor a lone date. The duplicated title is already gone
  (clean.boilerplate.v1).
- **published**: from a labelled date line ("تاريخ النشر: 21st, September 2023 GMT") or a lone date
  line ("5 نوفمبر، 2024 8:50 ص") among the first/last ``date_scan_lines`` non-blank lines, parsed by
  :func:`rasd.timex.parse_date` (Gregorian, Hijri, Arabic-Indic digits, every month-name tradition);
  else from the URL (``/2024/06/19/``) via :func:`rasd.timex.date_from_url`. Only day-precision
  dates count, and never a date after the time of analysis (``ctx.now``). The date line stays in the
  body (it is not boilerplate); its span is recorded in ``doc.meta["published_span"]`` so that
  later stages can tell it from event dates.
- **outlet**: the URL host (without ``www.``), else the value of a credit line ("المصدر: الجزيرة")
  near the end.

Evidence is recorded in ``doc.meta``: ``title_from``, ``published_from`` ("text:label",
``"text:line"``, ``"url"``), ``published_text``, ``published_span``, ``outlet_from``, ``credit``,
``byline``.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from ..normalize import normalize_text
from .boilerplate import read_lines
from .markers import LabelSet, count_words, ends_sentence

_YEAR_RE = re.compile(r"(?<!\d)(1[3-4]\d\d|19\d\d|20\d\d)(?!\d)")
_ALPHA_WORD_RE = re.compile(r"[^\W\d_]{2,}")


@dataclass
class MetadataOptions:
    title_scan_lines: int = 4
    title_max_words: int = 40
    title_max_chars: int = 250
    date_scan_lines: int = 6
    date_line_max_words: int = 10
    credit_scan_lines: int = 8
    credit_max_words: int = 6

    @classmethod
    def from_config(cls, config: dict) -> "MetadataOptions":
        return cls(**{k: v for k, v in config.items() if k in cls.__dataclass_fields__})


def looks_like_date_line(text: str, max_words: int = 10, norm: str | None = None) -> bool:
    """A short line made of a date: a year and at most two other words (month, am/pm, GMT …).
    ``norm``: ``normalize_text`` of the line when the caller has it (spaces at its ends do not matter)."""
    if norm is None:
        norm = normalize_text(text)
    if count_words(norm) > max_words or not _YEAR_RE.search(norm):
        return False
    return len(_ALPHA_WORD_RE.findall(norm)) <= 5


def is_date_line(text: str, max_words: int = 10, norm: str | None = None) -> bool:
    """A short line that is mostly one date (the parsed date covers at least half of its letters)."""
    if not looks_like_date_line(text, max_words, norm):
        return False
    tx = _timex()
    if tx is None:
        return False
    stripped = text.strip()
    try:
        te = tx.parse_date(stripped, anchor=None)
    except Exception:
        return False
    if te is None or te.precision not in ("day", "month"):
        return False
    return (te.end - te.start) * 2 >= len(stripped.replace(" ", ""))


def _timex():
    try:
        from .. import timex  # written by the time-expression area
    except ImportError:
        return None
    return timex


def parse_day(text: str, today: _dt.date) -> tuple[_dt.date | None, str]:
    """A day-precision date in ``text`` not after ``today``: ``(date, "")`` or ``(None, reason)``."""
    tx = _timex()
    if tx is None or not hasattr(tx, "parse_date"):
        return None, "timex unavailable"
    try:
        te = tx.parse_date(text.strip(), anchor=None)
    except Exception as exc:  # a parser bug must not lose the document
        return None, f"timex error: {exc}"
    if te is None:
        return None, "no date"
    if getattr(te, "precision", None) != "day":
        return None, f"precision {getattr(te, 'precision', None)}"
    try:
        d = _dt.date.fromisoformat(str(te.value)[:10])
    except ValueError:
        return None, f"bad value {te.value!r}"
    if d > today:
        return None, f"future {d.isoformat()}"
    return d, ""


def date_from_url(url: str | None, today: _dt.date) -> _dt.date | None:
    if not url:
        return None
    tx = _timex()
    if tx is None or not hasattr(tx, "date_from_url"):
        return None
    try:
        d = tx.date_from_url(url)
    except Exception:
        return None
    if d is None or d > today:
        return None
    return d


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url if "//" in url else "//" + url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


class MetadataExtractor:
    def __init__(self, labels: LabelSet, options: MetadataOptions | None = None):
        self.labels = labels
        self.opt = options or MetadataOptions()
        self._last: tuple = (None, [])  # (body, its nonblank lines): title/published/credit share them

    def _nonblank(self, body: str) -> list:
        last = self._last
        if last[0] is body:
            return last[1]
        lines = [ln for ln in read_lines(body) if not ln.blank]
        self._last = (body, lines)
        return lines

    def title(self, body: str) -> tuple[str | None, tuple[int, int] | None]:
        opt = self.opt
        lines = self._nonblank(body)[: opt.title_scan_lines]
        for ln in lines:
            text = ln.text.strip()
            if self.labels.match(ln.text, ln.norm) is not None or is_date_line(text, norm=ln.norm):
                continue
            if 2 <= ln.words <= opt.title_max_words and len(text) <= opt.title_max_chars \
                    and not (ends_sentence(text) and text.rstrip()[-1:] in ".…"):
                s = ln.start + (len(ln.text) - len(ln.text.lstrip()))
                return text, (s, s + len(text))
            return None, None  # the first real line is prose: no headline
        return None, None

    def published(self, body: str, today: _dt.date) -> dict | None:
        opt = self.opt
        nonblank = self._nonblank(body)
        head = nonblank[: opt.date_scan_lines]
        tail = [ln for ln in nonblank[-opt.date_scan_lines:] if ln not in head]
        rejected: list[str] = []
        # labelled lines first (published before updated), then lone date lines
        labelled = []
        for ln in head + tail:
            lab = self.labels.match(ln.text, ln.norm) if ln.words <= 40 else None
            if lab is not None and lab.field in ("published", "updated"):
                labelled.append((0 if lab.field == "published" else 1, ln, lab.value))
        for _, ln, value in sorted(labelled, key=lambda x: x[0]):
            d, why = parse_day(value, today)
            if d is not None:
                return {"date": d, "from": "text:label", "text": ln.text.strip(), "span": (ln.start, ln.end)}
            rejected.append(f"{value}: {why}")
        for ln in head + tail:
            if is_date_line(ln.text, opt.date_line_max_words, ln.norm):
                d, why = parse_day(ln.text, today)
                if d is not None:
                    return {"date": d, "from": "text:line", "text": ln.text.strip(), "span": (ln.start, ln.end)}
                rejected.append(f"{ln.text.strip()}: {why}")
        return {"date": None, "rejected": rejected} if rejected else None

    def credit(self, body: str) -> dict:
        """Credit ("المصدر: …") and byline values found in the text."""
        opt = self.opt
        nonblank = self._nonblank(body)
        out: dict = {}
        for ln in nonblank[: opt.credit_scan_lines] + nonblank[-opt.credit_scan_lines:]:
            if ln.words > 12:
                continue
            lab = self.labels.match(ln.text, ln.norm)
            if lab is None or not lab.value:
                continue
            if lab.field == "credit" and count_words(lab.value) <= opt.credit_max_words:
                out.setdefault("credit", lab.value.strip(" .،"))
            elif lab.field == "byline":
                out.setdefault("byline", lab.value.strip(" .،"))
        return out
