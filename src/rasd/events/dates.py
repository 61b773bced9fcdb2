"""Event dates through :mod:`rasd.timex`, resolved against the publication date.

No invented dates: an event gets the value of the time expression that governs its trigger in
the same sentence (``rasd.timex.event_date``), or None. A relative expression without a
publication date stays None; background facts keep their own year ("في عام 2012 …").
"""
from __future__ import annotations

import datetime as dt

try:  # rasd.timex is a sibling package; the coder still works (without dates) if it is absent
    from ..timex import event_date as _event_date, find_dates as _find_dates
except ImportError:  # pragma: no cover - only when timex is not installed
    _event_date = _find_dates = None


class DateResolver:
    """Finds the time expressions of a sentence once (only sentences that carry an event are
    scanned) and dates triggers against them."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._exprs: list = []

    def event_date(self, body: str, s0: int, s1: int, t0: int, t1: int,
                   anchor: dt.date | None) -> tuple[str | None, str | None]:
        """(date, precision) of the trigger ``body[t0:t1]`` in the sentence ``body[s0:s1]``."""
        if _event_date is None:
            return None, None
        sentence = body[s0:s1]
        key = (id(body), s0, s1, anchor)
        if key != self._key:
            self._exprs = _find_dates(sentence, anchor)
            self._key = key
        if not self._exprs:
            return None, None
        x = _event_date(sentence, t0 - s0, t1 - s0, anchor, self._exprs)
        if x is None or x.value is None:
            return None, None
        return x.value, x.precision
