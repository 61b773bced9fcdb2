"""The event coder: triggers → arguments → polarity → CAMEO/PLOVER events with dates.

One :class:`EventCoder` is built per pipeline (compiled lexicon, cues, ontology) and applied to
each document. It works sentence by sentence on the normalised body and maps every offset back
to ``doc.body``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..document import Actor, Document, Event
from ..normalize import normalize
from .arguments import COMPLEMENTIZERS, Mention, attribute, groups
from .dates import DateResolver
from .lexicon import Lexicon, TriggerHit, default_lexicon
from .ontology import lookup
from .polarity import Polarity, default_polarity
from .sentences import split_sentences

CODER_VERSION = "events.code.v1"
_TOKEN = re.compile(r"\w+|[:\"،,؛]")
# words that refer back to the two parties of the story ("the two countries", "the two leaders")
DUAL_ANAPHORS = frozenset({
    "البلدين", "البلدان", "الجانبين", "الجانبان", "الطرفين", "الطرفان", "الزعيمين", "الزعيمان",
    "الدولتين", "الدولتان", "العاصمتين", "العاصمتان", "الرئيسين", "الرئيسان", "الحليفين", "الحليفان",
})
DUAL_SUFFIXES = {"past": ("ا", "تا"), "pres": ("ان",)}


_DUAL_FORMS = frozenset(p + w for w in DUAL_ANAPHORS for p in ("", "وب", "ول", "فب", "فل", "و", "ف", "ب", "ل"))


def actor_code(a: Actor) -> str | None:
    """Country-level code of an actor: its state (persons, cities, ministries) or its own code
    (states, IGOs)."""
    c = a.country or a.code
    if not c:
        return None
    return c.strip() or None


@dataclass
class _Sent:
    start: int  # body offsets
    end: int
    ns: int  # normalised offsets
    ne: int


class EventCoder:
    def __init__(self, lexicon: Lexicon | None = None, polarity: Polarity | None = None,
                 *, untargeted: tuple[str, ...] = ("PROTEST", "MOBILIZE"), dedup: bool = True,
                 require_actor: bool = True):
        self.lexicon = lexicon or default_lexicon()
        self.polarity = polarity or default_polarity()
        # PLOVER types kept when the target is unknown (others need source and target)
        self.untargeted = frozenset(untargeted)
        self.dedup = dedup
        self.require_actor = require_actor  # False: also emit trigger-only events (detection)
        self.dates = DateResolver()

    # -- helpers ---------------------------------------------------------------------------------
    @staticmethod
    def _orig_to_norm(offsets: tuple[int, ...], n_orig: int) -> list[int]:
        """For every original index (and the end), the first normalised index at or after it."""
        m = [len(offsets)] * (n_orig + 1)
        for j in range(len(offsets) - 1, -1, -1):
            m[offsets[j]] = j
        for i in range(n_orig - 1, -1, -1):
            if m[i] == len(offsets) and i + 1 <= n_orig:
                m[i] = m[i + 1]
        return m

    def code(self, doc: Document) -> list[Event]:
        body = doc.body or ""
        if not body.strip():
            return []
        nt = normalize(body)
        norm = nt.text
        offs = nt.offsets

        def o2n_(i: int) -> int:  # first normalised index at or after original index i
            return bisect_left(offs, i)
        hits = self.lexicon.find(norm)
        if not hits:
            return []
        # actor mentions on normalised offsets
        ments: list[tuple[int, int, Actor, str]] = []
        for a in doc.actors:
            code = actor_code(a)
            if not code:
                continue
            for sp in a.mentions:
                ns, ne = o2n_(sp.start), o2n_(sp.end)
                if ne > ns:
                    ments.append((ns, ne, a, code))
        ments.sort(key=lambda x: (x[0], -x[1]))
        if not ments and self.require_actor:
            return []
        # drop mentions nested in a longer mention
        clean: list[tuple[int, int, Actor, str]] = []
        for m in ments:
            if clean and m[0] < clean[-1][1]:
                continue
            clean.append(m)
        ments = clean
        m_starts = [m[0] for m in ments]
        pair = self._pair(ments)
        hit_starts = [h.start for h in hits]
        events: list[Event] = []
        anchor = doc.published
        prev_subject: list[Mention] = []
        for s0, s1 in split_sentences(body):
            ns, ne = o2n_(s0), o2n_(s1)
            lo_h, hi_h = bisect_left(hit_starts, ns), bisect_left(hit_starts, ne)
            if lo_h == hi_h:
                continue
            sent_hits = hits[lo_h:hi_h]
            toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(norm, ns, ne)]
            words = [w for _, _, w in toks]
            tstarts = [a for a, _, _ in toks]
            lo_m, hi_m = bisect_left(m_starts, ns), bisect_left(m_starts, ne)
            mentions: list[Mention] = []
            for ms, me, actor, code in ments[lo_m:hi_m]:
                i = bisect_right(tstarts, ms) - 1
                j = bisect_right(tstarts, me - 1) - 1
                if i < 0:
                    continue
                pre = norm[toks[i][0]:ms]
                prep = bool(pre) and pre.lstrip("وف")[:1] in ("ل", "ب", "ك")
                conj = pre[:1] == "و"
                mtext = norm[ms:me]
                adj = mtext.startswith("ال") and (mtext.endswith("ي") or mtext.endswith("يه")) and " " not in mtext
                mentions.append(Mention(i, max(i, j), code, actor, prep, conj, adj))
            if pair:
                for k, w in enumerate(words):
                    if w in _DUAL_FORMS:
                        mentions.extend(Mention(k, k, code, actor) for code, actor in pair)
                mentions.sort(key=lambda m: (m.i, m.j))
            main_subject = self._main_subject(words, mentions) or prev_subject
            events.extend(self._code_sentence(body, nt, s0, s1, words, tstarts, sent_hits,
                                              mentions, main_subject, anchor, events, pair))
            if mentions:
                prev_subject = self._main_subject(words, mentions)
        if self.dedup:
            events = _dedup(events)
        return events

    @staticmethod
    def _pair(ments) -> list[tuple[str, Actor]]:
        """The two parties of the story: the two country-level codes mentioned most often."""
        count: dict[str, int] = {}
        best_actor: dict[str, tuple[int, Actor]] = {}
        for _, _, a, code in ments:
            count[code] = count.get(code, 0) + 1
            n = len(a.mentions)
            if code not in best_actor or (a.kind == "country" and best_actor[code][1].kind != "country"):
                best_actor[code] = (n, a)
        top = sorted(count, key=lambda c: -count[c])[:2]
        if len(top) < 2 or count[top[1]] < 2:
            return []
        return [(c, best_actor[c][1]) for c in top]

    def _main_subject(self, words: list[str], mentions: list[Mention]) -> list[Mention]:
        """The sentence's main subject: the actor after a speech verb, or its first actor."""
        if not mentions:
            return []
        rep = self.polarity.report_words
        for k, w in enumerate(words):
            wb = w[1:] if len(w) > 2 and w[0] in "وف" else w
            if wb in rep:
                for m in mentions:
                    if k < m.i <= k + 6:
                        return [m]
                break
        first = mentions[0]
        return [first] if first.i <= 8 else []

    @staticmethod
    def _drill_mobilize(words, ti, mentions, args, *, entry_code, sentence, s0, s1, hyp, neg, date,
                        precision, trigger, body) -> list[Event]:
        """Joint drills aimed at someone ("مناورة مشتركة … ضد X"): MOBILIZE from each participant to X."""
        k = next((k for k in range(ti + 1, min(len(words), ti + 20)) if words[k] == "ضد"), None)
        if k is None:
            return []
        g = groups([m for m in mentions if k < m.i <= k + 3], words)
        if not g:
            return []
        entry = lookup(entry_code)
        parts = [m for m in args.sources + args.targets]
        out = []
        for s in parts:
            for t in g[0]:
                if s.code == t.code:
                    continue
                out.append(Event(
                    cameo=entry.code, plover=entry.plover, goldstein=entry.goldstein,
                    quad_class=entry.quad_class, sentence=sentence, start=s0, end=s1,
                    source=s.code, source_actor=s.actor.name, target=t.code, target_actor=t.actor.name,
                    mode=entry.mode, date=date, negated=neg, hypothetical=hyp,
                    meta={"trigger": body[trigger[0]:trigger[1]], "trigger_start": trigger[0],
                          "trigger_end": trigger[1], "coder": CODER_VERSION, "role": "drill",
                          "attribution": "drill-against", "date_precision": precision},
                ))
        return out

    def _speaker(self, words: list[str], ti: int, mentions: list[Mention]) -> Mention | None:
        """If the trigger sits in the content of reported speech, the speaker's mention."""
        rep = self.polarity.report_words
        comp = None
        for k in range(ti - 1, -1, -1):
            if words[k] in COMPLEMENTIZERS:
                comp = k
                break
        if comp is None:
            return None
        for k in range(comp - 1, -1, -1):
            w = words[k]
            wb = w[1:] if len(w) > 2 and w[0] in "وف" else w
            if wb in rep:
                for m in mentions:
                    if k < m.i < comp:
                        return m
                return None
        return None

    def _code_sentence(self, body, nt, s0, s1, words, tstarts, sent_hits, mentions,
                       main_subject, anchor, prior: list[Event], pair) -> list[Event]:
        out: list[Event] = []
        sentence = body[s0:s1]
        suppressed_from: int | None = None  # after an accusation, the alleged act is not coded
        denied_from: int | None = None
        feared_from: int | None = None
        trig_idx = frozenset(bisect_right(tstarts, h.start) - 1 for h in sent_hits)
        for h in sent_hits:
            ti = bisect_right(tstarts, h.start) - 1
            if ti < 0:
                continue
            row = h.row
            entry = lookup(row.cameo)
            if not entry.plover:
                continue
            if suppressed_from is not None and ti > suppressed_from:
                continue
            kind = h.kind
            neg, hyp, cue = self.polarity.flags(words, ti, kind)
            if kind == "pres" and h.prefix.lstrip("وف").startswith("س"):
                hyp, cue = True, cue or "س"
            if denied_from is not None and ti > denied_from:
                neg = True
            if feared_from is not None and ti > feared_from:
                hyp = True
            if (kind == "noun" or kind == "nounta") and "ال" in h.prefix and not h.prefix.endswith("لل") \
                    and any(e.plover == entry.plover for e in prior + out):
                continue  # a definite verbal noun refers back to an event already coded
            args = attribute(words, ti, kind, row.role, mentions, main_subject,
                             prefix=h.prefix, suffix=h.suffix, plover=entry.plover,
                             other_triggers=trig_idx - {ti})
            if row.role in ("sym", "drill") and pair and len(args.sources) + len(args.targets) < 2 \
                    and kind in DUAL_SUFFIXES and h.suffix in DUAL_SUFFIXES[kind]:
                ms = [Mention(ti, ti, c, a) for c, a in pair]
                args.sources, args.targets, args.how = ms[:1], ms[1:], "dual-verb"
            if row.role == "deny" and not args.targets:
                accusers = [e for e in prior + out if e.plover == "ACCUSE" and e.source]
                if accusers:
                    last = accusers[-1]
                    args.targets = [Mention(ti, ti, last.source, _Named(last.source_actor))]
                    args.how += "+accuser"
            srcs = args.sources or [None]
            tgts = args.targets or [None]
            t_orig = nt.to_original(h.start, h.end)
            speaker = self._speaker(words, ti, mentions)
            date = precision = None
            if any(s is not None for s in srcs) or not self.require_actor:
                date, precision = self.dates.event_date(body, s0, s1, t_orig[0], t_orig[1], anchor)
            for s in srcs:
                for t in tgts:
                    if self.require_actor:
                        if s is None:
                            continue
                        if t is None and entry.plover not in self.untargeted and row.role != "deny":
                            continue
                    if s is not None and t is not None and s.code == t.code:
                        continue
                    meta = {
                        "trigger": body[t_orig[0]:t_orig[1]],
                        "trigger_start": t_orig[0],
                        "trigger_end": t_orig[1],
                        "coder": CODER_VERSION,
                        "lexicon_line": row.line,
                        "role": row.role,
                        "attribution": args.how,
                        "date_precision": precision,
                        "context": entry.context,
                    }
                    if cue:
                        meta["cue"] = cue
                    if speaker is not None and (s is None or speaker is not s):
                        meta["claimed_by"] = speaker.actor.name
                    out.append(Event(
                        cameo=entry.code, plover=entry.plover, goldstein=entry.goldstein,
                        quad_class=entry.quad_class, sentence=sentence, start=s0, end=s1,
                        source=s.code if s else None, source_actor=s.actor.name if s else None,
                        target=t.code if t else None, target_actor=t.actor.name if t else None,
                        mode=entry.mode, date=date, negated=neg and entry.plover != "REJECT",
                        hypothetical=hyp, meta=meta,
                    ))
            if row.role == "drill":
                out.extend(self._drill_mobilize(words, ti, mentions, args, entry_code="150",
                                                sentence=sentence, s0=s0, s1=s1, hyp=hyp, neg=neg,
                                                date=date, precision=precision, trigger=t_orig, body=body))
            if row.role == "accuse":
                suppressed_from = ti
            elif row.role == "deny":
                denied_from = ti
            elif row.role == "fear":
                feared_from = ti
        return out


class _Named:
    """A stand-in actor carrying only a name (for arguments taken from earlier events)."""

    def __init__(self, name):
        self.name = name


def _dedup(events: list[Event]) -> list[Event]:
    """One event per (source, type, target, polarity, year) per document; the first mention wins.
    Mentions dated in different years are different events (a 2019 visit and a 2024 visit)."""
    seen: dict[tuple, int] = {}
    out: list[Event] = []
    for e in events:
        year = (e.date or "")[:4]
        key = (e.source, e.plover, e.target, e.negated, e.hypothetical, year)
        if e.plover in ("CONSULT", "AGREE", "COOPERATE") and e.source and e.target:
            key = (tuple(sorted((e.source, e.target))), e.plover, None, e.negated, e.hypothetical, year)
        k = seen.get(key)
        if k is None:
            seen[key] = len(out)
            out.append(e)
    return out
