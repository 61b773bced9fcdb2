"""The knowledge base: loading, documented files, nisba lookup, dated roles, user files."""
import datetime as dt
import time

import pytest

from rasd.actors.kb import _build, load_kb, nisba_inflections


def test_kb_loads_fast_and_has_every_layer(kb):
    t = time.perf_counter()
    fresh = _build(())
    assert time.perf_counter() - t < 0.5 * 4  # generous on a shared machine; measured ~0.2 s
    assert len(fresh) == len(kb) > 800
    assert {"countries.tsv", "capitals.tsv", "entities.tsv", "people.tsv", "nisba.tsv"} <= set(fresh.files)
    assert kb.get("RUS").name == "Russia" and kb.get("PRK").kind == "country"
    assert kb.get("NATO").code == "NATO" and kb.get("KREMLIN").country == "RUS"
    assert kb.get("RUS.capital").kind == "city" and kb.get("RUS.capital").code == "RUS"


@pytest.mark.parametrize("word,code", [
    ("الروسي", "RUS"), ("والروسية", "RUS"), ("الروس", "RUS"), ("الأميركيون", "USA"),
    ("الأمريكية", "USA"), ("الكوري الشمالي", "PRK"), ("الكوريين الشماليين", "PRK"),
    ("كورية جنوبية", "KOR"), ("للصينيين", "CHN"), ("باليابانية", "JPN"), ("الغربيين", "WST"),
])
def test_country_of_nisba_accepts_clitics_and_inflection(kb, word, code):
    assert kb.country_of_nisba(word) == code


@pytest.mark.parametrize("word", ["الرئيس", "كتاب", "", "الكوري الجنوبي الشمالي"])
def test_country_of_nisba_unknown_words(kb, word):
    assert kb.country_of_nisba(word) is None


def test_nisba_inflections_inflect_every_word():
    forms = nisba_inflections("كوري شمالي")
    assert "كوريه شماليه" in forms and "كوريين شماليين" in forms


@pytest.mark.parametrize("role,of,date,who", [
    ("president", "RUS", dt.date(2010, 6, 1), "Dmitry Medvedev"),
    ("president", "RUS", dt.date(2024, 6, 1), "Vladimir Putin"),
    ("prime_minister", "RUS", dt.date(2010, 6, 1), "Vladimir Putin"),
    ("president", "USA", dt.date(2023, 1, 1), "Joe Biden"),
    ("president", "USA", dt.date(2025, 6, 1), "Donald Trump"),
    ("foreign_minister", "JPN", dt.date(2023, 10, 1), "Yoko Kamikawa"),
    ("foreign_minister", "JPN", dt.date(2023, 8, 1), "Yoshimasa Hayashi"),
    ("spokesperson", "KREMLIN", dt.date(2019, 1, 1), "Dmitry Peskov"),
    ("secretary_general", "NATO", dt.date(2020, 1, 1), "Jens Stoltenberg"),
])
def test_holders_by_date(kb, role, of, date, who):
    assert kb.holders(role, of, date)[0] == who


def test_user_yaml_adds_and_overrides_entries(tmp_path):
    f = tmp_path / "my.yaml"
    f.write_text(
        "- name: Ahmed Example\n  kind: person\n  name_ar: أحمد المثالي\n  country: EGY\n  code: EGYGOV\n"
        "  roles: [{role: foreign_minister, of: EGY, start: 2030-01-01}]\n"
        "- key: RUS\n  kind: country\n  name: Russia\n  aliases: [بلاد الروس]\n"
        "- key: TASS\n  remove: true\n", "utf-8")
    kb = load_kb([f])
    assert kb.get("Ahmed Example").country == "EGY"
    assert kb.holders("foreign_minister", "EGY", dt.date(2031, 1, 1))[0] == "Ahmed Example"
    assert "بلاد الروس" in kb.get("RUS").aliases and "روسيا" in kb.get("RUS").aliases
    assert kb.get("TASS") is None
    assert load_kb().get("TASS") is not None  # the packaged KB is untouched
