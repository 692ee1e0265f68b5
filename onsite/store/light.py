"""The week, read straight from the file: what the first screen needs, without SQLAlchemy.

Importing SQLAlchemy, SQLModel and pydantic costs more than a whole minimal Textual app
takes to start (0.6-1 s with bytecode cached), so the week screen reads its data here,
through the one connection `cipher.connect` makes (SQLCipher's build of SQLite, with the
key when the file is encrypted), and the full `Store` is opened after the week is on
screen, before anything is written.

`WeekReader` answers the same questions as `Store` for `onsite.week.view.load_week`
(engagement, peers, sessions, note authors, lines of enquiry, evidence, sectors) with
plain frozen records holding the fields the week screen shows. They are not the model:
a write looks the record up in the full store by id.

`open_week` gives up (returns None) where only the full store may go: a file made by an
older schema (the store upgrades it, after a backup) or by a newer one (the store says so).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from onsite.store import cipher, migrations
from onsite.store.errors import StoreError
from onsite.store.files import APPLICATION_ID, ENCRYPTED, file_kind

__all__ = [
    "LightEngagement",
    "LightPeer",
    "LightSession",
    "LightTheme",
    "WeekReader",
    "open_week",
    "unlock",
]


@dataclass(frozen=True)
class LightEngagement:
    id: str
    name: str
    system: str
    kind: str
    start: date
    days: int
    scope: str


@dataclass(frozen=True)
class LightPeer:
    id: str
    name: str
    initials: str
    role: str
    title: str
    retired: bool = False


@dataclass(frozen=True)
class LightSession:
    id: str
    day: int
    start: str
    end: str
    kind: str
    title: str
    location: str
    peer_ids: list[str] = field(default_factory=list)
    cancelled: bool = False


@dataclass(frozen=True)
class LightTheme:
    id: str
    key: str
    name: str
    position: int
    retired: bool


def unlock(path: Path, passphrase: str) -> cipher.Key:
    """The key of an encrypted file, checked against the file (WrongPassphrase if it does not
    fit; StoreError if it is not an Onsite engagement). Reads nothing but the header."""
    key = cipher.key_for_file(path, passphrase)
    app_id, _ = cipher.read_header(path, key)
    if app_id != APPLICATION_ID:
        raise StoreError(f"{path}: not an Onsite engagement (an SQLite file of another program)")
    return key


class WeekReader:
    """A read-only view of one engagement file, for the week screen's first paint."""

    def __init__(self, path: Path, key: cipher.Key | None, conn: cipher.Connection) -> None:
        self.path, self.key, self._conn = path, key, conn

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def check_passphrase(self, passphrase: str) -> bool:
        """As Store.check_passphrase: checked against the file, not a copy in memory."""
        if self.key is None:
            return True
        try:
            cipher.read_header(self.path, cipher.key_for_file(self.path, passphrase))
        except (StoreError, OSError):
            return False
        return True

    def close(self) -> None:
        self._conn.close()

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self._conn.execute(sql, params).fetchall()

    def engagement(self) -> LightEngagement:
        rows = self._rows(
            "SELECT id, name, system, kind, start, days, scope FROM engagement "
            "WHERE deleted = 0 ORDER BY created LIMIT 1"
        )
        if not rows:
            raise StoreError(f"{self.path}: holds no engagement")
        id_, name, system, kind, start, days, scope = rows[0]
        return LightEngagement(id_, name, system, kind, date.fromisoformat(start), days, scope)

    def peers(self, include_retired: bool = False) -> list[LightPeer]:
        peers = [
            LightPeer(id_, name, initials, role, title, bool(retired))
            for id_, name, initials, role, title, retired in self._rows(
                "SELECT id, name, initials, role, title, retired FROM peer WHERE deleted = 0 "
                "ORDER BY name"
            )
        ]
        return [p for p in peers if include_retired or not p.retired]

    def me(self) -> str | None:
        """As Store.me: the peer using this laptop."""
        rows = self._rows("SELECT value FROM meta WHERE key = 'me'")
        return (rows[0][0] or None) if rows else None

    def change_mark(self) -> tuple[int, str]:
        """As `onsite.store.evidence_sql.change_mark`: where the change log ended when read."""
        rows = self._rows("SELECT rowid, stamp FROM change ORDER BY rowid DESC LIMIT 1")
        return (rows[0][0], rows[0][1]) if rows else (0, "")

    def sessions(self) -> list[LightSession]:
        return [
            LightSession(
                id_, day, start, end, kind, title, location, json.loads(peers), bool(cancelled)
            )
            for id_, day, start, end, kind, title, location, peers, cancelled in self._rows(
                'SELECT id, day, start, "end", kind, title, location, peer_ids, cancelled '
                "FROM session WHERE deleted = 0 ORDER BY day, start, title"
            )
        ]

    def themes(self, include_retired: bool = False) -> list[LightTheme]:
        themes = [
            LightTheme(id_, key, name, position, bool(retired))
            for id_, key, name, position, retired in self._rows(
                "SELECT id, key, name, position, retired FROM theme WHERE deleted = 0 "
                "ORDER BY position, name"
            )
        ]
        return [t for t in themes if include_retired or not t.retired]

    def note_authors(self) -> dict[str, set[str]]:
        """As Store.note_authors: session id -> ids of peers who have written in it."""
        authors: dict[str, set[str]] = {}
        for session_id, author_id in self._rows(
            "SELECT DISTINCT session_id, author_id FROM note WHERE deleted = 0 "
            "AND session_id IS NOT NULL AND body != ''"
        ):
            authors.setdefault(session_id, set()).add(author_id)
        return authors

    def evidence_by_theme(self) -> dict[str, int]:
        return dict(
            self._rows(
                "SELECT j.value, count(*) FROM excerpt, json_each(excerpt.theme_keys) AS j "
                "WHERE excerpt.deleted = 0 AND excerpt.orphaned = 0 GROUP BY j.value"
            )
        )

    def sectors_heard(self) -> dict[str, int]:
        return dict(
            self._rows(
                "SELECT p.sector, count(DISTINCT CASE WHEN n.id IS NOT NULL THEN p.session_id END) "
                "FROM participant p JOIN session s ON s.id = p.session_id AND s.deleted = 0 "
                "AND s.cancelled = 0 LEFT JOIN note n ON n.session_id = p.session_id "
                "AND n.deleted = 0 AND n.body != '' WHERE p.deleted = 0 AND p.sector != '' "
                "GROUP BY p.sector"
            )
        )


def open_week(path: Path, key: cipher.Key | None = None) -> WeekReader | None:
    """A reader for the week, or None where the full store must open the file first (an
    encrypted file without its key, a schema to upgrade, a newer schema)."""
    path = Path(path)
    if key is None and file_kind(path) == ENCRYPTED:
        return None
    try:
        conn = cipher.connect(path, key, check_same_thread=False)
    except cipher.Error:
        return None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except cipher.Error:
        conn.close()
        return None
    if app_id != APPLICATION_ID or version != migrations.LATEST:
        conn.close()
        return None
    conn.execute("PRAGMA busy_timeout = 5000")
    return WeekReader(path, key, conn)
