"""The fast fingerprint gives exactly the fingerprint of the plain implementation.

The reference below is the code before the speed work: words of the space-folded normalised body,
word hashes one at a time, and the MinHash with the shift applied to every hash value before the
minimum. Stored signatures depend on these values, so they must not move by a single bit.
"""
from __future__ import annotations

import hashlib

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.dedup import Fingerprinter, Params
from rasd.dedup import fingerprint as fpm

ALPHABET = (list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآءؤئ") + list("َُِّْـ") + list("0123456789٠١٢٣٤")
            + list(" ،.,:؟!\"«»-") + ["\n", "\t", "\u00a0", "\u2028", "\u200c"] + list("abcXYZ_"))
BODY = st.text(alphabet=st.sampled_from(ALPHABET), max_size=400)


def ref_fingerprint(fp: Fingerprinter, body: str):
    norm = fpm.fold_spaces(fpm.normalize_text(body))
    ws = fpm._WORD.findall(norm)
    ch = hashlib.blake2b(" ".join(ws).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    if not ws:
        return ch, 0, 0, None, 0, 0
    h = np.array([fpm._xxh64(w.encode("utf-8", "surrogatepass")) for w in ws], dtype=np.uint64)
    k = min(fp.params.shingle, len(ws))
    n = len(ws) - k + 1
    with np.errstate(over="ignore"):
        s = h[:n].copy()
        for j in range(1, k):
            s *= fp._mult
            s += h[j:j + n]
        sh = np.unique(fpm._mix64(s ^ np.uint64(k)))
        sig = None
        for i in range(0, len(sh), 7):  # small chunks: the chunked minimum is the same minimum
            hv = fp._a * sh[None, i:i + 7]
            hv += fp._b
            hv >>= np.uint64(32)
            m = hv.min(axis=1)
            sig = m if sig is None else np.minimum(sig, m)
    mask, n_nums = fpm.numbers_mask(norm)
    return ch, len(ws), int(len(sh)), sig.astype(np.uint32), mask, n_nums


def _same(fp: Fingerprinter, body: str) -> None:
    got = fp(body)
    ch, n_words, n_sh, sig, mask, n_nums = ref_fingerprint(fp, body)
    assert (got.content_hash, got.n_words, got.n_shingles) == (ch, n_words, n_sh)
    if sig is None:
        assert got.signature is None
        return
    assert got.signature.dtype == np.uint32
    assert np.array_equal(got.signature, sig)
    assert (got.numbers, got.n_numbers) == (mask, n_nums)


@settings(max_examples=200, deadline=None)
@given(BODY, st.sampled_from([Params(), Params(num_perm=16, shingle=1, seed=5), Params(num_perm=64, shingle=4)]))
def test_fingerprint_equals_the_reference(body, params):
    _same(Fingerprinter(params), body)


def test_fingerprint_equals_the_reference_on_news_text_and_repeated_calls():
    fp = Fingerprinter()
    body = ("أعلن وزير الخارجية، يوم الاثنين 3 حزيران 2024، إطلاق مبادرة بقيمة 1,250 مليون دينار "
            "لتحسين المياه في المحافظة.\n\nوقال إن   المستشفى الجديد في الزرقاء سيضم ١٢٠ سريرا.") * 3
    for _ in range(2):  # the second time through the word-hash cache
        _same(fp, body)
    # a long body spans several blocks of the signature computation
    long_body = " ".join(f"كلمة{i} رقم {i % 97}" for i in range(3000))
    _same(fp, long_body)
    assert fp(long_body).n_shingles > fpm._CHUNK


def test_word_hashes_are_xxh64_of_each_word():
    fp = Fingerprinter()
    ws = ["وزير", "الخارجية", "وزير", "2024", "abc"]
    expected = [fpm._xxh64(w.encode("utf-8")) for w in ws]
    assert fp.word_hashes(ws).tolist() == expected
    assert fp.word_hashes(ws).tolist() == expected  # the same again
    assert fp.word_hashes([]).tolist() == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.integers(0, 40), min_size=1, max_size=8), min_size=1, max_size=30),
       st.lists(st.integers(0, 45), min_size=1, max_size=10), st.integers(1, 12))
def test_band_table_query_is_the_sorted_distinct_positions(docs, probe, min_buffer):
    """Buffer-only, sorted-only and mixed tables answer as the plain multimap would."""
    from rasd.dedup.index import _BandTable

    table = _BandTable()
    table._MIN_BUFFER = min_buffer  # small: some documents get merged into the sorted arrays
    ref: dict[int, set[int]] = {}
    for pos, keys in enumerate(docs):
        arr = np.array([k * 0x9E3779B97F4A7C15 % 2**64 for k in keys], dtype=np.uint64)
        table.add(arr, pos)
        for k in arr.tolist():
            ref.setdefault(k, set()).add(pos)
    q = np.array([k * 0x9E3779B97F4A7C15 % 2**64 for k in probe], dtype=np.uint64)
    got = table.query(q)
    want = sorted(set().union(*(ref.get(k, set()) for k in q.tolist())))
    assert got.dtype == np.int32
    assert got.tolist() == want
    # the reference of the code before: np.unique over every part
    assert np.array_equal(got, np.unique(np.array(want, dtype=np.int32)))


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 20), st.integers(8, 64), st.data())
def test_similarity_by_count_equals_the_mean(n, perm, data):
    rng = np.random.default_rng(data.draw(st.integers(0, 1000)))
    sigs = rng.integers(0, 4, size=(n, perm), dtype=np.uint32)
    sig = rng.integers(0, 4, size=perm, dtype=np.uint32)
    fast = np.count_nonzero(sigs == sig, axis=1) / perm
    assert fast.dtype == np.float64
    assert fast.tolist() == (sigs == sig).mean(axis=1).tolist()


# -- find_words: the table-lookup word split equals the \w+ regex --------------------------------
from hypothesis import given as _given, settings as _settings, strategies as _st  # noqa: E402

from rasd.dedup import fingerprint as _FP  # noqa: E402

_WORD_ALPHABET = (list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآءؤئ") + list("پچژگ٠١٢٩0123456789")
                  + list("abcXYZéß_") + ["\u064e", "\u0651", "\u0640", "\u200c", "\u00b2", "\u00bd", "\U0001d400"]
                  + list(" \n\t.,،؛:!?\"'()-«»") + ["\u00a0", "\u2028"])


@_settings(max_examples=300, deadline=None)
@_given(_st.text(alphabet=_st.sampled_from(_WORD_ALPHABET), max_size=400))
def test_find_words_equals_the_word_regex(text):
    assert _FP.find_words(text) == _FP._WORD.findall(text)


def test_find_words_of_an_arabic_sentence():
    text = "قال وزير الخارجية، في مؤتمر صحفي بعمّان يوم ١٢ آذار 2024: إن المحادثات_السرية ستستأنف." * 3
    assert _FP.find_words(text) == _FP._WORD.findall(text)
    assert "المحادثات_السرية" in _FP.find_words(text)
