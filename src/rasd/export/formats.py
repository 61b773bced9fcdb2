"""Pure converters from the JSON contract (``Document.to_dict()``) to event-data exchange formats.

- :func:`gdelt_row` — one row of a GDELT 2.0 event-table-style TSV (:data:`GDELT_COLUMNS`, in
  GDELT order, 61 columns).
- :func:`plover_record` — a POLECAT/PLOVER-style JSON record.

No I/O here: the CLI (``rasd export``) writes the rows and records.

GDELT columns filled (everything else is left empty, because rasd does not produce it):

=====================  ==============================================================================
GlobalEventID          the ``event_id`` given by the caller
Day/MonthYear/Year     the event date (``YYYYMMDD``/``YYYYMM``/``YYYY``) when the text gives one, at
FractionDate           the precision the text gives (a month-precision date leaves ``Day`` empty);
                       events without a date fall back to the publication date, like GDELT
Actor1Code/Name        source code and canonical name; Actor2* the target
Actor1CountryCode      the source code when it is an ISO alpha-3 state code (USA of USAGOV)
Actor1KnownGroupCode   the source code when it is an IGO/group code (UN, NATO, EU, ICC, …)
Actor1Type1Code        ``IGO`` for international organisations; the CAMEO agent code of unnamed
                       actors (UAF gunmen, COP police, MIL, CVL civilians …) and of USAGOV-style codes
IsRootEvent            1 when the event's sentence is in the first paragraph of the body
EventCode/Base/Root    the CAMEO code, its 3-digit base and 2-digit root
QuadClass              1..4; GoldsteinScale: the CAMEO code's Goldstein weight
NumMentions/Sources/   1 (one article, one mention after per-article deduplication)
NumArticles
DATEADDED              publication date as ``YYYYMMDD000000`` (rasd has no crawl time)
SOURCEURL              the document's URL, else its source (file path, input id)
=====================  ==============================================================================
Left empty: ethnic/religion/type-2/3 codes, AvgTone, all geography columns.
"""
from __future__ import annotations

import re
from typing import Any

GDELT_COLUMNS: list[str] = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]

# Codes that are groups/IGOs rather than states (anything not three upper-case letters is too).
IGO_CODES = frozenset({"UN", "UNO", "NATO", "EU", "G7", "G20", "BRICS", "ICC", "IAEA", "WHO", "AU", "ASEAN",
                       "OPEC", "IMF", "WTO", "ARL", "GCC", "OIC", "SCO", "IGO"})
REGION_CODES = frozenset({"WST", "EUR", "AFR", "ASA", "MEA", "SAM", "NAM", "CAS", "SEA", "WAF", "EAF"})
# CAMEO agent (type) codes: unnamed actors of incident reports ("مسلحون" → UAF, "الشرطة" → COP)
# and the type part of composite codes such as USAGOV.
AGENT_CODES = frozenset({"UAF", "REB", "INS", "COP", "MIL", "SPY", "CVL", "GOV", "OPP", "JUD", "LEG",
                         "BUS", "MED", "EDU", "LAB", "REF", "HLH", "CRM", "AGR", "ELI", "NGO", "RAD",
                         "MOD", "SEP", "PTY", "IGO", "NGM"})
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _is_state(code: str | None) -> bool:
    return bool(code) and len(code) == 3 and code.isalpha() and code.isupper() \
        and code not in IGO_CODES and code not in REGION_CODES and code not in AGENT_CODES


def _split_code(code: str) -> tuple[str, str]:
    """(state, agent type) of a code: "RUS" → ("RUS", ""), "COP" → ("", "COP"),
    "USAGOV" → ("USA", "GOV"); ("", "") for IGO, region and other codes."""
    if _is_state(code):
        return code, ""
    if code in AGENT_CODES:
        return "", code
    if len(code) == 6 and _is_state(code[:3]) and code[3:] in AGENT_CODES:
        return code[:3], code[3:]
    return "", ""


def _date_parts(value: str | None) -> tuple[str, str, str, str]:
    """(Day, MonthYear, Year, FractionDate) for an ISO date at year/month/day precision."""
    if not value:
        return "", "", "", ""
    m = _DATE.match(value)
    if not m:
        return "", "", "", ""
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if mo is None:
        return "", "", y, f"{int(y):.4f}"
    frac_day = (int(d) if d else 15) - 1
    frac = int(y) + ((int(mo) - 1) * 30 + frac_day) / 365
    return (f"{y}{mo}{d}" if d else ""), f"{y}{mo}", y, f"{frac:.4f}"


def _actor_cols(code: str | None, name: str | None) -> list[str]:
    code = code or ""
    country, agent = _split_code(code)
    group = code if code and not country and not agent and code not in REGION_CODES else ""
    type1 = "IGO" if code in IGO_CODES else agent
    # Code, Name, CountryCode, KnownGroupCode, Ethnic, Religion1, Religion2, Type1, Type2, Type3
    return [code, (name or "").upper(), country, group, "", "", "", type1, "", ""]


def gdelt_row(event: dict[str, Any], doc: dict[str, Any], event_id: int) -> list[str]:
    """One GDELT 2.0 event-table row (61 strings, :data:`GDELT_COLUMNS` order)."""
    date = event.get("date") or doc.get("published")
    day, month, year, frac = _date_parts(date)
    body = doc.get("body") or ""
    first_par_end = body.find("\n")
    is_root = "1" if first_par_end < 0 or int(event.get("start", 0)) < first_par_end else "0"
    cameo = str(event.get("cameo") or "")
    published = doc.get("published") or ""
    row = [str(event_id), day, month, year, frac]
    row += _actor_cols(event.get("source"), event.get("source_actor"))
    row += _actor_cols(event.get("target"), event.get("target_actor"))
    row += [is_root, cameo, cameo[:3], cameo[:2], str(int(event.get("quad_class") or 0) or ""),
            f"{float(event.get('goldstein') or 0.0):.1f}", "1", "1", "1", ""]
    row += [""] * (8 * 3)  # Actor1Geo_*, Actor2Geo_*, ActionGeo_*
    row += [published.replace("-", "") + "000000" if published else "",
            doc.get("url") or doc.get("source") or ""]
    assert len(row) == len(GDELT_COLUMNS)
    return ["" if v is None else str(v).replace("\t", " ").replace("\n", " ") for v in row]


def _context(cameo: str) -> list[str]:
    try:
        from ..events.ontology import lookup
    except ImportError:  # pragma: no cover
        return []
    try:
        ctx = lookup(cameo).context
    except KeyError:
        return []
    return [c for c in (ctx or "").split(";") if c]


def _plover_actor(code: str | None, name: str | None) -> dict[str, Any]:
    """PLOVER actor: the country (state, IGO or region code as coded) and, for unnamed actors
    (UAF, COP, CVL …) or composite codes (USAGOV), the agent type with the state as country."""
    out: dict[str, Any] = {"name": name, "country": code}
    if code:
        state, agent = _split_code(code)
        if agent:
            out = {"name": name, "country": state or None, "agent": agent}
    return out


def plover_record(event: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """A POLECAT/PLOVER-style record: event type, mode, context, actors, date and source text."""
    cameo = str(event.get("cameo") or "")
    return {
        "event_id": f"{doc.get('id')}-{event.get('start')}-{cameo}-{event.get('source')}-{event.get('target')}",
        "event_type": event.get("plover"),
        "mode": event.get("mode") or "",
        "context": _context(cameo),
        "event_date": event.get("date"),
        "story_date": doc.get("published"),
        "cameo_code": cameo,
        "goldstein": event.get("goldstein"),
        "quad_class": event.get("quad_class"),
        "negated": bool(event.get("negated")),
        "hypothetical": bool(event.get("hypothetical")),
        "actors": {
            "actor": _plover_actor(event.get("source"), event.get("source_actor")),
            "recipient": _plover_actor(event.get("target"), event.get("target_actor")),
        },
        "source_text": event.get("sentence"),
        "text_span": [event.get("start"), event.get("end")],
        "story_id": doc.get("id"),
        "headline": doc.get("title"),
        "publisher": doc.get("outlet"),
        "source": doc.get("url") or doc.get("source"),
        "language": doc.get("language") or "ar",
        "coder": "rasd events.code.v3",
    }
