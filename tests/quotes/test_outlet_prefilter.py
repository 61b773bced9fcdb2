"""The outlet finder tries its regex only where an alias can start; it must find exactly what a
plain scan of the regex over the whole text finds (same spans, same order)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.quotes.lexicon import default_lexicon
from rasd.quotes.text import TextView

LEX = default_lexicon()
ALIASES = sorted(LEX.outlets)
NOISE = ["و", "ف", "ب", "ل", "لل", "ال", "بال", "وبال", "فلل", " ", "  ", "\n", "\t", "،", "(", ")",
         '"', "«", "»", ".", "-", "قال", "نقلت", "وكالة", "ا", "ه", "x", "3", "_"]


def plain_scan(view: TextView):
    return [(m.span(), m.span(1)) for m in LEX.outlet_regex.finditer(view.t)]


def alias_piece():
    def build(a, sep, cut):
        a = a.replace(" ", sep)
        return a[:cut] if cut else a
    return st.builds(build, st.sampled_from(ALIASES), st.sampled_from([" ", "  ", "\n", " \t"]),
                     st.one_of(st.just(0), st.integers(1, 12)))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(alias_piece(), st.sampled_from(NOISE)), max_size=40))
def test_prefiltered_outlet_search_equals_a_plain_regex_scan(parts):
    view = TextView("".join(parts), LEX)
    assert [(m.span(), m.span(1)) for m in view._outlet_hits()] == plain_scan(view)


def test_outlets_with_clitics_and_dotted_abbreviations_are_found():
    body = ("نقلت وكالة رويترز عن مصادر أن الاجتماع انتهى، وذكرت لوكالة الأنباء الألمانية أن الوفد غادر.\n"
            "وقال مراسل للجزيرة إن الهدوء عاد، بحسب ا.ف.ب والـ«بي بي سي».\n")
    view = TextView(body, LEX)
    got = [(m.span(), m.span(1)) for m in view._outlet_hits()]
    assert got == plain_scan(view)
    found = {(om.outlet.name, body[om.s:om.e]) for om in view.outlet_matches}
    assert {("Reuters", "رويترز"), ("AFP", "ا.ف.ب"), ("BBC", "بي بي سي")} <= found
