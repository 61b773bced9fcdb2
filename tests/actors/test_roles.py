"""Role phrases resolved by date, counterparts by nationality, short names by coreference."""
import datetime as dt


def test_role_resolves_by_document_date(match):
    text = "استقبل الرئيس الروسي وفدا صينيا."
    assert "Dmitry Medvedev" in match(text, dt.date(2010, 3, 1))
    res = match(text, dt.date(2024, 3, 1))
    assert "Vladimir Putin" in res and "Dmitry Medvedev" not in res
    assert res["Vladimir Putin"].meta["via"] == {"role": 1}
    assert res["Vladimir Putin"].mentions[0].text == "الرئيس الروسي"


def test_construct_title_with_state_name_and_qualifier(match):
    res = match("قالت وزيرة خارجية اليابان الجديدة إن بلادها قلقة.", dt.date(2023, 10, 1))
    assert res["Yoko Kamikawa"].mentions[0].text == "وزيرة خارجية اليابان الجديدة"


def test_former_holder_is_not_resolved_by_date(match):
    res = match("قال الرئيس الأمريكي السابق إن الاتفاق سيئ.", dt.date(2023, 10, 1))
    assert "Joe Biden" not in res


def test_named_person_after_role_phrase_wins_over_date(match):
    res = match("قال الأمين العام لحلف الناتو، ينس ستولتنبرغ، إن الحلف مستعد.", dt.date(2026, 1, 1))
    assert "Jens Stoltenberg" in res and "Mark Rutte" not in res


def test_counterpart_resolves_through_nationality(match):
    res = match("التقى الرئيس الروسي فلاديمير بوتين نظيره الكوري الشمالي في موسكو.", dt.date(2023, 9, 13))
    assert any(m.text == "نظيره الكوري الشمالي" for m in res["Kim Jong Un"].mentions)
    res = match("اتصل وزير الخارجية الروسي سيرغي لافروف بنظيره الصيني.", dt.date(2024, 2, 1))
    assert "Wang Yi" in res


def test_spokesperson_of_an_organisation(match):
    res = match("قال المتحدث باسم الكرملين إن موسكو لن ترد.", dt.date(2022, 1, 1))
    assert "Dmitry Peskov" in res


def test_short_forms_after_full_name(match):
    res = match("استقبل كيم جونغ أون الوفد. وقال كيم إن الزيارة مهمة، وأكد أون دعمه.")
    assert [m.text for m in res["Kim Jong Un"].mentions] == ["كيم جونغ أون", "كيم", "أون"]
    res = match("قال كيم إن الزيارة مهمة.")
    assert "Kim Jong Un" not in res  # a short form alone names nobody


def test_misspelt_given_name_joins_the_surname(match):
    res = match("التقى فلادمير بوتين بالوفد.")
    assert [m.text for m in res["Vladimir Putin"].mentions] == ["فلادمير بوتين"]


def test_surname_alone_for_well_known_people(match):
    res = match("وصف لافروف المحادثات بالبناءة، وقال بيسكوف إنها مستمرة.")
    assert {"Sergey Lavrov", "Dmitry Peskov"} <= set(res)
