import json

from rasd.export.formats import GDELT_COLUMNS, gdelt_row, plover_record

EVENT = {"source": "RUS", "source_actor": "Vladimir Putin", "target": "NATO", "target_actor": "NATO",
         "cameo": "1121", "plover": "ACCUSE", "mode": "disapprove", "goldstein": -2.0, "quad_class": 3,
         "date": "2024-06-19", "negated": False, "hypothetical": True,
         "sentence": "اتهم بوتين الناتو\tبالتصعيد", "start": 0, "end": 26}
DOC = {"id": "d1", "published": "2024-06-20", "body": "اتهم بوتين الناتو\tبالتصعيد\nفقرة ثانية",
       "source": "a.txt", "outlet": "Example", "title": "عنوان", "language": "ar"}


def test_gdelt_columns_are_the_61_of_the_gdelt_2_event_table_in_order():
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[0] == "GlobalEventID" and GDELT_COLUMNS[-1] == "SOURCEURL"
    assert GDELT_COLUMNS.index("EventCode") == 26 and GDELT_COLUMNS.index("DATEADDED") == 59


def test_gdelt_row_fills_dates_actors_codes_and_source():
    row = dict(zip(GDELT_COLUMNS, gdelt_row(EVENT, DOC, 42)))
    assert row["GlobalEventID"] == "42" and row["Day"] == "20240619" and row["MonthYear"] == "202406"
    assert row["Actor1Code"] == "RUS" and row["Actor1CountryCode"] == "RUS"
    assert row["Actor2KnownGroupCode"] == "NATO" and row["Actor2CountryCode"] == "" and row["Actor2Type1Code"] == "IGO"
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("1121", "112", "11")
    assert row["QuadClass"] == "3" and row["GoldsteinScale"] == "-2.0" and row["IsRootEvent"] == "1"
    assert row["DATEADDED"] == "20240620000000" and row["SOURCEURL"] == "a.txt"
    assert all("\t" not in v and "\n" not in v for v in row.values())


def test_gdelt_month_precision_leaves_day_empty_and_undated_falls_back_to_publication():
    row = dict(zip(GDELT_COLUMNS, gdelt_row(EVENT | {"date": "2023-03"}, DOC, 1)))
    assert row["Day"] == "" and row["MonthYear"] == "202303" and row["Year"] == "2023"
    row = dict(zip(GDELT_COLUMNS, gdelt_row(EVENT | {"date": None}, DOC, 1)))
    assert row["Day"] == "20240620"


def test_plover_record_is_json_with_type_mode_context_actors_and_text():
    rec = plover_record(EVENT, DOC)
    json.dumps(rec, ensure_ascii=False)
    assert rec["event_type"] == "ACCUSE" and rec["mode"] == "disapprove"
    assert rec["actors"]["actor"] == {"name": "Vladimir Putin", "country": "RUS"}
    assert rec["actors"]["recipient"]["country"] == "NATO"
    assert rec["event_date"] == "2024-06-19" and rec["story_date"] == "2024-06-20"
    assert rec["hypothetical"] is True and rec["source_text"] == EVENT["sentence"]
    assert isinstance(rec["context"], list)
    assert plover_record(EVENT | {"cameo": "163", "plover": "SANCTION"}, DOC)["context"] == ["diplomatic"]


def test_unnamed_actor_agent_codes_are_types_not_countries():
    ev = EVENT | {"source": "UAF", "source_actor": "unidentified gunmen", "target": "CVL",
                  "target_actor": "civilians", "cameo": "180", "plover": "ASSAULT"}
    row = dict(zip(GDELT_COLUMNS, gdelt_row(ev, DOC, 7)))
    assert row["Actor1Code"] == "UAF" and row["Actor1CountryCode"] == "" and row["Actor1Type1Code"] == "UAF"
    assert row["Actor1KnownGroupCode"] == "" and row["Actor2Type1Code"] == "CVL"
    rec = plover_record(ev, DOC)
    assert rec["actors"]["actor"] == {"name": "unidentified gunmen", "country": None, "agent": "UAF"}


def test_composite_state_agent_code_is_split():
    row = dict(zip(GDELT_COLUMNS, gdelt_row(EVENT | {"source": "USAGOV"}, DOC, 8)))
    assert row["Actor1CountryCode"] == "USA" and row["Actor1Type1Code"] == "GOV"
    assert plover_record(EVENT | {"source": "USAGOV"}, DOC)["actors"]["actor"]["country"] == "USA"
