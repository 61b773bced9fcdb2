"""Quotes: reported speech, direct quotes and their speakers (our own Arabic sentences)."""
from __future__ import annotations

import pytest

from quotes_helpers import only, run


def test_reported_speech_starts_after_the_complementiser_and_names_the_subject():
    doc = run("وقال بوتين يوم الثلاثاء إن العلاقات مع بيونغ يانغ تتطور بسرعة.")
    q = only(doc, "العلاقات مع بيونغ يانغ")
    assert q.speaker == "Vladimir Putin"
    assert q.speaker_country == "RUS"
    assert q.text.endswith("بسرعة.")
    assert q.meta["kind"] == "reported"


def test_complementiser_with_a_pronoun_is_not_part_of_the_quote():
    doc = run("وأوضح لافروف أنه لا يرى أي سبب لتأجيل المحادثات.")
    q = only(doc, "لا يرى أي سبب")
    assert q.speaker == "Sergey Lavrov"


@pytest.mark.parametrize("frame", [
    "أكد بيسكوف أن", "أضاف بيسكوف أن", "أوضح بيسكوف أن", "صرّح بيسكوف بأن", "أشار بيسكوف إلى أن",
    "لفت بيسكوف إلى أن", "اعتبر بيسكوف أن", "يرى بيسكوف أن", "شدد بيسكوف على أن", "يعتقد بيسكوف أن",
    "أعلن بيسكوف أن", "كتب بيسكوف أن", "ذكر بيسكوف أن", "قالت زاخاروفا إن", "تقول زاخاروفا إن",
    "حذّر بيسكوف من أن", "كشف بيسكوف أن",
])
def test_each_speech_verb_opens_reported_speech(frame):
    doc = run(f"{frame} الزيارة المقبلة ستكون حاسمة للطرفين.")
    q = only(doc, "الزيارة المقبلة ستكون حاسمة")
    assert q.speaker in ("Dmitry Peskov", "Maria Zakharova")


def test_verb_without_subject_takes_the_previous_speaker():
    doc = run("قال بلينكن إن واشنطن قلقة من التعاون العسكري.\n"
              "وأضاف أن العقوبات ستبقى قائمة.")
    assert only(doc, "العقوبات ستبقى").speaker == "Antony Blinken"


def test_participle_keeps_the_speaker_of_its_sentence():
    doc = run("قالت زاخاروفا إن موسكو لن ترد، مضيفة أن الحوار ما زال ممكنا.")
    assert only(doc, "الحوار ما زال").speaker == "Maria Zakharova"


def test_chain_takes_the_person_after_an():
    doc = run("نقلت وكالة تاس عن المتحدث باسم الكرملين، دميتري بيسكوف، قوله إن القمة ستعقد قريبا.")
    q = only(doc, "القمة ستعقد قريبا")
    assert q.speaker == "Dmitry Peskov"
    assert "TASS" in doc.cited_sources


def test_direct_quote_after_a_colon_is_the_text_inside_the_marks():
    doc = run("وقال بوتين للصحفيين: «نحن مستعدون للتعاون مع جميع الشركاء في المنطقة».")
    q = only(doc, "نحن مستعدون للتعاون")
    assert q.speaker == "Vladimir Putin"
    assert q.text.endswith("المنطقة")
    assert q.meta["kind"] == "direct"


def test_complementiser_followed_by_a_whole_quotation_gives_the_quotation():
    doc = run("وقال بلينكن إن “الولايات المتحدة لن تقبل بهذا الاتفاق أبدا”.")
    q = only(doc, "الولايات المتحدة لن تقبل")
    assert q.speaker == "Antony Blinken"
    assert not q.text.startswith("“")


def test_scare_quote_inside_reported_speech_stays_part_of_it():
    doc = run("واعتبرت الصين أن “الهيمنة” الغربية سبب الأزمة الحالية.")
    q = only(doc, "“الهيمنة” الغربية")
    assert q.speaker == "China"
    assert not any(x.text == "الهيمنة" for x in doc.quotes)


def test_quotation_inside_reported_speech_gets_the_same_speaker():
    doc = run("قال بيسكوف إن العلاقات ممتازة، موضحا \"سنواصل العمل مع شركائنا في آسيا دون توقف\".")
    inner = only(doc, "سنواصل العمل مع شركائنا")
    assert inner.speaker == "Dmitry Peskov"


def test_scare_quotes_without_a_speech_cue_are_not_quotes():
    doc = run("رفعت الدول الثلاث شعار \"القواعد\" في وجه ما تسميه \"قيادة العالم\" منذ سنوات.")
    assert doc.quotes == []


def test_attribution_after_the_quotation():
    doc = run("«لن نسمح بفرض عقوبات جديدة على جيراننا بعد اليوم»، قال لافروف في مؤتمر صحفي.")
    assert only(doc, "لن نسمح بفرض").speaker == "Sergey Lavrov"


def test_role_noun_resolves_to_the_person_introduced_with_it():
    doc = run("يقول الكاتب الروسي أناتولي كوشكين إن التقارب ليس موجها ضد أحد.\n"
              "وأكدت وزارة الخارجية اليابانية أن القلق يتزايد في طوكيو.\n"
              "ويضيف الكاتب أن العقوبات لن تدوم طويلا.")
    assert only(doc, "العقوبات لن تدوم").speaker == "Anatoly Koshkin"
    assert only(doc, "القلق يتزايد").speaker == "Ministry of Foreign Affairs of Japan"


def test_role_with_nationality_resolves_through_an_earlier_title():
    doc = run("استقبل الرئيس الكوري الشمالي كيم جونغ أون الوفد الروسي.\n"
              "وقال الزعيم الكوري الشمالي إن بلاده تدعم موسكو بالكامل.")
    q = only(doc, "بلاده تدعم موسكو")
    assert q.speaker == "Kim Jong Un"
    assert q.speaker_country == "PRK"


def test_back_reference_to_an_official_is_the_last_person_speaker():
    doc = run("قال بيسكوف إن الموعد لم يحدد، وبحسب مسؤول الكرملين، لا توجد خطة لمؤتمر صحفي.")
    assert only(doc, "لا توجد خطة").speaker == "Dmitry Peskov"


def test_according_to_an_outlet_is_a_citation_not_a_quote():
    doc = run("وبحسب وكالة رويترز، وصل الوفد إلى العاصمة مساء أمس.")
    assert doc.quotes == []
    assert doc.cited_sources == ["Reuters"]


@pytest.mark.parametrize("sentence, expected, country", [
    ("وقال مسؤولون أميركيون إن المفاوضات تتقدم بنشاط.", "unnamed US officials", "USA"),
    ("وأشار محللون استخباراتيون أميركيون إلى أن الخطر يتزايد.", "unnamed US intelligence analysts", "USA"),
    ("ونقلت الصحيفة عن مسؤولين بالدفاع والاستخبارات الأميركية أن التعاون يتوسع.",
     "unnamed US defense and intelligence officials", "USA"),
    ("وأشار مسؤول من “معهد سيجونغ” إلى أن الوضع تغير كثيرا.", "unnamed Sejong Institute official", "KOR"),
])
def test_unnamed_speakers_get_a_descriptive_name(sentence, expected, country):
    doc = run(sentence)
    assert len(doc.quotes) == 1
    assert doc.quotes[0].speaker == expected
    assert doc.quotes[0].speaker_country == country


def test_outlet_speaker_and_back_reference_to_it():
    doc = run("وقالت صحيفة “وول ستريت جورنال” في تقرير إن موسكو تبحث عن مصادر جديدة للسلاح.\n"
              "ولفتت الصحيفة إلى أن التعاون يشمل تبادل التقنيات.")
    first = only(doc, "موسكو تبحث")
    assert first.speaker == "Wall Street Journal"
    assert first.speaker_country == "USA"
    assert only(doc, "التعاون يشمل").speaker == "Wall Street Journal"
    assert doc.cited_sources == ["Wall Street Journal"]


def test_subject_before_the_verb():
    doc = run("وكانت الولايات المتحدة حذرت الأسبوع الماضي من أن أي نقل للأسلحة سيكون انتهاكا.")
    assert only(doc, "أي نقل للأسلحة").speaker == "United States"


def test_a_new_attribution_ends_the_previous_reported_speech():
    doc = run("ويرى خبراء أن التعاون مفيد للطرفين، وقال بيسكوف إن الكرملين راض عن النتائج.")
    experts = only(doc, "التعاون مفيد")
    assert "بيسكوف" not in experts.text
    assert only(doc, "الكرملين راض").speaker == "Dmitry Peskov"


def test_described_as_with_a_short_quotation():
    doc = run("ووصف كيم الاتفاقية بأنها “معاهدة ضخمة” وقال إنها تفتح عهدا جديدا.")
    assert only(doc, "معاهدة ضخمة").speaker == "Kim Jong Un"
    assert only(doc, "تفتح عهدا جديدا").speaker == "Kim Jong Un"


def test_a_person_the_actor_layer_does_not_know_is_still_the_speaker():
    doc = run("وقال سونج تشونج بينج، الخبير العسكري الصيني، إن العقوبات فشلت.\n"
              "وأشار سونج إلى أن التعاون سيتوسع.")
    first = only(doc, "العقوبات فشلت")
    assert first.meta["speaker_via"] == "unknown-name"
    assert first.meta["speaker_ar"] == "سونج تشونج بينج"
    assert first.speaker_country == "CHN"
    assert first.speaker and first.speaker.isascii()
    # a short back-reference to the same unknown name is the same speaker
    assert only(doc, "التعاون سيتوسع").speaker == first.speaker


def test_unknown_name_with_a_definite_family_name():
    doc = run("وقال رئيس الوزراء العراقي محمد شياع السوداني إن بغداد ترفض التدخل.")
    q = only(doc, "بغداد ترفض")
    assert q.meta.get("speaker_ar") == "محمد شياع السوداني"
    assert q.speaker_country == "IRQ"


def test_an_unfilled_role_is_described_not_guessed():
    doc = run("قال بوتين إن موسكو مستعدة للحوار.\nوقال وزير الخارجية المصري إن القاهرة تتابع الموقف.")
    q = only(doc, "القاهرة تتابع")
    assert q.speaker == "Egyptian foreign minister"
    assert q.speaker_country == "EGY"


def test_participle_after_a_speech_verb_without_complement():
    doc = run("وهو ما أعلنه الرئيس بوتين صراحة في مؤتمر صحفي في بكين، واصفا الاتفاقية بأنها “وثيقة تاريخية”.")
    assert only(doc, "وثيقة تاريخية").speaker == "Vladimir Putin"


def test_subject_actor_first_in_the_window_beats_words_after_it():
    doc = run("وتقول الولايات المتحدة وحلفاء لها إنهم يخشون توسع التعاون.")
    assert only(doc, "يخشون توسع").speaker == "United States"


def test_conjunction_an_is_not_a_complementiser():
    doc = run("وقال بوتين يوم الثلاثاء بعد أن التقى كيم إن المحادثات كانت مثمرة.")
    q = only(doc, "المحادثات كانت مثمرة")
    assert q.speaker == "Vladimir Putin"
    assert not any(x.text.startswith("التقى") for x in doc.quotes)


def test_headline_style_name_colon_quotation():
    doc = run("لافروف: «لن نسمح بفرض عقوبات جديدة على بيونغ يانغ»")
    q = only(doc, "لن نسمح بفرض")
    assert q.speaker == "Sergey Lavrov"
