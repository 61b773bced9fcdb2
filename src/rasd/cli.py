"""The `rasd` command: a thin layer over the Python API (rasd.api, rasd.store)."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .api import Options, analyze_into
from .errors import RasdError

app = typer.Typer(
    name="rasd",
    help="rasd (رصد) — Arabic-first news event intelligence: clean, dedupe, find actors and events, "
         "store, search and export.\n\nExample: rasd analyze articles/ && rasd events --actor RUS",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

DB_HELP = "Store: a SQLite file (default ./rasd.db, or $RASD_DB) or a database URL (postgresql://…)."


def _db_default() -> str:
    return os.environ.get("RASD_DB", "rasd.db")


def _open(db: str):
    from .store import Store

    try:
        return Store(db)
    except RasdError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(2)


def _emit_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


@app.command()
def analyze(
    paths: List[str] = typer.Argument(..., help="Files or folders (recursively: .txt .html .htm .jsonl); '-' reads stdin."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    jsonl: Optional[str] = typer.Option(None, "--jsonl", help="Also write the contract, one JSON object per document, to this file ('-' = stdout)."),
    no_store: bool = typer.Option(False, "--no-store", help="Do not write to the store (with --jsonl)."),
    config: Optional[Path] = typer.Option(None, "--config", help="A TOML file merged over the packaged default configuration."),
    disable: List[str] = typer.Option([], "--disable", help="Switch off a stage or family (e.g. events.code); repeatable."),
    enable: List[str] = typer.Option([], "--enable", help="Switch on a stage the configuration has off by default (e.g. events.classify); repeatable."),
    actors: List[Path] = typer.Option([], "--actors", help="Your own actor entries (YAML/TSV) added to or overriding the KB; repeatable."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
):
    """Analyse news articles and store them.

    Examples:

      rasd analyze articles/                      # every .txt/.html/.jsonl below articles/ into ./rasd.db

      rasd analyze feed.jsonl --jsonl out.jsonl   # also write the JSON contract

      cat a.txt | rasd analyze - --jsonl - --no-store
    """
    db = db or _db_default()
    opts = Options(config=config, disable=list(disable), enable=list(enable), actor_files=list(actors))
    store = None if no_store else _open(db)
    sink = None
    if jsonl == "-":
        sink = sys.stdout
    elif jsonl:
        sink = open(jsonl, "w", encoding="utf-8")
    from .ingest import iter_inputs

    show_progress = not quiet and err.is_terminal
    progress = Progress(SpinnerColumn(), TextColumn("[bold]analysing[/bold]"), BarColumn(),
                        TextColumn("{task.completed} documents"), TimeElapsedColumn(),
                        console=err, transient=True, disable=not show_progress)

    def on_doc(doc):
        progress.advance(task)
        if sink is not None:
            sink.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")

    def on_error(e: RasdError):
        err.print(f"error: {e}", markup=False)

    try:
        with progress:
            task = progress.add_task("analyse", total=None)
            summary = analyze_into(iter_inputs(paths), store, options=opts, on_error=on_error, on_document=on_doc)
    except RasdError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2)
    finally:
        if sink is not None and sink is not sys.stdout:
            sink.close()
        if store is not None:
            store.close()
    target = err if jsonl == "-" else out
    target.print(summary.line(), markup=False)
    if summary.errors:
        raise typer.Exit(1)


@app.command()
def search(
    query: str = typer.Argument(..., help="Words (all must occur) or a \"quoted phrase\"; spelling variants, diacritics and clitics are folded."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    limit: int = typer.Option(20, "--limit", "-n"),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per hit."),
):
    """Full-text search over the stored articles.

    Examples:

      rasd search "الأمم المتحدة"      # also finds الامم المتحده and الأمـم المتّحدة

      rasd search روسيا --json
    """
    store = _open(db or _db_default())
    hits = store.search(query, limit=limit)
    if as_json:
        for h in hits:
            _emit_json(h)
        return
    if not hits:
        out.print("no documents match", markup=False)
        raise typer.Exit(0)
    for h in hits:
        head = " · ".join(x for x in (h["id"], h["published"], h["outlet"], h["title"]) if x)
        out.print(head, style="bold", markup=False)
        out.print("  " + h["snippet"], markup=False)


@app.command()
def show(
    doc_id: str = typer.Argument(..., help="A document id (or a unique prefix of one, or its input id)."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(True, "--json/--text", help="The contract object (default) or a readable view."),
):
    """Show one stored document with its annotations.

    Examples:

      rasd show 3fa2c1d9          # a unique id prefix is enough

      rasd show 3fa2c1d9 --text
    """
    store = _open(db or _db_default())
    d = store.get(doc_id)
    if d is None:
        err.print(f"error: no document {doc_id!r} in {store.url}", markup=False)
        raise typer.Exit(1)
    if as_json:
        sys.stdout.write(json.dumps(d, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(f"{d['id']}  {d['published'] or ''}  {d['outlet'] or ''}", style="bold", markup=False)
    if d["title"]:
        out.print(d["title"], style="bold", markup=False)
    out.print(d["body"], markup=False)
    out.print(f"\nactors: {', '.join(a['name'] for a in d['actors']) or '-'}", markup=False)
    for e in d["events"]:
        out.print(f"event: {e['source'] or '?'} {e['plover']} ({e['cameo']}) {e['target'] or '?'} {e['date'] or ''}", markup=False)
    for q in d["quotes"]:
        out.print(f"quote: {q['speaker'] or '?'}: {q['text']}", markup=False)
    if d["removed"]:
        out.print(f"removed: {len(d['removed'])} lines", markup=False)


@app.command("actors")
def actors_cmd(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    limit: int = typer.Option(30, "--limit", "-n"),
    kind: Optional[str] = typer.Option(None, "--kind", help="person | country | organization | city | group"),
    query: Optional[str] = typer.Option(None, "--query", "-q", help="Only actors whose name/code contains this."),
    as_json: bool = typer.Option(False, "--json"),
):
    """List actors by number of documents, with mention counts and the spellings seen.

    Examples:

      rasd actors -n 10

      rasd actors --kind person --json
    """
    store = _open(db or _db_default())
    rows = store.actor_summary(limit=limit, kind=kind, query=query)
    if as_json:
        for r in rows:
            _emit_json(r)
        return
    t = Table("actor", "kind", "code", "docs", "mentions", "spellings seen")
    for r in rows:
        t.add_row(r["name"], r["kind"], r["code"] or r["country"] or "", str(r["documents"]), str(r["mentions"]),
                  "، ".join(s["text"] for s in r["spellings"][:6]))
    out.print(t)


def _event_filters(actor, type_, cameo, since, until, outlet, country):
    return dict(actor=actor, type=type_, cameo=cameo, since=since, until=until, outlet=outlet, country=country)


@app.command()
def events(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    actor: Optional[str] = typer.Option(None, "--actor", help="Actor code (RUS) or name (Putin) as source or target."),
    country: Optional[str] = typer.Option(None, "--country", help="Country code as source or target."),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER type, e.g. CONSULT, ACCUSE, ASSAULT."),
    cameo: Optional[str] = typer.Option(None, "--cameo", help="CAMEO code or prefix, e.g. 04 or 042."),
    since: Optional[str] = typer.Option(None, "--since", help="YYYY[-MM[-DD]] (event date, else publication date)."),
    until: Optional[str] = typer.Option(None, "--until", help="YYYY[-MM[-DD]]"),
    outlet: Optional[str] = typer.Option(None, "--outlet"),
    limit: int = typer.Option(50, "--limit", "-n"),
    latest: bool = typer.Option(False, "--latest", help="Newest first (event date, else publication date)."),
    as_json: bool = typer.Option(False, "--json"),
):
    """List coded events (who did what to whom, when), filtered.

    Examples:

      rasd events --actor RUS --type CONSULT

      rasd events --latest -n 20

      rasd events --since 2024-06 --until 2024-06-30 --json
    """
    store = _open(db or _db_default())
    rows = store.query_events(**_event_filters(actor, type_, cameo, since, until, outlet, country), limit=limit,
                              latest=latest)
    if as_json:
        for r in rows:
            _emit_json(r)
        return
    t = Table("date", "source", "event", "target", "flags", "outlet", "doc")
    for r in rows:
        flags = ",".join(f for f, on in (("neg", r["negated"]), ("hyp", r["hypothetical"])) if on)
        t.add_row(r["date"] or r["published"] or "", r["source_actor"] or r["source"] or "?",
                  f"{r['plover']} {r['cameo']}", r["target_actor"] or r["target"] or "?", flags,
                  r["outlet"] or "", r["doc_id"][:10])
    out.print(t)


@app.command()
def export(
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl | csv | parquet | gdelt | plover"),
    table: str = typer.Option("events", "--table", "-t", help="events | documents | actors | mentions | quotes | cited_sources"),
    output: Optional[str] = typer.Option(None, "--out", "-o", help="Output file (default rasd-<table>.<ext>; '-' = stdout for text formats)."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
):
    """Export a table of the store.

    `--format jsonl --table documents` writes the full contract objects; gdelt writes a GDELT 2.0
    event-table-style TSV and plover a POLECAT/PLOVER-style JSONL (both of events).

    Examples:

      rasd export --format parquet --table events

      rasd export --format csv --table documents -o docs.csv

      rasd export --format gdelt -o events.tsv
    """
    from .export import export_table

    store = _open(db or _db_default())
    try:
        path, n = export_table(store, table=table, fmt=format, output=output)
    except RasdError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2)
    err.print(f"{n} rows → {path}", markup=False)


@app.command()
def serve(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
    port: int = typer.Option(8000, "--port"),
    token: Optional[str] = typer.Option(None, "--token", envvar="RASD_TOKEN",
                                        help="Enables POST /api/ingest for requests carrying this token (off without it)."),
):
    """Serve the HTTP API and the Arabic/English dashboard over a store.

    Examples:

      rasd serve --db demo.db                 # http://127.0.0.1:8000/

      RASD_TOKEN=s3cret rasd serve --port 8080
    """
    from .serve import run

    run(db or _db_default(), host=host, port=port, token=token)


@app.command()
def stages():
    """List the registered pipeline stages and what each requires and assigns.

    Example:

      rasd stages
    """
    from .pipeline import default_config, registry

    active = set(default_config()["pipeline"]["stages"])
    t = Table("stage", "default", "requires", "assigns", "languages", "what it does")
    for name, spec in sorted(registry().items()):
        t.add_row(name, "yes" if name in active else "", ", ".join(spec.requires), ", ".join(spec.assigns),
                  ", ".join(spec.languages or ("all",)), spec.doc)
    out.print(t)


@app.callback(invoke_without_command=True)
def _root(version: bool = typer.Option(False, "--version", help="Print the version and exit.")):
    if version:
        out.print(f"rasd {__version__}")
        raise typer.Exit(0)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
