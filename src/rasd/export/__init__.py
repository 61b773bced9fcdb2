"""Exports of the store: JSONL, CSV, Parquet, and event formats (GDELT-style TSV, PLOVER JSON)."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any, Iterator

from ..errors import RasdError

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")
_EXT = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet", "gdelt": "tsv", "plover": "jsonl"}


def _cell(v: Any) -> Any:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def _open_text(output: str):
    if output == "-":
        return sys.stdout, False
    return open(output, "w", encoding="utf-8", newline=""), True


def export_table(store, *, table: str = "events", fmt: str = "jsonl", output: str | None = None) -> tuple[str, int]:
    """Write ``table`` of ``store`` in ``fmt``; returns (path, rows written)."""
    if fmt not in FORMATS:
        raise RasdError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt in ("gdelt", "plover"):
        table = "events"
    output = output or f"rasd-{table}.{_EXT[fmt]}"
    if fmt == "parquet" and output == "-":
        raise RasdError("parquet cannot be written to stdout; give --out FILE")
    rows = _rows(store, table, fmt)
    if fmt == "parquet":
        return output, _write_parquet(rows, output)
    fh, close = _open_text(output)
    n = 0
    try:
        if fmt in ("jsonl", "plover"):
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
                n += 1
        elif fmt == "csv":
            writer = None
            for r in rows:
                if writer is None:
                    writer = csv.DictWriter(fh, fieldnames=list(r.keys()))
                    writer.writeheader()
                writer.writerow({k: _cell(v) for k, v in r.items()})
                n += 1
        elif fmt == "gdelt":
            from .formats import GDELT_COLUMNS, gdelt_row

            fh.write("\t".join(GDELT_COLUMNS) + "\n")
            docs: dict[str, dict] = {}
            for r in rows:
                doc = docs.get(r["doc_id"])
                if doc is None:
                    docs.clear()
                    doc = docs[r["doc_id"]] = store.get(r["doc_id"])
                fh.write("\t".join(str(c).replace("\t", " ").replace("\n", " ") for c in gdelt_row(r, doc, r["event_id"])) + "\n")
                n += 1
    finally:
        if close:
            fh.close()
    return output, n


def _rows(store, table: str, fmt: str) -> Iterator[dict[str, Any]]:
    if fmt == "jsonl" and table == "documents":
        yield from store.iter_documents()
        return
    if fmt == "plover":
        from .formats import plover_record

        docs: dict[str, dict] = {}
        for r in store.iter_rows("events"):
            doc = docs.get(r["doc_id"])
            if doc is None:
                docs.clear()
                doc = docs[r["doc_id"]] = store.get(r["doc_id"])
            yield plover_record(r, doc)
        return
    if fmt == "gdelt":
        yield from store.iter_rows("events")
        return
    try:
        yield from store.iter_rows(table)
    except RasdError:
        raise


def _write_parquet(rows: Iterator[dict[str, Any]], output: str, batch: int = 5000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    schema = None
    n = 0
    buf: list[dict[str, Any]] = []

    def flush():
        nonlocal writer, schema
        if not buf:
            return
        cols = {k: [_cell(r.get(k)) for r in buf] for k in buf[0].keys()}
        tbl = pa.table(cols) if schema is None else pa.table(cols, schema=schema)
        if writer is None:
            schema = tbl.schema
            writer = pq.ParquetWriter(output, schema)
        writer.write_table(tbl)
        buf.clear()

    for r in rows:
        buf.append(r)
        n += 1
        if len(buf) >= batch:
            flush()
    flush()
    if writer is None:
        # empty table: still write a valid (empty) file
        pq.write_table(pa.table({}), output)
    else:
        writer.close()
    return n
