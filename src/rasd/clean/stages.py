"""Cleaning stages (registered in the pipeline), in pipeline order:

``clean.boilerplate.v1``  page furniture out of ``body`` into ``removed``
``clean.appended.v1``     appended unrelated articles split off into their own documents
``clean.metadata.v1``     title, publication date and outlet from the text and the URL
``clean.language.v1``     language of the document and of its segments

Options (``[stages."clean.boilerplate"]`` …) are the fields of ``BoilerplateOptions``,
``AppendedOptions`` and ``MetadataOptions``, plus for boilerplate/appended ``markers`` (a TSV that
replaces the packaged markers), ``extra_markers`` (a TSV added to them) and ``contains_max_words``.
"""
from __future__ import annotations

from ..document import Document, make_id
from ..pipeline import RunContext, register_stage
from .appended import AppendedOptions, AppendedSplitter
from .boilerplate import BoilerplateOptions, BoilerplateRemover
from .language import detect_document, warm_up as _warm_language
from .markers import default_labels, default_markers, default_tag_terms, load_markers
from .metadata import MetadataExtractor, MetadataOptions, date_from_url, outlet_from_url


def _markers(config: dict):
    cmw = int(config.get("contains_max_words", 16))
    if config.get("markers") or config.get("extra_markers"):
        return load_markers(config.get("markers"), config.get("extra_markers"), cmw)
    return default_markers(cmw)


@register_stage("clean.boilerplate.v1", requires=("body",), assigns=("body", "removed"))
def make_boilerplate(config: dict, ctx: RunContext):
    """Remove boilerplate lines (UI, ads, comment forms, share prompts, tags, related lists) into removed."""
    remover = BoilerplateRemover(_markers(config), default_labels(), default_tag_terms(),
                                 BoilerplateOptions.from_config(config))

    def run(doc: Document) -> Document:
        if not doc.body:
            return doc
        res = remover(doc.body)
        doc.body = res.body
        doc.removed.extend(res.removed)
        if res.removed_at:
            doc.meta["boilerplate"] = [
                {"family": r["family"], "at": r["at"], "text": t} for r, t in zip(res.removed_at, res.removed)
            ]
        return doc

    return run


@register_stage("clean.appended.v1", requires=("body",), assigns=("body", "appended", "removed"))
def make_appended(config: dict, ctx: RunContext):
    """Split appended unrelated articles ("إقرأ أيضاً:" + another story) off into their own documents."""
    splitter = AppendedSplitter(_markers(config), default_labels(), AppendedOptions.from_config(config))

    def run(doc: Document) -> Document:
        if not doc.body:
            return doc
        host, stories, removed = splitter(doc.body, doc.meta.get("boilerplate"))
        if not stories and not removed:
            return doc
        doc.body = host
        doc.removed.extend(removed)
        for n, (header, text) in enumerate(stories, 1):
            child = Document(
                id=make_id(doc.id, "appended", str(n)),
                raw=text,
                raw_format="text",
                body=text,
                input_id=f"{doc.input_id}#appended-{n}" if doc.input_id else None,
                source=doc.source,
                url=doc.url,
                outlet=doc.outlet,
                appended_to=doc.id,
                meta={"appended_header": header},
            )
            doc.spawned.append(child)
        if stories:
            doc.meta["appended"] = [c.id for c in doc.spawned[-len(stories):]]
        return doc

    return run


@register_stage("clean.metadata.v1", requires=("body",), assigns=("title", "published", "outlet"))
def make_metadata(config: dict, ctx: RunContext):
    """Title, publication date (never in the future of ctx.now) and outlet from the text and URL."""
    ex = MetadataExtractor(default_labels(), MetadataOptions.from_config(config))

    def run(doc: Document) -> Document:
        today = ctx.today
        body = doc.body or ""
        if doc.title is None:
            title, span = ex.title(body)
            if title:
                doc.title = title
                doc.meta["title_from"] = "text"
                doc.meta["title_span"] = list(span)
        if doc.published is not None and doc.published > today:
            doc.meta["published_rejected"] = doc.published.isoformat()
            doc.published = None
        if doc.published is None:
            found = ex.published(body, today)
            if found and found.get("date"):
                doc.published = found["date"]
                doc.meta["published_from"] = found["from"]
                doc.meta["published_text"] = found["text"]
                doc.meta["published_span"] = list(found["span"])
            else:
                if found and found.get("rejected"):
                    doc.meta["published_rejected"] = found["rejected"]
                # an appended story does not share its host's URL date
                d = date_from_url(doc.url, today) if doc.appended_to is None else None
                if d is not None:
                    doc.published = d
                    doc.meta["published_from"] = "url"
        credit = ex.credit(body)
        doc.meta.update(credit)
        if doc.outlet is None:
            host = outlet_from_url(doc.url)
            if host:
                doc.outlet = host
                doc.meta["outlet_from"] = "url"
            elif credit.get("credit"):
                doc.outlet = credit["credit"]
                doc.meta["outlet_from"] = "credit"
        return doc

    return run


@register_stage("clean.language.v1", requires=("body",), assigns=("language",))
def make_language(config: dict, ctx: RunContext):
    """Language of the document and of each segment (ar, en, fa, ur, …; und when no letters)."""
    min_letters = int(config.get("segment_min_letters", 12))
    mixed_share = float(config.get("mixed_min_share", 0.1))
    _warm_language()  # lookup tables and cue sets built once, here, not on the first document

    def run(doc: Document) -> Document:
        doc.language, segs = detect_document(doc.body, min_letters)
        if not segs:
            return doc
        sizes: dict[str, int] = {}
        for s in segs:
            sizes[s["language"]] = sizes.get(s["language"], 0) + s["end"] - s["start"]
        total = sum(sizes.values())
        shares = {k: round(v / total, 3) for k, v in sorted(sizes.items(), key=lambda kv: -kv[1])}
        doc.meta["languages"] = shares
        other = [s for s in segs if s["language"] != doc.language]
        if other:
            doc.meta["language_segments"] = other
        doc.meta["mixed_language"] = any(v >= mixed_share for k, v in shares.items() if k != doc.language)
        return doc

    return run
