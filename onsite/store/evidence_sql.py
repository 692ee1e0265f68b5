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

from onsite.store.queries import EvidenceRow

if TYPE_CHECKING:
    from onsite.store.db import Store


def change_mark(store: Store) -> tuple[int, str]:
    """(rowid, stamp) of the change log's last row: where the next `changes_since` starts."""
    with store._sql() as conn:
        row = conn.exec_driver_sql(
            "SELECT rowid, stamp FROM change ORDER BY rowid DESC LIMIT 1"
        ).first()
    return (row[0], row[1]) if row else (0, "")


def changes_since(store: Store, mark: tuple[int, str]) -> list[tuple[str, str, str, str | None]]:
    """(table, record id, field, value) of every change after the mark; the value only for
    an excerpt's finding (the others may be whole notes, and are not needed). The row at
    the mark itself counts again if it is no longer the one marked (replaced)."""
    sql = (
        "SELECT record_table, record_id, field, "
        "CASE WHEN field = 'finding_id' THEN value END FROM change "
        "WHERE rowid > ? OR (rowid = ? AND stamp != ?)"
    )
    with store._sql() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql, (mark[0], mark[0], mark[1])).all()]


def _in(ids: list[str]) -> str:
    return ",".join("?" * len(ids))


def card_rows(
    store: Store, finding_ids: list[str]
) -> tuple[list[EvidenceRow], dict[str, tuple[str, str]], dict[str, set[str]], dict[str, set[str]]]:
    """The evidence rows of only these findings (through the excerpts' finding index), with
    what `onsite.evidence.findings.voices` needs of just their sources: the speakers named,
    the organisations behind each source, the sectors of each session. The same answers as
    the Store's whole-engagement queries, restricted, so a tag at scale 10 (24,000 excerpts)
    reads a few dozen rows."""
    if not finding_ids:
        return [], {}, {}, {}
    sql = (
        "SELECT e.id, e.finding_id, e.evidence, n.session_id, n.document_id, s.day, s.kind, "
        "e.polarity, p.id, p.organisation, p.sector FROM excerpt e "
        "JOIN note n ON n.id = e.note_id LEFT JOIN session s ON s.id = n.session_id "
        "LEFT JOIN participant p ON p.id = e.participant_id "
        "WHERE e.deleted = 0 AND e.orphaned = 0 AND n.deleted = 0 "
        f"AND e.finding_id IN ({_in(finding_ids)})"
    )
    rows: list[EvidenceRow] = []
    speakers: dict[str, tuple[str, str]] = {}
    with store._sql() as conn:
        for r in conn.exec_driver_sql(sql, tuple(finding_ids)).all():
            rows.append(EvidenceRow(*r[:8]))
            if r[8] is not None:
                speakers[r[0]] = (r[9], r[10])
        sessions = sorted({r.session_id for r in rows if r.session_id})
        documents = sorted({r.document_id for r in rows if r.document_id and not r.session_id})
        organisations: dict[str, set[str]] = {}
        sectors: dict[str, set[str]] = {}
        if sessions:
            for session_id, organisation, sector in conn.exec_driver_sql(
                "SELECT session_id, organisation, sector FROM participant WHERE deleted = 0 "
                f"AND session_id IN ({_in(sessions)})",
                tuple(sessions),
            ).all():
                if organisation:
                    organisations.setdefault(session_id, set()).add(organisation)
                if sector:
                    sectors.setdefault(session_id, set()).add(sector)
        if documents:
            for document_id, source in conn.exec_driver_sql(
                "SELECT id, source FROM document WHERE deleted = 0 AND source != '' "
                f"AND id IN ({_in(documents)})",
                tuple(documents),
            ).all():
                organisations.setdefault(document_id, set()).add(source)
    return rows, speakers, organisations, sectors


def finding_before(store: Store, excerpt_id: str, mark: tuple[int, str]) -> str | None:
    """The finding an excerpt belonged to at the mark (the change log keeps it)."""
    sql = (
        "SELECT value FROM change WHERE record_id = ? AND field = 'finding_id' "
        "AND rowid <= ? ORDER BY stamp DESC LIMIT 1"
    )
    with store._sql() as conn:
        value = conn.exec_driver_sql(sql, (excerpt_id, mark[0])).scalar()
    return json.loads(value) if value else None


def findings_of(store: Store, table: str, record_ids: list[str]) -> set[str]:
    """The findings an excerpt, or a note's excerpts, belong to now."""
    if not record_ids:
        return set()
    column = "id" if table == "excerpt" else "note_id"
    sql = (
        f"SELECT DISTINCT finding_id FROM excerpt WHERE {column} IN ({_in(record_ids)}) "
        "AND finding_id IS NOT NULL"
    )
    with store._sql() as conn:
        return {r[0] for r in conn.exec_driver_sql(sql, tuple(record_ids)).all()}
