"""Event coding stage slot: registered, assigns the events layer; the coder fills it."""
from __future__ import annotations

from ..document import Document
from ..pipeline import RunContext, register_stage


@register_stage("events.code.v1", requires=("body", "actors"), assigns=("events",), languages=("ar",))
def make_event_coder(config: dict, ctx: RunContext):
    """CAMEO/PLOVER events (not implemented yet: assigns an empty layer)."""

    def run(doc: Document) -> Document:
        doc.events = []
        return doc

    return run
