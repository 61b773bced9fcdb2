"""The labelled dedup pairs: built from our own base stories, and scored against the dedup stage.

``build_pairs()`` turns ``data/eval/dedup/stories.yaml`` into labelled pairs (deterministically: every
random choice is seeded by the story id and the variant kind):

- positives (label 1, "the same article"): exact copies; copies with whitespace, diacritics/tatweel,
  letter-variant, punctuation or boilerplate changes; light rewrites (a headline added, the credit
  line changed, one sentence dropped, two sentences swapped, a few words changed, a paragraph added,
  the last two sentences cut off, and a combination of these);
- negatives (label 0): the twin story of the same topic (same actors, same place, a different event),
  also against rewritten copies of the twin, and a follow-up twin that reuses the first story's
  background paragraph, and a formulaic report (daily figures, exchange rates) against the same
  report with other figures (hard); and a story of another topic (easy). Copies of a formulaic
  report (headline or boilerplate added) are positives (``template_copy``).

``evaluate(pairs, config)`` runs each pair through a fresh :class:`DedupIndex` exactly as the stage does
(add A, look up B) and returns precision, recall and F1. ``scripts/eval_dedup.py`` prints them with a sweep.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

from .fingerprint import Fingerprinter
from .index import DedupIndex, params_from_config

POSITIVE_KINDS = (
    "exact", "whitespace", "diacritics", "letter_variants", "punctuation", "boilerplate",
    "headline", "credit", "drop_sentence", "reorder", "words_changed", "added_paragraph", "truncated", "combo",
)
HARD_NEGATIVE_KINDS = ("twin", "twin_headline", "twin_boilerplate", "twin_added_paragraph", "twin_combo",
                       "twin_shared_background", "template_other_figures")

_HARAKAT = "\u064e\u064f\u0650\u0651\u0652\u064b"


def data_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "eval" / "dedup"


def load_stories(path: str | Path | None = None) -> dict[str, Any]:
    p = Path(path) if path else data_dir() / "stories.yaml"
    return yaml.safe_load(p.read_text("utf-8"))


def load_pairs(path: str | Path | None = None) -> list[dict[str, Any]]:
    p = Path(path) if path else data_dir() / "pairs.jsonl"
    with p.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip() and not line.startswith("#")]


# -- rendering and variants ---------------------------------------------------------

def render(story: dict, *, sentences: list[str] | None = None, dateline: str | None = None,
           title: str | None = None, extra: bool | str = False, head: Iterable[str] = (),
           tail: Iterable[str] = (), per_paragraph: int = 2) -> str:
    sents = list(story["sentences"] if sentences is None else sentences)
    dl = story["dateline"] if dateline is None else dateline
    if dl:
        sents[0] = f"{dl} {sents[0]}"
    paras = [" ".join(sents[i : i + per_paragraph]) for i in range(0, len(sents), per_paragraph)]
    if extra:
        paras.append(story["extra"] if extra is True else extra)
    lines = list(head) + ([title] if title else []) + paras + list(tail)
    return "\n\n".join(lines)


def _whitespace(text: str, rng: random.Random) -> str:
    out = []
    for tok in text.split(" "):
        out.append(tok)
        r = rng.random()
        out.append("  " if r < 0.1 else ("\u00a0" if r < 0.15 else " "))
    s = "".join(out[:-1])
    return "\n" + s.replace("\n\n", "\n \n\n") + "\n  "


def _diacritics(text: str, rng: random.Random) -> str:
    out = []
    for ch in text:
        out.append(ch)
        if "\u0621" <= ch <= "\u064a" and rng.random() < 0.25:
            out.append(rng.choice(_HARAKAT))
        elif "\u0628" <= ch <= "\u064a" and rng.random() < 0.01:
            out.append("\u0640")  # tatweel
    return "".join(out)


def _letter_variants(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for i, w in enumerate(words):
        r = rng.random()
        if w.startswith("ا") and r < 0.5:
            words[i] = rng.choice("أإ") + w[1:]
        elif w.startswith(("أ", "إ")) and r < 0.6:
            words[i] = "ا" + w[1:]
        elif w.endswith("ي") and r < 0.5:
            words[i] = w[:-1] + "ى"
        elif w.endswith("ة") and r < 0.4:
            words[i] = w[:-1] + "ه"
    return " ".join(words)


def _punctuation(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for i, w in enumerate(words):
        r = rng.random()
        if r < 0.12:
            words[i] = w + "،"
        elif r < 0.15:
            words[i] = "«" + w + "»"
    return " ".join(words).replace(".", rng.choice(["", " .", "!"]))


def _change_words(sentences: list[str], synonyms: dict[str, str], rng: random.Random, n: int) -> list[str]:
    slots = [(i, j) for i, s in enumerate(sentences) for j, w in enumerate(s.split(" ")) if w in synonyms]
    rng.shuffle(slots)
    chosen = set(slots[:n])
    if len(chosen) < n:  # not enough known words: drop a few adjectives/words instead
        cand = [(i, j) for i, s in enumerate(sentences) for j, _ in enumerate(s.split(" ")) if j > 2]
        rng.shuffle(cand)
        chosen |= {(i, -j - 1) for i, j in cand[: n - len(chosen)]}
    out = []
    for i, s in enumerate(sentences):
        ws = s.split(" ")
        new = []
        for j, w in enumerate(ws):
            if (i, -j - 1) in chosen:
                continue
            new.append(synonyms[w] if (i, j) in chosen else w)
        out.append(" ".join(new))
    return out


def variant(story: dict, kind: str, lists: dict[str, Any]) -> str:
    """A copy or light rewrite of ``story`` of the given kind (deterministic)."""
    rng = random.Random(f"{story['id']}:{kind}")
    sents = list(story["sentences"])
    base = render(story)
    if kind == "exact":
        return base
    if kind == "whitespace":
        return _whitespace(render(story, per_paragraph=rng.choice([1, 3])), rng)
    if kind == "diacritics":
        return _diacritics(base, rng)
    if kind == "letter_variants":
        return _letter_variants(base, rng)
    if kind == "punctuation":
        return _punctuation(base, rng)
    if kind == "boilerplate":
        bp = list(lists["boilerplate"])
        rng.shuffle(bp)
        return render(story, head=bp[:1], tail=bp[1:3])
    if kind == "headline":
        return render(story, title=story["title"])
    if kind == "credit":
        c = rng.choice(lists["credits"])
        return render(story, dateline=c) if c.endswith("-") else render(story, dateline="", tail=[c])
    if kind == "drop_sentence":
        del sents[rng.randrange(1, len(sents))]
        return render(story, sentences=sents)
    if kind == "reorder":
        i = rng.randrange(1, len(sents) - 1)
        sents[i], sents[i + 1] = sents[i + 1], sents[i]
        return render(story, sentences=sents)
    if kind == "words_changed":
        return render(story, sentences=_change_words(sents, lists["synonyms"], rng, 3))
    if kind == "added_paragraph":
        return render(story, extra=True)
    if kind == "truncated":  # a site that keeps only the first paragraphs ("read more on …")
        return render(story, sentences=sents[: max(3, len(sents) - 2)])
    if kind == "combo":
        del sents[rng.randrange(2, len(sents))]
        sents = _change_words(sents, lists["synonyms"], rng, 2)
        return render(story, sentences=sents, title=story["title"], tail=[rng.choice(lists["boilerplate"])])
    raise ValueError(f"unknown variant kind {kind!r}")


def build_pairs(data: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Labelled pairs ``{"id", "kind", "label", "a", "b", "story_a", "story_b"}`` from the stories."""
    data = data or load_stories()
    stories = data["stories"]
    by_topic: dict[str, list[dict]] = {}
    for s in stories:
        by_topic.setdefault(s["topic"], []).append(s)
    pairs: list[dict[str, Any]] = []

    def add(kind: str, label: int, sa: dict, a: str, sb: dict, b: str) -> None:
        pairs.append({"id": f"{sa['id']}~{sb['id']}:{kind}", "kind": kind, "label": label,
                      "story_a": sa["id"], "story_b": sb["id"], "a": a, "b": b})

    for s in stories:
        base = render(s)
        for kind in POSITIVE_KINDS:
            add(kind, 1, s, base, s, variant(s, kind, data))
    for topic, group in sorted(by_topic.items()):
        for sa in group:
            for sb in group:
                if sa is sb:
                    continue
                add("twin", 0, sa, render(sa), sb, render(sb))
                for kind in ("headline", "boilerplate", "added_paragraph", "combo"):
                    add(f"twin_{kind}", 0, sa, render(sa), sb, variant(sb, kind, data))
                # a follow-up story that reuses the first one's background paragraph
                add("twin_shared_background", 0, sa, render(sa, extra=True), sb, render(sb, extra=sa["extra"]))
    for tpl in data.get("templates", []):
        texts = [" ".join(tpl["text"].format(**fill).split()) for fill in tpl["fills"]]
        for i, ta in enumerate(texts):
            ia = {"id": f"{tpl['id']}-{i}"}
            for j, tb in enumerate(texts):
                if j != i:
                    add("template_other_figures", 0, ia, ta, {"id": f"{tpl['id']}-{j}"}, tb)
            rng = random.Random(f"{ia['id']}:copy")
            copy = "\n\n".join([rng.choice(data["boilerplate"]), ta, rng.choice(data["credits"])])
            add("template_copy", 1, ia, ta, ia, copy)
    topics = sorted(by_topic)
    for i, s in enumerate(stories):
        rng = random.Random(f"{s['id']}:other")
        other_topic = rng.choice([t for t in topics if t != s["topic"]])
        o = rng.choice(by_topic[other_topic])
        add("other_topic", 0, s, render(s), o, render(o))
    return pairs


def write_pairs(path: str | Path | None = None, data: dict[str, Any] | None = None) -> Path:
    p = Path(path) if path else data_dir() / "pairs.jsonl"
    pairs = build_pairs(data)
    with p.open("w", encoding="utf-8", newline="\n") as fh:
        for pr in pairs:
            fh.write(json.dumps(pr, ensure_ascii=False) + "\n")
    return p


# -- scoring -----------------------------------------------------------------------

@dataclass
class Score:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def similarities(pairs: list[dict[str, Any]], config: dict | None = None) -> list[tuple[float, bool, bool]]:
    """Per pair: (estimated Jaccard of the full signatures, exact hash match, LSH made it a candidate
    at similarity >= 0)."""
    config = config or {}
    fpr = Fingerprinter(params_from_config(config))
    out = []
    for pr in pairs:
        fa, fb = fpr(pr["a"]), fpr(pr["b"])
        idx = DedupIndex.from_config(config)
        idx.add("a", fa)
        cand = idx.lookup(fb, threshold=0.0, min_shingles=0)
        sim = float((fa.signature == fb.signature).mean()) if fa.signature is not None and fb.signature is not None else 0.0
        exact = fa.content_hash == fb.content_hash and fa.n_words > 0
        out.append((sim, exact, bool(cand)))
    return out


def evaluate(pairs: list[dict[str, Any]], config: dict | None = None) -> tuple[Score, list[dict[str, Any]]]:
    """Score the dedup decision (B is marked a duplicate of A) on labelled pairs, exactly as the stage
    decides it. Returns the score and the misclassified pairs."""
    from .stages import DEFAULTS

    cfg = {**DEFAULTS, **(config or {})}
    fpr = Fingerprinter(params_from_config(cfg))
    tp = fp = fn = tn = 0
    errors = []
    for pr in pairs:
        idx = DedupIndex.from_config(cfg)
        idx.add("a", fpr(pr["a"]))
        matches = idx.lookup(fpr(pr["b"]), threshold=float(cfg["threshold"]), min_shingles=int(cfg["min_shingles"]),
                             min_numbers=int(cfg["min_numbers"]), number_overlap=float(cfg["number_overlap"]))
        pred = bool(matches)
        if pred and pr["label"]:
            tp += 1
        elif pred:
            fp += 1
            errors.append({**pr, "similarity": matches[0].similarity})
        elif pr["label"]:
            fn += 1
            errors.append({**pr, "similarity": None})
        else:
            tn += 1
    return Score(tp, fp, fn, tn), errors
