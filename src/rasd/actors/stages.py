"""Actor recognition stage ``actors.match.v1``: the knowledge-base matcher (see :mod:`.matcher`)."""
from __future__ import annotations

from ..document import Document
from ..pipeline import RunContext, register_stage
from .kb import load_kb
from .matcher import Matcher


@register_stage("actors.match.v1", requires=("body", "language"), assigns=("actors",), languages=("ar",))
def make_actor_matcher(config: dict, ctx: RunContext):
    """Actors and their mentions from the KB: names, aliases, nisba, capitals, roles by date.

    Config (``[stages."actors.match"]``): ``files`` = extra KB files (YAML/TSV) added to
    ``ctx.actor_files`` (``--actors my.yaml``).
    """
    files = [*config.get("files", []), *ctx.actor_files]
    kb = load_kb(files)
    matcher = Matcher(kb)

    def run(doc: Document) -> Document:
        date = doc.published or ctx.today
        doc.actors = matcher.match(doc.body, date, doc.normalized())
        return doc

    return run


# The colleague stage actors.unknown.v1 (NER + descriptors) lives in .unknown; importing it here
# registers it, since the pipeline imports only this module for the actors family.
try:
    from . import unknown as _unknown  # noqa: F401,E402
except ImportError:  # pragma: no cover - optional while it is being written
    pass
