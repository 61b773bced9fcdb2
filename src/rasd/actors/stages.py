"""Actor recognition stage slot: registered, assigns the actors layer; the KB matcher fills it."""
from __future__ import annotations

from ..document import Document
from ..pipeline import RunContext, register_stage


@register_stage("actors.match.v1", requires=("body", "language"), assigns=("actors",), languages=("ar",))
def make_actor_matcher(config: dict, ctx: RunContext):
    """Actors and their mentions (not implemented yet: assigns an empty layer)."""

    def run(doc: Document) -> Document:
        doc.actors = []
        return doc

    return run
