"""Properties of the fingerprints and of the LSH index."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.dedup import DedupIndex, Fingerprinter, Params, content_hash, decode_minhash, lsh_shape, words
from rasd.dedup import index as index_mod

WORDS = ["وزير", "الخارجية", "أعلن", "إطلاق", "مستشفى", "الزرقاء", "مدينة", "قال", "الحكومة", "مبادرة",
         "المياه", "سرير", "دينار", "الأطفال", "المحافظة", "يوم", "الاثنين", "عمان", "بغداد", "2024"]
HARAKAT = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0640"]

FPR = Fingerprinter()

word_lists = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60)


@settings(max_examples=60, deadline=None)
@given(ws=word_lists, data=st.data())
def test_content_hash_ignores_whitespace_diacritics_and_punctuation(ws, data):
    seps = data.draw(st.lists(st.sampled_from([" ", "  ", "\n", "\u00a0", "، ", ". ", "\t"]),
                              min_size=len(ws), max_size=len(ws)))
    marks = data.draw(st.lists(st.sampled_from(HARAKAT + [""]), min_size=len(ws), max_size=len(ws)))
    reshaped = "".join(w[:1] + m + w[1:] + s for w, m, s in zip(ws, marks, seps))
    assert content_hash(reshaped) == content_hash(" ".join(ws))
    assert words(reshaped) == words(" ".join(ws))


@settings(max_examples=40, deadline=None)
@given(a=word_lists, b=word_lists)
def test_different_word_sequences_have_different_hashes(a, b):
    if words(" ".join(a)) != words(" ".join(b)):
        assert content_hash(" ".join(a)) != content_hash(" ".join(b))


@settings(max_examples=40, deadline=None)
@given(ws=st.lists(st.sampled_from(WORDS), min_size=3, max_size=80))
def test_minhash_bytes_round_trip_and_identical_texts_have_identical_signatures(ws):
    fp = FPR(" ".join(ws))
    stored = decode_minhash(fp.minhash_bytes(), FPR.params)
    assert (stored.signature == fp.signature).all() and stored.n_shingles == fp.n_shingles
    assert (stored.numbers, stored.n_numbers) == (fp.numbers, fp.n_numbers)
    assert (Fingerprinter()(" ".join(ws)).signature == fp.signature).all()  # stable across instances
    assert decode_minhash(fp.minhash_bytes(), Params(shingle=4)) is None


def test_estimated_similarity_tracks_true_jaccard():
    rng = np.random.default_rng(3)
    vocab = [f"كلمة{i}" for i in range(5000)]
    base = list(rng.choice(vocab, 300))
    errs = []
    for keep in (0.3, 0.5, 0.7, 0.9):
        other = [w if rng.random() < keep else str(rng.choice(vocab)) for w in base]
        sa = set(zip(base, base[1:], base[2:]))
        sb = set(zip(other, other[1:], other[2:]))
        true = len(sa & sb) / len(sa | sb)
        est = float((FPR(" ".join(base)).signature == FPR(" ".join(other)).signature).mean())
        errs.append(abs(est - true))
    assert max(errs) < 0.12, errs


def test_lsh_shape_catches_pairs_at_the_candidate_threshold():
    for t in (0.3, 0.4, 0.5, 0.6):
        b, r = lsh_shape(128, t)
        assert b * r <= 128
        assert 1 - (1 - t**r) ** b >= 0.99


def test_band_table_finds_entries_before_and_after_it_merges_its_buffer(monkeypatch):
    monkeypatch.setattr(index_mod._BandTable, "_MIN_BUFFER", 50)
    rng = np.random.default_rng(0)
    vocab = [f"w{i}" for i in range(100000)]
    idx = DedupIndex()
    texts = [" ".join(rng.choice(vocab, 40)) for _ in range(60)]
    fps = [FPR(t) for t in texts]
    for i, fp in enumerate(fps):
        idx.add(f"id{i}", fp)
    assert len(idx._table._keys) > 0  # the buffer was merged at least once
    for i in (0, 17, 59):
        near = FPR(texts[i] + " خاتمة")
        m = idx.lookup(near, threshold=0.5)
        assert [x.id for x in m] == [f"id{i}"]


def test_from_records_keeps_arrival_order_and_ignores_repeated_ids():
    fa, fb = FPR("خبر أول عن الطقس في عمان اليوم"), FPR("خبر ثان عن الاقتصاد في بغداد")
    recs = [("a", fa.content_hash, fa.minhash_bytes()), ("b", fb.content_hash, fb.minhash_bytes()),
            ("a", fb.content_hash, fb.minhash_bytes())]
    idx = DedupIndex.from_records(recs)
    assert len(idx) == 2 and idx.position("a") == 0 and idx.position("b") == 1
    assert [m.id for m in idx.lookup(fb, threshold=0.4, before=1)] == []
    assert [m.id for m in idx.lookup(fb, threshold=0.4)] == ["b"]


def test_band_table_returns_exactly_the_positions_stored_under_the_keys(monkeypatch):
    monkeypatch.setattr(index_mod._BandTable, "_MIN_BUFFER", 300)
    rng = np.random.default_rng(5)
    pool = rng.integers(0, 2**64 - 1, size=2000, dtype=np.uint64)  # repeated keys on purpose
    table = index_mod._BandTable()
    naive: dict[int, set[int]] = {}
    for pos in range(400):
        keys = rng.choice(pool, 16)
        table.add(keys, pos)
        for k in keys.tolist():
            naive.setdefault(k, set()).add(pos)
        if pos % 37 == 0:
            q = np.concatenate([rng.choice(pool, 8), rng.integers(0, 2**64 - 1, size=4, dtype=np.uint64)])
            want = sorted(set().union(*(naive.get(k, set()) for k in q.tolist())))
            assert table.query(q).tolist() == want
    assert len(table._keys) > 0 and len(table) == sum(len(v) for v in naive.values())
