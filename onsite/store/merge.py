"""Team sync, the SQL side: taking in other laptops' changes, sending this one's, conflicts.

The state of a record is a function of its change log, so merging is a set union and the
order of bundles cannot matter (commutative, associative; a duplicate adds nothing):
- a field takes the value of its change with the greatest stamp (last writer wins; the
  site id in the stamp breaks ties);
- a record exists once every field it cannot do without has arrived (an edit can arrive
  before the record's creation; it waits in the log); a field no change mentions takes its
  default (a field added by a later Onsite is absent from older laptops' changes);
- created is its first stamp, updated its last, site the site of the last;
- a long text's versions name the version(s) they replaced (`base`); versions no other
  version replaced are heads, and two heads are a conflict for a person;
- a record whose winning `deleted` is true but which has a later change to another field
  was edited after its deletion: flagged, and the edit is kept;
- a frozen record (a daily update once delivered, FROZEN) keeps every field as it was
  delivered: the delivering laptop's latest value at the delivery stamp. A later edit, or a
  version written on another laptop that the lead never saw, changes nothing and is not a
  conflict (onsite.confidential.frozen.keep_frozen makes it a new draft version and logs it).
Every merge recomputes this for the records a bundle touches, in one transaction per bundle
(the recompute itself, from the change log to the rows, is onsite.store.materialize).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from onsite.store import cipher, frozen
from onsite.store.changes import COLUMNS, INSERT_OR_IGNORE, ChangeRow
from onsite.store.db import Store
from onsite.store.materialize import ChangeLog, materialize


@contextmanager
def _immediate(store: Store) -> Iterator:
    """The raw DB-API connection inside one write transaction: all of it lands, or none."""
    proxy = store.engine.raw_connection()
    conn = proxy.driver_connection
    assert conn is not None  # a pooled connection that is checked out has its driver's
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
    finally:
        proxy.close()


def _meta(conn, key: str, default: str = "") -> str:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def _set_meta(conn, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def _own(store: Store, conn) -> tuple[str, list]:
    """SQL condition and parameters for the changes this laptop must send: its own, and those
    of the file's earlier identities that it had not sent (see Store._inherit)."""
    condition, params = "site = ?", [store.site]
    for site, upto in json.loads(_meta(conn, "inherited", "[]")):
        condition += " OR (site = ? AND rowid <= ?)"
        params += [site, upto]
    return f"({condition})", params


def _has_unsent(store: Store, conn) -> bool:
    own, params = _own(store, conn)
    sent = int(_meta(conn, "sent_rowid", "0"))
    return (
        conn.execute(
            f"SELECT 1 FROM change WHERE rowid > ? AND {own} LIMIT 1", (sent, *params)
        ).fetchone()
        is not None
    )


# -- sending ---------------------------------------------------------------------------------


def send(
    store: Store, write: Callable[[list[ChangeRow]], tuple[str, object]], *, now: int, peer: str
) -> str | None:
    """Hand this laptop's unsent changes to `write` (which puts them in a bundle file and
    returns its key and header); then mark them sent. None if there was nothing to send.

    The write lock is held throughout, so an edit saved meanwhile waits, and is sent next
    time: nothing falls between the rows read and the mark set.
    """
    with _immediate(store) as conn:
        own, params = _own(store, conn)
        sent = int(_meta(conn, "sent_rowid", "0"))
        top = conn.execute("SELECT coalesce(max(rowid), 0) FROM change").fetchone()[0]
        # Sorted here, not by ORDER BY stamp: SQLite would walk the whole log in stamp order
        # rather than jump to the few rows after `sent` (25 ms at ten heavy weeks, not 1).
        rows = sorted(
            map(
                ChangeRow._make,
                conn.execute(
                    f"SELECT {COLUMNS} FROM change WHERE rowid > ? AND {own}", (sent, *params)
                ),
            )
        )
        if top > sent:
            _set_meta(conn, "sent_rowid", str(top))
        if not rows:
            return None
        file, header = write(rows)
        _set_meta(conn, "sent_upto", max(rows[-1][0], _meta(conn, "sent_upto")))
        _record_bundle(conn, file, header, merged=now, summary={})
        return file


def own_rows(store: Store) -> list[ChangeRow]:
    """Every change this laptop wrote (and inherited) still in its log, oldest first: what a
    rewrite of its bundles holds, after a purge erased old versions or the team key changed."""
    with _immediate(store) as conn:
        own, params = _own(store, conn)
        return sorted(
            map(ChangeRow._make, conn.execute(f"SELECT {COLUMNS} FROM change WHERE {own}", params))
        )


def forget_bundles(store: Store, files: Iterable[str]) -> None:
    """Forget this laptop's own bundles deleted from the folder (rewritten as one)."""
    with _immediate(store) as conn:
        conn.executemany("DELETE FROM bundle WHERE file = ?", ((f,) for f in files))


def record_bundle(store: Store, file: str, header) -> None:
    with _immediate(store) as conn:
        _record_bundle(conn, file, header, merged=store.clock.wall_ms(), summary={})


def _record_bundle(conn, file: str, header, merged: int, summary: dict) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO bundle (file, site, sha256, first, last, changes, peer, written, "
        "merged, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            file,
            header.site,
            header.sha256,
            header.first,
            header.last,
            header.count,
            header.peer,
            header.written,
            merged,
            json.dumps(summary),
        ),
    )


def known_files(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return {row[0] for row in conn.exec_driver_sql("SELECT file FROM bundle")}


# -- taking in -------------------------------------------------------------------------------

# Bundles merged one after another share a transaction (one flush to the disk, not one per
# bundle) for at most this long, so that a peer's save never waits much longer than this.
BATCH_SECONDS = 1.0


class BundleRefused(Exception):
    """SQLite refused one bundle's changes; that bundle was rolled back, the others stand."""


class Intake:
    """Takes in bundles, each inside a savepoint of its own: all of a bundle, or none of it."""

    def __init__(self, store: Store, conn) -> None:
        self.store, self.conn = store, conn
        self.since = time.perf_counter()

    def take_in(self, bundle, *, now: int) -> dict[str, list[int]] | None:
        """Merge one bundle (an onsite.bundles.Bundle); what it changed, per table
        [new, edited, deleted]; None if this file was merged before."""
        conn = self.conn
        if conn.execute("SELECT 1 FROM bundle WHERE file = ?", (bundle.file,)).fetchone():
            return None
        conn.execute("SAVEPOINT bundle")
        try:
            summary = _take_in(self.store, conn, bundle, now)
        except cipher.Error as e:
            if not conn.in_transaction:
                raise  # SQLite gave up the whole transaction (disk full, I/O): stop here
            conn.execute("ROLLBACK TO bundle")
            conn.execute("RELEASE bundle")
            raise BundleRefused(str(e)) from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK TO bundle")
                conn.execute("RELEASE bundle")
            raise
        conn.execute("RELEASE bundle")
        if time.perf_counter() - self.since > BATCH_SECONDS:
            conn.commit()
            conn.execute("BEGIN IMMEDIATE")
            self.since = time.perf_counter()
        return summary


@contextmanager
def intake(store: Store) -> Iterator[Intake]:
    with _immediate(store) as conn:
        yield Intake(store, conn)


def take_in(store: Store, bundle, *, now: int) -> dict[str, list[int]] | None:
    """Merge one bundle in a transaction of its own."""
    with intake(store) as i:
        return i.take_in(bundle, now=now)


def _take_in(store: Store, conn, bundle, now: int) -> dict[str, list[int]]:
    pending = _has_unsent(store, conn)
    _fill(conn, "touched", {row[2] for row in bundle.rows})
    # Records this laptop has never heard of are worked out from the bundle alone (the
    # first merge of a big folder is mostly these); the others from their full change log.
    _fill(
        conn,
        "known",
        [
            r[0]
            for r in conn.execute(
                "SELECT record_id FROM temp.touched t "
                "WHERE EXISTS (SELECT 1 FROM change c WHERE c.record_id = t.record_id)"
            )
        ],
    )
    known = {r[0] for r in conn.execute("SELECT record_id FROM temp.known")}
    before = conn.total_changes
    conn.executemany(INSERT_OR_IGNORE, bundle.rows)
    summary = {}
    if conn.total_changes > before:  # a duplicate adds nothing, and costs nothing more
        log = ChangeLog()
        log.add_rows(
            (row, value) for row, value in zip(bundle.rows, bundle.values) if row[2] not in known
        )
        log.add_from_db(conn)
        summary = materialize(conn, log)
        _flag_conflicts(conn, log)
    _record_bundle(conn, bundle.file, bundle.header, merged=now, summary=summary)
    if not pending:
        # Nothing of ours waits to be sent: the next send need not look at what came in.
        top = conn.execute("SELECT coalesce(max(rowid), 0) FROM change").fetchone()[0]
        _set_meta(conn, "sent_rowid", str(top))
    return summary


def _fill(conn, name: str, record_ids: Iterable[str]) -> None:
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (record_id TEXT PRIMARY KEY)")
    conn.execute(f"DELETE FROM temp.{name}")
    conn.executemany(f"INSERT OR IGNORE INTO temp.{name} VALUES (?)", ((i,) for i in record_ids))


# -- conflicts -------------------------------------------------------------------------------


def _flag_conflicts(conn, log: ChangeLog) -> None:
    """Replace the conflict flags of the touched records with what their logs now hold."""
    conn.execute("DELETE FROM conflict WHERE record_id IN (SELECT record_id FROM temp.touched)")
    flags = [
        c
        for c in log.conflicts()
        if c[2] not in frozen.FROZEN or frozen.state(conn, c[2], c[0]) is None
    ]
    conn.executemany(
        "INSERT OR REPLACE INTO conflict (record_id, field, record_table, kind) "
        "VALUES (?, ?, ?, ?)",
        flags,
    )


def refresh_conflicts(
    store: Store, record_ids: Iterable[str] | None = None
) -> list[tuple[str, str, str, str]]:
    """Recheck flagged records (or the ones named) against the change log, which may have
    moved on through local edits; the open conflicts as (table, record id, field, kind)."""
    with _immediate(store) as conn:
        if record_ids is None:
            record_ids = [r[0] for r in conn.execute("SELECT record_id FROM conflict")]
        record_ids = list(record_ids)
        _fill(conn, "touched", record_ids)
        _fill(conn, "known", record_ids)
        log = ChangeLog()
        log.add_from_db(conn)
        _flag_conflicts(conn, log)
        return conn.execute(
            "SELECT record_table, record_id, field, kind FROM conflict "
            "ORDER BY record_table, record_id, field"
        ).fetchall()


def recompute(store: Store, record_ids: Iterable[str]) -> None:
    """Recompute records from their change log, as a merge does (a frozen record written to
    underneath on this laptop goes back to its frozen values)."""
    with _immediate(store) as conn:
        record_ids = list(record_ids)
        _fill(conn, "touched", record_ids)
        _fill(conn, "known", record_ids)
        log = ChangeLog()
        log.add_from_db(conn)
        materialize(conn, log)
        _flag_conflicts(conn, log)
