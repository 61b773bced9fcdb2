"""Loading the quote and cited-source knowledge from ``rasd/data/quotes/*.tsv``.

Every form is normalised with :func:`rasd.normalize.normalize_text` at load time, so the matcher compares
normalised tokens with normalised forms (``أكد`` = ``اكد``, ``قائلًا`` = ``قائلا``).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..normalize import normalize_text

DATA_DIR = "quotes"


def norm(form: str) -> str:
    """Normalised, space-folded form of a lexicon entry."""
    return " ".join(normalize_text(form).split())


def _rows(name: str, data_dir: Path | None = None) -> list[list[str]]:
    if data_dir is not None:
        text = (Path(data_dir) / name).read_text("utf-8")
    else:
        text = resources.files("rasd").joinpath("data").joinpath(DATA_DIR).joinpath(name).read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


# clitics the outlet regex allows before an alias: (و|ف)? then one of these (or none)
OUTLET_PREFIXES = ("", "ب", "ل", "لل", "ال", "بال")
# every string those two optional groups can match, longest first
_ALL_WORD = re.compile(r"\w+")
OUTLET_CLITICS = tuple(sorted({a + b for a in ("", "و", "ف") for b in OUTLET_PREFIXES}, key=len, reverse=True))


@dataclass(frozen=True)
class Outlet:
    name: str
    country: str | None
    type: str


@dataclass
class Lexicon:
    speech: dict[str, tuple[str, str]] = field(default_factory=dict)  # form -> (lemma, kind)
    complementizers: set[str] = field(default_factory=set)
    not_after: set[str] = field(default_factory=set)  # "بعد أن": أن is a conjunction here
    unnamed: dict[str, str] = field(default_factory=dict)  # form -> English head
    modifiers: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)  # form (1 or 2 words) -> role class
    outlet_refs: dict[str, str] = field(default_factory=dict)
    org_refs: dict[str, str] = field(default_factory=dict)  # form -> normalised name head
    titles: set[str] = field(default_factory=set)  # words never part of a person's name
    demonyms: dict[str, tuple[str, str]] = field(default_factory=dict)  # form (1-2 words) -> (code, English)
    demonym_by_code: dict[str, str] = field(default_factory=dict)
    outlets: dict[str, tuple[Outlet, bool]] = field(default_factory=dict)  # alias -> (outlet, weak)
    outlet_by_name: dict[str, Outlet] = field(default_factory=dict)
    cues: dict[str, str] = field(default_factory=dict)  # form -> verb|prep|noun|report|credit

    @functools.cached_property
    def outlet_regex(self) -> re.Pattern[str]:
        """One alternation over every alias (longest first), as whole words, allowing و/ب/ل/ال before."""
        return _outlet_pattern(sorted(self.outlets, key=len, reverse=True))

    def outlet_at(self, token: str) -> tuple[re.Pattern[str] | None, frozenset[str] | None]:
        """:attr:`outlet_regex` cut down to the aliases that can match at the start of the word
        ``token`` (a ``\\w+`` run), None if none can: the aliases whose first word is all word
        characters and equals ``token`` without some clitics of :data:`OUTLET_CLITICS` (the first
        word of a match ends where the token ends: a space or a non-word character follows it).
        Same alternation order, so ``outlet_at(token)[0].match(t, p)`` is ``outlet_regex.match(t, p)``
        wherever no alias with a non-word first word starts.

        Second, the tokens that must follow ``token`` for any of those aliases to match, or None when
        one of them may match whatever follows (a one-word alias, or a second word that starts with a
        non-word character): after the spaces, a second alias word starting with a word character
        is the next token's start, and the next token is that word's leading ``\\w+`` run.
        Both are kept per token (:attr:`outlet_at_cache`)."""
        cache = self.outlet_at_cache
        hit = cache.get(token)
        if hit is not None:
            return hit
        by_first = self.__dict__.get("_outlets_by_first")
        if by_first is None:
            by_first = {}
            for alias in sorted(self.outlets, key=len, reverse=True):
                by_first.setdefault(alias.split()[0], []).append(alias)
            self.__dict__["_outlets_by_first"] = by_first
        firsts = {token[len(c):] for c in OUTLET_CLITICS if token.startswith(c)}
        aliases = [a for f in firsts for a in by_first.get(f, ())]
        rx = follow = None
        if aliases:
            order = {a: k for k, a in enumerate(sorted(self.outlets, key=len, reverse=True))}
            rx = _outlet_pattern(sorted(aliases, key=order.__getitem__))
            seconds = [a.split()[1] if " " in a else "" for a in aliases]
            leads = [_ALL_WORD.match(w) for w in seconds]
            if all(leads):
                follow = frozenset(m.group() for m in leads)
        hit = (rx, follow)
        if len(cache) < 50_000:
            cache[token] = hit
        return hit

    @functools.cached_property
    def outlet_at_cache(self) -> dict[str, tuple[re.Pattern[str] | None, frozenset[str] | None]]:
        """Token -> :meth:`outlet_at` of it, for the tokens looked up so far."""
        return {}

    @functools.cached_property
    def outlet_starts(self) -> tuple[frozenset[str], tuple[tuple[str, bool, bool], ...]]:
        """Where :attr:`outlet_regex` can match (a prefilter). An alias whose first word is all word
        characters starts a match only at a token (``\\w+`` run) that is exactly clitics + that word:
        the first member, the set of those tokens. The second: the other first words (with dots or
        hyphens, such as ا.ف.ب), each as ``(word, ends_an_alias, starts_a_longer_alias)``; they are
        few (found by ``str.find``, one C-level search of the text each)."""
        tokens: set[str] = set()
        info: dict[str, list[bool]] = {}
        for alias in self.outlets:
            words = alias.split()
            if _ALL_WORD.fullmatch(words[0]):
                tokens.update(c + words[0] for c in OUTLET_CLITICS)
                continue
            flags = info.setdefault(words[0], [False, False])
            flags[0 if len(words) == 1 else 1] = True
        return frozenset(tokens), tuple((w, single, multi) for w, (single, multi) in info.items())


def _outlet_pattern(aliases: list[str]) -> re.Pattern[str]:
    """The outlet regex over ``aliases`` (in this order): whole words, و/ف and ب/ل/لل/ال/بال allowed before."""
    alts = [r"\s+".join(re.escape(p) for p in alias.split()) for alias in aliases]
    return re.compile(r"(?<![\w])(?:و|ف)?(?:" + "|".join(OUTLET_PREFIXES[1:]) + r")?("
                      + "|".join(alts) + r")(?![\w])")


def _inflect_nisba(form: str) -> list[str]:
    """``روسي`` -> روسي روسيه روسيون روسيين الروسي الروسيه …; other forms with and without ال."""
    if not form.endswith("ي"):
        return [form, "ال" + form]
    out = []
    for suffix in ("", "ه", "ون", "ين", "ان"):
        out.append(form + suffix)
        out.append("ال" + form + suffix)
    return out


def load_lexicon(data_dir: str | Path | None = None) -> Lexicon:
    d = Path(data_dir) if data_dir is not None else None
    lex = Lexicon()
    for lemma, kind, forms in _rows("speech_verbs.tsv", d):
        for f in forms.split(","):
            if f.strip():
                lex.speech[norm(f)] = (lemma, kind)
    for row in _rows("complementizers.tsv", d):
        if len(row) > 1 and row[1] == "not_after":
            lex.not_after.add(norm(row[0]))
        else:
            lex.complementizers.add(norm(row[0]))
    for form, kind, value in _rows("speaker_nouns.tsv", d):
        f = norm(form)
        if kind == "unnamed":
            lex.unnamed[f] = value
        elif kind == "modifier":
            lex.modifiers[f] = value
        elif kind == "role":
            lex.roles[f] = value
        elif kind == "outlet_ref":
            lex.outlet_refs[f] = value
        elif kind == "org_ref":
            lex.org_refs[f] = norm(value)
        elif kind == "title":
            lex.titles.add(f)
        else:
            raise ValueError(f"speaker_nouns.tsv: unknown kind {kind!r} for {form!r}")
    for code, english, forms in _rows("demonyms.tsv", d):
        lex.demonym_by_code.setdefault(code, english)
        for f in forms.split(","):
            words = norm(f).split()
            if not words:
                continue
            variants = [_inflect_nisba(w) for w in words]
            # inflect every word alike (الكوري الشمالي, الكوريه الشماليه, كوريون شماليون)
            for i in range(len(variants[0])):
                lex.demonyms[" ".join(v[i] if i < len(v) else v[-1] for v in variants)] = (code, english)
    for row in _rows("outlets.tsv", d):
        name, country, otype, aliases, weak = (row + ["-"] * 5)[:5]
        outlet = Outlet(name, None if country in ("", "-") else country, otype)
        lex.outlet_by_name[name] = outlet
        lex.outlet_by_name[norm(name)] = outlet
        for alias_list, is_weak in ((aliases, False), (weak, True)):
            if alias_list in ("", "-"):
                continue
            for a in alias_list.split(","):
                a = norm(a)
                if a and a != "-":
                    lex.outlets.setdefault(a, (outlet, is_weak))
    for form, kind in _rows("source_cues.tsv", d):
        lex.cues[norm(form)] = kind
    return lex


@functools.lru_cache(maxsize=4)
def default_lexicon() -> Lexicon:
    return load_lexicon()
