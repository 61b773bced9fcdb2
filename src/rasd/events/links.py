"""Document-level event dating: dates a sentence takes from ANOTHER event of the same document.

The coder dates an event from the time expressions of its own sentence (and from a meeting told in
the sentences just before, "خلال زيارته"). News also dates events through events told elsewhere in
the article, before or after; this pass, run on the coder's events before deduplication, adds four
such links, each marked ``meta["date_from"]``:

``"arith-linked"``
    "جاءت الزيارة في منتصف يونيو بعد تسعة أشهر من استقباله الزعيم": the count is made from the
    event named after "من" (its trigger type in the lexicon), i.e. the nearest event of that type told
    before with a date precise enough (:func:`rasd.timex.find_dates` with ``base``).
``"linked"`` (meeting reference)
    "وقّع الزعيمان اتفاقا خلال زيارته الأخيرة إلى بيونغ يانغ": an undated event placed during a
    definite, possessed or annexed meeting noun (cue words of ``date_links.tsv``) takes the date of
    that meeting when the document dates it anywhere: the dated meetings of the parties named after
    the noun ("خلال المحادثات بين شي وبوتين": a meeting of both), else those that share a party with
    the sentence's event; the latest of them ("الأخيرة", and a news article's default), the events
    of the sentence itself left out.
``"carried"``
    "اتهمت أوكرانيا … . جاء ذلك عقب زيارة بوتين لبيونغ يانغ": a sentence opening with a carry
    phrase (``date_refs.tsv``) tells the circumstances of the sentence before it; its own date (a
    time expression, or a meeting reference as above) dates that sentence's undated events.
``"aftermath"``
    "التقى X Y في 13 سبتمبر … . واتفق الزعيمان على …": a perfective act (a past-tense verb or a
    verbal noun, not the imperfect of states and habits) between the two parties of a meeting dated
    to the day or month, told in the next two sentences with no time expression of its own and no
    pluperfect (كان … قد), happened at that meeting.

An event told in the imperfect ("تتعاون اليوم") is not linked. Only factual events are dated (a hypothetical or negated event keeps ``date=None``) and nothing is
dated that has no written date somewhere in the chain: no date is invented.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..document import Event
from ..normalize import normalize_text
from .lexicon import Lexicon, _read_data
from .ontology import lookup
from .sentences import split_sentences

try:
    from ..timex import event_date as _event_date, find_dates as _find_dates
except ImportError:  # pragma: no cover
    _event_date = _find_dates = None

MEETING = "CONSULT"
AFTERMATH_REACH = 2  # what the parties did at a meeting is told at most this many sentences after it
CONSTRUCT_WORDS = 6  # actors named this many words after a meeting noun are its parties
_WORD = re.compile(r"\w+")
# "بعد تسعة أشهر من <noun>", "قبل عامين على <noun>": the word after من/على is the event counted from
_ARITH = re.compile(r"(?:^|\s)[وف]?(?:بعد|قبل)\s+(?:\S+\s+){1,3}?(?:من|على)\s+(\w+)")
_POSSESSED = ("ه", "ها", "هم", "هما")
_YEAR_DIGITS = re.compile(r"[0-9٠-٩۰-۹]{4}")  # a written year (Latin, Arabic-Indic or Persian digits)


@dataclass(frozen=True)
class Refs:
    carry: tuple[tuple[str, ...], ...]  # normalised word sequences
    latest: frozenset[str]
    pluperfect: frozenset[str]


@lru_cache(maxsize=1)
def default_refs() -> Refs:
    carry, latest, plup = [], set(), set()
    for line in _read_data("date_refs.tsv").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("phrase\t"):
            continue
        cols = line.split("\t")
        words = tuple(normalize_text(cols[0]).split())
        kind = cols[1].strip() if len(cols) > 1 else ""
        if kind == "carry":
            carry.append(words)
        elif kind == "latest":
            latest.add(" ".join(words))
        elif kind == "pluperfect":
            plup.add(" ".join(words))
    return Refs(tuple(carry), frozenset(latest), frozenset(plup))


def _strip(w: str) -> str:
    return w[1:] if len(w) > 3 and w[0] in "وف" else w


def _rank(d: str) -> tuple:
    return tuple(int(x) for x in d.split("-"))


def _factual(e: Event) -> bool:
    return not e.hypothetical and not e.negated


def _set(e: Event, value: str, precision: str, how: str) -> None:
    e.date = value
    e.meta["date_precision"] = precision
    e.meta["date_from"] = how


class DateLinker:
    """The document-level date links (see the module doc). Build once; call per document."""

    def __init__(self, lexicon: Lexicon, link_cues: frozenset[str], refs: Refs | None = None):
        self.lexicon = lexicon
        self.link_cues = link_cues
        self.refs = refs or default_refs()
        self._type_cache: dict[str, list[tuple[str, str]]] = {}

    # -- helpers ----------------------------------------------------------------------------------
    def _types(self, word: str) -> list[tuple[str, str]]:
        """(PLOVER type, hit kind) of the triggers in one (normalised) word (cached: triggers recur)."""
        out = self._type_cache.get(word)
        if out is None:
            out = []
            for h in self.lexicon.find(word):
                p = lookup(h.row.cameo).plover
                if p:
                    out.append((p, h.kind))
            if len(self._type_cache) > 50_000:
                self._type_cache.clear()
            self._type_cache[word] = out
        return out

    def _meeting_refs(self, norm_sentence: str) -> list[tuple[int, bool]]:
        """Meeting nouns placed by a link cue ("خلال زيارته الأخيرة", "عقب زيارة الرئيس …"):
        (word index of the noun, whether "الأخيرة" follows), in the sentence's normalised words."""
        words = norm_sentence.split()
        out = []
        for k in range(1, len(words)):
            prev = _strip(words[k - 1])
            if prev not in self.link_cues and words[k - 1] not in self.link_cues:
                continue
            w = words[k]
            for h in self.lexicon.find(w):
                if h.kind not in ("noun", "nounta") or lookup(h.row.cameo).plover != MEETING:
                    continue
                definite = "ال" in h.prefix or h.suffix.endswith(_POSSESSED) or k + 1 < len(words)
                if not definite:
                    continue
                latest = any(x in self.refs.latest for x in words[k + 1:k + 3])
                out.append((k, latest))
                break
        return out

    @staticmethod
    def _codes_near(ments, n0: int, n1: int) -> set[str]:
        return {code for ms, _me, _a, code in ments if n0 <= ms < n1}

    def _meeting_date(self, meetings: list[Event], named: set[str], parties: set[str], latest: bool,
                      exclude: tuple[int, int]) -> Event | None:
        """The dated meeting a reference names: with parties named after the noun ("خلال المحادثات
        بين شي وبوتين"), a meeting of all of them (of the one named); else one that shares a party
        with the sentence's events; the latest of those."""
        if named:
            cands = [m for m in meetings if (m.start, m.end) != exclude and named <= {m.source, m.target}]
        else:
            cands = [m for m in meetings if (m.start, m.end) != exclude
                     and (not parties or parties & {m.source, m.target})]
        if not cands:
            return None
        return max(cands, key=lambda m: _rank(m.date))

    # -- the pass ---------------------------------------------------------------------------------
    def link(self, body: str, norm: str, o2n, events: list[Event], ments, anchor: dt.date | None) -> None:
        """Date, in place, the undated factual events of ``events`` (one document's, in order)."""
        if _find_dates is None or not any(e.date is None and _factual(e) for e in events):
            return
        self._arith(body, events, anchor)
        meetings = [e for e in events if e.date and e.plover == MEETING and _factual(e)]
        by_sentence: dict[tuple[int, int], list[Event]] = {}
        for e in events:
            by_sentence.setdefault((e.start, e.end), []).append(e)
        # meeting references in the events' own sentences
        for (s0, s1), evs in (by_sentence.items() if meetings else ()):
            if not any(e.date is None and _factual(e) for e in evs):
                continue
            undated = [e for e in evs if e.date is None and _factual(e) and self._perfective(e)]
            if not undated:
                continue
            m = self._reference(body, norm, o2n, s0, s1, ments, meetings, undated)
            if m is not None:
                for e in undated:
                    _set(e, m.date, m.meta.get("date_precision") or "day", "linked")
        # carried: "جاء ذلك عقب …" dates the sentence before
        carry = self.refs.carry
        if carry and any(" ".join(c) in norm for c in carry):
            sentences = split_sentences(body)  # cached for the last body
            index = {sp: i for i, sp in enumerate(sentences)}
            for (s0, s1), evs in by_sentence.items():
                i = index.get((s0, s1))
                if i is None or i + 1 >= len(sentences):
                    continue
                n0, n1 = sentences[i + 1]
                nxt = body[n0:n1]
                words = [_strip(w) for w in normalize_text(nxt[:40]).split()]
                if not any(tuple(words[:len(c)]) == c for c in carry):
                    continue
                undated = [e for e in evs if e.date is None and _factual(e) and self._perfective(e)]
                if not undated:
                    continue
                value = self._own_date(nxt, anchor)
                if value is None and meetings:
                    m = self._reference(body, norm, o2n, n0, n1, ments, meetings, undated)
                    value = (m.date, m.meta.get("date_precision") or "day") if m is not None else None
                if value is not None:
                    for e in undated:
                        _set(e, value[0], value[1], "carried")
        if meetings:
            self._aftermath(body, events, meetings, anchor)
        self._continued(body, events, anchor)

    def _own_date(self, sentence: str, anchor) -> tuple[str, str] | None:
        for x in _find_dates(sentence, anchor):
            if x.value is not None:
                return x.value, x.precision
        return None

    def _reference(self, body, norm, o2n, s0, s1, ments, meetings, undated) -> Event | None:
        n0, n1 = o2n(s0), o2n(s1)
        nsent = norm[n0:n1]
        refs = self._meeting_refs(nsent)
        if not refs:
            return None
        k, latest = refs[0]
        # normalised offset of word k, to find the actors named right after the noun
        spans = [m.span() for m in re.finditer(r"\S+", nsent)]
        a0 = n0 + spans[k][0]
        a1 = n0 + spans[min(len(spans) - 1, k + CONSTRUCT_WORDS)][1]
        named = self._codes_near(ments, a0, a1)
        parties = {c for e in undated for c in (e.source, e.target) if c}
        return self._meeting_date(meetings, named, parties, latest, (s0, s1))

    def _arith(self, body: str, events: list[Event], anchor) -> None:
        """"جاءت الزيارة … بعد تسعة أشهر من استقباله …": count from the nearest earlier event of the
        named type; only the events told before the count (its subject) take the result."""
        done: set[tuple[int, int]] = set()
        for e in events:
            key = (e.start, e.end)
            if e.date is not None or not _factual(e) or key in done:
                continue
            done.add(key)
            sentence = body[e.start:e.end]
            mt = _ARITH.search(sentence)
            if mt is None:
                continue
            types = {p for p, _k in self._types(normalize_text(mt.group(1)))}
            if not types:
                continue
            bases = [b for b in events if b.date and b.end <= e.start and b.plover in types and _factual(b)
                     and (b.meta.get("date_precision") or "day") in ("day", "month")]
            if not bases:
                continue
            base = bases[-1]
            exprs = _find_dates(sentence, anchor, base=(base.date, base.meta.get("date_precision") or "day"))
            if not any(x.kind == "arithmetic" and x.value for x in exprs):
                continue
            for u in events:
                if (u.start, u.end) != key or u.date is not None or not _factual(u):
                    continue
                if u.meta.get("trigger_start", u.start) - u.start >= mt.start():
                    continue  # the event counted from ("بعد أسبوع من زيارة …"), not the one dated
                t0 = u.meta.get("trigger_start", u.start) - u.start
                t1 = u.meta.get("trigger_end", u.start) - u.start
                x = _event_date(sentence, t0, t1, anchor, exprs)
                if x is not None and x.value:
                    _set(u, x.value, x.precision, "arith-linked")

    def _aftermath(self, body: str, events: list[Event], meetings: list[Event], anchor) -> None:
        """"التقى X وY في 13 سبتمبر … . وتعهد X بـ…، واتفق الزعيمان على …": a perfective act of the
        two parties of a meeting dated to the day or month, told in the next sentences with no time
        expression of its own (nor a pluperfect "كان … قد"), happened at that meeting."""
        for e in events:
            if e.date is not None or not _factual(e) or not e.source or not e.target:
                continue
            sent_no = e.meta.get("sentence_no")
            if sent_no is None or not self._perfective(e):
                continue
            pair = {e.source, e.target}
            cands = [m for m in meetings if {m.source, m.target} == pair
                     and 0 < sent_no - m.meta.get("sentence_no", -99) <= AFTERMATH_REACH
                     and (m.meta.get("date_precision") or "day") in ("day", "month")]
            if not cands:
                continue
            words = [_strip(w) for w in normalize_text(e.sentence).split()]
            if self.refs.pluperfect & set(words) and "قد" in words:
                continue
            if _find_dates(e.sentence, anchor):
                continue
            m = cands[-1]
            _set(e, m.date, m.meta.get("date_precision") or "day", "aftermath")

    def _perfective(self, e: Event) -> bool:
        """Not told in the imperfect: "تتعاون اليوم" is a state or a habit, not the act of a day."""
        kinds = {k for _p, k in self._types(normalize_text(e.meta.get("trigger") or ""))}
        return "pres" not in kinds

    def _continued(self, body: str, events: list[Event], anchor) -> None:
        """"عندما تولى بوتين الرئاسة في عام 2000، سعى إلى … . وكان أول زعيم روسي يسافر إلى بيونغ
        يانغ": in a paragraph told as history, a sentence with no time expression of its own goes on
        in the year written in the sentence just before it (same paragraph). Only a written year
        (not a relative date, not a day of the news) is carried, only to factual events that are not
        incidents, and only one sentence on."""
        sentences = None
        prev_year: dict[tuple[int, int], tuple[str, str] | None] = {}
        for e in events:
            if e.date is not None or not _factual(e) or e.meta.get("incident"):
                continue
            if sentences is None:
                sentences = split_sentences(body)  # cached for the last body
                index = {sp: i for i, sp in enumerate(sentences)}
            key = (e.start, e.end)
            if key not in prev_year:
                prev_year[key] = None
                i = index.get(key)
                if i and i > 0:
                    p0, p1 = sentences[i - 1]
                    if "\n" not in body[p1:e.start] and _YEAR_DIGITS.search(body, p0, p1) \
                            and not _find_dates(body[e.start:e.end], anchor):
                        years = [x for x in _find_dates(body[p0:p1], anchor)
                                 if x.explicit_year and x.value and x.precision == "year"
                                 and x.kind != "arithmetic"]
                        if years and len({x.value[:4] for x in years}) == 1:
                            prev_year[key] = (years[-1].value[:4], "year")
            v = prev_year[key]
            if v is not None:
                _set(e, v[0], v[1], "continued")
