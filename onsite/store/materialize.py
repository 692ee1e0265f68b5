"""A record as a function of its change log: what the merge needs of the log of some records
(`ChangeLog`: each field's latest change, the first stamp, the versions of long texts), the
records recomputed from it in one statement per table (`materialize`), and the conflicts it
holds (two `heads` of a long text, an edit after a delete). The rules are in onsite.store.merge's
docstring; the merge decides which records to recompute and when.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import JSON, Boolean

from onsite.model import TABLE_BY_NAME
from onsite.store import frozen
from onsite.store.changes import BOOKKEEPING, LONG_TEXTS, ChangeRow

LONG_FIELDS = sorted({field for _, field in LONG_TEXTS})


@dataclass(frozen=True)
class TableSpec:
    fields: tuple[str, ...]  # the record's own fields, in column order
    kinds: tuple[str, ...]  # "json", "bool" or "" per field
    required: frozenset[str]  # fields without a default: a record needs them to exist
    defaults: dict[str, object]  # column values for the others (a field added by a later
    # version of Onsite is missing from older laptops' changes: it takes its default)
    select: str
    stage: str  # three statements: make the staging table, empty it, fill it
    upsert: str


def _spec(table: str) -> TableSpec:
    columns = list(TABLE_BY_NAME[table].__table__.columns)
    names = [c.name for c in columns]
    fields = tuple(n for n in names if n not in BOOKKEEPING)
    kinds = tuple(
        "json" if isinstance(c.type, JSON) else "bool" if isinstance(c.type, Boolean) else ""
        for c in columns
        if c.name in fields
    )
    model_fields = TABLE_BY_NAME[table].model_fields
    required = frozenset(n for n in fields if model_fields[n].is_required())
    defaults = {}
    for name, kind in zip(fields, kinds):
        if name not in required:
            value = model_fields[name].get_default(call_default_factory=True)
            defaults[name] = (
                json.dumps(value) if kind == "json" else int(value) if kind == "bool" else value
            )
    quoted = ", ".join(f'"{n}"' for n in ("id", "created", "updated", "site", *fields))
    marks = ", ".join("?" for _ in range(len(fields) + 4))
    assignments = ", ".join(
        f'"{n}" = excluded."{n}"' for n in ("created", "updated", "site", *fields)
    )
    return TableSpec(
        fields,
        kinds,
        required,
        defaults,
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


class ChangeLog:
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
            f"CROSS JOIN change c ON c.record_id = k.record_id AND c.field IN ({marks})",
            LONG_FIELDS,
        ):
            if (table, field) in LONG_TEXTS:
                self.versions.setdefault((table, record_id, field), []).append((stamp, base))

    def conflicts(self) -> list[tuple[str, str, str, str]]:
        """(record id, field, table, kind) of every conflict these logs hold."""
        flags = [
            (record_id, field, table, "text")
            for (table, record_id, field), v in self.versions.items()
            if len(heads(v)) > 1
        ]
        for (table, record_id), fields in self.latest.items():
            deleted = fields.get("deleted")
            if (
                deleted
                and deleted[0] == "true"
                and any(latest[1] > deleted[1] for f, latest in fields.items() if f != "deleted")
            ):
                flags.append((record_id, "deleted", table, "deleted"))
        return flags


def materialize(conn, log: ChangeLog) -> dict[str, list[int]]:
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
            row = _row(
                spec, record_id, log.latest[table, record_id], log.first[table, record_id], before
            )
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


def _row(spec: TableSpec, record_id: str, fields: dict, first: str, before: tuple | None):
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


def _count(summary: dict, table: str, before: tuple | None, after: tuple, spec: TableSpec) -> None:
    deleted = 4 + spec.fields.index("deleted")
    counts = summary.setdefault(table, [0, 0, 0])
    if before is None:
        if not after[deleted]:
            counts[0] += 1
    elif after[deleted] and not before[deleted]:
        counts[2] += 1
    else:
        counts[1] += 1


def heads(versions: Iterable[tuple[str, str]]) -> list[str]:
    """Stamps of the versions (stamp, base) that no other version replaced, oldest first."""
    versions = list(versions)
    replaced = {b for _, base in versions for b in base.split()}
    return sorted(stamp for stamp, _ in versions if stamp not in replaced)
