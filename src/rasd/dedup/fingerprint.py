"""Fingerprints of a document body for deduplication: an exact content hash and a MinHash.

Both are computed on the NORMALISED body (:func:`rasd.normalize.normalize_text` then
:func:`rasd.normalize.fold_spaces`), cut into words (``\\w+`` runs: letters and digits; punctuation
is dropped). So whitespace, diacritics, tatweel, letter variants (أ/إ/آ→ا, ى→ي, ة→ه), Arabic-Indic
digits, typographic quotes and punctuation-only edits all give the *same* content hash.

The MinHash is computed over word ``k``-shingles (default 3 words) with a numpy-vectorised
multiply-shift hash family (64-bit shingle hash -> 32-bit value per permutation), so it is stable
across processes and machines (no Python ``hash()``) and can be stored and compared later.

Numbers guard: the set of numbers of the body (after normalisation, so ٢٠٢٤ = 2024) is kept as a
64-bit mask (one bit per number). Formulaic reports (daily figures, exchange rates, casualty
counts) share most of their words and differ in their numbers; the index uses the masks to keep
them apart (see :meth:`rasd.dedup.DedupIndex.lookup`).

Stored form (``Fingerprint.minhash_bytes()``): a 26-byte little-endian header
``b"RMH2", k:u8, 0:u8, num_perm:u16, seed:u32, n_shingles:u32, numbers_mask:u64, n_numbers:u16``
followed by ``num_perm`` u32 values. The header lets an index refuse signatures computed with
other parameters.
"""
from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import xxhash

from ..clean.wordsplit import find_words, word_lut, word_mask
from ..normalize import fold_spaces, normalize_text

MAGIC = b"RMH2"
_HEADER = struct.Struct("<4sBBHIIQH")
_WORD = re.compile(r"\w+")
# 2024, 0.45, 1,250 (one number each). ``[0-9][0-9]*`` = ``[0-9]+``, but a pattern that starts
# with a single character class lets the regex engine skip to the next digit (twice as fast)
_NUMBER = re.compile(r"[0-9][0-9]*(?:[.,][0-9]+)*")
_xxh64 = xxhash.xxh64_intdigest
_CHUNK = 4096  # shingles hashed per numpy block (bounds temporary memory on very long bodies)


def normalized(body: str) -> str:
    return fold_spaces(normalize_text(body))


def words(body: str) -> list[str]:
    """The normalised words of a body (the unit of hashing and shingling)."""
    return _WORD.findall(normalized(body))


def numbers_mask(norm: str) -> tuple[int, int]:
    """``(mask, count)``: a 64-bit mask with one bit per distinct number of normalised text
    (thousands separators dropped, leading zeros ignored)."""
    return _mask_of_numbers(_NUMBER.findall(norm))


def _mask_of_numbers(found: list[str]) -> tuple[int, int]:
    """:func:`numbers_mask` of the numbers found in a text."""
    nums = {n.replace(",", "") for n in found}
    mask = 0
    for n in nums:
        mask |= 1 << (_xxh64((n.lstrip("0") or "0").encode("ascii")) & 63)
    return mask, len(nums)


def _numbers_mask_of(norm: str, cp: np.ndarray) -> tuple[int, int]:
    """:func:`numbers_mask` of ``norm`` given its code points ``cp``. The regex scan costs ~5 ns per
    character and news bodies hold a handful of numbers: numpy finds the digits, and the number
    pattern is matched only where one starts. (``_NUMBER`` matches at every digit and only at
    digits, so the first digit after the end of a match is where ``findall`` finds the next one.)"""
    digits = np.flatnonzero(cp - 48 < 10)  # "0".."9" (uint32: the code points below "0" wrap round)
    if not len(digits):
        return 0, 0
    match = _NUMBER.match
    found = []
    end = 0
    for p in digits.tolist():
        if p >= end:
            end = match(norm, p).end()
            found.append(norm[p:end])
    return _mask_of_numbers(found)


def word_bytes(norm: str) -> list[bytes]:
    """The UTF-8 encoding of each ``\\w+`` word of normalised text, i.e. ``[w.encode("utf-8",
    "surrogatepass") for w in find_words(norm)]``, without a str object per word: the word mask
    (every non-word character a space) is encoded once and split as bytes (UTF-8 bytes of word
    characters are never ASCII whitespace)."""
    m = word_mask(norm) if len(norm) >= 64 else None  # short texts: the regex costs less
    if m is None:
        return [w.encode("utf-8", "surrogatepass") for w in find_words(norm)]
    return m.encode("utf-8", "surrogatepass").split()


def _word_bytes_of(norm: str, cp: np.ndarray) -> list[bytes]:
    """:func:`word_bytes` of ``norm`` given its code points ``cp`` (shared with the numbers)."""
    if len(norm) < 64 or np.maximum.reduce(cp) >= 0x10000:  # (the ufunc: no Python-level wrapper)
        return word_bytes(norm)
    m = word_lut().take(cp).tobytes().decode("utf-32-le", "surrogatepass")  # = word_mask(norm)
    return m.encode("utf-8", "surrogatepass").split()


def content_hash_of_words(ws: list[str]) -> str:
    """Hex hash of the normalised word sequence (32 hex digits, BLAKE2b-128)."""
    return hashlib.blake2b(" ".join(ws).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def content_hash(body: str) -> str:
    return content_hash_of_words(words(body))


def _mix64_inplace(x: np.ndarray) -> np.ndarray:
    """:func:`_mix64` overwriting ``x`` (fewer temporary arrays)."""
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, vectorised (uint64 arithmetic wraps modulo 2**64)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@dataclass(frozen=True)
class Params:
    """What must be equal for two MinHash signatures to be comparable."""

    num_perm: int = 128
    shingle: int = 3
    seed: int = 1

    def __post_init__(self):
        if not 8 <= self.num_perm <= 1024:
            raise ValueError("num_perm must be between 8 and 1024")
        if not 1 <= self.shingle <= 10:
            raise ValueError("shingle must be between 1 and 10 words")


@dataclass
class Fingerprint:
    content_hash: str
    n_words: int
    n_shingles: int
    signature: np.ndarray | None  # (num_perm,) uint32, None for an empty body
    params: Params
    numbers: int = 0  # 64-bit mask of the digit runs (numbers guard)
    n_numbers: int = 0
    # band keys cached by the index that last looked this fingerprint up (not part of the value)
    lsh_cache: Any = field(default=None, repr=False, compare=False)

    def minhash_bytes(self) -> bytes | None:
        if self.signature is None:
            return None
        p = self.params
        head = _HEADER.pack(MAGIC, p.shingle, 0, p.num_perm, p.seed, self.n_shingles, self.numbers,
                            min(self.n_numbers, 0xFFFF))
        return head + self.signature.astype("<u4").tobytes()


@dataclass
class Stored:
    signature: np.ndarray
    n_shingles: int
    numbers: int
    n_numbers: int


def decode_minhash(data: bytes | None, params: Params) -> Stored | None:
    """The stored signature and its evidence, or None if absent, malformed or made with other
    parameters (such a record can then only be matched exactly)."""
    if not data or len(data) < _HEADER.size:
        return None
    magic, k, _, num_perm, seed, n_sh, nums, n_nums = _HEADER.unpack_from(data, 0)
    if magic != MAGIC or k != params.shingle or num_perm != params.num_perm or seed != params.seed:
        return None
    if len(data) != _HEADER.size + 4 * num_perm:
        return None
    sig = np.frombuffer(data, dtype="<u4", offset=_HEADER.size).astype(np.uint32)
    return Stored(sig, int(n_sh), int(nums), int(n_nums))


class Fingerprinter:
    """Computes :class:`Fingerprint` s with fixed parameters (build once, reuse)."""

    def __init__(self, params: Params | None = None):
        self.params = params or Params()
        rng = np.random.default_rng(self.params.seed)
        # multiply-shift family: h(x) = ((a*x + b) mod 2**64) >> 32 with odd a
        a = rng.integers(0, 2**63, size=self.params.num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        b = rng.integers(0, 2**63, size=self.params.num_perm, dtype=np.uint64)
        self._a = a[:, None]
        self._b = b[:, None]
        self._mult = np.uint64(0x9E3779B97F4A7C15)
        word_lut()  # built once, with the fingerprinter

    def word_hashes(self, ws: list[str]) -> np.ndarray:
        """Stable 64-bit hash (xxh64 of UTF-8) of each word. (Hashing every word directly costs
        less than a cache lookup once the pipeline's other stages have pushed the cache out of
        the CPU caches.)"""
        try:
            return np.fromiter(map(_xxh64, map(str.encode, ws)), dtype=np.uint64, count=len(ws))
        except UnicodeEncodeError:  # a lone surrogate (never inside a \w+ word, but keep it safe)
            vals = [_xxh64(w.encode("utf-8", "surrogatepass")) for w in ws]
        return np.array(vals, dtype=np.uint64)

    def _shingles(self, h: np.ndarray) -> np.ndarray:
        """64-bit hashes of the word k-shingles from the word hashes ``h``, in text order with
        repeats (one if fewer words). (Integer array arithmetic wraps modulo 2**64 silently.)"""
        k = min(self.params.shingle, len(h))
        n = len(h) - k + 1
        s = h[:n].copy()
        for j in range(1, k):  # polynomial combination, then one strong mix
            s *= self._mult
            s += h[j : j + n]
        s ^= np.uint64(k)
        return _mix64_inplace(s)

    def shingle_hashes(self, ws: list[str]) -> np.ndarray:
        """Unique 64-bit hashes of the word k-shingles (one shingle if fewer words)."""
        if not ws:
            return np.empty(0, dtype=np.uint64)
        return np.unique(self._shingles(self.word_hashes(ws)))

    def signature(self, shingles: np.ndarray) -> np.ndarray:
        """MinHash signature (num_perm,) uint32 of a non-empty array of shingle hashes."""
        sig: np.ndarray | None = None
        for i in range(0, len(shingles), _CHUNK):
            hv = self._a * shingles[None, i : i + _CHUNK]  # (num_perm, chunk), wraps mod 2**64
            hv += self._b
            m = hv.min(axis=1)
            sig = m if sig is None else np.minimum(sig, m)
        assert sig is not None, "signature of an empty shingle set"
        # the top 32 bits of the minimum = the minimum of the top 32 bits (a shift is monotonic)
        sig >>= np.uint64(32)
        return sig.astype(np.uint32)

    def __call__(self, body: str, norm: str | None = None) -> Fingerprint:
        """``norm``: ``normalize_text(body)`` when the caller has it (``doc.normalized().text``)."""
        # ``normalized`` without folding the spaces: the same ``\w+`` words and the same numbers
        if norm is None:
            norm = normalize_text(body)
        # the code points are read once, for the words and for the numbers
        cp = np.frombuffer(norm.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        bws = _word_bytes_of(norm, cp)
        # = content_hash_of_words(words): the same bytes, joined as bytes
        ch = hashlib.blake2b(b" ".join(bws), digest_size=16).hexdigest()
        if not bws:
            return Fingerprint(ch, 0, 0, None, self.params)
        sh = self._shingles(np.fromiter(map(_xxh64, bws), dtype=np.uint64, count=len(bws)))
        sh.sort()
        n_shingles = int(np.count_nonzero(sh[1:] != sh[:-1])) + 1  # distinct shingles
        sig = self.signature(sh)  # the minimum over the shingles with repeats is the same
        mask, n_nums = _numbers_mask_of(norm, cp)
        return Fingerprint(ch, len(bws), n_shingles, sig, self.params, mask, n_nums)


def jaccard_estimate(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)
