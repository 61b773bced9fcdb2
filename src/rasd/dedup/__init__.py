"""Deduplication: exact copies (hash of the normalised body) and near copies (MinHash LSH).

Public pieces: :class:`DedupIndex` (``DedupIndex.from_records(records)`` for incremental runs),
:class:`Fingerprinter` and :func:`content_hash`. The pipeline stage is ``dedup.minhash.v1``.
"""
from .fingerprint import Fingerprint, Fingerprinter, Params, Stored, content_hash, decode_minhash, words
from .index import DedupIndex, Match, lsh_shape

__all__ = [
    "DedupIndex", "Fingerprint", "Fingerprinter", "Match", "Params", "Stored",
    "content_hash", "decode_minhash", "lsh_shape", "words",
]
