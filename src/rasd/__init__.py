"""rasd — Arabic-first news event intelligence.

The public verbs::

    import rasd
    doc = rasd.analyze(text="...", published="2024-06-19", outlet="example.com")
    for doc in rasd.analyze_many(["...", {"html": "<html>..."}]): ...
    store = rasd.open_store("sqlite:///rasd.db")
"""
from .api import analyze, analyze_many, ingest, open_store, Options, RunSummary
from .document import Actor, Document, Event, NearDuplicate, Quote, Span

__all__ = [
    "analyze", "analyze_many", "ingest", "open_store", "Options", "RunSummary",
    "Document", "Actor", "Event", "Quote", "Span", "NearDuplicate",
]
__version__ = "0.1.0"
