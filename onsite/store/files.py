"""What can be learnt about an engagement file without the database layer.

The home screen lists engagements before SQLAlchemy is imported (it costs ~0.4 s), so this
module uses only the standard library's sqlite3, read-only.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

APPLICATION_ID = 0x4F4E5354  # "ONST" in the SQLite header marks an Onsite engagement
SUFFIX = ".onsite"


class StoreError(Exception):
    """A problem with an engagement file that the user can act on; the message says what."""


@dataclass(frozen=True)
class EngagementInfo:
    path: Path
    name: str
    start: date | None
    days: int
    modified: datetime
    schema_version: int


def connect_readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def header(path: Path) -> tuple[int, int]:
    """(application_id, user_version) of a file, or StoreError saying why it is not readable."""
    path = Path(path)
    if not path.exists():
        raise StoreError(f"{path}: no such file")
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not an engagement file")
    with path.open("rb") as f:
        magic = f.read(16)
    if magic != b"SQLite format 3\x00":
        raise StoreError(f"{path}: not an Onsite engagement (not an SQLite file)")
    try:
        conn = connect_readonly(path)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path}: cannot be read ({e})") from None
    if app_id != APPLICATION_ID:
        raise StoreError(f"{path}: not an Onsite engagement (an SQLite file of another program)")
    return app_id, version


def peek(path: Path) -> EngagementInfo:
    """Name and dates of an engagement, for listing; StoreError if it is not one."""
    path = Path(path)
    _, version = header(path)
    conn = connect_readonly(path)
    try:
        row = conn.execute(
            "SELECT name, start, days FROM engagement WHERE deleted = 0 LIMIT 1"
        ).fetchone()
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path}: cannot be read ({e})") from None
    finally:
        conn.close()
    name, start, days = row if row else (path.stem, None, 0)
    return EngagementInfo(
        path=path,
        name=name,
        start=date.fromisoformat(start) if start else None,
        days=days,
        modified=datetime.fromtimestamp(path.stat().st_mtime),
        schema_version=version,
    )


def list_engagements(folder: Path) -> list[EngagementInfo]:
    """Engagements in a folder, most recently changed first; unreadable files are skipped."""
    found = []
    for path in Path(folder).glob(f"*{SUFFIX}"):
        try:
            found.append(peek(path))
        except StoreError:
            continue
    return sorted(found, key=lambda info: info.modified, reverse=True)
