"""Labels, directions, dates and actor names in the reader's language (labels in ``i18n.json``)."""
from __future__ import annotations

import datetime as _dt
import json
from functools import lru_cache
from importlib import resources
from typing import Any

LANGS = ("ar", "en")
DEFAULT_LANG = "ar"


@lru_cache(maxsize=1)
def catalog() -> dict[str, Any]:
    data = json.loads(resources.files("rasd.serve").joinpath("i18n.json").read_text(encoding="utf-8"))
    missing = set(data["en"]) ^ set(data["ar"])
    if missing:
        raise ValueError(f"i18n.json: keys not in both languages: {sorted(missing)}")
    return data


def labels(lang: str) -> dict[str, str]:
    return catalog()[lang if lang in LANGS else DEFAULT_LANG]


def pick_lang(query_lang: str | None, cookie_lang: str | None) -> str:
    for v in (query_lang, cookie_lang):
        if v in LANGS:
            return v  # type: ignore[return-value]
    return DEFAULT_LANG


def quad_label(q: Any, lang: str) -> str:
    return catalog()["quad"][lang].get(str(q), str(q))


def plover_label(p: str | None, lang: str) -> str:
    if not p:
        return ""
    return catalog()["plover"][lang].get(p, p)


def format_date(value: str | None, lang: str) -> str:
    """``YYYY-MM-DD`` as a long date in the language (``YYYY-MM`` as month and year)."""
    if not value:
        return ""
    try:
        from babel.dates import format_date as _fd
    except ImportError:  # babel is optional: show ISO dates
        return value
    loc = labels(lang)["babel_locale"]
    try:
        if len(value) >= 10:
            return _fd(_dt.date.fromisoformat(value[:10]), format="long", locale=loc)
        if len(value) == 7:
            return _fd(_dt.date.fromisoformat(value + "-01"), format="MMMM y", locale=loc)
    except ValueError:
        pass
    return value


def bucket_label(bucket: str, lang: str) -> str:
    """A timeline bucket (``YYYY-MM-DD`` day or week start, ``YYYY-MM`` month) as a short axis label
    in the language: "19 يونيو 2024" / "Jun 2024" (ISO when babel is missing)."""
    try:
        from babel.dates import format_date as _fd
    except ImportError:
        return bucket
    loc = labels(lang)["babel_locale"]
    try:
        if len(bucket) == 7:
            return _fd(_dt.date.fromisoformat(bucket + "-01"), format="MMM y", locale=loc)
        return _fd(_dt.date.fromisoformat(bucket[:10]), format="d MMM y", locale=loc)
    except ValueError:
        return bucket


class Names:
    """Display names of actors: Arabic name in Arabic when known, else the English canonical name."""

    def __init__(self, known: dict[str, dict[str, Any]], lang: str):
        self.known = known
        self.lang = lang
        self.by_code = {}
        for d in known.values():
            if d.get("kind") == "country" and d.get("code"):
                self.by_code.setdefault(d["code"], d)

    def info(self, name: str | None, code: str | None = None) -> dict[str, Any] | None:
        if name and name in self.known:
            return self.known[name]
        if not name and code:
            return self.by_code.get(code)
        return None

    def label(self, name: str | None, code: str | None = None) -> str:
        info = self.info(name, code)
        if info is not None:
            if self.lang == "ar" and info.get("name_ar"):
                return info["name_ar"]
            return info.get("name") or name or code or ""
        return name or code or ""

    def actor_id(self, name: str | None, code: str | None = None) -> str | None:
        info = self.info(name, code)
        return info["id"] if info else None
