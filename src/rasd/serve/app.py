"""The FastAPI application: JSON API under ``/api`` and the dashboard, over one store."""
from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from ..store import Store
from .eventindex import EventIndex

DEFAULT_MAX_INGEST_BYTES = 5 * 1024 * 1024

# what the browser may load: our own scripts and styles only (plotly sets inline styles)
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class ResultCache:
    """Small LRU of computed results, valid while the store's data version is unchanged."""

    def __init__(self, index: EventIndex, size: int = 256, enabled: bool = True):
        self.index = index
        self.size = size
        self.enabled = enabled
        self._d: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any, fn: Callable[[], Any]) -> Any:
        if not self.enabled:
            return fn()
        version = self.index.version()
        with self._lock:
            hit = self._d.get(key)
            if hit is not None and hit[0] == version:
                self._d.move_to_end(key)
                return hit[1]
        value = fn()
        with self._lock:
            self._d[key] = (version, value)
            self._d.move_to_end(key)
            while len(self._d) > self.size:
                self._d.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._d.clear()


def plotly_js_path() -> Path:
    """``plotly.min.js`` shipped inside the installed plotly package (never a CDN)."""
    try:
        p = resources.files("plotly").joinpath("package_data", "plotly.min.js")
    except ModuleNotFoundError as exc:  # pragma: no cover - plotly is in the [serve] extra
        raise RuntimeError("the dashboard needs plotly: pip install 'rasd[serve]'") from exc
    return Path(str(p))


def create_app(store: Store | str | Path, *, token: str | None = None, cache: bool = True,
               index: bool = True, max_ingest_bytes: int = DEFAULT_MAX_INGEST_BYTES):
    """The HTTP API and dashboard over ``store`` (a :class:`Store`, a path or a URL).

    ``token`` enables ``POST /api/ingest`` for requests carrying it (off without it);
    ``cache`` keeps computed aggregates until the store changes; ``index`` answers event filters,
    timelines and networks from an in-memory columnar snapshot (``False``: plain SQL)."""
    from fastapi import FastAPI, Request
    from fastapi.responses import FileResponse
    from fastapi.staticfiles import StaticFiles

    from . import api, web

    if not isinstance(store, Store):
        store = Store(store)
    @contextlib.asynccontextmanager
    async def lifespan(app):
        if app.state.index is not None:  # build the event snapshot in the background
            threading.Thread(target=app.state.index.snapshot, daemon=True).start()
        yield
        app.state.versions.close()

    app = FastAPI(
        lifespan=lifespan, title="rasd", version=_version(),
        description="Arabic-first news event intelligence: documents, actors, events, timeline, network.",
        openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,  # the Swagger UI loads from a CDN
    )
    app.state.store = store
    app.state.token = token or None
    app.state.max_ingest_bytes = int(max_ingest_bytes)
    app.state.index = EventIndex(store) if index else None
    app.state.versions = app.state.index or EventIndex(store)
    app.state.cache = ResultCache(app.state.versions, enabled=cache)
    app.state.ingest_lock = threading.Lock()

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    plotly_js = plotly_js_path()

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_min_js():
        return FileResponse(plotly_js, media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    static_dir = Path(str(resources.files("rasd.serve").joinpath("static")))
    app.mount("/static", StaticFiles(directory=static_dir), name="static")
    app.include_router(api.router, prefix="/api")
    app.include_router(web.router)
    return app


def run(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Serve ``db`` with uvicorn (loopback by default) and print the dashboard's URL."""
    import uvicorn

    app = create_app(db, token=token)
    shown = f"[{host}]" if ":" in host else host
    print(f"rasd dashboard: http://{shown}:{port}/  (API: http://{shown}:{port}/api/openapi.json)", flush=True)
    if token:
        print("ingest: POST /api/ingest enabled for requests carrying the token", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _version() -> str:
    try:
        from .. import __version__
        return __version__
    except ImportError:  # pragma: no cover
        return "0"
