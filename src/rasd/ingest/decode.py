"""Decode bytes of a text file: UTF-8 (with or without BOM), UTF-16 (BOM or not), windows-1256.

Never guess silently wrong: a file that is none of those, or binary, is an error that says so.
"""
from __future__ import annotations

import codecs

from ..errors import InputError

_ARABIC = range(0x0600, 0x0700)


def _arabic_share(text: str) -> float:
    """Share of Arabic letters among the non-ASCII letters of ``text``."""
    non_ascii = [c for c in text if ord(c) > 127 and c.isalpha()]
    if not non_ascii:
        return 0.0
    return sum(1 for c in non_ascii if ord(c) in _ARABIC) / len(non_ascii)


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    ctrl = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t\f\v") or 0x80 <= ord(c) < 0xA0)
    return "\x00" in text or ctrl / len(text) > 0.02


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even_nul = data[0::2].count(0) / (len(data) / 2)
    odd_nul = data[1::2].count(0) / (len(data) / 2)
    # Latin text in UTF-16 has a NUL byte in every other position; Arabic text (U+06xx)
    # has 0x06 there instead. Look for a strongly one-sided pattern of high bytes.
    hi_le = data[1::2]
    hi_be = data[0::2]
    for enc, hi, nul in (("utf-16-le", hi_le, odd_nul), ("utf-16-be", hi_be, even_nul)):
        share = sum(1 for b in hi if b in (0x00, 0x06, 0x20)) / len(hi)
        if share > 0.95 and (nul > 0.05 or hi.count(0x06) / len(hi) > 0.3):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`InputError` naming ``source`` and the reason."""
    if not data or not data.strip():
        raise InputError(source, "empty input")
    if data.startswith(codecs.BOM_UTF8):
        try:
            text, enc = data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError(source, f"starts with a UTF-8 byte-order mark but is not valid UTF-8 ({exc.reason} at byte {exc.start + 3})") from None
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(source, "starts with a UTF-16 byte-order mark but is not valid UTF-16") from None
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            u16 = _utf16_without_bom(data)
            if u16 is not None and not _looks_binary(u16):
                text, enc = u16, "utf-16"
            elif b"\x00" in data:
                raise InputError(source, "binary file (contains NUL bytes), not text") from None
            else:
                text = data.decode("cp1256", errors="replace")
                enc = "windows-1256"
                if "\ufffd" in text or _looks_binary(text) or _arabic_share(text) < 0.6:
                    raise InputError(
                        source,
                        "undecodable: not UTF-8, UTF-16 or Arabic windows-1256 text "
                        "(convert it to UTF-8 first)",
                    ) from None
        else:
            u16 = _utf16_without_bom(data) if "\x00" in text else None
            if u16 is not None:
                text, enc = u16, "utf-16"
    if _looks_binary(text):
        raise InputError(source, "binary file (control characters), not text")
    if not text.strip():
        raise InputError(source, "empty input (only whitespace)")
    return text, enc
