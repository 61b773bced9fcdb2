"""Helpers of the dashboard: highlighted article segments, a network layout, safe links.

Nothing here builds HTML: templates receive plain data and Jinja2 escapes every value.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import numpy as np


@dataclass
class Segment:
    text: str
    classes: list[str] = field(default_factory=list)
    actor: str | None = None  # canonical actor name of a mention (for the link)
    anchors: list[str] = field(default_factory=list)  # element ids starting here
    start: int = 0  # offset of the piece in the body


def event_anchor(start: int, end: int) -> str:
    return f"ev-{int(start)}-{int(end)}"


def segments(doc: dict[str, Any]) -> list[Segment]:
    """Cut ``doc["body"]`` at every span boundary; each piece carries the styles of the spans over it
    (``m`` actor mention, ``ev`` event sentence, ``q`` quote) and the ids of the events starting there."""
    body = doc.get("body") or ""
    n = len(body)
    spans: list[tuple[int, int, str, Any]] = []
    for a in doc.get("actors") or []:
        for m in a.get("mentions") or []:
            spans.append((m["start"], m["end"], "m", a.get("name")))
    for e in doc.get("events") or []:
        spans.append((e["start"], e["end"], "ev", e))
    for q in doc.get("quotes") or []:
        spans.append((q["start"], q["end"], "q", q))
    spans = [(max(0, min(n, s)), max(0, min(n, e)), k, x) for s, e, k, x in spans]
    spans = [sp for sp in spans if sp[0] < sp[1]]
    cuts = sorted({0, n, *[s for s, *_ in spans], *[e for _, e, *_ in spans]})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        seg = Segment(body[a:b], start=a)
        for s, e, kind, x in spans:
            if s <= a and b <= e:
                if kind not in seg.classes:
                    seg.classes.append(kind)
                if kind == "m" and seg.actor is None:
                    seg.actor = x
                if kind == "ev":
                    for flag in ("negated", "hypothetical"):
                        if x.get(flag) and flag not in seg.classes:
                            seg.classes.append(flag)
            if kind == "ev" and s == a:
                seg.anchors.append(event_anchor(s, e))
        out.append(seg)
    return out


def safe_url(url: str | None) -> str | None:
    """The URL if it is an http(s) link, else None (no javascript:, data: … hrefs)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def layout(nodes: list[str], edges: list[tuple[str, str, float]], *, iterations: int = 200,
           seed: int = 3) -> dict[str, tuple[float, float]]:
    """Node positions in the unit square: each connected part laid out by force (Fruchterman–
    Reingold, deterministic) in its own cell, cells sized by the part's size and packed in rows,
    so a big cluster is not squeezed by the small ones around it."""
    if not nodes:
        return {}
    parent = {n: n for n in nodes}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for s, t, _ in edges:
        if s in parent and t in parent:
            parent[find(s)] = find(t)
    parts: dict[str, list[str]] = {}
    for n in nodes:  # keeps the nodes' order (heaviest first) inside each part
        parts.setdefault(find(n), []).append(n)
    comps = sorted(parts.values(), key=lambda c: (-len(c), nodes.index(c[0])))
    sides = [np.sqrt(len(c)) for c in comps]
    row_width = max(sides[0], 1.3 * np.sqrt(sum(len(c) for c in comps)))
    out: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for comp, side in zip(comps, sides):
        if x > 0 and x + side > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        sub = _force([n for n in comp], [e for e in edges if e[0] in comp and e[1] in comp], iterations, seed)
        for n, (px, py) in sub.items():
            out[n] = (x + side * (0.1 + 0.8 * px), y + side * (0.1 + 0.8 * py))
        x += side
        row_h = max(row_h, side)
    xs = np.array([p[0] for p in out.values()])
    ys = np.array([p[1] for p in out.values()])
    span_x = max(xs.max() - xs.min(), 1e-9)
    span_y = max(ys.max() - ys.min(), 1e-9)
    return {n: (float(0.03 + 0.94 * (px - xs.min()) / span_x) if len(out) > 1 else 0.5,
                float(0.97 - 0.94 * (py - ys.min()) / span_y) if len(out) > 1 else 0.5)
            for n, (px, py) in out.items()}


def _force(nodes: list[str], edges: list[tuple[str, str, float]], iterations: int, seed: int) -> dict[str, tuple[float, float]]:
    k = len(nodes)
    if k == 1:
        return {nodes[0]: (0.5, 0.5)}
    idx = {n: i for i, n in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    ang = np.linspace(0, 2 * np.pi, k, endpoint=False)
    pos = np.c_[np.cos(ang), np.sin(ang)] + rng.normal(0, 0.05, (k, 2))
    w = np.zeros((k, k))
    for s, t, weight in edges:
        w[idx[s], idx[t]] += weight
        w[idx[t], idx[s]] += weight
    w = np.where(w > 0, 0.5 + 0.5 * np.log1p(w) / np.log1p(w).max(), 0.0)
    opt = 1.0 / np.sqrt(k)
    temp = 0.2
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta ** 2).sum(-1)) + 1e-9
        rep = (opt ** 2 / dist ** 2)[:, :, None] * delta
        att = (w * dist / opt)[:, :, None] * delta
        disp = (rep - att).sum(1)
        length = np.sqrt((disp ** 2).sum(-1))[:, None] + 1e-9
        pos += disp / length * np.minimum(length, temp)
        temp *= 0.975
    pos -= pos.min(0)
    span = pos.max(0)
    span[span == 0] = 1
    pos = pos / span
    return {n: (float(pos[i, 0]), float(pos[i, 1])) for n, i in idx.items()}
