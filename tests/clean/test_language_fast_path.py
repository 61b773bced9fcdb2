"""clean.language.v1's fast path (lines decided by their letters unless a word votes for a language
other than Arabic) gives exactly the answer of reading every line in full."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.clean import language as L

# whole words: Arabic function words, Persian/Urdu function words (also typed with Arabic letters),
# Latin function words of several languages, names, digits and punctuation
WORDS = (
    ["في", "من", "على", "قال", "إن", "الوزير", "الحكومة", "المحادثات", "وي", "مي", "را", "كرد", "اين",
     "است", "این", "نیز", "برای", "میں", "اور", "سے", "ہے", "the", "The", "was", "de", "la", "und", "der",
     "le", "les", "el", "los", "ve", "bir", "il", "CNN", "Paris", "ÇOK", "İstanbul", "Привет", "ελλη", "日本",
     "2024", "١٢", "_", "،", ".", "؟", "(", ")", "-", "گفت", "پس", "ژ", "ٹ"]
)
SEP = st.sampled_from([" ", " ", " ", "\n", "\n\n", "\u00a0", "، ", "\t", "\u200f"])
TEXT = st.lists(st.tuples(st.sampled_from(WORDS), SEP), max_size=60).map(
    lambda xs: "".join(w + s for w, s in xs))


@settings(max_examples=500, deadline=None)
@given(TEXT, st.integers(min_value=0, max_value=15))
def test_fast_path_equals_full_reading(text, min_letters):
    assert L.detect_document(text, min_letters) == L._detect_document_by_line(text, min_letters)


def test_arabic_line_with_a_persian_looking_word_stays_arabic():
    text = "قال المتحدث باسم الحكومة إن وي سيزور القاهرة في الأسبوع المقبل.\nThe talks were held in Cairo and the minister was there."
    lang, segs = L.detect_document(text)
    assert lang == "ar" and [s["language"] for s in segs] == ["ar", "en"]
    assert (lang, segs) == L._detect_document_by_line(text)


def test_persian_function_words_in_arabic_letters_make_persian():
    text = "اين كتاب براي شما است و او نيز اينجا بود\nقال الوزير إن الاجتماع في عمان"
    assert L.detect_document(text) == L._detect_document_by_line(text)
    assert L.detect_document(text)[1][0]["language"] == "fa"


def test_letter_table_matches_the_word_pattern():
    lut = L._letter_lut()
    for cp in list(range(0, 0x800)) + list(range(0xFB50, 0xFF00)) + [0x200C, 0x0640, 0x0660, 0x06F0, 0x00B2]:
        ch = chr(cp)
        is_letter = bool(L._WORD_RE.fullmatch(ch))
        assert (int(lut[cp]) == cp) == (is_letter or cp in (10, 32)), hex(cp)
