"""Argument attribution over Arabic syntax: who did it (source) and to whom (target).

Works on the words of one sentence (normalised) with the actor mentions placed on word indices.
The rules (tests/events/test_arguments.py has one of our own sentences per rule):

- clause: arguments are looked for between the clause start (after إن/أن/أنه…, a colon or a
  quote mark) and the next clause start;
- verbal noun + genitive: "زيارة بوتين إلى كوريا" → source = the genitive, target = the next actor;
- SVO: an actor just before a verb (within 4 words, same clause, no comma between, verb without
  a leading و) is its subject;
- VSO: otherwise the first actor after a singular verb is its subject; a verb carrying a plural or
  dual agreement suffix (اتهموا، اتفقتا) has a pronoun subject, so the actor after it is its object;
- relative clauses: "الدول التي صوتت ضد …" → the antecedent is the subject unless the verb has
  its own subject right after it ("العقوبات التي فرضها الغرب");
- target: the next actor group after the subject (direct object or after على ضد إلى مع لـ بـ);
  for speech-like types (accuse, threaten, request, support, reject) a target missing from the
  clause is taken from the complement clause that follows (حذرت من أن كوريا …);
- coordination: actors joined by و (or ، or listed as adjectives) form one group; every member of
  a source group is a source and every member of a target group a target (one event per pair);
- symmetric triggers (meet, talk, agree, cooperate): "بين X و Y", "X و Y" and "X مع Y" → X → Y;
- passive frames (مقتل X على يد Y, مذكرة صادرة عن Y): على يد / من قبل / صادرة عن names the source;
- fallback: a verb with no explicit subject takes the main subject of the sentence (the actor after
  a speech verb, or the first actor of the sentence), then that of the previous sentence.
"""
from __future__ import annotations

from dataclasses import dataclass, field

COMPLEMENTIZERS = frozenset({
    "ان", "انه", "انها", "انهم", "انهما", "بان", "بانه", "بانها", "بانهم", "لان", "وان", "وانه", "وانها",
})
PREPOSITIONS = frozenset({"علي", "ضد", "الي", "مع", "ل", "ب", "لدي", "تجاه", "نحو", "حول"})
# words that cannot stand between a verbal noun and its genitive, nor between a verb and its subject
NON_GENITIVE = PREPOSITIONS | frozenset({
    "في", "من", "عن", "منذ", "خلال", "بشان", "ضمن", "عبر", "امام", "بعد", "قبل", "رغم", "حتي", "بين",
    "التي", "الذي", "الذين", "ان", "انه", "انها", "،", ",", ":",
})
RELATIVES = frozenset({"التي", "الذي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللواتي"})
AGENT_MARKERS = (("علي", "يد"), ("من", "قبل"), ("بيد",), ("صادره", "عن"), ("صادره", "من"))
BETWEEN = "بين"
PRONOUN_COMPLEMENTIZERS = frozenset({"انه", "انها", "انهم", "انهما", "بانه", "بانها", "بانهم", "وانه", "وانها"})
SPEECH_LIKE = frozenset({"ACCUSE", "THREATEN", "REQUEST", "SUPPORT", "REJECT"})
# agreement suffixes that mark a pronoun subject on the verb itself
PRONOUN_SUBJECT_SUFFIXES = {
    "past": ("وا", "ا", "تا", "نا", "تم", "تن"),
    "pres": ("ون", "ان", "وا", "ا", "ن"),
}


@dataclass
class Mention:
    i: int  # first word index
    j: int  # last word index (inclusive)
    code: str
    actor: object  # rasd.document.Actor
    prep: bool = False  # introduced by a clitic preposition (لـ بـ) glued to its word
    conj: bool = False  # introduced by the conjunction و glued to its word ("والصين")
    adj: bool = False  # the mention is a nisba adjective ("الروسية")


@dataclass
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
    out: list[Mention] = []
    for m in ms:
        if not any(m.code == o.code for o in out):
            out.append(m)
    return out


def clause_bounds(words: list[str], i: int) -> tuple[int, int]:
    """Word range ``[lo, hi)`` of the clause around word ``i``."""
    lo = 0
    for k in range(i - 1, -1, -1):
        if words[k] in COMPLEMENTIZERS or words[k] in (":", '"'):
            lo = k + 1
            break
    hi = len(words)
    for k in range(i + 1, len(words)):
        if words[k] in COMPLEMENTIZERS or words[k] in (":", '"'):
            hi = k
            break
    return lo, hi


def _blocked(words: list[str], i: int, ti: int) -> bool:
    """Is the mention at word ``i`` (after the trigger at ``ti``) introduced by a preposition or a
    clause word, so that it is neither a genitive nor a subject?"""
    return any(words[k] in NON_GENITIVE for k in range(ti + 1, i))


def _comma_between(words: list[str], a: int, b: int) -> bool:
    return any(words[k] in ("،", ",") for k in range(a, b))


def attribute(words: list[str], ti: int, kind: str, role: str, mentions: list[Mention],
              main_subject: list[Mention] | None = None, *, prefix: str = "", suffix: str = "",
              plover: str = "", other_triggers: frozenset[int] = frozenset()) -> Args:
    """Source and target mentions of the trigger at word ``ti``.

    ``kind``: noun | nounta | past | pres; ``role``: the trigger row's role; ``prefix``/``suffix``:
    the clitics and inflection around the trigger stem; ``mentions``: every actor mention of the
    sentence, sorted by position.
    """
    lo, hi = clause_bounds(words, ti)
    before = [m for m in mentions if lo <= m.i and m.j < ti]
    after = [m for m in mentions if ti < m.i < hi]
    is_noun = kind in ("noun", "nounta")

    if role in ("sym", "drill"):
        for k in range(max(lo, ti - 3), min(hi, ti + 6)):
            if words[k] == BETWEEN:
                grp = groups([m for m in mentions if k < m.i < hi], words)
                if grp and len(_dedupe(grp[0])) >= 2:
                    g = _dedupe(grp[0])
                    return Args([g[0]], g[1:], "between")

    agent: list[Mention] = []
    for k in range(ti + 1, min(hi, ti + 12)):
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
    svo_ok = (
        bool(before_groups)
        and before_groups[-1][-1].j >= ti - 4
        and not before_groups[-1][0].prep
        and not prefix.startswith(("و", "ف"))
        and not _comma_between(words, before_groups[-1][-1].j + 1, ti)
    )
    if is_noun and svo_ok and any(before_groups[-1][-1].j < k < ti for k in other_triggers):
        svo_ok = False  # "روسيا تدين الهجوم": the actor is the subject of the verb, not of the noun
    if is_noun:
        if first is not None and first.i <= ti + 3 and not first.prep and not _blocked(words, first.i, ti):
            subj, how = after_groups[0], "genitive"
            obj_pool = [m for g in after_groups[1:] for m in g]
        elif svo_ok:
            subj, how = before_groups[-1], "preceding"
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
        elif rel and not (vso and first.i <= ti + 2):
            ante = groups([m for m in mentions if ti - 10 <= m.i and m.j < ti - 1], words)
            if ante:
                subj, how = ante[-1], "relative"
        elif vso:
            subj, how = after_groups[0], "vso"
            obj_pool = [m for g in after_groups[1:] for m in g]
        if not subj and main_subject:
            subj, how = main_subject, "main-subject"
    subj = _dedupe(subj)
    obj_groups = groups([m for m in obj_pool if not any(m.code == s.code for s in subj)], words)
    targets = _dedupe(obj_groups[0]) if obj_groups else []
    if not targets and plover in SPEECH_LIKE and not is_noun:
        nxt = [m for m in mentions if hi <= m.i <= ti + 15 and not any(m.code == s.code for s in subj)]
        g = groups(nxt, words)
        if g:
            targets, how = _dedupe(g[0]), how + "+complement"
    if role in ("sym", "drill") and len(subj) >= 2 and not targets:
        return Args([subj[0]], subj[1:], how + "+pair")
    if role == "fear":
        targets = _dedupe([m for g in obj_groups for m in g])
    return Args(subj, targets, how)
