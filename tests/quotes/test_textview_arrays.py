"""The quote extractor's text view keeps its tokens as arrays and builds a Token only when one is
looked at; the helpers that replaced whole-text copies and the per-lexicon word memos must give
exactly what the plain computations give."""
from __future__ import annotations

import bisect
import copy
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.document import Actor, Document, Span
from rasd.quotes.extract import QuoteExtractor, _word_memo
from rasd.quotes.lexicon import default_lexicon
from rasd.quotes.stages import analyse
from rasd.quotes.text import TextView, lstrip_start, rstrip_end

LEX = default_lexicon()
PIECES = ["قال", "وقال", "الوزير", "إن", "أن", "بأن", "فالحكومة", "مسؤولون", "أميركيون", "وزارة",
          "الخارجيّة", "ـ", " ", "  ", "\n", "\t", "\u00a0", "،", ",", ".", "؟", "!", ":", "؛", '"',
          "«", "»", "“", "”", "(", ")", "3.5", "٢٠٢٤", "_", "x_y", "a", "\u200f", "ً"]
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def reference_tokens(view: TextView) -> list[tuple]:
    """The tokens as the eager implementation built them: one per ``\\w+`` match."""
    t, offs = view.t, view.nt.offsets
    out = []
    for m in re.finditer(r"\w+", t):
        ns, ne = m.span()
        w = m.group()
        base = w[1:] if (len(w) > 3 and w[0] in ("و", "ف")) else w
        out.append((ns, ne, offs[ns], offs[ne - 1] + 1, w, base,
                    bisect.bisect_left(view.sent_bounds, ns), bisect.bisect_left(view.para_bounds, ns)))
    return out


def as_tuple(tk) -> tuple:
    return (tk.ns, tk.ne, tk.s, tk.e, tk.w, tk.base, tk.sent, tk.para)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_lazy_tokens_are_the_eager_tokens(text):
    view = TextView(text, LEX)
    ref = reference_tokens(view)
    toks = view.tokens
    assert len(toks) == len(ref) == len(view.words)
    # in a scattered order first (tokens are built on demand), then all in order
    for i in list(range(len(ref)))[::-3]:
        assert as_tuple(toks[i]) == ref[i] and toks[i].i == i
    assert [as_tuple(tk) for tk in toks] == ref
    assert [as_tuple(tk) for tk in toks[1:4]] == ref[1:4]
    if ref:
        assert as_tuple(toks[-1]) == ref[-1]
        assert toks[0] is toks[0]  # built once


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 80))
def test_sentence_floor_tells_the_tokens_of_the_same_sentence(text, pos):
    view = TextView(text, LEX)
    npos = min(pos, len(view.t))
    floor = view.sentence_floor(npos)
    for ns in view._tok_starts:
        if ns <= npos:
            assert (view.sentence_of(ns) == view.sentence_of(npos)) == (ns > floor)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \t\u00a0ab\"(.\n", max_size=20), st.integers(0, 25),
       st.sampled_from([" \t\u00a0", " \t\u00a0\"", " \t\u00a0."]))
def test_strip_positions_equal_the_string_methods(t, pos, chars):
    pos = min(pos, len(t))
    assert rstrip_end(t, pos, chars) == len(t[:pos].rstrip(chars))
    assert lstrip_start(t, pos, chars) == len(t) - len(t[pos:].lstrip(chars))


def _doc_with_mentions(body: str, spans: list[tuple[int, int]]) -> Document:
    doc = Document.from_input(text=body)
    doc.actors = [Actor(name=f"A{k}", kind="person" if k % 2 else "country", country="EGY",
                        mentions=[Span(s, e, body[s:e])]) for k, (s, e) in enumerate(spans)]
    return doc


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)), max_size=8),
       st.integers(0, 45), st.integers(0, 45))
def test_mention_lookups_by_bisection_equal_a_scan(raw, a, b):
    body = "قال الوزير المصري إن الحكومة ستواصل الحوار مع الجميع اليوم."
    spans = [(s, min(len(body), s + n)) for s, n in raw]
    ex = QuoteExtractor(_doc_with_mentions(body, spans), TextView(body, LEX), LEX)
    s, e = min(a, b), max(a, b)
    assert ex.mentions_in(s, e) == [m for m in ex.mentions if m[0] >= s and m[1] <= e and m[1] > m[0]]
    assert ex._overlaps_mention(s, e) == any(m[0] < e and s < m[1] for m in ex.mentions)


def test_word_memos_start_afresh_when_a_lexicon_table_is_replaced():
    lex = copy.copy(LEX)
    lex.__dict__.pop("_word_memo", None)
    body = "وقال المتحدث الرسمي إن الاجتماع انتهى."
    before = analyse(Document.from_input(text=body), lex).quotes
    memo = _word_memo(lex)
    assert _word_memo(lex) is memo  # kept while the tables stay
    lex.roles = dict(lex.roles)
    lex.roles["المتحدث"] = "spokesperson"
    assert _word_memo(lex) is not memo
    after = analyse(Document.from_input(text=body), lex).quotes
    assert [q.text for q in before] == [q.text for q in after]


def test_a_text_view_is_freed_without_the_cyclic_collector():
    """No reference cycle through the token table: a view, its tokens and matches go as soon as the
    stage lets go of them (the batch run collects seldom, and garbage in cycles would pile up)."""
    import gc
    import weakref

    gc.disable()
    try:
        view = TextView("قال الوزير إن «المحادثات» ستستمر، وفق وكالة الأنباء.", LEX)
        view.tok[0], view.tokens[1]  # tokens built and kept by the table
        ref = weakref.ref(view)
        del view
        assert ref() is None
    finally:
        gc.enable()
