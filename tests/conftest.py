import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLES = SHARED / "samples"


@pytest.fixture
def samples_dir() -> Path:
    if not SAMPLES.is_dir() or not list(SAMPLES.glob("*.txt")):
        pytest.skip("../shared/samples is not available")
    return SAMPLES


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "rasd.db"
