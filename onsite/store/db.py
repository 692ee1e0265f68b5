"""The Store: one open engagement file, the one object callers hold.

It is put together from the store's jobs, one module each:
- opening: creating, opening and upgrading a file, its engine, its site identity;
- writer: `writing()` and the Writer, which stamps records and logs each field's change in
  the same transaction (the table holds the current state, the change log holds history
  and is what team sync sends);
- queries: every read, shared with the Writer so that it reads inside its own transaction;
- dumps: whole tables out, and the purge.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

from sqlalchemy import Connection, Engine, func
from sqlmodel import Session as DbSession
from sqlmodel import select

from onsite.clock import Clock
from onsite.model import Change, Meta
from onsite.store import cipher
from onsite.store.changes import BOOKKEEPING, LONG_TEXTS, VERSION_WINDOW_MS
from onsite.store.dumps import Dumps
from onsite.store.errors import StoreError
from onsite.store.opening import Opening
from onsite.store.opening import statements as _statements
from onsite.store.queries import Queries
from onsite.store.writer import Writer, Writing


class Store(Opening, Writing, Queries, Dumps):
    def __init__(self, path: Path, engine: Engine, key: cipher.Key | None = None) -> None:
        self.path = path
        self.engine = engine
        self._key = key
        self.site = self._site_identity()
        self.clock = Clock(self.site, self._last_stamp())

    def _orm(self) -> AbstractContextManager[DbSession]:
        return DbSession(self.engine, expire_on_commit=False)

    def _sql(self) -> AbstractContextManager[Connection]:
        return self.engine.connect()

    def _session(self) -> DbSession:
        return DbSession(self.engine, expire_on_commit=False)

    def meta(self, key: str, default: str | None = None) -> str | None:
        with self._session() as s:
            row = s.get(Meta, key)
            return row.value if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self._session() as s:
            s.merge(Meta(key=key, value=value))
            s.commit()

    def me(self) -> str | None:
        """The peer using this laptop (kept per file; a copied file asks again)."""
        return self.meta("me") or None

    def set_me(self, peer_id: str) -> None:
        self.set_meta("me", peer_id)

    def _last_stamp(self) -> str | None:
        with self._session() as s:
            return s.exec(select(func.max(Change.stamp))).one()


__all__ = [
    "BOOKKEEPING",
    "LONG_TEXTS",
    "VERSION_WINDOW_MS",
    "Store",
    "StoreError",
    "Writer",
    "_statements",
]
