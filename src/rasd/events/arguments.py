"""Argument attribution over Arabic syntax: who did it (source) and to whom (target).

Works on the words of one sentence (normalised) with the actor mentions placed on word indices.
The rules (tests/events/test_arguments.py has one of our own sentences per rule):

- clause: arguments are looked for between the clause start (after إن/أن/أنه…, a colon or the
  quote mark of a direct quote — not those around a short phrase, “الدعم الكامل”) and the next
  clause start;
- verbal noun + nisba: "العقوبات الاقتصادية الغربية على روسيا" → source = the nisba adjective(s)
  after the noun (only adjectives between: الاقتصادية، الجوية، المشتركة), target = the next actor;
  two nisbas ("القمة الروسية الكورية") are the two parties;
- verbal noun + genitive: "زيارة بوتين إلى كوريا" → source = the genitive, target = the next actor;
- SVO: an actor just before a verb (within 4 words, same clause, no comma between, verb without
  a leading و) is its subject;
- VSO: otherwise the first actor after a singular verb is its subject; a verb carrying a plural or
  dual agreement suffix (اتهموا، اتفقتا) has a pronoun subject, so the actor after it is its object;
- relative clauses: "الدول التي صوتت ضد …" → the antecedent is the subject, unless the verb
  carries the resumptive object pronoun ("العقوبات التي فرضها الغرب"): then the antecedent is
  its object and the subject follows the verb;
- target: the next actor group after the subject (direct object or after على ضد إلى مع لـ بـ);
  for speech-like types (accuse, threaten, request, support, reject) a target missing from the
  clause is taken from the complement clause that follows (حذرت من أن كوريا …);
- coordination: actors joined by و (or ، or listed as adjectives) form one group; every member of
  a source group is a source and every member of a target group a target (one event per pair);
- symmetric triggers (meet, talk, agree, cooperate): "بين X و Y", "X و Y" and "X مع Y" → X → Y;
- passive frames (مقتل X على يد Y, مذكرة صادرة عن Y): على يد / من قبل / صادرة عن names the source;
- fallback: a verb with no explicit subject, or a verbal noun with a possessive pronoun (قلقهم،
  زيارته), takes the main subject of the sentence (the actor after a speech verb, or the first
  actor of the sentence), then that of the previous sentence;
- concern (role fear): the parties of the feared act, in the clause or in the complement clause
  after أن, are all targets.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from typing import NamedTuple, Sequence

from .anaphora import pronoun_gender, resolve, verb_gender

COMPLEMENTIZERS = frozenset({
    "ان", "انه", "انها", "انهم", "انهما", "بان", "بانه", "بانها", "بانهم", "لان", "وان", "وانه", "وانها",
})
PREPOSITIONS = frozenset({"علي", "ضد", "الي", "مع", "ل", "ب", "لدي", "تجاه", "نحو", "حول"})
# words that cannot stand between a verbal noun and its genitive, nor between a verb and its subject
NON_GENITIVE = PREPOSITIONS | frozenset({
    "في", "من", "عن", "منذ", "خلال", "بشان", "ضمن", "عبر", "امام", "بعد", "قبل", "رغم", "حتي", "بين",
    "التي", "الذي", "الذين", "ان", "انه", "انها", "،", ",", ":",
    # attribution of a report: "وتهدف الزيارة بحسب وكالة الأنباء …" — the agency is no genitive
    "بحسب", "حسب", "وفق", "وفقا", "طبقا",
})
PREDICATE_NEGATIONS = frozenset({"لم", "لن", "ولم", "ولن"})  # they open a verbal predicate
RELATIVES = frozenset({"التي", "الذي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللواتي"})
AGENT_MARKERS = (("علي", "يد"), ("من", "قبل"), ("بيد",), ("صادره", "عن"), ("صادره", "من"))
_AGENT_FIRST = frozenset(m[0] for m in AGENT_MARKERS)
BETWEEN = "بين"
PRONOUN_COMPLEMENTIZERS = frozenset({"انه", "انها", "انهم", "انهما", "بانه", "بانها", "بانهم", "وانه", "وانها"})
# the verbal noun of a transfer or of backing names its giver with من ("تسليم القذائف من كوريا إلى
# روسيا", "الدعم الواسع لكييف من الغرب")
TRANSFER_TYPES = frozenset({"AID", "SUPPORT"})
# types whose target may be a pronoun after the trigger (عليها، ضده، لها), resolved to the topic
POINTED_TYPES = frozenset({"SANCTION", "ACCUSE", "THREATEN", "ASSAULT", "AID", "SUPPORT", "REQUEST",
                           "COERCE", "REJECT"})
# a preposition with the pronoun that refers back to a relative clause's antecedent ("الوقت الذي
# أرسلت فيه روسيا", "القمة التي شاركت فيها مصر"): the antecedent is no argument of the verb, whose
# subject follows
RESUMPTIVE_PREP_PRONOUNS = frozenset(
    p + s for p in ("في", "ب", "علي", "من", "عن", "ل", "الي", "مع") for s in ("ه", "ها", "هم", "هما")
)
PRONOUN_OBJECTS = frozenset(
    p + s for p in ("علي", "ضد", "ل", "الي", "مع", "تجاه") for s in ("ه", "ها", "هم", "هما")
)
# possessive pronoun suffixes of a verbal noun: its subject is the pronoun's antecedent (قلقهم)
POSSESSIVE_SUFFIXES = frozenset({"ه", "ها", "هم", "هما"})
POSSESSIVE_TA_SUFFIXES = frozenset({"ته", "تها", "تهم", "تهما"})  # زيارته (the ة of زيارة is ت)
SPEECH_LIKE = frozenset({"ACCUSE", "THREATEN", "REQUEST", "SUPPORT", "REJECT"})
# agreement suffixes that mark a pronoun subject on the verb itself
PRONOUN_SUBJECT_SUFFIXES = {
    "past": ("وا", "ا", "تا", "نا", "تم", "تن"),
    "pres": ("ون", "ان", "وا", "ا", "ن"),
}


@dataclass(slots=True)  # many per article: no __dict__ each
class Mention:
    i: int  # first word index
    j: int  # last word index (inclusive)
    code: str
    actor: object  # rasd.document.Actor
    prep: bool = False  # introduced by a clitic preposition (لـ بـ) glued to its word
    conj: bool = False  # introduced by the conjunction و glued to its word ("والصين")
    adj: bool = False  # the mention is a nisba adjective ("الروسية")
    gender: str | None = None  # grammatical gender m | f (rasd.events.anaphora), None unknown


@dataclass(slots=True)  # many per article: no __dict__ each
class Args:
    sources: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    how: str = ""


_COORD_GAPS = frozenset({("و",), ("،",), (",",), ("،", "و"), (",", "و"), ("الي", "جانب"), ("وكذلك",),
                         ("او",), ("ثم",)})


def groups(ms: list[Mention], words: list[str]) -> list[list[Mention]]:
    """Mentions grouped by coordination: "X و Y", "X، Y", "X والY", adjacent nisba adjectives."""
    out: list[list[Mention]] = []
    for m in ms:
        if out:
            prev = out[-1][-1]
            gap = tuple(words[prev.j + 1:m.i])
            if m.i <= prev.j or m.code == prev.code and len(gap) <= 1:
                coord = True  # two mentions in one word, or an apposition (حلف شمال الأطلسي (ناتو))
            elif not gap:
                coord = m.conj or (m.adj and prev.adj)
            else:
                coord = gap in _COORD_GAPS
            if coord:
                out[-1].append(m)
                continue
        out.append([m])
    return out


def _dedupe(ms: list[Mention]) -> list[Mention]:
    """The mentions of ``ms`` in order, one per code (the first)."""
    out: list[Mention] = []
    seen: set[str] = set()
    for m in ms:
        if m.code not in seen:
            seen.add(m.code)
            out.append(m)
    return out


SCARE_QUOTE_MAX = 5  # a quoted span of at most this many words is a phrase, not a direct quote


_QUOTE = frozenset({'"'})
# the words that may break a clause (the quote marks around a short phrase are then taken out)
_BREAK_WORDS = COMPLEMENTIZERS | {":", '"'}


def _positions(words: tuple[str, ...], keys: frozenset[str]) -> tuple[int, ...]:
    """Indices of the words of ``words`` that are in ``keys`` (one pass in C, no per-word frame)."""
    return tuple(compress(range(len(words)), map(keys.__contains__, words)))


def _scare_quotes(words: Sequence[str]) -> frozenset[int]:
    """Indices of the quote marks around short quoted phrases (“الدعم الكامل”): not clause breaks."""
    return _scare_pairs(_positions(words, _QUOTE))


def _scare_pairs(qs: Sequence[int]) -> frozenset[int]:
    """:func:`_scare_quotes` from the indices ``qs`` of the sentence's quote marks."""
    out = set()
    for a, b in zip(qs[::2], qs[1::2]):
        if b - a - 1 <= SCARE_QUOTE_MAX:
            out.update((a, b))
    return frozenset(out)


def clause_bounds(words: list[str], i: int) -> tuple[int, int]:
    """Word range ``[lo, hi)`` of the clause around word ``i`` (between complementizers, colons
    and the quote marks of direct quotes; quote marks around a short phrase do not count)."""
    return _bounds(Sentence(tuple(words), []).breaks, i, len(words))


def _bounds(brk: tuple[int, ...], i: int, n: int) -> tuple[int, int]:
    """:func:`clause_bounds` from the sentence's clause breaks ``brk`` (``n`` words)."""
    k = bisect_left(brk, i)
    lo = brk[k - 1] + 1 if k > 0 else 0
    k = bisect_right(brk, i)
    hi = brk[k] if k < len(brk) else n
    return lo, hi


class CueWords(NamedTuple):
    """The cue words of cues.tsv that argument rules read (see :func:`attribute`)."""
    receive: frozenset[str] = frozenset()
    modal: frozenset[str] = frozenset()
    stance: frozenset[str] = frozenset()
    during: frozenset[str] = frozenset()


_NO_CUES = CueWords()


class Sentence:
    """One sentence as the argument rules read it, built once for a sentence that has a trigger
    and shared by all its triggers (:func:`attribute` is called once per trigger): its words (a
    tuple), its actor mentions sorted by position, its main subject (or the previous sentence's),
    the actor mentions of the previous sentences (most recent first, see
    :mod:`rasd.events.anaphora`), the word indices of its triggers, the cue words of the rules,
    and what the rules look up in it: the indices of the clause breaks (complementizers, colons,
    quote marks of direct quotes), of the words that may start an agent marker (على يد، من قبل …),
    whether بين occurs, and the indices of the predicate negations. ``marked``: the indices of
    the words of ``words`` that are in ``MARKED_WORDS``, when the caller has found them (the coder
    finds them in the whole document in one pass): the sentence's look-ups then read only those.
    ``cue_positions``: the indices of the words that end a negation, speculation or intention cue
    (:meth:`rasd.events.polarity.Polarity.cue_positions`), for the polarity of its triggers."""
    __slots__ = ("words", "mentions", "main_subject", "antecedents", "triggers", "cues",
                 "breaks", "agent_words", "has_between", "negations", "cue_positions")

    def __init__(self, words: tuple[str, ...], mentions: list[Mention],
                 main_subject: list[Mention] | None = None, antecedents: list[Mention] | None = None,
                 triggers: frozenset[int] = frozenset(), cues: CueWords = _NO_CUES,
                 marked: Sequence[int] | None = None, cue_positions: Sequence[int] | None = None):
        self.words = words
        self.mentions = mentions
        self.main_subject = main_subject
        self.antecedents = antecedents
        self.triggers = triggers  # the coder sets them once it has placed the sentence's triggers
        self.cues = cues
        self.cue_positions = cue_positions
        if marked is None:
            marked = marked_positions(words)
        brk: list[int] = []
        agents: list[int] = []
        negations: list[int] = []
        between = quote = False
        for k in marked:
            w = words[k]
            if w in _BREAK_WORDS:
                brk.append(k)
                quote = quote or w == '"'
            if w in _AGENT_FIRST:
                agents.append(k)
            if w in PREDICATE_NEGATIONS:
                negations.append(k)
            elif w == BETWEEN:
                between = True
        if quote:
            scare = _scare_pairs([k for k in brk if words[k] == '"'])
            if scare:
                brk = [k for k in brk if k not in scare]
        self.breaks = tuple(brk)
        self.agent_words = tuple(agents)
        self.has_between = between
        self.negations = tuple(negations)


# every word a Sentence looks up: clause breaks, first words of agent markers, predicate
# negations, بين
MARKED_WORDS = _BREAK_WORDS | _AGENT_FIRST | PREDICATE_NEGATIONS | {BETWEEN}


def marked_positions(words: Sequence[str]) -> tuple[int, ...]:
    """Indices of the words of ``words`` in ``MARKED_WORDS`` (one pass in C)."""
    return _positions(words, MARKED_WORDS)


def _blocked(words: list[str], i: int, ti: int) -> bool:
    """Is the mention at word ``i`` (after the trigger at ``ti``) introduced by a preposition or a
    clause word, so that it is neither a genitive nor a subject?"""
    return not NON_GENITIVE.isdisjoint(words[ti + 1:i])


def _comma_between(words: list[str], a: int, b: int) -> bool:
    seg = words[a:b]
    return "،" in seg or "," in seg


def _prior(mentions: list[Mention], ti: int, antecedents: list[Mention] | None) -> list[Mention]:
    """Candidates for a pronoun at word ``ti``: earlier actors of this sentence (nearest first, not
    introduced by a preposition), then those of earlier sentences."""
    return [m for m in reversed(mentions) if m.j < ti and not m.prep] + list(antecedents or ())


@lru_cache(maxsize=8)
def _with_pronouns(modal_words: frozenset[str]) -> frozenset[str]:
    """The modal words with an object pronoun (يمكنها، يمكنه …)."""
    return frozenset(w + o for w in modal_words for o in ("ه", "ها", "هم", "هما"))


def attribute(sent: Sentence, ti: int, kind: str, role: str, prefix: str = "", suffix: str = "",
              plover: str = "", intent: bool = False, intent_span: tuple[int, int] | None = None) -> Args:
    """Source and target mentions of the trigger at word ``ti`` of the sentence ``sent``.

    ``kind``: noun | nounta | past | pres; ``role``: the trigger row's role; ``prefix``/``suffix``:
    the clitics and inflection around the trigger stem; ``sent.antecedents``: for pronoun subjects
    and objects (see :mod:`rasd.events.anaphora`).
    The cue words (``sent.cues``): ``receive``: verbs of receiving (cues.tsv kind receive), whose
    subject receives what a transfer or backing noun after them names ("تلقت أوكرانيا دعما من
    الغرب"); ``modal``: modals whose لـ actor is the agent of the verbal noun after it (cues.tsv
    kind modal: "يمكن لروسيا توفير الإمدادات"); ``stance``: nouns of a party's position or policy
    with a singular pronoun suffix (سياستها، موقفه; cues.tsv kind stance): right after the trigger,
    the pronoun's antecedent is the target ("لدعمهم سياستها تجاه أوكرانيا" supports her — not
    Ukraine); without an agreeing antecedent there is no target; ``during``: خلال، أثناء (cues.tsv
    kind during): a visit noun right after one, with no visitor of its own, is made by the clause's
    subject ("وأوضح بوتين في مؤتمر صحفي خلال زيارة لطهران").
    ``intent_span``: ``(start, end)`` of the intention cue governing the trigger (تعتزم، سعى إلى):
    the cue's subject is the agent of the intended act however far the act is from it.
    """
    words, mentions, antecedents, other_triggers = sent.words, sent.mentions, sent.antecedents, sent.triggers
    receive_words, modal_words, stance_words, during_words = sent.cues
    agent_words, negations = sent.agent_words, sent.negations
    lo, hi = _bounds(sent.breaks, ti, len(words))
    main_subject = sent.main_subject or []
    # candidates for a pronoun (_prior) are listed only when a rule needs them
    before = [m for m in mentions if lo <= m.i and m.j < ti]
    after = [m for m in mentions if ti < m.i < hi]
    is_noun = kind in ("noun", "nounta")

    if sent.has_between and role in ("sym", "drill"):
        for k in range(max(lo, ti - 3), min(hi, ti + 6)):
            if words[k] == BETWEEN:
                grp = groups([m for m in mentions if k < m.i < hi], words)
                if grp and len(_dedupe(grp[0])) >= 2:
                    g = _dedupe(grp[0])
                    return Args([g[0]], g[1:], "between")
                g = _dedupe(_between_list(words, k, hi, mentions))
                if len(g) >= 2:
                    return Args([g[0]], g[1:], "between-list")

    agent: list[Mention] = []
    # the words in ti+1 .. min(hi, ti+12)-1 that may start an agent marker
    for k in agent_words[bisect_right(agent_words, ti):bisect_left(agent_words, min(hi, ti + 12))]:
        for mark in AGENT_MARKERS:
            if tuple(words[k:k + len(mark)]) == mark:
                grp = groups([m for m in after if m.i >= k + len(mark)], words)
                if grp and grp[0][0].i <= k + len(mark) + 3:
                    agent = grp[0]
        if agent:
            break
    if agent and (role == "passive" or is_noun):
        victims = [m for m in after if not any(m is a for a in agent) and m.i < agent[0].i]
        if not victims and before and before[-1].j >= ti - 6:
            victims = groups(before, words)[-1]
        g = groups(victims, words)
        return Args(_dedupe(agent), _dedupe(g[0]) if g else [], "agent-marker")
    if role == "passive":
        g = groups(after, words)
        return Args([], _dedupe(g[0]) if g else [], "passive")

    subj: list[Mention] = []
    obj_pool: list[Mention] = after
    after_groups = groups(after, words)
    before_groups = groups(before, words)
    first = after_groups[0][0] if after_groups else None
    how = ""
    resumptive = kind in ("past", "pres") and suffix.endswith(("ه", "ها", "هم", "هما"))
    svo_ok = (
        bool(before_groups)
        and before_groups[-1][-1].j >= ti - 4
        and not before_groups[-1][0].prep
        and not prefix.startswith(("و", "ف"))
        and not _comma_between(words, before_groups[-1][-1].j + 1, ti)
        # "إيران … العقوبات التي فرضتها": an actor before a relative pronoun is not the verb's subject
        # "إيران … العقوبات التي فرضتها": before a relative clause whose verb carries the resumptive
        # object pronoun, the antecedent is the object and the verb's subject comes after it
        and not (resumptive and any(words[k] in RELATIVES for k in range(before_groups[-1][-1].j + 1, ti)))
    )
    if is_noun and svo_ok and any(before_groups[-1][-1].j < k < ti for k in other_triggers):
        svo_ok = False  # "روسيا تدين الهجوم": the actor is the subject of the verb, not of the noun
    nisba = _nisba_agent(words, ti, hi, after_groups) if is_noun else None
    modal_pro = is_noun and ti > 0 and modal_words and words[ti - 1] in _with_pronouns(modal_words)
    if modal_pro:
        # "تقنيات حساسة يمكنها تهديد الولايات المتحدة": the modal's pronoun is the agent, so the
        # noun's genitive is its object; the agent is an actor written right before the modal
        subj = before_groups[-1] if before_groups and before_groups[-1][-1].j == ti - 2 \
            and not before_groups[-1][0].prep else []
        how = "modal-pronoun"
        if first is not None and first.i <= ti + 3 and not first.prep and not _blocked(words, first.i, ti):
            obj_pool = after_groups[0]
    elif is_noun and role == "supply" and first is not None and first.i == ti + 1 and not first.prep \
            and after_groups[0][-1].j + 1 < hi and words[after_groups[0][-1].j + 1][:1] == "ب":
        # "طهران تنفي تزويد موسكو بصواريخ": the genitive right before the بـ phrase of what is
        # supplied is the recipient; the supplier is the actor just before (the subject of the verb
        # the noun completes), if any
        last = before_groups[-1] if before_groups else None
        subj = last if last and last[-1].j >= ti - 4 and not last[0].prep \
            and not _comma_between(words, last[-1].j + 1, ti) else []
        how = "supply-recipient"
        obj_pool = after_groups[0]
    elif is_noun:
        if nisba is not None:
            # "العقوبات الاقتصادية الغربية على روسيا", "القمة الروسية الكورية": the nisba is the agent
            subj, how = nisba, "nisba"
            obj_pool = _nisba_target(words, nisba[-1].j, hi, after_groups, plover)
        elif first is not None and first.i <= ti + 3 and not first.prep and not _blocked(words, first.i, ti):
            subj, how = after_groups[0], "genitive"
            obj_pool = [m for g in after_groups[1:] for m in g]
        elif svo_ok:
            subj, how = before_groups[-1], "preceding"
        elif modal_words and before_groups and before_groups[-1][0].prep \
                and before_groups[-1][0].i > 0 and words[before_groups[-1][0].i - 1] in modal_words \
                and before_groups[-1][-1].j >= ti - 2 \
                and words[before_groups[-1][0].i].startswith(("ل", "ول", "فل")):
            # "يمكن لروسيا توفير الإمدادات لكوريا": the لـ actor of the modal is the noun's agent
            subj, how = before_groups[-1], "modal"
        elif intent and lo > 0 and words[lo - 1] in PRONOUN_COMPLEMENTIZERS and not before:
            # "أكدت مصر أنها عازمة على تعزيز العلاقات": the intention's pronoun subject
            subj, how = resolve(pronoun_gender(words[lo - 1]), main_subject, _prior(mentions, ti, antecedents)), \
                "pronoun-intent"
        elif during_words and role not in ("sym", "drill", "intent") and plover == "CONSULT" \
                and suffix == ("ه" if kind == "nounta" else "") \
                and ti > 0 and words[ti - 1] in during_words \
                and (during_subj := _during_subject(before, main_subject, ti, other_triggers, words)):
            # "وأوضح الأمين العام في مؤتمر صحفي خلال زيارة رسمية لكندا": the visitor is the
            # clause's subject (or, with none named in the clause, the sentence's)
            subj, how = during_subj, "during-visit"
        elif intent_span is not None and (cue_subj := _intent_subject(
                words, intent_span, ti, lo, mentions, main_subject, _prior(mentions, ti, antecedents))):
            # "سعت روسيا بشكل نشط إلى تجديد العلاقات مع إيران": the subject of the intention
            # verb, written before an adverb or pronominal, is the agent of the intended act
            subj, how = cue_subj, "intent-subject"
        elif main_subject and suffix in (POSSESSIVE_TA_SUFFIXES if kind == "nounta" else POSSESSIVE_SUFFIXES) \
                and all(m.j < ti for m in main_subject):
            # "أعربوا عن قلقهم": their concern; "زيارتها": hers (the nearest feminine actor)
            subj = resolve(pronoun_gender(suffix), main_subject, _prior(mentions, ti, antecedents))
            how = "possessor"
    else:
        pro_subject = suffix.startswith(PRONOUN_SUBJECT_SUFFIXES.get(kind, ())) and suffix not in ("",)
        if kind == "past" and suffix in ("ت",):
            pro_subject = False
        if lo > 0 and words[lo - 1] in PRONOUN_COMPLEMENTIZERS and not before:
            pro_subject = True  # "أنها زودت كوريا": the subject is the pronoun on أنّ
        rel = ti > 0 and words[ti - 1] in RELATIVES
        vso = (first is not None and first.i <= ti + 6 and not first.prep
               and not _blocked(words, first.i, ti) and not pro_subject)
        if svo_ok:
            subj, how = before_groups[-1], "svo"
        elif rel and vso and ti + 1 < hi and words[ti + 1] in RESUMPTIVE_PREP_PRONOUNS:
            # "في الوقت الذي أرسلت فيه روسيا مساعدات": the subject follows the resumptive pronoun
            subj, how = after_groups[0], "vso-relative"
            obj_pool = [m for g in after_groups[1:] for m in g]
        elif rel and not resumptive:
            ante = groups([m for m in mentions if ti - 10 <= m.i and m.j < ti - 1], words)
            if ante:
                subj, how = ante[-1], "relative"
        elif vso and _elided_subject_object(words, ti, prefix, plover, after_groups, before):
            # "وأدان ميقاتي الغارات، وطالب مجلس الأمن بالتحرك": a coordinated demand keeps the
            # subject of the sentence; the one actor after it, before its بـ/إلى phrase, is asked
            subj, how = [], "elided-subject"
            obj_pool = after_groups[0]
        elif vso:
            subj, how = after_groups[0], "vso"
            obj_pool = [m for g in after_groups[1:] for m in g]
        prior = _prior(mentions, ti, antecedents) if not subj else []
        if not subj and (main_subject or prior):
            # a pronoun subject agrees in gender with its antecedent (قالت → a state, قال → a person)
            if lo > 0 and words[lo - 1] in PRONOUN_COMPLEMENTIZERS and not before:
                g = pronoun_gender(words[lo - 1])
            else:
                g = None if pro_subject else verb_gender(kind, prefix, suffix)
            subj = resolve(g, main_subject, prior)
            how = "main-subject" if subj and subj == main_subject else "pronoun-subject"
    if is_noun and how != "genitive" and plover in TRANSFER_TYPES:
        src = _after_particle(words, ti, hi, after, ("من",))
        receiver = _receiver(words, ti, lo, mentions, receive_words) if receive_words else None
        if receiver:
            # "حصلت كوريا على دعم سياسي من موسكو": the receive verb's subject receives, the من
            # actor gives; without a من actor the giver is unknown (the receiver is not the source)
            subj, how = src, "transfer-from+receiver" if src else "receiver"
            obj_pool = receiver
        elif src:  # "تعتمد كوريا على إمدادات الغذاء من السوفييت": the preceding actor receives
            recipients = subj
            subj, how = src, "transfer-from"
            obj_pool = recipients + [m for m in obj_pool if not any(m is x for x in src)]
    if is_noun:
        # "الإعلان عن زيارة رئيس كوريا لم يمر دون تصريح من واشنطن": the noun phrase is the subject
        # of a negated predicate; what follows the predicate's negation is not the noun's object
        k = bisect_right(negations, ti)  # the first predicate negation after the noun, in the clause
        if k < len(negations) and negations[k] < hi:
            cut = negations[k]
            obj_pool = [m for m in obj_pool if m.i < cut]
    subj = _dedupe(subj)
    subj_codes = {m.code for m in subj}
    obj_groups = groups([m for m in obj_pool if m.code not in subj_codes], words)
    targets = _dedupe(obj_groups[0]) if obj_groups else []
    if how == "nisba":  # _nisba_target gave the target itself (a list after لكل من stays whole)
        targets = _dedupe([m for m in obj_pool if m.code not in subj_codes])
    if not targets and (plover in SPEECH_LIKE and not is_noun or role == "fear"):
        nxt = [m for m in mentions if hi <= m.i <= ti + 15 and m.code not in subj_codes]
        g = groups(nxt, words)
        if g:
            targets, how = _dedupe(g[0]), how + "+complement"
    if role in ("sym", "drill") and len(subj) >= 2 and (not targets or role == "drill"):
        # joint drills are among their participants (the ضد party gets MOBILIZE, see the coder)
        return Args([subj[0]], subj[1:], how + "+pair")
    if role == "fear" and obj_groups:
        targets = _dedupe([m for g in obj_groups for m in g])
    elif role == "fear" and targets:  # every party of the feared act in the complement clause
        nxt = [m for m in mentions if hi <= m.i <= ti + 15 and m.code not in subj_codes]
        targets = _dedupe([m for g in groups(nxt, words)[:1] for m in g])
    # the object pronoun on the verb itself (يدعمها، زارته); a bare past form with ه/ها could be
    # a verbal noun with a possessive (دعمها = her support), so it needs a subject suffix or a
    # subject right after it (استقبله بوتين)
    obj_suffix = kind in ("past", "pres") and suffix.endswith(("ه", "ها")) \
        and not suffix.endswith(("هم", "هما")) and not resumptive_rel(words, ti) \
        and (kind == "pres" or suffix[:1] in ("ت", "و") or how == "vso")
    if targets and obj_suffix and not targets[0].prep and words[targets[0].i - 1] not in ("الي", "ل") \
            and _blocked(words, targets[0].i, ti):
        targets = []  # "حذرته من التعاون مع روسيا": the object is the pronoun, not the later actor
    k = ti + 1
    if how.startswith("vso") and subj and all(m.i > ti for m in subj):
        k = max(m.j for m in subj) + 1  # "أيدت تركيا سياسته": after the verb's subject
    while k < hi and words[k] == '"':
        k += 1
    if stance_words and subj and k < hi and words[k] in stance_words:
        # "ونتيجة لدعمهم سياستها تجاه أوكرانيا": the owner of the position is the target, the
        # party the position is about (تجاه، في، من) is none
        ref = resolve(pronoun_gender(words[k]), main_subject, _prior(mentions, ti, antecedents), exclude=subj_codes)
        if ref and not any(m is x for m in ref for x in mentions if x.i > ti):
            return Args(subj, _dedupe(ref), how + "+stance")
        return Args(subj, [], how + "+stance")  # the owner is unknown: no target at all
    if not targets and subj:
        # "فرضت عليها"، "التقى معه"، "زارها": a pronoun object refers to the nearest agreeing actor
        # other than the subject (the sentence's topic first)
        pron = next((words[k] for k in range(ti + 1, min(hi, ti + 3)) if words[k] in PRONOUN_OBJECTS), None)
        if pron is None and obj_suffix:
            pron = suffix
        if pron is not None:
            ref = resolve(pronoun_gender(pron), main_subject, _prior(mentions, ti, antecedents), exclude=subj_codes)
            if ref:
                targets, how = _dedupe(ref), how + "+pronoun"
    return Args(subj, targets, how)


def _during_subject(before: list[Mention], main_subject: list[Mention], ti: int,
                    other_triggers: frozenset[int], words: list[str]) -> list[Mention]:
    """The visitor of a visit noun after خلال/أثناء: the first actor of its clause not introduced by
    a preposition (the verb's subject), unless another trigger stands between it and the noun
    ("استقبل بوتين الرئيس خلال زيارة …" — the host's verb has its own frame); with no actor in
    the clause before the noun, the sentence's subject."""
    for g in groups(before, words):
        if g[0].prep:
            continue
        if any(g[-1].j < k < ti for k in other_triggers):
            return []
        return g
    if before:
        return []
    return [m for m in main_subject if not m.prep]


INTENT_SUBJECT_GAP = 2  # words allowed between an intention verb and its subject (either side)


def _intent_subject(words: list[str], span: tuple[int, int], ti: int, lo: int, mentions: list[Mention],
                    main_subject: list[Mention], prior: list[Mention]) -> list[Mention]:
    """The subject of the intention cue at ``words[span[0]:span[1]]`` governing the trigger at
    ``ti``: an actor right after the cue ("تسعى روسيا بقوة إلى …"), else one right before it
    ("روسيا تسعى جاهدة إلى …"), else — for a cue verb written without one ("عندما تولى بوتين
    الرئاسة، سعى بشكل نشط إلى …") — the antecedent that agrees with the verb's pronoun subject."""
    cs, ce = span
    if not lo <= cs < ti:
        return []
    after = [m for m in mentions if ce <= m.i < ti and not m.prep]
    grp = groups(after, words)
    if grp and grp[0][0].i <= ce + INTENT_SUBJECT_GAP and not _comma_between(words, ce, grp[0][0].i):
        return grp[0]
    before = [m for m in mentions if lo <= m.i and m.j < cs]
    grp = groups(before, words)
    if grp and grp[-1][-1].j >= cs - INTENT_SUBJECT_GAP and not grp[-1][0].prep \
            and not _comma_between(words, grp[-1][-1].j + 1, cs):
        return grp[-1]
    if any(m.i >= ce and m.j < ti and not m.prep for m in mentions) \
            or any(not _comma_between(words, m.j + 1, cs) for m in before):
        return []  # an actor between the cue and the act, or before it in the same phrase
    gender = _cue_verb_gender(words[cs])
    if gender is None:
        return []
    return resolve(gender, main_subject, prior)


def _cue_verb_gender(word: str) -> str | None:
    """Gender of the pronoun subject of an intention verb: تسعى/ستواصل/سعت → f, يسعى/سعى → m
    (only third person singular verb forms; nouns and adjectives give None)."""
    w = word[1:] if len(word) > 4 and word[0] in "وف" else word
    if w.startswith(("ت", "ست")) and len(w) >= 4:
        return verb_gender("pres", w[:2] if w.startswith("ست") else w[:1], "")
    if w.startswith(("ي", "سي")) and len(w) >= 4:
        return verb_gender("pres", w[:2] if w.startswith("سي") else w[:1], "")
    if 3 <= len(w) <= 4 and not w.startswith(("ا", "م")):
        return verb_gender("past", "", "ت" if w.endswith("ت") else "")
    return None


NISBA_ADJ_MAX = 4  # adjectives allowed between a verbal noun and its nisba agent


def is_adjective(word: str) -> bool:
    """Can a (normalised) word be an adjective of the noun before it: a definite word ending in ي/ة
    (الاقتصادية، الجوية، العسكري، المفروضة، المشتركة), or an indefinite one ending in ية/ي (جديدة)?"""
    if word in NON_GENITIVE or word in RELATIVES:
        return False
    if word.startswith("ال"):
        return len(word) > 4 and word.endswith(("ي", "ه"))
    return len(word) > 3 and word.endswith(("يه", "ي", "ه")) and not word.startswith("و")


def _nisba_agent(words: list[str], ti: int, hi: int, after_groups: list[list[Mention]]) -> list[Mention] | None:
    """The nisba adjectives that name the agent of the verbal noun at ``ti``: the first actor group
    after it, when it starts with a nisba (``Mention.adj``) reached over adjectives only
    ("الغارات الجوية الأمريكية", "التدريبات العسكرية المشتركة الأمريكية الكورية الجنوبية");
    the group keeps its nisba members only (a coordinated state after them is not an agent)."""
    if not after_groups:
        return None
    g = after_groups[0]
    m = g[0]
    if not m.adj or m.prep or m.i > ti + 1 + NISBA_ADJ_MAX or m.i >= hi:
        return None
    if not all(is_adjective(words[k]) for k in range(ti + 1, m.i)):
        return None
    out = [m]
    for x in g[1:]:
        if not x.adj:
            break
        out.append(x)
    return out


NISBA_TARGET_WINDOW = 6  # words between a nisba agent and the preposition phrase of its target
NISBA_TARGET_PREPS = PREPOSITIONS | frozenset({"بحق", "ازاء", "لكل", "بكل", "لصالح"})
# types whose target may be a place introduced by في ("العملية العسكرية الروسية في أوكرانيا")
NISBA_TARGET_IN = frozenset({"ASSAULT", "AID", "MOBILIZE", "COERCE"})
# adverbs that may stand between the nisba and the preposition ("الغارات الإسرائيلية أمس على")
NISBA_TARGET_SKIP = frozenset({"امس", "اليوم", "مجددا", "ايضا", "مؤخرا", "حاليا"})


def _nisba_target(words: list[str], j: int, hi: int, after_groups: list[list[Mention]],
                  plover: str) -> list[Mention]:
    """The target of a verbal noun whose agent is the nisba ending at word ``j``: the first actor
    group after it that a preposition introduces (على، ضد، لـ، إلى، بحق; في for an assault, aid or
    deployment), within ``NISBA_TARGET_WINDOW`` words, with only adjectives (المفروضة) or a time
    adverb (أمس) before the preposition
    ("العقوبات الأممية المفروضة على كوريا الشمالية", "الدعم الأمريكي لإسرائيل"); after "لكل من"
    every conjunct of the list is a target."""
    preps = NISBA_TARGET_PREPS | ({"في"} if plover in NISBA_TARGET_IN else frozenset())
    for g in after_groups:
        m = g[0]
        if m.i <= j:
            continue
        if m.i > j + 1 + NISBA_TARGET_WINDOW or m.i >= hi:
            return []
        between = words[j + 1:m.i]
        lead = between
        if len(lead) >= 2 and lead[-1] == "من" and lead[-2] in ("كل", "لكل", "بكل"):
            # "الانتقادات الغربية لكل من روسيا …، والصين": every conjunct of the list
            listed = _between_list(words, m.i - 1, hi, [x for gg in after_groups for x in gg])
            if len(listed) >= 2:
                return listed
            lead = lead[:-2] + (["ل"] if lead[-2] == "لكل" else ["ب"] if lead[-2] == "بكل" else [])
        # a clitic preposition: "لإسرائيل" (Mention.prep) or the fused "للسودان" (the mention keeps لل)
        if m.prep or words[m.i].startswith(("لل", "ولل")):
            head = lead
        elif lead and lead[-1] in preps:
            head = lead[:-1]
        else:
            return []
        # only adjectives of the noun may stand before it ("المفروضة على", "الجديدة ضد")
        return list(g) if all(is_adjective(w) or w in NISBA_TARGET_SKIP for w in head) else []
    return []


def resumptive_rel(words: list[str], ti: int) -> bool:
    """Is the verb at ``ti`` inside a relative clause (its object pronoun is resumptive)?"""
    return any(words[k] in RELATIVES for k in range(max(0, ti - 3), ti))


def _between_list(words: list[str], k: int, hi: int, mentions: list[Mention]) -> list[Mention]:
    """"بين X، الدبلوماسي …، والممثل الأميركي …، وY …": the first actor of each conjunct of a list
    whose conjuncts carry descriptions; conjuncts start after "،" with a word in و, the list ends at
    a comma followed by anything else (a new clause)."""
    starts = [k + 1]
    end = hi
    for q in range(k + 1, hi):
        if words[q] in ("،", ","):
            nxt = words[q + 1] if q + 1 < hi else ""
            if len(nxt) > 2 and nxt[0] == "و":
                starts.append(q + 1)
            else:
                end = q
                break
    if len(starts) < 2:
        return []
    bounds = starts + [end]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        first = next((m for m in mentions if a <= m.i < b), None)
        if first is not None:
            out.append(first)
    return out


RECEIVE_REACH = 12  # words between a receive verb and the transfer noun it governs


def _receiver(words: list[str], ti: int, lo: int, mentions: list[Mention],
              receive_words: frozenset[str]) -> list[Mention] | None:
    """The recipient of the transfer or backing noun at ``ti`` when a verb of receiving governs it
    ("حصلت بيونغ يانغ … على دعم"، "أوكرانيا تلقت مساعدات"): the receive verb (within
    ``RECEIVE_REACH`` words before the noun, same clause, no other actor's verb) and its subject —
    the first actor group after the verb (not introduced by a preposition), else the group just
    before it. None when no receive verb governs the noun."""
    k = next((k for k in range(ti - 1, max(lo, ti - RECEIVE_REACH) - 1, -1) if words[k] in receive_words), None)
    if k is None:
        return None
    inside = [m for m in mentions if k < m.i and m.j < ti]
    g = groups(inside, words)
    if g and not g[0][0].prep:
        return _dedupe(g[0])
    if inside:
        return []  # "حصل على دعم لأوكرانيا": a prepositional actor is not the subject
    before = groups([m for m in mentions if lo <= m.i and k - 4 <= m.j < k and not m.prep], words)
    return _dedupe(before[-1]) if before else []


def _elided_subject_object(words: list[str], ti: int, prefix: str, plover: str,
                           after_groups: list[list[Mention]], before: list[Mention]) -> bool:
    """Is the first actor after a demand verb its object, the subject being elided: the verb is
    joined by و/ف to a clause that named its subject before (an actor before the verb in the
    sentence), and the actor group is followed directly by the بـ/إلى phrase of what is asked
    ("وطالب مجلس الأمن بالتحرك"; with a subject it would read "وطالب لبنان مجلس الأمن بالتحرك")?"""
    if plover != "REQUEST" or prefix[:1] not in ("و", "ف") or not before or not after_groups:
        return False
    j = after_groups[0][-1].j + 1
    if j >= len(words):
        return False
    nxt = words[j]
    return (nxt.startswith("ب") and len(nxt) > 3) or (nxt in ("الي", "إلى") and len(after_groups) == 1)


def _after_particle(words: list[str], ti: int, hi: int, after: list[Mention],
                    particles: tuple[str, ...]) -> list[Mention]:
    """The actor group right after one of ``particles`` (within 3 words) in the clause."""
    for k in range(ti + 1, min(hi, ti + 8)):
        if words[k] in particles:
            g = groups([m for m in after if k < m.i <= k + 3], words)
            return g[0] if g else []
    return []
