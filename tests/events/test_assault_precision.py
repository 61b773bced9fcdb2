"""ASSAULT precision (issue 5): references to an attack are not reports of one.

Each rule has a positive (a report, still detected) and a negative (a reference, dropped), in our
own Arabic sentences:

- a past form after a noun in construct or a preposition, with a pronoun suffix, is the verbal noun
  with a possessive (محاولات قتله، تم خطفهم), not a finite verb; after من it can be "who" (من قتله);
- responsibility, charges, lists, justification, encouragement (يقف وراء اغتيال، المسؤولة عن مقتل،
  بتهم الاختطاف، قائمة اغتيالات، تبرير قتل، تشجيع عمليات خطف) refer to an act;
- revenge and threats (انتقاما لتفجير، ردا على اغتيال، هدد بتفجير) refer to a past act or announce
  a possible one.
"""
import pytest

from rasd.document import Document
from rasd.events.coder import EventCoder

DETECT = EventCoder(require_actor=False, dedup=False)


def detected(text, plover="ASSAULT"):
    doc = Document.from_input(text=text)
    doc.language = "ar"
    return [e for e in DETECT.code(doc) if e.plover == plover and not e.hypothetical and not e.negated]


# ---- suffixed past form after a nominal cue = verbal noun with a possessive
def test_suffixed_form_after_construct_noun_is_a_reference():
    assert not detected("نجا الوزير من محاولات قتله المتكررة خلال السنوات الماضية.")


def test_suffixed_form_after_passive_periphrasis_is_a_reference():
    assert not detected("وقال المحامي إن موكليه تم خطفهم بكل ما تعنيه الكلمة.")


def test_suffixed_finite_verb_still_reports():
    assert detected("وقتلهم المسلحون بالرصاص قرب السوق صباح اليوم.")


# ---- responsibility, charges, lists, justification
@pytest.mark.parametrize("text", [
    "وأعلنت الحكومة أن زعيم الجماعة يقف وراء اغتيال الصحفي وسقوط جرحى بين حراسه.",
    "وقالت الشرطة إن الخلية هي المسؤولة عن اغتيال ثلاثة قضاة وسقوط جرحى.",
    "ويواجه الرجل تهم اختطاف رهائن وسقوط جرحى.",
    "أقرت الحكومة قائمة اغتيالات تضم قادة الفصائل الذين سقط منهم جرحى.",
    "واستخدم الخطيب النصوص لتبرير اغتيال المعارضين وسقوط الجرحى.",
    "وحذر البيان من أن الصفقة ستؤدي إلى تشجيع عمليات خطف الرهائن.",
])
def test_responsibility_and_charges_are_references(text):
    assert not detected(text), text


@pytest.mark.parametrize("text", [
    "أسفر هجوم انتحاري على سوق شعبي عن مقتل عشرة أشخاص.",
    "وقتل مسلحون مجهولون مسؤولا محليا أمام منزله أمس.",
    "واختطف مسلحون ثلاثة مهندسين أجانب من موقع عملهم.",
])
def test_incident_reports_are_still_detected(text):
    assert detected(text), text


# ---- revenge and threats
@pytest.mark.parametrize("text", [
    "وتجمع الأهالي انتقاما لتفجير مسجد في المدينة خلف جرحى.",
    "وهددت الجماعة بتفجير مقرات الشرطة وإيقاع جرحى.",
    "وأصدرت المجموعة بيانا ردا على اغتيال قائدها وسقوط جرحى من مرافقيه.",
])
def test_revenge_and_threats_are_references(text):
    hits = [e for e in detected(text) if e.meta.get("trigger") in ("لتفجير", "بتفجير", "اغتيال", "وقتل")]
    assert not hits, (text, [e.meta.get("trigger") for e in hits])


def test_attack_after_a_threat_clause_is_still_detected():
    assert detected("وبعد أيام من التهديدات، أسفر تفجير سيارة مفخخة عن مقتل سبعة أشخاص.")
