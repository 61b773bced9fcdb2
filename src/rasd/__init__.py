"""rasd — Arabic-first news event intelligence.

The public verbs::

    import rasd
    doc = rasd.analyze(text="...", published="2024-06-19", outlet="example.com")
    for doc in rasd.analyze_many(["...", {"html": "<html>..."}]): ...
    store = rasd.open_store("rasd.db")
    summary = rasd.analyze_into(rasd.read(["articles/"]), store)
"""
from .api import Options, RunSummary, analyze, analyze_into, analyze_many, open_store
from .document import Actor, Document, Event, NearDuplicate, Quote, Span
from .ingest.readers import iter_inputs as read

__all__ = [
    "analyze", "analyze_many", "analyze_into", "open_store", "read", "Options", "RunSummary",
    "Document", "Actor", "Event", "Quote", "Span", "NearDuplicate",
]
__version__ = "0.1.0"
