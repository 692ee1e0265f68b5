"""The change log read back: every version of a long text, a field's last change, what
came after a stamp, and the bundles this laptop has written or merged (sync status, frozen
daily updates and the tidying of old bundles read these)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from onsite.store.db import Store


def versions(store: Store, record_id: str, field: str) -> list[tuple[str, str, str]]:
    """(stamp, base, value JSON) of every version of one field, oldest first."""
    with store.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT stamp, base, value FROM change WHERE record_id = ? AND field = ? ORDER BY stamp",
                (record_id, field),
            )
        ]


def last_change(
    store: Store, record_id: str, field: str | None = None, other_than: str | None = None
) -> tuple[str, str] | None:
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
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT stamp, field, value FROM change WHERE record_id = ? AND stamp > ? ORDER BY stamp",
                (record_id, stamp),
            )
        ]


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
        return [
            BundleRow(*r)
            for r in conn.exec_driver_sql(
                "SELECT file, site, peer, written, merged, changes, summary FROM bundle "
                "ORDER BY merged DESC, file DESC"
            )
        ]
