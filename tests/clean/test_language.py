"""clean.language.v1 and rasd.clean.language: documents and segments."""
from __future__ import annotations

import pytest

from rasd.clean.language import detect_document, detect_language
from rasd.document import Document
from rasd.pipeline import Pipeline, RunContext, register_stage

AR = "قال الرئيس إن المفاوضات التي جرت في القاهرة كانت ناجحة وإن الجانبين اتفقا على مواصلة الحوار."
EN = "The president said that the talks held in Cairo were successful and would continue next week."


@pytest.mark.parametrize(
    "text, lang",
    [
        (AR, "ar"),
        ("کلمات دلالیة: بین روسیا وکوریا الشمالیة في القاهرة", "ar"),  # Arabic typed with Persian letters
        ("این یک متن فارسی است که برای آزمایش نوشته شده و در آن چند کلمه هست", "fa"),
        ("یہ ایک اردو جملہ ہے اور اس میں کچھ الفاظ ہیں", "ur"),
        (EN, "en"),
        ("Le président a dit que les négociations dans la capitale étaient un succès", "fr"),
        ("Президент заявил, что переговоры прошли успешно", "ru"),
        ("שלום עולם, זהו משפט בעברית", "he"),
        ("١٢٣ 456 — !!", "und"),
        ("", "und"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_segments_of_a_mixed_document_point_into_the_text():
    text = "\n".join([AR, EN, AR])
    lang, segs = detect_document(text)
    assert lang == "ar"
    assert [s["language"] for s in segs] == ["ar", "en", "ar"]
    for s in segs:
        assert text[s["start"]:s["end"]] in (AR, EN)


def test_stage_flags_mixed_documents(run):
    doc = run("\n".join([AR, EN, AR.replace("القاهرة", "عمّان")]))[0]
    assert doc.language == "ar"
    assert doc.meta["mixed_language"] is True
    assert [s["language"] for s in doc.meta["language_segments"]] == ["en"]


def test_non_arabic_document_is_kept_flagged_and_skips_arabic_only_stages():
    calls = []

    @register_stage("testclean.aronly.v1", requires=("body",), assigns=("arx",), languages=("ar",))
    def _make(config, ctx):
        def run(doc):
            calls.append(doc.id)
            return doc
        return run

    pipe = Pipeline.from_config(
        {"pipeline": {"stages": ["ingest.html.v1", "clean.boilerplate.v1", "clean.language.v1", "testclean.aronly.v1"]}},
        RunContext(),
    )
    en_doc, = pipe(Document.from_input(text=EN + "\n" + EN.replace("Cairo", "Amman")))
    ar_doc, = pipe(Document.from_input(text=AR))
    assert en_doc.language == "en" and en_doc.body
    assert en_doc.provenance["testclean.aronly.v1"] == "skipped:language"
    assert calls == [ar_doc.id]
