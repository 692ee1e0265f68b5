"""Peer mentoring notes: a mentor's private, encrypted log of one-to-one sessions.

The content of mentoring stays confidential to the pair, so a mentoring engagement is:
- always encrypted (SQLCipher; no plain mentoring file can be made);
- never synced: sync, join and the team invite refuse it (onsite.sync asks onsite.after.kinds),
  and its sessions live in a table that is not among the team's (model.TABLES), so no bundle,
  archive or count could carry them even by mistake;
- never exported: `onsite export` and the follow-up exports refuse it; the only copy that
  leaves the file is the mentor's own, encrypted under the same passphrase (`copy`);
- purged on request: a session, or all of them, is destroyed with its history and the file
  compacted, so no word of it can be read back.
A mentoring file is a file of its own, so nothing of it is visible to any other engagement.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from onsite.engagement.follow_up import MENTORING
from onsite.model import MentoringSession
from onsite.store.errors import StoreError

if TYPE_CHECKING:
    from onsite.store.db import Store


class MentoringError(StoreError):
    """Refused; nothing was changed."""


def create(
    path: Path | str, *, mentor: str, passphrase: str | None, start: date, name: str = ""
) -> Store:
    from onsite.model import Peer
    from onsite.store.db import Store

    if not passphrase:
        raise MentoringError("mentoring notes are always encrypted: give a passphrase")
    store = Store.create(
        path,
        name=name or f"Mentoring notes: {mentor}",
        start=start,
        days=1,
        kind=MENTORING,
        passphrase=passphrase,
    )
    me = Peer(
        name=mentor,
        initials="".join(w[0] for w in mentor.split()).upper()[:3],
        role="peer",
        title="mentor",
    )
    store.add(me)
    store.set_me(me.id)
    return store


def check(store: Store) -> None:
    if store.engagement().kind != MENTORING:
        raise MentoringError(
            f"{store.path.name}: is not a mentoring engagement; mentoring notes "
            "are kept only in a mentoring file of their own"
        )
    if not store.encrypted:
        raise MentoringError(f"{store.path.name}: is not encrypted; `onsite encrypt` it first")


def sessions(store: Store) -> list[MentoringSession]:
    check(store)
    return sorted(
        (s for s in store.every(MentoringSession) if not s.deleted),
        key=lambda s: (s.held, s.created),
    )


def add(
    store: Store, *, held: date, mentee: str, notes: str, actions: str = ""
) -> MentoringSession:
    check(store)
    session = MentoringSession(
        held=held, mentee=mentee.strip(), notes=notes.strip(), actions=actions.strip()
    )
    store.add(session)
    return session


def update(store: Store, session: MentoringSession, **fields) -> MentoringSession:
    check(store)
    return store.update(session, **fields)


def session_by_number(store: Store, number: int) -> MentoringSession:
    found = sessions(store)
    if not 1 <= number <= len(found):
        raise MentoringError(f"session {number}: there are {len(found)} sessions (1-{len(found)})")
    return found[number - 1]


def purge(store: Store, chosen: list[MentoringSession] | None = None) -> int:
    """Destroy these sessions (all of them if none are named): rows, history and free pages."""
    from onsite.store.destroy import destroy

    check(store)
    ids = [s.id for s in (store.every(MentoringSession) if chosen is None else chosen)]
    return destroy(store, str(MentoringSession.__tablename__), ids)


def copy(store: Store, target: Path | str) -> Path:
    """The mentor's own copy (a backup): the whole file, encrypted under the same passphrase."""
    check(store)
    target = Path(target)
    if target.is_dir():
        target = target / store.path.name
    if target.exists():
        raise MentoringError(f"{target}: already exists; choose another name")
    if not target.parent.is_dir():
        raise MentoringError(f"{target.parent}: no such folder")
    store.compact()  # everything in the main file, the WAL emptied
    shutil.copyfile(store.path, target)
    return target


def markdown(store: Store) -> str:
    """The log as the mentor reads it on screen (never written to a file)."""
    out = [f"# {store.engagement().name}", ""]
    for n, s in enumerate(sessions(store), 1):
        out += [
            f"## {n}. {s.held.day} {s.held:%B %Y}" + (f": {s.mentee}" if s.mentee else ""),
            "",
            s.notes or "*No notes.*",
            "",
        ]
        if s.actions:
            out += ["**Actions:** " + s.actions, ""]
    return "\n".join(out).rstrip() + "\n"
