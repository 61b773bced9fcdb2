"""clean.boilerplate.v1: marker families, line features, context and what must stay."""
from __future__ import annotations

import pytest

from rasd.clean.boilerplate import BoilerplateRemover, split_lines
from rasd.clean.markers import default_labels, default_markers, default_tag_terms, line_key, load_markers

import importlib.util
from pathlib import Path

# shared test texts (tests run with --import-mode=importlib: load the helper by path)
_spec = importlib.util.spec_from_file_location("clean_texts", Path(__file__).with_name("clean_texts.py"))
_texts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_texts)
P1 = _texts.P1
P2 = _texts.P2
P3 = _texts.P3
TITLE = _texts.TITLE


@pytest.fixture(scope="module")
def remover():
    return BoilerplateRemover(default_markers(), default_labels(), default_tag_terms())


def article(*extra_top: str, extra_bottom: tuple[str, ...] = ()) -> str:
    return "\n\n".join([*extra_top, TITLE, P1, P2, P3, *extra_bottom])


def body_lines(text: str) -> set[str]:
    return {ln.strip() for ln in text.split("\n") if ln.strip()}


@pytest.mark.parametrize(
    "line, family",
    [
        ("زر الذهاب إلى الأعلى", "nav"),
        ("Search", "search"),
        ("Close this search box.", "search"),
        ("[ad_1]", "ad"),
        ("[ad_12]", "ad"),
        ("إعلان", "ad"),
        ("3f2a9c10-77b4-4c1e-9d2f-0a1b2c3d4e5f", "id"),
        ("3f2a9c10 77b4 4c1e 9d2f 0a1b2c3d4e5f", "id"),
        ("اترك تعليقاً", "comment"),
        ("لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *", "comment"),
        ("شارك على فيسبوك", "share"),
        ("تابعونا على تويتر وإنستغرام", "follow"),
        ("تابع أحدث الأخبار عبر تطبيق", "follow"),
        ("حمّل تطبيق الموقع الآن", "app"),
        ("اشترك في النشرة البريدية", "newsletter"),
        ("كلمات دلالية: مصر الأردن وزير الخارجية", "tags"),
        ("کلمات دلالیة: مصر الأردن", "tags"),  # written with Persian letters
        ("الوسوم: الأردن مصر", "tags"),
        ("جميع الحقوق محفوظة © 2024", "copyright"),
    ],
)
def test_marker_family_lines_are_removed(remover, line, family):
    res = remover(article(extra_bottom=(line,)))
    assert line.strip() in res.removed
    assert line.strip() not in body_lines(res.body)
    fam = next(ln.family for ln in res.lines if ln.text.strip() == line.strip())
    assert fam == family


@pytest.mark.parametrize("line", ["إِقْرَأْ أَيْضاً", "مقالات ذات صلة", "أحدث المقالات", "الأكثر قراءة"])
def test_read_also_header_with_a_headline_list_goes_with_the_list(remover, line):
    heads = ["الرئيس يستقبل وفدا برلمانيا", "ارتفاع أسعار الذهب في الأسواق المحلية", "افتتاح معرض الكتاب"]
    res = remover(article(extra_bottom=(line, *heads)))
    for h in [line, *heads]:
        assert h in res.removed
    assert body_lines(res.body) == {TITLE, P1, P2, P3}


def test_read_also_header_followed_by_a_story_is_left_for_the_appended_stage(remover):
    res = remover(article(extra_bottom=("اقرأ أيضا:", "زلزال يضرب سومطرة", P1.replace("المصرية", "الليبية"), P2)))
    assert "اقرأ أيضا:" in res.body


def test_marker_matching_ignores_diacritics_tatweel_and_punctuation(remover):
    res = remover(article(extra_bottom=("« زر الذهـــاب إلى الأعلى »",)))
    assert res.removed == ["« زر الذهـــاب إلى الأعلى »"]


def test_duplicated_title_goes_and_first_title_stays(remover):
    res = remover("\n\n".join([TITLE, TITLE, P1, P2]))
    assert res.removed == [TITLE]
    assert res.body.startswith(TITLE)
    assert res.body.count(TITLE) == 1


def test_glued_tag_line_at_the_end_is_removed(remover):
    tag = "الشرق الأوسطمصرالأردنالولايات المتحدة"
    res = remover(article(extra_bottom=(tag,)))
    assert res.removed == [tag]


def test_category_breadcrumb_above_the_title_is_removed(remover):
    crumb = "🌍 الشرق الأوسط مصر الأردن سياسة"
    res = remover(article(crumb))
    assert res.removed == [crumb]
    assert res.body.startswith(TITLE)


def test_in_body_subheading_made_of_two_country_names_stays(remover):
    sub = "مصر والأردن"
    text = "\n\n".join([TITLE, P1, sub, P2, P3])
    res = remover(text)
    assert res.removed == []
    assert sub in res.body


def test_credit_line_dateline_and_sources_list_stay(remover):
    text = article(
        "القاهرة - 12 يناير 2025",
        extra_bottom=("المصدر: وكالة الأنباء الأردنية", "المصادر:", "رويترز", "– الجزيرة", "بترا"),
    )
    res = remover(text)
    assert res.removed == []
    for keep in ["القاهرة - 12 يناير 2025", "المصدر: وكالة الأنباء الأردنية", "رويترز", "– الجزيرة", "بترا"]:
        assert keep in res.body


def test_short_advert_between_ad_marker_and_related_header_is_removed(remover):
    res = remover(article(extra_bottom=("[ad_2]", "مطعم الياسمين للمشويات", "مقالات ذات صلة", "اترك تعليقاً")))
    assert "مطعم الياسمين للمشويات" in res.removed
    assert body_lines(res.body) == {TITLE, P1, P2, P3}


def test_short_line_next_to_only_one_marker_stays(remover):
    res = remover(article(extra_bottom=("وكالات", "زر الذهاب إلى الأعلى")))
    assert "وكالات" in res.body


def test_latin_ui_line_above_an_arabic_article_is_removed(remover):
    res = remover(article("Menu Home News", "Sign in"))
    assert "Sign in" in res.removed and "Menu Home News" in res.removed


def test_removed_lines_keep_their_order_and_nothing_vanishes(remover):
    text = "\n".join(["[ad_1]", TITLE, P1, "اترك تعليقاً", P2, "زر الذهاب إلى الأعلى"])
    res = remover(text)
    assert res.removed == ["[ad_1]", "اترك تعليقاً", "زر الذهاب إلى الأعلى"]
    kept = [ln for ln in text.split("\n") if ln not in res.removed]
    assert res.body == "\n".join(kept)


def test_lines_without_letters_or_digits_are_removed(remover):
    res = remover("\n".join([TITLE, "* * *", P1, "———", P2]))
    assert res.removed == ["* * *", "———"]


def test_extra_markers_file_extends_the_packaged_ones(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text("# pattern\tfamily\tmode\nاشترك في قناتنا على يوتيوب\tfollow\tline\n", "utf-8")
    ms = load_markers(extra=extra)
    assert ms.classify(line_key("اشترك في قناتنا على يوتيوب")) == ("follow", "line")
    assert ms.classify(line_key("اترك تعليقاً")) == ("comment", "line")


def test_bad_marker_mode_is_reported_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("إعلان\tad\tanywhere\n", "utf-8")
    with pytest.raises(ValueError, match="anywhere"):
        load_markers(bad)


def test_split_lines_offsets_point_into_the_body():
    body = "سطر أول\r\n\nسطر ثانٍ مع تشكيل\nthird"
    for ln in split_lines(body):
        assert body[ln.start:ln.end] == ln.text


def test_stage_records_families_and_keeps_the_title(run):
    docs = run("\n".join(["Search", TITLE, TITLE, P1, P2, "اترك تعليقاً"]))
    doc = docs[0]
    assert doc.removed == ["Search", TITLE, "اترك تعليقاً"]
    assert doc.body.startswith(TITLE)
    assert [b["family"] for b in doc.meta["boilerplate"]] == ["search", "duplicate", "comment"]


@pytest.mark.parametrize("line,menu", [
    ("الرئيسية | سياسة | اقتصاد | رياضة | منوعات", True),
    ("أخبار • تقارير • رأي • اتصل بنا", True),
    ("Home | World | Business | Tech", True),
    ("الأفق | دولي", False),  # two items: a site/section header, not clearly a menu
    ("بقلم: هيئة التحرير | 3 دقائق قراءة", False),
    ("مصر | الأردن | وقعت الحكومتان اتفاقية جديدة لتوسيع التعاون في قطاع الطاقة والنقل", False),
])
def test_a_flattened_menu_line_is_navigation(line, menu):
    from rasd.clean.boilerplate import is_menu

    assert is_menu(line) is menu


def test_menu_lines_go_to_removed_and_the_story_stays(remover):
    body = "\n".join([TITLE, "الرئيسية | سياسة | اقتصاد | رياضة | منوعات", P1, P2])
    out = remover(body)
    assert "الرئيسية | سياسة | اقتصاد | رياضة | منوعات" in out.removed
    assert P1 in out.body and P2 in out.body and TITLE in out.body
