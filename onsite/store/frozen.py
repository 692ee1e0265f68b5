"""Frozen records: a daily update, once delivered, is what system leaders were told.

The merge (onsite.store.merge, through onsite.store.materialize) recomputes a record from its
change log; for a frozen record every field keeps its frozen value whatever arrives later, and
its long texts are never a conflict. What to do with the edits that arrived too late is the
core's business (onsite.confidential.frozen.keep_frozen): each becomes a new draft version,
logged.
"""

from __future__ import annotations

# table -> (field, value JSON) whose first change freezes a record for good
FROZEN = {"dailyupdate": ("status", '"delivered"')}


def state(conn, table: str, record_id: str) -> tuple[str, dict[str, tuple[str, str]]] | None:
    """(the stamp that froze the record, field -> (value JSON, stamp) as frozen), or None if
    it is not frozen. A field's frozen value is the freezing laptop's latest change at or
    before that stamp (what it showed when the lead delivered), else the latest overall."""
    field, value = FROZEN[table]
    rows = conn.execute(
        "SELECT stamp, field, value FROM change WHERE record_table = ? AND "
        "record_id = ? ORDER BY stamp",
        (table, record_id),
    ).fetchall()
    freeze = next((stamp for stamp, f, v in rows if f == field and v == value), None)
    if freeze is None:
        return None
    site = freeze.split(".", 2)[2]
    own: dict[str, tuple[str, str]] = {}
    any_site: dict[str, tuple[str, str]] = {}
    for stamp, f, v in rows:
        if stamp > freeze:
            break
        any_site[f] = (v, stamp)
        if stamp.split(".", 2)[2] == site:
            own[f] = (v, stamp)
    return freeze, {**any_site, **own}


def hold(conn, latest: dict) -> None:
    """Hold frozen records in the log at their frozen values before they are recomputed."""
    for (table, record_id), fields in latest.items():
        if table not in FROZEN:
            continue
        held = state(conn, table, record_id)
        if held is not None:
            for f, (value, stamp) in held[1].items():
                fields[f] = (value, stamp)


def state_of(store, table: str, record_id: str) -> tuple[str, dict[str, tuple[str, str]]] | None:
    """`state` for one record of a Store, outside a merge."""
    proxy = store.engine.raw_connection()
    try:
        return state(proxy.driver_connection, table, record_id)
    finally:
        proxy.close()
