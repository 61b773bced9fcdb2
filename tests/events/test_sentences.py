from hypothesis import given, strategies as st

from rasd.events.sentences import split_sentences


def test_splits_on_arabic_punctuation_and_newlines_keeping_offsets():
    text = "زار الوزير القاهرة. هل ستوقع الاتفاقية؟ نعم!\nوقال مسؤول؛ لا تعليق"
    parts = [text[a:b] for a, b in split_sentences(text)]
    assert parts == ["زار الوزير القاهرة.", "هل ستوقع الاتفاقية؟", "نعم!", "وقال مسؤول؛", "لا تعليق"]


def test_does_not_split_decimals_or_initials():
    text = "بلغ النمو 3.5 في المئة حسب د. أحمد."
    assert [text[a:b] for a, b in split_sentences(text)] == [text]


@given(st.text(alphabet="زار الوفد مصر.؟!؛\n 3.5أب", max_size=80))
def test_spans_are_ordered_disjoint_trimmed_and_inside_the_text(text):
    spans = split_sentences(text)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        last = b
