"""Ingest: turn paths, stdin, JSONL and Python values into :class:`rasd.Document` inputs.

Readers yield either a :class:`~rasd.document.Document` or an :class:`~rasd.errors.InputError`
(never raise mid-batch), in input order.
"""
from .decode import decode_bytes
from .readers import iter_inputs, from_value, read_path, read_jsonl_lines

__all__ = ["decode_bytes", "iter_inputs", "from_value", "read_path", "read_jsonl_lines"]
