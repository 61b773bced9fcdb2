from __future__ import annotations

import datetime as dt

import pytest

from rasd.document import Document
from rasd.pipeline import Pipeline, RunContext

CLEAN = ["ingest.html.v1", "clean.boilerplate.v1", "clean.appended.v1", "clean.metadata.v1", "clean.language.v1"]

@pytest.fixture(scope="session")
def now():
    return dt.datetime(2025, 1, 15, 12, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="session")
def clean_pipeline(now):
    return Pipeline.from_config({"pipeline": {"stages": CLEAN}}, RunContext(now=now))


@pytest.fixture
def run(clean_pipeline):
    def _run(text: str, **kw) -> list[Document]:
        return clean_pipeline(Document.from_input(text=text, **kw))

    return _run
