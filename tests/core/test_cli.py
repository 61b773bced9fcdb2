"""The CLI: analyze, search, show, actors, events, export, each with --help and examples."""
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from rasd.cli import app

runner = CliRunner()
A = "وصل رئيس الوزراء العراقي إلى الرياض أمس في زيارة رسمية يبحث خلالها مع ولي العهد السعودي ملفات الطاقة والأمن."
C = "أعلنت وزارة الصحة في غزة وصول قافلة مساعدات طبية جديدة عبر معبر رفح تضم أدوية ومستلزمات جراحية للمستشفيات."
B = "نددت جامعة الدول العربية بالقصف الذي استهدف مخيما للنازحين في جنوب السودان، ودعت إلى وقف فوري لإطلاق النار."


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(A, encoding="utf-8")
    (d / "b.txt").write_bytes(B.encode("cp1256"))
    (d / "c.jsonl").write_text(json.dumps({"id": "c1", "text": C, "outlet": "Example"}, ensure_ascii=False), encoding="utf-8")
    return d


@pytest.mark.parametrize("cmd", ["analyze", "search", "show", "actors", "events", "export", "stages"])
def test_every_command_has_help_with_examples(cmd):
    r = runner.invoke(app, [cmd, "--help"])
    assert r.exit_code == 0
    assert "Example" in r.output


def test_analyze_stores_and_prints_a_summary_line(corpus, tmp_path):
    db = tmp_path / "x.db"
    r = runner.invoke(app, ["analyze", str(corpus), "--db", str(db), "-q"])
    assert r.exit_code == 0, r.output
    assert "documents: 3, duplicates: 0" in r.output and "errors: 0" in r.output and "docs/s:" in r.output
    r = runner.invoke(app, ["search", "الرياض", "--db", str(db), "--json"])
    hits = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(hits) == 1
    r = runner.invoke(app, ["search", "رفح", "--db", str(db), "--json"])
    assert [json.loads(line)["id"] for line in r.stdout.splitlines()] != []


def test_analyze_jsonl_to_stdout_streams_contract_objects_only(corpus, tmp_path):
    r = runner.invoke(app, ["analyze", str(corpus), "--jsonl", "-", "--no-store", "-q"])
    assert r.exit_code == 0
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["input_id"] for o in objs] == [str(corpus / "a.txt"), str(corpus / "b.txt"), "c1"]
    assert "documents: 3" in r.stderr


def test_bad_inputs_are_reported_one_line_each_and_the_exit_code_says_so(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "z.jsonl").write_text('{"id": "ok", "text": "خبر قصير عن اجتماع وزراء الخارجية العرب في القاهرة"}\n{broken\n', encoding="utf-8")
    db = tmp_path / "x.db"
    r = runner.invoke(app, ["analyze", str(corpus), "--db", str(db), "-q"])
    assert r.exit_code == 1
    err_lines = [l for l in r.stderr.splitlines() if l.startswith("error:")]
    assert len(err_lines) == 2
    assert any("empty.txt: empty input" in l for l in err_lines)
    assert any("z.jsonl:2: malformed JSON" in l for l in err_lines)
    assert "documents: 4" in r.output and "errors: 2" in r.output
    r = runner.invoke(app, ["show", "ok", "--db", str(db)])
    assert r.exit_code == 0 and json.loads(r.stdout)["input_id"] == "ok"


def test_show_unknown_id_fails_clearly(tmp_path):
    r = runner.invoke(app, ["show", "deadbeef", "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 1 and "no document 'deadbeef'" in r.stderr


def test_export_parquet_is_read_by_pandas(corpus, tmp_path):
    db = tmp_path / "x.db"
    runner.invoke(app, ["analyze", str(corpus), "--db", str(db), "-q"])
    out = tmp_path / "docs.parquet"
    r = runner.invoke(app, ["export", "--format", "parquet", "--table", "documents", "--db", str(db), "-o", str(out)])
    assert r.exit_code == 0, r.output
    df = pd.read_parquet(out)
    assert len(df) == 3 and set(df["language"]) == {"ar"}


def test_export_rejects_unknown_format(tmp_path):
    r = runner.invoke(app, ["export", "--format", "xml", "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 2 and "unknown export format" in r.stderr
