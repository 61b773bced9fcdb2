"""Boilerplate removal for flattened article text (HTML already gone).

The text is cut into lines. Each line is classified in passes:

1. **markers** (``data/boilerplate/markers.tsv``): UI strings, search boxes, ad markers, UUIDs,
   comment forms, share/follow/app prompts, tag-list prefixes, copyright, "read also"/related headers;
2. **metadata labels** (``labels.tsv``): date, credit ("المصدر: …"), byline and source-list lines
   are protected, never boilerplate; the short lines under a "المصادر:" header are kept as the list;
3. **read-also blocks**: a related/latest/read-also header followed by a list of headlines goes,
   with the list; a header followed by a full story is left in place for ``clean.appended.v1``;
4. **features** for unmarked lines: repetition (a line already seen, e.g. the duplicated title),
   lines without letters or digits, tag/category lines outside the article's prose block (made of
   country and section names, apart or glued, ``tag_terms.tsv``), short Latin-only UI lines above
   the prose of an Arabic article;
5. **context**: up to ``sandwich_max_lines`` short unpunctuated lines lying between two marker lines
   (an advert between an ad marker and a related-posts header) go too.

Lines removed are returned in order (they become ``doc.removed``), nothing vanishes silently.
Dates, bylines, credit lines, datelines and in-body sub-headings are kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalize import normalize_text

from .language import script_counts
from .wordsplit import word_mask
from .markers import LabelSet, MarkerSet, TagTerms, arabic_letters, ends_sentence, latin_letters

_WORD_RE = re.compile(r"\w+")

# families of markers that are strong evidence of page furniture (used by the context pass)
_MENU_SEP = re.compile(r"\s*[|•·»｜]\s*")
_MENU_ITEM_BAD = re.compile(r"[.،؛:!?؟0-9٠-٩]")
_MENU_CHAR = re.compile(r"[|•·»｜]")  # a line without one of these has one item: no menu


def is_menu(text: str) -> bool:
    """A navigation menu flattened into one line: three or more short items (one to three words,
    no sentence punctuation or figures) separated by | • · » — "الرئيسية | سياسة | اقتصاد"."""
    if _MENU_CHAR.search(text) is None:
        return False
    parts = _MENU_SEP.split(text.strip())
    if len(parts) < 3:
        return False
    for p in parts:
        n = len(p.split())
        if not 1 <= n <= 3 or _MENU_ITEM_BAD.search(p):
            return False
    return True


STRONG = frozenset({"ui", "search", "nav", "ad", "id", "comment", "share", "follow", "app",
                    "newsletter", "tags", "copyright", "readalso", "related"})


@dataclass
class Line:
    start: int
    end: int  # end of the text, before "\n"
    text: str
    key: str
    words: int
    norm: str = ""  # the normalised line (rasd.normalize.normalize_text)
    family: str | None = None  # boilerplate family when removed
    label: str | None = None  # metadata label field (published, credit, …) when protected
    keep: bool = False  # protected: never removed by heuristics

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class BoilerplateOptions:
    prose_min_words: int = 20  # a line this long is article prose
    headline_max_words: int = 25  # longest line taken as an item of a headline list
    headline_list_max: int = 12
    story_max_headlines: int = 2  # at most this many headlines between a header and a story
    tag_min_terms: int = 3
    tag_min_coverage: float = 0.85
    tag_max_words: int = 40
    latin_ui_max_words: int = 6
    sandwich_max_lines: int = 2
    sandwich_max_words: int = 8
    remove_duplicates: bool = True

    @classmethod
    def from_config(cls, config: dict) -> "BoilerplateOptions":
        known = {k: v for k, v in config.items() if k in cls.__dataclass_fields__}
        return cls(**known)


_LONG_WORDS = 60  # lines longer than this get a key of their first words only (enough for markers)


_TABLES: dict[str, tuple] = {}  # recent bodies -> their line tables
_SHARED: dict[str, list] = {}  # recent bodies -> their lines, for readers (read_lines)
# bodies each memo remembers: a batch's worth (rasd.pipeline.BATCH_SIZE documents run stage by stage,
# two bodies each: the body read and the new body). clean.boilerplate hands the new bodies' tables to
# clean.appended, which reads them only after the whole batch is cleaned, and clean.metadata reads
# the lines after clean.appended has read all of the batch's; with fewer slots every table and line
# list was built again.
_MEMO_BODIES = 80


def _remember(memo: dict, body: str, value) -> None:
    if len(memo) >= _MEMO_BODIES:
        memo.pop(next(iter(memo)))
    memo[body] = value


def _line_table(body: str) -> tuple[tuple[int, int, str, str, int, str], ...]:
    t = _TABLES.get(body)
    if t is None:
        t = _build_line_table(body)
        _remember(_TABLES, body, t)
    return t


def _build_line_table(body: str) -> tuple[tuple[int, int, str, str, int, str], ...]:
    out = []
    pos = 0
    norm_body = normalize_text(body)
    mask = word_mask(norm_body)  # the normalised body with every non-word character a space
    if mask is None:  # a character outside the BMP: the regex
        masks = [" ".join(_WORD_RE.findall(n)) for n in norm_body.split("\n")]
    else:
        masks = mask.split("\n")
    for raw, norm, m in zip(body.split("\n"), norm_body.split("\n"), masks):
        text = raw[:-1] if raw.endswith("\r") else raw
        words = len(text.split())
        if not words:
            key = ""
        elif words <= _LONG_WORDS:
            key = " ".join(m.split())  # = " ".join(_WORD_RE.findall(norm))
        else:
            key = " ".join(m[:200].split()[:12])
        out.append((pos, pos + len(text), text, key, words, norm))
        pos += len(raw) + 1
    return tuple(out)


def split_lines(body: str) -> list[Line]:
    """Lines of ``body`` with offsets and keys (the body is normalised once; newlines are kept).

    The stages of one document split the same body several times: the table is cached, the
    ``Line`` objects are fresh each time (callers annotate them).
    """
    return [Line(*row) for row in _line_table(body)]


def read_lines(body: str) -> list[Line]:
    """:func:`split_lines` for callers that only read the lines (``clean.appended``,
    ``clean.metadata``): one list per body, shared by them, so it must not be annotated."""
    lines = _SHARED.get(body)
    if lines is None:
        lines = split_lines(body)
        _remember(_SHARED, body, lines)
    return lines


@dataclass
class Result:
    body: str
    removed: list[str]
    lines: list[Line] = field(default_factory=list)
    removed_at: list[dict] = field(default_factory=list)  # {"family", "at"}: position in new body


class BoilerplateRemover:
    def __init__(self, markers: MarkerSet, labels: LabelSet, tags: TagTerms,
                 options: BoilerplateOptions | None = None):
        self.markers = markers
        self.labels = labels
        self.tags = tags
        self.opt = options or BoilerplateOptions()

    # -- passes -------------------------------------------------------------------
    def classify(self, body: str) -> list[Line]:
        opt = self.opt
        lines = split_lines(body)
        nonblank = [i for i, ln in enumerate(lines) if not ln.blank]

        # 1-2. markers and protected metadata lines
        in_sources = False
        for i in nonblank:
            ln = lines[i]
            lab = self.labels.match(ln.text, ln.norm) if ln.words <= 40 else None
            if lab is not None:
                ln.label, ln.keep = lab.field, True
                in_sources = lab.field == "sources"
                continue
            if in_sources:
                if ln.words <= 8 and not ends_sentence(ln.text) and not self._is_tag_line(ln):
                    ln.keep = True
                    continue
                in_sources = False
            hit = self.markers.classify(ln.key)
            if hit is not None:
                ln.family = hit[0]
            elif is_menu(ln.text):
                ln.family = "nav"

        # 3. read-also / related headers followed by a headline list
        for idx, i in enumerate(nonblank):
            ln = lines[i]
            if ln.family != "readalso":
                continue
            items: list[int] = []
            story = False
            for j in nonblank[idx + 1:]:
                nxt = lines[j]
                if nxt.family is not None:
                    if nxt.family == "readalso":
                        break
                    continue  # other furniture inside the block
                if nxt.keep:
                    break
                if self._is_prose(nxt):
                    story = True
                    break
                if len(items) >= opt.headline_list_max:
                    break
                items.append(j)
            inline = self.markers.prefix_length(ln.key) < len(ln.key.split(" ")) if ln.key else False
            if story and len(items) + int(inline) <= opt.story_max_headlines:
                ln.family = None  # a story follows: left to clean.appended.v1
                ln.keep = True
                continue
            for j in items:
                lines[j].family = "related"

        # 4. features of unmarked lines
        first_prose = next((i for i in nonblank if self._is_prose(lines[i])), None)
        last_prose = next((i for i in reversed(nonblank) if self._is_prose(lines[i])), None)
        arabic_doc: bool | None = None  # the letters of the body are counted when first needed
        seen: set[str] = set()
        for i in nonblank:
            ln = lines[i]
            if ln.family is not None or ln.keep:
                if ln.key:
                    seen.add(ln.key)
                continue
            if not ln.key:
                ln.family = "decoration"
                continue
            dup_key = ln.key if ln.words <= _LONG_WORDS else ln.norm.strip()
            if opt.remove_duplicates and dup_key in seen:
                ln.family = "duplicate"
                continue
            seen.add(dup_key)
            outside = first_prose is None or i < first_prose or (last_prose is not None and i > last_prose)
            if outside and ln.words <= opt.tag_max_words and not ends_sentence(ln.text):
                if self._is_tag_line(ln):
                    ln.family = "tags"
                    continue
            if (first_prose is not None and i < first_prose
                    and ln.words <= opt.latin_ui_max_words
                    and arabic_letters(ln.text) == 0 and latin_letters(ln.text) > 0):
                if arabic_doc is None:
                    scripts = script_counts(body)
                    arabic_doc = scripts.get("arabic", 0) > scripts.get("latin", 0)
                if arabic_doc:
                    ln.family = "ui"
                    continue

        # 5. context: short lines between two strong marker lines
        self._sandwich(lines, nonblank)
        return lines

    def _is_tag_line(self, ln: Line) -> bool:
        cov, n = self.tags.coverage(ln.key)
        return n >= self.opt.tag_min_terms and cov >= self.opt.tag_min_coverage

    def _is_prose(self, ln: Line) -> bool:
        return ln.words >= self.opt.prose_min_words

    def _sandwich(self, lines: list[Line], nonblank: list[int]) -> None:
        opt = self.opt
        # sequence of the nonblank lines that are not weak removals (duplicates, decoration)
        seq = [i for i in nonblank if lines[i].family not in ("duplicate", "decoration")]
        k = 0
        while k < len(seq):
            ln = lines[seq[k]]
            if ln.family is not None or not self._sandwichable(ln):
                k += 1
                continue
            run_end = k
            while run_end + 1 < len(seq) and lines[seq[run_end + 1]].family is None \
                    and self._sandwichable(lines[seq[run_end + 1]]):
                run_end += 1
            before = lines[seq[k - 1]] if k > 0 else None
            after = lines[seq[run_end + 1]] if run_end + 1 < len(seq) else None
            if (run_end - k + 1 <= opt.sandwich_max_lines and before is not None and after is not None
                    and before.family in STRONG and after.family in STRONG):
                for m in range(k, run_end + 1):
                    lines[seq[m]].family = "context"
            k = run_end + 1

    def _sandwichable(self, ln: Line) -> bool:
        return not ln.keep and ln.words <= self.opt.sandwich_max_words and not ends_sentence(ln.text)

    # -- result ---------------------------------------------------------------------
    def __call__(self, body: str) -> Result:
        lines = self.classify(body)
        kept: list[Line] = []
        removed: list[str] = []
        removed_at: list[dict] = []
        length = 0
        blank_run = 0
        empty = Line(0, 0, "", "", 0, "")
        for ln in lines:
            if ln.family is not None:
                removed.append(ln.text.strip())
                removed_at.append({"family": ln.family, "at": length})
                continue
            if ln.blank:
                if not kept or blank_run:
                    continue  # no leading blank lines, no runs of blank lines
                blank_run = 1
                kept.append(empty)
                length += 1
                continue
            blank_run = 0
            if kept:
                length += 1  # the "\n" before this line
            kept.append(ln)
            length += len(ln.text)
        while kept and not kept[-1].text.strip():
            kept.pop()
        new_body = "\n".join(ln.text for ln in kept)
        # the next stages split the new body again: hand them its line table
        table = []
        pos = 0
        for ln in kept:
            table.append((pos, pos + len(ln.text), ln.text, ln.key, ln.words, ln.norm))
            pos += len(ln.text) + 1
        _remember(_TABLES, new_body, tuple(table))
        for r in removed_at:  # "at" = end of the kept text before the removed line
            r["at"] = min(r["at"], len(new_body))
        return Result(new_body, removed, lines, removed_at)
