"""Quotes and their speakers.

Two kinds of quote are found:

- **reported speech**: a speech verb (``قال``، ``أكد``، ``أشار إلى`` …, ``speech_verbs.tsv``) followed in the
  same sentence by a complementiser (``إن``/``أن``/``بأن``, ``complementizers.tsv``). The quote starts after
  the complementiser and runs to the end of the sentence; when the complementiser is directly followed by
  a quotation in marks that ends the sentence, the quote is the text inside the marks;
- **direct quotes**: text in quote marks with a speech cue before it in the same sentence (a speech verb,
  a participle such as ``قائلا``, a colon, ``بأنه``) or an attribution right after it (``"…"، قال X``).
  Scare quotes and quoted names (``صحيفة "X"``) are not quotes. A direct quote inside reported speech
  keeps the speaker of that speech.

The speaker of a speech verb is looked for, in order: a person mentioned in the subject window after the
verb (``قال المتحدث باسم الكرملين، دميتري بيسكوف، إن``); an unnamed description (``مسؤولون أميركيون`` →
``unnamed US officials``); a role noun resolved to the person introduced with it (``الكاتب``،
``الزعيم الكوري الشمالي``); an organisation/country actor or an outlet; a back-reference (``الوكالة``،
``الوزارة``); the subject before the verb (``الولايات المتحدة حذرت``); and finally the previous speaker
(``وأضاف`` with no subject). Chains (``نقلت وكالة تاس عن بيسكوف قوله``) take the speaker after ``عن``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import attrgetter, itemgetter

from ..document import Actor, Document, Quote
from .lexicon import Lexicon, norm
from .sources import _name_cue_forms, cue_table
from .text import _CLITICS, F_OUTLET, MAX_QUOTE_CHARS, TextView, Token, lstrip_start, rstrip_end

MAX_VERB_GAP = 30  # tokens between a speech verb and its complementiser
MAX_CUE_GAP = 45  # tokens between a speech cue and the quote mark of a direct quote
SHORT_QUOTE_WORDS = 4  # direct quotes shorter than this need a cue close by
SHORT_CUE_GAP = 10

# words that end the subject window after a speech verb (prepositional and time phrases)
_BREAKS = frozenset("""في خلال عقب اثناء امام مع حول بشان يوم امس اليوم الاسبوع الشهر صباح مساء الليله
اليوم عبر لدي امام ضمن بعد قبل منذ الثلاثاء الاربعاء الخميس الجمعه السبت الاحد الاثنين اول""".split())
_SKIP_BEFORE = frozenset("كان كانت قد وقد ثم كما فقد لقد وكان وكانت".split())
_COMP_PREPS = frozenset("الى على من عن".split())
_ACCORDING = frozenset("بحسب حسب وفق وفقا طبقا".split())
# role classes specific enough to look for the one person of that country who holds it
_SPECIFIC_ROLES = frozenset("head_of_state prime_minister foreign_minister defense_minister spokesperson "
                            "secretary_general ambassador adviser envoy".split())
_BREAKS = frozenset(norm(w) for w in _BREAKS)
_SKIP_BEFORE = frozenset(norm(w) for w in _SKIP_BEFORE)
_COMP_PREPS = frozenset(norm(w) for w in _COMP_PREPS)
_ACCORDING = frozenset(norm(w) for w in _ACCORDING)
_ALA, _LISAN, _AN = norm("على"), norm("لسان"), norm("عن")
# the token forms that end a subject window: a break word, or one after a و/ف clitic (Token.base)
_BREAK_FORMS = _BREAKS | frozenset(c + w for c in _CLITICS for w in _BREAKS if len(c + w) > 3)
# the punctuation looked for between two tokens (one C-level search instead of a test per character)
_COMMA = re.compile("[،,]")
_PAUSE = re.compile('[،,:"]')  # a comma, a colon or a quote mark
_CLAUSE_BREAK = re.compile('[،,:;"]')
# the tokens whose form or whose form without a leading و/ف (Token.base) is in _ACCORDING
_ACCORDING_FORMS = _ACCORDING | frozenset(c + w for c in "وف" for w in _ACCORDING if len(c + w) > 3)


@dataclass(slots=True)
class Speaker:
    name: str
    country: str | None
    kind: str  # person | country | organization | city | group | outlet | unnamed
    via: str  # how it was found
    key: str | None = None


@dataclass(slots=True)
class Frame:
    """A quote candidate before its speaker is resolved."""

    start: int  # body offsets of the quote text
    end: int
    kind: str  # reported | direct
    cue: int | None  # token index of the speech cue (None: colon or after-attribution)
    win_end: int  # token index where the subject window ends (complementiser / quote mark)
    nstart: int  # normalised offset of the quote start (ordering, nesting)
    nend: int
    parent: "Frame | None" = None
    post_cue: int | None = None  # attribution after the quote ("…"، قال X)
    colon_at: int | None = None
    speaker: Speaker | None = None
    meta: dict = field(default_factory=dict)


def _actor_country(a: Actor) -> str | None:
    return a.country or a.code


_TRANSLIT: list = []  # [the actor area's transliterate_name, or None], imported on first use


def _romanize(arabic: str, country: str | None) -> str:
    """Latin spelling of a name the actor layer did not know (the actor area's transliterator), else
    the Arabic as written."""
    if not _TRANSLIT:
        try:
            from ..actors.translit import transliterate_name
        except Exception:  # the actors area is optional here
            transliterate_name = None
        _TRANSLIT.append(transliterate_name)
    if _TRANSLIT[0] is None:
        return arabic
    try:
        return _TRANSLIT[0](arabic, country) or arabic
    except Exception:
        return arabic


_MISSING = object()
_MEMO_MAX = 100_000  # words remembered per table (a memo is dropped and restarted when full)


def _word_memo(lex: Lexicon) -> dict[str, dict]:
    """Per-lexicon memos of word-level lookups (role, demonym, "is a lexicon word") and tables of
    token forms derived from the lexicon (speech kinds, role starts …), kept on the lexicon and
    started afresh when one of its tables is replaced or changes size, or a memo grows too large
    (a table edited in place without a change of size is not noticed: build a new lexicon, as
    ``load_lexicon`` does)."""
    tables = (lex.speech, lex.complementizers, lex.unnamed, lex.modifiers, lex.roles, lex.demonyms,
              lex.cues, lex.titles, lex.outlet_refs)
    sizes = tuple((id(t), len(t)) for t in tables)
    cached = lex.__dict__.get("_word_memo")
    if cached is None or cached[0] != sizes or any(len(d) > _MEMO_MAX for d in cached[1].values()
                                                   if isinstance(d, dict)):
        firsts = frozenset(k.split(" ", 1)[0] for k in lex.roles if " " in k)
        kinds = _speech_kinds(lex)
        role_starts = _role_starts(lex, firsts)
        # the forms with a و/ف clitic (Token.has_clitic) of a speech or chain verb
        clitic_verbs = frozenset(w for w, kind in kinds.items() if len(w) > 3
                                 and w[0] in _CLITICS and kind in ("verb", "chain"))
        cached = (sizes, {"role": {}, "demonym": {}, "lexical": {}, "name_form": {}, "name_form_bare": {},
                          "role_firsts": firsts,
                          "demonym_firsts": frozenset(k.split(" ", 1)[0] for k in lex.demonyms if " " in k),
                          "role_starts": role_starts, "speech_kind": kinds,
                          "unnamed_head": _unnamed_heads(lex), "clitic_verbs": clitic_verbs,
                          "word_flags": _word_flags(((kinds, _F_SPEECH), (role_starts, _F_ROLE),
                                                     (clitic_verbs, _F_CLITIC_VERB),
                                                     (lex.complementizers, _F_COMP),
                                                     (_ACCORDING_FORMS, _F_ACCORDING),
                                                     (_name_cue_forms(cue_table(lex)), _F_NAME_CUE),
                                                     (lex.outlet_starts[0], F_OUTLET)))})
        lex.__dict__["_word_memo"] = cached
    return cached[1]


# the token classes QuoteExtractor indexes (one bit each in the "word_flags" table, which also holds
# the words SourceFinder._unknown_after_noun looks at and the outlet starts, text.F_OUTLET: the view
# built with that table finds the tokens of all these classes in one pass over the words)
_F_SPEECH, _F_ROLE, _F_CLITIC_VERB, _F_COMP, _F_ACCORDING, _F_NAME_CUE = 1, 2, 4, 8, 16, 32


def _word_flags(tables) -> dict[str, int]:
    """Token form -> the bits of the ``(forms, bit)`` tables it is in (forms in none are left out):
    one pass over an article's tokens finds the members of every table."""
    flags: dict[str, int] = {}
    for forms, bit in tables:
        for w in forms:
            flags[w] = flags.get(w, 0) | bit
    return flags


def _speech_kinds(lex: Lexicon) -> dict[str, str]:
    """Every token form :meth:`QuoteExtractor._speech_kind_w` gives a kind to, with that kind: a
    speech form, or a speech form after a و/ف clitic (Token.base) when the whole is longer than
    three letters and not a speech form itself."""
    table = {c + f: e[1] for c in _CLITICS for f, e in lex.speech.items() if len(c + f) > 3}
    table.update((f, e[1]) for f, e in lex.speech.items())
    return table


# the prefixes QuoteExtractor._strip takes off (definite=True), and those without the article
_ROLE_PREFIXES = ("و", "ف", "ب", "ل", "وب", "ول", "وال", "بال", "ال", "لل")
_CLITIC_PREFIXES = ("و", "ف", "ب", "ل", "وب", "ول")


def _strip(w: str, prefixes: tuple[str, ...]) -> list[str]:
    """``w``, then ``w`` without each of ``prefixes`` it starts with (when two letters are left)."""
    out = [w]
    for p in prefixes:
        if w.startswith(p) and len(w) - len(p) >= 2:
            out.append(w[len(p):])
    return out


def _unnamed_heads(lex: Lexicon) -> dict[str, str]:
    """Token form -> the English head :meth:`QuoteExtractor.unnamed` finds for it (the first of
    ``_strip(form, _CLITIC_PREFIXES)`` that is an unnamed-speaker noun), for every form that has one:
    such a form is a noun or a noun after one of the prefixes."""
    forms = set(lex.unnamed) | {p + u for p in _CLITIC_PREFIXES for u in lex.unnamed}
    heads = {}
    for f in forms:
        head = next((lex.unnamed[w] for w in _strip(f, _CLITIC_PREFIXES) if w in lex.unnamed), None)
        if head is not None:
            heads[f] = head
    return heads


def _role_starts(lex: Lexicon, firsts: frozenset[str]) -> frozenset[str]:
    """Every token form :meth:`QuoteExtractor.role_at` can find a role at (a superset): the first
    word of a two-word role (or it after a و/ف clitic), a one-word role, or one with a prefix that
    ``_strip`` takes off."""
    singles = [r for r in lex.roles if " " not in r]
    return frozenset(firsts | {c + f for c in _CLITICS for f in firsts if len(c + f) > 3}
                     | set(singles) | {p + r for p in _ROLE_PREFIXES for r in singles if len(r) >= 2})


class QuoteExtractor:
    def __init__(self, doc: Document, view: TextView, lex: Lexicon):
        self.doc = doc
        self.v = view
        self.lex = lex
        # by start, then the longer first (key (start, -length)), equal spans in actor order: two
        # stable C-keyed sorts, by end descending and then by start
        ms = [(m.start, m.end, a) for a in doc.actors for m in a.mentions]
        ms.sort(key=itemgetter(1), reverse=True)
        ms.sort(key=itemgetter(0))
        self.mentions = ms
        # for bisecting: mention starts, and the largest end among the first k mentions
        self._m_starts = list(map(itemgetter(0), ms))
        self._m_maxend = [0, *accumulate(map(itemgetter(1), ms), max)]
        # the person mentions, in the same order (three lookups go through them)
        self._persons = [m for m in self.mentions if m[2].kind == "person"]
        self._memo = _word_memo(lex)
        self._speech_kinds: dict[str, str] = self._memo["speech_kind"]
        words = view.words
        # the indices of the tokens that are speech words, of those that may start a role, of the
        # speech verbs with a و/ف clitic ("وقال", "فأكد": one opening another attribution), of the
        # complementiser forms and of the "according to" forms: one pass over the tokens finds
        # the few that are in any of these tables, then each goes to the lists of its tables
        self._speech_idx: list[int] = []
        self._role_idx: list[int] = []
        self._clitic_verb_idx: list[int] = []
        self._comp_form_idx: list[int] = []
        self._according_idx: list[int] = []
        self.name_cue_idx: list[int] = []  # (for the SourceFinder: SourceFinder._unknown_after_noun)
        flags = self._memo["word_flags"]
        marked = view.marked if view.word_flags is flags else compress(range(len(words)),
                                                                       map(flags.__contains__, words))
        for i in marked:
            f = flags[words[i]]
            if f == F_OUTLET:
                continue  # in the view's class only
            if f & _F_SPEECH:
                self._speech_idx.append(i)
            if f & _F_ROLE:
                self._role_idx.append(i)
            if f & _F_CLITIC_VERB:
                self._clitic_verb_idx.append(i)
            if f & _F_COMP:
                self._comp_form_idx.append(i)
            if f & _F_ACCORDING:
                self._according_idx.append(i)
            if f & _F_NAME_CUE:
                self.name_cue_idx.append(i)
        self.speakers: list[tuple[int, Speaker]] = []  # (body offset, speaker) in reading order
        self.role_map = self._learn_roles()
        self.unknown_names: dict[str, Speaker] = {}

    # -- lexical tests ------------------------------------------------------------
    def speech_kind(self, tk: Token) -> str | None:
        return self._speech_kind_w(tk.w)

    def _speech_kind_w(self, w: str) -> str | None:
        """Speech kind of a token of form ``w`` (or of ``w`` without a leading و/ف, ``Token.base``)."""
        return self._speech_kinds.get(w)

    def _speech_before(self, k: int, back: int, floor: int) -> int | None:
        """The last speech word (:meth:`_speech_kind_w`) among the tokens ``k - 1`` down to
        ``k - back + 1`` (not before the first) that start after normalised offset ``floor``."""
        ts = self.v._tok_starts
        lo = max(k - back + 1, bisect.bisect_right(ts, floor))
        x = bisect.bisect_left(self._speech_idx, k) - 1
        if x >= 0 and self._speech_idx[x] >= lo:
            return self._speech_idx[x]
        return None

    def is_comp(self, tk: Token) -> bool:
        return self._comp_at(tk.i)

    def _comp_at(self, i: int) -> bool:
        """Is token ``i`` a complementiser (not one after "بعد"، "إلا")?"""
        words = self.v.words
        if words[i] not in self.lex.complementizers:
            return False
        if i > 0:
            prev = words[i - 1]
            na = self.lex.not_after
            if prev in na or (len(prev) > 3 and prev[0] in _CLITICS and prev[1:] in na):
                return False  # "بعد أن"، "إلا أن"
        return True

    def _strip(self, w: str, definite: bool = True) -> list[str]:
        return _strip(w, _ROLE_PREFIXES if definite else _CLITIC_PREFIXES)

    def role_at(self, i: int) -> tuple[str, int] | None:
        """Role class of the noun phrase starting at token ``i`` and its length in tokens."""
        words = self.v.words
        if i >= len(words):
            return None
        w0 = words[i]
        base = w0[1:] if (len(w0) > 3 and w0[0] in _CLITICS) else w0
        firsts = self._memo["role_firsts"]  # first words of the two-word roles
        if i + 1 < len(words) and (base in firsts or w0 in firsts):
            two = base + " " + words[i + 1]
            if two in self.lex.roles:
                return self.lex.roles[two], 2
            two = w0 + " " + words[i + 1]
            if two in self.lex.roles:
                return self.lex.roles[two], 2
        memo = self._memo["role"]
        r = memo.get(w0, _MISSING)
        if r is _MISSING:
            r = None
            for w in self._strip(w0):
                if w in self.lex.roles:
                    r = self.lex.roles[w]
                    break
            memo[w0] = r
        return (r, 1) if r is not None else None

    def demonym_at(self, i: int) -> tuple[tuple[str, str], int] | None:
        v = self.v
        words = v.words
        n = len(words)
        if i >= n:
            return None
        w0 = words[i]
        if i + 1 < n:
            # a two-word demonym starts with one of its first words (the token or Token.base), and
            # both tokens are in one paragraph (no newline between them)
            firsts = self._memo["demonym_firsts"]
            base = w0[1:] if (len(w0) > 3 and w0[0] in _CLITICS) else w0
            if (w0 in firsts or base in firsts) and "\n" not in v.t[v._tok_ends[i]:v._tok_starts[i + 1]]:
                for first in (w0, base):
                    d = self.lex.demonyms.get(first + " " + words[i + 1])
                    if d:
                        return d, 2
        memo = self._memo["demonym"]
        d = memo.get(w0, _MISSING)
        if d is _MISSING:
            d = None
            for w in self._strip(w0):
                d = self.lex.demonyms.get(w)
                if d:
                    break
            d = d or None
            memo[w0] = d
        return (d, 1) if d else None

    # -- mentions -----------------------------------------------------------------
    def mentions_in(self, s: int, e: int) -> list[tuple[int, int, Actor]]:
        """The mentions inside body ``[s, e)``, in order (a mention inside starts before ``e``)."""
        ms = self.mentions
        out = []
        for k in range(bisect.bisect_left(self._m_starts, s), len(ms)):
            m = ms[k]
            if m[0] >= e:
                break
            if m[1] <= e and m[1] > m[0]:
                out.append(m)
        return out

    def _overlaps_mention(self, s: int, e: int) -> bool:
        """Does some mention overlap body ``[s, e)`` (start before ``e``, end after ``s``)?"""
        return self._m_maxend[bisect.bisect_left(self._m_starts, e)] > s

    def outlets_in(self, ns: int, ne: int):
        return self.v.outlets_within(ns, ne)

    def _from_actor(self, a: Actor, via: str) -> Speaker:
        return Speaker(a.name, _actor_country(a), a.kind, via, a.id)

    def _learn_roles(self) -> dict[tuple[str, str | None], list[tuple[int, Actor]]]:
        """Role nouns right before a person's name: "الكاتب الروسي أناتولي كوشكين" teaches that
        "الكاتب" (and "the Russian writer") is Koshkin; "الرئيس الروسي فلاديمير بوتين" that the Russian
        head of state is Putin."""
        out: dict[tuple[str, str | None], list[tuple[int, Actor]]] = {}
        v = self.v
        role_idx = self._role_idx
        ts = v._tok_starts
        offsets = v.nt.offsets
        for s, e, a in self._persons:
            k = bisect.bisect_left(ts, bisect.bisect_left(offsets, s))  # the name's first token
            # the nearest role among the 6 tokens before the name, in its sentence (most names
            # have none among those 6 tokens: the sentence is looked up only for the others)
            x = bisect.bisect_left(role_idx, k) - 1
            if x < 0 or role_idx[x] < k - 6:
                continue
            floor = v.sentence_floor(ts[min(k, len(ts) - 1)])
            lo = max(k - 6, bisect.bisect_right(ts, floor))
            while x >= 0 and role_idx[x] >= lo:
                r = self.role_at(role_idx[x])
                if r:
                    for key in ((r[0], a.country), (r[0], None)):
                        out.setdefault(key, []).append((s, a))
                    break
                x -= 1
        return out

    def _norm_pos(self, body_pos: int) -> int:
        """First normalised index whose original offset is >= ``body_pos``."""
        return bisect.bisect_left(self.v.nt.offsets, body_pos)

    def _role_lookup(self, cls: str, country: str | None, pos: int) -> Actor | None:
        cands = self.role_map.get((cls, country)) or ([] if country else self.role_map.get((cls, None), []))
        if not cands:
            return None
        before = [a for s, a in cands if s < pos]
        return before[-1] if before else cands[0][1]

    def _role_country_person(self, cls: str, country: str, pos: int) -> Actor | None:
        """"وزير الخارجية الروسي" never named with its role: the nearest person of that country (after the
        phrase first, then before) who is not known to hold another role."""
        other = {id(a) for (c, _), lst in self.role_map.items() if c != cls for _, a in lst}
        after = before = None
        for s, e, a in self._persons:
            if a.country != country or id(a) in other:
                continue
            if s >= pos and s - pos <= 1500 and after is None:
                after = a
            elif s < pos and pos - s <= 1500:
                before = a
        return after or before

    def last_speaker(self, pos: int, person_only: bool = False, max_back: int = 3000) -> Speaker | None:
        for p, sp in reversed(self.speakers):
            if p < pos and pos - p <= max_back and (not person_only or sp.kind == "person"):
                return sp
        return None

    def last_person_mention(self, pos: int) -> Speaker | None:
        best = None
        for s, e, a in self._persons:
            if e <= pos:
                best = a
        return self._from_actor(best, "last-person") if best else None

    # -- noun phrase -> speaker -----------------------------------------------------
    def resolve_np(self, a: int, b: int, pos: int) -> Speaker | None:
        """Speaker named by tokens ``a..b-1`` (a subject window)."""
        v = self.v
        if a >= b:
            return None
        # token fields from the arrays (no Token built): Token.ns/ne = ts/te[i], Token.s = offs[ts[i]],
        # Token.e = offs[te[i] - 1] + 1
        offs, ts, te = v.nt.offsets, v._tok_starts, v._tok_ends
        s, e = offs[ts[a]], offs[te[b - 1] - 1] + 1  # tks[a].s, tks[b - 1].e
        ms = self.mentions_in(s, e)
        persons = [m for m in ms if m[2].kind == "person"]
        if persons:
            return self._from_actor(persons[0][2], "subject")
        un = self.unnamed(a, b, ms)
        if un:
            return un
        role = self.role_at(a)
        role_country = None
        w_a = v.words[a]
        base_a = w_a[1:] if (len(w_a) > 3 and w_a[0] in _CLITICS) else w_a  # tks[a].base
        first_word = base_a if base_a in self.lex.outlet_refs or base_a in self.lex.org_refs else w_a
        if role:
            cls, n = role
            country = None
            for j in range(a + n, min(b, a + n + 4)):
                d = self.demonym_at(j)
                if d:
                    country = d[0][0]
                    break
            if country is None:
                for m in self.mentions_in(offs[te[a + n - 1] - 1] + 1, offs[te[min(b, a + n + 4) - 1] - 1] + 1):
                    if m[2].kind == "country":
                        country = _actor_country(m[2])
                        break
            role_country = country
            person = self._role_lookup(cls, country, pos)
            if person is not None:
                return self._from_actor(person, "role")
            if cls not in _SPECIFIC_ROLES or country is None:
                # "مسؤول الكرملين"، "الكاتب": the person who spoke last, if of a compatible country
                sp = self.last_speaker(pos, person_only=True, max_back=800)
                if sp and (country is None or sp.country == country):
                    return Speaker(sp.name, sp.country, sp.kind, "role-antecedent", sp.key)
            elif country is not None:
                person = self._role_country_person(cls, country, pos)
                if person is not None:
                    return self._from_actor(person, "role-country")
        non_person = [m for m in ms if m[2].kind != "person"]
        if non_person and non_person[0][0] <= s and not role:
            # the window starts with an actor: "وتقول الولايات المتحدة وحلفاء لها إنهم"
            return self._from_actor(non_person[0][2], "subject")
        name = self.unknown_name(a, b, role)
        if name is not None:
            return name
        outl = self.outlets_in(ts[a], te[b - 1])
        non_person = [m for m in ms if m[2].kind != "person"]
        if outl and (not non_person or outl[0].s <= non_person[0][0]):
            o = outl[0].outlet
            return Speaker(o.name, o.country, "outlet", "outlet")
        if non_person:
            first = min(non_person, key=lambda m: (m[0], -(m[1] - m[0])))
            return self._from_actor(first[2], "subject")
        if first_word in self.lex.outlet_refs:
            prior = [om for om in v.outlet_matches if om.e <= pos]
            if prior:
                o = prior[-1].outlet
                return Speaker(o.name, o.country, "outlet", "outlet-ref")
        if first_word in self.lex.org_refs:
            head = self.lex.org_refs[first_word]
            for ms_, me_, act in reversed(self.mentions):
                if me_ <= pos and act.kind != "person" and head in v.t[self._norm_pos(ms_):self._norm_pos(me_)]:
                    return self._from_actor(act, "org-ref")
        if role:
            if role_country is not None and role[0] in _SPECIFIC_ROLES:
                # "وزير الخارجية العراقي" and nobody known to hold it: say who, not a wrong name
                adj = self.lex.demonym_by_code.get(role_country, role_country)
                return Speaker(f"{adj} {role[0].replace('_', ' ')}", role_country, "role", "role-description")
            sp = self.last_speaker(pos, person_only=True) or self.last_person_mention(pos)
            if sp:
                return Speaker(sp.name, sp.country, sp.kind, "role-antecedent", sp.key)
        return None

    # -- names the actor layer did not resolve ------------------------------------------
    def _name_at(self, i: int) -> bool:
        """May token ``i`` be part of a name the actor layer did not know? (Its Token is not built.)"""
        if not self._name_form(self.v.words[i]):
            return False
        v = self.v
        offs = v.nt.offsets  # the token's body span (Token.s, Token.e)
        return self._name_free(offs[v._tok_starts[i]], offs[v._tok_ends[i] - 1] + 1)

    def _name_form(self, w: str, bare: bool = False) -> bool:
        """The word-level half of :meth:`_name_at`, for a token of form ``w`` (its ``Token.base``
        taken from ``w``, or ``w`` itself when ``bare``): an Arabic word, not definite, not a word
        of the quote lexicon (kept per form)."""
        memo = self._memo["name_form_bare" if bare else "name_form"]
        r = memo.get(w)
        if r is None:
            base = w if bare else (w[1:] if (len(w) > 3 and w[0] in _CLITICS) else w)
            r = not (len(w) < 2 or w.startswith("ال") or not w.isalpha() or not ("\u0600" <= w[0] <= "\u06ff")
                     or self._lexical_word(w) or (base != w and self._lexical_word(base)))
            memo[w] = r
        return r

    def _name_free(self, s: int, e: int) -> bool:
        """The span half of :meth:`_name_at`: body ``[s, e)`` overlaps no mention and no outlet."""
        if self._overlaps_mention(s, e):
            return False
        return not self.v.outlet_overlaps(s, e)

    def _lexical_word(self, f: str) -> bool:
        """Is ``f`` a word of the quote lexicon (speech, role, demonym, cue …), so never a name?"""
        memo = self._memo["lexical"]
        r = memo.get(f)
        if r is None:
            lx = self.lex
            r = (f in lx.speech or f in lx.complementizers or f in lx.unnamed or f in lx.modifiers
                 or f in lx.roles or f in lx.demonyms or f in lx.cues or f in lx.titles
                 or f in lx.outlet_refs or f in _BREAKS or f in _SKIP_BEFORE or f in _COMP_PREPS)
            memo[f] = r
        return r

    def _surname_token(self, j: int, b: int) -> bool:
        """"السوداني" in "محمد شياع السوداني": token ``j`` is a definite family name closing a name, when
        what follows closes the subject (comma, complementiser, break or the window end)."""
        v = self.v
        words, ts, te = v.words, v._tok_starts, v._tok_ends
        w = words[j]
        if not w.startswith("ال") or len(w) < 5:
            return False
        offs = v.nt.offsets  # the token's body span (Token.s, Token.e)
        if not (self._name_form(w[2:], bare=True) and self._name_free(offs[ts[j]], offs[te[j] - 1] + 1)) \
                and self.demonym_at(j) is None:
            return False
        if j + 1 >= len(words) or j + 1 >= b:
            return True
        gap = v.t[te[j]:ts[j + 1]]
        return _PAUSE.search(gap) is not None or self._comp_at(j + 1) or words[j + 1] in _BREAKS

    def unknown_name(self, a: int, b: int, role) -> Speaker | None:
        """A person the actor layer did not know: a run of 1-4 name-like tokens at the start of the subject
        window, or after a role/nationality or a comma, closed by a comma, the window end or a break
        ("قال سونج تشونج بينج، الخبير العسكري الصيني، إن"). Returned transliterated, Arabic in ``key``."""
        v = self.v
        # token fields from the arrays (no Token built): Token.ns/ne = ts/te[i], Token.s = offs[ts[i]],
        # Token.e = offs[te[i] - 1] + 1, Token.w = words[i]
        words, ts, te, offs = v.words, v._tok_starts, v._tok_ends, v.nt.offsets
        i = a
        while i < b:
            if not self._name_at(i):
                i += 1
                continue
            j = i
            while j < b and j - i < 5 and (self._name_at(j) or (j > i and self._surname_token(j, b))) and (
                    j == i or _PAUSE.search(v.t, te[j - 1], ts[j]) is None):
                j += 1
            n = j - i
            gap_before = v.t[te[i - 1]:ts[i]] if i > 0 else ""
            opens = i == a or _COMMA.search(gap_before) is not None or (
                i > a and (self.role_at(i - 1) is not None or self.demonym_at(i - 1) is not None
                           or any(m[1] == offs[te[i - 1] - 1] + 1 for m in self.mentions)))
            gap_after = v.t[te[j - 1]:ts[j]] if j < len(words) else ""
            closes = j >= b or _PAUSE.search(gap_after) is not None or words[j] in _BREAKS \
                or self._comp_at(j) or self._recipient_w(words[j], ts[j])
            if opens and closes and 1 <= n <= 4:
                s_, e_ = offs[ts[i]], offs[te[j - 1] - 1] + 1
                arabic = v.body[s_:e_]
                country = None
                for k in range(max(a, i - 3), i):
                    d = self.demonym_at(k)
                    if d:
                        country = d[0][0]
                if role and country is None:
                    for m in self.mentions_in(offs[ts[a]], s_):
                        if m[2].kind == "country":
                            country = _actor_country(m[2])
                if country is None:
                    # apposition after the name: "سونج تشونج بينج، الخبير العسكري الصيني"
                    sent_i = v.sentence_of(ts[i])
                    for k in range(j, min(len(words), j + 6)):
                        if v.sentence_of(ts[k]) != sent_i or self._comp_at(k) or self._speech_kind_w(words[k]):
                            break
                        d = self.demonym_at(k)
                        if d:
                            country = d[0][0]
                            break
                return self._named(arabic, country, role)
            i = j if j > i else i + 1
        return None

    def _named(self, arabic: str, country: str | None, role) -> Speaker:
        words = arabic.split()
        known = self.unknown_names.get(arabic)
        if known is None and len(words) == 1:
            # "يانج" after "يانج جين": the same person
            for full, sp in self.unknown_names.items():
                if words[0] in full.split():
                    known = sp
                    break
        if known is not None:
            return known
        sp = Speaker(_romanize(arabic, country), country, "person", "unknown-name", arabic)
        self.unknown_names[arabic] = sp
        if role:
            actor = Actor(name=sp.name, kind="person", name_ar=arabic, country=country, key=arabic)
            for key in ((role[0], country), (role[0], None)):
                self.role_map.setdefault(key, []).append((self.v.body.find(arabic), actor))
        return sp

    def unnamed(self, a: int, b: int, ms) -> Speaker | None:
        """"مسؤولون أميركيون" -> unnamed US officials; "مسؤول من معهد X" -> unnamed X official."""
        words = self.v.words
        w_a = words[a]
        head = self._memo["unnamed_head"].get(w_a)
        start = a + 1
        if head is None and a + 1 < b and (w_a[1:] if (len(w_a) > 3 and w_a[0] in _CLITICS) else w_a) in (
                "كبار", "بعض", "احد"):  # tks[a].base
            head = self.lex.unnamed.get(words[a + 1])
            start = a + 2
        if head is None:
            return None
        plural = head.endswith("s") and not head.endswith("ss")
        nxt = words[start] if start < b else None  # tks[start].w
        if not plural and nxt is not None and nxt.startswith("ال") and not self.demonym_at(start) \
                and nxt not in self.lex.modifiers:
            return None  # "مسؤول الكرملين": a definite construct, points to a known person
        mods: list[str] = []
        nat: tuple[str, str] | None = None
        j = start
        while j < b and j < start + 6:
            d = self.demonym_at(j)
            if d:
                nat = nat or d[0]
                j += d[1]
                continue
            hit = None
            for w in self._strip(words[j]):
                if w in self.lex.modifiers:
                    hit = self.lex.modifiers[w]
                    break
            if hit and hit not in mods:
                mods.append(hit)
            j += 1
        org = None
        if nat is None:
            for m in ms:
                if m[2].kind in ("country",):
                    nat = (_actor_country(m[2]) or "", self.lex.demonym_by_code.get(_actor_country(m[2]) or "", m[2].name))
                    break
                if m[2].kind in ("organization", "group") and org is None:
                    org = m[2]
        parts = ["unnamed"]
        country = None
        if nat:
            parts.append(nat[1])
            country = nat[0] or None
        elif org is not None:
            parts.append(org.name)
            country = _actor_country(org)
        if mods:
            parts.append(" and ".join(mods))
        parts.append(head)
        return Speaker(" ".join(parts), country, "unnamed", "unnamed")

    # -- speech cue -> speaker -------------------------------------------------------
    def window_after(self, j: int, k: int) -> tuple[int, int]:
        """Subject window after the speech token ``j`` up to ``k`` (exclusive), cut at breaks."""
        v = self.v
        words, ts, te = v.words, v._tok_starts, v._tok_ends
        end = j + 1
        while end < k and end < j + 16:
            w = words[end]
            if w in _BREAK_FORMS:  # w or its base in _BREAKS
                if w == _ALA and end + 1 < k and words[end + 1] == _LISAN:
                    end += 2
                    continue
                break
            if w in _COMP_PREPS and end + 1 < k and self._comp_at(end + 1):
                break
            # a recipient "لصحيفة" / "للصحيفة" ends the subject
            if end > j + 1 and w[0] == "ل" and self._recipient_w(w, ts[end]):
                break
            # a quote mark or colon between tokens ends it too (not the marks around a name)
            gap = v.t[te[end - 1]:ts[end]]
            if ":" in gap:
                break
            if '"' in gap:
                q = te[end - 1] + gap.index('"')
                p = self.v.pair_opening_at(q) or self.v.pair_containing(q + 1)
                if p is None or not p.name_like:
                    break
            end += 1
        return j + 1, end

    def _recipient(self, tk: Token) -> bool:
        """"لصحيفة"، "للصحيفة"، "لرويترز": the addressee of the speech, not its subject."""
        return self._recipient_w(tk.w, tk.ns)

    def _recipient_w(self, w: str, ns: int) -> bool:
        """:meth:`_recipient` of the token of form ``w`` at normalised offset ``ns``."""
        if not w.startswith("ل") or len(w) < 4:
            return False
        rest = w[2:] if w.startswith("لل") else w[1:]
        for r in (rest, "ال" + rest):
            if self.lex.cues.get(r) in ("noun", "report") or r in self.lex.outlet_refs:
                return True
        return self.v.outlet_covers(self.v.nt.offsets[ns])  # (at the token's body start, Token.s)

    def _sentence_first_actor(self, j: int) -> Speaker | None:
        v = self.v
        ts, offs = v._tok_starts, v.nt.offsets
        i = bisect.bisect_right(ts, v.sentence_floor(ts[j]))  # the first token of j's sentence
        ms = self.mentions_in(offs[ts[i]], offs[ts[j]])
        persons = [m for m in ms if m[2].kind == "person"]
        if persons or ms:
            return self._from_actor((persons or ms)[0][2], "sentence-subject")
        return None

    def resolve_cue(self, j: int, k: int, frame_pos: int, frames_before: list[Frame]) -> Speaker | None:
        v = self.v
        ts, words = v._tok_starts, v.words
        kind = self._speech_kind_w(words[j])
        pos = v.nt.offsets[ts[j]]  # tks[j].s
        if kind == "participle":
            sent_j = v.sentence_of(ts[j])
            for f in reversed(frames_before):
                if f.speaker and f.cue is not None and v.sentence_of(ts[f.cue]) == sent_j and f.cue < j:
                    return Speaker(f.speaker.name, f.speaker.country, f.speaker.kind, "participle", f.speaker.key)
            a, b = self.window_after(j, k)
            sp = self.resolve_np(a, b, pos) if b > a and words[a] not in self.lex.complementizers else None
            if sp:
                return sp
            # "وهو ما أعلنه الرئيس بوتين …، واصفا الاتفاقية بأنها": the speech verb before it in the sentence
            floor = v.sentence_floor(ts[j])
            for i in range(j - 1, max(-1, j - MAX_CUE_GAP), -1):
                if ts[i] <= floor:
                    break  # another sentence
                if self._speech_kind_w(words[i]) in ("verb", "chain"):
                    a2, b2 = self.window_after(i, j)
                    sp = self.resolve_np(a2, b2, pos)
                    if sp:
                        return sp
                    break
            return self._sentence_first_actor(j) or self.last_speaker(pos)
        if kind == "masdar":
            # "نقلت وكالة X عن Y قوله": the noun phrase between the previous verb and the masdar
            j2 = None
            floor = v.sentence_floor(ts[j])
            for i in range(j - 1, max(-1, j - MAX_VERB_GAP), -1):
                if ts[i] <= floor:
                    break  # another sentence
                if self._speech_kind_w(words[i]) in ("verb", "chain"):
                    j2 = i
                    break
            if j2 is not None:
                a = j2 + 1
                for i in range(j2 + 1, j):
                    if words[i] == _AN:
                        a = i + 1
                sp = self.resolve_np(a, j, pos)
                if sp:
                    return sp
                return self.resolve_cue(j2, j, frame_pos, frames_before)
            return self.last_speaker(pos)
        if kind == "chain":
            for i in range(j + 1, k):
                if words[i] == _AN:
                    sp = self.resolve_np(i + 1, min(k, i + 12), pos)
                    if sp:
                        return sp
        a, b = self.window_after(j, k)
        sp = self.resolve_np(a, b, pos)
        if sp is None or sp.via == "role-antecedent" or (sp.kind == "unnamed" and sp.country is None):
            # "وقالت المسؤولة السابقة في وكالة …، سو مي تيري:": a name in apposition after the break
            ap = self.apposition_person(b, k)
            if ap:
                return ap
        if sp:
            return sp
        # SVO: "الولايات المتحدة حذرت", "والرئيس الروسي الذي …، أكد"
        w = words[j]
        if not (len(w) > 3 and w[0] in _CLITICS):  # not tks[j].has_clitic
            sp = self.subject_before(j)
            if sp:
                return sp
        return self.last_speaker(pos) or self.last_person_mention(pos)

    def apposition_person(self, b: int, k: int) -> Speaker | None:
        v = self.v
        ts, te, offs = v._tok_starts, v._tok_ends, v.nt.offsets
        if b >= len(v.words) or b >= k:
            return None
        k = min(k, b + 20)
        for s, e, a in self.mentions_in(offs[ts[b]], offs[te[k - 1] - 1] + 1):  # tks[b].s, tks[k - 1].e
            if a.kind != "person":
                continue
            cut = rstrip_end(v.body, s)  # = len(v.body[:s].rstrip(" \t\u00a0"))
            if cut > 0 and v.body[cut - 1] in "،,":
                return self._from_actor(a, "apposition")
        # an unknown name between a comma and the quote/complementiser: "…، سو مي تيري: "
        i = k - 1
        while i > b and self._name_at(i) and k - i <= 4:
            i -= 1
        if i < k - 1:
            gap = v.t[te[i]:ts[i + 1]]
            if _COMMA.search(gap) is not None:
                return self.unknown_name(i + 1, k, None)
        return None

    def subject_before(self, j: int) -> Speaker | None:
        """SVO order: the subject is the clause just before the verb ("الولايات المتحدة حذرت"،
        "والرئيس الروسي الذي عبر عن ارتياحه، أكد"). A comma right before the verb does not end that clause;
        other punctuation, a complementiser or another speech word does."""
        v = self.v
        tks = v.tok
        sent = tks[j].sent
        clause_end = j
        start = j
        i = j - 1
        while i >= 0 and tks[i].sent == sent and j - i <= 15:
            gap = v.t[tks[i].ne:tks[i + 1].ns]
            if i + 1 < j and _CLAUSE_BREAK.search(gap) is not None:
                break
            if self.is_comp(tks[i]) or self.speech_kind(tks[i]):
                break
            start = i
            i -= 1
        if start >= clause_end:
            return None
        a = start
        while a < clause_end and (tks[a].w in _SKIP_BEFORE):
            a += 1
        if a >= clause_end:
            return None
        # the clause's first noun phrase (role or actor), else the actor nearest the verb
        ms = self.mentions_in(tks[a].s, tks[clause_end - 1].e)
        if ms and ms[0][0] <= tks[min(a + 1, clause_end - 1)].s:
            if self.role_at(a) is None or ms[0][2].kind == "person":
                return self._from_actor(ms[0][2], "subject-before")
        if self.role_at(a):
            sp = self.resolve_np(a, min(clause_end, a + 6), tks[j].s)
            if sp:
                return sp
        if ms:
            last = ms[-1]
            if v.token_at_or_after(self._norm_pos(last[1])) >= clause_end - 3:
                return self._from_actor(last[2], "subject-before")
        return None

    # -- finding quotes ---------------------------------------------------------------
    def reported_frames(self) -> list[Frame]:
        v = self.v
        frames = []
        words = v.words
        ts, te = v._tok_starts, v._tok_ends
        n_tok = len(words)
        # the complementisers that may open reported speech (not in an outlet name: "سي إن إن")
        comps = [k for k in self._comp_form_idx if self._comp_at(k) and not v.in_outlet(ts[k])]
        for x, k in enumerate(comps):
            tk_ns, tk_ne = ts[k], te[k]
            pin = v.pair_containing(tk_ns)
            if pin is not None and pin.name_like:
                continue
            # the speech verb: the nearest speech word before, in the sentence, with no
            # complementiser between
            floor, send = v.sentence_limits(tk_ns)
            j = self._speech_before(k, MAX_VERB_GAP, floor)
            if j is None or (x > 0 and comps[x - 1] >= j) or k + 1 >= n_tok:
                continue
            outer = v.outermost_pair_containing(tk_ns)
            if outer is not None and outer.open > ts[j]:
                continue  # "قال: «إن …»": the complementiser belongs to the quotation
            # the text after the complementiser
            qpos = lstrip_start(v.t, tk_ne)  # after the spaces that follow the complementiser
            pair = v.pair_opening_at(qpos)
            if pair is not None and pair.closed:
                tail = v.t[pair.close + 1:pair.close + 4].lstrip(" \t\u00a0")
                k_after = v.token_at_or_after(pair.close)
                speech_next = k_after < n_tok and v.t[pair.close + 1:ts[k_after]].strip() == "" and (
                    self._speech_kind_w(words[k_after]) is not None or self._comp_at(k_after))
                if tail == "" or tail[0] in ".،,:;؛!?؟\n()" or speech_next \
                        or v.sentence_of(pair.close + 1) != v.sentence_of(pair.close):
                    span = v.trimmed_span(pair.open + 1, pair.close)
                    if span:
                        frames.append(Frame(span[0], span[1], "direct", j, k + 1, pair.open + 1, pair.close,
                                            meta={"pair": pair}))
                    continue
            if ts[k + 1] > send:
                continue  # the next token is in another sentence
            ns = ts[k + 1]
            # (the next token starts at or before the first boundary at or after tk_ns: that
            # boundary ends its sentence too)
            ne = self._speech_end(k + 1, send)
            # a quotation open at the sentence end carries the quote to its closing mark
            p = v.pair_containing(ne)
            if p is not None and p.open >= ns - 1:
                ne = p.close + 1 if p.closed else p.close
            ne = min(ne, v.paragraph_end(ns), ns + MAX_QUOTE_CHARS)
            if ne < len(v.t) and v.t[ne] in ".!?؟":
                ne += 1  # the quoted sentence keeps its full stop
            span = v.trimmed_span(qpos, ne)
            if span:
                frames.append(Frame(span[0], span[1], "reported", j, k, qpos, ne))
        return frames

    def _speech_end(self, k: int, ne: int) -> int:
        """End of reported speech starting at token ``k``: the sentence end ``ne``
        (``sentence_end`` of the token), or an earlier ", وقال X" that opens another attribution
        (participles such as "مضيفا" continue the same speaker)."""
        v = self.v
        ts, te = v._tok_starts, v._tok_ends
        idx = self._clitic_verb_idx
        for x in range(bisect.bisect_right(idx, k), len(idx)):
            i = idx[x]
            if ts[i] >= ne:
                break
            gap = v.t[te[i - 1]:ts[i]]
            if ("،" in gap or "," in gap) and v.pair_containing(ts[i]) is None:
                return te[i - 1]
        return ne

    def according_frames(self) -> list[Frame]:
        """"وبحسب مسؤول الكرملين، لا يوجد …": an attribution opening a clause, then a comma; the quote is
        the rest of the sentence. Outlets and reports here are cited sources, not speakers."""
        v = self.v
        frames = []
        words = v.words
        n_tok = len(words)
        ts, te = v._tok_starts, v._tok_ends
        for i in self._according_idx:
            cut = rstrip_end(v.t, ts[i])  # = len(v.t[:tk.ns].rstrip(" \t\u00a0"))
            if cut > 0 and v.t[cut - 1] not in "،,.:\n؛!?؟":
                continue
            comma = None
            ceil = v.sentence_end(ts[i])  # a later token starting after it is in another sentence
            for m in range(i + 1, min(n_tok, i + 10)):
                if ts[m] > ceil:
                    break
                gap = v.t[te[m - 1]:ts[m]]
                if "،" in gap or "," in gap:
                    comma = m
                    break
            if comma is None or comma == i + 1:
                continue
            first = self._strip(words[i + 1])
            if any(self.lex.cues.get(w) in ("noun", "report", "institution") for w in first):
                continue
            if self.outlets_in(ts[i + 1], te[comma - 1]):
                continue
            ns = ts[comma]
            ne = min(v.sentence_end(ns), v.paragraph_end(ns), ns + MAX_QUOTE_CHARS)
            span = v.trimmed_span(ns, ne)
            if span:
                frames.append(Frame(span[0], span[1], "reported", None, comma, ns, ne,
                                    meta={"according": (i + 1, comma), "cue_tok": i}))
        return frames

    def direct_frames(self, reported: list[Frame]) -> list[Frame]:
        v = self.v
        ts = v._tok_starts
        used = {id(f.meta.get("pair")) for f in reported if f.meta.get("pair") is not None}
        frames = []
        for p in v.pairs:
            if p.name_like or id(p) in used or v.pair_words(p) == 0:
                continue
            content = v.t[p.open + 1:p.close]
            if " ".join(content.split()) in self.lex.outlets:
                p.name_like = True
                continue
            span = v.trimmed_span(p.open + 1, p.close)
            if span is None:
                continue
            words = v.pair_words(p)
            cut = rstrip_end(v.t, p.open)  # = len(v.t[:p.open].rstrip(" \t\u00a0"))
            prev_char = v.t[cut - 1] if cut > 0 else ""
            parent = None
            for f in reported:
                if f.nstart <= p.open and p.close <= f.nend + 1:
                    parent = f
                    break
            if parent is not None:
                if words >= SHORT_QUOTE_WORDS or prev_char in ":،,":
                    frames.append(Frame(span[0], span[1], "direct", None, -1, p.open + 1, p.close, parent=parent))
                continue
            # a speech cue before the mark, in the same sentence
            kq = v.token_at_or_after(p.open)
            cue = self._speech_before(kq, MAX_CUE_GAP, v.sentence_floor(p.open))
            if cue is not None and words < SHORT_QUOTE_WORDS and kq - cue > SHORT_CUE_GAP:
                cue = None
            if cue is not None and self._speech_kind_w(v.words[cue]) in ("verb", "chain", "masdar") and kq - cue > 3:
                # a quotation far from its verb must follow a pause or a "بأنه"/"بـ" link
                link = prev_char in ":،," or (kq > 0 and v.words[kq - 1] in self.lex.complementizers) \
                    or prev_char == "ب" or words >= SHORT_QUOTE_WORDS * 2
                if not link:
                    cue = None
            if cue is not None:
                frames.append(Frame(span[0], span[1], "direct", cue, kq, p.open + 1, p.close))
                continue
            if prev_char == ":" and words >= SHORT_QUOTE_WORDS:
                frames.append(Frame(span[0], span[1], "direct", None, kq, p.open + 1, p.close, colon_at=cut - 1))
                continue
            if p.closed:
                k2 = v.token_at_or_after(p.close)
                n_tok = len(v.words)
                if k2 < n_tok and v.sentence_of(ts[k2]) == v.sentence_of(p.close) or (
                        k2 < n_tok and v.t[p.close + 1:ts[k2]].strip(" \t\u00a0،,") == ""):
                    if k2 < n_tok and self._speech_kind_w(v.words[k2]) == "verb" and words >= SHORT_QUOTE_WORDS:
                        frames.append(Frame(span[0], span[1], "direct", None, kq, p.open + 1, p.close, post_cue=k2))
        return frames

    def run(self) -> list[Quote]:
        reported = self.reported_frames()
        covered = {(f.start, f.end) for f in reported}
        reported += [f for f in self.according_frames() if (f.start, f.end) not in covered]
        direct = self.direct_frames(reported)
        frames = sorted(reported + direct, key=lambda f: (f.nstart, f.parent is not None))
        done: list[Frame] = []
        tks = self.v.tok
        offs, ts = self.v.nt.offsets, self.v._tok_starts
        for f in frames:
            if f.parent is not None:
                f.speaker = f.parent.speaker
            elif "according" in f.meta:
                a, b = f.meta["according"]
                f.speaker = self.resolve_np(a, b, offs[ts[a]])  # (tks[a].s)
                if f.speaker is None:
                    continue  # "وفقا لهذه المؤشرات،": not a speaker
            elif f.cue is not None:
                f.speaker = self.resolve_cue(f.cue, f.win_end, f.start, done)
            elif f.post_cue is not None:
                a, b = self.window_after(f.post_cue, min(len(self.v.words), f.post_cue + 12))
                f.speaker = self.resolve_np(a, b, offs[ts[f.post_cue]]) or self.last_speaker(f.start)
            elif f.colon_at is not None:
                # "بوتين: "…"": the actor right before the colon
                ms = [m for m in self.mentions if m[1] <= self.v.orig(f.colon_at, f.colon_at + 1)[0]]
                k = self.v.token_at_or_after(f.colon_at)
                if ms and k > 0 and ms[-1][1] >= tks[k - 1].s:
                    f.speaker = self._from_actor(ms[-1][2], "before-colon")
                else:
                    f.speaker = self.last_speaker(f.start)
            if f.speaker is not None:
                self.speakers.append((f.start, f.speaker))
            done.append(f)
        out = []
        seen = set()
        body, te = self.doc.body, self.v._tok_ends
        for f in sorted(done, key=attrgetter("start", "end")):
            if (f.start, f.end) in seen:
                continue
            seen.add((f.start, f.end))
            sp = f.speaker
            meta = {"kind": f.kind}
            ci = f.cue if f.cue is not None else f.meta.get("cue_tok")
            if ci is not None:
                meta["cue"] = body[offs[ts[ci]]:offs[te[ci] - 1] + 1]  # the cue token's span (tks[ci].s/e)
            if sp is not None:
                meta["speaker_via"] = sp.via
                meta["speaker_kind"] = sp.kind
                if sp.via == "unknown-name" or (sp.key and sp.key in self.unknown_names):
                    meta["speaker_ar"] = sp.key
            if f.parent is not None:
                meta["inside"] = [f.parent.start, f.parent.end]
            out.append(Quote(body[f.start:f.end], f.start, f.end,
                             sp.name if sp else None, sp.country if sp else None, meta))
        return out
