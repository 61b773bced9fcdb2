"""Loading the time lexicon from ``rasd/data/time/*.tsv``.

Every form is folded with :func:`rasd.normalize.normalize_text` (alef/ya/ta-marbuta forms, diacritics,
tatweel, Arabic-Indic digits, Latin case) so that the finder can match folded text. The files are
read once per process (:func:`load_lexicon` is cached).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..normalize import normalize_text

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "time"


def _rows(path: Path, ncols: int) -> list[list[str]]:
    rows = []
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < ncols:
            raise ValueError(f"{path}:{lineno}: expected {ncols} tab-separated columns, got {len(cols)}")
        rows.append(cols[:ncols])
    return rows


def fold(form: str) -> tuple[str, ...]:
    """The folded words of a lexicon form."""
    return tuple(normalize_text(form).split())


@dataclass
class Phrase:
    words: tuple[str, ...]
    cat: str  # month | weekday | rel
    payload: tuple


@dataclass(eq=False)
class Lexicon:
    # first folded word -> phrases starting with it, longest first
    phrases: dict[str, list[Phrase]] = field(default_factory=dict)
    # folded single word -> {category: value}
    words: dict[str, dict[str, str]] = field(default_factory=dict)

    def known(self, word: str) -> bool:
        return word in self.phrases or word in self.words


def _add_phrase(lex: Lexicon, form: str, cat: str, payload: tuple) -> None:
    words = fold(form)
    if not words:
        return
    lst = lex.phrases.setdefault(words[0], [])
    if any(p.words == words and p.cat == cat for p in lst):
        return
    lst.append(Phrase(words, cat, payload))
    lst.sort(key=lambda p: -len(p.words))


@lru_cache(maxsize=4)
def load_lexicon(data_dir: str | None = None) -> Lexicon:
    d = Path(data_dir) if data_dir else DATA_DIR
    lex = Lexicon()
    for form, cal, month, ctx, _trad in _rows(d / "months.tsv", 5):
        if cal not in ("gregorian", "hijri") or not 1 <= int(month) <= 12:
            raise ValueError(f"months.tsv: bad row {form!r} {cal!r} {month!r}")
        _add_phrase(lex, form, "month", (cal, int(month), ctx == "1"))
    for form, wd, ctx in _rows(d / "weekdays.tsv", 3):
        _add_phrase(lex, form, "weekday", (int(wd), ctx == "1"))
    for form, unit, off in _rows(d / "relative.tsv", 3):
        if unit not in ("day", "week", "month", "year"):
            raise ValueError(f"relative.tsv: bad unit {unit!r} for {form!r}")
        _add_phrase(lex, form, "rel", (unit, int(off)))
    for form, cat, value in _rows(d / "lexicon.tsv", 3):
        words = fold(form)
        if len(words) != 1:
            raise ValueError(f"lexicon.tsv: {form!r} must be a single word")
        lex.words.setdefault(words[0], {}).setdefault(cat, value)
    return lex
