"""HTTP API and Arabic/English dashboard over a store.

    from rasd.serve import create_app, run
    app = create_app(rasd.open_store("demo.db"))      # FastAPI app (OpenAPI at /api/openapi.json)
    run("demo.db", host="127.0.0.1", port=8000)       # prints the URL, runs uvicorn

Needs the ``serve`` extra (fastapi, uvicorn, jinja2, plotly).
"""
from __future__ import annotations

__all__ = ["create_app", "run"]


def create_app(store, *, token: str | None = None, **kw):
    from .app import create_app as _create

    return _create(store, token=token, **kw)


def run(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    from .app import run as _run

    _run(db, host=host, port=port, token=token)
