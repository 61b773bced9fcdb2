"""Quotes and cited sources stage."""
from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..pipeline import RunContext, register_stage
from .extract import QuoteExtractor, _word_memo
from .lexicon import default_lexicon, load_lexicon
from .sources import SourceFinder
from .text import TextView


def analyse(doc: Document, lex=None) -> Document:
    """Fill ``doc.quotes`` and ``doc.cited_sources`` from ``doc.body`` and ``doc.actors``."""
    lex = lex or default_lexicon()
    # the view finds the tokens of the extractor's word classes and the outlet starts in one pass
    view = TextView(doc.body, lex, doc.normalized(), _word_memo(lex)["word_flags"])
    extractor = QuoteExtractor(doc, view, lex)  # (its set-up does not depend on the sources' marks)
    finder = SourceFinder(view, extractor.mentions, extractor.name_cue_idx)
    doc.cited_sources = finder.run()  # first: marks quoted outlet names so they are not taken as quotes
    doc.quotes = extractor.run()
    doc.meta["cited_source_evidence"] = [
        {"name": name, **span.to_dict()} for _, name, span in sorted(finder.found, key=lambda x: x[0])
    ]
    return doc


@register_stage("quotes.extract.v1", requires=("body", "actors"), assigns=("quotes", "cited_sources"),
                languages=("ar",))
def make_quote_extractor(config: dict, ctx: RunContext):
    """Quotes with speakers (direct and reported speech) and the outlets an article cites."""
    lex = load_lexicon(Path(config["data_dir"])) if config.get("data_dir") else default_lexicon()

    def run(doc: Document) -> Document:
        return analyse(doc, lex)

    return run
