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
        alts = []
        for alias in sorted(self.outlets, key=len, reverse=True):
            alts.append(r"\s+".join(re.escape(p) for p in alias.split()))
        return re.compile(r"(?<![\w])(?:و|ف)?(?:ب|ل|لل|ال|بال)?(" + "|".join(alts) + r")(?![\w])")


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
