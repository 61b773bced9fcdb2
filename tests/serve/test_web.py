"""Dashboard pages: data shown, Arabic RTL by default, English LTR on the toggle, links to sentences."""
from __future__ import annotations

import re

import pytest

PAGES = ["/", "/events", "/network", "/documents", "/documents/" + "a1" * 8, "/actors", "/actors/person:sisi",
         "/outlets", "/search?q=%D8%B1%D9%88%D8%B3%D9%8A%D8%A7"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_arabic_rtl_by_default_and_english_ltr_on_request(client, path):
    client.cookies.clear()
    ar = client.get(path)
    assert ar.status_code == 200
    assert '<html lang="ar" dir="rtl">' in ar.text
    en = client.get(path, params={"lang": "en"}) if "?" not in path else client.get(path + "&lang=en")
    assert en.status_code == 200
    assert '<html lang="en" dir="ltr">' in en.text
    client.cookies.clear()


def test_language_choice_is_remembered_in_a_cookie(client):
    client.cookies.clear()
    r = client.get("/events", params={"lang": "en"})
    assert "rasd_lang=en" in r.headers["set-cookie"]
    assert '<html lang="en" dir="ltr">' in client.get("/actors").text
    client.cookies.clear()
    assert '<html lang="ar" dir="rtl">' in client.get("/actors").text


def test_toggle_link_keeps_the_filters_and_switches_language(client):
    html = client.get("/events", params={"country": "RUS", "lang": "ar"}).text
    toggle = re.search(r'id="lang-toggle" href="([^"]+)"', html).group(1)
    assert "country=RUS" in toggle and "lang=en" in toggle
    client.cookies.clear()


def test_overview_shows_counts_latest_events_top_actors_and_timeline_data(client):
    client.cookies.clear()
    html = client.get("/").text
    assert re.search(r'data-count="events"><span class="n">6<', html)
    assert "الولايات المتحدة" in html and "روسيا" in html  # Arabic names of actors in events
    assert "عقوبات" in html  # PLOVER SANCTION in Arabic
    assert 'id="chart-data"' in html and '"kind": "timeline"' in html
    en = client.get("/", params={"lang": "en"}).text
    assert "United States" in en and "sanction" in en and "Latest events" in en
    assert "July 15, 2024" in en  # dates in the reader's language
    client.cookies.clear()


def test_event_table_rows_link_to_their_sentence_in_the_reader(client, docs):
    html = client.get("/events", params={"type": "SANCTION", "lang": "en"}).text
    m = re.search(r'href="(/documents/[0-9a-f]+\?lang=en#ev-(\d+)-(\d+))"', html)
    assert m
    start, end = int(m.group(2)), int(m.group(3))
    assert docs["sanctions"].body[start:end].startswith("فرضت الولايات المتحدة")
    reader = client.get(m.group(1).split("#")[0]).text
    assert f'id="ev-{start}-{end}"' in reader
    assert "United States" in html and "Russia" in html and "wire.example.org" in html
    client.cookies.clear()


def test_event_table_filters_and_pages(client):
    html = client.get("/events", params={"limit": 2, "lang": "en"}).text
    assert html.count('data-event-id="') == 2 and 'id="next-page"' in html
    link = re.search(r'href="([^"]+)" id="next-page"', html).group(1).replace("&amp;", "&")
    page2 = client.get(link).text
    assert page2.count('data-event-id="') == 2
    assert 'href="/api/events?format=csv"' in html or "format=csv" in html
    neg = client.get("/events", params={"negated": "true", "lang": "en"}).text
    assert neg.count('data-event-id="') == 1 and "negated" in neg
    client.cookies.clear()


def test_reader_highlights_mentions_events_and_quotes_and_shows_removed_and_duplicates(client):
    html = client.get("/documents/" + "a1" * 8, params={"lang": "ar"}).text
    assert 'class="m"' in html and 'class="ev' in html and 'class="q' in html
    assert re.search(r'<a href="/actors/person%3Aabdullah2\?lang=ar" class="m[^"]*" data-s="\d+">عبد الله الثاني</a>', html)
    assert 'class="ev negated"' in html  # the denied missiles
    assert 'id="removed"' in html and "اقرأ أيضا: أخبار الطقس" in html
    assert 'id="duplicates"' in html and "copy.example" in html
    assert "وكالة أنباء الشرق الأوسط" in html
    client.cookies.clear()


def test_actor_page_shows_events_counterparts_quotes_and_spellings(client):
    html = client.get("/actors/person:sisi", params={"lang": "ar"}).text
    assert 'id="actor-name">عبد الفتاح السيسي' in html
    assert "عبد الله الثاني" in html  # counterpart, in Arabic
    assert "العلاقات بين البلدين راسخة" in html  # quote by the person
    assert 'class="spelling">السيسي<' in html
    en = client.get("/actors/person:sisi", params={"lang": "en"}).text
    assert 'id="actor-name">Abdel Fattah el-Sisi' in en and "Abdullah II" in en
    assert client.get("/actors/nobody").status_code == 404
    client.cookies.clear()


def test_network_page_draws_edges_coloured_by_relation_with_actor_links(client):
    import json

    html = client.get("/network", params={"lang": "en"}).text
    spec = json.loads(html.split('id="chart-data">', 1)[1].split("</script>", 1)[0])
    labels = {n["label"]: n for n in spec["nodes"]}
    assert labels["Russia"]["url"] == "/actors/country%3ARUS?lang=en"
    edge = next(e for e in spec["edges"] if "Abdullah II" in e["label"])
    assert edge["cooperation"] == 1 and edge["conflict"] == 0
    assert all(0 <= n["x"] <= 1 and 0 <= n["y"] <= 1 for n in spec["nodes"])
    client.cookies.clear()


def test_search_page_highlights_the_hit(client):
    html = client.get("/search", params={"q": "العقوبات", "lang": "ar"}).text
    assert "<mark>" in html and "عقوبات أمريكية جديدة على روسيا" in html
    assert "لا نتائج" in client.get("/search", params={"q": "كلمةغيرموجودة", "lang": "ar"}).text
    client.cookies.clear()


def test_plotly_is_served_from_the_installed_package(client):
    from rasd.serve.app import plotly_js_path

    r = client.get("/static/plotly.min.js")
    assert r.status_code == 200 and len(r.content) == plotly_js_path().stat().st_size
    html = client.get("/").text
    assert 'src="/static/plotly.min.js"' in html and "cdn" not in html.lower()


def test_every_ui_label_exists_in_both_languages():
    from rasd.serve import i18n

    cat = i18n.catalog()
    assert set(cat["ar"]) == set(cat["en"])
    assert set(cat["plover"]["ar"]) == set(cat["plover"]["en"])
    assert set(cat["quad"]["ar"]) == set(cat["quad"]["en"]) == set(cat["quad_colors"]) == {"1", "2", "3", "4"}
    from importlib import resources
    import json

    ontology = resources.files("rasd").joinpath("data", "ontology", "plover.json")
    if ontology.is_file():  # every PLOVER type of the ontology has a label
        assert set(json.loads(ontology.read_text(encoding="utf-8"))["event_types"]) <= set(cat["plover"]["en"])
    assert cat["ar"]["dir"] == "rtl" and cat["en"]["dir"] == "ltr"


def test_timeline_bucket_labels_follow_the_language():
    pytest.importorskip("babel")
    from rasd.serve.i18n import bucket_label

    assert bucket_label("2024-06", "ar") == "يونيو 2024"
    assert bucket_label("2024-06", "en") == "Jun 2024"
    assert bucket_label("2024-06-17", "en") == "17 Jun 2024"
    assert bucket_label("not-a-date", "en") == "not-a-date"
