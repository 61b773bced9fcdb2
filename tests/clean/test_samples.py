"""End to end on the annotated samples in ../shared/samples (skipped when absent)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
_spec = importlib.util.spec_from_file_location(
    "eval_clean", Path(__file__).resolve().parents[2] / "scripts" / "eval_clean.py")


@pytest.fixture(scope="module")
def rows():
    if not (SAMPLES / "gold").is_dir():
        pytest.skip("../shared/samples/gold is not available")
    mod = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(mod)
    rows = mod.evaluate(SAMPLES)
    if not rows:
        pytest.skip("no annotated samples")
    return rows


def test_every_gold_boilerplate_line_is_removed(rows):
    assert [r["file"] for r in rows if not r["bp_ok"]] == []


def test_no_body_line_is_lost(rows):
    assert {r["file"]: r["lost_lines"] for r in rows if r["lost"]} == {}


def test_appended_article_is_its_own_document_and_no_other_is_invented(rows):
    assert [(r["file"], r["appended"]) for r in rows if not r["appended_ok"]] == []
    golds = {p.stem: json.loads(p.read_text("utf-8")) for p in (SAMPLES / "gold").glob("*.json")}
    assert any(g.get("appended_unrelated") for g in golds.values())  # the check above is not vacuous


def test_gold_titles_are_found(rows):
    assert [(r["file"], r["title"]) for r in rows if r["title"] != "ok"] == []


def test_gold_dates_are_found_and_none_is_invented(rows):
    assert [(r["file"], r["date"]) for r in rows if r["date"] not in ("ok", "none")] == []
