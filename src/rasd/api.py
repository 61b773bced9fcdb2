"""The Python API: the product. The CLI and the HTTP API are thin layers over it."""
from __future__ import annotations

import datetime as _dt
import gc
import json
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .document import Document
from .errors import InputError, RasdError
from .ingest.readers import from_value
from .pipeline import BATCH_SIZE, Pipeline, RunContext, load_config

log = logging.getLogger("rasd")


@dataclass
class Options:
    """One options object per run: packaged default config, a user config file, flags."""

    config: str | Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    disable: list[str] = field(default_factory=list)
    enable: list[str] = field(default_factory=list)  # stages the config lists but switches off by default
    actor_files: list[Path] = field(default_factory=list)
    now: _dt.datetime | None = None

    def build_pipeline(self, dedup_index: Any = None) -> Pipeline:
        cfg = load_config(self.config, self.overrides)
        ctx = RunContext(
            now=self.now,
            dedup_index=dedup_index,
            actor_files=[Path(p) for p in self.actor_files],
        )
        return Pipeline.from_config(cfg, ctx, disable=self.disable, enable=self.enable)


_pipelines: dict[str, Pipeline] = {}


def _pipeline(options: Options | None) -> Pipeline:
    """The pipeline for these options, built once per distinct options (building loads the KB and
    models) and reused by later calls; each batch gets its own dedup index (see the callers)."""
    options = options or Options()
    key = json.dumps([str(options.config), options.overrides, sorted(options.disable), sorted(options.enable),
                      [str(p) for p in options.actor_files], str(options.now)], sort_keys=True, default=str)
    pipe = _pipelines.get(key)
    if pipe is None:
        if len(_pipelines) >= 8:
            _pipelines.pop(next(iter(_pipelines)))
        pipe = _pipelines[key] = options.build_pipeline()
    return pipe


def analyze(
    text: str | None = None,
    html: str | None = None,
    url: str | None = None,
    published: str | _dt.date | None = None,
    outlet: str | None = None,
    *,
    title: str | None = None,
    input_id: str | None = None,
    options: Options | None = None,
) -> Document:
    """Analyse one article given as text or HTML. Returns the document (split-off appended
    articles are in ``doc.meta["appended"]``)."""
    if url is not None and text is None and html is None:
        raise InputError(url, "fetching URLs is not supported offline; pass the page as html= with url=")
    value = {"text": text, "html": html, "url": url, "published": published, "outlet": outlet,
             "title": title, "id": input_id}
    doc = from_value({k: v for k, v in value.items() if v is not None}, source=url or input_id or "<input>")
    pipe = _pipeline(options)
    pipe.ctx.dedup_index = None  # one document: no duplicates of earlier, unrelated calls
    out = pipe(doc)
    host = out[0]
    if len(out) > 1:
        host.meta["appended"] = out[1:]
    return host


OnError = Callable[[RasdError], None]


def _warn(err: RasdError) -> None:
    log.warning("%s", err)


def analyze_many(
    items: Iterable[Any],
    *,
    options: Options | None = None,
    pipeline: Pipeline | None = None,
    on_error: OnError | str = "warn",
) -> Iterator[Document]:
    """Analyse many inputs in order: strings (text), dicts in the JSONL input format, Documents,
    or the items of :func:`rasd.ingest.iter_inputs`. Split-off appended articles follow their host.

    ``on_error``: ``"warn"`` (log one line and go on, the default), ``"raise"``, or a callable
    receiving the :class:`~rasd.errors.RasdError`; the batch always goes on unless it raises.
    """
    if pipeline is None:
        pipeline = _pipeline(options)
        pipeline.ctx.dedup_index = None  # a batch is deduplicated within itself (and the store, via analyze_into)
    pipe = pipeline
    handler: OnError
    if on_error == "warn":
        handler = _warn
    elif on_error == "raise":
        def handler(err: RasdError) -> None:
            raise err
    elif callable(on_error):
        handler = on_error
    else:
        raise ValueError("on_error must be 'warn', 'raise' or a callable")

    def documents() -> Iterator[Document]:
        for n, item in enumerate(items):
            if isinstance(item, RasdError):
                handler(item)
                continue
            try:
                yield from_value(item, source=f"<item {n}>")
            except RasdError as err:
                handler(err)

    # documents run stage by stage in batches (Pipeline.run_batch)
    yield from pipe.pipe(documents(), batch_size=BATCH_SIZE, on_error=handler)


def open_store(url: str | Path = "rasd.db"):
    """Open (and migrate) a store: a SQLite path or URL (default), or ``postgresql://…``."""
    from .store import Store

    return Store(url)


@dataclass
class RunSummary:
    """What one ingest run did: the CLI's summary line."""

    documents: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    appended: int = 0
    non_arabic: int = 0
    actors: int = 0
    events: int = 0
    quotes: int = 0
    errors: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.elapsed if self.elapsed > 0 else 0.0

    def line(self) -> str:
        return (
            f"documents: {self.documents}, duplicates: {self.duplicates}, actors: {self.actors}, "
            f"events: {self.events}, errors: {len(self.errors)}, elapsed: {self.elapsed:.2f}s, "
            f"docs/s: {self.docs_per_s:.1f}"
        )


@contextmanager
def _batch_gc():
    """While a batch runs, keep the objects alive when it starts (the KB, lexicons and models) out of
    every collection, and collect only where :func:`_collect` is called; restored afterwards.

    Automatic collection is off because in a batch it mostly walks the documents in flight, which
    are alive (a young-generation pass over tens of thousands of them, several times per hundred
    documents); collecting right after a batch is written and let go finds the same garbage at a
    fraction of the cost. Nothing is collected first: what is garbage now is frozen only until the
    end, where ``unfreeze`` hands it back to the collector."""
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()


def _collect() -> None:
    """Collect the garbage of the documents already handed on (reference cycles of annotations);
    the frozen knowledge is not walked, so this costs little. Called every ``batch_size`` documents,
    which bounds the garbage a long run can hold."""
    gc.collect()


def _dedup_index_for(store, pipe: Pipeline, config: dict[str, Any]):
    """An index of every stored document's fingerprint, so a new batch is checked against the store."""
    if store is None or not any(n.startswith("dedup.") for n in pipe.names):
        return None
    from .dedup import DedupIndex

    return DedupIndex.from_records(store.dedup_records(), config=config.get("stages", {}).get("dedup.minhash"))


def analyze_into(
    items: Iterable[Any],
    store=None,
    *,
    options: Options | None = None,
    on_error: OnError | None = None,
    on_document: Callable[[Document], None] | None = None,
    batch_size: int = 200,
) -> RunSummary:
    """Analyse inputs and write them to ``store`` (in batches, so nothing analysed is lost when a
    later input fails). ``on_document`` sees every document (e.g. to stream JSONL)."""
    import time

    t0 = time.perf_counter()
    pipe = _pipeline(options)
    pipe.ctx.dedup_index = _dedup_index_for(store, pipe, load_config((options or Options()).config,
                                                                      (options or Options()).overrides))
    summary = RunSummary()
    actor_ids: set[str] = set()

    def handle(err: RasdError) -> None:
        summary.errors.append(str(err))
        if on_error is not None:
            on_error(err)

    with _batch_gc():
        _run_batch(items, pipe, handle, summary, actor_ids, on_document, store, batch_size)
    summary.actors = len(actor_ids)
    summary.elapsed = time.perf_counter() - t0
    return summary


def _run_batch(items, pipe, handle, summary, actor_ids, on_document, store, batch_size) -> None:
    batch: list[Document] = []
    for doc in analyze_many(items, pipeline=pipe, on_error=handle):
        summary.documents += 1
        summary.duplicates += doc.duplicate_of is not None
        summary.near_duplicates += bool(doc.near_duplicates)
        summary.appended += doc.appended_to is not None
        summary.non_arabic += doc.language != "ar"
        actor_ids.update(a.id for a in doc.actors)
        summary.events += len(doc.events)
        summary.quotes += len(doc.quotes)
        if on_document is not None:
            on_document(doc)
        if store is not None:
            batch.append(doc)
            if len(batch) >= batch_size:
                store.save_many(batch)
                batch = []
        if summary.documents % batch_size == 0:
            _collect()
    if store is not None and batch:
        store.save_many(batch)
