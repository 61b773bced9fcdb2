"""Splitting appended, unrelated articles off a host document.

Pages often glue a second story under the article, after a "read also" header (إقرأ أيضاً،
اقرأ المزيد، مقالات ذات صلة، … — the ``readalso`` family of ``data/boilerplate/markers.tsv``).
A header starts an appended article when

- a story follows it: at most ``max_headlines`` short headline lines and then at least
  ``min_story_lines`` prose lines (or ``min_story_chars`` characters of prose), and
- the host has ended before it: its last line before the header is a credit/source/byline line, or
  boilerplate (tags, share prompts) was removed between the host's last line and the header, or —
  without such a signal — the header is in the second half of the text (``min_position``) and the
  text after it shares little vocabulary with the host (overlap < ``max_overlap``).

Otherwise the header is an inline "read also" link inside the host: the header line (with the
headline after it, inline or on the next line) goes to ``removed`` and the host keeps its text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalize import normalize, normalize_text
from .markers import LabelSet, MarkerSet, ends_sentence, line_key
from .boilerplate import Line, read_lines

_CONTENT_WORD_RE = re.compile(r"\w{4,}")


@dataclass
class AppendedOptions:
    max_headlines: int = 2
    headline_max_words: int = 25
    prose_min_words: int = 20
    min_story_lines: int = 1
    min_story_chars: int = 150
    max_overlap: float = 0.2
    min_position: float = 0.5
    min_host_chars: int = 200  # a header this close to the top is not after a finished article

    @classmethod
    def from_config(cls, config: dict) -> "AppendedOptions":
        return cls(**{k: v for k, v in config.items() if k in cls.__dataclass_fields__})


@dataclass
class Split:
    header_line: int  # index of the header line
    story_start: int  # offset in body where the appended text starts
    header_text: str  # the header label (what goes to the host's removed)


def _words(text: str) -> set[str]:
    return set(_CONTENT_WORD_RE.findall(normalize_text(text)))


def overlap(a: str, b: str) -> float:
    """Share of the smaller text's content words (4+ letters, normalised) found in the other."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


class AppendedSplitter:
    def __init__(self, markers: MarkerSet, labels: LabelSet, options: AppendedOptions | None = None):
        self.markers = markers
        self.labels = labels
        self.opt = options or AppendedOptions()

    def _is_header(self, ln: Line) -> bool:
        if ln.blank or ln.words > 40:
            return False
        hit = self.markers.classify(ln.key)
        return hit is not None and hit[0] == "readalso"

    def _inline_text(self, ln: Line) -> str:
        """Text after the header label on the header line ("اقرأ أيضا: <headline>")."""
        k = self.markers.prefix_length(ln.key)
        if not k:
            return ""
        norm = normalize(ln.text)
        ends = [m.end() for m in re.finditer(r"\w+", norm.text)]
        if len(ends) <= k:
            return ""
        cut = norm.to_original_pos(ends[k - 1])
        rest = ln.text[cut:].lstrip(" :：-–—|»>").strip()
        return rest if line_key(rest) else ""

    def plan(self, body: str, removed_at: list[dict] | None = None) -> tuple[list[Split], list[int]]:
        """Where appended stories start, and which header lines are only inline links."""
        opt = self.opt
        lines = read_lines(body)
        nonblank = [i for i, ln in enumerate(lines) if not ln.blank]
        splits: list[Split] = []
        inline_links: list[int] = []
        for pos, i in enumerate(nonblank):
            ln = lines[i]
            if not self._is_header(ln):
                continue
            inline = self._inline_text(ln)
            # what follows: headlines, then prose
            heads = 1 if inline else 0
            prose_lines = prose_chars = 0
            for j in nonblank[pos + 1:]:
                nxt = lines[j]
                if self._is_header(nxt):
                    break
                if nxt.words >= opt.prose_min_words:
                    prose_lines += 1
                    prose_chars += len(nxt.text)
                elif prose_lines == 0:
                    heads += 1
                    if heads > opt.max_headlines:
                        break
            story = (heads <= opt.max_headlines and prose_lines >= opt.min_story_lines
                     and prose_chars >= opt.min_story_chars)
            host_text = body[: ln.start]
            if story and len(host_text.strip()) >= opt.min_host_chars and self._host_ended(
                    lines, nonblank, pos, ln, body, removed_at):
                story_start = ln.start + (ln.text.index(inline) if inline else len(ln.text))
                label = ln.text[: ln.text.index(inline)].strip() if inline else ln.text.strip()
                splits.append(Split(i, story_start, label))
            else:
                inline_links.append(i)
        return splits, inline_links

    def _host_ended(self, lines, nonblank, pos, header: Line, body: str, removed_at) -> bool:
        prev = lines[nonblank[pos - 1]] if pos > 0 else None
        if prev is None:
            return False
        lab = self.labels.match(prev.text, prev.norm) if prev.words <= 40 else None
        if lab is not None and lab.field in ("credit", "sources", "byline"):
            return True
        if removed_at:
            for r in removed_at:
                if prev.end <= r["at"] <= header.start and r["family"] not in ("duplicate", "decoration"):
                    return True
        after = body[header.end:]
        nxt_header = None
        for j in nonblank[pos + 1:]:
            if self._is_header(lines[j]):
                nxt_header = lines[j].start
                break
        if nxt_header is not None:
            after = body[header.end:nxt_header]
        if header.start < self.opt.min_position * len(body):
            return False
        return overlap(body[: header.start], after) < self.opt.max_overlap

    def inline_link_lines(self, lines: list[Line], nonblank: list[int], i: int) -> list[int]:
        """The header line and, if the headline is on the next line, that line too."""
        out = [i]
        ln = lines[i]
        if not self._inline_text(ln):
            pos = nonblank.index(i)
            if pos + 1 < len(nonblank):
                nxt = lines[nonblank[pos + 1]]
                if nxt.words <= self.opt.headline_max_words and not ends_sentence(nxt.text) \
                        and not self._is_header(nxt) and nxt.words < self.opt.prose_min_words:
                    out.append(nonblank[pos + 1])
        return out

    def __call__(self, body: str, removed_at: list[dict] | None = None):
        """``(host_body, stories, removed)``: the host's new body, ``[(header, text)]`` of the appended
        stories, and the lines removed from the host (inline links and headers), in order."""
        splits, inline_links = self.plan(body, removed_at)
        if not splits and not inline_links:
            return body, [], []
        lines = read_lines(body)
        nonblank = [i for i, ln in enumerate(lines) if not ln.blank]
        drop: set[int] = set()
        removed: list[str] = []
        first_split = splits[0].header_line if splits else len(lines)
        for i in inline_links:
            if i < first_split:
                for j in self.inline_link_lines(lines, nonblank, i):
                    drop.add(j)
        host_lines = [ln.text for k, ln in enumerate(lines[:first_split]) if k not in drop]
        for k in sorted(drop):
            removed.append(lines[k].text.strip())
        stories: list[tuple[str, str]] = []
        for n, sp in enumerate(splits):
            end = lines[splits[n + 1].header_line].start if n + 1 < len(splits) else len(body)
            removed.append(sp.header_text)
            text = body[sp.story_start:end].strip()
            if text:
                stories.append((sp.header_text, text))
        host = "\n".join(host_lines).strip()
        host = re.sub(r"\n{3,}", "\n\n", host)
        return host, stories, removed
