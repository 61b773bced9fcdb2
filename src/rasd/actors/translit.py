"""Arabic → Latin transliteration of person names.

:func:`transliterate_name` first decides where the name comes from (:func:`name_origin`: the
person's country, else the name's shape). Russian/Slavic, Chinese, Korean and Japanese names get
English-convention spellings from our rules in ``rasd/data/actors/translit_foreign.tsv``
(:func:`foreign_transliterate`: "أناتولي كوشكين" -> "Anatoly Koshkin", "شي جين بينغ" -> "Xi Jinping",
"مون جاي إن" -> "Moon Jae-in"); every other name goes to the romanizer as below.

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
    origin = name_origin(text, country)
    if origin != "arabic":
        return foreign_transliterate(text, origin)
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


# --------------------------------------------------------------------------- foreign (non-Arab) names

FOREIGN_FILE = "data/actors/translit_foreign.tsv"
ORIGINS = ("slavic", "chinese", "korean", "japanese")
# Countries whose people's names get the rules of one origin (ISO 3166 alpha-3).
_COUNTRY_ORIGIN = {
    **{c: "chinese" for c in ("CHN", "TWN", "HKG", "MAC", "SGP")},
    **{c: "korean" for c in ("KOR", "PRK")},
    "JPN": "japanese",
    **{c: "slavic" for c in ("RUS", "UKR", "BLR", "BGR", "SRB", "MNE", "MKD", "HRV", "BIH", "SVN", "POL",
                             "CZE", "SVK", "KAZ", "KGZ", "MDA")},
}
# Countries whose people's names go to arabic-name-romanizer (Arab League, Iran, Turkey, South Asia …)
_ROMANIZER_COUNTRIES = frozenset(
    "DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM "
    "IRN TUR AFG PAK BGD IDN MYS AZE TJK UZB TKM".split()
)
_FOLD = str.maketrans({"ة": "ه", "ى": "ي", "ئ": "ي", "ؤ": "و", "أ": "ا", "إ": "ا", "آ": "ا"})


@dataclass
class ForeignRules:
    """Rows of ``translit_foreign.tsv``: per origin, (where, arabic) -> latin, whole words and signals."""

    rules: dict[str, dict[tuple[str, str], str]]
    words: dict[str, dict[str, str]]
    signals: dict[str, dict[str, float]]
    max_len: int = 1

    @classmethod
    def load(cls, text: str | None = None) -> "ForeignRules":
        if text is None:
            text = resources.files("rasd").joinpath(FOREIGN_FILE).read_text("utf-8")
        rules: dict[str, dict[tuple[str, str], str]] = {}
        words: dict[str, dict[str, str]] = {}
        signals: dict[str, dict[str, float]] = {}
        max_len = 1
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 3 or cols[0] == "origin":
                continue
            origin, where, ar = cols[0].strip(), cols[1].strip(), _MARKS.sub("", cols[2].strip())
            lat = cols[3].strip() if len(cols) > 3 else ""
            if not ar:
                continue
            if where == "word":
                table = words.setdefault(origin, {})
                table["=" + ar] = lat  # the exact spelling first (آن Ahn, إن In)
                table.setdefault(ar.translate(_FOLD), lat)
            elif where == "signal":
                try:
                    signals.setdefault(origin, {})[ar.translate(_FOLD)] = float(lat or 1)
                except ValueError:
                    continue
            elif where in ("any", "start", "mid", "end"):
                key_ar = ar if where == "start" else ar.translate(_FOLD)
                rules.setdefault(origin, {})[(where, key_ar)] = lat
                max_len = max(max_len, len(ar))
        return cls(rules, words, signals, max_len)

    def _lookup(self, origin: str, where: tuple[str, ...], piece: str) -> str | None:
        # the origin's rows first (positional before "any"), then the rows of every foreign origin
        for o in (origin, "foreign"):
            table = self.rules.get(o, {})
            for w in where:
                lat = table.get((w, piece))
                if lat is not None:
                    return lat
        return None

    def word(self, word: str, origin: str) -> str:
        """Romanise one word (diacritics already removed) by the rows of ``origin`` then ``foreign``."""
        folded = word.translate(_FOLD)
        for o in (origin, "foreign"):
            table = self.words.get(o, {})
            hit = table.get("=" + word) or table.get(folded)
            if hit:
                return hit
        out: list[str] = []
        i, n = 0, len(word)
        while i < n:
            for k in range(min(self.max_len, n - i), 0, -1):
                raw = word[i:i + k]
                piece = raw.translate(_FOLD)
                at_end = i + k == n
                where: tuple[str, ...]
                if i == 0:
                    lat = self._lookup(origin, ("start",), raw)
                    if lat is None and at_end:
                        lat = self._lookup(origin, ("end",), piece)
                    if lat is None:
                        lat = self._lookup(origin, ("any",), piece)
                else:
                    where = ("end", "any") if at_end else ("mid", "any")
                    lat = self._lookup(origin, where, piece)
                if lat is not None:
                    out.append(lat)
                    i += k
                    break
            else:
                ch = word[i]
                out.append(ch if ch.isascii() and ch.isalnum() else "")
                i += 1
        return _cap("".join(out))

    def signal(self, words: list[str]) -> dict[str, float]:
        """Evidence per origin: whole-word syllables (CJK), endings (Slavic), parts (Japanese)."""
        score = {o: 0.0 for o in ORIGINS}
        ch, ko = self.words.get("chinese", {}), self.words.get("korean", {})
        for w in words:
            f = w.translate(_FOLD)
            for o in ("chinese", "korean"):
                score[o] += self.signals.get(o, {}).get(f, 0.0)
            # a syllable only one of the two tables has counts for that one
            if (f in ch) != (f in ko):
                score["chinese" if f in ch else "korean"] += 0.5
            if "=" + w in self.words.get("slavic", {}) or f in self.words.get("slavic", {}):
                score["slavic"] += 2  # a common Slavic given name (Sergey, Vladimir)
            for end, wt in self.signals.get("slavic", {}).items():
                if len(f) > len(end) + 1 and f.endswith(end):
                    score["slavic"] += wt
                    break
            for part, wt in self.signals.get("japanese", {}).items():
                if part in f and len(f) > len(part):
                    score["japanese"] += wt
        return score

    def is_cjk_syllable(self, word: str) -> bool:
        f = word.translate(_FOLD)
        return f in self.words.get("chinese", {}) or f in self.words.get("korean", {})


@lru_cache(maxsize=1)
def foreign_rules() -> ForeignRules:
    return ForeignRules.load()


_JP_SHAPE = re.compile(r"^(?:(?:[بتجدرزسشصطغفكلمنهي]|تس|تش|ش|ي)?[اوي]|ن)+$")


def _syllables(word: str) -> int:
    """Vowel letters and ن in a word (rough count of Japanese morae)."""
    return sum(1 for ch in word.translate(_FOLD)[1:] if ch in "اوين") + (word[:1] in "اوي")


@lru_cache(maxsize=512)
def _is_country(alpha3: str) -> bool:
    """An ISO 3166 country (not a region code such as EUR or an organisation code)."""
    try:
        import pycountry

        return pycountry.countries.get(alpha_3=alpha3) is not None
    except Exception:
        return False


def _alpha3(country: str | None) -> str | None:
    if not country:
        return None
    c = country.strip().upper()
    if len(c) == 3:
        return c
    if len(c) == 2:
        try:
            import pycountry

            rec = pycountry.countries.get(alpha_2=c)
            return rec.alpha_3 if rec else None
        except Exception:
            return None
    return None


def _frequent_arabic_unit(word: str) -> bool:
    try:
        from .ner import default_names
        from ..normalize import normalize_text
    except Exception:  # pragma: no cover
        return False
    mark = default_names().marks.get(normalize_text(word), "")
    return mark.endswith(":10-99") or mark.endswith(":100+")


def name_origin(arabic: str, country: str | None = None, rules: ForeignRules | None = None) -> str:
    """Where a name written in Arabic comes from, for its romanisation: ``"arabic"`` (names of the Arab
    and wider Muslim world, and Western names, which the romanizer's dictionary knows), ``"slavic"``,
    ``"chinese"``, ``"korean"`` or ``"japanese"``.

    The country of the person (from a nisba in the text) decides first; then the name's shape: every
    word a Chinese/Korean syllable, a Slavic surname ending (ـوف، ـيفا، ـسكي، ـينكو), Japanese
    syllable structure with typical parts (ياما، موتو); a name whose words are all frequent Arab name
    units stays Arabic.
    """
    fr = rules or foreign_rules()
    words = _MARKS.sub("", arabic).split()
    if not words:
        return "arabic"
    c3 = _alpha3(country)
    if c3 in _COUNTRY_ORIGIN:
        return _COUNTRY_ORIGIN[c3]
    if c3 in _ROMANIZER_COUNTRIES or (c3 and _is_country(c3)):
        return "arabic"  # Arab, Muslim-world and Western names: the romanizer's dictionary
    if all(_frequent_arabic_unit(w) for w in words):
        return "arabic"
    score = fr.signal(words)
    if len(words) >= 2 and all(fr.is_cjk_syllable(w) for w in words):
        return "korean" if score["korean"] > score["chinese"] else "chinese"
    if score["slavic"] >= 2:
        return "slavic"
    if all(_JP_SHAPE.match(w.translate(_FOLD)) for w in words) and (
        score["japanese"] >= 2 or (len("".join(words)) >= 8 and max(_syllables(w) for w in words) >= 3)
    ):
        return "japanese"
    return "arabic"


def foreign_transliterate(arabic: str, origin: str, rules: ForeignRules | None = None) -> str:
    """English-convention spelling of a foreign name: "ماريا زاخاروفا" (slavic) -> "Maria Zakharova",
    "شي جين بينغ" (chinese) -> "Xi Jinping", "مون جاي إن" (korean) -> "Moon Jae-in"."""
    fr = rules or foreign_rules()
    words = _MARKS.sub("", arabic).split()
    lat = [fr.word(w, origin) for w in words]
    lat = [x for x in lat if x]
    if origin in ("chinese", "korean") and len(lat) >= 3:
        given = lat[1:]
        if origin == "chinese":
            return lat[0] + " " + given[0] + "".join(g.lower() for g in given[1:])
        return lat[0] + " " + given[0] + "-" + "-".join(g.lower() for g in given[1:])
    return " ".join(lat)
