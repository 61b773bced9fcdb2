"""Cited sources: each cue pattern, canonical names, unknown outlets, and words that only look like outlets."""
from __future__ import annotations

import pytest

from quotes_helpers import run


@pytest.mark.parametrize("sentence, expected", [
    ("نقلت وكالة تاس الروسية للأنباء أن الوفد وصل.", "TASS"),
    ("ذكرت صحيفة نيويورك تايمز أن المحادثات تعثرت.", "The New York Times"),
    ("أفادت قناة الجزيرة بأن الاشتباكات توقفت.", "Al Jazeera"),
    ("أوردت وكالة الأناضول أن الطرفين اتفقا.", "Anadolu"),
    ("وصل الوفد إلى بكين، وفق رويترز.", "Reuters"),
    ("وصل الوفد إلى بكين، وفقا لوكالة شينخوا.", "Xinhua"),
    ("وصل الوفد إلى بكين بحسب وكالة يونهاب.", "Yonhap"),
    ("وصل الوفد إلى بكين حسب فرانس برس.", "AFP"),
    ("ونقلا عن وكالة كيودو، تخطط طوكيو لبناء مستودعات جديدة.", "Kyodo News"),
    ("وقال الخبير لصحيفة جلوبال تايمز إن العلاقات متينة.", "Global Times"),
    ("وقالت شبكة “سي إن إن” الأميركية إن الاتفاق يشبه معاهدة دفاع.", "CNN"),
    ("ووفقا لتقييم المعهد الدولي للدراسات الاستراتيجية، تملك بيونغ يانغ آلاف المدافع.", "IISS"),
    ("قال مصدر مطلع لوكالة إنترفاكس إن الصفقة أنجزت.", "Interfax"),
    ("ذكرت وكالة الأنباء المركزية الكورية أن الزعيم تفقد المصنع.", "KCNA"),
])
def test_cue_then_known_outlet(sentence, expected):
    assert expected in run(sentence).cited_sources


def test_parenthetical_credit_at_paragraph_end():
    doc = run("وقعت روسيا اتفاقا جديدا مع جارتها. (العربية).\n\nتبادل الطرفان الوثائق في حفل رسمي. (دويتش فيله)")
    assert doc.cited_sources == ["Al Arabiya", "Deutsche Welle"]


def test_credit_line_and_sources_list():
    doc = run("انتهت القمة دون بيان ختامي.\nالمصدر: الجزيرة\n")
    assert doc.cited_sources == ["Al Jazeera"]
    doc = run("انتهت القمة دون بيان ختامي.\n\nالمصادر:\n\nالشرق الأوسط\n\n– رويترز\n\nمقال طويل جدا عن أمور أخرى لا علاقة لها بالمصادر")
    assert doc.cited_sources == ["Asharq Al-Awsat", "Reuters"]


def test_weak_aliases_are_not_outlets_in_running_text():
    doc = run("تقع شبه الجزيرة الكورية في شرق آسيا، وتتحدث شعوب المنطقة العربية لغات عدة، ويهتم الشرق الأوسط بذلك.")
    assert doc.cited_sources == []


def test_unknown_outlet_after_a_strong_cue_is_reported_as_written():
    doc = run("ذكرت صحيفة “النهار الجديد” أن الحكومة ستستقيل.")
    assert doc.cited_sources == ["النهار الجديد"]
    assert not any(q.text == "النهار الجديد" for q in doc.quotes)


def test_unknown_paragraph_end_parentheticals_need_a_pattern():
    one = run("وقعت روسيا اتفاقا جديدا مع جارتها (ملاحظة).")
    assert one.cited_sources == []
    two = run("وقعت روسيا اتفاقا جديدا. (صوت الشعب)\n\nوتبادل الطرفان الوثائق. (صوت الشعب)")
    assert two.cited_sources == ["صوت الشعب"]


def test_sources_are_listed_once_in_order_of_first_citation():
    doc = run("قالت رويترز إن الوفد وصل، وذكرت وكالة تاس أن المحادثات بدأت، ووفق رويترز فإن الجلسة طالت.")
    assert doc.cited_sources == ["Reuters", "TASS"]
