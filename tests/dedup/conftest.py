from __future__ import annotations

import pytest
from dedup_helpers import make_pipeline

from rasd.pipeline import Pipeline


@pytest.fixture
def pipe() -> Pipeline:
    return make_pipeline()
