"""Event coding stage: Arabic triggers → CAMEO/PLOVER events with source, target, polarity, date."""
from __future__ import annotations

from ..document import Document
from ..pipeline import RunContext, register_stage
from .coder import EventCoder


@register_stage("events.code.v3", requires=("body", "actors"), assigns=("events",), languages=("ar",))
def make_event_coder(config: dict, ctx: RunContext):
    """CAMEO/PLOVER events from the Arabic trigger lexicon, actor mentions and polarity cues.

    Config (``[stages."events.code"]``): ``untargeted`` (PLOVER types kept without a known target,
    default PROTEST and MOBILIZE; every other event needs a source and a target), ``dedup``
    (default true: one event per source/type/target/polarity per document), ``incident_types``
    (PLOVER types whose triggers must report an incident rather than refer to one, see
    :mod:`rasd.events.eventive`; default ASSAULT and PROTEST), ``sourceless`` (incident types kept
    with an unknown source or target, e.g. unnamed gunmen or protesters; default ASSAULT, PROTEST),
    ``lead_date`` (default true: an undated factual event of the lead — the title lines and the
    first full sentence — takes the publication date, ``meta["date_from"] = "published"``),
    ``generic_actors`` (default true: unnamed gunmen, forces, protesters and victims of incident
    reports get CAMEO agent codes UAF, COP, MIL, CVL … from ``data/events/generic_actors.tsv``).
    """
    coder = EventCoder(
        untargeted=tuple(config.get("untargeted", ("PROTEST", "MOBILIZE"))),
        dedup=bool(config.get("dedup", True)),
        incident_types=tuple(config.get("incident_types", ("ASSAULT", "PROTEST"))),
        sourceless=tuple(config.get("sourceless", ("ASSAULT", "PROTEST"))),
        lead_date=bool(config.get("lead_date", True)),
        generic_actors=bool(config.get("generic_actors", True)),
    )

    def run(doc: Document) -> Document:
        doc.events = coder.code(doc)
        return doc

    return run
