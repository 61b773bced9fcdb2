"""The one document model every stage reads and annotates.

A :class:`Document` keeps the raw input verbatim, the cleaned ``body`` and layers of
annotations. Every annotation is a span ``(start, end)`` of character offsets into ``body``.
Stages add layers; they do not rewrite the layers of earlier stages.

``Document.to_dict()`` is the public JSON contract (see ``docs/contract.md`` and
``rasd/schema/document.schema.json``).
"""
from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Span:
    """A stretch of ``body``: ``body[start:end] == text``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Actor:
    """A canonical actor seen in a document, with every mention of it."""

    name: str
    kind: str  # person | country | organization | city | group
    name_ar: str | None = None
    country: str | None = None
    code: str | None = None
    key: str | None = None  # stable id of the KB entry (defaults to name)
    mentions: list[Span] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # not in the contract (e.g. how resolved)

    @property
    def id(self) -> str:
        return self.key or self.name

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "name_ar": self.name_ar,
            "kind": self.kind,
            "country": self.country,
            "code": self.code,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(slots=True)
class Event:
    """A coded event: who did what to whom, when, in which sentence."""

    cameo: str
    plover: str
    goldstein: float
    quad_class: int
    sentence: str
    start: int
    end: int
    source: str | None = None
    source_actor: str | None = None
    target: str | None = None
    target_actor: str | None = None
    mode: str | None = None
    date: str | None = None
    negated: bool = False
    hypothetical: bool = False
    meta: dict[str, Any] = field(default_factory=dict)  # trigger, date precision, coder version …

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_actor": self.source_actor,
            "target": self.target,
            "target_actor": self.target_actor,
            "cameo": self.cameo,
            "plover": self.plover,
            "mode": self.mode,
            "goldstein": float(self.goldstein),
            "quad_class": int(self.quad_class),
            "date": self.date,
            "negated": bool(self.negated),
            "hypothetical": bool(self.hypothetical),
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_country: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "speaker_country": self.speaker_country,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class NearDuplicate:
    id: str
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "similarity": round(float(self.similarity), 4)}


def make_id(*parts: str | None) -> str:
    """Stable 16-hex id from the parts that identify an input."""
    h = hashlib.sha256()
    for p in parts:
        h.update((p or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]


@dataclass
class Document:
    """One article. ``raw`` is the verbatim input; ``body`` the cleaned text."""

    id: str
    raw: str
    raw_format: str = "text"  # text | html
    body: str = ""
    input_id: str | None = None
    source: str | None = None  # where it came from: file path, "stdin", URL
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: _dt.date | None = None
    language: str = "und"
    removed: list[str] = field(default_factory=list)
    appended_to: str | None = None
    duplicate_of: str | None = None
    near_duplicates: list[NearDuplicate] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    cited_sources: list[str] = field(default_factory=list)
    # provenance: stage name -> version string, in the order the stages ran
    provenance: dict[str, str] = field(default_factory=dict)
    # free metadata from ingest and cleaning (encoding, extractor, date evidence, …)
    meta: dict[str, Any] = field(default_factory=dict)
    # documents split off this one (appended "read also" articles); the pipeline runs them too
    spawned: list["Document"] = field(default_factory=list)
    # layers assigned so far (checked by the pipeline)
    layers: set[str] = field(default_factory=set)

    @classmethod
    def from_input(
        cls,
        *,
        text: str | None = None,
        html: str | None = None,
        input_id: str | None = None,
        source: str | None = None,
        url: str | None = None,
        outlet: str | None = None,
        title: str | None = None,
        published: str | _dt.date | None = None,
        meta: dict[str, Any] | None = None,
    ) -> "Document":
        if (text is None) == (html is None):
            raise ValueError("give exactly one of text= or html=")
        raw = text if text is not None else html
        assert raw is not None
        fmt = "text" if text is not None else "html"
        doc = cls(
            id=make_id(input_id, url, outlet, raw),
            raw=raw,
            raw_format=fmt,
            body=raw if fmt == "text" else "",
            input_id=input_id,
            source=source,
            url=url,
            outlet=outlet,
            title=title,
            published=parse_iso_date(published),
            meta=dict(meta or {}),
        )
        if doc.published is not None:
            doc.meta.setdefault("published_from", "input")
        return doc

    # -- helpers for stages -------------------------------------------------
    def normalized(self):
        """``rasd.normalize.normalize(self.body)``, computed once per body and shared by stages."""
        cached = self.__dict__.get("_norm")
        if cached is not None and cached[0] is self.body:
            return cached[1]
        from .normalize import normalize

        nt = normalize(self.body)
        self.__dict__["_norm"] = (self.body, nt)
        return nt

    def actor_by_id(self, key: str) -> Actor | None:
        for a in self.actors:
            if a.id == key:
                return a
        return None

    def to_dict(self) -> dict[str, Any]:
        """The public JSON contract, field names exactly as documented."""
        return {
            "id": self.id,
            "input_id": self.input_id,
            "source": self.source,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "body": self.body,
            "removed": list(self.removed),
            "appended_to": self.appended_to,
            "duplicate_of": self.duplicate_of,
            "near_duplicates": [n.to_dict() for n in self.near_duplicates],
            "actors": [a.to_dict() for a in self.actors],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "cited_sources": list(self.cited_sources),
        }


def parse_iso_date(value: str | _dt.date | _dt.datetime | None) -> _dt.date | None:
    """Parse an ISO date (``YYYY-MM-DD``, optionally with a time part) or pass a date through."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    s = str(value).strip()
    try:
        return _dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    try:
        return _dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise ValueError(f"published date {value!r} is not an ISO date (YYYY-MM-DD)") from exc
