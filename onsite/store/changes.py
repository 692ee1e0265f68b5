"""The change log's shape, shared by the writer, the merge and the bundles.

Light on purpose (no SQLAlchemy): the bundle reader imports it.
"""

from __future__ import annotations

import json
from datetime import date
from json.encoder import encode_basestring
from typing import NamedTuple

# Every record's own bookkeeping: set by the writer from the clock, never logged as a change.
BOOKKEEPING = frozenset({"id", "created", "updated", "site"})

# Long texts keep every version. Saves by the same site within this window replace the
# previous version instead of piling up one per autosave, until that version is sent.
LONG_TEXTS = frozenset(
    {
        ("note", "body"),
        ("finding", "statement"),
        ("dailyupdate", "body"),
        ("document", "summary"),
        ("recommendation", "text"),
        ("feedbacksection", "body"),
        ("feedbackitem", "text"),
        # onsite.after: progress review, workshop and series texts
        ("progress", "changed"),
        ("progress", "evidence"),
        ("workshoprating", "discussion"),
        ("seriessession", "notes"),
        ("seriessession", "summary"),
        ("seriesissue", "solutions"),
    }
)
VERSION_WINDOW_MS = 5 * 60 * 1000


class ChangeRow(NamedTuple):
    """One row of the change table, as stored, as sent in bundles and as merged."""

    stamp: str
    record_table: str
    record_id: str
    field: str
    value: str  # JSON, as `encode` writes it
    site: str
    base: str = ""  # a long text's version(s) this one replaced: space-separated stamps


COLUMNS = ", ".join(ChangeRow._fields)
_MARKS = ", ".join("?" for _ in ChangeRow._fields)
INSERT = f"INSERT INTO change ({COLUMNS}) VALUES ({_MARKS})"
INSERT_OR_IGNORE = f"INSERT OR IGNORE INTO change ({COLUMNS}) VALUES ({_MARKS})"

_LITERALS = {None: "null", True: "true", False: "false"}


def encode(value) -> str:
    """A field's value as the change log holds it: JSON, non-ASCII kept, dates as ISO text.
    Text, nothing, true and false (the commonest) without going through json.dumps."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None or kind is bool:
        return _LITERALS[value]
    if isinstance(value, date):
        value = value.isoformat()
    return json.dumps(value, ensure_ascii=False)
