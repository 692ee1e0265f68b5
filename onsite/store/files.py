"""What can be learnt about an engagement file without the database layer.

The home screen lists engagements before SQLAlchemy is imported (it costs ~0.4 s), so this
module reads file headers directly, read-only, through `onsite.store.cipher.connect`.

An encrypted file has no readable header: SQLCipher's file is a 16-byte random salt and
then ciphertext, indistinguishable from random bytes. So a `.onsite` file that is not plain
SQLite but has the shape of a database (whole pages) is listed as "encrypted"; only a
passphrase can tell an encrypted engagement from a damaged file, and the message says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from onsite.store import cipher
from onsite.store.errors import PassphraseNeeded, StoreError, WrongPassphrase

APPLICATION_ID = 0x4F4E5354  # "ONST" in the SQLite header marks an Onsite engagement
SUFFIX = ".onsite"
SQLITE_MAGIC = b"SQLite format 3\x00"
PLAIN, ENCRYPTED = "plain", "encrypted"
_SMALLEST_PAGE = 512

__all__ = [
    "APPLICATION_ID",
    "ENCRYPTED",
    "EngagementInfo",
    "PLAIN",
    "PassphraseNeeded",
    "SUFFIX",
    "StoreError",
    "WrongPassphrase",
    "by_system",
    "file_kind",
    "header",
    "list_engagements",
    "peek",
]


@dataclass(frozen=True)
class EngagementInfo:
    path: Path
    name: str
    start: date | None
    days: int
    modified: datetime | None  # None: the file has gone since it was listed
    schema_version: int
    encrypted: bool = False
    system: str = ""
    kind: str = ""


def file_kind(path: Path) -> str:
    """PLAIN (an SQLite file) or ENCRYPTED (a .onsite file that could be SQLCipher's);
    StoreError if it cannot be an engagement at all."""
    path = Path(path)
    if not path.exists():
        raise StoreError(f"{path}: no such file")
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not an engagement file")
    with path.open("rb") as f:
        magic = f.read(len(SQLITE_MAGIC))
    if magic == SQLITE_MAGIC:
        return PLAIN
    size = path.stat().st_size
    if path.suffix == SUFFIX and size >= _SMALLEST_PAGE and size % _SMALLEST_PAGE == 0:
        return ENCRYPTED
    raise StoreError(f"{path}: not an Onsite engagement (not an SQLite file, plain or encrypted)")


def header(path: Path) -> tuple[int, int]:
    """(application_id, user_version) of a plain file; PassphraseNeeded for an encrypted one;
    StoreError saying why for anything else."""
    path = Path(path)
    if file_kind(path) == ENCRYPTED:
        raise PassphraseNeeded(f"{path}: is encrypted (or damaged); its passphrase opens it")
    app_id, version = cipher.read_header(path, None)
    if app_id != APPLICATION_ID:
        raise StoreError(f"{path}: not an Onsite engagement (an SQLite file of another program)")
    return app_id, version


def peek(path: Path) -> EngagementInfo:
    """Name and dates of an engagement, for listing; StoreError if it is not one.

    An encrypted engagement shows only what its file name says: reading more needs the key.
    """
    path = Path(path)
    modified = datetime.fromtimestamp(path.stat().st_mtime) if path.exists() else None
    try:
        _, version = header(path)
    except PassphraseNeeded:
        return EngagementInfo(
            path=path,
            name=path.stem,
            start=None,
            days=0,
            modified=modified,
            schema_version=0,
            encrypted=True,
        )
    conn = cipher.connect(path, readonly=True)
    try:
        row = conn.execute(
            "SELECT name, start, days, system, kind FROM engagement WHERE deleted = 0 LIMIT 1"
        ).fetchone()
    except cipher.DatabaseError as e:
        raise StoreError(f"{path}: cannot be read ({e})") from None
    finally:
        conn.close()
    name, start, days, system, kind = row if row else (path.stem, None, 0, "", "")
    return EngagementInfo(
        path=path,
        name=name,
        start=date.fromisoformat(start) if start else None,
        days=days,
        modified=modified,
        schema_version=version,
        system=system,
        kind=kind,
    )


def list_engagements(folder: Path, also: Sequence[Path] = ()) -> list[EngagementInfo]:
    """Engagements in a folder and `also` (files opened elsewhere), most recently changed
    first; encrypted ones by file name; files that cannot be engagements are skipped."""
    found = []
    paths = {p.resolve(): p for p in [*Path(folder).glob(f"*{SUFFIX}"), *also]}
    for path in paths.values():
        try:
            found.append(peek(path))
        except StoreError:
            continue
    return sorted(found, key=_recency, reverse=True)


def _recency(info: EngagementInfo) -> datetime:
    """When the file last changed; one gone since it was listed sorts as the oldest."""
    return info.modified or datetime.min


def by_system(infos: list[EngagementInfo]) -> list[EngagementInfo]:
    """Engagements grouped by system (a progress review beside its challenge), the group
    changed most recently first, newest first within each; encrypted ones, whose system
    cannot be read without the passphrase, last."""
    groups: dict[str, list[EngagementInfo]] = {}
    for info in sorted(infos, key=_recency, reverse=True):
        key = "\x00encrypted" if info.encrypted else " ".join(info.system.casefold().split())
        groups.setdefault(key or f"\x00{info.path}", []).append(info)
    ordered = sorted(groups.items(), key=lambda g: g[0] == "\x00encrypted")
    return [info for _, group in ordered for info in group]
