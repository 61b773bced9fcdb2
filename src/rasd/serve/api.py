"""The JSON API (``/api/...``), published as OpenAPI at ``/api/openapi.json``."""
from __future__ import annotations

import csv
import hmac
import io
import json
from typing import Any, Iterator, Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from ..store import queries as Q
from .service import Service

router = APIRouter()

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_PAGE = 1000


def service(request: Request) -> Service:
    return Service(request.app.state)


def event_filter(
    actor: Optional[str] = Query(None, max_length=200, description="Country code (exact) or part of an actor's canonical name"),
    actor_id: Optional[str] = Query(None, max_length=255, description="An actor id: events whose source or target is exactly it"),
    country: Optional[str] = Query(None, max_length=16, pattern=r"^[A-Za-z]{2,16}$", description="Source or target country code"),
    type: Optional[str] = Query(None, max_length=32, pattern=r"^[A-Za-z_]+$", description="PLOVER event type"),
    cameo: Optional[str] = Query(None, max_length=8, pattern=r"^[0-9]{1,4}$", description="CAMEO code or prefix"),
    quad: Optional[int] = Query(None, ge=1, le=4, description="Quad class: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict"),
    since: Optional[str] = Query(None, pattern=DATE, description="Earliest date (YYYY[-MM[-DD]])"),
    until: Optional[str] = Query(None, pattern=DATE, description="Latest date (YYYY[-MM[-DD]])"),
    outlet: Optional[str] = Query(None, max_length=255, description="Part of the outlet name"),
    negated: Optional[bool] = Query(None),
    hypothetical: Optional[bool] = Query(None),
    doc_id: Optional[str] = Query(None, max_length=64),
) -> Q.EventFilter:
    return Q.EventFilter(actor=actor or None, actor_id=actor_id or None, country=country or None,
                         type=type or None, cameo=cameo or None, quad=quad, since=since or None,
                         until=until or None, outlet=outlet or None, negated=negated,
                         hypothetical=hypothetical, doc_id=doc_id or None)


@router.get("/health", summary="Liveness")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/stats", summary="Counts of documents, actors, mentions, events, quotes, duplicates")
def stats(svc: Service = Depends(service)) -> dict[str, int]:
    return svc.store.stats()


@router.get("/overview", summary="Counts, latest events and top actors")
def overview(svc: Service = Depends(service)) -> dict[str, Any]:
    return svc.overview()


# -- documents --------------------------------------------------------------------
@router.get("/documents", summary="Documents, newest first, filtered; paginate with `after` = `next`")
def documents(
    outlet: Optional[str] = Query(None, max_length=255),
    since: Optional[str] = Query(None, pattern=DATE),
    until: Optional[str] = Query(None, pattern=DATE),
    language: Optional[str] = Query(None, max_length=16),
    duplicates: Optional[bool] = Query(None, description="true: only duplicates; false: no duplicates"),
    actor_id: Optional[str] = Query(None, max_length=255, description="Documents mentioning this actor"),
    after: Optional[int] = Query(None, description="Cursor: the `next` of the previous page"),
    limit: int = Query(50, ge=1, le=MAX_PAGE),
    svc: Service = Depends(service),
) -> dict[str, Any]:
    return Q.documents_page(svc.store, outlet=outlet, since=since, until=until, language=language,
                            duplicates=duplicates, actor_id=actor_id, after=after, limit=limit)


@router.get("/documents/{doc_id}", summary="One document with its annotations and duplicate group")
def document(doc_id: str, svc: Service = Depends(service)) -> dict[str, Any]:
    doc = svc.store.get(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    doc["duplicate_group"] = Q.duplicate_group(svc.store, doc)
    return doc


# -- actors -----------------------------------------------------------------------
@router.get("/actors", summary="Actors by number of documents, with spellings seen")
def actors(
    q: Optional[str] = Query(None, max_length=200, description="Part of a name (Arabic or English), code or id"),
    kind: Optional[str] = Query(None, max_length=32),
    limit: int = Query(50, ge=1, le=MAX_PAGE),
    svc: Service = Depends(service),
) -> list[dict[str, Any]]:
    return svc.actors(limit=limit, kind=kind, q=q)


@router.get("/actors/{actor_id:path}", summary="One actor: events as source/target, counterparts, quotes, spellings")
def actor(actor_id: str, svc: Service = Depends(service)) -> dict[str, Any]:
    d = Q.actor_detail(svc.store, actor_id)
    if d is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return d


# -- events -----------------------------------------------------------------------
EXPORT_FIELDS = ["event_id", "doc_id", "date", "published", "source", "source_actor", "target", "target_actor",
                 "cameo", "plover", "mode", "quad_class", "goldstein", "negated", "hypothetical", "outlet",
                 "title", "url", "sentence", "start", "end", "coder"]


def _csv_cell(v: Any) -> Any:
    # cells an office suite would run as formulas get a leading apostrophe (untrusted text)
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v


def _csv_stream(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(EXPORT_FIELDS)
    n = 0
    for r in rows:
        w.writerow([_csv_cell(r.get(k)) for k in EXPORT_FIELDS])
        n += 1
        if n % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _jsonl_stream(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    for r in rows:
        yield json.dumps(r, ensure_ascii=False) + "\n"


@router.get("/events", summary="Events filtered; JSON pages with cursors, or the whole filter as CSV/JSONL")
def events(
    f: Q.EventFilter = Depends(event_filter),
    after: Optional[int] = Query(None, description="Cursor: the `next` of the previous page"),
    limit: int = Query(100, ge=1, le=MAX_PAGE, description="Page size (JSON); downloads have no cap"),
    format: Literal["json", "csv", "jsonl"] = Query("json"),
    svc: Service = Depends(service),
):
    if format == "json":
        page = svc.events_page(f, after=after, limit=limit)
        page["total"] = svc.count_events(f) if after is None else None
        return page
    rows = svc.iter_events(f)
    if format == "csv":
        return StreamingResponse(_csv_stream(rows), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="rasd-events.csv"'})
    return StreamingResponse(_jsonl_stream(rows), media_type="application/x-ndjson; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="rasd-events.jsonl"'})


# -- search, timeline, network, outlets ----------------------------------------------
@router.get("/search", summary="Full-text search over normalised titles and bodies, and matching actors")
def search(
    q: str = Query(..., min_length=1, max_length=500),
    limit: int = Query(20, ge=1, le=200),
    svc: Service = Depends(service),
) -> dict[str, Any]:
    return {"query": q, "documents": svc.store.search(q, limit=limit),
            "actors": svc.store.actor_summary(limit=10, query=q.strip())}


@router.get("/timeline", summary="Event counts per day/week/month by PLOVER type or quad class")
def timeline(
    f: Q.EventFilter = Depends(event_filter),
    interval: Literal["day", "week", "month"] = Query("day"),
    by: Literal["quad", "plover"] = Query("quad"),
    svc: Service = Depends(service),
) -> dict[str, Any]:
    return svc.timeline(f, interval=interval, by=by)


@router.get("/network", summary="Actor pairs with cooperation/conflict weights over a filter")
def network(
    f: Q.EventFilter = Depends(event_filter),
    limit: int = Query(100, ge=1, le=5000, description="The heaviest pairs"),
    min_count: int = Query(1, ge=1),
    include_uncertain: bool = Query(False, description="Also count negated and hypothetical events"),
    svc: Service = Depends(service),
) -> dict[str, Any]:
    return svc.network(_factual(f, include_uncertain), limit=limit, min_count=min_count)


def _factual(f: Q.EventFilter, include_uncertain: bool) -> Q.EventFilter:
    """The network counts what happened: negated and hypothetical events only when asked."""
    if include_uncertain:
        return f
    return f.replace(negated=False if f.negated is None else f.negated,
                     hypothetical=False if f.hypothetical is None else f.hypothetical)


@router.get("/outlets", summary="Documents and events per outlet; sources cited in the articles")
def outlets(svc: Service = Depends(service)) -> dict[str, Any]:
    return svc.outlets()


# -- ingest -------------------------------------------------------------------------
def _token_ok(request: Request, expected: str) -> bool:
    given = request.headers.get("x-rasd-token")
    auth = request.headers.get("authorization", "")
    if given is None and auth[:7].lower() == "bearer ":
        given = auth[7:].strip()
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@router.post("/ingest", summary="Analyse and store documents posted as JSONL (needs the server's token)",
             responses={401: {"description": "missing or wrong token"}, 403: {"description": "ingest disabled"},
                        413: {"description": "request too large"}})
async def ingest(request: Request):
    """Body: JSONL, one object per line (``text`` or ``html``, optional ``id``, ``url``, ``published``,
    ``outlet``, ``title``). Send the token as ``Authorization: Bearer <token>`` or ``X-Rasd-Token``."""
    state = request.app.state
    if not state.token:
        return JSONResponse({"detail": "ingest is disabled: start `rasd serve` with --token (or RASD_TOKEN)"},
                            status_code=403)
    if not _token_ok(request, state.token):
        return JSONResponse({"detail": "missing or wrong token"}, status_code=401,
                            headers={"WWW-Authenticate": "Bearer"})
    limit = state.max_ingest_bytes
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                return JSONResponse({"detail": f"request larger than {limit} bytes"}, status_code=413)
        except ValueError:
            return JSONResponse({"detail": "bad Content-Length"}, status_code=400)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return JSONResponse({"detail": f"request larger than {limit} bytes"}, status_code=413)
        chunks.append(chunk)
    try:
        text = b"".join(chunks).decode("utf-8-sig")
    except UnicodeDecodeError:
        return JSONResponse({"detail": "the body must be UTF-8 JSONL"}, status_code=400)
    if not text.strip():
        return JSONResponse({"detail": "empty body: send JSONL, one document per line"}, status_code=400)
    summary = await run_in_threadpool(_ingest_sync, state, text)
    return summary


def _ingest_sync(state, text: str) -> dict[str, Any]:
    from ..api import analyze_into
    from ..ingest.readers import read_jsonl_lines

    with state.ingest_lock:
        items = read_jsonl_lines(text.splitlines(), source="<ingest>")
        ids: list[str] = []
        summary = analyze_into(items, state.store, on_document=lambda d: ids.append(d.id))
        Service(state).after_write()
    return {"documents": summary.documents, "duplicates": summary.duplicates, "events": summary.events,
            "actors": summary.actors, "quotes": summary.quotes, "errors": summary.errors, "ids": ids}
