"""Ingest: every format and encoding is read, bad inputs give one clear error and the batch goes on."""
import io
import json

import pytest

from rasd.errors import InputError
from rasd.ingest import decode_bytes, iter_inputs
from rasd.ingest.readers import read_stdin

ARABIC = "وصل وزير الخارجية الأردني إلى القاهرة أمس في زيارة رسمية تستمر يومين، بحث خلالها مع نظيره المصري العلاقات الثنائية."


def _docs(items):
    return [i for i in items if not isinstance(i, InputError)]


def _errors(items):
    return [i for i in items if isinstance(i, InputError)]


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""),
    ("utf-8", b"\xef\xbb\xbf"),
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
    ("cp1256", b""),
])
def test_text_files_in_every_supported_encoding_decode_to_the_same_text(tmp_path, encoding, prefix):
    f = tmp_path / "a.txt"
    f.write_bytes(prefix + ARABIC.encode(encoding))
    (doc,) = list(iter_inputs([f]))
    assert doc.raw == ARABIC
    assert doc.raw_format == "text"
    assert doc.input_id == str(f)


def test_utf16_without_bom_is_detected():
    text, enc = decode_bytes(ARABIC.encode("utf-16-le"), "x")
    assert text == ARABIC and enc == "utf-16"


def test_windows_1256_is_named_as_such():
    text, enc = decode_bytes(ARABIC.encode("cp1256"), "x")
    assert (text, enc) == (ARABIC, "windows-1256")


def test_latin1_french_is_refused_not_misread_as_arabic():
    data = "Le ministre français a déclaré à l'Assemblée que la réforme était nécessaire. Élève, été, où, çà".encode("latin-1")
    with pytest.raises(InputError, match="undecodable"):
        decode_bytes(data, "fr.txt")


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"   \n\t  \n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)), "binary"),
])
def test_bad_bytes_give_a_reason(data, reason):
    with pytest.raises(InputError, match=reason):
        decode_bytes(data, "bad.txt")


def test_folder_is_read_recursively_in_path_order_skipping_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(ARABIC + " ٢", encoding="utf-8")
    (tmp_path / "1.txt").write_text(ARABIC + " ١", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not news", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ARABIC, encoding="utf-8")
    docs = _docs(iter_inputs([tmp_path]))
    assert [d.raw[-1] for d in docs] == ["١", "٢"]


def test_html_file_is_marked_html(tmp_path):
    f = tmp_path / "p.html"
    f.write_text(f"<html><body><p>{ARABIC}</p></body></html>", encoding="utf-8")
    (doc,) = list(iter_inputs([f]))
    assert doc.raw_format == "html"


def test_jsonl_lines_become_documents_in_order_with_their_fields(tmp_path):
    f = tmp_path / "in.jsonl"
    rows = [
        {"id": "a1", "text": ARABIC, "url": "https://example.com/2024/06/19/x", "published": "2024-06-19",
         "outlet": "Example", "title": "عنوان"},
        {"id": "a2", "html": f"<html><body><p>{ARABIC}</p></body></html>"},
    ]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    d1, d2 = list(iter_inputs([f]))
    assert (d1.input_id, d1.url, d1.outlet, d1.title, d1.published.isoformat()) == (
        "a1", "https://example.com/2024/06/19/x", "Example", "عنوان", "2024-06-19")
    assert d2.input_id == "a2" and d2.raw_format == "html"


def test_malformed_jsonl_lines_are_errors_naming_the_line_and_the_rest_is_read(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "ok1", "text": ARABIC}, ensure_ascii=False),
        '{"id": "broken", "text": ',
        json.dumps({"id": "no-text"}),
        json.dumps([1, 2]),
        json.dumps({"id": "bad-date", "text": ARABIC, "published": "yesterday"}, ensure_ascii=False),
        json.dumps({"id": "ok2", "text": ARABIC}, ensure_ascii=False),
    ]), encoding="utf-8")
    items = list(iter_inputs([f]))
    assert [d.input_id for d in _docs(items)] == ["ok1", "ok2"]
    errs = [str(e) for e in _errors(items)]
    assert errs[0].startswith(f"{f}:2: malformed JSON")
    assert errs[1].startswith(f"{f}:3:") and "neither 'text' nor 'html'" in errs[1]
    assert errs[2].startswith(f"{f}:4:") and "object" in errs[2]
    assert errs[3].startswith(f"{f}:5:") and "ISO date" in errs[3]


def test_missing_path_is_an_error_not_a_crash(tmp_path):
    (e,) = list(iter_inputs([tmp_path / "nope.txt"]))
    assert isinstance(e, InputError) and "no such file" in str(e)


def test_stdin_plain_text_is_one_document():
    (doc,) = list(read_stdin(io.BytesIO(ARABIC.encode("utf-8"))))
    assert doc.raw == ARABIC and doc.source == "<stdin>"


def test_stdin_jsonl_is_one_document_per_line():
    data = "\n".join(json.dumps({"id": str(i), "text": ARABIC}, ensure_ascii=False) for i in range(3))
    docs = list(read_stdin(io.BytesIO(data.encode("utf-8"))))
    assert [d.input_id for d in docs] == ["0", "1", "2"]


def test_same_file_read_twice_gets_the_same_id(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARABIC, encoding="utf-8")
    (a,) = list(iter_inputs([f]))
    (b,) = list(iter_inputs([f]))
    assert a.id == b.id
