"""Validate contract objects against the packaged JSON Schema, plus the offset invariants."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema


@lru_cache(maxsize=1)
def contract_schema() -> dict[str, Any]:
    return json.loads(resources.files("rasd.schema").joinpath("document.schema.json").read_text("utf-8"))


def validation_errors(obj: dict[str, Any]) -> list[str]:
    """Every way ``obj`` breaks the contract: schema errors, then offsets that do not point at their text."""
    v = jsonschema.Draft202012Validator(contract_schema())
    errs = [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in v.iter_errors(obj)]
    if errs:
        return errs
    body = obj["body"]
    for i, a in enumerate(obj["actors"]):
        for j, m in enumerate(a["mentions"]):
            if body[m["start"]:m["end"]] != m["text"]:
                errs.append(f"actors/{i}/mentions/{j}: body[{m['start']}:{m['end']}] != {m['text']!r}")
    for i, e in enumerate(obj["events"]):
        if not (0 <= e["start"] <= e["end"] <= len(body)) or body[e["start"]:e["end"]] != e["sentence"]:
            errs.append(f"events/{i}: body[{e['start']}:{e['end']}] is not its sentence")
    for i, q in enumerate(obj["quotes"]):
        if body[q["start"]:q["end"]] != q["text"]:
            errs.append(f"quotes/{i}: body[{q['start']}:{q['end']}] != its text")
    return errs


def validate(obj: dict[str, Any]) -> None:
    errs = validation_errors(obj)
    if errs:
        raise ValueError("; ".join(errs[:5]))
