"""Arabic → Latin transliteration of person names.

:func:`transliterate_name` first asks ``arabic_name_romanizer`` (offline: a names dictionary and a
small ONNX model inside the package, run by ``onnxruntime``), which gives the spellings news agencies
use ("Ahmed Aboul Gheit", "Maria Zakharova"). When that package is missing or fails, it falls back to
:func:`rules_transliterate`, a simple letter map read from ``rasd/data/actors/translit_letters.tsv``.
"""
from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

log = logging.getLogger(__name__)

LETTERS_FILE = "data/actors/translit_letters.tsv"
_MARKS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u0640\u200c\u200d]")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LOWER_PARTICLES = {"bin", "bint", "al-"}


@dataclass(frozen=True)
class LetterMap:
    consonants: dict[str, str]
    vowels: dict[str, str]
    particles: dict[str, str]

    @classmethod
    def load(cls, text: str | None = None) -> "LetterMap":
        if text is None:
            text = resources.files("rasd").joinpath(LETTERS_FILE).read_text("utf-8")
        cons, vow, part = {}, {}, {}
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 3:
                continue
            ar, lat, kind = cols[0], cols[1], cols[2].strip()
            {"C": cons, "V": vow, "P": part}.get(kind, {})[ar] = lat
        return cls(cons, vow, part)


@lru_cache(maxsize=1)
def letter_map() -> LetterMap:
    return LetterMap.load()


def _cap(s: str) -> str:
    for i, ch in enumerate(s):
        if ch.isalpha():
            return s[:i] + ch.upper() + s[i + 1:]
    return s


def _word(word: str, lm: LetterMap) -> str:
    if word in lm.particles:
        return lm.particles[word]
    prefix = ""
    for p in sorted((p for p in lm.particles if lm.particles[p].endswith("-")), key=len, reverse=True):
        if word.startswith(p) and len(word) > len(p) + 1:  # the article: الجبوري -> al-Jabouri
            prefix, word = lm.particles[p], word[len(p):]
            break
    else:
        for p in ("عبد", "أبو", "ابو"):
            # عبدالله, ابوبكر written as one word
            if word.startswith(p) and len(word) > len(p) + 2 and p in lm.particles:
                rest = word[len(p):]
                art = next((a for a in lm.particles if lm.particles[a].endswith("-") and rest.startswith(a)), None)
                if art:
                    return lm.particles[p] + " " + lm.particles[art] + _cap(_word(rest[len(art):], lm))
                return lm.particles[p] + " " + _cap(_word(rest, lm))
    out: list[str] = []
    prev_kind = ""  # "" (start), "C" or "V"
    n = len(word)
    for i, ch in enumerate(word):
        nxt = word[i + 1] if i + 1 < n else ""
        if ch in lm.vowels:
            as_cons = ch in ("و", "ي") and (prev_kind in ("", "V") or nxt in lm.vowels)
            if as_cons:
                if prev_kind == "C":
                    out.append("a")
                out.append("w" if ch == "و" else "y")
                prev_kind = "C"
            else:
                out.append(lm.vowels[ch])
                prev_kind = "V"
        elif ch in lm.consonants:
            lat = lm.consonants[ch]
            if prev_kind == "C" and lat:
                out.append("a")  # epenthetic vowel between two consonants
            out.append(lat)
            prev_kind = "C" if lat else prev_kind
        elif ch.isalnum():
            out.append(ch)
            prev_kind = "C"
    return prefix + "".join(out)


def rules_transliterate(arabic: str, letters: LetterMap | None = None) -> str:
    """Rough romanisation by the letter map (the fallback: "كينجي" -> "Kinji")."""
    lm = letters or letter_map()
    words = _MARKS.sub("", arabic).split()
    parts = []
    for w in words:
        lat = _word(w, lm)
        parts.append(lat if lat in _LOWER_PARTICLES else _cap(lat) if not lat.startswith("al-") else "al-" + _cap(lat[3:]))
    return " ".join(p for p in parts if p)


# --------------------------------------------------------------------------- romanizer

_ROMANIZER = None
_ROMANIZER_FAILED = False
_LOCK = threading.Lock()


def _romanizer():
    global _ROMANIZER, _ROMANIZER_FAILED
    if _ROMANIZER is None and not _ROMANIZER_FAILED:
        with _LOCK:
            if _ROMANIZER is None and not _ROMANIZER_FAILED:
                try:
                    from arabic_name_romanizer import Transliterator

                    _ROMANIZER = Transliterator()
                except Exception as exc:  # package or onnxruntime missing: use the rules
                    log.info("arabic_name_romanizer unavailable (%s); using letter rules", exc)
                    _ROMANIZER_FAILED = True
    return _ROMANIZER


@lru_cache(maxsize=512)
def _iso2(country: str | None) -> str | None:
    """The romanizer wants ISO 3166 alpha-2; accept alpha-3 (CAMEO/ISO) codes too."""
    if not country:
        return None
    c = country.strip().upper()
    if len(c) == 2:
        return c
    if len(c) == 3:
        try:
            import pycountry

            rec = pycountry.countries.get(alpha_3=c)
            return rec.alpha_2 if rec else None
        except Exception:
            return None
    return None


@lru_cache(maxsize=4096)
def transliterate_name(arabic: str, country: str | None = None, use_package: bool = True) -> str:
    """Latin spelling of an Arabic person name; ``country`` (ISO alpha-2 or alpha-3) biases spellings."""
    text = " ".join(_MARKS.sub("", arabic).split())
    if not text:
        return ""
    if not _ARABIC.search(text):
        return text
    if use_package:
        tr = _romanizer()
        if tr is not None:
            try:
                out = tr.transliterate(text, country=_iso2(country))
                if isinstance(out, str) and out.strip():
                    return out.strip()
            except Exception as exc:  # never let a romanizer bug lose the actor
                log.warning("arabic_name_romanizer failed on %r: %s", text, exc)
    return rules_transliterate(text)
