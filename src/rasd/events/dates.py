"""Event dates through :mod:`rasd.timex`, resolved against the publication date.

No invented dates: an event gets the value of the time expression that governs its trigger in
the same sentence (``rasd.timex.event_date``), or None. A relative expression without a
publication date stays None; background facts keep their own year ("في عام 2012 …").
The coder adds two document-level rules on top (see :mod:`rasd.events.coder`): the lead sentence's
news of the day takes the publication date, and a sentence that places its event during an event
already dated ("خلال زيارته"، "على هامش القمة") takes that event's date. Dates that come from
other events anywhere in the article are :mod:`rasd.events.links`' (run after the coder).
"""
from __future__ import annotations

import datetime as dt

import re
from functools import lru_cache

try:  # rasd.timex is a sibling package; the coder still works (without dates) if it is absent
    from ..timex import event_date as _event_date, find_dates as _find_dates
    from ..timex.lexicon import load_lexicon as _load_time_lexicon
except ImportError:  # pragma: no cover - only when timex is not installed
    _event_date = _find_dates = _load_time_lexicon = None

from ..normalize import normalize_text

_WORD = re.compile(r"[^\W\d_]+|\d")


# word categories of the timex lexicon that can start an expression (rasd.timex.finder keeps the
# authoritative list; it is used when importable, this copy otherwise)
_HEAD_CATS_FALLBACK = ("part", "monthword", "dayword", "this", "unitdef", "yearword", "ago", "after",
                       "ordday")


@lru_cache(maxsize=1)
def _time_words() -> frozenset[str]:
    """The words that can start a time expression (first words of the month, weekday and relative
    phrases; words of the head categories), also without the article."""
    try:
        from ..timex.finder import _HEAD_CATS as head_cats
    except ImportError:  # pragma: no cover
        head_cats = _HEAD_CATS_FALLBACK
    lex = _load_time_lexicon()
    words = set(lex.phrases) | {w for w, cats in lex.words.items() if any(c in cats for c in head_cats)}
    words |= {w[2:] for w in words if w.startswith("ال") and len(w) > 3}
    words |= {w[1:] for w in words if w.startswith("ال") and len(w) > 3}
    # with up to three clitic letters glued in front (وفي، بالأمس، وللعام …), as the timex heads
    out = set(words)
    for p in _CLITIC_PREFIXES:
        out.update(p + w for w in words)
    return frozenset(out)


_CLITIC_PREFIXES = tuple({a + b + c for a in ("", *"وفبلك") for b in ("", *"وفبلك") for c in ("", *"وفبلك")} - {""})
_DIGIT = re.compile(r"\d")


def may_hold_a_date(sentence: str, words: list[str] | None = None) -> bool:
    """Cheap, conservative test: False only when the sentence has no digit and no word (with up to
    three clitic letters in front) that can start a time expression, so ``find_dates`` would find
    nothing there (checked against the samples, the GSR and the bench corpus: no expression lost)."""
    if _DIGIT.search(sentence):
        return True
    if words is None:
        words = _WORD.findall(normalize_text(sentence))
    return not _time_words().isdisjoint(words)


_BREAK_CHARS = ".!?؟\n"


def _previous_sentence(body: str, s0: int, reach: int = 600) -> str:
    """The text from the start of the sentence before ``body[s0:]`` up to ``s0`` (what a date
    counted from "ذلك اللقاء" may refer to); find_dates reads it only when it needs it."""
    lo = max(0, s0 - reach)
    k = s0
    while k > lo and (body[k - 1] in _BREAK_CHARS or body[k - 1].isspace()):
        k -= 1
    last = max(body.rfind(c, lo, k) for c in _BREAK_CHARS)  # the last break in body[lo:k]
    p0 = last + 1 if last >= 0 else lo
    return body[p0:s0]


class DateResolver:
    """Finds the time expressions of a sentence once (only sentences that carry an event are
    scanned: one pass over the whole body costs more, news bodies having many dated sentences
    without events) and dates triggers against them."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._exprs: list = []

    def event_date(self, body: str, s0: int, s1: int, t0: int, t1: int,
                   anchor: dt.date | None, words: list[str] | None = None) -> tuple[str | None, str | None]:
        """(date, precision) of the trigger ``body[t0:t1]`` in the sentence ``body[s0:s1]``
        (``words``: the sentence's normalised words, if the caller has them)."""
        if _event_date is None:
            return None, None
        sentence = body[s0:s1]
        key = (id(body), s0, s1, anchor)
        if key != self._key:
            self._exprs = _find_dates(sentence, anchor, _previous_sentence(body, s0)) \
                if may_hold_a_date(sentence, words) else []
            self._key = key
        if not self._exprs:
            return None, None
        x = _event_date(sentence, t0 - s0, t1 - s0, anchor, self._exprs)
        if x is None or x.value is None:
            return None, None
        return x.value, x.precision
