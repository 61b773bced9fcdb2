"""Quality gate on our labelled pairs (src/rasd/data/eval/dedup/): P and R >= 0.95, never lowered silently."""
from __future__ import annotations

from rasd.dedup.evaluation import HARD_NEGATIVE_KINDS, POSITIVE_KINDS, build_pairs, evaluate, load_pairs, variant, load_stories
from rasd.dedup.stages import DEFAULTS

from dedup_helpers import make_pipeline
from rasd.document import Document

PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.95


def test_pairs_file_is_the_build_of_the_stories_and_large_enough():
    pairs = load_pairs()
    assert pairs == build_pairs(), "pairs.jsonl is stale: run scripts/eval_dedup.py --rebuild"
    assert len(pairs) >= 150
    kinds = {p["kind"] for p in pairs}
    assert set(POSITIVE_KINDS) <= kinds and set(HARD_NEGATIVE_KINDS) <= kinds
    assert sum(p["label"] == 0 for p in pairs) >= 100


def test_precision_and_recall_on_labelled_pairs_stay_above_the_floor():
    score, errors = evaluate(load_pairs(), DEFAULTS)
    assert score.precision >= PRECISION_FLOOR, errors
    assert score.recall >= RECALL_FLOOR, errors


def test_every_exact_kind_pair_is_caught_and_no_hard_negative_is_merged():
    pairs = load_pairs()
    exact_kinds = {"exact", "whitespace", "diacritics", "letter_variants", "punctuation"}
    _, errors = evaluate([p for p in pairs if p["kind"] in exact_kinds or p["kind"] in HARD_NEGATIVE_KINDS])
    assert errors == []


def test_a_stream_of_copies_groups_by_story_and_keeps_twin_stories_apart():
    """All stories and their rewrites through one pipeline (one shared index), interleaved."""
    data = load_stories()
    items = []
    for kind in ("exact",) + tuple(k for k in POSITIVE_KINDS if k != "exact"):
        for s in data["stories"]:
            items.append((s["id"], variant(s, kind, data)))
    pipe = make_pipeline()
    story_of = {}
    docs = []
    for n, (sid, text) in enumerate(items):
        doc = pipe(Document.from_input(text=text, input_id=f"{sid}/{n}"))[0]
        story_of[doc.id] = sid
        docs.append(doc)
    wrong = [(story_of[d.id], story_of[d.duplicate_of]) for d in docs
             if d.duplicate_of and story_of[d.duplicate_of] != story_of[d.id]]
    assert wrong == []
    firsts = docs[: len(data["stories"])]
    assert all(d.duplicate_of is None for d in firsts)
    missed = [story_of[d.id] for d in docs[len(firsts):] if d.duplicate_of is None]
    assert len(missed) <= 0.05 * (len(docs) - len(firsts)), missed
