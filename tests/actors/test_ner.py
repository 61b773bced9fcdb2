"""The CRF NER: tokenizer offsets, clitic stripping, gazetteer marks, and the shipped model."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.actors import ner
from rasd.normalize import normalize_text

ARABIC_TEXT = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآءؤئ") + list("َُِّْـ") + list(" ،.؟!\"«»()-\n0123456789٣")),
    max_size=200,
)


@given(st.one_of(ARABIC_TEXT, st.text(max_size=120)))
def test_tokens_map_back_onto_the_text(text):
    toks = ner.tokenize(text)
    for t in toks:
        assert text[t.start:t.end] == t.text
        assert not any(ch.isspace() for ch in t.text)
    # tokens are ordered, disjoint and cover every non-space character
    assert all(a.end <= b.start for a, b in zip(toks, toks[1:]))
    assert "".join(t.text for t in toks) == "".join(ch for ch in text if not ch.isspace())


def test_tokenizer_splits_punctuation_but_keeps_clitics_and_diacritics():
    text = "وقالَ الرئيسُ، «لن نتراجع»."
    assert [t.text for t in ner.tokenize(text)] == ["وقالَ", "الرئيسُ", "،", "«", "لن", "نتراجع", "»", "."]


def test_numbers_keep_their_inner_separators():
    assert [t.text for t in ner.tokenize("ارتفع بنسبة 3.5 بالمئة")] == ["ارتفع", "بنسبة", "3.5", "بالمئة"]


def test_sentences_are_cut_after_final_punctuation_and_at_line_breaks():
    text = "وصل الوفد. ثم غادر\nفي المساء"
    sents = [[t.text for t in s] for s in ner.sentences(text)]
    assert sents == [["وصل", "الوفد", "."], ["ثم", "غادر"], ["في", "المساء"]]


@pytest.mark.parametrize(
    "word, expected",
    [
        ("والرئيس", ("وال", "رءيس")),
        ("بالعراق", ("بال", "عراق")),
        ("للرئيس", ("لل", "رءيس")),
        ("ولبنان", ("و", "لبنان")),
        ("بغداد", ("", "بغداد")),  # a preposition is not stripped before a bare noun
        ("فاطمة", ("", "فاطمه")),  # ف starts the name, it is not the conjunction
        ("فالرئيس", ("فال", "رءيس")),
    ],
)
def test_strip_proclitics(word, expected):
    assert ner.strip_proclitics(normalize_text(word)) == expected


@given(ARABIC_TEXT)
def test_strip_proclitics_only_splits(word):
    w = normalize_text(word.replace(" ", ""))
    pre, stem = ner.strip_proclitics(w)
    assert pre + stem == w


def test_gazetteer_marks_the_longest_multiword_name():
    gaz = ner.Gazetteer([("الامم المتحدة", "ORG"), ("الولايات المتحدة الامريكية", "LOC"), ("عمان", "LOC")])
    words = [normalize_text(w) for w in ["قالت", "الأمم", "المتحدة", "و", "الولايات", "المتحدة", "الأمريكية"]]
    stems = [ner.strip_proclitics(w)[1] for w in words]
    assert gaz.spans(words, stems) == [None, "B-ORG", "I-ORG", None, "B-LOC", "I-LOC", "I-LOC"]
    assert gaz.single["عمان"] == {"LOC"}


def test_bio_spans_reads_iob_and_iob2():
    assert ner.bio_spans(["O", "B-PERS", "I-PERS", "O", "I-LOC", "B-ORG", "B-ORG"]) == [
        (1, 3, "PERS"),
        (4, 5, "LOC"),
        (5, 6, "ORG"),
        (6, 7, "ORG"),
    ]


def test_features_are_the_same_for_the_same_tokens_and_use_context():
    toks = ["قال", "الرئيس", "جورج", "بوش"]
    f1 = ner.sentence_features(toks)
    assert f1 == ner.sentence_features(toks)
    assert "-1w=الرءيس" in f1[2] and "1w=بوش" in f1[2]
    assert "al=1" in f1[1] and "al=0" in f1[2]


# --------------------------------------------------------------------------- the shipped model

MODEL = Path(ner.__file__).resolve().parent.parent / ner.MODEL_DIR / ner.MODEL_FILE


def test_the_model_file_is_shipped_and_small():
    assert MODEL.exists(), "run scripts/train_ner.py"
    assert MODEL.stat().st_size < 15_000_000


def _labels(text):
    return {(e.text, e.label) for e in ner.find_entities(text)}


def test_person_after_a_title_and_a_city():
    text = "وقال الرئيس الأمريكي جورج بوش في واشنطن إن الحرب ستستمر."
    found = _labels(text)
    assert ("جورج بوش", "PER") in found
    assert ("واشنطن", "LOC") in found


def test_person_subject_of_a_speech_verb():
    found = _labels("وأكد وزير الخارجية المصري أحمد أبو الغيط أن القاهرة ترفض التدخل.")
    assert any(label == "PER" and "أحمد" in text for text, label in found)
    assert ("القاهرة", "LOC") in found


def test_entities_keep_offsets_and_only_three_labels():
    text = "أعلنت منظمة الصحة العالمية في جنيف أن الوباء انحسر.\nوقال المدير تيدروس أدهانوم إن الخطر باق."
    ents = ner.find_entities(text)
    assert ents
    for e in ents:
        assert text[e.start:e.end] == e.text
        assert e.label in {"PER", "ORG", "LOC"}
        assert 0.0 < e.score <= 1.0


@settings(max_examples=40, deadline=None)
@given(ARABIC_TEXT)
def test_find_entities_offsets_hold_on_any_text(text):
    for e in ner.find_entities(text):
        assert text[e.start:e.end] == e.text
        assert e.text == e.text.strip() and e.text


def test_no_entities_in_text_without_names():
    assert ner.find_entities("ارتفعت الأسعار بنسبة كبيرة خلال الشهر الماضي.") == []
