"""Cited sources: the outlets an article relies on ("نقلت وكالة تاس"، "وفق رويترز"، "(العربية)"،
"المصدر: الجزيرة"), as canonical English names from ``outlets.tsv``; an unknown outlet after a strong
cue ("ذكرت صحيفة "X"") is reported as it is written."""
from __future__ import annotations

import bisect
import re
from itertools import compress

from ..document import Span
from .text import OutletMatch, TextView, lstrip_start, rstrip_end

_PAREN_END = re.compile(r"\(([^()\n]{2,60})\)\s*\.?[ \t\u00a0]*(?=\n|$)")
_CREDIT = re.compile(r"(?m)^[ \t]*(المصدر|المصادر|مصدر الخبر|مصادر)[ \t]*:[ \t]*(.*)$")
_CREDIT_WORDS = ("مصدر", "مصادر")  # every word _CREDIT looks for holds one of these
_CREDIT_HEAD = re.compile(r"[ \t]*(المصدر|المصادر|مصدر الخبر|مصادر)[ \t]*:")
_BULLET = re.compile(r"^[\s\-–—•*·]+")
_TOKEN = re.compile(r"\w+")


def _clean(s: str) -> str:
    return " ".join(_BULLET.sub("", s).strip(" \t.،,:\"'()").split())


def _credit_lines(t: str):
    """``_CREDIT.finditer(t)``, the pattern tried only at the starts of the lines that hold one of
    ``_CREDIT_WORDS`` (found by ``str.find``) instead of at every position of the text. The same
    matches: each is a whole line from its start, so at most one per line, and none elsewhere."""
    starts = set()
    for w in _CREDIT_WORDS:
        k = t.find(w)
        while k >= 0:
            starts.add(t.rfind("\n", 0, k) + 1)
            k = t.find(w, k + 1)
    for ls in sorted(starts):
        m = _CREDIT.match(t, ls)
        if m is not None:
            yield m


_CUE_PREFIXES = ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")


def _strip_cue_clitics(w: str) -> list[str]:
    out = [w]
    for p in _CUE_PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 2:
            out.append(w[len(p):])
    return out


def _cue_kind(lex, w: str) -> str | None:
    """Kind of cue word ``w`` (clitics و ف ب ل and their pairs tolerated): the definition."""
    for c in _strip_cue_clitics(w):
        k = lex.cues.get(c)
        if k:
            return k
        if c in lex.speech:
            return "verb"
    return None


def cue_table(lex) -> dict[str, str]:
    """Every word :func:`_cue_kind` gives a kind to (a cue or speech form, bare or with a clitic
    prefix), with that kind: one dict lookup per token instead of stripping clitics. Built once per
    lexicon (and again if its cue or speech tables change size)."""
    sizes = (len(lex.cues), len(lex.speech))
    cached = lex.__dict__.get("_cue_table")
    if cached is not None and cached[0] == sizes:
        return cached[1]
    forms = set(lex.cues) | set(lex.speech)
    cands = set(forms)
    for f in forms:
        if len(f) >= 2:
            cands.update(p + f for p in _CUE_PREFIXES)
    table = {}
    for w in cands:
        k = _cue_kind(lex, w)
        if k:
            table[w] = k
    lex.__dict__["_cue_table"] = (sizes, table)
    return table


_NAME_CUE_FORMS: dict[int, tuple[dict, frozenset[str]]] = {}


def _name_cue_forms(cues: dict[str, str]) -> frozenset[str]:
    """The words :func:`cue_table` gives the kind noun, report or institution (built once per table)."""
    hit = _NAME_CUE_FORMS.get(id(cues))
    if hit is None or hit[0] is not cues:
        hit = (cues, frozenset(w for w, k in cues.items() if k in ("noun", "report", "institution")))
        _NAME_CUE_FORMS[id(cues)] = hit
    return hit[1]


class SourceFinder:
    """Finds cited sources in a :class:`TextView`; also tells which quote pairs hold outlet names."""

    def __init__(self, view: TextView, mention_spans: list[tuple], name_cue_idx: list[int] | None = None):
        """``mention_spans``: the actor mentions as ``(start, end, …)`` tuples (body offsets);
        ``name_cue_idx``: the indices of the tokens whose form is in ``_name_cue_forms`` when the
        caller has them (``QuoteExtractor.name_cue_idx``), else they are looked for here."""
        self.v = view
        self.name_cue_idx = name_cue_idx
        self.lex = view.lex
        self.mention_spans = mention_spans
        self.found: list[tuple[int, str, Span]] = []  # (body start, name, evidence span)
        self._cues = cue_table(self.lex)

    # -- helpers ---------------------------------------------------------------
    def cue_kind(self, w: str) -> str | None:
        return self._cues.get(w)

    def _add(self, name: str, ns: int, ne: int) -> None:
        s, e = self.v.orig(ns, ne)
        self.found.append((s, name, Span(s, e, self.v.body[s:e])))

    def _in_paren_at_para_end(self, m: OutletMatch) -> bool:
        t = self.v.t
        cut = rstrip_end(t, m.ns, " \t\u00a0\"")  # t[:m.ns].rstrip(…) ends at cut
        if cut == 0 or t[cut - 1] != "(":
            return False
        a = lstrip_start(t, m.ne, " \t\u00a0\"")  # t[m.ne:].lstrip(…) starts at a
        if a >= len(t) or t[a] != ")":
            return False
        r = lstrip_start(t, a + 1, " \t\u00a0.")  # the rest after ")"
        return r >= len(t) or t[r] == "\n"

    def _after_credit(self, npos: int) -> bool:
        line_start = self.v.t.rfind("\n", 0, npos) + 1
        return _CREDIT_HEAD.match(self.v.t, line_start, npos) is not None

    # -- the passes ------------------------------------------------------------
    def run(self) -> list[str]:
        self._name_pairs()
        self._known()
        self._unknown_after_noun()
        self._parentheticals()
        self._credits()
        names: list[str] = []
        for _, name, _span in sorted(self.found, key=lambda x: x[0]):
            if name not in names:
                names.append(name)
        return names

    def _known(self) -> None:
        v = self.v
        for m in v.outlet_matches:
            if self._in_paren_at_para_end(m) or self._after_credit(m.ns):
                self._add(m.outlet.name, m.ns, m.ne)
                continue
            kp = v.token_at_or_after(m.ns)
            prev = v.words[max(0, kp - 4):kp]  # the forms of v.prev_tokens(m.ns, 4)
            kinds = [self.cue_kind(w) for w in prev]
            # the alias may itself start with its outlet noun ("وكالة تاس", "قناة الجزيرة")
            first = m.outlet and self.lex.cues.get(v.t[m.ns:m.ne].split()[0])
            if m.weak:
                # weak aliases ("الجزيرة") need an outlet noun right before them
                near = [self.cue_kind(w) for w in prev[-2:]]
                if "noun" in near or first == "noun":
                    self._add(m.outlet.name, m.ns, m.ne)
                continue
            if any(kinds) or first or m.prefix.endswith("ل") or m.prefix.endswith("ب"):
                self._add(m.outlet.name, m.ns, m.ne)
                continue
            # "رويترز قالت …": a speech verb right after
            k = v.token_at_or_after(m.ne)
            nxt = v.words[k:k + 2]
            if any(w in self.lex.speech or (len(w) > 3 and w[0] in "وف" and w[1:] in self.lex.speech)
                   for w in nxt):  # Token.w or Token.base
                self._add(m.outlet.name, m.ns, m.ne)

    def _name_pairs(self) -> None:
        """Quote marks around a short name that starts with an outlet/institution noun ("“معهد X”") or is a
        known outlet hold a name, not a quotation."""
        v = self.v
        ts, te = v._tok_starts, v._tok_ends
        for p in v.pairs:
            n = v.pair_words(p)
            if n == 0 or n > 5:
                continue
            # the first word inside the marks (``_TOKEN.findall`` of the stretch): the first token
            # starting there, cut at the close (a pair cut at MAX_QUOTE_CHARS may end in a word)
            k = bisect.bisect_left(ts, p.open + 1)
            first = v.words[k] if te[k] <= p.close else v.t[ts[k]:p.close]
            # (the view's text is normalised already, and normalising again changes nothing:
            # lexicon.norm() of it is its space-folded form)
            if self.cue_kind(first) in ("noun", "institution") or " ".join(
                    v.t[p.open + 1:p.close].split()) in self.lex.outlets:
                p.name_like = True

    def _unknown_after_noun(self) -> None:
        """ "ذكرت صحيفة "X"" / "لصحيفة "X"": an outlet noun after a cue, then a short name in quote marks."""
        v = self.v
        words, te = v.words, v._tok_ends
        idx = self.name_cue_idx
        if idx is None:
            forms = _name_cue_forms(self._cues)
            idx = compress(range(len(words)), map(forms.__contains__, words))
        for k in idx:
            ne = te[k]
            after = v.t[ne:ne + 3]
            off = len(after) - len(after.lstrip(" \t\u00a0"))
            p = v.pair_opening_at(ne + off)
            if p is None or not p.closed or v.pair_words(p) > 6 or v.pair_words(p) == 0:
                continue
            tk = v.tok[k]
            p.name_like = True
            key = " ".join(v.t[p.open + 1:p.close].split())  # lexicon.norm() of the normalised text
            if key in self.lex.outlets:
                continue  # a known outlet: reported by _known
            if self.cue_kind(tk.w) != "noun":
                continue
            prev = v.prev_tokens(tk.ns, 3)
            strong = tk.w != tk.base or tk.w[0] in "لب" or any(
                self.cue_kind(x.w) in ("verb", "prep") for x in prev)
            if strong:
                span = v.trimmed_span(p.open + 1, p.close)
                if span:
                    s, e = span
                    self.found.append((s, self.v.body[s:e], Span(s, e, self.v.body[s:e])))

    def _parentheticals(self) -> None:
        v = self.v
        unknown = []
        n_paren = 0
        for m in _PAREN_END.finditer(v.t):
            content = " ".join(m.group(1).split())
            n_paren += 1
            if content.strip('"') in self.lex.outlets or content in self.lex.outlets:
                continue  # known: handled by _known
            toks = _TOKEN.findall(content)
            if not toks or len(toks) > 4 or any(ch.isdigit() for ch in content):
                continue
            s, e = v.orig(m.start(1), m.end(1))
            if any(m[0] < e and s < m[1] for m in self.mention_spans):
                continue
            unknown.append((m.start(1), m.end(1)))
        if n_paren >= 2:  # a pattern of paragraph-end credits, not a stray aside
            for ns, ne in unknown:
                span = v.trimmed_span(ns, ne)
                if span:
                    s, e = span
                    self.found.append((s, v.body[s:e], Span(s, e, v.body[s:e])))

    def _credits(self) -> None:
        v = self.v
        for m in _credit_lines(v.t):
            rest = m.group(2)
            if rest.strip():
                items = [(m.start(2), m.end(2))]
            else:
                items = []
                pos = m.end()
                for line in v.t[m.end():].split("\n")[1:20]:
                    start = pos + 1
                    pos = start + len(line)
                    if not line.strip():
                        continue
                    items.append((start, pos))
                    if len(items) >= 10:
                        break
            for ns, ne in items:
                text = _clean(v.t[ns:ne])
                if not text:
                    continue
                hit = v.outlets_within(ns, ne)
                if hit:
                    for om in hit:  # weak aliases count here too ("المصادر:" list, "المصدر: الجزيرة")
                        self._add(om.outlet.name, om.ns, om.ne)
                    continue
                if len(_TOKEN.findall(text)) > (5 if rest.strip() else 3):
                    if not rest.strip():
                        break  # end of the list
                    continue
                span = v.trimmed_span(ns, ne)
                if span:
                    s, e = span
                    s2 = s + len(v.body[s:e]) - len(_BULLET.sub("", v.body[s:e]))
                    self.found.append((s2, v.body[s2:e], Span(s2, e, v.body[s2:e])))
