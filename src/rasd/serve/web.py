"""The dashboard: server-rendered pages (Jinja2, autoescaped), Arabic by default, English on ``?lang=en``."""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..store import queries as Q
from . import i18n
from .api import DATE, _factual, event_filter, service
from .render import event_anchor, layout, safe_url, segments
from .service import Service

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(str(resources.files("rasd.serve").joinpath("templates"))))
assert templates.env.autoescape  # every value is escaped; never mark untrusted text safe

LANG_COOKIE = "rasd_lang"


class Page:
    """What every template gets: labels, language, direction and helpers."""

    def __init__(self, request: Request, svc: Service, lang: str):
        self.request = request
        self.lang = lang
        self.t = i18n.labels(lang)
        self.dir = self.t["dir"]
        self.names = i18n.Names(svc.names(), lang)

    def url(self, path: str, **params: Any) -> str:
        """A link inside the dashboard keeping the language."""
        q = {k: v for k, v in params.items() if v is not None and v != ""}
        q["lang"] = self.lang
        return path + "?" + urlencode(q)

    def actor_url(self, actor_id: str | None) -> str | None:
        return self.url("/actors/" + quote(actor_id, safe="")) if actor_id else None

    def doc_url(self, doc_id: str, start: int | None = None, end: int | None = None) -> str:
        u = self.url("/documents/" + quote(doc_id, safe=""))
        return u + ("#" + event_anchor(start, end) if start is not None and end is not None else "")

    def toggle_url(self) -> str:
        params = [(k, v) for k, v in self.request.query_params.multi_items() if k != "lang"]
        params.append(("lang", self.t["other_lang"]))
        return self.request.url.path + "?" + urlencode(params)

    def date(self, value: str | None) -> str:
        return i18n.format_date(value, self.lang)

    def quad(self, q: Any) -> str:
        return i18n.quad_label(q, self.lang)

    def plover(self, p: str | None) -> str:
        return i18n.plover_label(p, self.lang)

    def actor(self, name: str | None, code: str | None = None) -> str:
        return self.names.label(name, code)

    def actor_link(self, name: str | None, code: str | None = None) -> str | None:
        return self.actor_url(self.names.actor_id(name, code))

    def kind(self, k: str | None) -> str:
        return self.t.get(f"kind_{k}", k or "")


def _lang(request: Request, lang: Optional[str] = Query(None, pattern="^(ar|en)$")) -> str:
    return i18n.pick_lang(lang, request.cookies.get(LANG_COOKIE))


def render(request: Request, svc: Service, lang: str, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    page = Page(request, svc, lang)
    resp = templates.TemplateResponse(request, name, {"p": page, "t": page.t, **ctx}, status_code=status)
    if request.query_params.get("lang") in i18n.LANGS:
        resp.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return resp


def _timeline_chart(p_lang: str, tl: dict[str, Any]) -> dict[str, Any]:
    cat = i18n.catalog()
    return {
        "kind": "timeline", "buckets": tl["buckets"],
        # axis labels in the page's language (plotly would write English month names)
        "labels": [i18n.bucket_label(b, p_lang) for b in tl["buckets"]],
        "series": [{"key": k, "name": i18n.quad_label(k, p_lang), "color": cat["quad_colors"].get(k, "#888"),
                    "counts": v} for k, v in tl["series"].items()],
        "dir": cat[p_lang]["dir"],
    }


def _network_chart(page: Page, net: dict[str, Any], max_nodes: int = 60) -> dict[str, Any]:
    nodes = net["nodes"][:max_nodes]
    keep = {n["id"] for n in nodes}
    edges = [e for e in net["edges"] if e["source"] in keep and e["target"] in keep]
    # undirected for drawing: merge a→b and b→a
    merged: dict[tuple[str, str], dict[str, int]] = {}
    for e in edges:
        key = tuple(sorted((e["source"], e["target"])))
        m = merged.setdefault(key, {"cooperation": 0, "conflict": 0, "count": 0})
        for k in m:
            m[k] += e[k]
    pos = layout([n["id"] for n in nodes], [(a, b, m["count"]) for (a, b), m in merged.items()])
    return {
        "kind": "network",
        "nodes": [{"x": pos[n["id"]][0], "y": pos[n["id"]][1], "label": page.actor(n["id"]),
                   "weight": n["weight"], "url": page.actor_url(n["actor_id"]) or page.url("/events", actor=n["id"])}
                  for n in nodes],
        "edges": [{"x0": pos[a][0], "y0": pos[a][1], "x1": pos[b][0], "y1": pos[b][1],
                   "cooperation": m["cooperation"], "conflict": m["conflict"], "count": m["count"],
                   "label": f"{page.actor(a)} – {page.actor(b)}: {page.t['cooperation']} {m['cooperation']}, "
                            f"{page.t['conflict']} {m['conflict']}"}
                  for (a, b), m in merged.items()],
    }


# -- pages -------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def overview(request: Request, interval: str = Query("week", pattern="^(day|week|month)$"),
             lang: str = Depends(_lang), svc: Service = Depends(service)):
    ov = svc.overview()
    tl = svc.timeline(Q.EventFilter(), interval=interval, by="quad")
    return render(request, svc, lang, "overview.html", ov=ov, interval=interval,
                  chart=_timeline_chart(lang, tl), nav="overview")


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, f: Q.EventFilter = Depends(event_filter), after: Optional[int] = Query(None),
           limit: int = Query(50, ge=1, le=500), lang: str = Depends(_lang), svc: Service = Depends(service)):
    page = svc.events_page(f, after=after, limit=limit)
    total = svc.count_events(f)
    fp = f.params()
    return render(request, svc, lang, "events.html", f=f, fp=fp, page=page, total=total, after=after,
                  limit=limit, plover_types=list(i18n.catalog()["plover"]["en"]), nav="events",
                  csv_url="/api/events?" + urlencode({**fp, "format": "csv"}),
                  jsonl_url="/api/events?" + urlencode({**fp, "format": "jsonl"}))


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, f: Q.EventFilter = Depends(event_filter), limit: int = Query(150, ge=1, le=2000),
            lang: str = Depends(_lang), svc: Service = Depends(service)):
    net = svc.network(_factual(f, False), limit=limit)
    page = Page(request, svc, lang)
    return render(request, svc, lang, "network.html", f=f, fp=f.params(), net=net,
                  chart=_network_chart(page, net), plover_types=list(i18n.catalog()["plover"]["en"]), nav="network")


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, outlet: Optional[str] = Query(None, max_length=255),
              since: Optional[str] = Query(None, pattern=DATE), until: Optional[str] = Query(None, pattern=DATE),
              after: Optional[int] = Query(None), lang: str = Depends(_lang), svc: Service = Depends(service)):
    page = Q.documents_page(svc.store, outlet=outlet, since=since, until=until, after=after, limit=50)
    return render(request, svc, lang, "documents.html", page=page, outlet=outlet, since=since, until=until,
                  nav="documents")


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def reader(request: Request, doc_id: str, lang: str = Depends(_lang), svc: Service = Depends(service)):
    doc = svc.store.get(doc_id)
    if doc is None:
        return render(request, svc, lang, "not_found.html", status=404, what=doc_id)
    group = Q.duplicate_group(svc.store, doc)
    return render(request, svc, lang, "reader.html", doc=doc, segs=segments(doc), group=group,
                  url=safe_url(doc.get("url")), anchor=event_anchor, nav="documents")


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, q: Optional[str] = Query(None, max_length=200), kind: Optional[str] = Query(None, max_length=32),
           lang: str = Depends(_lang), svc: Service = Depends(service)):
    rows = svc.actors(limit=200, kind=kind or None, q=q or None)
    return render(request, svc, lang, "actors.html", rows=rows, q=q, kind=kind, nav="actors")


@router.get("/actors/{actor_id:path}", response_class=HTMLResponse)
def actor(request: Request, actor_id: str, lang: str = Depends(_lang), svc: Service = Depends(service)):
    d = Q.actor_detail(svc.store, actor_id)
    if d is None:
        return render(request, svc, lang, "not_found.html", status=404, what=actor_id)
    tl = svc.timeline(Q.EventFilter(actor_id=d["actor"]["id"]), interval="month", by="quad")
    return render(request, svc, lang, "actor.html", d=d, a=d["actor"], chart=_timeline_chart(lang, tl), nav="actors")


@router.get("/outlets", response_class=HTMLResponse)
def outlets(request: Request, lang: str = Depends(_lang), svc: Service = Depends(service)):
    return render(request, svc, lang, "outlets.html", o=svc.outlets(), nav="outlets")


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Optional[str] = Query(None, max_length=500), lang: str = Depends(_lang),
           svc: Service = Depends(service)):
    results, found_actors = [], []
    if q and q.strip():
        results = [dict(r, parts=_snippet_parts(r["snippet"])) for r in svc.store.search(q, limit=50)]
        found_actors = svc.store.actor_summary(limit=10, query=q.strip())
    return render(request, svc, lang, "search.html", q=q or "", results=results, found_actors=found_actors,
                  nav="search")


def _snippet_parts(snippet: str) -> tuple[str, str, str]:
    """The store's snippet marks the hit as `` [hit] ``: split it so the template can highlight it."""
    a = snippet.find(" [")
    b = snippet.find("] ", a + 2) if a >= 0 else -1
    if a < 0 or b < 0:
        return snippet, "", ""
    return snippet[:a + 1], snippet[a + 2:b], snippet[b + 1:]
