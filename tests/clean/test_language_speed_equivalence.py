"""clean.language.v1's one-pass letter counts give exactly the line-by-line answer.

``detect_document`` counts the letters of every line in one numpy pass; the reference reads each
line on its own with ``script_counts`` (UTF-8 byte counts). Both must agree on every text: the
document language, each segment and its offsets.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.clean import language as L

# Arabic (with Persian/Urdu letters, non-letters, presentation forms), Latin (ASCII and accented),
# other scripts, digits, and every kind of space and line break
ALPHABET = (
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآءؤئ") + list("پچژگٹڈڑںےۓیک") + list("،؛؟٠١٢٣٩ﻻﷲ")
    + list("abcdefXYZ") + list("éÜñßſǅɏ") + list("Привет") + list("עברית") + list("ελλη")
    + list("カタかな日本語한국") + list("हिन्दी") + ["\u0740", "\u077f", "\ufb40", "\ufeff"]
    + list("0123456789 .,:!?\"'-") + ["\n", "\n", "\t", "\r", "\u00a0", "\u3000", "\u2028", "\u0085"]
)
TEXT = st.text(alphabet=st.sampled_from(ALPHABET), max_size=300)


@settings(max_examples=400, deadline=None)
@given(TEXT, st.integers(min_value=0, max_value=20))
def test_one_pass_counts_equal_line_by_line(text, min_letters):
    assert L.detect_document(text, min_letters) == L._detect_document_by_line(text, min_letters)


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=6))
def test_each_line_gets_the_counts_of_script_counts(parts):
    text = "\n".join(parts)
    lines = [(i, raw.strip()) for i, raw in enumerate(text.split("\n")) if raw.strip()]
    if not lines:
        return
    pos, ranges = 0, []
    for raw in text.split("\n"):
        if raw.strip():
            s = pos + len(raw) - len(raw.lstrip())
            ranges.append((s, s + len(raw.strip())))
        pos += len(raw) + 1
    counts, extras = L._line_letter_counts(text, ranges)
    for (i, stripped), extra in zip(lines, extras):
        row = counts[i].tolist()
        assert L._scripts_from_counts(row, extra) == L.script_counts(stripped)
        assert list(L._scripts_from_counts(row, extra)) == list(L.script_counts(stripped))  # same order
        assert row[L._C_FA] == len(L._PERSIAN_RE.findall(stripped))
        assert row[L._C_UR] == len(L._URDU_RE.findall(stripped))


def test_our_mixed_documents_agree():
    docs = [
        "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في عمّان.\n\nThe minister said talks resume next week.",
        "این یک متن فارسی است که گفتگو درباره‌ی چیزهای گوناگون دارد.\nوقال المتحدث إن الوفد وصل.",
        "یہ اردو میں لکھا گیا ایک جملہ ہے جس میں ٹ اور ڈ ہیں۔\n\u00a0\u00a0\nLe ministre a déclaré que les négociations reprendront.",
        "",
        "\n \n",
    ]
    for text in docs:
        assert L.detect_document(text) == L._detect_document_by_line(text)
    assert L.detect_document(docs[0])[0] == "ar"
