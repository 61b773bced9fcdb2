"""Fixtures of the store tests."""
from __future__ import annotations

import pytest

from store_helpers import core


@pytest.fixture(scope="session")
def pg_server_url():
    """A throw-away PostgreSQL server (skipped when none can be started here)."""
    reason = core.pg_unavailable()
    if reason:
        pytest.skip(reason)
    with core.temporary_server() as url:
        yield url
