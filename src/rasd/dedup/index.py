"""The dedup index: every document seen so far, in arrival order, for exact and near-copy lookups.

- Exact copies: a dict ``content_hash -> earliest position``.
- Near copies: MinHash LSH banding. The signature's first ``bands*rows`` values are cut into bands;
  each band is hashed to a 64-bit key. Two documents sharing any band key are *candidates*; a
  candidate is confirmed by comparing the full signatures (estimated Jaccard similarity).
  Band keys live in a sorted numpy array (found through a directory on the top bits of the key)
  plus a small dict buffer
  of recent additions that is merged in when it passes 1/16 of the array, so memory stays near
  12 bytes per band entry.
- Exact copies of an earlier document are not banded again (the earlier copy stands for them), so
  a wire story re-posted a thousand times does not grow its LSH buckets. (If the earliest copy has
  no usable signature, e.g. a record from an older version, the first copy that has one is banded.)

Positions are arrival order: ``duplicate_of`` always points to an earlier document, and looking a
document up again (same id) only considers documents that arrived before it, so re-runs are idempotent.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass
from itertools import chain, repeat
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

    The buffer maps a key to the tuple of its positions (a document's new keys share one 1-tuple;
    a key already buffered gets a longer tuple), so adding and querying run as C-level passes
    (``dict.update``, ``map``, ``chain``) without a Python loop per key, even when many keys repeat.
    It is merged into the sorted arrays when it holds more than
    ``max(_MIN_BUFFER, len(sorted) / 16)`` entries (a linear merge).
    """

    _MIN_BUFFER = 65536

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.uint64)
        self._vals = np.empty(0, dtype=np.int32)
        self._buf: dict[int, tuple[int, ...]] = {}
        self._buf_n = 0
        self._shift = np.uint64(56)
        self._offsets = np.zeros(257, dtype=np.int64)

    def __len__(self) -> int:
        return len(self._keys) + self._buf_n

    def add(self, keys: np.ndarray, pos: int) -> None:
        buf = self._buf
        one = (pos,)
        ks = dict.fromkeys(keys.tolist(), one)  # distinct keys, in order
        clash = buf.keys() & ks
        if clash:  # keys already buffered: their tuples get this position too
            ks.update(zip(clash, map(operator.add, map(buf.__getitem__, clash), repeat(one))))
        buf.update(ks)
        self._buf_n += len(ks)
        if self._buf_n >= max(self._MIN_BUFFER, len(self._keys) // 16):
            self._flush()

    def add_many(self, keys: np.ndarray, positions: np.ndarray) -> None:
        """Bulk insert: ``keys`` (n, bands) for documents at ``positions`` (n,)."""
        if len(positions) == 0:
            return
        self._merge(keys.ravel(), np.repeat(positions.astype(np.int32), keys.shape[1]))

    def _flush(self) -> None:
        if not self._buf:
            return
        buf = self._buf
        ks = list(chain.from_iterable(map(repeat, buf, map(len, buf.values()))))
        vs = list(chain.from_iterable(buf.values()))
        self._buf, self._buf_n = {}, 0
        self._merge(np.array(ks, dtype=np.uint64), np.array(vs, dtype=np.int32))

    def _merge(self, k: np.ndarray, v: np.ndarray) -> None:
        order = np.argsort(k, kind="stable")
        k, v = k[order], v[order]
        if len(self._keys) == 0:
            self._keys, self._vals = k, v
        else:
            at = np.searchsorted(self._keys, k, "right")
            self._keys = np.insert(self._keys, at, k)
            self._vals = np.insert(self._vals, at, v)
        # bucket directory on the top bits of the key: ~8 entries per bucket, so a lookup reads one
        # offset and a short contiguous run instead of binary-searching a large array (cache misses)
        n = len(self._keys)
        self._shift = np.uint64(64 - max(8, min(24, n.bit_length() - 3)))
        edges = np.arange((1 << (64 - int(self._shift))) + 1, dtype=np.uint64)
        with np.errstate(over="ignore"):
            starts = np.searchsorted(self._keys, edges[:-1] << self._shift, "left")
        self._offsets = np.append(starts, n).astype(np.int64)

    def query(self, keys: np.ndarray) -> np.ndarray:
        """Sorted distinct positions stored under any of ``keys``."""
        found: np.ndarray | None = None
        K = self._keys
        if len(K):
            b = (keys >> self._shift).astype(np.int64)
            lo = self._offsets[b]
            cnt = self._offsets[b + 1] - lo
            total = int(cnt.sum())
            if total:
                starts = np.repeat(lo - np.concatenate(([0], np.cumsum(cnt)[:-1])), cnt)
                idx = starts + np.arange(total)
                hit = K[idx] == np.repeat(keys, cnt)
                if hit.any():
                    found = self._vals[idx[hit]]
        extra: set[int] = set()
        buf = self._buf
        if buf:
            extra = set(chain.from_iterable(filter(None, map(buf.get, keys.tolist()))))
        if found is None:
            # only the buffer answered (always so until the first merge): sorting the few positions
            # in Python costs less than np.unique (the same sorted distinct int32 array)
            return np.array(sorted(extra), dtype=np.int32)
        if extra:
            found = np.concatenate((found, np.array(list(extra), dtype=np.int32)))
        return np.unique(found)


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
        self._nums = np.zeros(cap, dtype=np.uint64)  # numbers mask
        self._nnum = np.zeros(cap, dtype=np.int32)  # distinct numbers
        self._table = _BandTable()
        self._count_dtype = np.uint8 if self.params.num_perm <= 255 else np.int64

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
            if dec is None:
                pos = idx._append(doc_id, chash, None, -1)
            else:
                pos = idx._append(doc_id, chash, dec.signature, dec.n_shingles, dec.numbers, dec.n_numbers)
            if dec is not None and idx._should_band(chash, pos):
                new_pos.append(pos)
                new_sigs.append(dec.signature)
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
        # integer array arithmetic wraps modulo 2**64 without a warning
        acc = (x * self._band_mult).sum(axis=2, dtype=np.uint64) + self._band_salt
        acc ^= acc >> np.uint64(29)
        acc *= np.uint64(0xBF58476D1CE4E5B9)
        acc ^= acc >> np.uint64(32)
        return acc

    def _append(self, doc_id: str, chash: str, sig: np.ndarray | None, n_shingles: int,
                numbers: int = 0, n_numbers: int = 0) -> int:
        pos = len(self._ids)
        if pos >= len(self._nsh):
            cap = 2 * len(self._nsh)

            def grow(a: np.ndarray) -> np.ndarray:
                b = np.zeros((cap,) + a.shape[1:], dtype=a.dtype)
                b[:pos] = a[:pos]
                return b

            self._sigs, self._nsh = grow(self._sigs), grow(self._nsh)
            self._nums, self._nnum = grow(self._nums), grow(self._nnum)
        self._ids.append(doc_id)
        self._pos[doc_id] = pos
        if sig is not None:
            self._sigs[pos] = sig
            self._nsh[pos] = n_shingles
            self._nums[pos] = numbers
            self._nnum[pos] = n_numbers
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
        pos = self._append(doc_id, chash, fp.signature, fp.n_shingles if fp.signature is not None else -1,
                           fp.numbers, fp.n_numbers)
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
        min_numbers: int = 2,
        number_overlap: float = 0.5,
    ) -> list[Match]:
        """Earlier documents that are exact copies of ``fp`` or near copies, best first (then
        earliest first). Only documents at positions ``< before`` (default: all) are considered.

        A near copy needs: estimated Jaccard similarity >= ``threshold``; both bodies with at least
        ``min_shingles`` distinct shingles (short texts are matched exactly only); and, when both
        bodies contain at least ``min_numbers`` distinct numbers, at least ``number_overlap`` of the
        smaller set of numbers in common (a formulaic report with other figures is another report).
        """
        limit = len(self._ids) if before is None else before
        found: dict[int, Match] = {}
        if fp.n_words:
            first = self._hash_first.get(fp.content_hash)
            if first is not None and first < limit:
                found[first] = Match(first, self._ids[first], 1.0, True)
        if fp.signature is not None and fp.n_shingles >= min_shingles and limit > 0:
            cand = self._table.query(self._keys_of(fp))
            if limit < len(self._ids):  # (every stored position is below len(self._ids))
                cand = cand[cand < limit]
            sims = np.empty(0)
            if len(cand):
                cand = cand[self._nsh[cand] >= min_shingles]
            if len(cand):
                # share of equal values (what .mean(axis=1) gives: a count of 0/1 over num_perm).
                # The equal values are counted as bytes (count_nonzero with an axis costs twice as
                # much); a uint8 count holds up to 255, int64 for longer signatures.
                eq = self._sigs.take(cand, axis=0) == fp.signature
                sims = np.add.reduce(eq.view(np.uint8), axis=1, dtype=self._count_dtype) / self.params.num_perm
                keep = sims >= threshold
                cand, sims = cand[keep], sims[keep]
            if len(cand) and number_overlap > 0 and fp.n_numbers >= min_numbers:
                keep = _numbers_agree(fp.numbers, self._nums[cand], self._nnum[cand] >= min_numbers,
                                      number_overlap)
                cand, sims = cand[keep], sims[keep]
            for p, s in zip(cand.tolist(), sims.tolist()):
                if p not in found:
                    found[p] = Match(p, self._ids[p], float(s), False)
        return sorted(found.values(), key=lambda m: (-m.similarity, m.position))


def _numbers_agree(mask: int, masks: np.ndarray, applies: np.ndarray, overlap: float) -> np.ndarray:
    """Which candidates share at least ``overlap`` of the smaller set of numbers (by mask bits);
    candidates where the guard does not apply always agree."""
    m = np.uint64(mask)
    common = np.bitwise_count(masks & m).astype(np.float64)
    smaller = np.minimum(np.bitwise_count(masks), np.bitwise_count(m)).astype(np.float64)
    ok = common >= overlap * np.maximum(smaller, 1.0)
    return ok | ~applies


def params_from_config(config: dict) -> Params:
    return Params(
        num_perm=int(config.get("num_perm", Params.num_perm)),
        shingle=int(config.get("shingle", Params.shingle)),
        seed=int(config.get("seed", Params.seed)),
    )
