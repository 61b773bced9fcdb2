"""Script-based language identification, tuned for telling Arabic from everything else."""
from __future__ import annotations

# Letters used by Persian/Urdu but not by Arabic (پ چ ژ گ and Urdu ٹ ڈ ڑ ں ے).
_PERSIAN = set("پچژگ")
_URDU = set("ٹڈڑںےۓ")


def detect_language(text: str) -> str:
    """Return an ISO 639-1 code: ``ar`` for Arabic, ``fa``/``ur`` for Persian/Urdu, ``en`` for
    Latin-script text, ``ru`` for Cyrillic, ``und`` when the text has no letters.
    """
    arabic = latin = cyrillic = other = 0
    persian = urdu = 0
    for ch in text:
        if not ch.isalpha():
            continue
        cp = ord(ch)
        if 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0xFB50 <= cp <= 0xFEFF:
            arabic += 1
            if ch in _PERSIAN:
                persian += 1
            elif ch in _URDU:
                urdu += 1
        elif cp < 0x0250:
            latin += 1
        elif 0x0400 <= cp <= 0x04FF:
            cyrillic += 1
        else:
            other += 1
    total = arabic + latin + cyrillic + other
    if total == 0:
        return "und"
    if arabic / total >= 0.5:
        if urdu / arabic > 0.01:
            return "ur"
        if persian / arabic > 0.01:
            return "fa"
        return "ar"
    if latin / total >= 0.5:
        return "en"
    if cyrillic / total >= 0.5:
        return "ru"
    return "und"
