"""Helpers for event-coding tests: documents with hand-built actor mentions (our own table)."""
from __future__ import annotations

import datetime as dt

from rasd.document import Actor, Document, Span
from rasd.events.coder import EventCoder

# (name, kind, country code, Arabic surface forms) — our own small actor table for tests
ACTORS = [
    ("Russia", "country", "RUS", ["روسيا"]),
    ("Moscow", "city", "RUS", ["موسكو"]),
    ("Vladimir Putin", "person", "RUS", ["فلاديمير بوتين", "بوتين"]),
    ("North Korea", "country", "PRK", ["كوريا الشمالية"]),
    ("Pyongyang", "city", "PRK", ["بيونغ يانغ"]),
    ("Kim Jong Un", "person", "PRK", ["كيم جونغ أون", "كيم"]),
    ("South Korea", "country", "KOR", ["كوريا الجنوبية"]),
    ("United States", "country", "USA", ["الولايات المتحدة"]),
    ("Washington", "city", "USA", ["واشنطن"]),
    ("Ukraine", "country", "UKR", ["أوكرانيا"]),
    ("Kyiv", "city", "UKR", ["كييف"]),
    ("Japan", "country", "JPN", ["اليابان"]),
    ("China", "country", "CHN", ["الصين"]),
    ("Iran", "country", "IRN", ["إيران"]),
    ("Egypt", "country", "EGY", ["مصر"]),
    ("Jordan", "country", "JOR", ["الأردن"]),
    ("NATO", "organization", "NATO", ["الناتو", "حلف شمال الأطلسي"]),
    ("United Nations", "organization", "UN", ["الأمم المتحدة"]),
    ("Israel", "country", "ISR", ["إسرائيل"]),
    ("Turkey", "country", "TUR", ["تركيا"]),
]


def make_doc(text: str, published: str | None = None) -> Document:
    doc = Document.from_input(text=text, published=published)
    doc.language = "ar"
    for name, kind, code, surfaces in ACTORS:
        a = Actor(name=name, kind=kind, country=code, code=code)
        taken: list[tuple[int, int]] = []
        for surf in sorted(surfaces, key=len, reverse=True):
            i = text.find(surf)
            while i >= 0:
                if not any(s <= i < e for s, e in taken):
                    taken.append((i, i + len(surf)))
                i = text.find(surf, i + 1)
        for s, e in sorted(taken):
            a.mentions.append(Span(s, e, text[s:e]))
        if a.mentions:
            doc.actors.append(a)
    return doc


_CODER = EventCoder()




def triples(events, plover=None):
    return {(e.source, e.plover, e.target) for e in events if plover is None or e.plover == plover}
