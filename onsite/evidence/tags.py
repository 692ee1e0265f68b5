"""Inline tags typed while writing a note, found by walking markdown-it-py's tokens.

The syntax (shown in the help screen):
- `#workforce` tags the paragraph or bullet it is in with a line of enquiry, matched by the
  line's key, its name written with hyphens, the start of that name if only one line has it
  (`#system-leadership`), or any alias.
- `[+]` at the start of a paragraph or bullet marks a strength, `[-]` an area for
  consideration; a tagged passage with neither is neutral.
A `#` inside a code span or code block, or a heading's own `#`, is not a tag; headings are
not tagged passages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from onsite.vocab import Polarity

_HASHTAG = re.compile(r"(?<![\w&/#])#([A-Za-z][\w-]*)")
_MARKERS = {"[+]": Polarity.STRENGTH, "[-]": Polarity.AREA}
_parser = MarkdownIt("commonmark")


@dataclass
class InlineTag:
    start: int  # character offsets of the tagged passage in the note
    end: int
    theme_keys: list[str]
    polarity: str
    unknown: list[str] = field(default_factory=list)  # hashtags that name no line of enquiry


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def theme_lookup(themes) -> dict[str, str]:
    """Every accepted spelling of a hashtag -> the line of enquiry's key."""
    lookup = {}
    for theme in themes:
        for spelling in (theme.key, theme.name, *theme.aliases):
            lookup[slug(spelling)] = theme.key
    return lookup


def match_theme(tag: str, lookup: dict[str, str]) -> str | None:
    """The key a hashtag names: an exact spelling, else the one line whose name starts so."""
    tag = slug(tag)
    if tag in lookup:
        return lookup[tag]
    starts = {key for spelling, key in lookup.items() if len(tag) >= 4 and spelling.startswith(tag)}
    return starts.pop() if len(starts) == 1 else None


def find_tags(body: str, lookup: dict[str, str]) -> list[InlineTag]:
    lines = body.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    found = []
    in_heading = False
    for token in _parser.parse(body):
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline" and not in_heading and token.map:
            text = "".join(
                child.content if child.type == "text" else " " for child in token.children or []
            )
            tags = [m.group(1) for m in _HASHTAG.finditer(text)]
            marker = token.content.lstrip()[:3]
            if not tags and marker not in _MARKERS:
                continue
            keys, unknown = [], []
            for tag in tags:
                key = match_theme(tag, lookup)
                if key and key not in keys:
                    keys.append(key)
                elif not key:
                    unknown.append(tag)
            first, last = token.map
            start = (
                offsets[first] + len(lines[first]) - len(lines[first].lstrip(" \t>-*+0123456789.)"))
            )
            end = offsets[last] - (1 if offsets[last] and body[offsets[last] - 1] == "\n" else 0)
            found.append(
                InlineTag(
                    start, max(start, end), keys, _MARKERS.get(marker, Polarity.NEUTRAL), unknown
                )
            )
    return found


def passage_at(body: str, offset: int) -> tuple[int, int] | None:
    """The bullet or paragraph holding a character offset, as (start, end) without its list
    marker: the passage a peer means when they tag with nothing selected. None in a blank
    line or a heading."""
    lines = body.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    row = next(
        (i for i in range(len(lines)) if offsets[i] <= offset < offsets[i + 1]),
        len(lines) - 1 if lines and offset >= len(body) else None,
    )
    if row is None:
        return None
    in_heading = False
    for token in _parser.parse(body):
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline" and not in_heading and token.map:
            first, last = token.map
            if first <= row < last:
                start = (
                    offsets[first]
                    + len(lines[first])
                    - len(lines[first].lstrip(" \t>-*+0123456789.)"))
                )
                end = offsets[last] - (
                    1 if offsets[last] and body[offsets[last] - 1] == "\n" else 0
                )
                return (start, end) if end > start else None
    return None


def tags_in(body: str, start: int, end: int, lookup: dict[str, str]) -> InlineTag:
    """The inline tags of the passages a span touches, merged: what the tag dialog starts
    from (lines of enquiry named by #tags; `[-]` an area for consideration, `[+]` a strength)."""
    keys: list[str] = []
    unknown: list[str] = []
    polarities = []
    for t in find_tags(body, lookup):
        if t.start < max(end, start + 1) and t.end >= start:
            keys += [k for k in t.theme_keys if k not in keys]
            unknown += t.unknown
            polarities.append(t.polarity)
    polarity = next((p for p in polarities if p != "neutral"), "neutral")
    return InlineTag(start, end, keys, polarity, unknown)


def unknown_tag_advice(body: str, lookup: dict[str, str]) -> list[str]:
    """A line for each hashtag that names no line of enquiry, with the nearest spelling
    when there is one ("#leadrship: did you mean #leadership?"). Code and headings are
    skipped as `find_tags` skips them."""
    from difflib import get_close_matches

    advice: list[str] = []
    spellings = sorted(lookup)
    for tag in dict.fromkeys(u for t in find_tags(body, lookup) for u in t.unknown):
        near = get_close_matches(slug(tag), spellings, n=1, cutoff=0.75)
        advice.append(
            f"#{tag} is not a line of enquiry" + (f": did you mean #{near[0]}?" if near else ".")
        )
    return advice


def hashtag_spans(line: str, lookup: dict[str, str]) -> list[tuple[int, int, bool]]:
    """(start, end, known) of each hashtag in one line of text: for highlighting while typing."""
    return [
        (m.start(), m.end(), match_theme(m.group(1), lookup) is not None)
        for m in _HASHTAG.finditer(line)
    ]


def marker_span(line: str) -> tuple[int, int, str] | None:
    """Where a `[+]` or `[-]` opens a bullet or paragraph in this line, and its polarity."""
    stripped = line.lstrip(" \t>-*+0123456789.)")
    marker = stripped[:3]
    if marker in _MARKERS:
        start = len(line) - len(stripped)
        return start, start + 3, _MARKERS[marker]
    return None
