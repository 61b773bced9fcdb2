"""Actor matcher: one Aho-Corasick pass over the folded text, then clitic and boundary checks,
longest match, precision guards, role phrases resolved by date, institutions, nisba, short names.

How a document is read (all offsets map back to ``doc.body``):

1. ``body`` is normalised (:func:`rasd.normalize.normalize`) and folded one-to-one (غ→ج …).
2. Every KB form is a key of one automaton: names, aliases, nisba inflections, role titles,
   institution heads and stop phrases. A form with the article (الصين) is stored without it and
   must be preceded by an article-bearing clitic prefix (ال وال بال لل …); a bare form (روسيا)
   by a bare prefix (و ف ب ل ك and their combinations); a nisba by either.
3. Overlapping candidates: the longest wins (كوريا الشمالية before كوريا; stop phrases such as
   المحيط الهندي win over الهندي and produce nothing).
4. Title + nisba/state/organisation → the person holding that office at the document's date
   (``meta["via"] = "role"``), or the person named right after it. ``نظيره`` + nisba → the holder
   of the antecedent's office in that state. Institution head + nisba → a state organisation.
5. Guarded forms (common words) are kept only with support; forms shared by several entries are
   resolved to the one the document already names; so is the first word of a two-word nisba shared
   by several states, used alone (القمة الروسية الكورية → the Korea the document names).
6. Short forms (بوتين، كيم، أون) of the people found resolve to them; a misspelt given name right
   before a surname joins the mention (فلادمير بوتين).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Mapping, NamedTuple

import ahocorasick

from ..document import Actor, Span
from ..normalize import normalize
from .kb import (ANY_PREFIXES, ART_PREFIXES, KB, NOART_PREFIXES, ROLE_GROUPS, Entry,
                 Title, fold, fold_same_length, strip_clitics)

_WORDCHARS = frozenset(
    [chr(c) for c in range(0x0621, 0x064B)] + [chr(c) for c in range(0x0671, 0x06D4)]
    + list("abcdefghijklmnopqrstuvwxyz0123456789")
)
_TOKEN = re.compile(r"[\u0621-\u064a\u0671-\u06d3a-z0-9]+")

NO, REQ, ANY = 0, 1, 2
_SKIP_BACK = frozenset(" :\"'(«-–—")
_SEP = frozenset(" ,،")
_ALLOWED = {NO: NOART_PREFIXES, REQ: ART_PREFIXES, ANY: ANY_PREFIXES}
_ADJ_MAX = 3  # adjectives allowed between an event noun and a bloc/IGO nisba
# a bloc nisba after a policy noun (lexicon.tsv policy_nouns) names the bloc's union: the EU's
# sanctions, aid and decisions, Europe otherwise
_POLICY_BLOC = {"EUR": "EU"}


@dataclass
class Payload:
    kind: str  # entry | nisba | title | inst | stop
    target: Any  # entry key | country code | Title | (Institution, "head"|"construct")
    art: int
    guarded: bool = False
    short: bool = False


class Cand(NamedTuple):
    """A KB form found in the folded text (a tuple: :meth:`Matcher.candidates` makes one per match
    with ``tuple.__new__``, in C, rather than by a Python ``__init__`` call)."""

    ms: int  # mention start (folded text), includes a fused article
    ks: int  # key start
    end: int
    payloads: list[Payload]  # shared between candidates of the same key and class of prefix: read only
    prefix: str
    stop: bool  # one of the payloads is a stop word (the candidate takes its span, then is dropped)
    by_kind: dict[str, list[Payload]]  # the payloads of each kind, in order (shared: read only)
    rank: int  # (ms - end) * (len(text) + 1) + ms: the order of selection, longest first, then leftmost


# the ``extra`` of a Found made without one: shared and read only (most mentions have none, and
# fewer objects made per document means fewer garbage collections)
_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})


def _no_extra() -> Mapping[str, Any]:
    return _NO_EXTRA


@dataclass(slots=True)
class Found:
    """A resolved mention before grouping into actors (slots: no ``__dict__`` per mention, one
    object less for the garbage collector to track)."""

    key: str
    start: int  # folded offsets
    end: int
    via: str
    entry: Entry | None = None
    extra: Mapping[str, Any] = field(default_factory=_no_extra)  # replaced, never changed in place


_rank_of = attrgetter("rank")
_start_of = attrgetter("start")  # (of a Found: a C-level key, not a Python call per item)
_ms_of = attrgetter("ms")
_tuple_new = tuple.__new__


_span_order = attrgetter("start", "end")


def _first_mention_start(a: Actor) -> int:
    return a.mentions[0].start


def _credit(t: str, start: int, end: int) -> bool:
    """A source credit: the name alone in parentheses "(العربية)" or alone on its line."""
    ls = t.rfind("\n", 0, start) + 1
    le = t.find("\n", end)
    le = len(t) if le < 0 else le
    before, after = t[ls:start].strip(" -–—:"), t[end:le].strip(" .")
    if not before and not after:
        return True
    b, a = t[max(0, start - 4):start].rstrip(), t[end:end + 4].lstrip()
    return b.endswith("(") and a.startswith(")")


def _art_key(form: str) -> tuple[str, int]:
    f = fold(form)
    if f.startswith("ال") and len(f) > 4:
        return f[2:], REQ
    return f, NO


def _edit1(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion or substitution."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


class Matcher:
    """Compiled matcher over a :class:`KB` (build once, reuse for every document)."""

    def __init__(self, kb: KB):
        self.kb = kb
        table: dict[str, list[Payload]] = {}
        variants: list[tuple[str, Payload]] = []  # typo variants, added only where no form exists

        def add(form: str, p: Payload, art: int | None = None) -> None:
            if art is None:
                key, a = _art_key(form)
            else:
                key, a = fold(form), art
            if len(key) < 2:
                return
            p.art = a
            lst = table.setdefault(key, [])
            for q in lst:
                if q.kind == p.kind and q.target == p.target and q.art == p.art:
                    q.guarded = q.guarded and p.guarded
                    return
            lst.append(p)
            # spacing variant: a multiword name also matches written as one word (بيونغيانغ)
            if " " in key and p.kind == "entry" and not p.short:
                joined = key.replace(" ", "")
                jl = table.setdefault(joined, [])
                if not any(q.kind == p.kind and q.target == p.target for q in jl):
                    jl.append(Payload(p.kind, p.target, a, p.guarded))
                # typo variant: the final ta marbuta of a multiword name dropped, as in truncated
                # scraped text ("كوريا الديمقراطي"); specific enough when the last word is long
                last = key.rsplit(" ", 1)[1]
                if last.endswith("ه") and len(last) >= 6:
                    variants.append((key[:-1], Payload(p.kind, p.target, a, True)))

        for e in kb.entries.values():
            for f in e.aliases:
                add(f, Payload("entry", e.key, NO))
            for f in e.guarded:
                add(f, Payload("entry", e.key, NO, guarded=True))
            for f in e.short:
                if e.kind == "person":
                    add(f, Payload("entry", e.key, NO, short=True))
        for form, code in kb.nisba.items():
            add(form, Payload("nisba", code, ANY), ANY)
        for form, code in kb.nisba_def.items():
            add(form, Payload("nisba", code, REQ), REQ)
        # the first word of a two-word nisba shared by several states, used alone (الكورية for
        # الكورية الشمالية / الجنوبية): resolved to the state of the set that the document names
        shared: dict[str, set[str]] = {}
        for form, code in kb.nisba.items():
            head = form.split(" ", 1)[0]
            if head != form and head not in kb.nisba:
                shared.setdefault(head, set()).add(code)
        for head, codes in shared.items():
            if len(codes) > 1:
                add(head, Payload("nisba_shared", tuple(sorted(codes)), ANY), ANY)
        for t in kb.titles:
            add(t.form, Payload("title", t, NO))
        for inst in kb.institutions.values():
            for h in inst.heads:
                add(h, Payload("inst", (inst, "head"), NO))
            for h in inst.construct:
                add(h, Payload("inst", (inst, "construct"), NO))
        for s in kb.stop:
            add(s, Payload("stop", None, NO))
            add(s, Payload("stop", None, ANY), ANY)

        for key, p in variants:
            if key not in table:
                table[key] = [p]
        self.keys: list[str] = []
        self.payloads: list[list[Payload]] = []
        A = ahocorasick.Automaton()
        for key, lst in table.items():
            A.add_word(key, len(self.keys))
            self.keys.append(key)
            self.payloads.append(lst)
        self.key_len = [len(k) for k in self.keys]
        A.make_automaton()
        self.automaton = A
        # (payloads allowed after a prefix, one of them is a stop word, those payloads by kind) of
        # each key, made on first use: a prefix allows the same payloads as any other of its class
        # (NOART_PREFIXES or ART_PREFIXES, which are disjoint; a prefix in neither allows none), so
        # there is one entry per key and class, at [the prefix has the article][key id]
        self._allowed: tuple[list, list] = ([None] * len(self.keys), [None] * len(self.keys))
        self.media_cues = kb.cues.get("media", set())
        self.former = kb.cues.get("former", set())
        self.qual = kb.cues.get("qual", set())
        self.collective = kb.cues.get("collective", set())
        # event nouns after which a bloc/IGO nisba stands for its actor (lexicon.tsv, without article)
        self.event_nouns = (kb.cues.get("event_nouns", set()) | kb.cues.get("event_nouns_extra", set())) \
            - kb.cues.get("event_nouns_not", set())
        self.policy_nouns = kb.cues.get("policy_nouns", set())
        self._fuzzy_given: dict[tuple[str, str], bool] = {}  # (person key, word) -> _misspelt_given_name
        self._word_before: dict[str, tuple[bool, str]] = {}  # word -> _geo_or_collective
        # first-name variants of each person
        self.first_names: dict[str, set[str]] = {}
        for e in kb.entries.values():
            if e.kind != "person":
                continue
            fs: set[str] = set()
            for f in e.first_names:
                ff = fold(f)
                fs.add(ff)
                fs |= kb.first_names.get(ff, set())
            self.first_names[e.key] = fs

    # ------------------------------------------------------------------------------------
    def candidates(self, t: str) -> list[Cand]:
        """Every candidate of the folded text ``t`` (overlapping ones included), in text order of their ends."""
        out: list[Cand] = []
        key_len = self.key_len
        allowed = self._allowed
        n = len(t)
        rank_base = n + 1
        W = _WORDCHARS
        for end_idx, kid in self.automaton.iter(t):
            end = end_idx + 1
            if end < n and t[end] in W:
                continue
            ks = end - key_len[kid]
            if ks and t[ks - 1] in W:
                # a clitic prefix: the word starts at most 4 characters before the key (the longest
                # prefix, وكال); a longer run of letters means the key ends another word
                ts = ks - 1
                while ts and t[ts - 1] in W:
                    ts -= 1
                    if ks - ts > 4:
                        break
                if ks - ts > 4:
                    continue
                prefix = t[ts:ks]
            else:
                prefix = ""
            # the payloads allowed after this prefix (one tuple per key and class of prefix, made
            # once), with whether one of them is a stop word and those payloads by kind
            if prefix in NOART_PREFIXES:
                art = False
            elif prefix in ART_PREFIXES:
                art = True
            else:
                continue
            got = allowed[art][kid]
            if got is None:
                ok = [p for p in self.payloads[kid] if prefix in _ALLOWED[p.art]]
                by_kind: dict[str, list[Payload]] = {}
                for p in ok:
                    by_kind.setdefault(p.kind, []).append(p)
                got = allowed[art][kid] = (ok, "stop" in by_kind, by_kind)
            ok = got[0]
            if not ok:
                continue
            ms = ks - 2 if art else ks
            out.append(_tuple_new(Cand, (ms, ks, end, ok, prefix, got[1], got[2], (ms - end) * rank_base + ms)))
        return out

    @staticmethod
    def select(cands: list[Cand], n: int) -> list[Cand]:
        """The candidates that win over the ones they overlap: the longest first, then the
        leftmost; in text order, stop words left out (they only take their span)."""
        taken = bytearray(n + 1)
        chosen = []
        find = taken.find
        for c in sorted(cands, key=_rank_of):
            ms, end = c.ms, c.end
            if find(1, ms, end) >= 0:  # a character of the span is taken
                continue
            taken[ms:end] = b"\x01" * (end - ms)
            if not c.stop:
                chosen.append(c)
        chosen.sort(key=_ms_of)
        return chosen

    # ------------------------------------------------------------------------------------
    def match(self, body: str, date: _dt.date, nt=None) -> list[Actor]:
        """Actors of ``body`` at ``date``; ``nt``: ``normalize(body)`` when the caller has it."""
        kb = self.kb
        if nt is None:
            nt = normalize(body)
        t = fold_same_length(nt.text)
        chosen = self.select(self.candidates(t), len(t))
        found: list[Found] = []
        consumed: set[int] = set()  # indices of chosen candidates used inside a phrase
        n = len(chosen)

        def gap(i: int, j: int) -> str:
            return t[chosen[i].end:chosen[j].ms]

        def first(c: Cand, kind: str) -> Payload | None:
            ps = c.by_kind.get(kind)
            return ps[0] if ps else None

        # the passes below each look only at the candidates holding a payload of one kind: their
        # indices (ascending) are collected once, in one pass over the candidates
        at_kind: dict[str, list[int]] = {}
        for i, c in enumerate(chosen):
            for kind in c.by_kind:
                at_kind.setdefault(kind, []).append(i)

        def next_word(pos: int) -> str:
            m = _TOKEN.search(t, pos)
            if not m or t[pos:m.start()].strip():
                return ""
            return m.group()

        def prev_word(pos: int) -> str:
            j = pos
            while j > 0 and t[j - 1] in _SKIP_BACK:
                j -= 1
            k = j
            while k > 0 and t[k - 1] in _WORDCHARS:
                k -= 1
            return t[k:j]

        # -- institutions (head + nisba / construct + state / head + في + state) ------------
        inst_found: list[tuple[int, Found]] = []
        for i in at_kind.get("inst", ()):
            c = chosen[i]
            p = first(c, "inst")
            if p is None or i + 1 >= n:
                continue
            inst, how = p.target
            nxt = chosen[i + 1]
            g = gap(i, i + 1).strip()
            code = None
            if how == "head" and g == "":
                q = first(nxt, "nisba")
                if q is not None:
                    code = q.target
            if code is None and (how == "construct" and g == "" or how == "head" and g == "في"):
                q = first(nxt, "entry")
                e = kb.entries.get(q.target) if q else None
                if e is not None and e.kind == "country" and (nxt.prefix in ("", "ال") or g == "في"):
                    code = e.key
            if code is None:
                continue
            name, ekey = kb.institution_name(inst, code)
            key = ekey or f"{code}.{inst.id}"
            f = Found(key, c.ms, nxt.end, "institution", kb.entries.get(key),
                      {"name": name, "country": code, "code": code + inst.sector})
            found.append(f)
            inst_found.append((i, f))
            consumed.update((i, i + 1))
        # bare heads ("وزارة الدفاع") refer back to the last qualified mention of that institution
        last_inst: dict[str, Found] = {}
        inst_at = {i: f for i, f in inst_found}
        for i in at_kind.get("inst", ()):  # inst_at holds only candidates with an "inst" payload
            c = chosen[i]
            if i in inst_at:
                f = inst_at[i]
                last_inst[f.key.rsplit(".", 1)[-1] if f.entry is None else f.key] = f
                continue
            p = first(c, "inst")
            if p is None or i in consumed:
                continue
            inst, how = p.target
            if not inst.bare or how != "head" or " " not in fold(t[c.ks:c.end]):
                continue
            ref = None
            for f in reversed([f for j, f in inst_found if j < i]):
                if f.extra.get("code", "").endswith(inst.sector) and (
                        f.key.endswith("." + inst.id) or kb.institution_names.get((inst.id, f.extra["country"])) == "=" + f.key):
                    ref = f
                    break
            if ref is not None:
                found.append(Found(ref.key, c.ms, c.end, "coref", ref.entry, dict(ref.extra)))
                consumed.add(i)

        # -- entity mentions (first pass: unambiguous, unguarded) ------------------------------
        present: dict[str, int] = {}
        present_countries: set[str] = set()
        pending: list[tuple[int, Cand, list[Payload]]] = []
        for i in at_kind.get("entry", ()):
            if i in consumed:
                continue
            c = chosen[i]
            ents = c.by_kind["entry"]
            if len(ents) == 1 and not ents[0].guarded and not ents[0].short:
                e = kb.entries[ents[0].target]
                found.append(Found(e.key, c.ms, c.end, "alias", e))
                consumed.add(i)
                present[e.key] = present.get(e.key, 0) + 1
                if e.country:
                    present_countries.add(e.country)
            else:
                pending.append((i, c, ents))
        for f in found:
            if f.extra.get("country"):
                present_countries.add(f.extra["country"])

        # -- role phrases -----------------------------------------------------------------------
        persons_seq: list[Found] = [f for f in found if f.entry is not None and f.entry.kind == "person"]
        role_found: list[Found] = []
        for i in at_kind.get("title", ()):
            c = chosen[i]
            titles_here = c.by_kind["title"]
            if i + 1 >= n or i in consumed:
                continue
            j = i + 1
            nxt = chosen[j]
            g = gap(i, j).strip()
            of = None
            # a title can have several readings ("رئيس" + nisba, + state, + organisation): try each
            for p in titles_here:
                title: Title = p.target
                if title.qualifier == "nisba" and g == "":
                    q = first(nxt, "nisba")
                    # a multi-word title is definite when its last word has the article ("وزير الدفاع")
                    title_def = c.prefix in ART_PREFIXES or (
                        " " in title.form and title.form.split()[-1].startswith("ال"))
                    if q is not None and (nxt.prefix in ART_PREFIXES) == (title_def or title.role == "counterpart"):
                        of = q.target
                elif title.qualifier == "construct" and g == "":
                    q = first(nxt, "entry")
                    e = kb.entries.get(q.target) if q else None
                    if e is not None and e.kind == "country" and nxt.prefix in ("", "ال"):
                        of = e.key
                elif title.qualifier == "of" and g in ("", "ل"):
                    q = first(nxt, "entry")
                    if q is not None and kb.entries[q.target].kind in ("organization", "country", "group"):
                        of = q.target
                    else:
                        for jj, f in inst_found:
                            if jj == j:
                                of = f.key if f.entry is not None else f"{f.extra['country']}.{f.key.rsplit('.', 1)[-1]}"
                                break
                if of is not None:
                    break
            if of is None:
                continue
            end = nxt.end
            # skip qualifiers (الجديدة، الحالي); a "former" marker blocks the date resolution
            w = next_word(end)
            former = False
            while w and (w in self.qual or w in self.former):
                former = former or w in self.former
                end = t.index(w, end) + len(w)
                w = next_word(end)
            # the phrase is consumed whatever happens (it is a description, not the state)
            if title.qualifier != "of" and first(nxt, "entry") is None:
                consumed.add(j)
            if former:
                continue
            # a person named right after the role phrase is its holder
            after = None
            for k in range(j + 1, min(j + 3, n)):
                if chosen[k].ms >= end and not t[end:chosen[k].ms].strip(" ,،"):
                    q = first(chosen[k], "entry")
                    if q is not None and kb.entries[q.target].kind == "person":
                        after = kb.entries[q.target]
                    break
            if after is None and i > 0 and title.role != "counterpart" and not t[chosen[i - 1].end:c.ms].strip(" ,،"):
                q = first(chosen[i - 1], "entry")
                if q is not None and kb.entries[q.target].kind == "person":
                    after = kb.entries[q.target]  # apposition before: "ماو نينغ، المتحدث باسم ..."
            holder = None
            if after is not None:
                holder = after.key
            elif title.role == "counterpart":
                ante = None
                for f in reversed(persons_seq):
                    if f.start < c.ms:
                        ante = f
                        break
                if ante is not None:
                    groups = {ROLE_GROUPS.get(r.role, r.role): r.role for r in kb.roles_of(ante.key, date)}
                    for grp, role in groups.items():
                        roles = [role] + [r for r, g2 in ROLE_GROUPS.items() if g2 == grp and r != role]
                        for r in roles:
                            hs = kb.holders(r, of, date)
                            if hs:
                                holder = hs[0]
                                break
                        if holder:
                            break
            else:
                hs = kb.holders(title.role, of, date)
                if not hs and title.role == "president":
                    for r in ("leader", "head_of_state"):
                        hs = kb.holders(r, of, date)
                        if hs:
                            break
                inner = [h for h in hs if h in present]
                holder = (inner or hs or [None])[0]
            if holder is None:
                continue
            e = kb.entries.get(holder)
            f = Found(holder, c.ms, end, "role", e, {"role": title.role, "of": of})
            role_found.append(f)
            persons_seq.append(f)
            persons_seq.sort(key=_start_of)
            consumed.add(i)
            if first(nxt, "entry") is not None and title.qualifier == "of":
                pass  # the organisation keeps its own mention
        found.extend(role_found)
        for f in role_found:
            present[f.key] = present.get(f.key, 0) + 1

        # -- nisba standing for the state -------------------------------------------------------
        for i in at_kind.get("nisba", ()):
            if i in consumed:
                continue
            c = chosen[i]
            bk = c.by_kind  # holds "nisba" (at_kind), each kind with at least one payload
            if "entry" in bk or "title" in bk:
                continue
            p = bk["nisba"][0]
            pw = prev_word(c.ms)
            geo, collective = self._geo_or_collective(pw)
            if geo:
                continue
            e = kb.country_entry(p.target)
            head = collective if e is not None else ""
            if (e is None or e.kind == "group") and not head:
                # a bloc or IGO nisba right after an event noun (العقوبات الاقتصادية الغربية → WST,
                # القمة الخليجية → GCC, العقوبات الأوروبية → EU but الهجمات الأوروبية → EUR)
                noun = self._event_head(t, c.ks - len(c.prefix), c.prefix in ART_PREFIXES)
                if noun:
                    code = _POLICY_BLOC.get(p.target, p.target) if noun in self.policy_nouns else p.target
                    ee = kb.entries.get(code)
                    if ee is not None and ee.kind in ("group", "organization"):
                        found.append(Found(ee.key, c.ms, c.end, "nisba", ee))
                        consumed.add(i)
                        present_countries.add(ee.key)
                        continue
            if e is None:
                continue
            ms = c.ms
            if head:
                k = c.ms
                while k > 0 and t[k - 1] in _SKIP_BACK:
                    k -= 1
                if t[k - len(pw):k] == pw:
                    ms = k - len(head)
            elif e.kind == "group" and not (c.prefix in ART_PREFIXES and t[c.ks:c.end].endswith(("يون", "يين"))):
                continue  # a bloc nisba (غربي، أوروبي) stands for the bloc only after a collective noun
            found.append(Found(e.key, ms, c.end, "nisba", e))
            consumed.add(i)
            present_countries.add(e.key)

        # -- a shared nisba alone (القمة الروسية الكورية) → the state of its set the document names,
        # the one named most often (then most recently before it)
        for i in at_kind.get("nisba_shared", ()):
            c = chosen[i]
            if i in consumed or first(c, "nisba") is not None or first(c, "entry") is not None:
                continue
            p = first(c, "nisba_shared")
            if p is None:
                continue
            pw = prev_word(c.ms)
            if self._geo_or_collective(pw)[0]:
                continue
            named = {code: [f.start for f in found if f.key == code or (f.entry is not None and f.entry.country == code)
                            or f.extra.get("country") == code] for code in p.target}
            named = {code: starts for code, starts in named.items() if starts}
            if not named:
                continue
            best = max(named, key=lambda code: (len(named[code]), max((s for s in named[code] if s < c.ms), default=-1)))
            e = kb.country_entry(best)
            if e is None:
                continue
            found.append(Found(e.key, c.ms, c.end, "nisba-shared", e))
            consumed.add(i)

        # -- guarded / ambiguous / short forms ---------------------------------------------------
        for key in list(present):
            e = kb.entries.get(key)
            if e and e.country:
                present_countries.add(e.country)
        for f in found:
            present.setdefault(f.key, 0)
        for i, c, ents in pending:
            if i in consumed:
                continue
            choice = None
            if len(ents) > 1:
                keys = [p.target for p in ents]
                inner = [k for k in keys if k in present]
                if not inner:
                    inner = [k for k in keys if kb.entries[k].kind == "city" and kb.entries[k].country in present_countries]
                if len(inner) > 1:  # the one named most recently before this mention
                    last = {k: max((f.start for f in found if f.key == k and f.start < c.ms), default=-1)
                            for k in inner}
                    best = max(inner, key=lambda k: last[k])
                    if last[best] >= 0:
                        inner = [best]
                if len(inner) == 1:
                    choice = inner[0]
                elif not inner:
                    states = [k for k in keys if kb.entries[k].kind == "country" and not any(p.short or p.guarded for p in ents if p.target == k)]
                    if len(states) == 1:
                        choice = states[0]
                via = "ambiguous"
            else:
                p = ents[0]
                e = kb.entries[p.target]
                via = "shortname" if p.short else "alias"
                if p.short:
                    if p.target in present:
                        choice = p.target
                elif p.guarded:
                    pw = prev_word(c.ms)
                    if p.target in present or ("media" in e.flags and (pw in self.media_cues or c.prefix in ("ل",)
                                                                       or _credit(t, c.ms, c.end))) \
                            or (e.kind == "country" and e.key in present_countries) \
                            or (e.kind in ("city", "person", "organization") and "media" not in e.flags
                                and e.country in present_countries and e.country != e.key):
                        choice = p.target
                        via = "guarded"
            if choice is None:
                continue
            e = kb.entries[choice]
            found.append(Found(e.key, c.ms, c.end, via, e))
            consumed.add(i)

        # -- short forms of the people found, given names glued to surnames ------------------------
        found = self._extend_given_names(t, found)
        return self._to_actors(body, nt, found)

    def _event_head(self, t: str, pos: int, definite: bool) -> str:
        """The event noun (clitics and article removed) governing a nisba that starts at ``pos``,
        with at most ``_ADJ_MAX`` adjectives between ("العقوبات الاقتصادية الغربية" → عقوبات), or "".
        The noun agrees with the nisba in definiteness (عقوبات غربية، العقوبات الغربية); only
        spaces may separate the words."""
        j = pos
        for _ in range(_ADJ_MAX + 1):
            k = j
            while k > 0 and t[k - 1] == " ":
                k -= 1
            if k == j or k == 0:
                return ""
            s = k
            while s > 0 and t[s - 1] in _WORDCHARS:
                s -= 1
            word = t[s:k]
            if not word:
                return ""
            for stem, art in strip_clitics(word):
                if art == definite and stem in self.event_nouns:
                    return stem
            if not self._adjective(word, definite):
                return ""
            j = s
        return ""

    def _adjective(self, word: str, definite: bool) -> bool:
        """Can ``word`` be an adjective between an event noun and its nisba (الاقتصادية، الجوية،
        المفروضة، الجديد; coordinated: والكورية)?"""
        if word in self.qual:
            return True
        w = word[1:] if word.startswith("و") and len(word) > 4 else word
        if definite != w.startswith("ال"):
            return False
        return len(w) > (4 if definite else 2) and w.endswith(("ي", "ه"))

    def _geo_or_collective(self, word: str) -> tuple[bool, str]:
        """(``word`` is a geographic noun, clitics aside: a nisba after it describes the place, not
        the state; the collective noun in ``word``), cached per word."""
        got = self._word_before.get(word)
        if got is None:
            geo = self.kb.geo_nouns
            is_geo = bool(word) and (word in geo or any(word[len(x):] in geo for x in ("و", "ب", "ل", "ف")
                                                        if word.startswith(x)))
            if len(self._word_before) > 100_000:
                self._word_before.clear()
            got = self._word_before[word] = (is_geo, self._collective_head(word))
        return got

    def _collective_head(self, word: str) -> str:
        """The collective noun in ``word`` (clitics removed), or "" (الدول، وللشركاء …)."""
        if not word:
            return ""
        for pre in ("", "و", "ف"):  # fused article: للشركاء = ل + الشركاء (kept whole)
            if word.startswith(pre + "لل") and "ال" + word[len(pre) + 2:] in self.collective:
                return word[len(pre):]
        for pre in ("", "و", "ف", "ل", "ب", "ول", "وب"):
            if word.startswith(pre) and word[len(pre):] in self.collective:
                return word[len(pre):]
        return ""

    def _extend_given_names(self, t: str, found: list[Found]) -> list[Found]:
        # the (start, end) of the mentions as they are before any is extended, made on first need
        # (which comes before the first extension)
        spans: set[tuple[int, int]] | None = None
        for f in found:
            e = f.entry
            if e is None or e.kind != "person" or f.via == "role":
                continue
            names = self.first_names.get(e.key)
            if not names:
                continue
            j = f.start
            k = j
            while k > 0 and t[k - 1] == " ":
                k -= 1
            if k == j:
                continue
            s = k
            while s > 0 and t[s - 1] in _WORDCHARS:
                s -= 1
            word = t[s:k]
            if word in names:
                fuzzy = False
            elif len(word) < 4 or not self._misspelt_given_name(e.key, word, names):
                continue
            else:
                fuzzy = True
            if spans is None:
                spans = {(g.start, g.end) for g in found}
            if not any(a <= s < b for a, b in spans):
                f.start = s
                if fuzzy:
                    f.extra = {**f.extra, "given_name": "fuzzy"}
        return found

    def _misspelt_given_name(self, key: str, word: str, names: set[str]) -> bool:
        """``word`` is one edit away from a given name (4+ letters) of the person ``key`` (cached)."""
        got = self._fuzzy_given.get((key, word))
        if got is None:
            if len(self._fuzzy_given) > 100_000:
                self._fuzzy_given.clear()
            got = self._fuzzy_given[(key, word)] = any(
                _edit1(word, nm) for nm in names if abs(len(nm) - len(word)) <= 1 and len(nm) >= 4)
        return got

    def _to_actors(self, body: str, nt, found: list[Found]) -> list[Actor]:
        actors: dict[str, Actor] = {}
        offs = nt.offsets
        n_norm = len(nt.text)
        for f in sorted(found, key=_start_of):
            if 0 <= f.start < f.end <= n_norm:  # nt.to_original, inlined
                s, e_ = offs[f.start], offs[f.end - 1] + 1
            else:
                s, e_ = nt.to_original(f.start, f.end)
            text = body[s:e_]
            if not text.strip():
                continue
            key = f.key
            a = actors.get(key)
            if a is None:
                e = f.entry
                if e is not None:
                    a = Actor(e.name, e.kind, e.name_ar, e.country, e.code, e.key, [],
                              {"via": {}, "source": e.source})
                else:
                    a = Actor(f.extra.get("name", key), "organization", text, f.extra.get("country"),
                              f.extra.get("code"), key, [], {"via": {}, "source": "institution"})
                actors[key] = a
            elif any(m.start == s and m.end == e_ for m in a.mentions):
                continue  # the same span twice
            a.mentions.append(Span(s, e_, text))
            via = a.meta["via"]
            via[f.via] = via.get(f.via, 0) + 1
            if f.via == "role":
                a.meta.setdefault("roles", []).append({"start": s, "end": e_, **{k: v for k, v in f.extra.items()}})
        out = list(actors.values())
        for a in out:
            if len(a.mentions) > 1:
                a.mentions.sort(key=_span_order)
        out.sort(key=_first_mention_start)
        return out
