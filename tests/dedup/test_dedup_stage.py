"""Behaviour of the dedup.minhash.v1 stage (our own Arabic example sentences)."""
from __future__ import annotations

import pytest

from rasd.dedup import DedupIndex, Fingerprinter, decode_minhash
from rasd.dedup.stages import DEFAULTS
from rasd.document import Document
from rasd.errors import ConfigError

from dedup_helpers import make_pipeline, run_texts

# A wire story (written for these tests) and variants of it.
STORY = (
    "عمان (بترا) - افتتح وزير الصحة اليوم الاثنين مستشفى جديدا في مدينة الزرقاء بسعة مئتي سرير. "
    "وقال الوزير إن المستشفى يضم أقساما للطوارئ والأطفال والعناية المركزة وسيخدم نحو مليون نسمة. "
    "وأوضح أن كلفة المشروع بلغت أربعين مليون دينار بتمويل من منحة خليجية. "
    "وأشار إلى أن الوزارة ستعين مئة وخمسين طبيبا وممرضا للعمل في المستشفى خلال الأشهر المقبلة. "
    "ومن المتوقع أن يخفف المستشفى الضغط عن مستشفيات العاصمة التي تستقبل مرضى المحافظة."
)
# The same article with diacritics, letter variants, extra spaces and a new line break.
STORY_RESHAPED = (
    "عمان (بترا) -  افْتَتَحَ وزير الصحّة اليوم الاثنين مستشفى جديدا في مدينة الزرقاء بسعة مئتى سرير.\n\n"
    "وقال الوزير ان المستشفى يضم أقساما للطوارئ والأطفال والعناية المركزه وسيخدم نحو مليون نسمة. "
    "وأوضح أن كلفة المشروع بلغت أربعين مليون دينار بتمويل من منحة خليجية.\u00a0"
    "وأشار إلى أن الوزارة ستعين مئة وخمسين طبيبا وممرضا للعمل في المستشفى خلال الأشهر المقبلة. "
    "ومن المتوقع أن يخفف المستشفى الضغط عن مستشفيات العاصمة التي تستقبل مرضى المحافظة."
)
# A light rewrite: another credit line, one sentence dropped, two words changed, a line added.
STORY_REWRITE = (
    "الزرقاء - متابعات: افتتح وزير الصحة اليوم الاثنين مستشفى جديدا في مدينة الزرقاء بسعة مئتي سرير. "
    "وأكد الوزير أن المستشفى يضم أقساما للطوارئ والأطفال والعناية المركزة وسيخدم نحو مليون نسمة. "
    "وأشار إلى أن الوزارة ستعين مئة وخمسين طبيبا وممرضا للعمل في المستشفى خلال الأشهر المقبلة. "
    "ومن المتوقع أن يخفف المستشفى الضغط عن مستشفيات العاصمة التي تستقبل مرضى المحافظة.\n"
    "تابعونا على قناتنا في تلغرام"
)
# A different story on the same topic with the same actors and place: must stay apart.
SAME_TOPIC_OTHER_STORY = (
    "عمان (بترا) - زار وزير الصحة اليوم الخميس مستشفى الزرقاء الحكومي للاطلاع على سير العمل في قسم الطوارئ. "
    "واستمع الوزير إلى شكاوى المرضى من طول فترات الانتظار ونقص بعض الأدوية. "
    "ووجه الوزير بتشكيل لجنة للتحقيق في وفاة مريض الأسبوع الماضي داخل القسم. "
    "وقال إن الوزارة ستزود المستشفى بجهاز تصوير طبقي جديد قبل نهاية الشهر. "
    "وكان نواب عن محافظة الزرقاء قد طالبوا بتحسين الخدمات الصحية في المدينة."
)


def test_exact_copy_with_whitespace_diacritics_and_letter_variants_is_caught(pipe):
    a, b = run_texts(pipe, [STORY, STORY_RESHAPED])
    assert a.duplicate_of is None and a.near_duplicates == []
    assert b.duplicate_of == a.id
    assert b.meta["dedup"]["exact_of"] == a.id
    assert b.meta["dedup"]["content_hash"] == a.meta["dedup"]["content_hash"]
    assert [(n.id, n.similarity) for n in b.near_duplicates] == [(a.id, 1.0)]


def test_light_rewrite_is_a_near_duplicate_with_its_similarity(pipe):
    a, b = run_texts(pipe, [STORY, STORY_REWRITE])
    assert b.duplicate_of == a.id
    assert b.meta["dedup"]["exact_of"] is None
    assert len(b.near_duplicates) == 1
    sim = b.near_duplicates[0].similarity
    assert DEFAULTS["threshold"] <= sim < 1.0


def test_different_story_on_the_same_topic_stays_apart(pipe):
    a, b, c = run_texts(pipe, [STORY, SAME_TOPIC_OTHER_STORY, STORY_REWRITE])
    assert b.duplicate_of is None and b.near_duplicates == []
    assert c.duplicate_of == a.id
    assert b.id not in {n.id for n in c.near_duplicates}


def test_duplicate_of_is_the_earliest_copy_and_near_duplicates_best_first(pipe):
    a, b, c = run_texts(pipe, [STORY_REWRITE, STORY, STORY_RESHAPED])
    assert b.duplicate_of == a.id
    # c is an exact copy of b and a near copy of a (earlier): duplicate_of is the earliest, a
    assert c.duplicate_of == a.id
    assert [n.id for n in c.near_duplicates] == [b.id, a.id]
    sims = [n.similarity for n in c.near_duplicates]
    assert sims == sorted(sims, reverse=True) and sims[0] == 1.0


def test_new_batch_is_checked_against_stored_documents_via_from_records():
    first = run_texts(make_pipeline(), [STORY, SAME_TOPIC_OTHER_STORY], prefix="old")
    records = [(d.id, d.meta["dedup"]["content_hash"], d.meta["dedup"]["minhash"]) for d in first]
    index = DedupIndex.from_records(records)
    assert len(index) == 2
    second = run_texts(make_pipeline(index), [STORY_REWRITE, STORY_RESHAPED, "نص مختلف تماما عن الطقس"], prefix="new")
    assert second[0].duplicate_of == first[0].id
    assert second[1].duplicate_of == first[0].id
    assert second[1].meta["dedup"]["exact_of"] == first[0].id
    assert second[2].duplicate_of is None
    assert len(index) == 5  # the batch was added to the shared index


def test_rerunning_a_stored_document_does_not_mark_it_a_duplicate_of_itself_or_of_later_copies():
    pipe1 = make_pipeline()
    a, b = run_texts(pipe1, [STORY, STORY_REWRITE])
    records = [(d.id, d.meta["dedup"]["content_hash"], d.meta["dedup"]["minhash"]) for d in (a, b)]
    pipe2 = make_pipeline(DedupIndex.from_records(records))
    a2, b2 = run_texts(pipe2, [STORY, STORY_REWRITE])
    assert (a2.id, b2.id) == (a.id, b.id)
    assert a2.duplicate_of is None and a2.near_duplicates == []
    assert b2.duplicate_of == a.id
    assert b2.to_dict()["near_duplicates"] == b.to_dict()["near_duplicates"]
    # the same document twice in one batch is one document, not its own copy
    pipe3 = make_pipeline()
    x1, x2 = list(pipe3.pipe([Document.from_input(text=STORY, input_id="same") for _ in range(2)]))
    assert x1.id == x2.id and x2.duplicate_of is None and x2.near_duplicates == []


def test_short_bodies_are_not_near_duplicated_on_noise_but_exact_copies_still_are(pipe):
    a, b, c, d = run_texts(pipe, [
        "عاجل: انفجار في ميناء العقبة",
        "عاجل: انفجار في ميناء طرطوس",
        "عاجل: انفجار في ميناء العقبة",
        "عاجل: حريق في ميناء العقبة",
    ])
    assert b.duplicate_of is None and b.near_duplicates == []
    assert d.duplicate_of is None and d.near_duplicates == []
    assert c.duplicate_of == a.id


def test_empty_bodies_are_never_duplicates(pipe):
    a, b = run_texts(pipe, ["...", "!!"])
    assert a.duplicate_of is None and b.duplicate_of is None
    assert a.meta["dedup"]["minhash"] is None


def test_non_arabic_documents_are_deduplicated_too(pipe):
    en = ("The health minister opened a new hospital in Zarqa on Monday with two hundred beds, "
          "saying it would serve about one million people and relieve hospitals in the capital.")
    a, b, c = run_texts(pipe, [en, en.upper(), en.replace("Monday", "Tuesday") + " More news on our site."])
    assert a.language == "en"
    assert b.duplicate_of == a.id and b.meta["dedup"]["exact_of"] == a.id
    assert c.duplicate_of == a.id and 0.4 <= c.near_duplicates[0].similarity < 1.0


def test_split_off_appended_articles_are_deduplicated_like_any_other(pipe):
    host = Document.from_input(text=STORY_REWRITE, input_id="h")
    child = Document.from_input(text=STORY, input_id="h#2")
    child.appended_to = host.id
    out_child = pipe(child)[0]
    out_host = pipe(host)[0]
    assert out_child.meta["dedup"]["content_hash"]
    assert out_host.duplicate_of == out_child.id


def test_what_the_store_persists_round_trips():
    doc = run_texts(make_pipeline(), [STORY])[0]
    meta = doc.meta["dedup"]
    assert isinstance(meta["content_hash"], str) and len(meta["content_hash"]) == 32
    assert isinstance(meta["minhash"], bytes)
    fpr = Fingerprinter()
    stored = decode_minhash(meta["minhash"], fpr.params)
    assert (stored.signature == fpr(doc.body).signature).all()
    assert stored.n_shingles == meta["n_shingles"] and stored.n_numbers == meta["n_numbers"]


def test_index_built_with_other_minhash_parameters_is_refused():
    from rasd.dedup import Params

    with pytest.raises(ConfigError):
        make_pipeline(DedupIndex(Params(num_perm=64)))


def test_records_with_foreign_or_missing_minhash_still_match_exactly():
    fp = Fingerprinter()(STORY)
    records = [("x1", fp.content_hash, None), ("x2", "0" * 32, b"garbage-bytes-not-a-signature")]
    index = DedupIndex.from_records(records)
    a, b = run_texts(make_pipeline(index), [STORY_RESHAPED, STORY_REWRITE])
    assert a.duplicate_of == "x1"
    assert b.duplicate_of == a.id  # the stored x1 has no signature; the new exact copy a stands in


def test_bad_threshold_is_a_config_error():
    with pytest.raises(ConfigError):
        make_pipeline(threshold=1.5)


REPORT = ("أعلنت مديرية الأرصاد الجوية اليوم {d} أن كمية الأمطار التي هطلت على العاصمة خلال الساعات "
          "الماضية بلغت {a} مليمترا، فيما سجلت محطة المطار {b} مليمترا، ووصلت سرعة الرياح إلى {c} كيلومترا "
          "في الساعة. وتوقعت المديرية أن تنخفض درجات الحرارة غدا إلى {e} درجات مئوية مع احتمال تشكل الصقيع "
          "في المناطق المرتفعة، ودعت السائقين إلى الحذر على الطرق الخارجية.")


def test_formulaic_reports_with_other_figures_stay_apart_but_their_copies_do_not(pipe):
    monday = REPORT.format(d="الاثنين", a="23", b="31", c="65", e="4")
    tuesday = REPORT.format(d="الثلاثاء", a="12", b="17", c="40", e="2")
    monday_repost = "الطقس اليوم\n" + monday + "\nالمصدر: وكالات"
    monday_fixed = monday.replace("65", "60")  # a correction of one figure is the same report
    a, b, c, d = run_texts(pipe, [monday, tuesday, monday_repost, monday_fixed])
    assert b.duplicate_of is None and b.near_duplicates == []
    assert c.duplicate_of == a.id
    assert d.duplicate_of == a.id
    # the guard is what keeps them apart: switched off, the two days merge
    off = run_texts(make_pipeline(number_overlap=0.0), [monday, tuesday], prefix="off")
    assert off[1].duplicate_of == off[0].id
