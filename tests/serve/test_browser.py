"""The dashboard in headless Chromium (Debian's package, driven by Playwright's Python API).

Every page loads on the test store, in Arabic (RTL) and English (LTR); data shows, charts render,
the XSS payloads stay inert, and a screenshot of each page goes to ``artifacts/screenshots/``.
Install the browser with ``scripts/install_browser.sh`` (never ``playwright install``).
"""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason="headless Chromium is not installed (/usr/bin/chromium): run scripts/install_browser.sh"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_in_thread(app):
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=server.run, daemon=True)
    th.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    return server, th, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def base_url(store):
    from rasd.serve import create_app

    server, th, url = serve_in_thread(create_app(store))
    yield url
    server.should_exit = True
    th.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    pw_mod = pytest.importorskip("playwright.sync_api", reason="pip install playwright (the driver only)")
    with pw_mod.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1360, "height": 900}, locale="ar")
    pg = ctx.new_page()
    pg.dialogs = []
    pg.errors = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    ctx.close()


def shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def assert_inert(pg) -> None:
    assert pg.evaluate("window.__xss") is None, "an injected script ran"
    assert pg.dialogs == []
    assert pg.evaluate("document.querySelectorAll('img[onerror], script:not([src]):not([type=\"application/json\"])').length") == 0


PAGES = [
    ("overview", "/", "#counts .count"),
    ("events", "/events", "table.events tbody tr"),
    ("network", "/network", "table.pairs tbody tr"),
    ("documents", "/documents", "table.docs tbody tr"),
    ("reader", "/documents/" + "a1" * 8, "#body .m"),
    ("actors", "/actors", "table.actors tbody tr"),
    ("actor", "/actors/country:RUS", "table.events tbody tr"),
    ("outlets", "/outlets", "table.outlets tbody tr"),
    ("search", "/search?q=%D8%B1%D9%88%D8%B3%D9%8A%D8%A7", "ol.results li"),
]
CHARTS = {"overview", "network", "actor"}


@pytest.mark.parametrize("lang,direction", [("ar", "rtl"), ("en", "ltr")])
def test_every_page_loads_with_data_direction_and_charts(page, base_url, lang, direction):
    for name, path, selector in PAGES:
        sep = "&" if "?" in path else "?"
        page.goto(f"{base_url}{path}{sep}lang={lang}", wait_until="load")
        assert page.evaluate("document.documentElement.dir") == direction, name
        assert page.evaluate("document.documentElement.lang") == lang, name
        assert page.locator(selector).count() > 0, f"{name}: no data ({selector})"
        if name in CHARTS:
            page.wait_for_selector("#chart[data-rendered='1'] .main-svg", timeout=15000)
            assert page.locator("#chart .main-svg").count() > 0
        assert_inert(page)
        assert page.errors == [], (name, page.errors)
        shot(page, f"{name}-{lang}")


def test_arabic_text_flows_right_to_left(page, base_url):
    page.goto(f"{base_url}/documents/{'a1' * 8}?lang=ar")
    body = page.locator("#body")
    assert body.evaluate("el => getComputedStyle(el).direction") == "rtl"
    # the brand (first in the header) sits at the right edge in Arabic, at the left in English
    x_ar = page.locator(".brand").bounding_box()["x"]
    page.goto(f"{base_url}/documents/{'a1' * 8}?lang=en")
    x_en = page.locator(".brand").bounding_box()["x"]
    assert x_ar > 600 > x_en


def test_language_toggle_switches_direction_and_labels(page, base_url):
    page.goto(f"{base_url}/events?country=RUS")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert "روسيا" in page.locator("table.events").inner_text()
    page.click("#lang-toggle")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert "country=RUS" in page.url
    assert "Russia" in page.locator("table.events").inner_text()


def test_xss_payloads_are_inert_in_the_browser(page, base_url):
    for path in ["/documents/" + "d4" * 8, "/events?actor=evil", "/actors/org:evil", "/network", "/outlets",
                 "/search?q=%D8%AE%D8%A8%D9%8A%D8%AB"]:
        for lang in ("ar", "en"):
            page.goto(f"{base_url}{path}{'&' if '?' in path else '?'}lang={lang}", wait_until="load")
            page.wait_for_timeout(100)
            assert_inert(page)
    page.goto(f"{base_url}/documents/{'d4' * 8}?lang=en")
    assert "<script>window.__xss=1</script>" in page.locator("#body").inner_text()  # shown as text
    shot(page, "xss-reader-en")


def test_event_row_opens_its_sentence_in_the_reader(page, base_url):
    page.goto(f"{base_url}/events?type=SANCTION&lang=en")
    page.click("a.sentence-link")
    page.wait_for_load_state("load")
    assert "#ev-" in page.url
    marked = page.evaluate("Array.from(document.querySelectorAll('#body .target')).map(e => e.textContent).join('')")
    assert marked == "فرضت الولايات المتحدة عقوبات جديدة على روسيا بسبب الحرب."  # the whole sentence, outlined
    shot(page, "reader-sentence-en")


def test_clicking_an_actor_in_the_network_opens_its_page(page, base_url):
    page.goto(f"{base_url}/network?lang=en")
    page.wait_for_selector("#chart[data-rendered='1'] .main-svg")
    spec = page.evaluate("JSON.parse(document.getElementById('chart-data').textContent)")
    idx = [n["label"] for n in spec["nodes"]].index("Russia")
    points = page.locator("#chart .scatterlayer .trace").last.locator("path.point")
    box = points.nth(idx).bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)  # plotly clicks the hovered point
    page.wait_for_timeout(300)
    with page.expect_navigation():
        page.mouse.click(cx, cy)
    assert "/actors/country%3ARUS" in page.url
    assert page.locator("#actor-name").inner_text().startswith("Russia")


# -- the demo corpus through the real pipeline: what `rasd serve` shows after the quick start --------
DEMO = Path(__file__).resolve().parents[2] / "demo" / "corpus"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    if not DEMO.is_dir():
        pytest.skip("demo/corpus is not available")
    import rasd
    from rasd.serve import create_app

    store = rasd.open_store(tmp_path_factory.mktemp("demo") / "demo.db")
    summary = rasd.analyze_into(rasd.read([DEMO]), store)
    assert summary.documents > 0
    server, th, url = serve_in_thread(create_app(store))
    yield url, store
    server.should_exit = True
    th.join(timeout=10)
    store.close()


@pytest.mark.parametrize("lang,direction", [("ar", "rtl"), ("en", "ltr")])
def test_demo_corpus_pages_render(page, demo_url, lang, direction):
    url, store = demo_url
    docs = [d for d in store.iter_rows("documents")]
    actors = store.actor_summary(limit=1)
    paths = [("overview", "/"), ("events", "/events"), ("network", "/network"), ("documents", "/documents"),
             ("reader", f"/documents/{docs[0]['id']}"), ("actors", "/actors"), ("outlets", "/outlets"),
             ("search", "/search?q=%D8%A7%D9%84%D8%B1%D8%A6%D9%8A%D8%B3")]
    if actors:
        paths.append(("actor", f"/actors/{actors[0]['id']}"))
    for name, path in paths:
        sep = "&" if "?" in path else "?"
        resp = page.goto(f"{url}{path}{sep}lang={lang}", wait_until="load")
        assert resp.status == 200, name
        assert page.evaluate("document.documentElement.dir") == direction
        assert page.errors == [], (name, page.errors)
        if name == "overview":
            n = int(page.locator("[data-count='documents'] .n").inner_text())
            assert n == len(docs)
            page.wait_for_selector("#chart[data-rendered='1'] .main-svg", timeout=15000)
        if name == "documents":
            assert page.locator("table.docs tbody tr").count() == min(50, len(docs))
        shot(page, f"demo-{name}-{lang}")


@pytest.mark.parametrize("lang,month", [("ar", "يونيو"), ("en", "Jun")])
def test_timeline_axis_labels_are_in_the_page_language(page, base_url, lang, month):
    page.goto(f"{base_url}/?lang={lang}&interval=month")
    page.wait_for_selector("#chart[data-rendered='1'] .main-svg", timeout=15000)
    ticks = page.evaluate("Array.from(document.querySelectorAll('#chart .xtick text')).map(e => e.textContent)")
    assert ticks and any(month in t for t in ticks), ticks
    assert page.errors == []
