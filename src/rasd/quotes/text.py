"""The text view the quote extractor works on: normalised tokens with body offsets, sentences,
paragraphs, quote-mark pairs and outlet matches.

All analysis runs on the normalised text (``rasd.normalize``) so that “ ” « » " all read as ``"``
and hamza/alef variants compare equal; every span handed out is mapped back to ``doc.body``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate, compress

import numpy as np

from ..clean.wordsplit import word_lut
from ..normalize import NormText, normalize
from .lexicon import OUTLET_CLITICS, Lexicon, Outlet

MAX_QUOTE_CHARS = 1500  # a quote never runs longer than this (unclosed marks, missing full stops)

_TOKEN_SPLIT = re.compile(r"(\w+)")  # the tokens (\w+ runs), by re.split (short texts)
_NUMPY_MIN = 200  # shorter texts are tokenised by the regex (less set-up than numpy's)
_IS_WORD: np.ndarray | None = None  # BMP code point -> 1 if a \w character (int8), built once
# a full stop (before a space, a closing mark or the end), a newline or an Arabic semicolon: written
# as one character class first, so that the regex engine skips ahead to the candidate characters
# instead of trying three alternatives at every position
_SENT_END = re.compile(r"[.!?؟\n؛](?:(?<=[.!?؟])(?=[\s\"')\]]|$)|(?<=[\n؛]))")
_CLITICS = ("و", "ف")
_NEWLINE = re.compile("\n")
_QUOTE = re.compile('"')
_WORDCHAR = re.compile(r"\w")
_SPACE = re.compile(r"\s")
# the bit of a word-class table (:class:`TextView`'s ``word_flags``) that marks the tokens an outlet
# alias may start at (``Lexicon.outlet_starts``); the quote extractor's classes use the others
F_OUTLET = 1 << 8


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


_HSPACE = " \t\u00a0"
# what trimmed_span strips: every character for which str.isspace() is true (all of them are below
# U+3001, U+3000 being the last) and the stray punctuation
_TRIM = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "،,:;-–—"


def rstrip_end(t: str, pos: int, chars: str = _HSPACE) -> int:
    """``len(t[:pos].rstrip(chars))`` without copying the text."""
    while pos > 0 and t[pos - 1] in chars:
        pos -= 1
    return pos


def lstrip_start(t: str, pos: int, chars: str = _HSPACE) -> int:
    """``len(t) - len(t[pos:].lstrip(chars))`` (where ``t[pos:].lstrip(chars)`` starts), without copying."""
    n = len(t)
    while pos < n and t[pos] in chars:
        pos += 1
    return pos


def _is_word_table() -> np.ndarray:
    """Code point (BMP) -> 1 for a ``\\w`` character, else 0, from ``clean.wordsplit``'s table
    (which maps a word character to itself and every other one to a space or ``\\n``)."""
    global _IS_WORD
    if _IS_WORD is None:
        lut = word_lut()
        _IS_WORD = ((lut != 32) & (lut != 10)).astype(np.int8)
    return _IS_WORD


def tokenise(t: str) -> tuple[list[str], list[int], list[int]]:
    """The ``\\w+`` runs of ``t`` as parallel lists: the words, their starts and their ends. A
    long text is tokenised by table lookups (numpy): the word mask's ``split()`` gives the words
    (``clean.wordsplit``), and the changes of the word-character flag from one character to the
    next are, in turn, a start and an end (the flag padded with a 0 at both ends, so that a word
    at either end of the text rises and falls too); a short one (or one with a character outside
    the BMP) by one regex split and a running sum of the part lengths."""
    if len(t) >= _NUMPY_MIN:
        cp = np.frombuffer(t.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if np.maximum.reduce(cp) < 0x10000:
            words = word_lut().take(cp).tobytes().decode("utf-32-le", "surrogatepass").split()
            flag = np.zeros(len(cp) + 2, np.int8)
            _is_word_table().take(cp, out=flag[1:-1])
            edges = np.flatnonzero(flag[1:] != flag[:-1]).tolist()
            return words, edges[0::2], edges[1::2]
    parts = _TOKEN_SPLIT.split(t)
    acc = list(accumulate(map(len, parts)))
    words = parts[1::2]
    return words, acc[0:2 * len(words):2], acc[1::2]


class _TokenTable(dict):
    """Token index -> :class:`Token`, each built (and kept) on first access (``__missing__``): the
    arrays ``words``/``_tok_starts``/``_tok_ends`` hold every token, and most tokens of an article are
    never looked at one by one. A token already built is found by a plain (C-level) dict lookup.
    Indexing follows a list (negative indices count from the end, IndexError out of range), but
    ``len()`` and iteration are those of the dict: use :class:`_Tokens` for a sequence."""

    __slots__ = ("_n", "_starts", "_ends", "_words", "_offs", "_sents", "_paras")

    def __init__(self, view: "TextView", n: int):
        super().__init__()
        self._n = n
        # the view's arrays, not the view: a table that pointed back at its view would make the two
        # a reference cycle, and every article's view, tokens and matches garbage for the cyclic
        # collector instead of being freed as soon as the stage lets go of them
        self._starts, self._ends, self._words = view._tok_starts, view._tok_ends, view.words
        self._offs, self._sents, self._paras = view.nt.offsets, view.sent_bounds, view.para_bounds

    def __missing__(self, i: int) -> Token:
        n = self._n
        k = i + n if i < 0 else i
        if not 0 <= k < n:
            raise IndexError("token index out of range")
        if k != i:
            return self[k]
        ns, ne = self._starts[i], self._ends[i]
        w = self._words[i]
        base = w[1:] if (len(w) > 3 and w[0] in _CLITICS) else w
        offs = self._offs
        tk = Token(i, ns, ne, offs[ns], offs[ne - 1] + 1, w, base,
                   bisect.bisect_left(self._sents, ns), bisect.bisect_left(self._paras, ns))
        self[i] = tk
        return tk


class _Tokens:
    """The tokens of a :class:`TextView` as a read-only sequence of :class:`Token` (slices and
    iteration included), over the view's :class:`_TokenTable`."""

    __slots__ = ("_table", "_n")

    def __init__(self, table: _TokenTable, n: int):
        self._table = table
        self._n = n

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._table[k] for k in range(*i.indices(self._n))]
        return self._table[i]

    def __iter__(self):
        table = self._table
        for i in range(self._n):
            yield table[i]


@dataclass(slots=True)
class QuotePair:
    """A stretch between quote marks (normalised offsets of the marks; ``close`` may be the paragraph end)."""

    open: int
    close: int
    closed: bool
    name_like: bool = False  # an outlet or institution name in quote marks, not a quotation


@dataclass(slots=True)
class OutletMatch:
    ns: int
    ne: int
    s: int
    e: int
    outlet: Outlet
    weak: bool
    prefix: str  # the clitics matched before the alias (ل، ب، و …)


def _outlet_flags(lex: Lexicon) -> dict[str, int]:
    """The word-class table of a view built without one: the outlet start tokens (kept per lexicon)."""
    full = lex.outlet_starts[0]
    cached = lex.__dict__.get("_outlet_flags")
    if cached is None or cached[0] is not full:
        cached = lex.__dict__["_outlet_flags"] = (full, dict.fromkeys(full, F_OUTLET))
    return cached[1]


class TextView:
    def __init__(self, body: str, lex: Lexicon, nt: NormText | None = None,
                 word_flags: dict[str, int] | None = None):
        """``nt``: ``normalize(body)`` when the caller has it (``Document.normalized()``).
        ``word_flags``: token form -> class bits, :data:`F_OUTLET` set for every outlet start token
        (the quote extractor's table; by default a table of the outlet starts alone). The tokens in it
        are found in one C-level pass over the words, ``marked`` (their indices, in order), which the
        outlet search and the extractor's and source finder's indexes then share."""
        self.body = body
        self.lex = lex
        self.nt: NormText = nt if nt is not None else normalize(body)
        t = self.nt.text
        self.t = t
        # sentence and paragraph boundaries (normalised offsets of the boundary characters)
        self.sent_bounds = [m.start() for m in _SENT_END.finditer(t)]
        self.para_bounds = [m.start() for m in _NEWLINE.finditer(t)]
        # tokens as parallel arrays of ints and strings (C-level passes, no object per token);
        # a Token object is built only for the tokens the extractor looks at (``self.tokens[i]``)
        self.words, self._tok_starts, self._tok_ends = tokenise(t)
        n = len(self.words)
        # ``tok[i]``: the hot paths' token access (a dict lookup once built); ``tokens``: as a sequence
        self.tok = _TokenTable(self, n)
        self.tokens = _Tokens(self.tok, n)
        self.word_flags = _outlet_flags(lex) if word_flags is None else word_flags
        self.marked = list(compress(range(n), map(self.word_flags.__contains__, self.words)))
        self.pairs = self._quote_pairs()
        self._pair_by_open = {p.open: p for p in self.pairs}
        # for bisecting (pairs are sorted by open; no two share an open mark): the opens, and the
        # largest close among the first k + 1 pairs
        self._pair_opens = [p.open for p in self.pairs]
        self._pair_maxclose = list(accumulate((p.close for p in self.pairs), max))
        self.outlet_matches = self._outlets()
        # for bisecting (the matches are in order and do not overlap): their normalised starts and
        # ends, their body starts and the largest body end among the first k matches
        self._outlet_starts = [om.ns for om in self.outlet_matches]
        self._outlet_ends = [om.ne for om in self.outlet_matches]
        self._outlet_body_starts = [om.s for om in self.outlet_matches]
        self._outlet_body_maxend = [0, *accumulate((om.e for om in self.outlet_matches), max)]

    # -- positions -------------------------------------------------------------
    def sentence_of(self, npos: int) -> int:
        return bisect.bisect_left(self.sent_bounds, npos)

    def paragraph_of(self, npos: int) -> int:
        return bisect.bisect_left(self.para_bounds, npos)

    def sentence_floor(self, npos: int) -> int:
        """The last sentence boundary before ``npos`` (-1 if none): a token starting at ``ns`` is in
        the sentence of ``npos`` (``sentence_of(ns) == sentence_of(npos)``, ``ns <= npos``) iff
        ``ns > sentence_floor(npos)``."""
        k = bisect.bisect_left(self.sent_bounds, npos)
        return self.sent_bounds[k - 1] if k > 0 else -1

    def sentence_end(self, npos: int) -> int:
        """Normalised offset of the end of the sentence containing ``npos`` (its boundary char)."""
        k = bisect.bisect_left(self.sent_bounds, npos)
        return self.sent_bounds[k] if k < len(self.sent_bounds) else len(self.t)

    def sentence_limits(self, npos: int) -> tuple[int, int]:
        """``(sentence_floor(npos), sentence_end(npos))``, by one bisection."""
        sb = self.sent_bounds
        k = bisect.bisect_left(sb, npos)
        return sb[k - 1] if k > 0 else -1, sb[k] if k < len(sb) else len(self.t)

    def paragraph_end(self, npos: int) -> int:
        k = bisect.bisect_left(self.para_bounds, npos)
        return self.para_bounds[k] if k < len(self.para_bounds) else len(self.t)

    def token_at_or_after(self, npos: int) -> int:
        """Index of the first token starting at or after ``npos`` (len(tokens) if none)."""
        return bisect.bisect_left(self._tok_starts, npos)

    def orig(self, ns: int, ne: int) -> tuple[int, int]:
        if 0 <= ns < ne <= len(self.t):  # nt.to_original of a non-empty span, inlined
            offs = self.nt.offsets
            return offs[ns], offs[ne - 1] + 1
        return self.nt.to_original(ns, ne)

    def trimmed_span(self, ns: int, ne: int) -> tuple[int, int] | None:
        """Body span of normalised ``[ns, ne)`` without surrounding spaces and stray punctuation."""
        seg = self.t[ns:ne]
        kept = seg.lstrip(_TRIM)  # (C-level strips instead of a test per character)
        ns += len(seg) - len(kept)
        ne = ns + len(kept.rstrip(_TRIM))
        if ne <= ns:
            return None
        if ns >= 0:  # (then ne <= len(t), as the span is a slice of t): self.orig, inlined
            offs = self.nt.offsets
            return offs[ns], offs[ne - 1] + 1
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
        """The innermost quote pair around ``npos``: the one with the largest open before it whose
        close is after it."""
        pairs, maxclose = self.pairs, self._pair_maxclose
        for k in range(bisect.bisect_left(self._pair_opens, npos) - 1, -1, -1):
            if maxclose[k] <= npos:
                return None  # no pair up to here closes after npos
            if pairs[k].close > npos:
                return pairs[k]
        return None

    def outermost_pair_containing(self, npos: int) -> QuotePair | None:
        """The first pair (in order) around ``npos``: the first one closing after ``npos`` contains it
        if it opens before it, and none does otherwise (every later pair opens later)."""
        k = bisect.bisect_right(self._pair_maxclose, npos)
        if k < len(self.pairs) and self.pairs[k].open < npos:
            return self.pairs[k]
        return None

    def pair_words(self, p: QuotePair) -> int:
        """The number of words between the marks of ``p`` (``\\w+`` runs of ``t[p.open + 1:p.close]``):
        the tokens starting in that stretch, as the opening mark is no word character (a close cut
        at MAX_QUOTE_CHARS inside a word counts that word's start, as the text slice does)."""
        ts = self._tok_starts
        return bisect.bisect_left(ts, p.close) - bisect.bisect_left(ts, p.open + 1)

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
        odd = self.lex.outlet_starts[1]
        ts, words = self._tok_starts, self.words
        n_tok = len(words)
        cached, outlet_at = self.lex.outlet_at_cache, self.lex.outlet_at
        flags = self.word_flags
        # start -> the regex to try there: the token's own cut-down regex (skipped when the next
        # token cannot continue any of its aliases) or, set below, the full regex
        starts = {}
        for k in self.marked:
            w = words[k]
            if not flags[w] & F_OUTLET:
                continue
            rw, follow = cached.get(w) or outlet_at(w)
            if rw is not None and (follow is None or (k + 1 < n_tok and words[k + 1] in follow)):
                starts[ts[k]] = rw
        n = len(t)
        for word, single, multi in odd:  # every occurrence of each (overlapping ones included)
            q = t.find(word)
            while q >= 0:
                end = q + len(word)
                if (single and (end >= n or not _WORDCHAR.match(t, end))) \
                        or (multi and end < n and _SPACE.match(t, end)):
                    for c in OUTLET_CLITICS:
                        p = q - len(c)
                        if p >= 0 and t.startswith(c, p) and (p == 0 or not _WORDCHAR.match(t, p - 1)):
                            starts[p] = rx  # an alias with a non-word first word may start here
                q = t.find(word, q + 1)
        pos = 0
        for p in sorted(starts):
            if p < pos:
                continue
            m = starts[p].match(t, p)
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

    def outlets_within(self, ns: int, ne: int) -> list[OutletMatch]:
        """The outlet matches inside normalised ``[ns, ne)`` (``ns <= om.ns and om.ne <= ne``): in order
        and not overlapping, their starts and ends both increase, so they are one slice."""
        return self.outlet_matches[bisect.bisect_left(self._outlet_starts, ns):
                                   bisect.bisect_right(self._outlet_ends, ne)]

    def outlet_overlaps(self, s: int, e: int) -> bool:
        """Does an outlet match overlap body ``[s, e)`` (``om.s < e and s < om.e``)?"""
        return self._outlet_body_maxend[bisect.bisect_left(self._outlet_body_starts, e)] > s

    def outlet_covers(self, s: int) -> bool:
        """Is body offset ``s`` inside an outlet match (``om.s <= s < om.e``)?"""
        return self._outlet_body_maxend[bisect.bisect_right(self._outlet_body_starts, s)] > s

    def in_outlet(self, npos: int) -> bool:
        """Is normalised offset ``npos`` inside an outlet match (``om.ns <= npos < om.ne``)? The
        matches are in order and do not overlap, so only the last one starting at or before it can."""
        k = bisect.bisect_right(self._outlet_starts, npos) - 1
        return k >= 0 and npos < self.outlet_matches[k].ne

    def prev_tokens(self, npos: int, n: int) -> list[Token]:
        k = self.token_at_or_after(npos)
        return self.tokens[max(0, k - n):k]
