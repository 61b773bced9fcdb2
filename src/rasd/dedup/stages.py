"""Dedup stage: exact copies (content hash) and near copies (MinHash LSH) of earlier documents.

What it sets on each document:

- ``doc.duplicate_of``: the id of the EARLIEST earlier document that is the same article — an exact
  copy (same hash of the normalised words) or a near copy (estimated Jaccard similarity of word
  3-shingles >= ``threshold``). Near copies set it too: a wire story re-posted with a new headline,
  credit line, boilerplate or a dropped sentence is the same article, and every such copy would
  otherwise become another "event". ``None`` for the first copy.
- ``doc.near_duplicates``: every earlier same-article document found, as ``NearDuplicate(id,
  similarity)``, best first then earliest first (exact copies have similarity 1.0); at most
  ``max_near``. This is *why* the document was grouped. Later copies are listed on the later
  document (links always point back in time), so re-running a document gives the same answer.
- ``doc.meta["dedup"]``: what the store persists (``content_hash`` str, ``minhash`` bytes or None for
  an empty body) and the evidence (``n_words``, ``n_shingles``, ``exact_of``, ``threshold``).

Formulaic reports that differ in their figures (daily counts, prices, exchange rates) are kept apart
by a numbers guard: when both bodies have at least ``min_numbers`` distinct numbers, a near copy must
share at least ``number_overlap`` of the smaller set. Exact copies are always caught.
Bodies with fewer than ``min_shingles`` distinct shingles (about a dozen words) are matched exactly
only, never as near copies; empty bodies are never matched. The index is ``ctx.dedup_index`` (built
by the API from the store with ``DedupIndex.from_records``) or a fresh in-memory one; every document
is added to it after its lookup, so a batch is deduplicated against the store and within itself.
A document whose id is already in the index is compared only with documents that arrived before it.
"""
from __future__ import annotations

from ..document import Document, NearDuplicate
from ..errors import ConfigError
from ..pipeline import RunContext, register_stage
from .fingerprint import Fingerprinter
from .index import DedupIndex, params_from_config

# Defaults, tuned on src/rasd/data/eval/dedup/pairs.jsonl with scripts/eval_dedup.py.
DEFAULTS = {
    "num_perm": 128,             # MinHash permutations (signature = 4 bytes each)
    "shingle": 3,                # words per shingle
    "seed": 1,                   # hash family seed (changing it invalidates stored signatures)
    "threshold": 0.4,            # estimated Jaccard >= threshold: same article (duplicate_of + near_duplicates)
    "candidate_threshold": 0.3,  # LSH banding catches pairs at this similarity with p >= 0.99
    "min_shingles": 10,          # shorter bodies are only matched exactly
    "min_numbers": 2,            # numbers guard applies when both bodies have >= this many numbers …
    "number_overlap": 0.5,       # … and then needs this share of the smaller set in common (0 = off)
    "max_near": 20,              # at most this many near_duplicates per document
}


@register_stage("dedup.minhash.v1", requires=("body", "language"), assigns=("duplicates",))
def make_dedup(config: dict, ctx: RunContext):
    """Exact copies (hash of the normalised words) and near copies (MinHash LSH) of earlier documents."""
    cfg = {**DEFAULTS, **(config or {})}
    params = params_from_config(cfg)
    threshold = float(cfg["threshold"])
    if not 0.0 < threshold <= 1.0:
        raise ConfigError(f'[stages."dedup.minhash"] threshold must be in (0, 1], got {threshold}')
    min_shingles = int(cfg["min_shingles"])
    guard = {"min_numbers": int(cfg["min_numbers"]), "number_overlap": float(cfg["number_overlap"])}
    max_near = int(cfg["max_near"])
    fingerprint = Fingerprinter(params)
    checked: list[int] = []  # id() of the index last checked for compatible parameters

    def current_index() -> DedupIndex:
        """The run's index, read at call time: the API gives each batch a fresh one, or one built
        from the store (``ctx.dedup_index``); without one, a new in-memory index is started."""
        index = ctx.dedup_index
        if index is None:
            index = ctx.dedup_index = DedupIndex.from_config(cfg)
        elif not checked or checked[0] != id(index):
            if not isinstance(index, DedupIndex) or not index.compatible(params):
                raise ConfigError(
                    "the dedup index given to the run was built with other MinHash parameters than "
                    '[stages."dedup.minhash"]; build it with DedupIndex.from_records(records, config=<that section>)'
                )
            checked[:] = [id(index)]
        return index

    current_index()  # fail at build time on an incompatible index

    def run(doc: Document) -> Document:
        index = current_index()
        # the normalised body, cached on the document for the stages after this one
        fp = fingerprint(doc.body, doc.normalized().text)
        known = index.position(doc.id)
        before = known if known is not None else len(index)
        matches = index.lookup(fp, threshold=threshold, min_shingles=min_shingles, before=before, **guard)
        doc.duplicate_of = min(matches, key=lambda m: m.position).id if matches else None
        doc.near_duplicates = [NearDuplicate(m.id, round(m.similarity, 4)) for m in matches[:max_near]]
        exact = next((m for m in matches if m.exact), None)
        doc.meta["dedup"] = {
            "content_hash": fp.content_hash,
            "minhash": fp.minhash_bytes(),
            "n_words": fp.n_words,
            "n_shingles": fp.n_shingles,
            "n_numbers": fp.n_numbers,
            "exact_of": exact.id if exact else None,
            "threshold": threshold,
        }
        if known is None:
            index.add(doc.id, fp)
        return doc

    return run
