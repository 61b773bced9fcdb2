"""Timing of rasd.timex.find_dates on real article sizes (a script, not a test).

    .venv/bin/python bench/timex_find_dates.py

Reads the sample articles in ../shared/samples when present (else a synthetic article built from
our own sentences), cuts 3,000-character slices and reports the mean time per slice, next to a
baseline in the same process: one `re.finditer(r"\\w+")` pass over the same text (so the ratio is
comparable across machines).
"""
from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

from rasd.timex import find_dates

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
OWN = (
    "التقى وزير الخارجية نظيره الروسي أمس في موسكو، وبحث الجانبان يوم الثلاثاء الماضي ملفات التعاون. "
    "وكانت الحكومة قد أعلنت في 13 سبتمبر 2023 عن خطة جديدة، ثم عدلتها في منتصف يونيو. "
    "وقال المتحدث إن الوفد سيعود الأسبوع المقبل، مشيرا إلى أن 2000 جندي شاركوا في المناورات. "
)


def slices(n: int = 3000) -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted(SAMPLES.glob("*.txt"))] if SAMPLES.is_dir() else []
    if not texts:
        texts = [OWN * 40]
    out = []
    for t in texts:
        for i in range(0, max(1, len(t) - n + 1), n):
            out.append(t[i:i + n])
    return out


def timeit(fn, items, reps: int) -> float:
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        for it in items:
            fn(it)
        best = min(best, (time.perf_counter() - t0) / len(items))
    return best


def main() -> None:
    items = slices()
    anchor = dt.date(2024, 6, 19)
    find_dates("أمس", anchor)  # load the lexicon
    word = re.compile(r"\w+")
    base = timeit(lambda t: sum(1 for _ in word.finditer(t)), items, 5)
    from rasd.timex import finder

    def uncached(t):  # the per-sentence cache would time repeats of the same slices
        finder._find_memo.cache_clear()
        return find_dates(t, anchor)
    ours = timeit(uncached, items, 5)
    n_expr = sum(len(find_dates(t, anchor)) for t in items)
    print(f"slices: {len(items)} x {len(items[0])} chars, expressions found: {n_expr}")
    print(f"baseline \\w+ scan: {base * 1e6:.0f} us/slice")
    print(f"find_dates:        {ours * 1e6:.0f} us/slice  (ratio {ours / base:.1f}x baseline)")


if __name__ == "__main__":
    main()
