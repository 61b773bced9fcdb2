"""The text view the quote extractor works on: normalised tokens with body offsets, sentences,
paragraphs, quote-mark pairs and outlet matches.

All analysis runs on the normalised text (``rasd.normalize``) so that “ ” « » " all read as ``"``
and hamza/alef variants compare equal; every span handed out is mapped back to ``doc.body``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..normalize import NormText, normalize
from .lexicon import OUTLET_CLITICS, Lexicon, Outlet

MAX_QUOTE_CHARS = 1500  # a quote never runs longer than this (unclosed marks, missing full stops)

_TOKEN = re.compile(r"\w+")
_SENT_END = re.compile(r"[.!?؟](?=[\s\"')\]]|$)|\n|؛")
_CLITICS = ("و", "ف")
_NEWLINE = re.compile("\n")
_QUOTE = re.compile('"')
_WORDCHAR = re.compile(r"\w")
_SPACE = re.compile(r"\s")


@dataclass(slots=True)
class Token:
    i: int
    ns: int  # start in normalised text
    ne: int
    s: int  # start in body
    e: int
    w: str  # normalised form
    base: str  # without a leading و/ف (when what is left is still a word)
    sent: int
    para: int

    @property
    def has_clitic(self) -> bool:
        return self.base != self.w


@dataclass
class QuotePair:
    """A stretch between quote marks (normalised offsets of the marks; ``close`` may be the paragraph end)."""

    open: int
    close: int
    closed: bool
    name_like: bool = False  # an outlet or institution name in quote marks, not a quotation


@dataclass
class OutletMatch:
    ns: int
    ne: int
    s: int
    e: int
    outlet: Outlet
    weak: bool
    prefix: str  # the clitics matched before the alias (ل، ب، و …)


class TextView:
    def __init__(self, body: str, lex: Lexicon, nt: NormText | None = None):
        """``nt``: ``normalize(body)`` when the caller has it (``Document.normalized()``)."""
        self.body = body
        self.lex = lex
        self.nt: NormText = nt if nt is not None else normalize(body)
        t = self.nt.text
        self.t = t
        # sentence and paragraph boundaries (normalised offsets of the boundary characters)
        self.sent_bounds = sb = [m.start() for m in _SENT_END.finditer(t)]
        self.para_bounds = pb = [m.start() for m in _NEWLINE.finditer(t)]
        # tokens; sentence/paragraph indexes by one merge walk (= bisect_left of the token start)
        offs = self.nt.offsets
        toks: list[Token] = []
        append = toks.append
        si = pi = 0
        nsb, npb = len(sb), len(pb)
        for m in _TOKEN.finditer(t):
            ns, ne = m.span()
            while si < nsb and sb[si] < ns:
                si += 1
            while pi < npb and pb[pi] < ns:
                pi += 1
            w = m.group()
            base = w[1:] if (len(w) > 3 and w[0] in _CLITICS) else w
            append(Token(len(toks), ns, ne, offs[ns], offs[ne - 1] + 1, w, base, si, pi))
        self.tokens = toks
        self._tok_starts = [tk.ns for tk in toks]
        self.pairs = self._quote_pairs()
        self._pair_by_open = {p.open: p for p in self.pairs}
        self.outlet_matches = self._outlets()

    # -- positions -------------------------------------------------------------
    def sentence_of(self, npos: int) -> int:
        return bisect.bisect_left(self.sent_bounds, npos)

    def paragraph_of(self, npos: int) -> int:
        return bisect.bisect_left(self.para_bounds, npos)

    def sentence_end(self, npos: int) -> int:
        """Normalised offset of the end of the sentence containing ``npos`` (its boundary char)."""
        k = bisect.bisect_left(self.sent_bounds, npos)
        return self.sent_bounds[k] if k < len(self.sent_bounds) else len(self.t)

    def paragraph_end(self, npos: int) -> int:
        k = bisect.bisect_left(self.para_bounds, npos)
        return self.para_bounds[k] if k < len(self.para_bounds) else len(self.t)

    def token_at_or_after(self, npos: int) -> int:
        """Index of the first token starting at or after ``npos`` (len(tokens) if none)."""
        return bisect.bisect_left(self._tok_starts, npos)

    def orig(self, ns: int, ne: int) -> tuple[int, int]:
        return self.nt.to_original(ns, ne)

    def trimmed_span(self, ns: int, ne: int) -> tuple[int, int] | None:
        """Body span of normalised ``[ns, ne)`` without surrounding spaces and stray punctuation."""
        t = self.t
        while ns < ne and (t[ns].isspace() or t[ns] in "،,:;-–—"):
            ns += 1
        while ne > ns and (t[ne - 1].isspace() or t[ne - 1] in "،,:;-–—"):
            ne -= 1
        if ne <= ns:
            return None
        return self.orig(ns, ne)

    # -- quote marks -----------------------------------------------------------
    def _quote_pairs(self) -> list[QuotePair]:
        """Pair the quote marks of each paragraph by toggling: news text mixes “ ” « » " freely and even
        reverses them (” … “), so direction is not trusted. An unclosed mark runs to the paragraph end."""
        pairs: list[QuotePair] = []
        t = self.t
        offs = self.nt.offsets
        body = self.body
        marks = [m.start() for m in _QUOTE.finditer(t)]
        nm = len(marks)
        k = 0
        start = 0
        for end in self.para_bounds + [len(t)]:
            opened = -1
            guil: list[int] = []  # « » are unambiguous and may nest around “ ” / "
            while k < nm and marks[k] < start:
                k += 1
            while k < nm and marks[k] < end:
                i = marks[k]
                k += 1
                ch = body[offs[i]]
                if ch == "«":
                    guil.append(i)
                elif ch == "»":
                    if guil:
                        pairs.append(QuotePair(guil.pop(), i, True))
                    elif opened >= 0:
                        pairs.append(QuotePair(opened, i, True))
                        opened = -1
                elif opened < 0:
                    opened = i
                else:
                    pairs.append(QuotePair(opened, i, True))
                    opened = -1
            for o in guil:
                pairs.append(QuotePair(o, end, False))
            if opened >= 0:
                pairs.append(QuotePair(opened, end, False))
            start = end + 1
        pairs.sort(key=lambda p: (p.open, -p.close))
        for p in pairs:
            if p.close - p.open > MAX_QUOTE_CHARS:
                p.close = p.open + MAX_QUOTE_CHARS
                p.closed = False
        return pairs

    def pair_opening_at(self, npos: int) -> QuotePair | None:
        return self._pair_by_open.get(npos)

    def pair_containing(self, npos: int) -> QuotePair | None:
        """The innermost quote pair around ``npos``."""
        best = None
        for p in self.pairs:
            if p.open < npos < p.close and (best is None or p.open > best.open):
                best = p
        return best

    def outermost_pair_containing(self, npos: int) -> QuotePair | None:
        for p in self.pairs:
            if p.open < npos < p.close:
                return p
        return None

    def pair_words(self, p: QuotePair) -> int:
        return len(_TOKEN.findall(self.t[p.open + 1:p.close]))

    # -- outlets ---------------------------------------------------------------
    def _outlet_hits(self):
        """``lex.outlet_regex.finditer(self.t)``, trying the regex only where an alias can start
        (:attr:`Lexicon.outlet_starts`) instead of at every word start. Same matches: the regex starts
        with ``(?<![\\w])`` and optional clitics, then the literal first word of an alias; the leftmost
        candidate where it matches is the leftmost match, and the scan resumes at its end."""
        if not self.lex.outlets:
            return  # (an empty alternation only yields empty matches, which name no outlet)
        t = self.t
        rx = self.lex.outlet_regex
        full, odd = self.lex.outlet_starts
        starts = {tk.ns for tk in self.tokens if tk.w in full}
        if odd is not None:
            n = len(t)
            for end_idx, (ln, single, multi) in odd.iter(t):
                end = end_idx + 1
                q = end - ln
                if not ((single and (end >= n or not _WORDCHAR.match(t, end)))
                        or (multi and end < n and _SPACE.match(t, end))):
                    continue
                for c in OUTLET_CLITICS:
                    p = q - len(c)
                    if p >= 0 and t.startswith(c, p) and (p == 0 or not _WORDCHAR.match(t, p - 1)):
                        starts.add(p)
        pos = 0
        for p in sorted(starts):
            if p < pos:
                continue
            m = rx.match(t, p)
            if m is not None:
                yield m
                pos = m.end()

    def _outlets(self) -> list[OutletMatch]:
        out = []
        for m in self._outlet_hits():
            alias = " ".join(m.group(1).split())
            entry = self.lex.outlets.get(alias)
            if entry is None:
                continue
            s, e = self.orig(m.start(1), m.end(1))
            out.append(OutletMatch(m.start(1), m.end(1), s, e, entry[0], entry[1],
                                   self.t[m.start():m.start(1)]))
        return out

    def prev_tokens(self, npos: int, n: int) -> list[Token]:
        k = self.token_at_or_after(npos)
        return self.tokens[max(0, k - n):k]
