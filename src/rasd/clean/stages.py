"""Cleaning stages (registered in the pipeline)."""
from __future__ import annotations

from ..document import Document
from ..pipeline import RunContext, register_stage
from .language import detect_language


@register_stage("clean.language.v1", requires=("body",), assigns=("language",))
def make_language(config: dict, ctx: RunContext):
    """Language of the document from its script mix (ar, en, fa, ur, …; und when no letters)."""

    def run(doc: Document) -> Document:
        doc.language = detect_language(doc.body)
        return doc

    return run
