"""Writing: one transaction that stamps records with the hybrid logical clock and logs each
field's change (the basis of team sync), and keeps a long text's versions.

The Writer reads through its own transaction (it has every query of the Store), and the
transaction takes the write lock when it begins: what a writer reads is what it changes,
never a snapshot from another connection that a merge or another window may since have moved.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Connection
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from onsite.clock import stamp_ms
from onsite.model import Change, ConflictFlag, Meta, Record
from onsite.store.changes import (
    BOOKKEEPING,
    INSERT,
    LONG_TEXTS,
    VERSION_WINDOW_MS,
    ChangeRow,
    encode,
)
from onsite.store.errors import StoreError
from onsite.store.queries import Queries

if TYPE_CHECKING:
    from onsite.store.db import Store

R = TypeVar("R", bound=Record)


class Writer(Queries):
    """Writes inside one transaction, stamping records and logging each field's change."""

    def __init__(self, store: Store, s: DbSession) -> None:
        self.store, self.s, self.path = store, s, store.path
        self._changes: list[ChangeRow] = []

    def _orm(self) -> AbstractContextManager[DbSession]:
        return nullcontext(self.s)

    def _sql(self) -> AbstractContextManager[Connection]:
        return nullcontext(self.s.connection())

    def add_all(self, records: Iterable[Record]) -> None:
        rows: dict[type, list[dict]] = {}
        site, clock = self.store.site, self.store.clock
        for record in records:
            stamp = clock.now()
            record.created = record.created or stamp
            record.updated, record.site = stamp, site
            data = record.model_dump()
            rows.setdefault(type(record), []).append(data)
            table = record.__tablename__
            self._changes.extend(
                ChangeRow(stamp, table, record.id, field, encode(value), site)
                for field, value in data.items()
                if field not in BOOKKEEPING
            )
        # Core inserts, not the ORM's bulk path: that one splits a batch wherever a column
        # switches between NULL and a value (a note's session or document), into thousands
        # of small statements at scale.
        connection = self.s.connection()
        for model, data in rows.items():
            connection.execute(model.__table__.insert(), data)

    def add(self, *records: Record) -> None:
        self.add_all(records)

    def update(self, record: R, **fields) -> R:
        unknown = (set(fields) - set(type(record).model_fields)) | (set(fields) & BOOKKEEPING)
        if unknown:
            raise ValueError(f"{type(record).__name__}: cannot set {', '.join(sorted(unknown))}")
        current = self._current(record)
        # Compared with the stored record, not the caller's copy: a merge may have changed it
        # since the caller loaded it, and their value must then still be written.
        changed = {k: v for k, v in fields.items() if getattr(current, k) != v}
        if not changed:
            for field, value in fields.items():
                setattr(record, field, value)
            return record
        stamp = self.store.clock.now()
        table = record.__tablename__
        bases = {
            field: self._replace_recent_version(table, record.id, field, stamp, record.updated)
            for field in changed
            if (table, field) in LONG_TEXTS
        }
        if current.deleted and "deleted" not in changed:
            # Someone edits what another laptop (or this one) deleted: keep the edit, and
            # flag it so a person decides whether the record comes back.
            self.s.merge(
                ConflictFlag(
                    record_id=record.id, field="deleted", record_table=table, kind="deleted"
                )
            )
        return self._write(
            record, current, stamp, {f: (v, bases.get(f, "")) for f, v in changed.items()}
        )

    def put(self, record: R, field: str, value, base: str = "") -> R:
        """Write one field even if its value is unchanged, naming the versions it replaces
        (space-separated stamps): how a person's resolution of a conflict becomes a change
        that travels like any other edit."""
        if field not in type(record).model_fields or field in BOOKKEEPING:
            raise ValueError(f"{type(record).__name__}: cannot set {field}")
        current = self._current(record)
        return self._write(record, current, self.store.clock.now(), {field: (value, base)})

    def delete(self, record: Record) -> None:
        self.update(record, deleted=True)

    def _current(self, record: R) -> R:
        current = self.s.get(type(record), record.id)
        if current is None:
            raise StoreError(f"{record.__tablename__} {record.id}: not in this engagement")
        return current

    def _write(self, record: R, current: R, stamp: str, changes: dict[str, tuple]) -> R:
        site, table = self.store.site, record.__tablename__
        for field, (value, base) in changes.items():
            setattr(current, field, value)
            setattr(record, field, value)
            self._changes.append(
                ChangeRow(stamp, table, record.id, field, encode(value), site, base)
            )
        current.updated, current.site = stamp, site
        self.s.add(current)
        record.updated, record.site = stamp, site
        return record

    def _replace_recent_version(
        self, table: str, record_id: str, field: str, stamp: str, seen: str
    ) -> str:
        """The base of a new version of a long text: the version the writer saw (`seen` is
        their copy's `updated`). Drops this site's previous unsent version if it is recent."""
        head = self._latest(record_id, field)
        if head is None:
            return ""
        if seen and head.stamp > seen:
            # A newer version came (a merge, another window) since the writer loaded the text:
            # name the one they edited, so the two become a conflict to resolve, not a silent
            # overwrite; and flag it, as a merge would.
            older = self._latest(record_id, field, upto=seen)
            self.s.merge(
                ConflictFlag(record_id=record_id, field=field, record_table=table, kind="text")
            )
            return older.stamp if older else head.stamp
        sent_upto = self.s.get(Meta, "sent_upto")
        recent = stamp_ms(stamp) - stamp_ms(head.stamp) < VERSION_WINDOW_MS
        unsent = sent_upto is None or head.stamp > sent_upto.value
        if head.site == self.store.site and recent and unsent:
            self.s.delete(head)
            return head.base
        return head.stamp

    def _latest(self, record_id: str, field: str, upto: str | None = None) -> Change | None:
        query = select(Change).where(Change.record_id == record_id, Change.field == field)
        if upto is not None:
            query = query.where(Change.stamp <= upto)
        return self.s.exec(query.order_by(col(Change.stamp).desc()).limit(1)).first()

    def flush(self) -> None:
        self.s.flush()
        if self._changes:
            self.s.connection().exec_driver_sql(INSERT, self._changes)
            self._changes = []


class Writing:
    """The Store's writes: each one a Writer's transaction."""

    if TYPE_CHECKING:  # the Store's

        def _session(self) -> DbSession: ...

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """One transaction: every add, update and delete inside it lands, or none does.

        It takes the write lock at once (BEGIN IMMEDIATE), so the writer's reads and its
        writes see one state of the file, and nobody else writes in between.
        """
        with self._session() as s:
            s.connection().exec_driver_sql("BEGIN IMMEDIATE")
            writer = Writer(self, s)  # type: ignore[arg-type]  # a Writing is always a Store
            yield writer
            writer.flush()
            s.commit()

    def add(self, *records: Record) -> None:
        self.add_all(records)

    def add_all(self, records: Iterable[Record]) -> None:
        with self.writing() as w:
            w.add_all(records)

    def update(self, record: R, **fields) -> R:
        """Change some fields of a record; only fields whose value differs are logged."""
        with self.writing() as w:
            return w.update(record, **fields)

    def delete(self, record: Record) -> None:
        """A tombstone, not a hard delete: the deletion travels to other laptops like an edit."""
        self.update(record, deleted=True)

    def import_records(self, new: Iterable[Record], updates: Iterable[tuple[Record, dict]]) -> None:
        with self.writing() as w:
            w.add_all(new)
            for record, fields in updates:
                w.update(record, **fields)
