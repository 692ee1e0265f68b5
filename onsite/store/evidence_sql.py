"""The queries behind the findings board's updates: what changed since the board was built,
and the evidence of only those findings.

Kept apart from the Store's own queries because they serve the incremental updates of the
board, the week and the feedback; they take a Store (or a Writer: any `Queries`) and read
through its driver connection, without the ORM.

The mark is the change log's largest rowid, not a clock stamp: a sync merge inserts other
laptops' changes with stamps older than this laptop's clock, but always at a higher rowid.
The mark keeps the last row's stamp too: replacing a recent version of a long text
deletes the newest row, and the next insert may reuse its rowid.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onsite.store.db import Store

def change_mark(store: Store) -> tuple[int, str]:
    """(rowid, stamp) of the change log's last row: where the next `changes_since` starts."""
    with store._sql() as conn:
        row = conn.exec_driver_sql("SELECT rowid, stamp FROM change ORDER BY rowid DESC "
                                   "LIMIT 1").first()
    return (row[0], row[1]) if row else (0, "")


def changes_since(store: Store, mark: tuple[int, str]) -> list[tuple[str, str, str, str | None]]:
    """(table, record id, field, value) of every change after the mark; the value only for
    an excerpt's finding (the others may be whole notes, and are not needed). The row at
    the mark itself counts again if it is no longer the one marked (replaced)."""
    sql = ("SELECT record_table, record_id, field, "
           "CASE WHEN field = 'finding_id' THEN value END FROM change "
           "WHERE rowid > ? OR (rowid = ? AND stamp != ?)")
    with store._sql() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql, (mark[0], mark[0], mark[1])).all()]


def _in(ids: list[str]) -> str:
    return ",".join("?" * len(ids))


def card_evidence(store: Store, finding_ids: list[str] | None = None) -> dict[str, tuple]:
    """Finding id -> (excerpts, evidence kinds, sources, source kinds, first day, organisations,
    sectors) of its live, anchored excerpts, every finding or only some: aggregated by
    SQLite, so that a board at scale 10 (24,000 excerpts) is not 24,000 rows into Python.
    Sources are sessions and documents; a source's kind is its session's kind (interview if
    unknown) or "document"; the first day is the earliest day of a session behind it."""
    where, params = "", ()
    if finding_ids is not None:
        if not finding_ids:
            return {}
        where, params = f"AND e.finding_id IN ({_in(finding_ids)})", tuple(finding_ids)
    sql = f"""
        WITH ev AS MATERIALIZED (
          SELECT e.finding_id AS f, e.evidence AS evidence, n.session_id AS sid,
                 coalesce(n.session_id, n.document_id) AS source, s.day AS day,
                 CASE WHEN n.session_id IS NULL THEN 'document'
                      ELSE coalesce(s.kind, 'interview') END AS kind
          FROM excerpt e JOIN note n ON n.id = e.note_id
          LEFT JOIN session s ON s.id = n.session_id
          WHERE e.deleted = 0 AND e.orphaned = 0 AND e.finding_id IS NOT NULL
            AND n.deleted = 0 AND coalesce(n.session_id, n.document_id) IS NOT NULL {where}
        ),
        src AS MATERIALIZED (SELECT DISTINCT f, source, sid FROM ev),
        org AS (
          SELECT f, json_group_array(DISTINCT name) AS names FROM (
            SELECT src.f AS f, p.organisation AS name FROM src
            JOIN participant p ON p.session_id = src.sid AND p.deleted = 0
             AND p.organisation != ''
            UNION ALL
            SELECT src.f, d.source FROM src
            JOIN document d ON src.sid IS NULL AND d.id = src.source AND d.deleted = 0
             AND d.source != '')
          GROUP BY f
        ),
        sec AS (
          SELECT src.f AS f, json_group_array(DISTINCT p.sector) AS names FROM src
          CROSS JOIN participant p ON p.session_id = src.sid AND p.deleted = 0
           AND p.sector != ''
          GROUP BY src.f
        ),
        agg AS (
          SELECT f, count(*) AS excerpts, json_group_array(DISTINCT evidence) AS evidence,
                 json_group_array(DISTINCT source) AS sources,
                 json_group_array(DISTINCT kind) AS kinds, min(day) AS first_day
          FROM ev GROUP BY f
        )
        SELECT agg.f, agg.excerpts, agg.evidence, agg.sources, agg.kinds, agg.first_day,
               coalesce(org.names, '[]'), coalesce(sec.names, '[]')
        FROM agg LEFT JOIN org ON org.f = agg.f LEFT JOIN sec ON sec.f = agg.f"""
    loads = json.loads
    with store._sql() as conn:
        return {f: (n, loads(ev), loads(src), loads(kinds), day, loads(orgs), loads(secs))
                for f, n, ev, src, kinds, day, orgs, secs in conn.exec_driver_sql(sql, params)}


def finding_before(store: Store, excerpt_id: str, mark: tuple[int, str]) -> str | None:
    """The finding an excerpt belonged to at the mark (the change log keeps it)."""
    sql = ("SELECT value FROM change WHERE record_id = ? AND field = 'finding_id' "
           "AND rowid <= ? ORDER BY stamp DESC LIMIT 1")
    with store._sql() as conn:
        value = conn.exec_driver_sql(sql, (excerpt_id, mark[0])).scalar()
    return json.loads(value) if value else None


def findings_of(store: Store, table: str, record_ids: list[str]) -> set[str]:
    """The findings an excerpt, or a note's excerpts, belong to now."""
    if not record_ids:
        return set()
    column = "id" if table == "excerpt" else "note_id"
    sql = (f"SELECT DISTINCT finding_id FROM excerpt WHERE {column} IN ({_in(record_ids)}) "
           "AND finding_id IS NOT NULL")
    with store._sql() as conn:
        return {r[0] for r in conn.exec_driver_sql(sql, tuple(record_ids)).all()}
