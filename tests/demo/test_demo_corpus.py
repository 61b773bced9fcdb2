"""The demo corpus (demo/corpus/) is what demo/build_demo.py writes, and shows what it claims to show."""
from __future__ import annotations

import difflib
import importlib.util
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from rasd.errors import InputError
from rasd.ingest import decode_bytes, read_path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "demo" / "corpus"
SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_demo", ROOT / "demo" / "build_demo.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


bd = _load_builder()
FILES = bd.build()


def _text(name: str) -> str:
    text, _enc = decode_bytes((CORPUS / name).read_bytes(), name)
    return text.replace("\r\n", "\n")


def _all_text() -> str:
    parts = []
    for name in FILES:
        if name.endswith(".jsonl"):
            parts += [json.loads(ln)["text"] for ln in _text(name).splitlines()]
        else:
            parts.append(_text(name))
    return "\n".join(parts)


def test_committed_corpus_is_exactly_what_the_generator_writes():
    on_disk = {p.name for p in CORPUS.iterdir() if p.is_file()}
    assert on_disk == set(FILES), "run: .venv/bin/python demo/build_demo.py"
    for name, data in FILES.items():
        assert (CORPUS / name).read_bytes() == data, f"{name} is stale; rerun demo/build_demo.py"


def test_generator_check_mode_reports_a_tampered_file(tmp_path):
    assert bd.main(["--out", str(tmp_path)]) == 0
    assert bd.main(["--out", str(tmp_path), "--check"]) == 0
    (tmp_path / "01_cairo_amman_visit.txt").write_bytes(b"changed")
    assert bd.main(["--out", str(tmp_path), "--check"]) == 1


def test_at_least_fourteen_arabic_stories_of_150_to_400_words():
    arabic = [a for a in bd.ARTICLES if re.search("[\u0600-\u06ff]", a.headline)]
    assert len(arabic) >= 14
    for a in arabic:
        assert 150 <= a.words() <= 400, (a.slug, a.words())
    english = [a for a in bd.ARTICLES if a not in arabic]
    assert len(english) == 1 and english[0].words() < 200


@pytest.mark.parametrize("name,encoding,story", [
    ("01_cairo_amman_visit.txt", "utf-8", "CAIRO_AMMAN"),
    ("04_iran_denies_missiles_utf8bom.txt", "utf-8-sig", "IRAN_DENIAL"),
    ("05_north_korea_warning_utf16.txt", "utf-16", "KOREA_WARNING"),
    ("06_sudan_aid_cp1256.txt", "windows-1256", "SUDAN_AID"),
])
def test_each_special_file_decodes_with_its_encoding(name, encoding, story):
    text, enc = decode_bytes((CORPUS / name).read_bytes(), name)
    assert enc == encoding
    assert text.splitlines()[0] == getattr(bd, story).headline


def test_exactly_one_file_is_windows_1256_with_crlf_and_it_is_not_utf8():
    encs = {n: decode_bytes(b, n)[1] for n, b in FILES.items()}
    cp = [n for n, e in encs.items() if e == "windows-1256"]
    assert cp == ["06_sudan_aid_cp1256.txt"]
    data = FILES[cp[0]]
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert data.decode("cp1256").replace("\r\n", "\n") == bd.page(bd.site_naba, bd.SUDAN_AID, 6)


def test_boms_and_encodings_of_the_other_special_files():
    assert FILES["04_iran_denies_missiles_utf8bom.txt"].startswith(b"\xef\xbb\xbf")
    assert FILES["05_north_korea_warning_utf16.txt"][:2] in (b"\xff\xfe", b"\xfe\xff")
    plain = [n for n, b in FILES.items() if n.endswith(".txt") and n[:2] not in ("04", "05", "06")]
    for n in plain:
        assert not FILES[n].startswith(b"\xef\xbb\xbf")
        FILES[n].decode("utf-8")


def test_every_story_paragraph_appears_verbatim_in_its_file_between_boilerplate_lines():
    placed = {
        "01_cairo_amman_visit.txt": bd.CAIRO_AMMAN, "02_eu_russia_sanctions.txt": bd.EU_RUSSIA,
        "03_south_lebanon_strikes.txt": bd.LEBANON_STRIKES, "04_iran_denies_missiles_utf8bom.txt": bd.IRAN_DENIAL,
        "05_north_korea_warning_utf16.txt": bd.KOREA_WARNING, "06_sudan_aid_cp1256.txt": bd.SUDAN_AID,
        "07_saudi_china_hijri.txt": bd.SAUDI_CHINA, "08_paris_farmers_protest.txt": bd.PARIS_PROTEST,
        "09_erdogan_zelensky_istanbul.txt": bd.ERDOGAN_ZELENSKY,
        "10_us_venezuela_sanctions_eased.txt": bd.US_VENEZUELA, "11_japan_china_senkaku.txt": bd.JAPAN_CHINA,
        "12_nato_china_with_appended.txt": bd.NATO_CHINA, "13_qatar_egypt_mediation.txt": bd.QATAR_EGYPT,
        "16_un_sudan_english.txt": bd.UN_SUDAN_EN,
    }
    for name, art in placed.items():
        lines = _text(name).splitlines()
        assert lines[0] == art.headline, name
        for p in art.paragraphs:
            assert p in lines, (name, p[:40])
        # the page furniture is there too: a dated line, a credit, a copyright line
        assert art.date_line in lines and art.credit in lines, name
        assert any("©" in ln for ln in lines), name
        # and prose never shares a line with furniture
        assert not any(("©" in ln or "[ad_" in ln) and len(ln.split()) > 15 for ln in lines), name


def test_exact_copy_is_byte_identical_under_another_name():
    assert FILES["18_eu_russia_sanctions_mirror.txt"] == FILES["02_eu_russia_sanctions.txt"]
    same = [n for n, b in FILES.items() if b == FILES["02_eu_russia_sanctions.txt"]]
    assert len(same) == 2


def test_near_copy_drops_one_sentence_changes_two_words_and_its_furniture():
    orig, near = bd.CAIRO_AMMAN, bd.near_copy(bd.CAIRO_AMMAN)
    a, b = orig.body.split(), near.body.split()
    ops = [op for op in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes() if op[0] != "equal"]
    deletes = [op for op in ops if op[0] == "delete"]
    replaces = [op for op in ops if op[0] == "replace"]
    assert len(ops) == 3 and len(deletes) == 1 and len(replaces) == 2
    assert " ".join(a[deletes[0][1]:deletes[0][2]]) == bd.NEAR_DROPPED
    assert all(i2 - i1 == 1 and j2 - j1 == 1 for _, i1, i2, j1, j2 in replaces)
    assert near.headline != orig.headline and near.credit != orig.credit
    text_o, text_n = _text("01_cairo_amman_visit.txt"), _text("17_cairo_amman_visit_repost.txt")
    assert bd.NEAR_DROPPED in text_o and bd.NEAR_DROPPED not in text_n
    furniture_o = set(text_o.splitlines()) - set(orig.paragraphs)
    furniture_n = set(text_n.splitlines()) - set(near.paragraphs)
    assert len(furniture_o & furniture_n - {""}) <= 1  # different site, different boilerplate


def test_appended_story_follows_the_read_also_marker_after_the_host_story():
    lines = _text("12_nato_china_with_appended.txt").splitlines()
    marker = lines.index("إقرأ أيضاً:")
    assert lines[marker + 1] == bd.HORN_DROUGHT.headline
    host_last = max(lines.index(p) for p in bd.NATO_CHINA.paragraphs)
    guest = [lines.index(p) for p in bd.HORN_DROUGHT.paragraphs]
    assert host_last < marker < min(guest)
    assert 150 <= bd.HORN_DROUGHT.words() <= 400
    assert not set(bd.HORN_DROUGHT.body.split()[:8]) <= set(bd.NATO_CHINA.body.split())


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.seen: dict[str, int] = {}
        self.meta: dict[str, str] = {}
        self.text: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.seen[tag] = self.seen.get(tag, 0) + 1
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key:
                self.meta[key] = a.get("content", "")
            return
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if data.strip():
            for t in set(self.stack):
                self.text.setdefault(t, []).append(data.strip())


def test_html_page_has_head_metadata_nav_article_aside_and_footer():
    p = _Tags()
    p.feed(_text("14_arab_league_condemns.html"))
    assert p.meta["og:site_name"] and p.meta["date"] == "2024-06-12"
    assert bd.ARAB_LEAGUE.headline in p.text["title"][0]
    for tag in ("nav", "article", "h1", "aside", "footer"):
        assert p.seen.get(tag), tag
    assert p.text["h1"] == [bd.ARAB_LEAGUE.headline]
    article_ps = [t for t in p.text["p"] if t in bd.ARAB_LEAGUE.paragraphs]
    assert article_ps == list(bd.ARAB_LEAGUE.paragraphs)
    assert any("اقرأ أيضاً" in t for t in p.text["aside"])


def test_jsonl_feed_has_two_or_three_objects_with_the_input_fields():
    objs = [json.loads(ln) for ln in _text("15_feed.jsonl").splitlines()]
    assert 2 <= len(objs) <= 3
    for o in objs:
        assert set(o) == {"id", "url", "outlet", "published", "title", "text"}
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", o["published"])
        assert o["url"].startswith("https://") and o["text"].strip()
    assert len({o["id"] for o in objs}) == len(objs)


def test_whole_corpus_reads_through_ingest_without_errors():
    items = list(read_path(CORPUS))
    errors = [i for i in items if isinstance(i, InputError)]
    assert errors == []
    assert len(items) == len(FILES) - 1 + 3  # the JSONL file gives three documents
    assert sum(1 for d in items if d.raw_format == "html") == 1


@pytest.mark.parametrize("needle", [
    "نفت وزارة الخارجية", "أن تكون", "نقلت وكالة رويترز عن", "بحسب وكالة", "من المرجح أن", " قد ",
    "أمس", "يوم الثلاثاء", "الأسبوع الماضي", "يونيو", "حزيران", "جوان", "ذو الحجة", "“", "قال", " إن ",
    "عقوبات", "تخفيف", "غارات", "قصف", "تظاهر", "حذر", "دان", "اتهم", "مساعدات", "وقّع", "استقبل", "زيارة",
])
def test_corpus_covers_the_phenomena_the_demo_promises(needle):
    assert needle in _all_text()


def test_nothing_is_copied_from_the_shared_samples():
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples not available")

    def shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
        w = re.findall(r"\w+", text)
        return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}

    ours = shingles(_all_text())
    for f in SAMPLES.rglob("*"):
        if f.is_file():
            theirs = shingles(f.read_bytes().decode("utf-8", errors="ignore"))
            assert not (ours & theirs), f"8-word overlap with {f.name}"
