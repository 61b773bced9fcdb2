import pytest
from hypothesis import given, strategies as st

from rasd.events.lexicon import (NOUN_PREFIXES, PAST_PREFIXES, PAST_SUFFIXES, PRES_PREFIXES,
                                 PRES_SUFFIXES, Lexicon, default_lexicon, read_rows)
from rasd.events.ontology import PLOVER_TYPES, lookup
from rasd.normalize import normalize_text


def hits(text):
    n = normalize_text(text)
    return [(n[h.start:h.end], h.row.cameo) for h in default_lexicon().find(n)]


def test_every_trigger_row_maps_to_a_coded_cameo_entry():
    for row in default_lexicon().rows:
        assert lookup(row.cameo).plover, f"line {row.line}: {row.forms} -> {row.cameo} has no PLOVER type"


def test_the_lexicon_covers_all_sixteen_plover_types():
    covered = {lookup(r.cameo).plover for r in default_lexicon().rows}
    assert covered == set(PLOVER_TYPES)


@pytest.mark.parametrize("text,code", [
    ("وزارت الوزيرة عمّان", "042"),        # conjunction + past + feminine ت
    ("وسيزورون القاهرة", "042"),            # و + future س + present + plural
    ("خلال زيارته إلى دمشق", "042"),        # verbal noun + possessive (ta marbuta → ت)
    ("للزيارة أهمية", "042"),               # ل + article
    ("استقبل الملك الضيف", "043"),
    ("وقّعت الحكومتان اتفاقية تعاون", "057"),
    ("أدانت الخارجية الهجوم", "111"),
    ("فرضت واشنطن عقوبات جديدة", "163"),
    ("قصفت الطائرات المدينة", "195"),
    ("تظاهر آلاف الطلاب", "141"),
])
def test_inflected_and_cliticised_forms_are_found(text, code):
    assert code in [c for _, c in hits(text)]


def test_words_that_only_look_like_triggers_are_not_found():
    assert hits("صرحت وزارة الخارجية") == []          # وزارة is not و+زار+ه
    assert hits("والمسؤوليات الاجتماعية") == []        # nisba adjective of اجتماع
    assert "057" not in [c for _, c in hits("وقع الحادث أمس")]  # وقع = happened: needs a complement


def test_complement_selects_the_specific_code():
    assert ("تزويد", "072") in hits("تزويد الجيش بالأسلحة")
    assert ("رفع", "085") in hits("رفع العقوبات عن سوريا")
    assert ("رفع", "081") in hits("رفع القيود عن الواردات")


def test_rows_are_validated():
    with pytest.raises(ValueError):
        read_rows("زار|زور\tadjective\t042\t\t\t")
    with pytest.raises(ValueError):
        read_rows("زار|زور\tverb\tvisit\t\t\t")


_LEX = Lexicon(read_rows("زار|زور\tverb\t042\t\t\t\nزيارة\tnoun\t042\t\t\t"))


@given(st.sampled_from(sorted(PAST_PREFIXES)), st.sampled_from(sorted(PAST_SUFFIXES)))
def test_any_allowed_past_inflection_of_a_verb_is_matched_whole(prefix, suffix):
    word = prefix + "زار" + suffix
    found = _LEX.find("ثم " + word + " البلد")
    assert any(h.start == 3 and h.end == 3 + len(word) for h in found)


@given(st.sampled_from(sorted(PRES_PREFIXES)), st.sampled_from(sorted(PRES_SUFFIXES)))
def test_any_allowed_present_inflection_is_matched_whole(prefix, suffix):
    word = prefix + "زور" + suffix
    assert any(h.end - h.start == len(word) for h in _LEX.find(word))


@given(st.sampled_from(sorted(NOUN_PREFIXES)))
def test_any_allowed_noun_prefix_is_matched(prefix):
    assert _LEX.find(prefix + "زياره")


@given(st.text(alphabet="زارويةتهسلبن ", max_size=40))
def test_hits_always_cover_whole_words(text):
    n = normalize_text(text)
    for h in _LEX.find(n):
        assert h.start == 0 or n[h.start - 1] == " "
        assert h.end == len(n) or n[h.end] == " "


@pytest.mark.parametrize("text,code", [
    ("خطف مسلحون صحفيا", "181"),                    # kidnapped (خطف as well as اختطف)
    ("احتجز المسلحون رهائن", "181"),                # hostage taking, not detention
    ("أطلقوا النار على الحافلة", "193"),            # opened fire (multi-word)
    ("أطلقت الفصائل صواريخ على المدينة", "195"),     # fired rockets
    ("انفجرت قنبلة في السوق", "183"),               # a bomb exploded
    ("فجر الانتحاري نفسه", "183"),                  # blew (himself) up
    ("وفرت روسيا الوقود للمحطات", "070"),            # provided supplies
    ("نظمت النقابة تظاهرة أمام البرلمان", "141"),    # a noun in ة, not the verb تظاهر + "him"
])
def test_new_incident_and_aid_vocabulary(text, code):
    assert code in [c for _, c in hits(text)]


@pytest.mark.parametrize("text,code", [
    ("استيقظ السكان قبل فجر الجمعة", "183"),        # فجر = dawn
    ("أطلق الرئيس مبادرة للسلام", "193"),           # أطلق without fire or weapons
    ("شن النائب هجوما لاذعا على الوزير", "190"),      # a verbal attack
    ("استقال الوزير احتجاجا على القرار", "140"),     # "in protest at": a reason, not an act
    ("أشاد بالتعاون التقني", "040"),                 # technical, not "met me"
])
def test_lookalikes_of_incident_triggers_are_not_found(text, code):
    assert code not in [c for _, c in hits(text)]
