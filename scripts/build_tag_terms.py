"""Build src/rasd/data/boilerplate/tag_countries.tsv: Arabic country and territory names.

clean.boilerplate.v1 recognises category and tag lines ("آسيا الولايات المتحدة روسيا …", often with
the words glued together) as lines covered almost entirely by such names and by the section names
of tag_terms.tsv. The names come from the Unicode CLDR data shipped with Babel (Unicode licence).

    .venv/bin/python scripts/build_tag_terms.py
"""
from __future__ import annotations

from pathlib import Path

from babel import Locale, __version__ as babel_version

OUT = Path(__file__).resolve().parents[1] / "src/rasd/data/boilerplate/tag_countries.tsv"


def main() -> None:
    names: dict[str, str] = {}
    for code, name in Locale("ar").territories.items():
        if code.isalpha() and len(code) == 2 and code not in ("ZZ", "XA", "XB"):
            names.setdefault(name, code)
            # drop a bracketed qualifier: "هونغ كونغ (الصين)" -> "هونغ كونغ"
            if "(" in name:
                names.setdefault(name.split("(")[0].strip(), code)
    lines = [
        "# Arabic names of countries and territories, for recognising tag/category lines.",
        f"# Source: Unicode CLDR via Babel {babel_version} (Locale('ar').territories); Unicode licence",
        "# (https://www.unicode.org/license.txt). Built by scripts/build_tag_terms.py; do not edit by hand,",
        "# add other names to tag_terms.tsv.",
        "# Columns (tab-separated): name <TAB> ISO 3166-1 alpha-2 code",
    ]
    lines += [f"{n}\t{c}" for n, c in sorted(names.items(), key=lambda x: (x[1], x[0]))]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} names to {OUT}")


if __name__ == "__main__":
    main()
