"""Full-text search over notes, documents, findings and recommendations (SQLite FTS5).

People type words, "a phrase" or a prefix*. Everything else is quoted before it reaches
FTS5, so an apostrophe or a stray symbol is searched for, not a syntax error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from onsite.store.errors import SearchError

if TYPE_CHECKING:
    from onsite.store.db import Store
    from onsite.store.queries import NotePlace

MARK_START, MARK_END = "\x02", "\x03"  # around matched words in snippets; never typed by people
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True)
class Hit:
    kind: str  # note, document, finding, recommendation
    record_id: str
    title: str
    snippet: str  # with MARK_START/MARK_END around matched words
    place: str  # where it is: "Day 2 09:30 · ICB chief executive · notes by AB"
    session_id: str | None = None
    document_id: str | None = None


def to_fts(query: str) -> str:
    """Turn what a person typed into an FTS5 query that cannot fail to parse."""
    query = "".join(c if c.isprintable() else " " for c in query)  # NUL ends an FTS5 string
    parts = []
    for phrase, word in _TOKEN.findall(query):
        if not word:  # a "quoted phrase", perhaps never closed
            if phrase.strip():
                parts.append('"' + phrase.strip() + '"')
            continue
        if word in _OPERATORS and parts:
            parts.append(word)
        elif word.endswith("*") and len(word) > 1 and re.fullmatch(r"\w+\*", word):
            parts.append(word)
        else:
            cleaned = word.rstrip("*")
            if cleaned:
                parts.append('"' + cleaned.replace('"', '""') + '"')
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    if not parts:
        raise SearchError('Type a word to search for, "a phrase" or a prefix*')
    return " ".join(parts)


def search(store: Store, query: str, limit: int = 50) -> list[Hit]:
    rows = store.search(to_fts(query), limit, MARK_START, MARK_END)
    places = store.note_places([r.record_id for r in rows if r.kind == "note"])
    return [
        _hit(r.kind, r.record_id, r.title, " ".join(r.snippet.split()), places.get(r.record_id))
        for r in rows
    ]


def _hit(kind: str, record_id: str, title: str, snippet: str, place: NotePlace | None) -> Hit:
    if kind == "note" and place:
        by = f"notes by {place.author_initials}" if place.author_initials else "notes"
        if place.session_id:
            return Hit(
                kind,
                record_id,
                place.session_title or "",
                snippet,
                f"Day {place.day} {place.start} · {place.session_title} · {by}",
                session_id=place.session_id,
            )
        return Hit(
            kind,
            record_id,
            place.document_title or "",
            snippet,
            f"Reading · {place.document_title} · {by}",
            document_id=place.document_id,
        )
    if kind == "document":
        return Hit(kind, record_id, title, snippet, f"Reading · {title}", document_id=record_id)
    if kind == "finding":
        return Hit(kind, record_id, "Finding", snippet, "Finding")
    return Hit(kind, record_id, title, snippet, f"Recommendation {title}")
