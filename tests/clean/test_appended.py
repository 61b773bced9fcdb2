"""clean.appended.v1: an appended unrelated story becomes its own document."""
from __future__ import annotations

from rasd.document import make_id

import importlib.util
from pathlib import Path

# shared test texts (tests run with --import-mode=importlib: load the helper by path)
_spec = importlib.util.spec_from_file_location("clean_texts", Path(__file__).with_name("clean_texts.py"))
_texts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_texts)
P1 = _texts.P1
P2 = _texts.P2
P3 = _texts.P3
Q1 = _texts.Q1
Q2 = _texts.Q2
TITLE = _texts.TITLE

QTITLE = "زلزال بقوة ست درجات يضرب جزيرة سومطرة الإندونيسية"


def host_text(*tail: str) -> str:
    return "\n\n".join([TITLE, P1, P2, P3, *tail])


def test_story_after_read_also_header_and_credit_line_is_split_off(run):
    text = host_text("المصدر: وكالات", "إقرأ أيضاً:", QTITLE, Q1, Q2)
    docs = run(text, input_id="a1", url="https://news.example.com/2024/06/19/visit")
    host, child = docs
    assert child.appended_to == host.id
    assert child.id == make_id(host.id, "appended", "1")
    assert child.input_id == "a1#appended-1"
    assert child.url == host.url and child.source == host.source
    assert child.body.startswith(QTITLE) and Q1 in child.body and Q2 in child.body
    assert child.raw == child.body
    for line in (QTITLE, Q1, Q2):
        assert line not in host.body
    assert P3 in host.body and "المصدر: وكالات" in host.body
    assert "إقرأ أيضاً:" in host.removed
    # the child is analysed like any other document
    assert child.title == QTITLE and child.language == "ar"
    # and does not inherit its host's URL date
    assert host.published is not None and child.published is None


def test_story_after_removed_tag_line_is_split_off_without_credit(run):
    text = host_text("كلمات دلالية: مصر الأردن", "اقرأ أيضا", QTITLE, Q1, Q2)
    host, child = run(text)
    assert child.body.startswith(QTITLE)
    assert Q2 not in host.body


def test_inline_headline_on_the_header_line_starts_the_child(run):
    text = host_text("المصدر: وكالات", f"اقرأ المزيد: {QTITLE}", Q1, Q2)
    host, child = run(text)
    assert child.body.split("\n")[0] == QTITLE
    assert "اقرأ المزيد:" in host.removed


def test_read_also_link_inside_the_same_story_is_not_split(run):
    # a "read also" link in the middle of the article, the article then continues on the same topic
    text = "\n\n".join([TITLE, P1, "اقرأ أيضا: الأردن ومصر يبحثان التعاون الاقتصادي", P2, P3])
    docs = run(text)
    assert len(docs) == 1
    host = docs[0]
    assert P2 in host.body and P3 in host.body
    assert "اقرأ أيضا: الأردن ومصر يبحثان التعاون الاقتصادي" in host.removed


def test_related_headline_list_without_story_is_boilerplate_not_an_article(run):
    text = host_text("مقالات ذات صلة", "افتتاح معرض الكتاب في عمّان", "ارتفاع أسعار الذهب", "الأمطار تغمر شوارع المدينة")
    docs = run(text)
    assert len(docs) == 1
    assert "افتتاح معرض الكتاب في عمّان" in docs[0].removed


def test_two_appended_stories_become_two_documents(run):
    text = host_text("المصدر: وكالات", "اقرأ أيضا:", QTITLE, Q1, "المصدر: رويترز", "اقرأ أيضا:",
                     "أسعار النفط ترتفع", Q2, Q1.replace("سومطرة", "جاوة"))
    host, c1, c2 = run(text)
    assert c1.appended_to == host.id and c2.appended_to == host.id
    assert c1.id != c2.id
    assert c1.body.startswith(QTITLE) and c2.body.startswith("أسعار النفط ترتفع")
    assert "أسعار النفط ترتفع" not in c1.body
