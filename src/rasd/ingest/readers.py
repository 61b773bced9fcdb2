"""Readers for paths (files, folders), stdin, JSONL and Python values.

Each yields, in input order, a :class:`Document` ready for the pipeline or an
:class:`InputError` for an input that cannot be read (the batch goes on).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from ..document import Document
from ..errors import InputError
from .decode import decode_bytes

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | JSONL_EXT

Item = Document | InputError


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def _doc_from_text(text: str, *, source: str, input_id: str, id_key: str, encoding: str | None = None,
                   force_html: bool | None = None) -> Document:
    is_html = _looks_like_html(text) if force_html is None else force_html
    meta = {"encoding": encoding} if encoding else {}
    kw = {"html": text} if is_html else {"text": text}
    doc = Document.from_input(input_id=input_id, source=source, meta=meta, **kw)
    # file ids: name + content, so re-analysing the same file from another folder is idempotent
    from ..document import make_id
    doc.id = make_id(id_key, doc.raw)
    return doc


def read_path(path: str | Path) -> Iterator[Item]:
    """Read one file or a folder (recursively, files sorted by path, hidden files skipped)."""
    p = Path(path)
    if p.is_dir():
        files = sorted(
            (f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in KNOWN_EXT
             and not any(part.startswith(".") for part in f.relative_to(p).parts)),
            key=lambda f: str(f.relative_to(p)),
        )
        for f in files:
            yield from _read_file(f)
        return
    if not p.exists():
        yield InputError(str(p), "no such file or folder")
        return
    yield from _read_file(p)


def _read_file(f: Path) -> Iterator[Item]:
    src = str(f)
    try:
        data = f.read_bytes()
    except OSError as exc:
        yield InputError(src, f"unreadable ({exc.strerror or exc})")
        return
    ext = f.suffix.lower()
    if ext in JSONL_EXT:
        try:
            text, _enc = decode_bytes(data, src)
        except InputError as exc:
            yield exc
            return
        yield from read_jsonl_lines(text.splitlines(), source=src)
        return
    try:
        text, enc = decode_bytes(data, src)
    except InputError as exc:
        yield exc
        return
    force_html = True if ext in HTML_EXT else (False if ext in TEXT_EXT else None)
    yield _doc_from_text(text, source=src, input_id=src, id_key=f.name, encoding=enc, force_html=force_html)


def read_jsonl_lines(lines: Iterable[str], *, source: str) -> Iterator[Item]:
    """One document per JSON object line: ``text`` or ``html``, optional id/url/published/outlet/title."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"malformed JSON line ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield InputError(where, f"a JSONL line must be an object, got {type(obj).__name__}")
            continue
        try:
            yield from_value(obj, source=where)
        except InputError as exc:
            yield exc


_FIELDS = {"text", "html", "id", "url", "published", "outlet", "title"}


def from_value(value: Any, *, source: str = "<input>") -> Document:
    """A document from a string (text), a dict in the JSONL input format, or a Document."""
    if isinstance(value, Document):
        return value
    if isinstance(value, str):
        if not value.strip():
            raise InputError(source, "empty input")
        return Document.from_input(text=value, source=source)
    if not isinstance(value, dict):
        raise InputError(source, f"cannot analyse a {type(value).__name__}; give text, html or a JSONL-style object")
    text, html = value.get("text"), value.get("html")
    if text is not None and html is not None:
        raise InputError(source, "give either 'text' or 'html', not both")
    if text is None and html is None:
        raise InputError(source, "object has neither 'text' nor 'html'")
    content = text if text is not None else html
    if not isinstance(content, str):
        raise InputError(source, f"'{'text' if text is not None else 'html'}' must be a string")
    if not content.strip():
        raise InputError(source, "empty input ('text'/'html' is blank)")
    for key in ("id", "url", "outlet", "title", "published"):
        v = value.get(key)
        if v is not None and not isinstance(v, (str, int)):
            raise InputError(source, f"'{key}' must be a string")
    input_id = value.get("id")
    try:
        return Document.from_input(
            text=text,
            html=html,
            input_id=str(input_id) if input_id is not None else None,
            source=source,
            url=value.get("url"),
            outlet=value.get("outlet"),
            title=value.get("title"),
            published=value.get("published"),
            meta={k: v for k, v in value.items() if k not in _FIELDS},
        )
    except ValueError as exc:
        raise InputError(source, str(exc)) from None


def read_stdin(stream: BinaryIO | None = None) -> Iterator[Item]:
    """stdin: JSONL when every non-blank line is a JSON object, otherwise one text/HTML document."""
    stream = stream if stream is not None else sys.stdin.buffer
    data = stream.read()
    try:
        text, enc = decode_bytes(data, "<stdin>")
    except InputError as exc:
        yield exc
        return
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if lines and all(ln.lstrip().startswith("{") for ln in lines):
        yield from read_jsonl_lines(text.splitlines(), source="<stdin>")
    else:
        yield _doc_from_text(text, source="<stdin>", input_id=None, id_key="<stdin>", encoding=enc)


def iter_inputs(paths: Iterable[str | os.PathLike], stdin: BinaryIO | None = None) -> Iterator[Item]:
    """All inputs of the given paths in order; ``-`` reads standard input."""
    for p in paths:
        if str(p) == "-":
            yield from read_stdin(stdin)
        else:
            yield from read_path(p)
