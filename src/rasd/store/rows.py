"""The rows one batch of documents writes, built in one pass (the write path of ``Store.save_many``).

Every table's rows are tuples in the column order of the ``*_COLS`` names below, so SQLite takes
them straight through the driver's ``executemany`` and PostgreSQL through SQLAlchemy Core (as dicts).

With ``json_text=True`` (SQLite) the JSON columns are serialised here, once, exactly as before:
``documents`` columns as SQLAlchemy's JSON type writes them (``json.dumps`` defaults) and
``events.meta`` with ``ensure_ascii=False``. With ``json_text=False`` they stay Python objects for
SQLAlchemy's JSON type. Values that JSON cannot hold are left out of ``meta`` (as before): the whole
dict is encoded once and only a dict that fails is filtered key by key.

The search keys reuse the document's cached normalised body (``Document.normalized()``, computed by
the pipeline's stages) and tokenise title and body once for both the word and the stem columns.
"""
from __future__ import annotations

import datetime as _dt
import json
from json.encoder import c_make_encoder as _c_make_encoder
from json.encoder import encode_basestring as _ENCODE_UTF8
from json.encoder import encode_basestring_ascii as _ENCODE_ASCII
from typing import Any, Callable

from ..document import Document
from ..normalize import normalize_text
from .search import split_words, stems_of

DOCUMENT_COLS = (
    "id", "seq", "input_id", "source", "url", "outlet", "title", "published", "language", "raw_format",
    "raw", "body", "body_norm", "title_norm", "removed", "appended_to", "duplicate_of", "near_duplicates",
    "cited_sources", "content_hash", "minhash", "provenance", "meta", "analyzed_at",
)
ACTOR_COLS = ("id", "name", "name_ar", "kind", "country", "code")
MENTION_COLS = ("doc_id", "actor_id", "start_char", "end_char", "text")
EVENT_COLS = (
    "doc_id", "idx", "source", "source_actor", "target", "target_actor", "cameo", "plover", "mode",
    "goldstein", "quad_class", "date", "negated", "hypothetical", "sentence", "start_char", "end_char",
    "coder", "meta",
)
QUOTE_COLS = ("doc_id", "idx", "speaker", "speaker_country", "text", "start_char", "end_char")
CITED_COLS = ("doc_id", "name")
FTS_COLS = ("doc_id", "title", "body", "stems")


def _encoder(ensure_ascii: bool) -> Callable[[Any], str]:
    """``json.dumps(obj, ensure_ascii=ensure_ascii)`` (defaults otherwise) without the Python layers
    of ``JSONEncoder.encode`` around the C encoder: a third cheaper on the small dicts of ``meta``.
    Each call gets its own cycle markers, as in ``json.dumps``."""
    std = json.JSONEncoder(ensure_ascii=ensure_ascii)
    if _c_make_encoder is None:  # pragma: no cover  (CPython without the _json accelerator)
        return std.encode
    args = (std.default, _ENCODE_ASCII if ensure_ascii else _ENCODE_UTF8, None, std.key_separator,
            std.item_separator, False, False, True)
    make, join = _c_make_encoder, "".join
    return lambda obj: join(make({}, *args)(obj, 0))


_dump_ascii = _encoder(True)  # == json.dumps(obj): what SQLAlchemy's JSON type writes
_dump_utf8 = _encoder(False)  # == json.dumps(obj, ensure_ascii=False)
_SKIP_DOC_META = ("dedup", "appended")


def _identity(v: Any) -> Any:
    return v


def _jsonable(v: Any) -> bool:
    try:
        json.dumps(v)
        return True
    except (TypeError, ValueError):
        return False


def _meta_json(meta: dict[str, Any], dump: Callable[[Any], str] | None) -> Any:
    """``{k: v for k, v in meta.items() if jsonable(v)}``, serialised by ``dump`` (or as a dict when
    ``dump`` is None); the common case (everything serialisable) costs one encode."""
    if dump is None:
        return {k: v for k, v in meta.items() if _jsonable(v)}
    try:
        return dump(meta)
    except (TypeError, ValueError):
        return dump({k: v for k, v in meta.items() if _jsonable(v)})


def _norm_body(doc: Document) -> str:
    """``normalize_text(doc.body)``: the stages' cached ``doc.normalized()`` when there is one."""
    cached = doc.__dict__.get("_norm")
    if cached is not None and cached[0] is doc.body:
        return cached[1].text
    return normalize_text(doc.body)


class BatchRows:
    """Rows of every table for ``docs`` (distinct ids), with the ``seq`` each one gets."""

    __slots__ = ("documents", "actors", "mentions", "events", "quotes", "cited", "fts")

    def __init__(self, docs: list[Document], seqs: dict[str, int], now: str, *, json_text: bool,
                 with_fts: bool):
        dump_doc = _dump_ascii if json_text else _identity
        dump_ev = _dump_utf8 if json_text else None
        documents: list[tuple] = []
        actors: dict[str, tuple] = {}
        mentions: list[tuple] = []
        events: list[tuple] = []
        quotes: list[tuple] = []
        cited: list[tuple] = []
        fts: list[tuple] = []
        for doc in docs:
            did = doc.id
            body_norm = _norm_body(doc)
            title = doc.title
            title_norm = normalize_text(title) if title else None
            dd = doc.meta.get("dedup") or {}
            meta = {k: v for k, v in doc.meta.items() if k not in _SKIP_DOC_META}
            if json_text:
                meta_v = _meta_json(meta, dump_doc)
            else:
                meta_v = _meta_json(meta, None)
            published = doc.published
            documents.append((
                did, seqs[did], doc.input_id, doc.source, doc.url, doc.outlet, title,
                published.isoformat() if published else None, doc.language, doc.raw_format, doc.raw,
                doc.body, " ".join(body_norm.split()), " ".join(title_norm.split()) if title else None,
                dump_doc(list(doc.removed)), doc.appended_to, doc.duplicate_of,
                dump_doc([n.to_dict() for n in doc.near_duplicates]), dump_doc(list(doc.cited_sources)),
                dd.get("content_hash"), dd.get("minhash"), dump_doc(dict(doc.provenance)), meta_v, now,
            ))
            for a in doc.actors:
                aid = a.id
                actors[aid] = (aid, a.name, a.name_ar, a.kind, a.country, a.code)
                mentions.extend([(did, aid, m.start, m.end, m.text) for m in a.mentions])
            if doc.events:
                coder = next((k for k in doc.provenance if k.startswith("events.")), None)
                for i, e in enumerate(doc.events):
                    em = e.meta
                    events.append((
                        did, i, e.source, e.source_actor, e.target, e.target_actor, e.cameo, e.plover, e.mode,
                        float(e.goldstein), int(e.quad_class), e.date, bool(e.negated), bool(e.hypothetical),
                        e.sentence, e.start, e.end, em.get("coder") or coder, _meta_json(em, dump_ev),
                    ))
            quotes.extend([(did, i, q.speaker, q.speaker_country, q.text, q.start, q.end)
                           for i, q in enumerate(doc.quotes)])
            cited.extend([(did, c) for c in doc.cited_sources])
            if with_fts:
                tw = split_words(title_norm) if title else []
                bw = split_words(body_norm)
                fts.append((did, " ".join(tw), " ".join(bw), stems_of(tw + bw) if tw else stems_of(bw)))
        self.documents = documents
        self.actors = list(actors.values())
        self.mentions = mentions
        self.events = events
        self.quotes = quotes
        self.cited = cited
        self.fts = fts


def utc_now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
