"""The event coder: triggers → arguments → polarity → CAMEO/PLOVER events with dates.

One :class:`EventCoder` is built per pipeline (compiled lexicon, cues, ontology) and applied to
each document. It works sentence by sentence on the normalised body (``doc.normalized()``, shared
with other stages) and maps every offset back to ``doc.body``.

Per trigger: incident types must report the incident (:mod:`rasd.events.eventive`); verbal nouns
inside an opinion (يعتقد أن …) and nouns whose relative clause has its own trigger (العقوبات التي
فرضتها) are skipped; arguments come from :mod:`rasd.events.arguments`, unnamed incident actors from
:mod:`rasd.events.generic`; polarity from :mod:`rasd.events.polarity`. Dates: the time expression
of the sentence (:mod:`rasd.events.dates`); else the date of the meeting the sentence places the
event in ("خلال زيارته", ``date_from="linked"``); else, for a factual event of the lead (title lines
and first full sentence) with a publication date, that date (``date_from="published"``). Then,
before deduplication, :mod:`rasd.events.links` dates undated events through other events of the
article (counted from, during, "جاء ذلك", right after a dated meeting, history paragraphs).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from ..document import Actor, Document, Event
from ..normalize import normalize
from .anaphora import HOMELAND_CLITICS, default_homeland_forms, homeland_mentions, mention_gender
from .arguments import COMPLEMENTIZERS, RELATIVES, CueWords, Mention, Sentence, attribute, groups, marked_positions
from .dates import DateResolver
from .eventive import Eventive, default_eventive
from .generic import default_generic
from .lexicon import _read_data, read_exclusions
from .lexicon import Lexicon, default_lexicon
from .links import DateLinker
from .ontology import lookup
from .polarity import Polarity, _new_clause_between, default_polarity
from .sentences import split_sentences

CODER_VERSION = "events.code.v3"
LEAD_MIN_WORDS = 8  # the lead ends with the first sentence of at least this many words
# cooperation triggers after an intention cue (cues.tsv kind intent) are the stated intent itself:
# "Stated intent to cooperate or promises: AGREE 03" (CAMEO 030)
INTENT_TYPES = frozenset({"COOPERATE"})
INTENT_CODE = "030"
ANTECEDENT_SENTENCES = 2  # a pronoun refers back at most this many sentences (that name actors)
# what may be done to a news outlet ("أغلقت السلطات مكتب الجزيرة", "اتهمت الحكومة القناة"); an outlet
# is never the source of an event, nor the target of any other type
MEDIA_TARGET_TYPES = frozenset({"ACCUSE", "THREATEN", "SANCTION", "COERCE", "ASSAULT", "REJECT", "REQUEST"})
LINK_NAMED_WORDS = 6  # parties named this many words after the meeting noun are its parties
LINK_MAX_SENTENCES = 3  # a meeting referred to by "خلال زيارته" must have been told this recently
# possessive suffixes of a meeting noun that refers to a known meeting (زيارته، زيارتها، قمتهما)
_POSSESSED = frozenset({"ه", "ها", "هم", "هما", "ته", "تها", "تهم", "تهما"})
_TOKEN = re.compile(r"\w+|[:\"،,؛]")
_TOKEN_SPLIT = re.compile(r"(\w+|[:\"،,؛])")  # the same tokens, by re.split (no match objects)
# words that refer back to the two parties of the story ("the two countries", "the two leaders")
DUAL_ANAPHORS = frozenset({
    "البلدين", "البلدان", "الجانبين", "الجانبان", "الطرفين", "الطرفان", "الزعيمين", "الزعيمان",
    "الدولتين", "الدولتان", "العاصمتين", "العاصمتان", "الرئيسين", "الرئيسان", "الحليفين", "الحليفان",
})
DUAL_SUFFIXES = {"past": ("ا", "تا"), "pres": ("ان",)}


_DUAL_FORMS = frozenset(p + w for w in DUAL_ANAPHORS for p in ("", "وب", "ول", "فب", "فل", "و", "ف", "ب", "ل"))
# "بلاده"، "لبلادها" (data/events/homeland.tsv), with the clitics homeland_mentions accepts
_HOMELAND_FORMS = frozenset(p + w for w in default_homeland_forms() for p in ("", *HOMELAND_CLITICS))


def _is_nisba(mtext: str, kind: str | None = None) -> bool:
    """Is a (normalised) mention a nisba adjective: الروسية، الأمريكي، الكورية الجنوبية (every word
    a definite nisba; "الرئيس الروسي" is a person, not an adjective), or, for a bloc or an
    organisation, the indefinite أممية، غربي (a state only in the feminine روسية: مالي is a name)?"""
    ws = mtext.split()
    if kind == "person" or not ws or len(ws) > 2 or not all(w.endswith(("ي", "يه")) and len(w) > 3 for w in ws):
        return False
    if all(w.startswith("ال") for w in ws):
        return True
    if any(w.startswith("ال") for w in ws) or kind is None:
        return False
    # an indefinite masculine form may be a state's name (مالي، تشيلي): only blocs and IGOs
    return ws[-1].endswith("يه") or kind in ("group", "organization")


def _tokenize(norm: str) -> tuple[list[str], list[int]]:
    """The tokens of ``_TOKEN`` in ``norm`` and their start offsets (one ``re.split``)."""
    parts = _TOKEN_SPLIT.split(norm)
    n = len(parts) // 2
    acc = list(accumulate(map(len, parts)))
    return parts[1::2], acc[0:2 * n:2]


_NISBA_MEMO: dict[tuple[str, str | None], bool] = {}


def _is_nisba_memo(mtext: str, kind: str | None) -> bool:
    """:func:`_is_nisba`, remembered (a mention text recurs within and across articles)."""
    key = (mtext, kind)
    r = _NISBA_MEMO.get(key)
    if r is None:
        r = _is_nisba(mtext, kind)
        if len(_NISBA_MEMO) < 100_000:
            _NISBA_MEMO[key] = r
    return r


# (mention text, actor kind, first word, last word) -> (is a nisba, gender) of a mention: what
# _is_nisba and mention_gender answer for it (both read only these), remembered in one look-up
_MENTION_MEMO: dict[tuple[str, str | None, str, str], tuple[bool, str | None]] = {}


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
                 require_actor: bool = True,
                 incident_types: tuple[str, ...] = ("ASSAULT", "PROTEST"),
                 sourceless: tuple[str, ...] = ("ASSAULT", "PROTEST"),
                 eventive: Eventive | None = None, lead_date: bool = True,
                 date_links: frozenset[str] | None = None, generic_actors: bool = True,
                 date_linker: bool = True):
        self.lexicon = lexicon or default_lexicon()
        self.polarity = polarity or default_polarity()
        # PLOVER types kept when the target is unknown (others need source and target)
        self.untargeted = frozenset(untargeted)
        # incident types: a trigger must report the incident, not refer to it (rasd.events.eventive)
        self.incident_types = frozenset(incident_types)
        self.eventive = eventive or default_eventive()
        # incident types kept with an unknown source (unnamed attackers, protesters) once they pass
        # the incident check
        self.sourceless = frozenset(sourceless) & self.incident_types
        self.dedup = dedup
        self.require_actor = require_actor  # False: also emit trigger-only events (detection)
        self.dates = DateResolver()
        self.lead_date = lead_date
        self.generic = default_generic() if generic_actors else None
        self.date_links = date_links if date_links is not None else default_date_links()
        # dates taken from other events of the document (rasd.events.links), before deduplication
        self.linker = DateLinker(self.lexicon, self.date_links) if date_linker else None
        pol = self.polarity
        # every cue word of the rules _code_sentence tries only in sentences that have one: the
        # sentence's words are intersected with it once, and each rule's test reads that small set
        self._rule_cue_words = pol.demand_words | pol.join_words | COMPLEMENTIZERS | pol.opinion_words \
            | pol.analyst_words | pol.cue_words
        self._cue_words = CueWords(pol.receive_words, pol.modal_words, pol.stance_words, pol.during_words)
        rep = self.polarity.report_words
        self._report_forms = frozenset(rep) | frozenset(p + w for w in rep for p in "وف" if len(w) > 1)

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
        nt = doc.normalized() if hasattr(doc, "normalized") else normalize(body)
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
                ns, ne = bisect_left(offs, sp.start), bisect_left(offs, sp.end)  # o2n_, inlined
                if ne > ns:
                    ments.append((ns, ne, a, code))
        ments.sort(key=lambda x: (x[0], -x[1]))
        if not ments and self.require_actor and not any(
                lookup(h.row.cameo).plover in self.sourceless for h in hits):
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
        tok_starts: list[int] | None = None  # the whole document is tokenised once, lazily
        events: list[Event] = []
        countries: dict | None = None  # code -> state actor of the document, for "بلاده" (lazily)
        anchor = doc.published
        prev_subject: list[Mention] = []
        history: list[list[Mention]] = []  # actor mentions of the last sentences that had some
        lead_open = True  # the title lines and the first full sentence are the lead
        for sent_no, (s0, s1) in enumerate(split_sentences(body)):
            lead = lead_open
            if lead_open and len(body[s0:s1].split()) >= LEAD_MIN_WORDS:
                lead_open = False
            ns, ne = bisect_left(offs, s0), bisect_left(offs, s1)  # o2n_, inlined
            lo_h, hi_h = bisect_left(hit_starts, ns), bisect_left(hit_starts, ne)
            if lo_h == hi_h:
                # no trigger: only remember the sentence's actors as antecedents of later pronouns
                lo_m, hi_m = bisect_left(m_starts, ns), bisect_left(m_starts, ne)
                if lo_m < hi_m:
                    hist = []
                    for ms, me, actor, code in reversed(ments[lo_m:hi_m]):
                        mtext = norm[ms:me]
                        g = mention_gender(actor.kind, mtext.split(), _is_nisba_memo(mtext, actor.kind))
                        if g:
                            hist.append(Mention(-1, -1, code, actor, gender=g))
                    history.append(hist)
                    del history[:-ANTECEDENT_SENTENCES]
                continue
            sent_hits = hits[lo_h:hi_h]
            if tok_starts is None:
                all_words, tok_starts = _tokenize(norm)
                # a sentence's words are a tuple (what Sentence holds): the per-sentence caches of
                # the cue rules key on tuple(words), which is then the words themselves (no copy)
                all_words = tuple(all_words)
                # the words every Sentence looks up, found in the whole document in one pass
                marks = marked_positions(all_words)
                cue_marks = self.polarity.cue_positions(all_words)
            t0, t1 = bisect_left(tok_starts, ns), bisect_left(tok_starts, ne)
            words = all_words[t0:t1]
            tstarts = tok_starts[t0:t1]
            lo_m, hi_m = bisect_left(m_starts, ns), bisect_left(m_starts, ne)
            # the mentions do not overlap and come in text order, so they are sorted by (i, j)
            mentions: list[Mention] = []
            for ms, me, actor, code in ments[lo_m:hi_m]:
                i = bisect_right(tstarts, ms) - 1
                if i < 0:
                    continue
                j = max(i, bisect_right(tstarts, me - 1) - 1)
                pre = norm[tstarts[i]:ms]
                kind = actor.kind
                key = (norm[ms:me], kind, words[i], words[j])
                adj_gender = _MENTION_MEMO.get(key)
                if adj_gender is None:
                    adj = _is_nisba(key[0], kind)
                    adj_gender = adj, mention_gender(kind, words[i:j + 1], adj)
                    if len(_MENTION_MEMO) < 100_000:
                        _MENTION_MEMO[key] = adj_gender
                mentions.append(Mention(i, j, code, actor, bool(pre) and pre.lstrip("وف")[:1] in ("ل", "ب", "ك"),
                                        pre[:1] == "و", *adj_gender))
            if pair and not _DUAL_FORMS.isdisjoint(words):
                for k, w in enumerate(words):
                    if w in _DUAL_FORMS:
                        mentions.extend(Mention(k, k, code, actor) for code, actor in pair)
                mentions.sort(key=lambda m: (m.i, m.j))
            if not _HOMELAND_FORMS.isdisjoint(words):  # "أن بلاده ستواصل": the state of the person
                if countries is None:
                    countries = {a.code: a for a in reversed(doc.actors) if a.kind == "country" and a.code}
                extra = homeland_mentions(words, mentions, [m for past in reversed(history) for m in past],
                                          countries)
                if extra:
                    mentions.extend(extra)
                    mentions.sort(key=lambda m: (m.i, m.j))
            mentions = self._drop_ally_possessors(words, mentions)
            own_subject = self._main_subject(words, mentions)
            main_subject = own_subject or prev_subject
            antecedents = [m for past in reversed(history) for m in past]
            marked = [k - t0 for k in marks[bisect_left(marks, t0):bisect_left(marks, t1)]]
            sent = Sentence(words, mentions, main_subject, antecedents, cues=self._cue_words, marked=marked,
                            cue_positions=[k - t0 for k in cue_marks[bisect_left(cue_marks, t0):
                                                                     bisect_left(cue_marks, t1)]])
            events.extend(self._code_sentence(body, nt, s0, s1, sent, tstarts, sent_hits, anchor, events,
                                              pair, lead, sent_no))
            if mentions:
                prev_subject = own_subject
                history.append([Mention(-1, -1, m.code, m.actor, False, False, False, m.gender)
                                for m in reversed(mentions) if not m.prep and m.gender])
                del history[:-ANTECEDENT_SENTENCES]
        if self.linker is not None and events:
            self.linker.link(body, norm, o2n_, events, ments, anchor)
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
        """The sentence's main subject: the actor after a speech verb, or its first actor — never one
        introduced by a preposition ("وأوضح … خلال زيارة لأوتاوا": Ottawa is no subject, so the
        previous sentence's subject carries over)."""
        mentions = [m for m in mentions if not m.prep]
        if not mentions:
            return []
        rep = self._report_forms
        if not rep.isdisjoint(words):
            for k, w in enumerate(words):
                if w in rep:
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

    def _code_sentence(self, body, nt, s0, s1, sent: Sentence, tstarts, sent_hits, anchor,
                       prior: list[Event], pair, lead: bool = False, sent_no: int = 0) -> list[Event]:
        """The events of the sentence ``body[s0:s1]`` (``sent``: its words and actor mentions,
        ``tstarts``: the normalised offsets of its words, ``sent_hits``: its trigger hits)."""
        out: list[Event] = []
        words, mentions, main_subject = sent.words, sent.mentions, sent.main_subject
        sentence = body[s0:s1]
        if self.polarity.question(words, sentence):
            return out  # "هل لدى واشنطن أوراق تقدمها لروسيا؟": a question reports no event
        linked = self._linked_date(words, tstarts, sent_hits, prior, sent_no, mentions)
        suppressed_from: int | None = None  # after an accusation, the alleged act is not coded
        denied_from: int | None = None
        feared_from: int | None = None
        # word index and ontology entry of every hit, worked out once
        located = [(h, bisect_right(tstarts, h.start) - 1, lookup(h.row.cameo)) for h in sent_hits]
        trig_plover = {ti: entry.plover for _, ti, entry in located}
        # the sentence's trigger words; attribute only reads the ones strictly between an actor and
        # the trigger at hand, so the set is handed over whole (the trigger's own index never counts)
        sent.triggers = frozenset(trig_plover)
        cues: dict[str, list[int]] | None = None
        outline = self.polarity.outline_start(words)
        # rules that need a cue word of their own: tried only in sentences that have one
        pol = self.polarity
        present = self._rule_cue_words.intersection(words)  # mostly empty or a word or two
        demand_here = not pol.demand_words.isdisjoint(present)
        join_here = not pol.join_words.isdisjoint(present)
        speech_here = not COMPLEMENTIZERS.isdisjoint(present)
        opinion_here = not pol.opinion_words.isdisjoint(present)
        analyst_here = not pol.analyst_words.isdisjoint(present)
        cues_here = not pol.cue_words.isdisjoint(present)  # negation, speculation, intention
        for h, ti, entry in located:
            if ti < 0:
                continue
            row = h.row
            if not entry.plover:
                continue
            kind = h.kind
            if (suppressed_from is not None or denied_from is not None or feared_from is not None) \
                    and _new_clause(words, max(x for x in (suppressed_from, denied_from, feared_from)
                                                if x is not None), ti, kind, mentions):
                # "طهران تنفي تزويد موسكو بالصواريخ وكييف تتهمها بالكذب": the accusation, denial or
                # fear governs its own clause only
                suppressed_from = denied_from = feared_from = None
            if suppressed_from is not None and ti > suppressed_from:
                continue
            incident = None
            if entry.plover in self.incident_types:
                if cues is None:
                    cues = self.eventive.find(words)
                keep, incident = self.eventive.check(words, ti, kind, h.prefix, row.role, cues, h.suffix,
                                                         entry.plover)
                if not keep:
                    continue
            if kind in ("noun", "nounta") and ti + 2 < len(words) and words[ti + 1] in RELATIVES \
                    and trig_plover.get(ti + 2) == entry.plover:
                continue  # "العقوبات التي فرضتها عليها واشنطن": the relative clause's verb codes it
            if (kind in ("noun", "nounta") or entry.plover in self.incident_types) \
                    and opinion_here and pol.opinion_before(words, ti):
                continue  # "يعتقد الخبير أن تهديدات واشنطن …": analysis, not an event
            if kind in ("noun", "nounta") and analyst_here and pol.analyst_report_before(words, ti):
                continue  # "يقول الكاتب إن تعزيز التعاون بين …": a commentator's analysis
            if outline is not None and ti > outline:
                continue  # "في هذا التقرير سنركز على … دعم موسكو لكوريا": a topic list, not events
            if demand_here and pol.demanded(words, ti, kind, h.prefix) is not None:
                continue  # "قرار يطالب روسيا بالانسحاب": the demanded act is not performed
            neg, hyp, cue = pol.flags(words, ti, kind, positions=sent.cue_positions) if cues_here \
                else (False, False, None)
            intent_cue = None
            intent_span = None
            if entry.plover in INTENT_TYPES and not neg and row.role != "drill":
                found = self.polarity.intent_at(words, ti)
                if found is not None:
                    intent_cue, intent_span = found[0], (found[1], found[2])
                if intent_cue is not None:  # "تعتزم روسيا تعزيز التعاون": a stated intent, AGREE 03
                    entry = lookup(INTENT_CODE)
                    neg, hyp, cue = self.polarity.flags(words, ti, kind, intent=False, positions=sent.cue_positions)
                    cue = cue or intent_cue
            if row.role == "intent" and intent_cue is None:
                continue  # "تعزيز العلاقات" alone is a standing state; after "تعتزم" a stated intent
            role = "sym" if row.role == "intent" else row.role
            if kind == "pres" and h.prefix.lstrip("وف").startswith("س"):
                hyp, cue = True, cue or "س"
            if denied_from is not None and ti > denied_from:
                neg = True
            if feared_from is not None and ti > feared_from:
                hyp = True
            back_ref = (kind == "noun" or kind == "nounta") and "ال" in h.prefix \
                and not h.prefix.endswith("لل") \
                and (any(e.plover == entry.plover for e in prior) or any(e.plover == entry.plover for e in out))
            args = attribute(sent, ti, kind, role, h.prefix, h.suffix, entry.plover, intent_cue is not None,
                             intent_span)
            if back_ref and not _new_parties(args, entry.plover, prior + out):
                continue  # a definite verbal noun refers back to an event already coded
            if role in ("sym", "drill") and pair and len(args.sources) + len(args.targets) < 2 \
                    and kind in DUAL_SUFFIXES and h.suffix in DUAL_SUFFIXES[kind]:
                ms = [Mention(ti, ti, c, a) for c, a in pair]
                args.sources, args.targets, args.how = ms[:1], ms[1:], "dual-verb"
            elif role == "sym" and pair and kind in ("noun", "nounta") \
                    and h.suffix in ("هما", "تهما") and args.how.startswith("possessor"):
                # "تعزيز علاقاتهما": the dual possessor is the two parties of the story
                ms = [Mention(ti, ti, c, a) for c, a in pair]
                args.sources, args.targets, args.how = ms[:1], ms[1:], "dual-possessor"
            if kind in ("noun", "nounta"):
                if join_here:
                    self._join_agent(words, ti, mentions, main_subject, args)
                if role == "sym" and entry.plover == "CONSULT":
                    self._members_meeting(words, ti, mentions, args)
            if row.role == "deny" and not args.targets:
                accusers = [e for e in prior + out if e.plover == "ACCUSE" and e.source]
                if accusers:
                    last = accusers[-1]
                    args.targets = [Mention(ti, ti, last.source, _Named(last.source_actor))]
                    args.how += "+accuser"
            if incident is not None and self.generic is not None:
                self._generic_arguments(args, words, ti, kind, row.role, entry.plover)
            srcs = args.sources or [None]
            tgts = args.targets or [None]
            t_orig = nt.to_original(h.start, h.end)
            date = precision = date_from = None
            sourceless_ok = incident is not None and entry.plover in self.sourceless
            # the (source, target) pairs coded as events; the date (a time-expression search) is
            # only worked out when it is used: by an event, the drill rule or the incident check
            pairs = []
            for s in srcs:
                for t in tgts:
                    if self.require_actor:
                        if s is None and not sourceless_ok:
                            continue
                        if t is None and entry.plover not in self.untargeted and row.role != "deny" \
                                and not sourceless_ok:
                            continue
                    if (s is not None and _is_media(s.actor)) or \
                            (t is not None and _is_media(t.actor) and entry.plover not in MEDIA_TARGET_TYPES):
                        continue  # "قال لوكالة رويترز": an outlet reports events, it is no party to them
                    if s is not None and t is not None and s.code == t.code and args.how != "members":
                        continue
                    pairs.append((s, t))
            if (pairs or incident is not None or row.role == "drill") and (
                    any(s is not None for s in srcs) or not self.require_actor or sourceless_ok):
                date, precision = self.dates.event_date(body, s0, s1, t_orig[0], t_orig[1], anchor, words)
                date_from = "text" if date else None
                if date is None and linked is not None:
                    (date, precision), date_from = linked, "linked"
                elif date is None and lead and self.lead_date and anchor is not None and not hyp \
                        and not neg:
                    date, precision, date_from = anchor.isoformat(), "day", "published"
                if incident is not None and precision == "year":
                    continue  # "في عام 2006 قتل …": a year-only date tells history, not the news
            speaker = self._speaker(words, ti, mentions) if pairs and speech_here else None
            for s, t in pairs:
                meta = {
                    "trigger": body[t_orig[0]:t_orig[1]],
                    "trigger_start": t_orig[0],
                    "trigger_end": t_orig[1],
                    "coder": CODER_VERSION,
                    "lexicon_line": row.line,
                    "role": row.role,
                    "attribution": args.how,
                    "date_precision": precision,
                    "date_from": date_from,
                    "sentence_no": sent_no,
                    "context": entry.context,
                }
                if cue:
                    meta["cue"] = cue
                if incident:
                    meta["incident"] = incident
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


    def _drop_ally_possessors(self, words: list[str], mentions: list[Mention]) -> list[Mention]:
        """"الناتو واليابان وحلفاء آخرين لواشنطن": an actor glued to لـ right after an ally noun
        (cues.tsv kind ally) owns the allies; it is no argument of the sentence's events."""
        allies = self.polarity.ally_words
        if not allies:
            return mentions
        out = []
        for m in mentions:
            if m.prep and m.i > 0 and words[m.i].startswith(("ل", "ول")):
                prev = words[m.i - 1]
                bare = prev[1:] if prev.startswith("و") and len(prev) > 3 else prev
                bare = bare[2:] if bare.startswith("ال") else bare
                if bare in allies:
                    continue
            out.append(m)
        return out

    def _members_meeting(self, words, ti, mentions, args) -> None:
        """"مفاوضات وزراء خارجية مجموعة السبع": a meeting noun followed only by member nouns
        (cues.tsv kind members) and then one organisation or bloc is a meeting among its members."""
        nxt = next((m for m in mentions if m.i > ti), None)
        if nxt is None or nxt.i == ti + 1 or nxt.prep or getattr(nxt.actor, "kind", None) not in ("organization", "group"):
            return
        if not all(w in self.polarity.member_words for w in words[ti + 1:nxt.i]):
            return
        after = [m for m in mentions if m.i > nxt.j]
        if after and groups([nxt] + after, words)[0][-1] is not nxt:
            return  # "اجتماع وزراء خارجية الناتو وروسيا": a meeting between the two
        args.sources, args.targets, args.how = [nxt], [nxt], "members"

    def _join_agent(self, words, ti, mentions, main_subject, args) -> None:
        """"انضمت دول مجموعة السبع إلى إدانة القمة الروسية الكورية": the joiners (after the joining
        verb, else its subject before it) are the agent of the verbal noun; the noun's own genitive
        (or nisba) agent becomes its target."""
        j = self.polarity.joined(words, ti)
        if j is None:
            return
        inside = [m for m in mentions if j < m.i and m.j < ti]
        g = groups(inside, words)
        if g:
            joiners = g[0]
        else:
            before = groups([m for m in mentions if j - 4 <= m.j < j and not m.prep], words)
            joiners = before[-1] if before else [m for m in main_subject if m.j < j]
        if not joiners:
            return
        if args.how.startswith(("genitive", "nisba")):
            args.targets = [m for m in args.sources if not any(m.code == x.code for x in joiners)]
        args.sources = list(joiners)
        args.how = "join"

    def _generic_arguments(self, args, words, ti, kind, role, plover) -> None:
        """Unnamed attackers, forces, protesters and victims (rasd.events.generic) for arguments
        the actor mentions left empty (or filled only by the sentence's main subject)."""
        g_src = None
        if not args.sources or args.how.startswith("main-subject"):
            g_src = self.generic.source(words, ti, kind, role)
            if g_src is not None:
                args.sources = [Mention(g_src.i, g_src.j, g_src.code, _Named(g_src.name))]
                args.how = "generic"
        if plover == "ASSAULT" and not args.targets:
            g_tgt = self.generic.target(words, ti, g_src)
            if g_tgt is not None and not any(m.code == g_tgt.code for m in args.sources):
                args.targets = [Mention(g_tgt.i, g_tgt.j, g_tgt.code, _Named(g_tgt.name))]
                args.how += "+generic-target"

    def _linked_date(self, words, tstarts, sent_hits, prior: list[Event], sent_no: int,
                     mentions: list[Mention] = ()) -> tuple[str, str] | None:
        """"… خلال زيارته الأخيرة": the date of the latest meeting already coded (None when that
        meeting is undated), when the sentence places its events inside a definite or possessed
        meeting noun; when the noun names its parties ("خلال المحادثات بين الصين وروسيا"), only a
        meeting of those parties counts."""
        if not prior or not self.date_links:
            return None
        for h in sent_hits:
            if h.kind not in ("noun", "nounta") or lookup(h.row.cameo).plover != "CONSULT":
                continue
            if "ال" not in h.prefix and h.suffix not in _POSSESSED:
                continue
            ti = bisect_right(tstarts, h.start) - 1
            if ti <= 0:
                continue
            prev = words[ti - 1]
            if prev not in self.date_links and prev[1:] not in self.date_links:
                continue
            named = {m.code for m in mentions if ti < m.i <= ti + LINK_NAMED_WORDS}
            for e in reversed(prior):  # the latest meeting; if it has no date, neither has this
                if e.plover == "CONSULT" and not e.hypothetical \
                        and (not named or named <= {e.source, e.target}):
                    if sent_no - e.meta.get("sentence_no", -99) > LINK_MAX_SENTENCES:
                        return None  # told too far back to be clearly the same meeting
                    return (e.date, e.meta.get("date_precision") or "day") if e.date else None
            return None
        return None


# attributions that name the parties inside the noun phrase itself ("اللقاء بين الرئيسين الروسي
# والصيني", "زيارة بوتين إلى", "العقوبات الأوروبية على"): a definite verbal noun so attributed
# tells its own event when those parties are new, it does not refer back
_OWN_PARTIES = ("between", "genitive", "nisba")


def _new_parties(args, plover: str, prior: list[Event]) -> bool:
    """Does a definite verbal noun name, in its own noun phrase, a pair of parties that no event of
    its type already coded has (so it is a new event, not a reference back)?"""
    if not args.how.startswith(_OWN_PARTIES) or not args.sources or not args.targets:
        return False
    if args.how.startswith("genitive") and not args.sources[0].adj:
        return False  # a definite noun takes no genitive: only its nisba ("العقوبات الغربية") counts
    seen = set()
    for e in prior:
        if e.plover == plover:
            seen.add((e.source, e.target))
            if plover in ("CONSULT", "AGREE", "COOPERATE"):
                seen.add((e.target, e.source))
    return any((s.code, t.code) not in seen for s in args.sources for t in args.targets if s.code != t.code)


def _new_clause(words: list[str], a: int, b: int, kind: str, mentions: list[Mention]) -> bool:
    """Does a new clause start between word ``a`` and the trigger at ``b``: a comma followed by
    و/ف, or a finite verb right after an actor glued to و ("… وكييف تتهمها")?"""
    if _new_clause_between(words, a, b):
        return True
    return kind in ("past", "pres") and any(m.conj and m.j == b - 1 and m.i > a for m in mentions)


def _is_media(actor) -> bool:
    """A news outlet or agency (CAMEO code ending in MED: FRAMED for AFP, QATMED for Al Jazeera)."""
    code = getattr(actor, "code", None) or ""
    return code.endswith("MED")


class _Named:
    """A stand-in actor carrying only a name (for arguments taken from earlier events)."""

    def __init__(self, name):
        self.name = name


def default_date_links() -> frozenset[str]:
    """Cue words of ``rasd/data/events/date_links.tsv`` (first column, normalised)."""
    text = _read_data("date_links.tsv")
    rows = [line.split("\t", 1)[0] for line in text.splitlines()
            if line.strip() and not line.startswith("#")]
    return read_exclusions("\n".join(r for r in rows if r != "cue"))


# how explicitly a mention carries its date: of the mentions of one event, the most explicit is kept
_DATE_SOURCE_RANK = {"text": 0, "arith-linked": 1, "linked": 2, "carried": 2, "aftermath": 2, "continued": 2,
                     "published": 3}


def _dedup(events: list[Event]) -> list[Event]:
    """One event per (source, type, target, polarity, date) per document. Mentions with different
    dates are different events (a 2019 visit and a 2024 visit; a meeting in March and a visit in
    December); an undated mention is one event apart from the dated ones. Of the mentions of one
    event the one whose own sentence writes the date is kept ("جاءت الزيارة في منتصف يونيو" over
    "خلال زيارته الأخيرة"), else the first; the events stay in document order."""
    seen: dict[tuple, int] = {}
    out: list[Event] = []
    for e in events:
        year = e.date or ""
        # speculations are kept apart sentence by sentence: "قد تقدم روسيا الخبرة" and "ليس مستبعدا أن
        # تزودها بالتقنيات" are two different things that may happen, not two mentions of one event
        year = (year, e.start) if e.hypothetical else year
        key = (e.source, e.plover, e.target, e.negated, e.hypothetical, year)
        if e.plover in ("CONSULT", "AGREE", "COOPERATE") and e.source and e.target:
            key = (tuple(sorted((e.source, e.target))), e.plover, None, e.negated, e.hypothetical, year)
        k = seen.get(key)
        if k is None:
            seen[key] = len(out)
            out.append(e)
        elif e.date and _DATE_SOURCE_RANK.get(e.meta.get("date_from"), 9) \
                < _DATE_SOURCE_RANK.get(out[k].meta.get("date_from"), 9):
            out[k] = e
    if len(out) > 1:
        out.sort(key=lambda ev: (ev.start, ev.meta.get("trigger_start", ev.start)))
    return out
