"""Does a mention of an incident report an event of the news, or only refer to one?

News text names attacks and protests far more often than it reports them: "منذ اغتيال الحريري",
"محاكمة المتهمين بتفجير …", "وأدان الوزير الهجوم", "الحركات التي تستهدف …". For the PLOVER types
listed as *incident types* (default ASSAULT and PROTEST) the coder keeps a trigger only when it
passes :meth:`Eventive.check`, with cue words from ``rasd/data/events/eventive.tsv``:

- a **background** cue at most 3 words before a verbal noun (منذ، ذكرى، محاكمة، جريمة، أدان …)
  makes it a reference → dropped;
- a **definite verbal noun** (الهجوم، الاغتيال، التفجير) refers back to an event told elsewhere
  → kept only with a support verb right before it (شنّ، نفّذ، تعرّض لـ) or in a relative clause
  after it (الهجوم الذي شنّه …) together with an outcome or a fresh time cue;
- an **indefinite verbal noun** (هجوم، اغتيال، تفجير) → kept with an outcome cue in the sentence
  (قتلى، جرحى، أسفر عن، انفجار), a perpetrator after it (على يد، من قبل), or a support verb
  before it (شنّ، نفّذ، تعرّض لـ) together with a fresh time cue (أمس، اليوم، a weekday);
- a bare past form right after a **nominal** cue (عمليات خطف، بعد قتل، جرائم قتل) is the verbal
  noun of the same letters and is checked as one; so is a form with a pronoun suffix (محاولات
  قتله، تم خطفهم: a possessive), except after من/ما, which can open a relative (من قتله = who killed him);
- a **finite past verb** (هاجم، قتلت، فجّروا) reports an act → kept, except in a relative clause
  (الذي اغتالته …, background about its antecedent) without an outcome or fresh cue;
- a **present verb** (تستهدف، يقتلون) is habitual or analytic → kept only with a fresh or
  outcome cue;
- a **crowd noun** (trigger role ``crowd``: المتظاهرون، المحتجون) is an actor, not an act → kept
  with a crowd cue within 3 words (آلاف، مئات، خرج، تجمّع، احتشد …);
- for PROTEST, a crowd cue within 3 words plays the part of the outcome cue (casualties speak
  for violence, not for a protest).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import compress, repeat
from operator import is_

from ..normalize import normalize_text
from .arguments import AGENT_MARKERS
from .lexicon import strip_clitics

CLASSES = ("outcome", "support", "fresh", "background", "nominal", "crowd")
RELATIVE_NOMINALS = frozenset({"من", "ما"})  # nominal cues that may also open a relative clause
RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان"})
SUPPORT_WINDOW = 3
BACKGROUND_WINDOW = 3
CROWD_WINDOW = 3


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]
    prefix: bool  # last word matches as a prefix (written with a trailing *)
    cls: str


def read_eventive(text: str) -> list[Cue]:
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = (line.split("\t") + ["", ""])[:3]
        cue, cls = cols[0].strip(), cols[1].strip()
        if cue == "cue":
            continue
        if cls not in CLASSES:
            raise ValueError(f"eventive.tsv line {n}: class must be one of {', '.join(CLASSES)}, not {cls!r}")
        prefix = cue.endswith("*")
        words = tuple(normalize_text(w) for w in cue.rstrip("*").split())
        if not words:
            raise ValueError(f"eventive.tsv line {n}: empty cue")
        out.append(Cue(words, prefix, cls))
    return out


class Eventive:
    """Cue finder and the keep/drop rule for incident mentions (build once per pipeline)."""

    def __init__(self, cues: list[Cue]):
        self.cues = cues
        self._exact: dict[str, list[Cue]] = {}  # by first word (single-word cues: the word itself)
        self._prefix: dict[str, list[Cue]] = {}  # single-word prefix cues by their stem
        self._plens: set[int] = set()
        for c in cues:
            if len(c.words) == 1 and c.prefix:
                self._prefix.setdefault(c.words[0], []).append(c)
                self._plens.add(len(c.words[0]))
            else:
                self._exact.setdefault(c.words[0], []).append(c)
        self._plens_sorted = sorted(self._plens)
        self._memo: dict[str, tuple] = {}  # word -> what find() does there (_word_actions)

    def find(self, words: list[str]) -> dict[str, list[int]]:
        """Word indices of every cue in ``words``, by class (a multi-word cue at its last word)."""
        out: dict[str, list[int]] = {}
        n = len(words)
        memo = self._memo
        found = list(map(memo.get, words))  # most words are known and do nothing (an empty tuple)
        if None in found:
            for k in compress(range(n), map(is_, found, repeat(None))):
                w = words[k]
                found[k] = acts = self._word_actions(w)
                if len(memo) < 100_000:
                    memo[w] = acts
        for k in compress(range(n), found):  # only the words where something is done
            for single, c in found[k]:
                if single:
                    out.setdefault(c.cls, []).append(k)
                    continue
                m = len(c.words)
                if k + m <= n and all(
                    strip_clitics(words[k + i]) == c.words[i] or words[k + i] == c.words[i] for i in range(1, m)
                ):
                    out.setdefault(c.cls, []).append(k + m - 1)
        return out

    def _word_actions(self, word: str) -> tuple[tuple[bool, Cue], ...]:
        """What :meth:`find` does at a word, in its order: ``(True, cue)`` records the word for a
        one-word cue (exact, then prefix cues), ``(False, cue)`` tries a multi-word cue from it."""
        acts: list[tuple[bool, Cue]] = []
        b = strip_clitics(word)
        for w in ((word,) if word == b else (word, b)):
            for c in self._exact.get(w, ()):
                if len(c.words) == 1:
                    if not c.prefix:
                        acts.append((True, c))
                    continue
                acts.append((False, c))
        for L in self._plens_sorted:
            if L > len(b):
                break
            for c in self._prefix.get(b[:L], ()):
                acts.append((True, c))
        return tuple(acts)

    @staticmethod
    def _near_before(idx: list[int] | None, ti: int, window: int) -> bool:
        return bool(idx) and any(ti - window <= k < ti for k in idx)

    @staticmethod
    def _other(idx: list[int] | None, ti: int) -> bool:
        return bool(idx) and any(k != ti for k in idx)

    @staticmethod
    def _relative_support(words: list[str], ti: int, cues: dict[str, list[int]]) -> bool:
        """"الهجوم الذي شنه …": a support verb right after a relative pronoun after the noun."""
        sup = cues.get("support")
        if not sup:
            return False
        for k in range(ti + 1, min(len(words), ti + 4)):
            if words[k] in RELATIVES:
                return (k + 1) in sup
        return False

    def check(self, words: list[str], ti: int, kind: str, prefix: str, role: str,
              cues: dict[str, list[int]], suffix: str = "", plover: str = "") -> tuple[bool, str]:
        """(keep, reason) for the incident trigger at word ``ti`` (kind noun|nounta|past|pres) of
        PLOVER type ``plover``. Casualty (outcome) cues speak for violence only: for PROTEST the
        crowd cues take their place."""
        if plover == "PROTEST":
            outcome = any(abs(k - ti) <= CROWD_WINDOW for k in cues.get("crowd", ()) if k != ti)
        else:
            outcome = self._other(cues.get("outcome"), ti)
        fresh = self._other(cues.get("fresh"), ti)
        if role == "crowd":
            ok = any(abs(k - ti) <= CROWD_WINDOW for k in cues.get("crowd", ()) if k != ti)
            return ok, "crowd" if ok else "no-crowd-cue"
        if kind == "past" and ti > 0 and prefix in ("", "و", "ف") and (ti - 1) in cues.get("nominal", ()) \
                and (suffix == "" or strip_clitics(words[ti - 1]) not in RELATIVE_NOMINALS):
            # "عمليات خطف", "بعد قتل": the verbal noun of the same letters; with a pronoun suffix too
            # ("محاولات قتله", "تم خطفهم": a possessive), except after من ("من قتله" = who killed him)
            kind, prefix = "noun", ""
        if kind in ("noun", "nounta"):
            if self._near_before(cues.get("background"), ti, BACKGROUND_WINDOW):
                return False, "background"
            support = self._near_before(cues.get("support"), ti, SUPPORT_WINDOW)
            if "ال" in prefix:
                # "نفذ الهجوم" alone is a reference too: the definite noun needs news of the day
                told = support or self._relative_support(words, ti, cues)
                ok = told and (outcome or fresh)
                return ok, "definite+support" if ok else "definite-reference"
            if outcome:
                return True, "indefinite+outcome"
            if _agent_marked(words, ti):
                return True, "indefinite+agent"
            if support and fresh:
                return True, "indefinite+support+fresh"
            return False, "no-cue"
        if kind == "past":
            if ti > 0 and words[ti - 1] in RELATIVES and not (outcome or fresh):
                return False, "relative-background"
            return True, "finite"
        ok = outcome or fresh
        return ok, "present+cue" if ok else "habitual"


def _agent_marked(words: list[str], ti: int) -> bool:
    """"مقتل جنود على يد قوات …": a named perpetrator after the noun makes it a report."""
    for k in range(ti + 1, min(len(words), ti + 9)):
        if words[k] in ("،", ",", ":"):
            return False
        for mark in AGENT_MARKERS:
            if tuple(words[k:k + len(mark)]) == mark:
                return True
    return False


@lru_cache(maxsize=2)
def default_eventive() -> Eventive:
    text = resources.files("rasd.data").joinpath("events/eventive.tsv").read_text("utf-8")
    return Eventive(read_eventive(text))
