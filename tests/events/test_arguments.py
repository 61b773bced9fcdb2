"""One of our own sentences per argument-attribution rule (source, PLOVER type, target)."""
import pytest

from event_helpers import triples


@pytest.mark.parametrize("text,expected", [
    # VSO: verb, subject, object
    ("زار الرئيس بوتين كوريا الشمالية.", {("RUS", "CONSULT", "PRK")}),
    # SVO: subject before the verb
    ("روسيا تدين الهجوم على إيران.", {("RUS", "ACCUSE", "IRN")}),
    # verbal noun + genitive + prepositional host
    ("أثارت زيارة بوتين إلى كوريا الشمالية جدلا.", {("RUS", "CONSULT", "PRK")}),
    # "بين X و Y" with a symmetric trigger
    ("انطلقت محادثات بين مصر والأردن في العاصمة.", {("EGY", "CONSULT", "JOR")}),
    # coordinated subjects of a symmetric verb: the first named is the source
    ("وقعت روسيا والصين اتفاقية للتجارة.", {("RUS", "AGREE", "CHN")}),
    # prepositional targets على / ضد / مع / إلى / لـ
    ("فرضت الولايات المتحدة عقوبات على إيران.", {("USA", "SANCTION", "IRN")}),
    ("أجرت اليابان تدريبات مشتركة مع الولايات المتحدة.", {("JPN", "COOPERATE", "USA")}),
    ("أرسلت تركيا مساعدات إنسانية إلى مصر.", {("TUR", "AID", "EGY")}),
    ("قدمت الصين مساعدات لإيران.", {("CHN", "AID", "IRN")}),
])
def test_basic_word_orders_and_prepositions(code, text, expected):
    assert triples(code(text)) == expected


def test_coordination_gives_one_event_per_listed_source():
    text = "يتواصل تزويد الناتو واليابان وكوريا الجنوبية كييف بالأسلحة."
    assert triples(code_(text)) == {("NATO", "AID", "UKR"), ("JPN", "AID", "UKR"), ("KOR", "AID", "UKR")}


def test_coordination_gives_one_event_per_listed_target():
    text = "روسيا توسع التعاون العسكري مع كل من كوريا الشمالية والصين وإيران."
    assert triples(code_(text)) == {("RUS", "COOPERATE", c) for c in ("PRK", "CHN", "IRN")}


def test_dual_anaphor_refers_to_the_two_parties_of_the_story():
    text = ("استقبل الأردن وفدا من مصر. وقالت مصر إن الأردن شريك. "
            "وأعلن مسؤول توقيع اتفاقية بين البلدين.")
    agree = [e for e in code_(text) if e.plover == "AGREE"]
    assert len(agree) == 1 and {agree[0].source, agree[0].target} == {"JOR", "EGY"}
    assert agree[0].meta["attribution"] == "between"


def test_dual_verb_without_subject_takes_the_two_parties():
    text = "زار بوتين كوريا الشمالية. وقال كيم إن روسيا حليف. واتفقتا على تعزيز العلاقات."
    ev = code_(text)
    agree = [e for e in ev if e.plover == "AGREE"]
    assert agree and {agree[0].source, agree[0].target} == {"RUS", "PRK"}


def test_passive_frame_takes_the_agent_from_ala_yad():
    text = "أعلن مسؤول مقتل جنود من أوكرانيا على يد قوات روسيا."
    ev = [e for e in code_(text) if e.plover == "ASSAULT"]
    assert ev and ev[0].source == "RUS" and ev[0].target == "UKR"


def test_reported_speech_codes_the_embedded_event_as_the_speakers_claim():
    ev = code_("قال بوتين إن أوكرانيا هاجمت روسيا.")
    assert triples(ev) == {("UKR", "ASSAULT", "RUS")}
    assert ev[0].meta["claimed_by"] == "Vladimir Putin"


def test_plural_verb_has_a_pronoun_subject_so_the_next_actor_is_its_object():
    text = "وتحدث مسؤولو الولايات المتحدة للصحفيين، واتهموا كوريا الشمالية بدعم روسيا."
    assert ("USA", "ACCUSE", "PRK") in triples(code_(text))


def test_accusation_does_not_code_the_alleged_act_as_a_fact():
    ev = code_("اتهمت الولايات المتحدة كوريا الشمالية بتزويد روسيا بالصواريخ.")
    assert triples(ev) == {("USA", "ACCUSE", "PRK")}


def test_relative_clause_subject_is_the_antecedent():
    text = "كانت كوريا الشمالية من الدول التي صوتت ضد قرار الأمم المتحدة."
    assert ("PRK", "REJECT", "UN") in triples(code_(text))


def test_offsets_point_at_the_sentence_and_the_trigger():
    text = "مقدمة قصيرة. وفرضت الولايات المتحدة عقوبات على إيران."
    doc_events = code_(text)
    e = doc_events[0]
    assert text[e.start:e.end] == e.sentence == "وفرضت الولايات المتحدة عقوبات على إيران."
    assert text[e.meta["trigger_start"]:e.meta["trigger_end"]] == e.meta["trigger"] == "وفرضت"


from event_helpers import _CODER, make_doc  # noqa: E402


def code_(text, published=None):
    return _CODER.code(make_doc(text, published))


def code_plain(text):
    from event_helpers import _CODER, make_doc
    return _CODER.code(make_doc(text))


def test_between_a_list_whose_members_carry_descriptions():
    text = ("عقدت مشاورات جمعت بين الدبلوماسي الياباني المكلف بشؤون آسيا من اليابان، والممثل الخاص "
            "من الولايات المتحدة لشؤون إيران، والممثل الخاص لكوريا الجنوبية، أعلنت الوزارة ذلك.")
    got = triples(code_plain(text), "CONSULT")
    assert ("JPN", "CONSULT", "USA") in got and ("JPN", "CONSULT", "KOR") in got
    assert not any("IRN" in t for t in got)


def test_joint_drill_is_cooperation_among_participants_and_mobilize_against_the_target():
    got = triples(code_plain("أجرت الولايات المتحدة واليابان مناورات مشتركة ضد كوريا الشمالية."))
    assert ("USA", "COOPERATE", "JPN") in got
    assert ("USA", "MOBILIZE", "PRK") in got and ("JPN", "MOBILIZE", "PRK") in got
    assert ("USA", "COOPERATE", "PRK") not in got


def test_transfer_noun_takes_its_giver_from_min():
    got = triples(code_plain("تعتمد كوريا الشمالية على إمدادات الغذاء من الصين منذ سنوات."), "AID")
    assert got == {("CHN", "AID", "PRK")}


def test_pronoun_target_after_the_trigger_is_the_sentences_topic():
    text = "تواجه إيران العقوبات التي فرضتها عليها الولايات المتحدة منذ سنوات."
    assert ("USA", "SANCTION", "IRN") in triples(code_plain(text), "SANCTION")


def test_verbal_nouns_inside_an_opinion_are_analysis_not_events():
    text = "ويعتقد المحلل أن تهديدات الولايات المتحدة لإيران تشير إلى قلق متزايد."
    assert not [e for e in code_plain(text) if e.plover == "THREATEN"]


def test_the_adjective_technical_is_not_the_verb_met():
    text = "أشاد الخبراء بالتعاون التقني بين روسيا والصين."
    assert not [e for e in code_plain(text) if e.plover == "CONSULT"]


def test_relative_clause_without_a_resumptive_pronoun_takes_the_antecedent_as_subject():
    text = "رحبت مصر بقرار الأمم المتحدة الذي يطالب إسرائيل بالانسحاب."
    assert ("UN", "REQUEST", "ISR") in triples(code_plain(text), "REQUEST")


def test_quote_marks_around_a_short_phrase_do_not_cut_the_clause():
    text = "تعهدت الصين بتقديم “الدعم الكامل” لروسيا في المحافل الدولية."
    assert ("CHN", "SUPPORT", "RUS") in triples(code_plain(text), "SUPPORT")  # a pledge of support


def test_a_pledge_without_support_is_a_stated_intent():
    text = "تعهدت الصين بزيادة وارداتها من روسيا."
    assert [e.plover for e in code_plain(text) if e.meta["trigger"] == "تعهدت"] in ([], ["AGREE"])
    assert not [e for e in code_plain(text) if e.plover == "SUPPORT"]


def test_a_direct_quote_is_its_own_clause():
    text = 'وقال بوتين: "سنواصل التعاون مع كل من يحترم مصالحنا في المنطقة وخارجها دائما" ثم غادر إلى الصين.'
    assert not [e for e in code_plain(text) if e.plover == "COOPERATE" and e.target == "CHN"]


def test_concern_with_a_possessive_pronoun_takes_the_subject_and_every_party_of_the_feared_act():
    text = "وبعد اللقاء قال وزير خارجية اليابان إن الوزراء أعربوا عن قلقهم من أن التعاون بين روسيا وكوريا الشمالية يهدد المنطقة."
    got = triples(code_plain(text), "ACCUSE")
    assert ("JPN", "ACCUSE", "RUS") in got and ("JPN", "ACCUSE", "PRK") in got


def test_concern_voiced_by_two_states_far_from_the_verb_is_an_accusation_by_each():
    text = "أعربت اليابان وكوريا الجنوبية عن قلقهما من التعاون العسكري بين روسيا وكوريا الشمالية."
    got = triples(code_plain(text), "ACCUSE")
    assert {("JPN", "ACCUSE", "RUS"), ("JPN", "ACCUSE", "PRK"), ("KOR", "ACCUSE", "RUS"),
            ("KOR", "ACCUSE", "PRK")} <= got


def test_a_news_agency_is_no_party_to_the_events_it_reports():
    import rasd

    text = ("قال مستشار لقائد قوات الدعم السريع محمد حمدان دقلو لوكالة رويترز إن قواته "
            "مستعدة للتعامل بإيجابية مع أي مبادرة جادة.")
    doc = rasd.analyze(text, options=rasd.Options(disable=["events.classify"]))
    assert "Reuters" in {a.name for a in doc.actors}
    assert not [e for e in doc.events if "GBR" in (e.source, e.target)]


def test_a_coordinated_demand_keeps_the_sentence_subject_and_asks_the_actor_after_it():
    text = "وأدان الرئيس الروسي فلاديمير بوتين القرار، وطالب الأمم المتحدة بالتحرك لوقف الحرب."
    got = triples(code_plain(text), "REQUEST")
    assert ("RUS", "REQUEST", "UN") in got and ("UN", "REQUEST", "RUS") not in got
    # with its own subject the first actor is the one who asks
    got2 = triples(code_plain("وطالبت إيران الأمم المتحدة بالتحرك."), "REQUEST")
    assert ("IRN", "REQUEST", "UN") in got2


def test_the_genitive_before_what_is_supplied_is_the_recipient():
    got = triples(code_plain("نفت إيران تزويد روسيا بالصواريخ."), "AID")
    assert ("IRN", "AID", "RUS") in got and ("RUS", "AID", "IRN") not in got
    # with a second actor the genitive is the supplier and the next actor is supplied
    got2 = triples(code_plain("انتقدت روسيا تزويد الناتو واليابان كييف بالأسلحة."), "AID")
    assert {("NATO", "AID", "UKR"), ("JPN", "AID", "UKR")} <= got2


def test_two_speculations_in_two_sentences_stay_two_events():
    from event_helpers import _CODER, make_doc

    text = ("من المحتمل أن ترسل روسيا مساعدات غذائية إلى كوريا الشمالية. "
            "ومن المحتمل أيضا أن تزود روسيا كوريا الشمالية بتقنيات الأقمار الصناعية.")
    hyp = [e for e in _CODER.code(make_doc(text)) if e.plover == "AID" and e.hypothetical]
    assert len(hyp) == 2 and len({e.start for e in hyp}) == 2


def test_not_ruled_out_is_a_speculation_not_a_negation():
    from event_helpers import _CODER, make_doc

    for text in ("وليس مستبعدا أن تزود روسيا كوريا الشمالية بالأسلحة.",
                 "ليس من المستبعد أن تزود روسيا كوريا الشمالية بالأسلحة."):
        ev = [e for e in _CODER.code(make_doc(text)) if e.plover == "AID"]
        assert ev and all(e.hypothetical and not e.negated for e in ev), text
