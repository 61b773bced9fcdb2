"""End to end on ../shared/samples: five valid contract objects, stored and searchable."""
import json

from typer.testing import CliRunner

from rasd.cli import app
from rasd.schema.validate import validation_errors

runner = CliRunner()


def test_samples_give_valid_contract_objects_and_are_searchable(samples_dir, tmp_path):
    db = tmp_path / "s.db"
    r = runner.invoke(app, ["analyze", str(samples_dir), "--jsonl", "-", "--db", str(db), "-q"])
    assert r.exit_code == 0, r.stderr
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    hosts = [o for o in objs if o["appended_to"] is None]
    assert len(hosts) == 5
    for o in objs:
        assert validation_errors(o) == [], o["input_id"]
        assert o["language"] == "ar"
    # a word of each body finds that document
    for o in hosts:
        word = max(o["body"].split()[:40], key=len)
        r = runner.invoke(app, ["search", word, "--db", str(db), "--json", "-n", "50"])
        assert o["id"] in {json.loads(l)["id"] for l in r.stdout.splitlines()}, word
    # re-analysing is idempotent
    runner.invoke(app, ["analyze", str(samples_dir), "--db", str(db), "-q"])
    from rasd.store import Store
    assert Store(db).count() == len(objs)
