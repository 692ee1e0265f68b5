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
            text = "".join(child.content if child.type == "text" else " "
                           for child in token.children or [])
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
            start = offsets[first] + len(lines[first]) - len(lines[first].lstrip(" \t>-*+0123456789.)"))
            end = offsets[last] - (1 if offsets[last] and body[offsets[last] - 1] == "\n" else 0)
            found.append(InlineTag(start, max(start, end), keys,
                                   _MARKERS.get(marker, Polarity.NEUTRAL), unknown))
    return found
