"""Every error rasd raises on purpose, each saying what failed, on which input and why."""
from __future__ import annotations


class RasdError(Exception):
    """Base class: the message is one line a user can act on."""


class ConfigError(RasdError):
    pass


class InputError(RasdError):
    """A bad input: unreadable, binary, empty, undecodable, malformed JSONL, HTML with no text."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class StageError(RasdError):
    """A stage failed on one document; the batch goes on."""

    def __init__(self, source: str, stage: str, exc: BaseException):
        self.source = source
        self.stage = stage
        self.exc = exc
        super().__init__(f"{source}: stage {stage} failed: {type(exc).__name__}: {exc}")


class StoreError(RasdError):
    pass
