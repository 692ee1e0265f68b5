"""Whole tables at once: dumps for exports, sync checks and purges, and the purge itself."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Boolean, Engine
from sqlmodel import Session as DbSession
from sqlmodel import select

from onsite.model import Record
from onsite.store.errors import StoreError
from onsite.store.queries import R


class Dumps:
    """Reads and rewrites of whole tables, on the Store's engine."""

    engine: Engine
    path: object

    if TYPE_CHECKING:  # the Store's

        def _orm(self) -> AbstractContextManager[DbSession]: ...

    def every(self, model: type[R]) -> list[R]:
        """Every record of a kind, tombstones included (a purge must reach those too)."""
        with self._orm() as s:
            return list(s.exec(select(model).order_by(model.created)))

    def json_rows(self, model: type[Record]) -> list[str]:
        """Every row of a table as a JSON object (keys sorted, compact), made by SQLite itself
        in primary-key order: the same values as dump_rows, at a fraction of the cost."""
        table = model.__table__  # type: ignore[attr-defined]  # set by SQLModel for table=True
        parts = []
        for c in sorted(table.columns, key=lambda c: c.name):
            name = f'"{c.name}"'
            if isinstance(c.type, JSON):
                value = f"json({name})"
            elif isinstance(c.type, Boolean):
                value = f"CASE WHEN {name} THEN json('true') ELSE json('false') END"
            else:
                value = name
            parts.append(f"'{c.name}', {value}")
        order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
        sql = f'SELECT json_object({", ".join(parts)}) FROM "{table.name}" ORDER BY {order}'
        with self.engine.connect() as conn:
            return [row[0] for row in conn.exec_driver_sql(sql).all()]

    def dump_rows(self, model) -> list[dict]:
        """Every row of a table, tombstones included, in primary-key order, as plain values
        (JSON columns decoded, booleans as booleans, dates as ISO text). Read through the
        driver: the ORM costs seconds on a large engagement."""
        table = model.__table__
        names = [c.name for c in table.columns]
        decode = {i: json.loads for i, c in enumerate(table.columns) if isinstance(c.type, JSON)}
        decode |= {i: bool for i, c in enumerate(table.columns) if isinstance(c.type, Boolean)}
        columns = ", ".join(f'"{n}"' for n in names)
        order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
        with self.engine.connect() as conn:
            rows = conn.exec_driver_sql(
                f'SELECT {columns} FROM "{table.name}" ORDER BY {order}'
            ).all()
        if not decode:
            return [dict(zip(names, row)) for row in rows]
        out = []
        for row in rows:
            values = list(row)
            for i, f in decode.items():
                if values[i] is not None:
                    values[i] = f(values[i])
            out.append(dict(zip(names, values)))
        return out

    # -- purging ---------------------------------------------------------------------------

    def erase_history(self, fields: dict[str, tuple[str, ...]], upto: str) -> int:
        """Make the given fields unrecoverable as they were at or before the stamp `upto`.

        Each field of each record that has no change later than `upto` is blanked; every
        version at or before `upto` is deleted from the change log; the full-text index is
        rebuilt from what is left (FTS5 keeps deleted words in old segments until then).
        Returns the number of versions deleted. `compact()` then clears freed pages.
        """
        deleted = 0
        with self.engine.begin() as conn:
            for table, columns in fields.items():
                for column in columns:
                    conn.exec_driver_sql(
                        f"UPDATE {table} SET \"{column}\" = '' WHERE NOT EXISTS (SELECT 1 FROM "
                        f"change c WHERE c.record_table = ? AND c.record_id = {table}.id "
                        "AND c.field = ? AND c.stamp > ?)",
                        (table, column, upto),
                    )
                    deleted += conn.exec_driver_sql(
                        "DELETE FROM change WHERE record_table = ? AND field = ? AND stamp <= ?",
                        (table, column, upto),
                    ).rowcount
            conn.exec_driver_sql("INSERT INTO search(search) VALUES ('rebuild')")
        return deleted

    def compact(self) -> None:
        """Rewrite the file without free pages (VACUUM, in memory: temp_store) and empty the
        WAL, so nothing deleted can be read back from the file or its WAL."""
        self.engine.dispose()  # no pooled connection may hold an old snapshot of the pages
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("PRAGMA secure_delete = ON")
            conn.exec_driver_sql("VACUUM")
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()[0]
        if busy:
            raise StoreError(
                f"{self.path}: compacted, but the WAL could not be emptied while "
                "another program reads the file; close it there and purge again"
            )


__all__ = ["Dumps"]
