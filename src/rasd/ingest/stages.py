"""Ingest stages: main text and metadata out of HTML (trafilatura)."""
from __future__ import annotations

from urllib.parse import urlparse

from ..document import Document, parse_iso_date
from ..errors import InputError
from ..pipeline import RunContext, register_stage


@register_stage("ingest.html.v1", requires=("raw",), assigns=("body", "html_meta"))
def make_html_extractor(config: dict, ctx: RunContext):
    """Main text, title, date and site name of HTML input via trafilatura; text input passes through."""
    import trafilatura

    favor = config.get("favor", "balanced")
    include_tables = bool(config.get("include_tables", True))
    # trafilatura falls back to menu/footer text on pages with no article: fewer words than this
    # is treated as "no main text"
    min_words = int(config.get("min_words", 6))

    def run(doc: Document) -> Document:
        if doc.raw_format != "html":
            return doc
        res = trafilatura.bare_extraction(
            doc.raw,
            url=doc.url,
            with_metadata=True,
            include_comments=False,
            include_tables=include_tables,
            favor_precision=favor == "precision",
            favor_recall=favor == "recall",
        )
        text = (getattr(res, "text", None) or "").strip() if res is not None else ""
        if len(text.split()) < min_words:
            raise InputError(doc.source or doc.input_id or doc.id, "HTML page with no extractable main text")
        doc.body = text
        doc.meta["extractor"] = f"trafilatura {trafilatura.__version__}"
        if doc.title is None and getattr(res, "title", None):
            doc.title = res.title.strip()
        if doc.published is None and getattr(res, "date", None):
            try:
                d = parse_iso_date(res.date)
            except ValueError:
                d = None
            if d is not None and d <= ctx.today:
                doc.published = d
                doc.meta["published_from"] = "html"
        if doc.outlet is None:
            site = getattr(res, "sitename", None) or getattr(res, "hostname", None)
            if not site and doc.url:
                site = urlparse(doc.url).hostname
            if site:
                doc.outlet = site.strip()
        if doc.url is None and getattr(res, "url", None):
            doc.url = res.url
        return doc

    return run


