from rasd.document import Document
from rasd.pipeline import registry

from event_helpers import make_doc


def test_stage_is_registered_with_the_contract():
    spec = registry()["events.code.v3"]
    assert spec.requires == ("body", "actors")
    assert spec.assigns == ("events",)
    assert spec.languages == ("ar",)


def test_stage_codes_events_with_the_contract_fields():
    fn = registry()["events.code.v3"].factory({}, None)
    doc = fn(make_doc("وفرضت الولايات المتحدة عقوبات على إيران في مارس 2023."))
    assert len(doc.events) == 1
    d = doc.to_dict()["events"][0]
    assert d["cameo"] == "163" and d["plover"] == "SANCTION" and d["quad_class"] == 4
    assert d["goldstein"] == -8.0 and d["mode"] == "restrict"
    assert d["source"] == "USA" and d["source_actor"] == "United States" and d["target"] == "IRN"
    assert doc.body[d["start"]:d["end"]] == d["sentence"]
    meta = doc.events[0].meta
    assert meta["coder"] == "events.code.v3" and meta["trigger"] == "وفرضت"
    assert "date_precision" in meta


def test_stage_without_actors_codes_nothing_and_keeps_going():
    fn = registry()["events.code.v3"].factory({}, None)
    doc = Document.from_input(text="زار الوزير العاصمة.")
    doc.language = "ar"
    assert fn(doc).events == []


def test_one_event_per_source_type_target_in_a_document():
    fn = registry()["events.code.v3"].factory({}, None)
    doc = fn(make_doc("زار بوتين كوريا الشمالية. وقد جاءت زيارة بوتين إلى كوريا الشمالية بعد عام."))
    assert [(e.source, e.plover, e.target) for e in doc.events] == [("RUS", "CONSULT", "PRK")]
