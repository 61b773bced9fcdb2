"""tests/fixtures/ holds what tests/fixtures/README.md says, and ingest treats each file as documented."""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from rasd.errors import InputError
from rasd.ingest import decode_bytes, read_path
from rasd.pipeline import RunContext

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "fixtures"


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_fixtures", FIX / "build_fixtures.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


bf = _load_builder()
FILES = bf.build()


def test_committed_fixtures_are_exactly_what_the_generator_writes(tmp_path):
    for name, data in FILES.items():
        assert (FIX / name).read_bytes() == data, f"{name} is stale; rerun tests/fixtures/build_fixtures.py"
    assert bf.main(["--out", str(tmp_path)]) == 0
    (tmp_path / "bad" / "empty.txt").write_bytes(b"x")
    assert bf.main(["--out", str(tmp_path), "--check"]) == 1


@pytest.mark.parametrize("name", ["empty.txt", "blank.txt", "binary.txt", "latin1.txt"])
def test_each_bad_text_file_is_one_input_error_naming_the_file(name):
    items = list(read_path(FIX / "bad" / name))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert name in str(items[0])


def test_bad_folder_gives_errors_and_still_reads_the_good_lines():
    items = list(read_path(FIX / "bad"))
    docs = [i for i in items if not isinstance(i, InputError)]
    errs = [str(i) for i in items if isinstance(i, InputError)]
    assert sorted(d.source.rsplit("/", 1)[1] for d in docs) == ["malformed.jsonl:1", "malformed.jsonl:4",
                                                               "nothing.html"]
    assert len(errs) == 6  # empty, blank, binary, latin1 and two JSONL lines


def test_malformed_jsonl_has_good_broken_textless_good_lines_in_that_order():
    lines = (FIX / "bad" / "malformed.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 4
    first, last = json.loads(lines[0]), json.loads(lines[3])
    assert first["text"] and last["text"]
    with pytest.raises(json.JSONDecodeError):
        json.loads(lines[1])
    third = json.loads(lines[2])
    assert "text" not in third and "html" not in third
    items = list(read_path(FIX / "bad" / "malformed.jsonl"))
    kinds = [("err" if isinstance(i, InputError) else "doc") for i in items]
    assert kinds == ["doc", "err", "err", "doc"]
    assert ":2" in str(items[1]) and ":3" in str(items[2])


def test_latin1_fixture_is_accented_french_that_is_neither_utf8_nor_arabic():
    data = (FIX / "bad" / "latin1.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("iso-8859-1")
    assert sum(1 for c in text if c in "éèêëàâçôîïûùÉ") >= 30
    assert not any("\u0600" <= c <= "\u06ff" for c in text)


def test_binary_fixture_starts_with_a_png_signature_and_has_nul_bytes():
    data = (FIX / "bad" / "binary.txt").read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and b"\x00" in data and len(data) > 500


def test_blank_and_empty_fixtures_hold_no_visible_character():
    assert (FIX / "bad" / "empty.txt").read_bytes() == b""
    blank = (FIX / "bad" / "blank.txt").read_text("utf-8")
    assert blank and not blank.strip()


def test_nothing_html_reads_but_has_no_main_text_for_the_html_stage():
    from rasd.ingest.stages import make_html_extractor

    (doc,) = read_path(FIX / "bad" / "nothing.html")
    assert doc.raw_format == "html"
    run = make_html_extractor({}, RunContext(now=dt.datetime(2024, 7, 1, tzinfo=dt.timezone.utc)))
    with pytest.raises(InputError, match="nothing.html"):
        run(doc)


def test_every_good_text_fixture_decodes_to_the_same_arabic_text():
    expected = bf.AR_1 + "\n" + bf.AR_2 + "\n"
    names = [n for n in FILES if n.startswith("good/") and n.endswith(".txt")]
    assert len(names) == 6
    for n in names:
        text, _enc = decode_bytes(FILES[n], n)
        assert text.replace("\r\n", "\n") == expected, n


def test_good_html_and_jsonl_fixtures_read_as_documents_with_metadata():
    from rasd.ingest.stages import make_html_extractor

    (page,) = read_path(FIX / "good" / "article.html")
    run = make_html_extractor({}, RunContext(now=dt.datetime(2024, 7, 1, tzinfo=dt.timezone.utc)))
    out = run(page)
    assert bf.AR_1 in out.body and out.published == dt.date(2024, 6, 4)
    docs = list(read_path(FIX / "good" / "feed.jsonl"))
    assert [d.input_id for d in docs] == ["ok-1", "ok-4"]
    assert docs[1].meta.get("section") == "دولي"
