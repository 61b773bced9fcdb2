"""The actor knowledge base: countries, nisba adjectives, capitals, organisations, people with
dated roles, role titles and institutions, loaded from the data files in ``rasd/data/actors/``.

Public entry points (used by the matcher stage and by ``actors.unknown.v1``):

- :func:`load_kb` ``(extra_files=())`` → :class:`KB` (cached for the packaged data alone);
- :meth:`KB.country_of_nisba` ``(word)`` → ISO alpha-3 code of a nisba adjective or demonym
  (``"الروسي"`` / ``"والروسية"`` / ``"الكوريين الشماليين"`` → ``"RUS"`` / ``"RUS"`` / ``"PRK"``),
  clitics and inflection tolerated; ``None`` when unknown;
- :meth:`KB.holders` ``(role, of, date)`` → persons holding a role (``"president"``, ``"RUS"``) at a date;
- :func:`covered_spans` ``(doc)`` → sorted ``(start, end)`` spans already taken by actor mentions.

Every data file is a UTF-8 TSV: ``#`` lines are comments (each file starts with a header
comment saying its columns and its source), the first non-comment line names the columns.
Multi-valued cells are separated by ``|``. See ``rasd/data/actors/README.md``.

Matching keys are built with :func:`fold`: the package normaliser (:func:`rasd.normalize.normalize_text`)
plus a one-to-one fold of transliteration variants (غ→ج, ڤ→ف, پ→ب, چ→ج) so that offsets of the
normalised text stay valid for the folded text.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..normalize import normalize_text

DATA_PACKAGE = "rasd.data.actors"

# One-to-one folds applied after normalisation (same length, so offsets stay valid).
_VARIANT_PAIRS = (("غ", "ج"), ("ڤ", "ف"), ("پ", "ب"), ("چ", "ج"), ("ڨ", "ق"), ("ژ", "ز"))
_VARIANT_FOLD = str.maketrans(dict(_VARIANT_PAIRS))

# Clitic prefixes (folded). NOART: before a bare noun; ART: ending in the article (or the fused لل).
NOART_PREFIXES = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
ART_PREFIXES = frozenset({"ال", "وال", "فال", "بال", "كال", "وبال", "وكال", "فبال", "فكال",
                          "لل", "ولل", "فلل"})
ANY_PREFIXES = NOART_PREFIXES | ART_PREFIXES

# Nisba inflection: masculine singular ending in ي → these endings (folded: ة → ه).
NISBA_SUFFIXES = ("ي", "يه", "يون", "يين", "يان", "يتان", "يتين", "يات")

KINDS = ("person", "country", "organization", "city", "group")

_WORD = re.compile(r"[\u0621-\u064a\u0660-\u0669\u066e-\u06d3a-z0-9]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Matching key of a text: normalised, transliteration variants folded, spaces collapsed.
    (Cached: the KB forms are folded again each time a matcher is built.)"""
    return " ".join(normalize_text(text).translate(_VARIANT_FOLD).split())


def fold_same_length(normalised: str) -> str:
    """Fold variants of an already normalised text without changing its length."""
    out = normalised
    for a, b in _VARIANT_PAIRS:
        if a in out:
            out = out.replace(a, b)
    return out


# longest first (a word starts with at most one prefix of each length, so ties never matter)
_PREFIXES_LONGEST_FIRST = tuple((p, p in ART_PREFIXES) for p in sorted(ANY_PREFIXES, key=len, reverse=True) if p)


def strip_clitics(word: str) -> list[tuple[str, bool]]:
    """Possible (stem, had_article) readings of one folded word after removing clitic prefixes."""
    out = [(word, False)]
    n = len(word)
    for p, art in _PREFIXES_LONGEST_FIRST:
        if word.startswith(p) and n - len(p) >= 2:
            out.append((word[len(p):], art))
    return out


@dataclass
class Entry:
    """One canonical actor of the KB."""

    key: str
    kind: str
    name: str
    name_ar: str | None = None
    country: str | None = None
    code: str | None = None
    aliases: list[str] = field(default_factory=list)  # standalone surface forms (Arabic)
    guarded: list[str] = field(default_factory=list)  # forms that need supporting context
    short: list[str] = field(default_factory=list)  # forms valid once the actor is in the document
    first_names: list[str] = field(default_factory=list)  # for persons: given-name spellings
    flags: set[str] = field(default_factory=set)  # media, igo, metonym, ...
    source: str = ""

    def to_actor_fields(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "name_ar": self.name_ar,
                "country": self.country, "code": self.code, "key": self.key}


@dataclass
class Role:
    person: str  # Entry key
    role: str  # president, prime_minister, foreign_minister, spokesperson, ...
    of: str  # country alpha-3, entity key or institution key (e.g. "USA.MFA")
    start: _dt.date
    end: _dt.date | None
    source: str = ""

    def active(self, date: _dt.date) -> bool:
        return self.start <= date and (self.end is None or date <= self.end)


@dataclass
class Institution:
    """A state institution named by a head phrase plus a nationality (وزارة الخارجية اليابانية)."""

    id: str
    heads: list[str]  # folded head phrases, with article, followed by a nisba
    construct: list[str]  # folded head phrases in construct state, followed by a country name
    template: str  # English name template with {country}
    sector: str  # CAMEO sector code appended to the country code (GOV, MIL, ...)
    bare: bool  # may stand alone and corefer to an earlier qualified mention


@dataclass
class Title:
    form: str  # folded phrase (with or without article, as written)
    role: str
    qualifier: str  # "nisba" (الرئيس الروسي) | "construct" (وزير خارجية اليابان) | "of" (المتحدث باسم X)


ROLE_GROUPS = {
    "president": "head_of_state", "leader": "head_of_state", "king": "head_of_state",
    "emir": "head_of_state", "sultan": "head_of_state", "head_of_state": "head_of_state",
    "prime_minister": "head_of_government", "chancellor": "head_of_government",
    "foreign_minister": "foreign_minister", "defense_minister": "defense_minister",
}


def _parse_date(s: str) -> _dt.date | None:
    s = s.strip()
    if not s:
        return None
    if len(s) == 4:
        s += "-01-01"
    elif len(s) == 7:
        s += "-01"
    return _dt.date.fromisoformat(s)


def read_tsv(text: str, origin: str = "<tsv>") -> Iterator[dict[str, str]]:
    """Rows of a documented TSV: ``#`` comments, then a header line naming the columns."""
    header: list[str] | None = None
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            continue
        row = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        row["_where"] = f"{origin}:{n}"
        yield row


def _split(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


def nisba_inflections(form: str) -> list[str]:
    """Folded inflections of a masculine nisba (one word or two, each word inflected alike).

    ``"روسي"`` → روسي, روسيه, روسيون, روسيين, …; ``"كوري شمالي"`` → كوري شمالي, كوريه شماليه, …
    Words not ending in ي are kept as they are.
    """
    words = fold(form).split()
    out = []
    for suf in NISBA_SUFFIXES:
        ws = [w[:-1] + suf if w.endswith("ي") else w for w in words]
        out.append(" ".join(ws))
    return out


class KB:
    """The loaded knowledge base (see module docstring). Build with :func:`load_kb`."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.roles: list[Role] = []
        self.nisba: dict[str, str] = {}  # folded form (indefinite, no article) -> country code
        self.nisba_def: dict[str, str] = {}  # folded multiword form with inner articles -> code
        self.institutions: dict[str, Institution] = {}
        self.institution_names: dict[tuple[str, str], str] = {}  # (inst id, country) -> name or =key
        self.titles: list[Title] = []
        self.stop: set[str] = set()  # folded non-actor phrases
        self.cues: dict[str, set[str]] = {}  # cue class -> folded cue words
        self.geo_nouns: set[str] = set()  # folded nouns after which a nisba is geographic
        self.first_names: dict[str, set[str]] = {}  # folded given name -> folded variants
        self.files: list[str] = []
        self._roles_by: dict[tuple[str, str], list[Role]] = {}
        self._nisba_cache: dict[str, str | None] = {}  # word -> country_of_nisba(word)
        self._nisba_cache_sizes: tuple[int, int] = (-1, -1)
        self._roles_of: dict[str, list[Role]] = {}
        self._roles_of_n = -1

    # -- queries -----------------------------------------------------------------
    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def country_of_nisba(self, word: str) -> str | None:
        """ISO alpha-3 (or bloc code such as WST/EUR) of a nisba adjective or demonym.

        ``word`` may carry clitics (و ف ب ل ك ال لل …) and inflection (ـي ـية ـيون ـيين …);
        it is normalised here. Two-word nisbas (الكوري الشمالي) are accepted.
        """
        sizes = (len(self.nisba), len(self.nisba_def))
        if self._nisba_cache_sizes != sizes:  # the tables changed (or first call): start afresh
            self._nisba_cache = {}
            self._nisba_cache_sizes = sizes
        cache = self._nisba_cache
        if word in cache:
            return cache[word]
        if len(cache) >= 100_000:
            cache.clear()
        code = cache[word] = self._country_of_nisba(word)
        return code

    def _country_of_nisba(self, word: str) -> str | None:
        f = fold(word)
        if not f:
            return None
        first, _, rest = f.partition(" ")
        for stem, _art in strip_clitics(first):
            cand = stem + (" " + rest if rest else "")
            code = self.nisba.get(cand) or self.nisba_def.get(cand)
            if code:
                return code
        return None

    def country_entry(self, code: str) -> Entry | None:
        e = self.entries.get(code)
        return e if e is not None and e.kind in ("country", "group") else None

    def holders(self, role: str, of: str, date: _dt.date) -> list[str]:
        """Person keys holding ``role`` of ``of`` (country code or entity/institution key) at ``date``,
        most recently started first."""
        rs = [r for r in self._roles_by.get((role, of), ()) if r.active(date)]
        rs.sort(key=lambda r: r.start, reverse=True)
        return [r.person for r in rs]

    def roles_of(self, person: str, date: _dt.date) -> list[Role]:
        if self._roles_of_n != len(self.roles):  # index by person, in list order (rebuilt if roles grew)
            by: dict[str, list[Role]] = {}
            for r in self.roles:
                by.setdefault(r.person, []).append(r)
            self._roles_of, self._roles_of_n = by, len(self.roles)
        return [r for r in self._roles_of.get(person, ()) if r.active(date)]

    def institution_name(self, inst: Institution, country: str) -> tuple[str, str | None]:
        """(English name, entity key or None) of an institution of a country."""
        ov = self.institution_names.get((inst.id, country))
        if ov and ov.startswith("="):
            e = self.entries.get(ov[1:])
            if e is not None:
                return e.name, e.key
        if ov:
            return ov, None
        ce = self.entries.get(country)
        cname = ce.name if ce else country
        return inst.template.format(country=cname), None

    def __len__(self) -> int:
        return len(self.entries)

    # -- building ---------------------------------------------------------------------
    def add_entry(self, e: Entry, merge: bool = True) -> Entry:
        old = self.entries.get(e.key)
        if old is None or not merge:
            self.entries[e.key] = e
            return e
        for attr in ("kind", "name", "name_ar", "country", "code", "source"):
            v = getattr(e, attr)
            if v:
                setattr(old, attr, v)
        for attr in ("aliases", "guarded", "short", "first_names"):
            cur = getattr(old, attr)
            cur.extend(x for x in getattr(e, attr) if x not in cur)
        old.flags |= e.flags
        return old

    def finish(self) -> None:
        self._roles_of_n = -1
        self._roles_by = {}
        for r in self.roles:
            self._roles_by.setdefault((r.role, r.of), []).append(r)


# ---------------------------------------------------------------------------------------
# Loading

def _read_packaged(name: str) -> str | None:
    f = resources.files(DATA_PACKAGE).joinpath(name)
    try:
        return f.read_text("utf-8")
    except FileNotFoundError:
        return None


def _entry_from_row(row: dict[str, str], default_kind: str | None = None) -> Entry:
    kind = row.get("kind") or default_kind or "organization"
    if kind not in KINDS:
        raise ValueError(f"{row['_where']}: kind {kind!r} is not one of {', '.join(KINDS)}")
    aliases, guarded = [], []
    for a in _split(row.get("aliases_ar")):
        (guarded if a.startswith("?") else aliases).append(a.lstrip("?"))
    name_ar = row.get("name_ar") or None
    if name_ar:
        if name_ar.startswith("?"):
            name_ar = name_ar[1:]
            guarded.insert(0, name_ar)
        else:
            aliases.insert(0, name_ar)
    return Entry(
        key=row.get("key") or row.get("code") or row["name_en"],
        kind=kind,
        name=row.get("name_en") or row.get("key") or "",
        name_ar=name_ar,
        country=row.get("country") or None,
        code=row.get("code") or None,
        aliases=aliases,
        guarded=guarded,
        short=_split(row.get("short_ar")),
        first_names=_split(row.get("first_ar")),
        flags=set(_split(row.get("flags", "").replace(",", "|"))),
        source=row.get("source", ""),
    )


def _load_entries(kb: KB, text: str, origin: str, default_kind: str | None = None) -> None:
    for row in read_tsv(text, origin):
        if row.get("flags", "").strip() == "remove":
            kb.entries.pop(row.get("key", ""), None)
            continue
        kb.add_entry(_entry_from_row(row, default_kind))


def _load_countries(kb: KB, text: str, origin: str) -> None:
    for row in read_tsv(text, origin):
        code = row["code"]
        name_ar = row["name_ar"]
        guarded = name_ar.startswith("?")
        name_ar = name_ar.lstrip("?")
        e = Entry(key=code, kind="country", name=row["name_en"], name_ar=name_ar or None,
                  country=code, code=code,
                  aliases=[a for a in [None if guarded else name_ar, *_split(row.get("aliases_ar"))] if a],
                  guarded=[name_ar] if guarded else [],
                  source=row.get("source", ""))
        kb.add_entry(e)


def _load_capitals(kb: KB, text: str, origin: str) -> None:
    for row in read_tsv(text, origin):
        country = row["country"]
        forms = _split(row.get("forms_ar"))
        key = row.get("key") or f"{country}.capital"
        e = Entry(key=key, kind="city", name=row["name_en"], name_ar=forms[0].lstrip("?") if forms else None,
                  country=country, code=country,
                  aliases=[f for f in forms if not f.startswith("?")],
                  guarded=[f[1:] for f in forms if f.startswith("?")],
                  flags={"capital"}, source=row.get("source", ""))
        kb.add_entry(e)


def _load_nisba(kb: KB, text: str, origin: str) -> None:
    for row in read_tsv(text, origin):
        code = row["code"]
        for form in _split(row.get("forms_ar")):
            words = fold(form).split()
            for inf in nisba_inflections(form):
                kb.nisba.setdefault(inf, code)
                if len(words) > 1:  # definite compound: every word after the first has ال
                    ws = inf.split()
                    kb.nisba_def.setdefault(" ".join([ws[0]] + ["ال" + w for w in ws[1:]]), code)
        for form in _split(row.get("plurals_ar")):
            f = fold(form)
            if f.startswith("ال"):
                f = f[2:]
            kb.nisba.setdefault(f, code)


_TITLE_WORDS = {"الملك", "الملكة", "الأمير", "الشيخ", "السلطان", "الرئيس"}
_PATRONYM = {"بن", "ابن", "آل", "أبو", "أبي", "عبد"}
_ORDINALS = {"الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثانية"}


def _load_people(kb: KB, text: str, origin: str) -> None:
    for row in read_tsv(text, origin):
        e = _entry_from_row(row, "person")
        e.kind = "person"
        if not e.short and e.name_ar:
            words = e.name_ar.split()
            if words[0] in _TITLE_WORDS:
                words = words[1:]
            if not any(w in _PATRONYM for w in words):
                if len(words) >= 2 and len(words[-1]) >= 4 and words[-1] not in _ORDINALS:
                    e.short.append(words[-1])
                if len(words) >= 3 and words[-1] not in _ORDINALS:
                    e.short.append(f"{words[0]} {words[-1]}")
        if not e.first_names and e.name_ar and len(e.name_ar.split()) >= 2:
            e.first_names.append(e.name_ar.split()[0])
        if not e.code and e.country:
            e.code = e.country
        kb.add_entry(e)
        for item in (row.get("roles") or "").split(";"):
            parts = item.split()
            if not parts:
                continue
            if len(parts) not in (3, 4):
                raise ValueError(f"{row['_where']}: role {item.strip()!r} is not 'role OF START [END]'")
            kb.roles.append(Role(person=e.key, role=parts[0], of=parts[1], start=_parse_date(parts[2]),
                                 end=_parse_date(parts[3]) if len(parts) == 4 else None, source="curated"))


def _load_roles(kb: KB, text: str, origin: str) -> None:
    for row in read_tsv(text, origin):
        start = _parse_date(row["start"])
        if start is None:
            raise ValueError(f"{row['_where']}: a role needs a start date")
        kb.roles.append(Role(person=row["person"], role=row["role"], of=row["of"], start=start,
                             end=_parse_date(row.get("end", "")), source=row.get("source", "")))


def _load_titles(kb: KB, text: str, origin: str) -> None:
    for row in read_tsv(text, origin):
        for form in _split(row["forms_ar"]):
            kb.titles.append(Title(form=fold(form), role=row["role"], qualifier=row["qualifier"]))


def _load_institutions(kb: KB, text: str, origin: str) -> None:
    for row in read_tsv(text, origin):
        kb.institutions[row["id"]] = Institution(
            id=row["id"], heads=[fold(h) for h in _split(row["heads_ar"])],
            construct=[fold(h) for h in _split(row.get("construct_ar"))],
            template=row["name_en"], sector=row.get("sector", "GOV"), bare=row.get("bare", "") == "yes")


def _load_institution_names(kb: KB, text: str, origin: str) -> None:
    for row in read_tsv(text, origin):
        kb.institution_names[(row["id"], row["country"])] = row["name_en"]


def _load_lexicon(kb: KB, text: str, origin: str) -> None:
    for row in read_tsv(text, origin):
        cls = row["class"]
        for w in _split(row["forms_ar"]):
            f = fold(w)
            if cls == "stop":
                kb.stop.add(f)
            elif cls == "geo":
                kb.geo_nouns.add(f)
            else:
                kb.cues.setdefault(cls, set()).add(f)


def _load_first_names(kb: KB, text: str, origin: str) -> None:
    for row in read_tsv(text, origin):
        forms = {fold(f) for f in _split(row["forms_ar"])}
        for f in forms:
            kb.first_names.setdefault(f, set()).update(forms)


# file name -> loader, in loading order
PACKAGED_FILES = (
    ("countries.tsv", _load_countries),
    ("capitals.tsv", _load_capitals),
    ("entities.tsv", _load_entries),
    ("people.tsv", _load_people),
    ("people_extra.tsv", _load_people),
    ("roles.tsv", _load_roles),
    ("nisba.tsv", _load_nisba),
    ("titles.tsv", _load_titles),
    ("institutions.tsv", _load_institutions),
    ("institution_names.tsv", _load_institution_names),
    ("lexicon.tsv", _load_lexicon),
    ("first_names.tsv", _load_first_names),
)


def load_user_file(kb: KB, path: str | Path) -> None:
    """Merge a user file into ``kb``: YAML/JSON (a list of entries, see README) or a TSV in the
    ``entities.tsv`` / ``people.tsv`` format. Entries with an existing key override its fields and
    extend its aliases; ``remove: true`` deletes an entry."""
    p = Path(path)
    text = p.read_text("utf-8")
    if p.suffix.lower() in (".tsv", ".txt"):
        _load_entries(kb, text, str(p))
        kb.files.append(str(p))
        return
    import yaml

    data = yaml.safe_load(text) or []
    if isinstance(data, dict):
        data = data.get("actors", [])
    if not isinstance(data, list):
        raise ValueError(f"{p}: expected a list of actor entries (or a mapping with 'actors:')")
    for n, item in enumerate(data):
        if not isinstance(item, dict):
            raise ValueError(f"{p}: entry {n} is not a mapping")
        key = str(item.get("key") or item.get("code") if item.get("kind") == "country" else
                  item.get("key") or item.get("name"))
        if item.get("remove"):
            kb.entries.pop(key, None)
            continue
        aliases = [str(a) for a in item.get("aliases", [])]
        e = Entry(key=key, kind=item.get("kind", "person" if "roles" in item else "organization"),
                  name=item.get("name", key), name_ar=item.get("name_ar"),
                  country=item.get("country"), code=item.get("code"),
                  aliases=([item["name_ar"]] if item.get("name_ar") else []) + [a for a in aliases if not a.startswith("?")],
                  guarded=[a[1:] for a in aliases if a.startswith("?")],
                  short=[str(s) for s in item.get("short", [])],
                  first_names=[str(s) for s in item.get("first_names", [])],
                  flags=set(item.get("flags", [])), source=f"user:{p.name}")
        if e.kind not in KINDS:
            raise ValueError(f"{p}: entry {key!r}: kind {e.kind!r} is not one of {', '.join(KINDS)}")
        if item.get("replace"):
            kb.entries.pop(key, None)
            kb.roles = [r for r in kb.roles if r.person != key]
        kb.add_entry(e)
        for r in item.get("roles", []) or []:
            kb.roles.append(Role(person=key, role=r["role"], of=r.get("of") or e.country or "",
                                 start=_parse_date(str(r.get("start", "1900"))) or _dt.date(1900, 1, 1),
                                 end=_parse_date(str(r.get("end") or "")), source=e.source))
    kb.files.append(str(p))


def _build(extra_files: tuple[str, ...]) -> KB:
    kb = KB()
    for name, loader in PACKAGED_FILES:
        text = _read_packaged(name)
        if text is None:
            continue
        loader(kb, text, name)
        kb.files.append(name)
    for f in extra_files:
        load_user_file(kb, f)
    kb.finish()
    return kb


@lru_cache(maxsize=8)
def _cached(extra_files: tuple[str, ...]) -> KB:
    return _build(extra_files)


def load_kb(extra_files: Iterable[str | Path] = ()) -> KB:
    """The knowledge base from the packaged data files plus user files (``--actors my.yaml``).

    Results are cached per tuple of file paths; treat the returned KB as read-only.
    """
    return _cached(tuple(str(f) for f in extra_files))


def covered_spans(doc) -> list[tuple[int, int]]:
    """Sorted ``(start, end)`` spans of ``doc.body`` already covered by actor mentions."""
    return sorted((m.start, m.end) for a in doc.actors for m in a.mentions)
