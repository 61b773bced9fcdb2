"""Event coding stage: Arabic triggers → CAMEO/PLOVER events with source, target, polarity, date."""
from __future__ import annotations

from ..document import Document
from ..pipeline import RunContext, register_stage
from .coder import EventCoder


@register_stage("events.code.v1", requires=("body", "actors"), assigns=("events",), languages=("ar",))
def make_event_coder(config: dict, ctx: RunContext):
    """CAMEO/PLOVER events from the Arabic trigger lexicon, actor mentions and polarity cues.

    Config (``[stages."events.code"]``): ``untargeted`` (PLOVER types kept without a known target,
    default PROTEST and MOBILIZE; every other event needs a source and a target), ``dedup``
    (default true: one event per source/type/target/polarity per document).
    """
    coder = EventCoder(
        untargeted=tuple(config.get("untargeted", ("PROTEST", "MOBILIZE"))),
        dedup=bool(config.get("dedup", True)),
    )

    def run(doc: Document) -> Document:
        doc.events = coder.code(doc)
        return doc

    return run
