"""Stage registry, configuration and the pipeline runner.

A stage is a callable ``Document -> Document`` with a versioned ``name`` (``"clean.boilerplate.v1"``),
the layers it ``requires`` and the layers it ``assigns``. Stages are registered by factories::

    @register_stage("clean.boilerplate.v1", requires=("body",), assigns=("body", "removed"))
    def make_boilerplate(config: dict, ctx: RunContext):
        markers = load_markers(config.get("markers"))
        def run(doc): ...
        return run

The pipeline is assembled from one configuration (``rasd/config/default.toml``, overridable by a
user file and by flags) and checks at start-up that every required layer is assigned earlier.
"""
from __future__ import annotations

import copy
import datetime as _dt
import importlib
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .document import Document
from .errors import ConfigError, RasdError, StageError

# Layers present on every document when it enters the pipeline.
INITIAL_LAYERS = frozenset({"raw", "input"})
# documents run stage by stage together (Pipeline.run_batch): 16 or more keep each stage's tables in
# the CPU caches; more only holds more documents in memory at once
BATCH_SIZE = 32

StageFn = Callable[[Document], Document]


@dataclass
class StageSpec:
    name: str
    factory: Callable[[dict, "RunContext"], StageFn]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    languages: tuple[str, ...] | None  # None = every language; ("ar",) = Arabic-only stage
    doc: str = ""


_REGISTRY: dict[str, StageSpec] = {}

# Modules whose import registers the built-in stages.
_STAGE_MODULES = (
    "rasd.ingest.stages",
    "rasd.clean.stages",
    "rasd.dedup.stages",
    "rasd.actors.stages",
    "rasd.events.stages",
    "rasd.events.classifier",
    "rasd.quotes.stages",
)


def register_stage(
    name: str,
    *,
    requires: Iterable[str] = (),
    assigns: Iterable[str] = (),
    languages: Iterable[str] | None = None,
):
    """Register a stage factory under a versioned name (``family.stage.vN``)."""
    parts = name.rsplit(".", 1)
    if len(parts) != 2 or not parts[1].startswith("v") or not parts[1][1:].isdigit():
        raise ValueError(f"stage name {name!r} must end in a version such as '.v1'")

    def deco(factory):
        _REGISTRY[name] = StageSpec(
            name=name,
            factory=factory,
            requires=tuple(requires),
            assigns=tuple(assigns),
            languages=tuple(languages) if languages is not None else None,
            doc=(factory.__doc__ or "").strip().splitlines()[0] if factory.__doc__ else "",
        )
        return factory

    return deco


def registry() -> dict[str, StageSpec]:
    _load_builtin_stages()
    return dict(_REGISTRY)


_loaded = False


def _load_builtin_stages() -> None:
    global _loaded
    if _loaded:
        return
    for mod in _STAGE_MODULES:
        importlib.import_module(mod)
    _loaded = True


class RunContext:
    """What stages may know about the run (never the storage driver itself).

    ``now`` is the time of analysis (dates are never in its future): a fixed time when one is given
    (tests, re-runs of an archive "as of" a day), else the current time at each call, so a
    long-running server keeps a true "now".
    """

    def __init__(
        self,
        now: _dt.datetime | None = None,
        dedup_index: Any = None,
        actor_files: list[Path] | None = None,
        options: dict[str, Any] | None = None,
    ):
        self._now = now
        # Prior state for cross-document stages (dedup): an object with the DedupIndex protocol.
        self.dedup_index = dedup_index
        # Extra user knowledge files (e.g. --actors my.yaml)
        self.actor_files: list[Path] = list(actor_files or [])
        self.options: dict[str, Any] = dict(options or {})

    @property
    def now(self) -> _dt.datetime:
        return self._now or _dt.datetime.now(_dt.timezone.utc)

    @property
    def today(self) -> _dt.date:
        return self.now.date()


# -- configuration ---------------------------------------------------------------

def default_config() -> dict[str, Any]:
    text = resources.files("rasd.config").joinpath("default.toml").read_text("utf-8")
    return tomllib.loads(text)


def _deep_merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _deep_merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The packaged default config, merged with a user TOML file and then with overrides."""
    cfg = default_config()
    if path is not None:
        p = Path(path)
        try:
            user = tomllib.loads(p.read_text("utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{p}: config file not found") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{p}: not valid TOML ({exc})") from None
        cfg = _deep_merge(cfg, user)
    if overrides:
        cfg = _deep_merge(cfg, overrides)
    return cfg


# -- the pipeline -------------------------------------------------------------------

@dataclass
class BuiltStage:
    spec: StageSpec
    fn: StageFn

    @property
    def name(self) -> str:
        return self.spec.name


class Pipeline:
    """An ordered list of built stages, checked for layer order at construction."""

    def __init__(self, stages: list[BuiltStage], ctx: RunContext):
        self.stages = stages
        self.ctx = ctx
        check_order([s.spec for s in stages])

    @classmethod
    def from_config(
        cls,
        config: dict[str, Any] | None = None,
        ctx: RunContext | None = None,
        *,
        disable: Iterable[str] = (),
        enable: Iterable[str] = (),
    ) -> "Pipeline":
        config = config if config is not None else default_config()
        ctx = ctx or RunContext()
        reg = registry()
        enabled = set(enable)
        disabled = set(disable) | {d for d in config.get("pipeline", {}).get("disable", [])
                                   if d not in enabled and _family(d) not in enabled}
        names = [n for n in config.get("pipeline", {}).get("stages", []) if not _is_disabled(n, disabled)]
        if not names:
            raise ConfigError("the configuration lists no pipeline stages ([pipeline] stages = [...])")
        built = []
        stage_cfgs = config.get("stages", {})
        for name in names:
            if name not in reg:
                known = ", ".join(sorted(reg))
                raise ConfigError(f"unknown stage {name!r}; registered stages: {known}")
            spec = reg[name]
            scfg = stage_cfgs.get(_family(name), {})
            built.append(BuiltStage(spec, spec.factory(dict(scfg), ctx)))
        return cls(built, ctx)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> list[Document]:
        """Run one document; returns it followed by any documents split off it."""
        return self.run_batch([doc])

    def pipe(self, docs: Iterable[Document], batch_size: int = BATCH_SIZE,
             on_error: Callable[[RasdError], None] | None = None) -> Iterator[Document]:
        """Run documents in batches of ``batch_size`` (see :meth:`run_batch`), yielding them in order."""
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self.run_batch(batch, on_error)
                batch = []
        if batch:
            yield from self.run_batch(batch, on_error)

    def run_batch(self, docs: list[Document],
                  on_error: Callable[[RasdError], None] | None = None) -> list[Document]:
        """Run a batch stage by stage: every document through the first stage, then every document
        through the second, and so on. Each stage's lexicons, automata and models then stay in the
        CPU caches for the whole batch instead of being evicted by the other stages at every document
        (about a third of the pipeline's time on news-sized articles). The results are those of
        running the documents one by one: a stage sees the documents in input order, and a
        document split off another (an appended article) follows it from the next stage on, so a
        stage with state across documents (dedup) sees the same sequence.

        A document whose stage fails is dropped from the batch and its :class:`StageError` is given
        to ``on_error`` (raised when there is none); the other documents go on."""
        work = list(docs)
        for doc in work:
            doc.layers |= INITIAL_LAYERS
        for st in self.stages:
            langs = st.spec.languages
            assigns = set(st.spec.assigns)
            version = st.name.rsplit(".", 1)[1]
            out: list[Document] = []
            for doc in work:
                if langs is not None and doc.language not in langs:
                    doc.provenance[st.name] = "skipped:language"
                    doc.layers |= assigns
                    out.append(doc)
                    continue
                try:
                    res = st.fn(doc)
                except RasdError as err:
                    if on_error is None:
                        raise
                    on_error(err)
                    continue
                except Exception as exc:  # one bad document must name itself and the stage
                    err = StageError(doc.source or doc.input_id or doc.id, st.name, exc)
                    if on_error is None:
                        raise err from exc
                    on_error(err)
                    continue
                doc = res if res is not None else doc
                doc.provenance[st.name] = version
                doc.layers |= assigns
                out.append(doc)
                if doc.spawned:  # split-off documents join right after their host, from the next stage on
                    for child in doc.spawned:
                        child.layers |= doc.layers - {"duplicates"}
                        child.provenance.update(doc.provenance)
                        out.append(child)
                    doc.spawned = []
            work = out
        return work


def _family(name: str) -> str:
    """``clean.boilerplate.v1`` -> ``clean.boilerplate`` (the config section of a stage)."""
    return name.rsplit(".", 1)[0]


def _is_disabled(name: str, disabled: set[str]) -> bool:
    return name in disabled or _family(name) in disabled or name.split(".", 1)[0] in disabled


def check_order(specs: list[StageSpec]) -> None:
    have = set(INITIAL_LAYERS)
    for spec in specs:
        missing = [r for r in spec.requires if r not in have]
        if missing:
            raise ConfigError(
                f"stage {spec.name} requires layer(s) {', '.join(missing)} that no earlier stage assigns"
            )
        have |= set(spec.assigns)
