"""Pronoun arguments: which actor a pronoun subject or object refers to, by grammatical gender.

Arabic verbs and pronoun suffixes carry gender: "قالت" / "تعتزم" / "عليها" point to a feminine
antecedent (a state, a city, a ministry, the UN), "قال" / "يسعى" / "عليه" to a masculine one (a person,
the Security Council, the army). The gender of an actor mention comes from ``data/events/gender.tsv``
(exceptions) and defaults: persons masculine, states and cities feminine, organisations feminine when
their first or last word ends in ة. A nisba mention carries the gender of its head noun (الخارجية
الروسية: feminine; الجيش الروسي: masculine).

The resolver prefers the sentence's main subject when it agrees; otherwise the nearest agreeing
actor before the pronoun in the sentence, then in the previous sentences (most recent first).
"""
from __future__ import annotations

from functools import lru_cache

from ..normalize import normalize_text
from .lexicon import _read_data

MASC, FEM = "m", "f"
_CLITICS = ("وال", "فال", "بال", "لل", "ال", "و", "ف", "ب", "ل")


def read_genders(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + ["", ""])[:2]
        if cols[0] == "form":
            continue
        g = cols[1].strip()
        if g not in (MASC, FEM):
            raise ValueError(f"gender.tsv line {n}: gender must be m or f, not {g!r}")
        out[normalize_text(cols[0].strip())] = g
    return out


@lru_cache(maxsize=1)
def default_genders() -> dict[str, str]:
    return read_genders(_read_data("gender.tsv"))


def _strip(w: str) -> str:
    for c in _CLITICS:
        if w.startswith(c) and len(w) - len(c) >= 3:
            return w[len(c):]
    return w


_CACHE: dict[tuple, str | None] = {}


def mention_gender(kind: str | None, surface: list[str], adj: bool = False,
                   table: dict[str, str] | None = None) -> str | None:
    """Grammatical gender of an actor mention (normalised ``surface`` words)."""
    if not surface:
        return None
    if table is not None:
        return _mention_gender(kind, surface, adj, table)
    key = (kind, surface[0], surface[-1], adj)
    g = _CACHE.get(key, "?")
    if g == "?":
        g = _mention_gender(kind, surface, adj, default_genders())
        if len(_CACHE) < 100_000:
            _CACHE[key] = g
    return g


def _mention_gender(kind: str | None, surface: list[str], adj: bool, table: dict[str, str]) -> str | None:
    w = surface[-1]
    if len(w) > 5 and w.endswith(("يين", "يون")):
        return None  # a plural demonym (الفلسطينيين، الروس…ون) is people: never a singular antecedent
    if adj:  # nisba: agrees with its head noun
        return FEM if w.endswith(("يه", "يات")) else MASC if w.endswith("ي") else None
    first = _strip(surface[0])
    g = table.get(first)
    if g is not None:
        return g
    if kind == "person":
        return MASC
    if kind in ("country", "city"):
        return FEM
    last = _strip(surface[-1])
    if first.endswith("ه") or last.endswith("ه"):
        return FEM
    return MASC


_PRES_SUBJECT_PLURAL = ("ون", "ان", "وا", "ن")


def verb_gender(kind: str, prefix: str, suffix: str) -> str | None:
    """Gender of a verb's pronoun subject in the third person singular (None: plural, dual, first
    person or unknown)."""
    if kind == "past":
        if suffix.startswith(("تم", "تن", "نا", "وا")) or suffix.startswith("ا"):
            return None
        if suffix.startswith("ت"):
            return FEM if not suffix.startswith("تا") else None
        return MASC
    if kind == "pres":
        p = prefix[-1:] if prefix else ""
        if suffix.startswith(_PRES_SUBJECT_PLURAL):
            return None
        return FEM if p == "ت" else MASC if p == "ي" else None
    return None


def pronoun_gender(suffix: str) -> str | None:
    """Gender of a singular pronoun suffix: ها → f, ه → m (هم، هما → None)."""
    if suffix.endswith("ها"):
        return FEM
    if suffix.endswith("ه") and not suffix.endswith(("هم", "هما")):
        return MASC
    return None


def resolve(gender: str | None, main_subject: list, antecedents: list, exclude=()) -> list:
    """The antecedent of a pronoun of ``gender``: the main subject when it agrees, else the nearest
    agreeing actor in ``antecedents`` (most recent first) whose code is not in ``exclude``; the
    main subject when the gender is unknown."""
    ms = [m for m in main_subject if m.code not in exclude]
    if gender is None:
        return ms
    if ms and all(getattr(m, "gender", None) in (None, gender) for m in ms):
        return ms
    for m in antecedents:
        if m.code in exclude:
            continue
        if getattr(m, "gender", None) == gender:
            return [m]
    return ms


# -- "بلاده": the state of the person it refers to --------------------------------------------------

HOMELAND_CLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")


@lru_cache(maxsize=1)
def default_homeland_forms() -> dict[str, str]:
    """``data/events/homeland.tsv``: normalised form → gender of its owner."""
    return read_genders(_read_data("homeland.tsv"))


def homeland_mentions(words: list[str], mentions: list, antecedents: list, countries: dict,
                      forms: dict[str, str] | None = None) -> list:
    """Mentions for "بلاده"/"بلادها" (his/her country) in a sentence's normalised ``words``: each
    stands for the state of its owner, the nearest person mention before it in the sentence whose
    gender agrees, else the most recent agreeing person of ``antecedents`` (previous sentences, most
    recent first). ``countries`` maps a code to the document's state actor for that code (the
    mention's actor; the owner itself when the state is not named). Returns new
    :class:`rasd.events.arguments.Mention` objects (feminine: a state)."""
    from .arguments import Mention  # arguments imports this module

    forms = default_homeland_forms() if forms is None else forms
    out = []
    for k, w in enumerate(words):
        prefix = ""
        if w not in forms:
            for c in HOMELAND_CLITICS:
                if w.startswith(c) and w[len(c):] in forms:
                    prefix, w = c, w[len(c):]
                    break
            else:
                continue
        g = forms[w]
        owner = None
        for m in reversed(mentions):
            if m.j < k and getattr(m.actor, "kind", None) == "person" and m.gender in (None, g):
                owner = m
                break
        if owner is None:
            for m in antecedents:
                if getattr(m.actor, "kind", None) == "person" and m.gender in (None, g):
                    owner = m
                    break
        if owner is None:
            continue
        out.append(Mention(k, k, owner.code, countries.get(owner.code, owner.actor),
                           prep=prefix[-1:] in ("ب", "ل"), conj=prefix[:1] == "و", gender=FEM))
    return out
