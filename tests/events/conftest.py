"""Fixtures for event-coding tests (helpers live in event_helpers.py)."""
from __future__ import annotations

import os
import sys

import pytest

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:  # pytest runs with --import-mode=importlib: make event_helpers importable
    sys.path.insert(0, _HERE)

from event_helpers import _CODER, make_doc  # noqa: E402


@pytest.fixture
def code():
    """``code(text, published=None)`` → list of events (dedup on)."""
    def run(text: str, published: str | None = None):
        return _CODER.code(make_doc(text, published))
    return run
