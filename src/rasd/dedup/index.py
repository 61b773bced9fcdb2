"""The dedup index: every document seen so far, in arrival order, for exact and near-copy lookups.

- Exact copies: a dict ``content_hash -> earliest position``.
- Near copies: MinHash LSH banding. The signature's first ``bands*rows`` values are cut into bands;
  each band is hashed to a 64-bit key. Two documents sharing any band key are *candidates*; a
  candidate is confirmed by comparing the full signatures (estimated Jaccard similarity).
  Band keys live in a sorted numpy array (searched with ``searchsorted``) plus a small dict buffer
  of recent additions that is merged in geometrically, so memory stays ~12 bytes per band entry.
- Exact copies of an earlier document are not banded again (the earlier copy stands for them), so
  a wire story re-posted a thousand times does not grow its LSH buckets. (If the earliest copy has
  no usable signature, e.g. a record from an older version, the first copy that has one is banded.)

Positions are arrival order: ``duplicate_of`` always points to an earlier document, and looking a
document up again (same id) only considers documents that arrived before it, so re-runs are idempotent.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np

from .fingerprint import Fingerprint, Params, decode_minhash


def lsh_shape(num_perm: int, candidate_threshold: float, min_prob: float = 0.99) -> tuple[int, int]:
    """``(bands, rows)`` with the most rows per band such that a pair with Jaccard similarity
    ``candidate_threshold`` becomes a candidate with probability >= ``min_prob``."""
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if bands < 1:
            break
        p = 1.0 - (1.0 - candidate_threshold**rows) ** bands
        if p >= min_prob:
            best = (bands, rows)
        else:
            break
    return best


class _BandTable:
    """Multimap uint64 key -> positions: a sorted array plus a dict buffer of recent entries.

    The buffer maps a key to one position (``_buf``) or, for the rare repeated key, to a list of
    further positions (``_more``); it is merged into the sorted arrays when it holds more than
    ``max(_MIN_BUFFER, len(sorted) / 4)`` entries (linear merge, so the total cost stays O(n log n)).
    """

    _MIN_BUFFER = 65536

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.uint64)
        self._vals = np.empty(0, dtype=np.int32)
        self._buf: dict[int, int] = {}
        self._more: dict[int, list[int]] = {}
        self._buf_n = 0

    def __len__(self) -> int:
        return len(self._keys) + self._buf_n

    def add(self, keys: np.ndarray, pos: int) -> None:
        buf = self._buf
        ks = keys.tolist()
        clash = [k for k in ks if k in buf]
        if clash:
            more = self._more
            for k in clash:
                more.setdefault(k, []).append(pos)
            ks = [k for k in ks if k not in buf]
        buf.update(dict.fromkeys(ks, pos))
        self._buf_n += len(keys)
        if self._buf_n >= max(self._MIN_BUFFER, len(self._keys) // 4):
            self._flush()

    def add_many(self, keys: np.ndarray, positions: np.ndarray) -> None:
        """Bulk insert: ``keys`` (n, bands) for documents at ``positions`` (n,)."""
        if len(positions) == 0:
            return
        self._merge(keys.ravel(), np.repeat(positions.astype(np.int32), keys.shape[1]))

    def _flush(self) -> None:
        if not self._buf:
            return
        ks = list(self._buf)
        vs = list(self._buf.values())
        for k, lst in self._more.items():
            ks.extend([k] * len(lst))
            vs.extend(lst)
        self._buf, self._more, self._buf_n = {}, {}, 0
        self._merge(np.array(ks, dtype=np.uint64), np.array(vs, dtype=np.int32))

    def _merge(self, k: np.ndarray, v: np.ndarray) -> None:
        order = np.argsort(k, kind="stable")
        k, v = k[order], v[order]
        if len(self._keys) == 0:
            self._keys, self._vals = k, v
            return
        at = np.searchsorted(self._keys, k, "right")
        self._keys = np.insert(self._keys, at, k)
        self._vals = np.insert(self._vals, at, v)

    def query(self, keys: np.ndarray) -> np.ndarray:
        parts: list[np.ndarray] = []
        K = self._keys
        if len(K):
            q = np.sort(keys)
            at = np.searchsorted(K, q, "left")
            j = 0
            while True:  # walk runs of equal keys (almost always length 0 or 1)
                idx = at + j
                ok = idx < len(K)
                idx = idx[ok]
                hit = K[idx] == q[ok]
                if not hit.any():
                    break
                parts.append(self._vals[idx[hit]])
                at, q = at[ok][hit], q[ok][hit]
                j += 1
        buf, more = self._buf, self._more
        if buf:
            extra = [p for p in map(buf.get, keys.tolist()) if p is not None]
            if more:
                for k in keys.tolist():
                    if k in more:
                        extra.extend(more[k])
            if extra:
                parts.append(np.array(extra, dtype=np.int32))
        if not parts:
            return np.empty(0, dtype=np.int32)
        return np.unique(np.concatenate(parts))


@dataclass
class Match:
    """An earlier document similar to the one looked up."""

    position: int
    id: str
    similarity: float
    exact: bool


class DedupIndex:
    """Documents seen so far (ids, content hashes, MinHash signatures) in arrival order."""

    def __init__(
        self,
        params: Params | None = None,
        *,
        candidate_threshold: float = 0.3,
    ) -> None:
        self.params = params or Params()
        self.candidate_threshold = float(candidate_threshold)
        self.bands, self.rows = lsh_shape(self.params.num_perm, self.candidate_threshold)
        rng = np.random.default_rng(self.params.seed + 7919)
        self._band_mult = (rng.integers(0, 2**63, size=self.rows, dtype=np.uint64) * np.uint64(2) + np.uint64(1))
        self._band_salt = rng.integers(0, 2**63, size=self.bands, dtype=np.uint64)
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._hash_first: dict[str, int] = {}
        self._unbanded: set[str] = set()  # hashes whose earliest copy has no usable signature
        cap = 1024
        self._sigs = np.zeros((cap, self.params.num_perm), dtype=np.uint32)
        self._nsh = np.zeros(cap, dtype=np.int32)  # shingle count; -1 = no usable signature
        self._table = _BandTable()

    # -- construction ------------------------------------------------------------
    @classmethod
    def from_config(cls, config: dict | None = None) -> "DedupIndex":
        """An empty index with the parameters of a ``[stages."dedup.minhash"]`` config section."""
        config = config or {}
        return cls(params_from_config(config), candidate_threshold=float(config.get("candidate_threshold", 0.3)))

    @classmethod
    def from_records(
        cls,
        records: Iterable[tuple[str, str, bytes | None]],
        config: dict | None = None,
    ) -> "DedupIndex":
        """An index of stored documents: ``(doc_id, content_hash, minhash_bytes | None)`` in
        storage (= arrival) order. A record whose MinHash is missing or was made with other
        parameters can still be matched exactly (by content hash)."""
        idx = cls.from_config(config)
        new_pos: list[int] = []
        new_sigs: list[np.ndarray] = []
        for doc_id, chash, mh in records:
            if doc_id in idx._pos:
                continue
            dec = decode_minhash(mh, idx.params)
            pos = idx._append(doc_id, chash, dec[0] if dec else None, dec[1] if dec else -1)
            if dec is not None and idx._should_band(chash, pos):
                new_pos.append(pos)
                new_sigs.append(dec[0])
        if new_pos:
            idx._table.add_many(idx._band_keys(np.stack(new_sigs)), np.array(new_pos))
        return idx

    # -- basic access ------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._pos

    def position(self, doc_id: str) -> int | None:
        return self._pos.get(doc_id)

    def id_at(self, position: int) -> str:
        return self._ids[position]

    def compatible(self, params: Params) -> bool:
        return params == self.params

    # -- internals -----------------------------------------------------------------
    def _band_keys(self, sigs: np.ndarray) -> np.ndarray:
        """(n, num_perm) uint32 -> (n, bands) uint64 band keys."""
        b, r = self.bands, self.rows
        x = sigs[:, : b * r].astype(np.uint64).reshape(len(sigs), b, r)
        with np.errstate(over="ignore"):
            acc = (x * self._band_mult).sum(axis=2, dtype=np.uint64) + self._band_salt
            acc ^= acc >> np.uint64(29)
            acc *= np.uint64(0xBF58476D1CE4E5B9)
            acc ^= acc >> np.uint64(32)
        return acc

    def _append(self, doc_id: str, chash: str, sig: np.ndarray | None, n_shingles: int) -> int:
        pos = len(self._ids)
        if pos >= len(self._nsh):
            cap = 2 * len(self._nsh)
            sigs = np.zeros((cap, self.params.num_perm), dtype=np.uint32)
            sigs[:pos] = self._sigs[:pos]
            nsh = np.zeros(cap, dtype=np.int32)
            nsh[:pos] = self._nsh[:pos]
            self._sigs, self._nsh = sigs, nsh
        self._ids.append(doc_id)
        self._pos[doc_id] = pos
        if sig is not None:
            self._sigs[pos] = sig
            self._nsh[pos] = n_shingles
        else:
            self._nsh[pos] = -1
        if chash and chash not in self._hash_first:
            self._hash_first[chash] = pos
            if sig is None:
                self._unbanded.add(chash)
        return pos

    def _should_band(self, chash: str, pos: int) -> bool:
        """Band a signature if it is the first of its content hash (or the first usable one)."""
        if self._hash_first.get(chash) == pos:
            return True
        if chash in self._unbanded:
            self._unbanded.discard(chash)
            return True
        return False

    def _keys_of(self, fp: Fingerprint) -> np.ndarray:
        """Band keys of a fingerprint, computed once per (fingerprint, banding)."""
        tag = (self.bands, self.rows, self.params)
        cached = fp.lsh_cache
        if cached is not None and cached[0] == tag:
            return cached[1]
        keys = self._band_keys(fp.signature[None, :])[0]
        fp.lsh_cache = (tag, keys)
        return keys

    # -- the two operations --------------------------------------------------------
    def add(self, doc_id: str, fp: Fingerprint) -> int:
        """Record a document (a no-op returning the old position if its id is already known)."""
        old = self._pos.get(doc_id)
        if old is not None:
            return old
        if fp.params != self.params:
            raise ValueError("fingerprint parameters differ from the index parameters")
        chash = fp.content_hash if fp.n_words else ""
        pos = self._append(doc_id, chash, fp.signature, fp.n_shingles if fp.signature is not None else -1)
        if fp.signature is not None and self._should_band(chash, pos):
            self._table.add(self._keys_of(fp), pos)
        return pos

    def lookup(
        self,
        fp: Fingerprint,
        *,
        threshold: float,
        min_shingles: int = 10,
        before: int | None = None,
    ) -> list[Match]:
        """Earlier documents that are exact copies of ``fp`` or near copies with estimated Jaccard
        similarity >= ``threshold``, best first (then earliest first). Only documents at positions
        ``< before`` (default: all) are considered. Near copies need both bodies to have at least
        ``min_shingles`` distinct shingles (short texts are matched exactly only)."""
        limit = len(self._ids) if before is None else before
        found: dict[int, Match] = {}
        if fp.n_words:
            first = self._hash_first.get(fp.content_hash)
            if first is not None and first < limit:
                found[first] = Match(first, self._ids[first], 1.0, True)
        if fp.signature is not None and fp.n_shingles >= min_shingles and limit > 0:
            cand = self._table.query(self._keys_of(fp))
            cand = cand[cand < limit]
            if len(cand):
                cand = cand[self._nsh[cand] >= min_shingles]
            if len(cand):
                sims = (self._sigs[cand] == fp.signature).mean(axis=1)
                for p, s in zip(cand.tolist(), sims.tolist()):
                    if s >= threshold and p not in found:
                        found[p] = Match(p, self._ids[p], float(s), False)
        return sorted(found.values(), key=lambda m: (-m.similarity, m.position))


def params_from_config(config: dict) -> Params:
    return Params(
        num_perm=int(config.get("num_perm", Params.num_perm)),
        shingle=int(config.get("shingle", Params.shingle)),
        seed=int(config.get("seed", Params.seed)),
    )
