#!/usr/bin/env python3
"""Build src/rasd/data/ontology/cameo.tsv from the shared CAMEO and PLOVER data.

Inputs (read-only, ../shared/data or --data):
  cameo/cameo_codes_goldstein_plover.tsv  merged CAMEO codes, GDELT/ICEWS Goldstein, CAMEO2PLOVER (CC BY-SA 4.0)
  plover/plover_ontology.json             PLOVER 16 event types, modes, contexts (CC BY-SA 4.0)
  src/rasd/data/ontology/conventions.tsv  rasd's documented overrides (ours)

Outputs:
  src/rasd/data/ontology/cameo.tsv    code, level, root, name, goldstein, quad_class, plover_type,
                                      plover_mode, plover_context, mapping (cameo2plover|convention|none)
  src/rasd/data/ontology/plover.json  the PLOVER event types with definitions, modes and contexts

Run:  .venv/bin/python scripts/build_ontology.py [--data ../shared/data]
"""
from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "rasd" / "data" / "ontology"


def read_conventions(path: Path) -> dict[str, tuple[str, str, str]]:
    conv = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = (line.split("\t") + ["", "", ""])[:4]
        conv[parts[0].strip()] = (parts[1].strip(), parts[2].strip(), parts[3].strip())
    return conv


def convention_for(code: str, conv: dict) -> tuple[str, str, str] | None:
    if code in conv:
        return conv[code]
    for n in range(len(code), 1, -1):
        if code[:n] + "*" in conv:
            return conv[code[:n] + "*"]
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data"))
    args = ap.parse_args()
    data = Path(args.data)
    conv = read_conventions(OUT / "conventions.tsv")
    rows = []
    with open(data / "cameo" / "cameo_codes_goldstein_plover.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            code = r["cameo_code"].strip()
            plover = r["plover_event"].strip()
            mode = r["plover_mode"].strip()
            context = r["plover_context"].strip()
            mapping = "cameo2plover"
            if plover == "(dropped)":
                plover, mapping = "", "none"
            c = convention_for(code, conv)
            if c is not None:
                plover = c[0]
                mode = c[1] or mode
                mapping = "convention"
            g = r["goldstein_gdelt"].strip() or r["goldstein_icews"].strip()
            if not g:  # no weight in either table (1214): inherit the parent code's weight
                g = next((x[4] for x in reversed(rows) if code.startswith(x[0])), "0")
            rows.append([code, r["level"].strip(), r["root_code"].strip(), r["name"].strip(),
                         f"{float(g):.1f}", r["quad_class"].strip(), plover, mode, context, mapping])
    header = (
        "# CAMEO event codes with Goldstein weight, quad class and PLOVER type/mode/context.\n"
        "# Built by scripts/build_ontology.py; do not edit by hand (edit conventions.tsv and rebuild).\n"
        "# Columns: code, level, root, name, goldstein (GDELT, ICEWS where GDELT lacks the code),\n"
        "#   quad_class (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict),\n"
        "#   plover_type (empty = not coded in PLOVER), plover_mode, plover_context,\n"
        "#   mapping (cameo2plover = CAMEO2PLOVER-2021, convention = conventions.tsv, none).\n"
        "# Source and licence: see SOURCE.md (CC BY-SA 4.0).\n"
    )
    cols = ["code", "level", "root", "name", "goldstein", "quad_class", "plover_type", "plover_mode",
            "plover_context", "mapping"]
    with open(OUT / "cameo.tsv", "w", encoding="utf-8", newline="") as f:
        f.write(header)
        f.write("\t".join(cols) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    onto = json.loads((data / "plover" / "plover_ontology.json").read_text("utf-8"))
    plover = {
        "source": onto.get("source"),
        "licence": "CC BY-SA 4.0 (PLOVER, Open Event Data Alliance); see SOURCE.md",
        "event_types": onto["event_types_in_order"],
        "events": onto["events"],
        "contexts": onto["contexts"],
        "scores": onto.get("scores", {}),
    }
    (OUT / "plover.json").write_text(json.dumps(plover, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {len(rows)} CAMEO codes to {OUT / 'cameo.tsv'} and {OUT / 'plover.json'}")


if __name__ == "__main__":
    main()
