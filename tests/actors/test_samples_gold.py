"""Quality gate on the gold samples (skipped when ../shared is absent): document-level F1."""
import importlib.util
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


@pytest.mark.skipif(not (SAMPLES / "gold").is_dir(), reason="shared gold samples not available")
def test_actor_f1_on_gold_samples_is_at_least_090(capsys):
    spec = importlib.util.spec_from_file_location(
        "eval_actors", Path(__file__).resolve().parents[2] / "scripts" / "eval_actors.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    res = mod.evaluate(SAMPLES)
    assert res["F1"] >= 0.90
    assert res["surface_recall"] >= 0.95


def test_stage_uses_user_actor_files(tmp_path):
    import rasd

    f = tmp_path / "mine.yaml"
    f.write_text("- name: Zarqa Institute\n  kind: organization\n  name_ar: معهد الزرقاء للأبحاث\n"
                 "  country: JOR\n  code: JORTHK\n", "utf-8")
    text = "قال باحث في معهد الزرقاء للأبحاث إن الأردن يدعم الحل."
    doc = rasd.analyze(text=text, options=rasd.Options(actor_files=[f]))
    names = {a.name: a for a in doc.actors}
    assert names["Zarqa Institute"].mentions[0].text == "معهد الزرقاء للأبحاث"
    assert "Jordan" in names
    assert "Zarqa Institute" not in {a.name for a in rasd.analyze(text=text).actors}
