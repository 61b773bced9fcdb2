"""Whole-pipeline benchmark: clean → dedup → actors → events → quotes → store, articles/s on one core.

Prints docs/s (CPU time of this process) for the pipeline without the learned event classifier
(the speed target of issue 5), for the default pipeline (which adds the classifier's ASSAULT veto:
it embeds only the sentences that hold a lexicon ASSAULT event), and for a plain tokenisation
pass over the same texts, in the same run, with the ratio of each to the baseline.

    python bench/events.py             # 400 articles of ~3,000 characters
    python bench/events.py --n 2000 --chars 3000
    python bench/events.py --n 1000 --repeat 5 --no-classifier
"""
from __future__ import annotations

import argparse
import platform
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

import rasd
from rasd.api import Options
from rasd.ingest import iter_inputs
from rasd.pipeline import registry

ROOT = Path(__file__).resolve().parents[1]


# states whose names are swapped between paragraph copies, so that the articles do not repeat the
# same sentences (real news rarely does; a benchmark that did would flatter any per-sentence cache)
_STATES = ("روسيا", "الصين", "إيران", "تركيا", "مصر", "فرنسا", "ألمانيا", "اليابان", "الهند", "السعودية",
           "قطر", "الأردن", "المغرب", "الجزائر", "العراق", "سوريا", "لبنان", "أوكرانيا", "بريطانيا", "إسبانيا")
# and their adjectives (masculine, feminine), swapped the same way
_NISBAS = (("الروسي", "الروسية"), ("الصيني", "الصينية"), ("الإيراني", "الإيرانية"), ("التركي", "التركية"),
           ("المصري", "المصرية"), ("الفرنسي", "الفرنسية"), ("الألماني", "الألمانية"), ("الياباني", "اليابانية"),
           ("الهندي", "الهندية"), ("الأردني", "الأردنية"), ("المغربي", "المغربية"), ("العراقي", "العراقية"),
           ("السوري", "السورية"), ("اللبناني", "اللبنانية"), ("الأوكراني", "الأوكرانية"), ("البريطاني", "البريطانية"))
_NUMBER = re.compile(r"\d+")
_NOT_AFTER = r"(?![\u0621-\u064A])"  # the name ends there (not "الصين" inside "الصيني")


def _swap(para: str, names: list[str], rng: random.Random, pool: list[str], key=lambda x: x) -> str:
    present = [s for s in names if re.search(re.escape(s) + _NOT_AFTER, para)]
    if not present:
        return para
    swap = dict(zip(present, rng.sample(pool, len(present))))
    return re.sub("(" + "|".join(map(re.escape, sorted(present, key=len, reverse=True))) + ")" + _NOT_AFTER,
                  lambda m: key(swap[m.group(1)]), para)


def _vary(para: str, rng: random.Random) -> str:
    """A copy of a paragraph with its state names and their adjectives swapped among _STATES and
    _NISBAS, and its numbers redrawn."""
    para = _swap(para, list(_STATES), rng, list(_STATES))
    for g in (0, 1):
        para = _swap(para, [n[g] for n in _NISBAS], rng, [n[g] for n in _NISBAS])

    def num(m: re.Match) -> str:
        t = m.group()
        if len(t) == 4 and t[:2] in ("19", "20"):
            return str(rng.randint(1995, 2025))
        return str(rng.randint(10 ** (len(t) - 1) if len(t) > 1 else 1, 10 ** len(t) - 1))
    return _NUMBER.sub(num, para)


def corpus(n: int, chars: int, seed: int = 7) -> list[str]:
    """Articles of about ``chars`` characters built from the demo corpus (our own texts): each one a
    shuffled mix of paragraphs, each copy with its state names swapped and its numbers redrawn
    (so sentences seldom repeat across articles), plus a unique line, so dedup sees distinct documents."""
    paras: list[str] = []
    for item in iter_inputs([ROOT / "demo" / "corpus"]):
        if isinstance(item, rasd.Document) and item.raw_format == "text":
            paras += [p for p in item.raw.splitlines() if len(p.split()) >= 12]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        buf: list[str] = []
        while sum(map(len, buf)) < chars:
            buf.append(_vary(rng.choice(paras), rng))
        buf.append(f"وقال مصدر مطلع في اتصال رقم {i} إن المشاورات ستتواصل خلال الأيام المقبلة.")
        out.append("\n".join(buf))
    return out


def cpu() -> float:
    return time.process_time()


def run_pipeline(texts: list[str], options: Options) -> float:
    with tempfile.TemporaryDirectory() as d:
        store = rasd.open_store(Path(d) / "bench.db")
        items = [{"id": f"b{i}", "text": t, "published": "2024-06-19"} for i, t in enumerate(texts)]
        t0 = cpu()
        s = rasd.analyze_into(items, store, options=options)
        el = cpu() - t0
        assert s.documents >= len(texts) and not s.errors, s.errors[:3]
        store.close()
    return el


def baseline(texts: list[str]) -> float:
    word = re.compile(r"\w+")
    t0 = cpu()
    n = 0
    for t in texts:
        n += len(word.findall(t))
    assert n > 0
    return cpu() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--chars", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of the baseline and of the pipeline without the classifier; the best is "
                         "reported (CPU time still moves with other load on a shared machine)")
    ap.add_argument("--no-classifier", action="store_true", help="skip the (slow) run with the classifier")
    a = ap.parse_args()
    texts = corpus(a.n, a.chars)
    run_pipeline(texts[:20], Options())  # warm-up: load models and dictionaries
    base = min(baseline(texts) for _ in range(a.repeat))
    rows = [("tokenise (baseline)", base)]
    rows.append(("pipeline without learned classifier",
                 min(run_pipeline(texts, Options(disable=["events.classify"])) for _ in range(a.repeat))))
    if "events.classify.v1" in registry() and not a.no_classifier:
        rows.append(("pipeline, default (+ ASSAULT veto)", run_pipeline(texts, Options())))
    print(f"{a.n} articles of ~{a.chars} characters; CPU time of one process (best of {a.repeat} "
          "for the baseline and the pipeline without the classifier)")
    print(f"{'run':38s} {'seconds':>8s} {'docs/s':>9s} {'x baseline time':>16s}")
    for name, el in rows:
        print(f"{name:38s} {el:8.2f} {a.n / el:9.1f} {el / base:16.1f}")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print(f"python {platform.python_version()} ({sys.executable}, base {sys.base_prefix}; the build "
          "matters: see scripts/pick_python.py)")


if __name__ == "__main__":
    main()
