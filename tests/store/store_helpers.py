"""The core tests' hand-made documents and throw-away PostgreSQL server, shared with the store tests."""
from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location("_rasd_core_conftest", Path(__file__).parents[1] / "core" / "conftest.py")
core = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(core)
