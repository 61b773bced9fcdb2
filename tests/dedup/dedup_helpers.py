"""Helpers shared by the dedup tests (a pipeline ingest -> language -> dedup)."""
from __future__ import annotations

from rasd.document import Document
from rasd.pipeline import Pipeline, RunContext

STAGES = ["ingest.html.v1", "clean.language.v1", "dedup.minhash.v1"]


def make_pipeline(index=None, **stage_cfg) -> Pipeline:
    cfg = {"pipeline": {"stages": STAGES}, "stages": {"dedup.minhash": stage_cfg}}
    return Pipeline.from_config(cfg, RunContext(dedup_index=index))


def run_texts(pipe: Pipeline, texts: list[str], prefix: str = "d") -> list[Document]:
    docs = [Document.from_input(text=t, input_id=f"{prefix}{i}") for i, t in enumerate(texts)]
    return list(pipe.pipe(docs))

