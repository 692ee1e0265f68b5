"""The read queries: records by kind, and the light joins the board, search and guard need.

`Queries` is shared by the Store (each query on a connection of its own) and the Writer
(each query inside the write transaction, so what it reads is what it is about to change).
The joins return NamedTuples, so their callers name the columns they use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import NamedTuple, TypeVar

from sqlalchemy import Connection, func
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from onsite.model import (
    Audit,
    Change,
    ConflictFlag,
    DailyUpdate,
    Document,
    Engagement,
    Excerpt,
    FeedbackItem,
    FeedbackSection,
    Finding,
    GuardAcceptance,
    Milestone,
    Note,
    Participant,
    Peer,
    Recommendation,
    Record,
    Session,
    Theme,
)
from onsite.store.errors import SearchError, StoreError

R = TypeVar("R", bound=Record)


class EvidenceRow(NamedTuple):
    """A live, anchored excerpt attached to a finding, with where it came from."""

    excerpt_id: str
    finding_id: str
    evidence: str  # heard / read / seen
    session_id: str | None
    document_id: str | None
    day: int | None  # the session's day; None for reading
    session_kind: str | None
    polarity: str


class CoverageCell(NamedTuple):
    theme_key: str
    sector: str
    excerpts: int


class NotePlace(NamedTuple):
    """Where a note sits, for placing a search hit."""

    session_id: str | None
    day: int | None
    start: str | None
    session_title: str | None
    author_initials: str | None
    document_id: str | None
    document_title: str | None


class PersonMet(NamedTuple):
    name: str
    role: str
    organisation: str
    session_kind: str


class SearchRow(NamedTuple):
    kind: str  # note, document, finding, recommendation
    record_id: str
    title: str
    snippet: str


class Queries:
    """Every read query. Subclasses say where a query runs: `_orm()` gives an ORM session,
    `_sql()` a connection for the light joins read through the driver."""

    path: object

    def _orm(self) -> AbstractContextManager[DbSession]:
        raise NotImplementedError

    def _sql(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    # -- records ---------------------------------------------------------------------------

    def _all(self, model: type[R], *order, **where) -> list[R]:
        query = select(model).where(model.deleted == False)  # noqa: E712
        for field, value in where.items():
            query = query.where(getattr(model, field) == value)
        with self._orm() as s:
            return list(s.exec(query.order_by(*order)))

    def get(self, model: type[R], record_id: str) -> R | None:
        with self._orm() as s:
            return s.get(model, record_id)

    def has_conflict(self, record_id: str, field: str) -> bool:
        """Is a conflict flag raised on this field of this record? (Its key is the pair.)"""
        with self._orm() as s:
            return s.get(ConflictFlag, (record_id, field)) is not None

    def engagement(self) -> Engagement:
        found = self._all(Engagement, Engagement.created)
        if not found:
            raise StoreError(f"{self.path}: holds no engagement")
        return found[0]

    def themes(self, include_retired: bool = False) -> list[Theme]:
        themes = self._all(Theme, Theme.position, Theme.name)
        return [t for t in themes if include_retired or not t.retired]

    def peers(self, include_retired: bool = False) -> list[Peer]:
        """The team; a retired peer only when asked (their notes still name them)."""
        peers = self._all(Peer, Peer.name)
        return [p for p in peers if include_retired or not p.retired]

    def sessions(self, day: int | None = None) -> list[Session]:
        where = {} if day is None else {"day": day}
        return self._all(Session, Session.day, Session.start, Session.title, **where)

    def participants(self, session_id: str | None = None) -> list[Participant]:
        where = {} if session_id is None else {"session_id": session_id}
        return self._all(Participant, Participant.role, **where)

    def notes(self, session_id: str | None = None, document_id: str | None = None) -> list[Note]:
        where = {}
        if session_id is not None:
            where["session_id"] = session_id
        if document_id is not None:
            where["document_id"] = document_id
        return self._all(Note, Note.created, **where)

    def documents(self) -> list[Document]:
        return self._all(Document, Document.title)

    def excerpts(self, note_id: str | None = None, finding_id: str | None = None) -> list[Excerpt]:
        where = {
            k: v for k, v in (("note_id", note_id), ("finding_id", finding_id)) if v is not None
        }
        return self._all(Excerpt, Excerpt.start, **where)

    def findings(self) -> list[Finding]:
        return self._all(Finding, Finding.theme_key, Finding.position, Finding.created)

    def recommendations(self) -> list[Recommendation]:
        return self._all(Recommendation, Recommendation.number)

    def daily_updates(self) -> list[DailyUpdate]:
        return self._all(DailyUpdate, DailyUpdate.day, DailyUpdate.version)

    def audit_log(self) -> list[Audit]:
        """The audit log, oldest first."""
        return self._all(Audit, Audit.created)

    def feedback_sections(self) -> dict[str, FeedbackSection]:
        return {s.key: s for s in self._all(FeedbackSection, FeedbackSection.created)}

    def feedback_items(self) -> dict[str, FeedbackItem]:
        """Finding id -> how it stands in the final feedback (the latest if two laptops made one)."""
        return {i.finding_id: i for i in self._all(FeedbackItem, FeedbackItem.created)}

    def milestones(self) -> dict[str, Milestone]:
        """Milestone key -> the mark (the latest if two laptops made one)."""
        return {m.key: m for m in self._all(Milestone, Milestone.created)}

    def acceptances(self) -> list[GuardAcceptance]:
        return self._all(GuardAcceptance, GuardAcceptance.accepted_at)

    def counts(self) -> dict[str, int]:
        from onsite.model import TABLES

        with self._orm() as s:
            return {
                str(t.__tablename__): s.exec(
                    select(func.count()).select_from(t).where(t.deleted == False)  # noqa: E712
                ).one()
                for t in TABLES
            }

    # -- the change log --------------------------------------------------------------------

    def versions(self, record: Record, field: str) -> list[Change]:
        """Every kept version of one field, oldest first."""
        with self._orm() as s:
            return list(
                s.exec(
                    select(Change)
                    .where(Change.record_id == record.id, Change.field == field)
                    .order_by(Change.stamp)
                )
            )

    def changed_since(self, table: str, stamp: str, fields: Iterable[str]) -> set[str]:
        """Ids of the records of a table with a change to one of the fields after a stamp."""
        query = (
            select(Change.record_id)
            .where(
                Change.record_table == table,
                Change.stamp > stamp,
                col(Change.field).in_(list(fields)),
            )
            .distinct()
        )
        with self._orm() as s:
            return set(s.exec(query))

    # -- light joins -----------------------------------------------------------------------

    def _rows(self, sql: str, params: tuple = ()) -> Iterator[tuple]:
        with self._sql() as conn:
            yield from conn.exec_driver_sql(sql, params).all()

    def note_authors(self) -> dict[str, set[str]]:
        """Session id -> ids of peers who have written something in it."""
        query = (
            select(Note.session_id, Note.author_id)
            .where(Note.deleted == False, Note.session_id != None, Note.body != "")  # noqa: E711,E712
            .distinct()
        )
        authors: dict[str, set[str]] = {}
        with self._orm() as s:
            for session_id, author_id in s.exec(query):
                if session_id is not None:  # the query keeps notes on a session only
                    authors.setdefault(session_id, set()).add(author_id)
        return authors

    def evidence_by_theme(self) -> dict[str, int]:
        """Line of enquiry key -> number of live excerpts tagged with it."""
        return dict(
            self._rows(
                "SELECT j.value, count(*) FROM excerpt, json_each(excerpt.theme_keys) AS j "
                "WHERE excerpt.deleted = 0 AND excerpt.orphaned = 0 GROUP BY j.value"
            )
        )

    def coverage_matrix(self) -> list[CoverageCell]:
        """Tagged evidence from sessions, by line of enquiry and sector."""
        return [
            CoverageCell(*r)
            for r in self._rows(
                "SELECT j.value, p.sector, count(DISTINCT e.id) FROM excerpt e "
                "JOIN json_each(e.theme_keys) AS j JOIN note n ON n.id = e.note_id "
                "JOIN participant p ON p.session_id = n.session_id AND p.deleted = 0 "
                "AND (e.participant_id IS NULL OR p.id = e.participant_id) "
                "WHERE e.deleted = 0 AND e.orphaned = 0 AND n.deleted = 0 AND p.sector != '' "
                "GROUP BY j.value, p.sector"
            )
        ]

    def sectors_heard(self) -> dict[str, int]:
        """Sector -> number of sessions with notes that met someone from it (every sector met
        in the timetable is present, with 0 where nobody has written notes yet)."""
        return dict(
            self._rows(
                "SELECT p.sector, count(DISTINCT CASE WHEN n.id IS NOT NULL THEN p.session_id END) "
                "FROM participant p JOIN session s ON s.id = p.session_id AND s.deleted = 0 "
                "AND s.cancelled = 0 LEFT JOIN note n ON n.session_id = p.session_id "
                "AND n.deleted = 0 AND n.body != '' WHERE p.deleted = 0 AND p.sector != '' "
                "GROUP BY p.sector"
            )
        )

    def evidence_rows(self, finding_id: str | None = None) -> list[EvidenceRow]:
        """Every live, anchored excerpt attached to a finding (or to the one named)."""
        sql = (
            "SELECT e.id, e.finding_id, e.evidence, n.session_id, n.document_id, s.day, s.kind, "
            "e.polarity FROM excerpt e JOIN note n ON n.id = e.note_id "
            "LEFT JOIN session s ON s.id = n.session_id "
            "WHERE e.deleted = 0 AND e.orphaned = 0 AND e.finding_id IS NOT NULL AND n.deleted = 0"
        )
        params: tuple = ()
        if finding_id is not None:
            sql += " AND e.finding_id = ?"
            params = (finding_id,)
        return [EvidenceRow(*r) for r in self._rows(sql, params)]

    def source_organisations(self) -> dict[str, set[str]]:
        """Session or document id -> the organisations behind it: the participants' of a
        session, a document's source."""
        found: dict[str, set[str]] = {}
        for source_id, organisation in self._rows(
            "SELECT p.session_id, p.organisation FROM participant p WHERE p.deleted = 0 "
            "AND p.organisation != '' UNION SELECT d.id, d.source FROM document d "
            "WHERE d.deleted = 0 AND d.source != ''"
        ):
            found.setdefault(source_id, set()).add(organisation)
        return found

    def note_places(self, note_ids: list[str]) -> dict[str, NotePlace]:
        """Note id -> where it sits, in one query, for placing search hits."""
        if not note_ids:
            return {}
        marks = ",".join("?" * len(note_ids))
        sql = (
            "SELECT n.id, s.id, s.day, s.start, s.title, p.initials, d.id, d.title FROM note n "
            "LEFT JOIN session s ON s.id = n.session_id LEFT JOIN peer p ON p.id = n.author_id "
            f"LEFT JOIN document d ON d.id = n.document_id WHERE n.id IN ({marks})"
        )
        return {r[0]: NotePlace(*r[1:]) for r in self._rows(sql, tuple(note_ids))}

    def speakers(self) -> dict[str, tuple[str, str]]:
        """Excerpt id -> (organisation, sector) of the participant it names as its speaker."""
        return {
            r[0]: (r[1], r[2])
            for r in self._rows(
                "SELECT e.id, p.organisation, p.sector FROM excerpt e JOIN participant p "
                "ON p.id = e.participant_id WHERE e.deleted = 0 AND e.participant_id IS NOT NULL"
            )
        }

    def session_sectors(self) -> dict[str, set[str]]:
        """Session id -> the sectors of the people met in it."""
        found: dict[str, set[str]] = {}
        for session_id, sector in self._rows(
            "SELECT session_id, sector FROM participant WHERE deleted = 0 AND sector != ''"
        ):
            found.setdefault(session_id, set()).add(sector)
        return found

    def people_met(self) -> list[PersonMet]:
        """Every live participant of a live session."""
        return [
            PersonMet(*r)
            for r in self._rows(
                "SELECT p.name, p.role, p.organisation, s.kind FROM participant p "
                "JOIN session s ON s.id = p.session_id WHERE p.deleted = 0 AND s.deleted = 0"
            )
        ]

    def search(self, fts_query: str, limit: int, mark_start: str, mark_end: str) -> list[SearchRow]:
        """Best first; SearchError if FTS5 refuses the query."""
        sql = (
            "SELECT kind, record_id, title, snippet(search, 3, ?, ?, '…', 16) FROM search "
            "WHERE search MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            return [
                SearchRow(*r) for r in self._rows(sql, (mark_start, mark_end, fts_query, limit))
            ]
        except Exception as e:  # OperationalError, wrapped by SQLAlchemy
            raise SearchError(f"cannot search for {fts_query}: {getattr(e, 'orig', e)}") from None
