"""Negation, speculation, reported-speech and opinion cues (``rasd/data/events/cues.tsv``)."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import compress
from typing import Sequence

from ..normalize import normalize_text


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]
    kind: str  # negated | hypothetical | intent | report | opinion | join | members | ally | question | receive
    # | modal | outline | document | demand | agreed | analyst | stance
    where: str  # before | after
    window: int


def read_cues(text: str) -> list[Cue]:
    cues = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + [""] * 5)[:5]
        if cols[0] == "cue":
            continue
        words = tuple(normalize_text(w) for w in cols[0].split())
        kind, where = cols[1].strip(), cols[2].strip() or "before"
        if kind not in ("negated", "hypothetical", "intent", "report", "opinion", "join", "members", "ally",
                        "question", "receive", "modal", "outline", "document", "demand", "agreed",
                        "analyst", "stance", "during") \
                or where not in ("before", "after"):
            raise ValueError(f"cues.tsv line {n}: bad kind/where {kind!r}/{where!r}")
        cues.append(Cue(words, kind, where, int(cols[3] or 0)))
    return cues


_COMMAS = frozenset({"،", ",", "؛", ";"})


def _new_clause_between(words: list[str], a: int, b: int) -> bool:
    """Is there a comma followed by و/ف (a coordinated new clause: "، والتقت …") in words[a:b],
    the word after the comma being at most ``words[b]`` (the trigger itself)?"""
    for k in range(a, min(b, len(words) - 1)):
        if words[k] in _COMMAS and words[k + 1][:1] in ("و", "ف") and len(words[k + 1]) > 2:
            return True
    return False


OPINION_OBJECTS = ("", "ه", "ها", "هم", "هما")
ANALYST_SUBJECT_GAP = 3  # words between a speech verb and its analyst subject
DEMONSTRATIVES = frozenset({"هذا", "هذه"})
# clause words that end the reach of a demand verb ("طالب … الذي …", "طالب بأن …")
DEMAND_STOPS = frozenset({"التي", "الذي", "الذين", "ان", "انه", "انها", "بان"})


def _bare(w: str) -> str:
    return w[1:] if len(w) > 2 and w[0] in "وف" else w


class Polarity:
    """Finds the negation/speculation cues that govern a trigger at a word index."""

    def __init__(self, cues: list[Cue]):
        self.cues = cues
        self.report_words = frozenset(c.words[0] for c in cues if c.kind == "report" and len(c.words) == 1)
        # "خلال، أثناء": a visit noun right after one is made by the subject of its clause
        self.during_words = frozenset(p + c.words[0] for c in cues if c.kind == "during" and len(c.words) == 1
                                      for p in ("", "و"))
        # opinion verbs: the verbal nouns in what follows them are analysis, not events
        self.opinion_words = frozenset(
            p + c.words[0] for c in cues if c.kind == "opinion" and len(c.words) == 1 for p in ("", "و", "ف"))
        self.opinion_windows = {p + c.words[0] + o: c.window for c in cues if c.kind == "opinion"
                                and len(c.words) == 1 for p in ("", "و", "ف") for o in OPINION_OBJECTS}
        # "تعتبرها الدول الغربية تهديدا": an opinion verb with an object pronoun (it considers it …)
        self.opinion_words = frozenset(self.opinion_windows)
        self._opinion_reach = max(self.opinion_windows.values(), default=0)
        # joining verbs: "انضمت اليابان إلى إدانة القمة" — the joiner is the agent of the verbal noun
        self.join_words = frozenset(
            p + c.words[0] for c in cues if c.kind == "join" and len(c.words) == 1 for p in ("", "و", "ف", "وقد", "قد"))
        self.join_windows = {p + c.words[0]: c.window for c in cues if c.kind == "join"
                             and len(c.words) == 1 for p in ("", "و", "ف")}
        # member nouns: "مفاوضات وزراء خارجية مجموعة السبع" is a meeting among the group's members
        self.member_words = frozenset(c.words[0] for c in cues if c.kind == "members" and len(c.words) == 1)
        # ally nouns: "وحلفاء آخرين لواشنطن" — the actor after لـ is the allies' possessor, no argument
        self.ally_words = frozenset(c.words[0] for c in cues if c.kind == "ally" and len(c.words) == 1)
        # question particles: a sentence that opens with one and ends with ؟ asks, it reports nothing
        self.question_words = {c.words[0]: c.window for c in cues if c.kind == "question" and len(c.words) == 1}
        # verbs of receiving: "حصلت كوريا على دعم سياسي من موسكو" — their subject is the recipient
        self.receive_words = frozenset(
            p + c.words[0] for c in cues if c.kind == "receive" and len(c.words) == 1 for p in ("", "و", "ف", "وقد", "قد"))
        # modal words whose لـ actor is the agent of the verbal noun after it ("يمكن لروسيا توفير")
        self.modal_words = frozenset(
            p + c.words[0] for c in cues if c.kind == "modal" and len(c.words) == 1 for p in ("", "و", "ف"))
        # an analyst's outline of their own piece ("في هذا التقرير سنركز على …"): outline verbs, and
        # the nouns naming the piece (التقرير، الورقة) that must go with one
        self.outline_words = frozenset(
            p + c.words[0] for c in cues if c.kind == "outline" and len(c.words) == 1 for p in ("", "و", "ف"))
        self.outline_windows = {p + c.words[0]: c.window for c in cues if c.kind == "outline"
                                and len(c.words) == 1 for p in ("", "و", "ف")}
        self.document_words = frozenset(
            p + c.words[0] for c in cues if c.kind == "document" and len(c.words) == 1 for p in ("", "و", "ف", "ب"))
        # verbs of demanding and appealing: the verbal noun in their بـ/إلى/على phrase is the act
        # demanded ("يطالب روسيا بالانسحاب"), not an act performed
        # verbs of agreeing ("اتفق الزعيمان على تعميق تعاونهما") likewise: the verbal noun in their
        # على phrase is the content of the agreement, coded by the verb itself
        self.demand_windows = {p + c.words[0]: c.window for c in cues if c.kind in ("demand", "agreed")
                               and len(c.words) == 1 for p in ("", "و", "ف", "وقد", "قد")}
        self._demand_reach = max(self.demand_windows.values(), default=0)
        self.demand_words = frozenset(self.demand_windows)
        # analysts (الكاتب، الخبير، المحلل): what a speech verb with one as its subject reports is
        # analysis — its verbal nouns, up to the row's window after the verb, are not events
        self.analyst_windows = {p + c.words[0]: c.window for c in cues if c.kind == "analyst"
                                and len(c.words) == 1 for p in ("", "و", "ف")}
        self._analyst_reach = max(self.analyst_windows.values(), default=0)
        self.analyst_words = frozenset(self.analyst_windows)
        # a party's position or policy with a singular pronoun (سياستها، موقفه): see arguments.attribute
        self.stance_words = frozenset(
            p + (c.words[0][:-1] + "ت" if c.words[0].endswith("ه") else c.words[0]) + o
            for c in cues if c.kind == "stance" and len(c.words) == 1
            for p in ("", "و") for o in ("ه", "ها"))
        # index: "before" cues by their last word, "after" cues by their first word
        self._before: dict[str, list[Cue]] = {}
        self._after: dict[str, list[Cue]] = {}
        for c in cues:
            if c.kind in ("report", "opinion", "join", "members", "ally", "question", "receive", "modal",
                          "outline", "document", "demand", "agreed", "analyst", "stance", "during"):
                continue
            if c.where == "before":
                self._before.setdefault(c.words[-1], []).append(c)
                if len(c.words) == 1:  # the cue word may carry و/ف
                    for p in "وف":
                        self._before.setdefault(p + c.words[0], []).append(c)
            else:
                self._after.setdefault(c.words[0], []).append(c)
                for p in "وف":
                    self._after.setdefault(p + c.words[0], []).append(c)
        self._max_window = max([c.window + len(c.words) for c in cues] or [0])
        self._before_keys = frozenset(self._before)
        # every word of a negation, speculation or intention cue: flags finds nothing in a sentence
        # without one
        self.cue_words = self._before_keys | frozenset(self._after)
        self._last_positions: tuple = ((), [])  # (tuple(words), positions) of the last sentence

    def _before_positions(self, words: list[str]) -> list[int]:
        """Indices of the words of ``words`` that end a "before" cue, worked out once per sentence
        (the coder tests the triggers of a sentence one after the other; the last sentence's words
        and positions are kept)."""
        key = tuple(words)
        last = self._last_positions
        if last[0] == key:
            return last[1]
        pos = self.cue_positions(words)
        self._last_positions = (key, pos)
        return pos

    def cue_positions(self, words: Sequence[str]) -> list[int]:
        """Indices of the words of ``words`` that end a "before" cue (negation, speculation,
        intention): what :meth:`flags` reads of a sentence (the coder finds them in the whole
        document at once and hands each sentence its share)."""
        keys = self._before_keys
        return list(compress(range(len(words)), map(keys.__contains__, words))) \
            if not keys.isdisjoint(words) else []

    def _cue_ends(self, words: list[str], i: int, lo: int) -> list[int]:
        """The ``end`` values of ``range(i, lo, -1)`` (in that order) where ``words[end - 1]`` ends a
        "before" cue: the others have no cue to try."""
        return _cue_ends_in(self._before_positions(words), i, lo)

    def _match_at(self, words: list[str], end: int, cue: Cue) -> bool:
        """Does ``cue`` occupy ``words[end - len(cue) : end]``?"""
        k = len(cue.words)
        if end - k < 0 or end > len(words):
            return False
        seg = words[end - k:end]
        if seg[0] != cue.words[0] and _bare(seg[0]) != cue.words[0]:
            return False
        return list(seg[1:]) == list(cue.words[1:])

    def opinion_before(self, words: list[str], i: int) -> str | None:
        """The opinion verb (يعتقد، يرى …) whose content holds word ``i``, if any."""
        for k in range(i - 1, max(-1, i - 1 - self._opinion_reach), -1):
            w = words[k]
            if w in self.opinion_words and i - k <= self.opinion_windows.get(w, 12):
                return w
        return None

    def analyst_report_before(self, words: list[str], i: int) -> str | None:
        """The analyst noun (الكاتب، الخبير …) that is the subject of a speech verb (قال، يقول …)
        whose statement holds word ``i`` — the noun within ``ANALYST_SUBJECT_GAP`` words after the
        verb ("يقول الكاتب الروسي …") or before it ("الخبير الروسي قال") —, if any."""
        if not self.analyst_windows:
            return None
        for k in range(i - 1, max(-1, i - 1 - self._analyst_reach), -1):
            w = words[k]
            if w not in self.report_words and _bare(w) not in self.report_words:
                continue
            lo, hi = max(0, k - ANALYST_SUBJECT_GAP), min(i, k + 1 + ANALYST_SUBJECT_GAP)
            for j in list(range(k + 1, hi)) + list(range(lo, k)):
                win = self.analyst_windows.get(words[j])
                if win is not None and i - k <= win:
                    return words[j]
        return None

    def outline_start(self, words: list[str]) -> int | None:
        """Index of the outline verb when the sentence outlines the writer's own piece: an outline
        verb (سنركز، نتناول، يستعرض …) with a noun naming the piece (التقرير، الورقة، المقال) right
        after it or after هذا/هذه within its window before it ("في هذا التقرير … سنركز على",
        "يتناول التقرير …"). What follows it lists topics, not events; None otherwise."""
        if self.outline_words.isdisjoint(words):
            return None
        for k, w in enumerate(words):
            if w not in self.outline_words:
                continue
            if k + 1 < len(words) and words[k + 1] in self.document_words:
                return k
            if k + 2 < len(words) and words[k + 1] in DEMONSTRATIVES and words[k + 2] in self.document_words:
                return k
            win = self.outline_windows.get(w, 8)
            for j in range(max(1, k - win), k):
                if words[j] in self.document_words and words[j - 1].lstrip("وفب") in DEMONSTRATIVES:
                    return k
        return None

    def demanded(self, words: list[str], i: int, kind: str, prefix: str) -> str | None:
        """The demand verb (يطالب، دعت، حث …) whose بـ/إلى/على phrase is the verbal noun at
        ``words[i]`` ("قرار يطالب روسيا بالانسحاب", "دعت تركيا إلى فرض عقوبات"), if any. Only
        verbal nouns (and bare past forms read as one) count; a comma or a clause word between the
        verb and the noun ends the search."""
        if kind not in ("noun", "nounta", "past") or not self.demand_windows:
            return None
        if kind == "past" and prefix:
            return None
        bare_prefix = prefix.lstrip("وف")
        p1 = i - 1
        while p1 >= 0 and words[p1] == '"':  # quote marks around the phrase ("على تعميق “تعاونهما”")
            p1 -= 1
        p2 = p1 - 1
        while p2 >= 0 and words[p2] == '"':
            p2 -= 1
        if bare_prefix.startswith("ب") and kind != "past":
            k = i  # "بالانسحاب": the preposition is the noun's own prefix
        elif p1 >= 0 and words[p1] in ("الي", "علي"):
            k = p1
        elif p2 >= 0 and words[p2] in ("الي", "علي"):
            k = p2  # "على تعميق تعاونهما": the trigger is the genitive of the phrase's verbal noun
        elif p1 >= 0 and words[p1].startswith(("بت", "بال")) and len(words[p1]) > 4:
            k = p1  # "طالبت بتعزيز التعاون"
        else:
            return None
        for j in range(k - 1, max(-1, k - 2 - self._demand_reach), -1):
            w = words[j]
            if w in ("،", ",", ":", "؛", ";") or w in DEMAND_STOPS:
                return None
            win = self.demand_windows.get(w)
            if win is not None and k - j - 1 <= win:
                return w
        return None

    def joined(self, words: list[str], i: int) -> int | None:
        """Index of the joining verb (انضمت، شاركت) whose إلى/في phrase is the verbal noun at
        ``words[i]`` ("انضمت دول مجموعة السبع إلى إدانة القمة"), if any."""
        k = i - 1
        while k >= 0 and words[k] == '"':
            k -= 1
        if k < 1 or words[k] not in ("الي", "في"):
            return None
        for j in range(k - 1, max(-1, k - 9), -1):
            w = words[j]
            if w in ("،", ",", ":") or w in ("ان", "انه", "انها"):
                return None
            if w in self.join_words and k - j - 1 <= self.join_windows.get(w, 6):
                return j
        return None

    def question(self, words: list[str], sentence: str) -> bool:
        """Is the sentence a question: a question particle among its first words (within the cue's
        window, و/ف allowed) and a final question mark ("هل لدى واشنطن أوراق تقدمها لروسيا؟")?"""
        if not sentence.rstrip().endswith(("؟", "?")):
            return False
        for k, w in enumerate(words[:4]):
            win = self.question_words.get(w, self.question_words.get(_bare(w)))
            if win is not None and k <= win:
                return True
        return False

    def intent(self, words: list[str], i: int) -> str | None:
        """The intention cue (تعتزم، تسعى إلى، عازمة على …) that governs the trigger at ``words[i]``."""
        found = self.intent_at(words, i)
        return found[0] if found is not None else None

    def intent_at(self, words: list[str], i: int) -> tuple[str, int, int] | None:
        """(cue, start, end) of the intention cue that governs the trigger at ``words[i]``: the cue
        occupies ``words[start:end]``."""
        lo = max(0, i - self._max_window)
        for end in self._cue_ends(words, i, lo):
            for cue in self._before[words[end - 1]]:
                if cue.kind == "intent" and i - end <= cue.window and self._match_at(words, end, cue):
                    return " ".join(cue.words), end - len(cue.words), end
        return None

    def flags(self, words: list[str], i: int, kind: str, clause_start: int = 0,
              intent: bool = True, positions: Sequence[int] | None = None) -> tuple[bool, bool, str | None]:
        """(negated, hypothetical, cue) for the trigger at ``words[i]`` of trigger ``kind``
        (noun | nounta | past | pres). An intention cue makes the trigger hypothetical unless
        ``intent`` is false (the coder codes the intention itself for cooperation triggers).
        ``positions``: :meth:`cue_positions` of ``words``, if the caller has them."""
        neg = hyp = False
        cue_found = None
        lo = max(clause_start, i - self._max_window)
        covered: list[tuple[int, int]] = []  # word spans of the longer cues matched ("ليس مستبعدا")
        ends = self._cue_ends(words, i, lo) if positions is None else _cue_ends_in(positions, i, lo)
        for end in ends:  # a cue ending right before word ``end``
            for cue in self._before[words[end - 1]]:
                gap = i - end
                if gap > cue.window or not self._match_at(words, end, cue):
                    continue
                start = end - len(cue.words)
                if any(a <= start and end <= b for a, b in covered):
                    continue  # the ليس of "ليس مستبعدا" is part of a speculation, not a negation
                if len(cue.words) > 1:
                    covered.append((start, end))
                if gap > 1 and _new_clause_between(words, end, i):
                    continue  # "من المتوقع أن ترتفع الأسعار، والتقت …": a new clause is out of reach
                if cue.words == ("قد",) and kind != "pres":
                    continue  # قد + past = already
                if cue.words in (("ما",), ("لا",)) and kind not in ("pres", "past"):
                    continue  # ما/لا before a noun is not negation
                if cue.kind == "intent" and not intent:
                    continue
                if cue.kind == "negated":
                    neg = True
                else:
                    hyp = True
                cue_found = cue_found or " ".join(cue.words)
        for j in range(i + 1, min(len(words), i + 4)):
            for cue in self._after.get(words[j], ()):
                if j - i <= cue.window and self._match_at(words, j + len(cue.words), cue):
                    hyp = True
                    cue_found = cue_found or " ".join(cue.words)
        return neg, hyp, cue_found


def _cue_ends_in(pos: Sequence[int], i: int, lo: int) -> list[int]:
    """:meth:`Polarity._cue_ends` from the cue positions ``pos`` of the sentence."""
    if not pos:
        return []
    a, b = bisect_left(pos, max(lo, 0)), bisect_left(pos, i)
    return [k + 1 for k in reversed(pos[a:b])]


@lru_cache(maxsize=2)
def default_polarity() -> Polarity:
    text = resources.files("rasd.data").joinpath("events/cues.tsv").read_text("utf-8")
    return Polarity(read_cues(text))
