"""Event dates: resolved against the publication date, never invented."""
import pytest

from event_helpers import _CODER, make_doc

pytest.importorskip("rasd.timex")


def first(text, published=None, plover=None):
    ev = [e for e in _CODER.code(make_doc(text, published)) if plover is None or e.plover == plover]
    assert ev, text
    return ev[0]


def test_explicit_full_date_in_the_sentence():
    e = first("زار بوتين كوريا الشمالية في 19 يونيو 2024.")
    assert e.date == "2024-06-19" and e.meta["date_precision"] == "day"


def test_relative_day_is_resolved_against_the_publication_date():
    e = first("زار بوتين كوريا الشمالية أمس.", published="2024-06-20")
    assert e.date == "2024-06-19"


def test_relative_day_without_publication_date_stays_null():
    assert first("زار بوتين كوريا الشمالية أمس.").date is None


def test_no_temporal_anchor_gives_null_even_with_a_publication_date():
    assert first("زار بوتين كوريا الشمالية.", published="2024-06-20").date is None


def test_background_fact_keeps_its_own_year():
    e = first("في عام 2012 ألغت روسيا معظم ديون كوريا الشمالية.", published="2024-06-20")
    assert e.plover == "AID" and e.date == "2012" and e.meta["date_precision"] == "year"


def test_month_and_year():
    e = first("فرضت الولايات المتحدة عقوبات على إيران في مارس 2023.", published="2024-06-20")
    assert e.date == "2023-03"


def test_date_of_another_sentence_is_not_borrowed():
    e = first("وصل الوفد في 3 مايو 2024. وزار بوتين كوريا الشمالية.", plover="CONSULT")
    assert e.date is None
