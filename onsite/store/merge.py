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
  conflict (onsite.leaders.daily.keep_frozen makes it a new draft version and logs it).
Every merge recomputes this for the records a bundle touches, in one transaction per bundle.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import JSON, Boolean

from onsite.model import TABLE_BY_NAME
from onsite.store import cipher, frozen
from onsite.store.changes import BOOKKEEPING, COLUMNS, INSERT_OR_IGNORE, LONG_TEXTS, ChangeRow
from onsite.store.db import Store

LONG_FIELDS = sorted({field for _, field in LONG_TEXTS})


@dataclass(frozen=True)
class _TableSpec:
    fields: tuple[str, ...]  # the record's own fields, in column order
    kinds: tuple[str, ...]  # "json", "bool" or "" per field
    required: frozenset[str]  # fields without a default: a record needs them to exist
    defaults: dict[str, object]  # column values for the others (a field added by a later
    # version of Onsite is missing from older laptops' changes: it takes its default)
    select: str
    stage: str  # three statements: make the staging table, empty it, fill it
    upsert: str


def _spec(table: str) -> _TableSpec:
    columns = list(TABLE_BY_NAME[table].__table__.columns)
    names = [c.name for c in columns]
    fields = tuple(n for n in names if n not in BOOKKEEPING)
    kinds = tuple("json" if isinstance(c.type, JSON) else "bool" if isinstance(c.type, Boolean)
                  else "" for c in columns if c.name in fields)
    model_fields = TABLE_BY_NAME[table].model_fields
    required = frozenset(n for n in fields if model_fields[n].is_required())
    defaults = {}
    for name, kind in zip(fields, kinds):
        if name not in required:
            value = model_fields[name].get_default(call_default_factory=True)
            defaults[name] = json.dumps(value) if kind == "json" else int(value) if kind == "bool" else value
    quoted = ", ".join(f'"{n}"' for n in ("id", "created", "updated", "site", *fields))
    marks = ", ".join("?" for _ in range(len(fields) + 4))
    assignments = ", ".join(f'"{n}" = excluded."{n}"' for n in ("created", "updated", "site", *fields))
    return _TableSpec(
        fields, kinds, required, defaults,
        select=f'SELECT {quoted} FROM "{table}" WHERE id IN (SELECT record_id FROM temp.touched)',
        stage=f'CREATE TEMP TABLE IF NOT EXISTS "stage_{table}" AS SELECT {quoted} FROM "{table}" WHERE 0;'
              f'DELETE FROM temp."stage_{table}";'
              f'INSERT INTO temp."stage_{table}" ({quoted}) VALUES ({marks})',
        # One statement for all the rows: the search index's triggers then run inside one
        # statement, and FTS5 flushes its pending terms once, not once per row (3x faster).
        # An upsert (not INSERT OR REPLACE): it keeps the rowid, and its UPDATE fires the
        # triggers that keep full-text search in step.
        upsert=f'INSERT INTO "{table}" ({quoted}) SELECT {quoted} FROM temp."stage_{table}" '
               f"WHERE true ON CONFLICT(id) DO UPDATE SET {assignments}",
    )


SPECS = {table: _spec(table) for table in TABLE_BY_NAME}


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
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


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
    return conn.execute(f"SELECT 1 FROM change WHERE rowid > ? AND {own} LIMIT 1",
                        (sent, *params)).fetchone() is not None


# -- sending ---------------------------------------------------------------------------------


def send(store: Store, write: Callable[[list[ChangeRow]], tuple[str, object]], *, now: int,
         peer: str) -> str | None:
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
        rows = sorted(map(ChangeRow._make, conn.execute(
            f"SELECT {COLUMNS} FROM change WHERE rowid > ? AND {own}", (sent, *params))))
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
        return sorted(map(ChangeRow._make, conn.execute(
            f"SELECT {COLUMNS} FROM change WHERE {own}", params)))


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
        (file, header.site, header.sha256, header.first, header.last, header.count, header.peer,
         header.written, merged, json.dumps(summary)))


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
    _fill(conn, "known", [r[0] for r in conn.execute(
        "SELECT record_id FROM temp.touched t "
        "WHERE EXISTS (SELECT 1 FROM change c WHERE c.record_id = t.record_id)")])
    known = {r[0] for r in conn.execute("SELECT record_id FROM temp.known")}
    before = conn.total_changes
    conn.executemany(INSERT_OR_IGNORE, bundle.rows)
    summary = {}
    if conn.total_changes > before:  # a duplicate adds nothing, and costs nothing more
        log = _Log()
        log.add_rows((row, value) for row, value in zip(bundle.rows, bundle.values)
                     if row[2] not in known)
        log.add_from_db(conn)
        summary = _materialize(conn, log)
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


class _Log:
    """What the merge needs of the change log of some records."""

    def __init__(self) -> None:
        # (table, id) -> field -> (value JSON, stamp[, value decoded when known])
        self.latest: dict[tuple[str, str], dict[str, tuple]] = {}
        self.first: dict[tuple[str, str], str] = {}
        self.versions: dict[tuple[str, str, str], list[tuple[str, str]]] = {}  # long texts

    def add_rows(self, rows: Iterable[tuple[ChangeRow, object]]) -> None:
        """Change rows with their decoded values, from a bundle."""
        latest, first, versions = self.latest, self.first, self.versions
        for (stamp, table, record_id, field, value, _site, base), decoded in rows:
            key = (table, record_id)
            fields = latest.get(key)
            if fields is None:
                fields = latest[key] = {}
                first[key] = stamp
            elif stamp < first[key]:
                first[key] = stamp
            if field not in fields or stamp > fields[field][1]:
                fields[field] = (value, stamp, decoded)
            if (table, field) in LONG_TEXTS:
                versions.setdefault((table, record_id, field), []).append((stamp, base))

    def add_from_db(self, conn) -> None:
        """The records listed in temp.known, from the change table (CROSS JOIN: driven by
        the few records named, not by the whole log)."""
        for table, record_id, field, value, stamp in conn.execute(
            "SELECT c.record_table, c.record_id, c.field, c.value, max(c.stamp) FROM temp.known k "
            "CROSS JOIN change c ON c.record_id = k.record_id GROUP BY c.record_id, c.field, c.record_table"
        ):
            self.latest.setdefault((table, record_id), {})[field] = (value, stamp)
        for table, record_id, stamp in conn.execute(
            "SELECT c.record_table, c.record_id, min(c.stamp) FROM temp.known k "
            "CROSS JOIN change c ON c.record_id = k.record_id GROUP BY c.record_id, c.record_table"
        ):
            self.first[table, record_id] = stamp
        marks = ", ".join("?" for _ in LONG_FIELDS)
        for table, record_id, field, stamp, base in conn.execute(
            "SELECT c.record_table, c.record_id, c.field, c.stamp, c.base FROM temp.known k "
            f"CROSS JOIN change c ON c.record_id = k.record_id AND c.field IN ({marks})", LONG_FIELDS
        ):
            if (table, field) in LONG_TEXTS:
                self.versions.setdefault((table, record_id, field), []).append((stamp, base))

    def conflicts(self) -> list[tuple[str, str, str, str]]:
        """(record id, field, table, kind) of every conflict these logs hold."""
        flags = [(record_id, field, table, "text")
                 for (table, record_id, field), v in self.versions.items() if len(heads(v)) > 1]
        for (table, record_id), fields in self.latest.items():
            deleted = fields.get("deleted")
            if deleted and deleted[0] == "true" and any(
                    latest[1] > deleted[1] for f, latest in fields.items() if f != "deleted"):
                flags.append((record_id, "deleted", table, "deleted"))
        return flags


def _materialize(conn, log: _Log) -> dict[str, list[int]]:
    """Recompute the records in the log; count what visibly changed."""
    frozen.hold(conn, log.latest)
    by_table: dict[str, list[str]] = {}
    for table, record_id in log.latest:
        by_table.setdefault(table, []).append(record_id)
    summary: dict[str, list[int]] = {}
    for table, record_ids in by_table.items():
        spec = SPECS[table]
        existing = {row[0]: row for row in conn.execute(spec.select)}
        rows = []
        for record_id in record_ids:
            before = existing.get(record_id)
            row = _row(spec, record_id, log.latest[table, record_id], log.first[table, record_id], before)
            if row is None or row == before:
                continue
            rows.append(row)
            _count(summary, table, before, row, spec)
        if rows:
            make, empty, fill = spec.stage.split(";")
            conn.execute(make)
            conn.execute(empty)
            conn.executemany(fill, rows)
            conn.execute(spec.upsert)
    return summary


def _row(spec: _TableSpec, record_id: str, fields: dict, first: str, before: tuple | None):
    if before is None and not spec.required <= fields.keys():
        return None  # its creation has not arrived yet
    updated = max(latest[1] for latest in fields.values())
    created, site = first, updated.split(".", 2)[2]
    if before is not None:
        # An edit can make a record before its creation arrives: the earliest stamp wins.
        created = min(before[1], first) if before[1] else first
        if before[2] > updated:  # written before changes were logged (an old file)
            updated, site = before[2], before[3]
    values = [record_id, created, updated, site]
    for i, (name, kind) in enumerate(zip(spec.fields, spec.kinds), start=4):
        if name not in fields:
            values.append(before[i] if before is not None else spec.defaults[name])
            continue
        latest = fields[name]
        if kind == "json":
            values.append(latest[0])
        else:
            value = latest[2] if len(latest) > 2 else json.loads(latest[0])
            values.append(int(value) if kind == "bool" else value)
    return tuple(values)


def _count(summary: dict, table: str, before: tuple | None, after: tuple, spec: _TableSpec) -> None:
    deleted = 4 + spec.fields.index("deleted")
    counts = summary.setdefault(table, [0, 0, 0])
    if before is None:
        if not after[deleted]:
            counts[0] += 1
    elif after[deleted] and not before[deleted]:
        counts[2] += 1
    else:
        counts[1] += 1


# -- conflicts -------------------------------------------------------------------------------


def heads(versions: Iterable[tuple[str, str]]) -> list[str]:
    """Stamps of the versions (stamp, base) that no other version replaced, oldest first."""
    versions = list(versions)
    replaced = {b for _, base in versions for b in base.split()}
    return sorted(stamp for stamp, _ in versions if stamp not in replaced)


def _flag_conflicts(conn, log: _Log) -> None:
    """Replace the conflict flags of the touched records with what their logs now hold."""
    conn.execute("DELETE FROM conflict WHERE record_id IN (SELECT record_id FROM temp.touched)")
    flags = [c for c in log.conflicts()
             if c[2] not in frozen.FROZEN or frozen.state(conn, c[2], c[0]) is None]
    conn.executemany("INSERT OR REPLACE INTO conflict (record_id, field, record_table, kind) "
                     "VALUES (?, ?, ?, ?)", flags)


def refresh_conflicts(store: Store, record_ids: Iterable[str] | None = None) -> list[tuple[str, str, str, str]]:
    """Recheck flagged records (or the ones named) against the change log, which may have
    moved on through local edits; the open conflicts as (table, record id, field, kind)."""
    with _immediate(store) as conn:
        if record_ids is None:
            record_ids = [r[0] for r in conn.execute("SELECT record_id FROM conflict")]
        record_ids = list(record_ids)
        _fill(conn, "touched", record_ids)
        _fill(conn, "known", record_ids)
        log = _Log()
        log.add_from_db(conn)
        _flag_conflicts(conn, log)
        return conn.execute("SELECT record_table, record_id, field, kind FROM conflict "
                            "ORDER BY record_table, record_id, field").fetchall()


def recompute(store: Store, record_ids: Iterable[str]) -> None:
    """Recompute records from their change log, as a merge does (a frozen record written to
    underneath on this laptop goes back to its frozen values)."""
    with _immediate(store) as conn:
        record_ids = list(record_ids)
        _fill(conn, "touched", record_ids)
        _fill(conn, "known", record_ids)
        log = _Log()
        log.add_from_db(conn)
        _materialize(conn, log)
        _flag_conflicts(conn, log)


def versions(store: Store, record_id: str, field: str) -> list[tuple[str, str, str]]:
    """(stamp, base, value JSON) of every version of one field, oldest first."""
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(
            "SELECT stamp, base, value FROM change WHERE record_id = ? AND field = ? ORDER BY stamp",
            (record_id, field))]


def last_change(store: Store, record_id: str, field: str | None = None,
                other_than: str | None = None) -> tuple[str, str] | None:
    """(stamp, value JSON) of the latest change to a record's field (or to any field but one)."""
    sql, params = "SELECT stamp, value FROM change WHERE record_id = ?", [record_id]
    if field is not None:
        sql, params = sql + " AND field = ?", params + [field]
    if other_than is not None:
        sql, params = sql + " AND field != ?", params + [other_than]
    with store.engine.connect() as conn:
        row = conn.exec_driver_sql(sql + " ORDER BY stamp DESC LIMIT 1", tuple(params)).first()
    return tuple(row) if row else None


def changes_after(store: Store, record_id: str, stamp: str) -> list[tuple[str, str, str]]:
    """(stamp, field, value JSON) of a record's changes later than a stamp, oldest first."""
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(
            "SELECT stamp, field, value FROM change WHERE record_id = ? AND stamp > ? ORDER BY stamp",
            (record_id, stamp))]


# -- status ----------------------------------------------------------------------------------


class BundleRow(NamedTuple):
    file: str  # "<site>/<name>" in the sync folder
    site: str
    peer: str
    written: int  # Unix ms, by the writer's clock
    merged: int  # Unix ms, by this laptop's clock
    changes: int
    summary: str  # JSON: table -> [new, edited, deleted]


def bundles(store: Store) -> list[BundleRow]:
    """Every bundle written or merged here, newest first."""
    with store.engine.connect() as conn:
        return [BundleRow(*r) for r in conn.exec_driver_sql(
            "SELECT file, site, peer, written, merged, changes, summary FROM bundle "
            "ORDER BY merged DESC, file DESC")]
