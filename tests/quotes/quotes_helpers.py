"""Helpers: build Documents by hand with actor mentions, as actors.match.v1 would."""
from __future__ import annotations

import re

from rasd.document import Actor, Document, Span
from rasd.quotes.stages import analyse

# name -> (kind, country/code, Arabic surfaces); our own small cast for the test sentences
CAST = {
    "Vladimir Putin": ("person", "RUS", ["فلاديمير بوتين", "بوتين"]),
    "Dmitry Peskov": ("person", "RUS", ["دميتري بيسكوف", "بيسكوف"]),
    "Sergey Lavrov": ("person", "RUS", ["سيرغي لافروف", "لافروف"]),
    "Kim Jong Un": ("person", "PRK", ["كيم جونغ أون", "كيم"]),
    "Anatoly Koshkin": ("person", "RUS", ["أناتولي كوشكين", "كوشكين"]),
    "Antony Blinken": ("person", "USA", ["أنتوني بلينكن", "بلينكن"]),
    "Maria Zakharova": ("person", "RUS", ["ماريا زاخاروفا", "زاخاروفا"]),
    "Russia": ("country", "RUS", ["روسيا"]),
    "United States": ("country", "USA", ["الولايات المتحدة", "واشنطن"]),
    "North Korea": ("country", "PRK", ["كوريا الشمالية"]),
    "China": ("country", "CHN", ["الصين"]),
    "Ministry of Foreign Affairs of Japan": ("organization", "JPN", ["وزارة الخارجية اليابانية"]),
    "NATO": ("organization", "NATO", ["حلف شمال الأطلسي", "الناتو"]),
    "Sejong Institute": ("organization", "KOR", ["معهد سيجونغ"]),
}


def _mentions(body: str, surfaces: list[str]) -> list[Span]:
    spans: list[Span] = []
    for surf in sorted(surfaces, key=len, reverse=True):
        for m in re.finditer(re.escape(surf), body):
            s, e = m.start(), m.end()
            if e < len(body) and body[e].isalnum():
                continue
            if s > 0 and body[s - 1].isalnum() and not (body[s - 1] in "وبلف" and (s < 2 or not body[s - 2].isalnum())):
                continue
            if any(x.start < e and s < x.end for x in spans):
                continue
            spans.append(Span(s, e, surf))
    return sorted(spans, key=lambda x: x.start)


def make_doc(body: str, names: list[str] | None = None) -> Document:
    doc = Document.from_input(text=body)
    doc.language = "ar"
    for name, (kind, country, surfaces) in CAST.items():
        if names is not None and name not in names:
            continue
        ms = _mentions(body, surfaces)
        if ms:
            code = country if kind != "person" else None
            doc.actors.append(Actor(name=name, kind=kind, country=country, code=code, mentions=ms))
    return doc


def run(body: str, names: list[str] | None = None) -> Document:
    doc = analyse(make_doc(body, names))
    for q in doc.quotes:
        assert doc.body[q.start:q.end] == q.text
    return doc


def only(doc: Document, startswith: str):
    qs = [q for q in doc.quotes if q.text.startswith(startswith)]
    assert qs, f"no quote starting with {startswith!r}; got {[q.text[:30] for q in doc.quotes]}"
    return qs[0]

