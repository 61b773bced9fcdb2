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
