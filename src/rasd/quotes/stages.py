"""Quotes and cited sources stage slot."""
from __future__ import annotations

from ..document import Document
from ..pipeline import RunContext, register_stage


@register_stage("quotes.extract.v1", requires=("body", "actors"), assigns=("quotes", "cited_sources"), languages=("ar",))
def make_quote_extractor(config: dict, ctx: RunContext):
    """Quotes with speakers and cited sources (not implemented yet: assigns empty layers)."""

    def run(doc: Document) -> Document:
        doc.quotes = []
        doc.cited_sources = []
        return doc

    return run
