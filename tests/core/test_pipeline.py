"""The pipeline is assembled from config, checks stage order, and names failures."""
import pytest

from rasd.document import Document
from rasd.errors import ConfigError, StageError
from rasd.pipeline import Pipeline, RunContext, check_order, default_config, register_stage, registry


@register_stage("test.boom.v1", requires=("body",), assigns=("boom",))
def _make_boom(config, ctx):
    def run(doc):
        if "انفجار" in doc.body:
            raise RuntimeError("kaboom")
        return doc
    return run


@register_stage("test.spawn.v1", requires=("body",), assigns=("spawned_marker",))
def _make_spawn(config, ctx):
    def run(doc):
        if doc.appended_to is None and "||" in doc.body:
            host, tail = doc.body.split("||", 1)
            doc.body = host
            child = Document(id=doc.id + "-c", raw=tail, body=tail, appended_to=doc.id)
            doc.spawned.append(child)
        doc.meta["seen_by_spawn"] = True
        return doc
    return run


@register_stage("test.after.v1", requires=("spawned_marker",), assigns=("after",))
def _make_after(config, ctx):
    def run(doc):
        doc.meta["after"] = config.get("label", "x")
        return doc
    return run


def test_default_config_names_only_registered_stages():
    names = default_config()["pipeline"]["stages"]
    reg = registry()
    assert names and all(n in reg for n in names)
    Pipeline.from_config()  # builds and passes the order check


def test_stage_needing_an_unassigned_layer_fails_at_build_time():
    cfg = {"pipeline": {"stages": ["test.after.v1"]}}
    with pytest.raises(ConfigError, match="requires layer"):
        Pipeline.from_config(cfg)


def test_unknown_stage_is_a_config_error_listing_known_ones():
    with pytest.raises(ConfigError, match="unknown stage 'nope.v1'"):
        Pipeline.from_config({"pipeline": {"stages": ["nope.v1"]}})


def test_stage_names_must_be_versioned():
    with pytest.raises(ValueError, match="version"):
        register_stage("test.unversioned")


def test_spawned_documents_follow_their_host_and_run_the_later_stages_only():
    cfg = {"pipeline": {"stages": ["ingest.html.v1", "test.spawn.v1", "test.after.v1"]},
           "stages": {"test.after": {"label": "L"}}}
    pipe = Pipeline.from_config(cfg)
    host, child = pipe(Document.from_input(text="خبر أول||خبر ملحق"))
    assert host.body == "خبر أول" and child.body == "خبر ملحق"
    assert child.appended_to == host.id
    assert child.meta["after"] == "L" and "seen_by_spawn" not in child.meta
    assert list(host.provenance) == ["ingest.html.v1", "test.spawn.v1", "test.after.v1"]


def test_a_failing_stage_names_the_input_and_the_stage():
    pipe = Pipeline.from_config({"pipeline": {"stages": ["ingest.html.v1", "test.boom.v1"]}})
    doc = Document.from_input(text="وقع انفجار في الميناء", input_id="x.txt", source="x.txt")
    with pytest.raises(StageError, match=r"x\.txt: stage test\.boom\.v1 failed: RuntimeError: kaboom"):
        pipe(doc)


def test_arabic_only_stages_are_skipped_for_other_languages():
    import rasd

    doc = rasd.analyze(text="The foreign minister arrived in Cairo on Monday for talks.")
    assert doc.language == "en"
    assert all(v == "skipped:language" for k, v in doc.provenance.items() if k.startswith(("actors.", "events.")))


def test_disabling_a_family_removes_its_stage():
    pipe = Pipeline.from_config(default_config(), RunContext(), disable=["quotes"])
    assert not any(n.startswith("quotes.") for n in pipe.names)


def test_check_order_accepts_initial_layers():
    spec = registry()["ingest.html.v1"]
    check_order([spec])


def test_a_stage_off_by_default_can_be_enabled():
    cfg = {"pipeline": {"stages": ["ingest.html.v1", "test.spawn.v1", "test.after.v1"], "disable": ["test.after"]}}
    assert "test.after.v1" not in Pipeline.from_config(cfg).names
    assert "test.after.v1" in Pipeline.from_config(cfg, enable=["test.after"]).names


@register_stage("test.order.v1", requires=("body",), assigns=("order",))
def _make_order(config, ctx):
    seen = ctx.__dict__.setdefault("_test_order_seen", [])

    def run(doc):  # state across documents, like dedup: which documents came before
        doc.meta["before"] = list(seen)
        seen.append(doc.body)
        return doc
    return run


def _batch_pipe():
    return Pipeline.from_config({"pipeline": {"stages": ["ingest.html.v1", "test.spawn.v1", "test.boom.v1",
                                                         "test.order.v1", "test.after.v1"]}}, RunContext())


TEXTS = ["خبر أول||ملحق أول", "خبر ثان", "وقع انفجار هنا", "خبر رابع||ملحق رابع", "خبر خامس"]


def test_a_batch_gives_what_running_documents_one_by_one_gives():
    one = _batch_pipe()
    singly = [d for t in TEXTS if "انفجار" not in t for d in one(Document.from_input(text=t))]
    errors = []
    batched = list(_batch_pipe().pipe([Document.from_input(text=t) for t in TEXTS], batch_size=3,
                                      on_error=errors.append))
    assert [d.body for d in batched] == [d.body for d in singly] == [
        "خبر أول", "ملحق أول", "خبر ثان", "خبر رابع", "ملحق رابع", "خبر خامس"]
    # a stage with state across documents sees them in the same order, split-off ones after their host
    assert [d.meta["before"] for d in batched] == [d.meta["before"] for d in singly]
    assert [d.provenance for d in batched] == [d.provenance for d in singly]


def test_a_failing_document_leaves_the_rest_of_its_batch():
    errors = []
    docs = [Document.from_input(text=t, input_id=f"in{i}") for i, t in enumerate(TEXTS)]
    out = _batch_pipe().run_batch(docs, on_error=errors.append)
    assert len(out) == 6 and all(d.meta["after"] == "x" for d in out)
    assert len(errors) == 1 and isinstance(errors[0], StageError) and "in2" in str(errors[0])
    with pytest.raises(StageError, match="kaboom"):
        _batch_pipe().run_batch([Document.from_input(text=t) for t in TEXTS])  # no handler: it is raised


def test_analyze_many_reports_a_bad_document_and_keeps_the_others(monkeypatch):
    import rasd
    from rasd import api

    monkeypatch.setattr(api, "BATCH_SIZE", 2)
    errors = []
    items = ["أعلنت الحكومة خطة جديدة للنقل.", {"html": ""}, "زار الوزير القاهرة أمس.",
             "وصل الوفد إلى عمان صباح اليوم."]
    out = list(rasd.analyze_many(items, on_error=errors.append))
    assert [d.body.strip() for d in out] == [items[0], items[2], items[3]]
    assert len(errors) == 1
