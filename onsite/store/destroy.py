"""Destroying records outright: no tombstone, no version kept in the change log, the file
compacted so no word can be read back. For what must never travel or outlive a request (a
mentor's private notes); the team's records are purged field by field instead (purge.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onsite.store.db import Store


def destroy(store: Store, table: str, record_ids: Iterable[str]) -> int:
    """Delete these records of a table and every change logged for them, then compact the
    file; the number of records deleted."""
    ids = list(record_ids)
    if not ids:
        return 0
    from onsite.model import TABLE_BY_NAME, MentoringSession

    known = set(TABLE_BY_NAME) | {MentoringSession.__tablename__}
    if table not in known:
        raise ValueError(f"{table}: not a table of an engagement")
    marks = ",".join("?" * len(ids))
    with store.engine.begin() as conn:
        deleted = conn.exec_driver_sql(
            f'DELETE FROM "{table}" WHERE id IN ({marks})', tuple(ids)
        ).rowcount
        conn.exec_driver_sql(
            f"DELETE FROM change WHERE record_table = ? AND record_id IN ({marks})", (table, *ids)
        )
    store.compact()
    return deleted
