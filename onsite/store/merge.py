"""Team sync, the SQL side: taking in other laptops' changes, sending this one's, conflicts.

The state of a record is a function of its change log, so merging is a set union and the
order of bundles cannot matter (commutative, associative; a duplicate adds nothing):
- a field takes the value of its change with the greatest stamp (last writer wins; the
  site id in the stamp breaks ties);
- a record exists once every one of its fields has arrived (an edit can arrive before the
  record's creation; it waits in the log);
- created is its first stamp, updated its last, site the site of the last;
- a long text's versions name the version(s) they replaced (`base`); versions no other
  version replaced are heads, and two heads are a conflict for a person;
- a record whose winning `deleted` is true but which has a later change to another field
  was edited after its deletion: flagged, and the edit is kept.
Every merge recomputes this for the records a bundle touches, in one transaction per bundle.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import JSON, Boolean

from onsite.model import TABLE_BY_NAME
from onsite.store.db import LONG_TEXTS, Store

LONG_FIELDS = sorted({field for _, field in LONG_TEXTS})


@dataclass(frozen=True)
class _TableSpec:
    fields: tuple[str, ...]  # the record's own fields, in column order
    kinds: tuple[str, ...]  # "json", "bool" or "" per field
    select: str
    upsert: str


def _spec(table: str) -> _TableSpec:
    columns = list(TABLE_BY_NAME[table].__table__.columns)
    names = [c.name for c in columns]
    fields = tuple(n for n in names if n not in ("id", "created", "updated", "site"))
    kinds = tuple("json" if isinstance(c.type, JSON) else "bool" if isinstance(c.type, Boolean)
                  else "" for c in columns if c.name in fields)
    quoted = ", ".join(f'"{n}"' for n in ("id", "created", "updated", "site", *fields))
    marks = ", ".join("?" for _ in range(len(fields) + 4))
    assignments = ", ".join(f'"{n}" = excluded."{n}"' for n in ("created", "updated", "site", *fields))
    return _TableSpec(
        fields, kinds,
        select=f'SELECT {quoted} FROM "{table}" WHERE id IN (SELECT record_id FROM temp.touched)',
        # An upsert (not INSERT OR REPLACE): it keeps the rowid, and its UPDATE fires the
        # triggers that keep full-text search in step.
        upsert=f'INSERT INTO "{table}" ({quoted}) VALUES ({marks}) '
               f"ON CONFLICT(id) DO UPDATE SET {assignments}",
    )


SPECS = {table: _spec(table) for table in TABLE_BY_NAME}


@contextmanager
def _immediate(store: Store) -> Iterator:
    """The raw sqlite3 connection inside one write transaction: all of it lands, or none."""
    proxy = store.engine.raw_connection()
    conn = proxy.driver_connection
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


def send(store: Store, write: Callable[[list[tuple]], tuple[str, object]], *, now: int,
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
        rows = conn.execute(
            "SELECT stamp, record_table, record_id, field, value, site, base FROM change "
            f"WHERE rowid > ? AND {own} ORDER BY stamp", (sent, *params)).fetchall()
        if top > sent:
            _set_meta(conn, "sent_rowid", str(top))
        if not rows:
            return None
        file, header = write(rows)
        _set_meta(conn, "sent_upto", max(rows[-1][0], _meta(conn, "sent_upto")))
        _record_bundle(conn, file, header, merged=now, summary={})
        return file


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


def take_in(store: Store, bundle, *, now: int) -> dict[str, list[int]] | None:
    """Merge one bundle (an onsite.bundles.Bundle) in one transaction; what it changed, per
    table [new, edited, deleted]; None if this file was merged before."""
    with _immediate(store) as conn:
        if conn.execute("SELECT 1 FROM bundle WHERE file = ?", (bundle.file,)).fetchone():
            return None
        pending = _has_unsent(store, conn)
        before = conn.total_changes
        conn.executemany(
            "INSERT OR IGNORE INTO change (stamp, record_table, record_id, field, value, site, base) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", bundle.rows)
        summary = {}
        if conn.total_changes > before:  # a duplicate adds nothing, and costs nothing more
            _touch(conn, {row[2] for row in bundle.rows})
            summary = _materialize(conn)
            _refresh_conflicts(conn)
        _record_bundle(conn, bundle.file, bundle.header, merged=now, summary=summary)
        if not pending:
            # Nothing of ours waits to be sent: the next send need not look at what came in.
            top = conn.execute("SELECT coalesce(max(rowid), 0) FROM change").fetchone()[0]
            _set_meta(conn, "sent_rowid", str(top))
        return summary


def _touch(conn, record_ids: Iterable[str]) -> None:
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS touched (record_id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp.touched")
    conn.executemany("INSERT OR IGNORE INTO temp.touched VALUES (?)", ((i,) for i in record_ids))


def _materialize(conn) -> dict[str, list[int]]:
    """Recompute the touched records from their change log; count what visibly changed."""
    latest: dict[str, dict[str, dict[str, tuple[str, str]]]] = {}
    for table, record_id, field, value, stamp in conn.execute(
        "SELECT c.record_table, c.record_id, c.field, c.value, max(c.stamp) FROM temp.touched t "
        "JOIN change c ON c.record_id = t.record_id GROUP BY c.record_id, c.field, c.record_table"
    ):
        latest.setdefault(table, {}).setdefault(record_id, {})[field] = (value, stamp)
    first = {(table, record_id): stamp for table, record_id, stamp in conn.execute(
        "SELECT c.record_table, c.record_id, min(c.stamp) FROM temp.touched t "
        "JOIN change c ON c.record_id = t.record_id GROUP BY c.record_id, c.record_table")}
    summary: dict[str, list[int]] = {}
    for table, records in latest.items():
        spec = SPECS[table]
        existing = {row[0]: row for row in conn.execute(spec.select)}
        rows = []
        for record_id, fields in records.items():
            row = _row(spec, record_id, fields, first[table, record_id], existing.get(record_id))
            if row is None or row == existing.get(record_id):
                continue
            rows.append(row)
            _count(summary, table, existing.get(record_id), row, spec)
        conn.executemany(spec.upsert, rows)
    return summary


def _row(spec: _TableSpec, record_id: str, fields: dict, first: str, before: tuple | None):
    if before is None and len(fields) < len(spec.fields):
        return None  # its creation has not arrived yet
    updated = max(stamp for _, stamp in fields.values())
    created, site = first, updated.split(".", 2)[2]
    if before is not None:
        created = before[1]
        if before[2] > updated:  # written before changes were logged (an old file)
            updated, site = before[2], before[3]
    values = [record_id, created, updated, site]
    for i, (name, kind) in enumerate(zip(spec.fields, spec.kinds), start=4):
        if name not in fields:
            values.append(before[i])
            continue
        text = fields[name][0]
        if kind == "json":
            values.append(text)
        else:
            value = json.loads(text)
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


def _refresh_conflicts(conn) -> None:
    """Recompute the conflict flags of the touched records from their change logs."""
    conn.execute("DELETE FROM conflict WHERE record_id IN (SELECT record_id FROM temp.touched)")
    versions: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    marks = ", ".join("?" for _ in LONG_FIELDS)
    for table, record_id, field, stamp, base in conn.execute(
        "SELECT c.record_table, c.record_id, c.field, c.stamp, c.base FROM temp.touched t "
        f"JOIN change c ON c.record_id = t.record_id AND c.field IN ({marks})", LONG_FIELDS
    ):
        if (table, field) in LONG_TEXTS:
            versions.setdefault((table, record_id, field), []).append((stamp, base))
    flags = [(record_id, field, table, "text") for (table, record_id, field), v in versions.items()
             if len(heads(v)) > 1]
    for table, record_id, value, stamp in conn.execute(
        "SELECT c.record_table, c.record_id, c.value, max(c.stamp) FROM temp.touched t "
        "JOIN change c ON c.record_id = t.record_id AND c.field = 'deleted' "
        "GROUP BY c.record_id, c.record_table"
    ).fetchall():
        if value != "true":
            continue
        later = conn.execute("SELECT 1 FROM change WHERE record_id = ? AND field != 'deleted' "
                             "AND stamp > ? LIMIT 1", (record_id, stamp)).fetchone()
        if later:
            flags.append((record_id, "deleted", table, "deleted"))
    conn.executemany("INSERT OR REPLACE INTO conflict (record_id, field, record_table, kind) "
                     "VALUES (?, ?, ?, ?)", flags)


def refresh_conflicts(store: Store, record_ids: Iterable[str] | None = None) -> list[tuple[str, str, str, str]]:
    """Recheck flagged records (or the ones named) against the change log, which may have
    moved on through local edits; the open conflicts as (table, record id, field, kind)."""
    with _immediate(store) as conn:
        if record_ids is None:
            record_ids = [r[0] for r in conn.execute("SELECT record_id FROM conflict")]
        _touch(conn, record_ids)
        _refresh_conflicts(conn)
        return conn.execute("SELECT record_table, record_id, field, kind FROM conflict "
                            "ORDER BY record_table, record_id, field").fetchall()


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


def bundles(store: Store) -> list[tuple]:
    """(file, site, peer, written, merged, changes, summary JSON) of every bundle written or
    merged here, newest first."""
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(
            "SELECT file, site, peer, written, merged, changes, summary FROM bundle "
            "ORDER BY merged DESC, file DESC")]
