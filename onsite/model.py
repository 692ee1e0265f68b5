"""The one schema: SQLModel tables for everything a peer team records.

Every record carries what team sync needs: a UUIDv7 id, hybrid-logical-clock stamps for
creation and last change, the site (laptop) that last wrote it, and a tombstone flag, so a
delete is itself a change that can travel. One engagement per file, so there is no
engagement foreign key on the other tables.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import JSON, Table
from sqlmodel import Field, SQLModel

from onsite.clock import uuid7
from onsite.vocab import EvidenceKind, FindingStatus, Polarity, Role, SessionKind

# The allowed values of the vocabulary fields, in the order forms offer them. The fields stay
# plain text in the file (a member of these StrEnums equals its text).
SESSION_KINDS = tuple(SessionKind)
POLARITIES = tuple(Polarity)
FINDING_STATUSES = tuple(FindingStatus)
EVIDENCE_KINDS = tuple(EvidenceKind)
PEER_ROLES = tuple(Role)


class Record(SQLModel):
    if TYPE_CHECKING:  # made by SQLModel for each table=True class; its types do not say so
        __table__: ClassVar[Table]

    id: str = Field(default_factory=uuid7, primary_key=True)
    created: str = ""
    updated: str = ""
    site: str = ""
    deleted: bool = False


class Engagement(Record, table=True):
    name: str
    system: str = ""
    kind: str = "health and care system peer challenge"
    start: date
    days: int = 5
    scope: str = ""


class Theme(Record, table=True):
    """A line of enquiry."""

    key: str = Field(index=True)
    name: str
    aliases: list[str] = Field(default_factory=list, sa_type=JSON)
    description: str = ""
    position: int = 0
    retired: bool = False


class Peer(Record, table=True):
    name: str
    initials: str
    role: str = Role.PEER.value
    title: str = ""
    email: str = ""
    political_group: str = ""  # a member peer's political group, named in the report
    retired: bool = False  # left the team: kept, so their notes still say who wrote them


class Session(Record, table=True):
    """An interview, focus group, site visit, document review or team meeting."""

    day: int = Field(index=True)
    start: str
    end: str = ""
    kind: str = SessionKind.INTERVIEW.value
    title: str
    location: str = ""
    peer_ids: list[str] = Field(default_factory=list, sa_type=JSON)
    cancelled: bool = False
    ref: str = ""  # the system's own reference for the session, to match a re-import by
    briefing: str = ""  # the timetable's notes for peers
    origin: str = ""  # "timetable" when an import made it: only those are cancelled by one


class Participant(Record, table=True):
    """Someone met in a session. The name is confidential: it never leaves the team."""

    session_id: str = Field(index=True)
    role: str
    organisation: str = ""
    sector: str = ""
    name: str = ""
    headcount: int = 1  # a group ("ward sisters and charge nurses") counts as this many people


class Document(Record, table=True):
    """A pre-reading document: its summary lives here, peers' reading notes in Note."""

    title: str
    kind: str = ""
    source: str = ""
    summary: str = ""
    text: str = ""  # the document's own words, extracted on adding it, for search and reading
    file: str = ""  # the name of the file it came from


class Note(Record, table=True):
    """A peer's Markdown notes on a session or on a document."""

    session_id: str | None = Field(default=None, index=True)
    document_id: str | None = Field(default=None, index=True)
    author_id: str
    body: str = ""


class Excerpt(Record, table=True):
    """A tagged passage of a note, anchored by its quoted text and a little context."""

    note_id: str = Field(index=True)
    quote: str
    prefix: str = ""
    suffix: str = ""
    start: int = 0
    theme_keys: list[str] = Field(default_factory=list, sa_type=JSON)
    polarity: str = Polarity.NEUTRAL.value
    evidence: str = EvidenceKind.HEARD.value
    finding_id: str | None = Field(default=None, index=True)
    orphaned: bool = False
    origin: str = "selection"  # or "inline", made by a #tag in the note
    # who said it (a participant of the note's session, by role), when the peer named them;
    # trust then counts that speaker's organisation, not everyone met in the session
    participant_id: str | None = Field(default=None)


class Finding(Record, table=True):
    theme_key: str
    polarity: str = Polarity.STRENGTH.value
    status: str = FindingStatus.EMERGING.value
    statement: str
    day: int = 1
    position: int = 0
    questions: str = ""


class Recommendation(Record, table=True):
    number: int
    text: str
    finding_ids: list[str] = Field(default_factory=list, sa_type=JSON)


class DailyUpdate(Record, table=True):
    day: int
    version: int = 1
    body: str = ""
    status: str = "draft"
    delivered_by: str = ""
    delivered_at: str = ""
    draft: str = ""  # the generated draft this body was last based on, to show what changed


class FeedbackSection(Record, table=True):
    """A part of the final feedback the lead peer writes: key messages, next steps."""

    key: str = Field(index=True)
    body: str = ""


class FeedbackItem(Record, table=True):
    """A finding as it stands in the final feedback: chosen or left out, reworded, reordered."""

    finding_id: str = Field(index=True)
    text: str = ""  # empty: the finding's own statement
    position: int = 0
    included: bool = True


class GuardAcceptance(Record, table=True):
    """The lead peer's acceptance of one attribution-guard hit in one text, kept as a record."""

    source: str = Field(index=True)  # which text: "finding:<id>", "dailyupdate:<id>", ...
    kind: str
    text: str  # the words accepted, folded (no case, no accents)
    shown: str = ""  # the words as they were written
    accepted_by: str = ""  # peer id
    accepted_at: str = ""  # ISO 8601, UTC
    reason: str = ""


MILESTONES = ("feedback presented", "report final")


class Milestone(Record, table=True):
    """A step the lead peer marks: the final-day feedback presented, the report final. Until
    the report is final every document for system leaders is marked DRAFT; a tombstone takes
    the mark back."""

    key: str = Field(index=True)  # one of MILESTONES
    by: str = ""  # peer id
    at: str = ""  # ISO 8601, UTC


AUDIT_ACTIONS = ("export", "delivery", "guard", "purge", "frozen")


class Audit(Record, table=True):
    """One entry of the engagement's audit log: an export, a daily update delivered, an
    attribution-guard warning accepted, a purge. Append-only, and synced like any record so
    every laptop holds the team's whole log. `subject` and `detail` say what in file names,
    counts and record ids, never in note text or participants' names (a purge keeps them).
    """

    at: str  # wall-clock time, ISO 8601 in UTC, for people to read
    action: str  # one of AUDIT_ACTIONS
    peer_id: str = ""
    who: str = ""  # the peer's name when it happened
    subject: str = ""
    detail: str = ""


class Change(SQLModel, table=True):
    """One field of one record as written by one site at one clock stamp: the sync log.

    Every write through the store appends here; bundles are made of these rows, and a long
    text's earlier versions are its earlier Change rows.
    """

    stamp: str = Field(primary_key=True)
    record_table: str = Field(primary_key=True)
    record_id: str = Field(primary_key=True)
    field: str = Field(primary_key=True)
    value: str  # JSON
    site: str
    base: str = ""  # for a long text: the stamp of the version this one replaced


class Meta(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str


class MergedBundle(SQLModel, table=True):
    """A bundle this laptop wrote or merged: per-laptop bookkeeping, never sent."""

    # SQLModel declares __tablename__ as declared_attr; a plain name is what it documents.
    __tablename__ = "bundle"  # pyright: ignore[reportAssignmentType]

    file: str = Field(primary_key=True)  # "<site>/<name>" inside the sync folder
    site: str = Field(index=True)
    sha256: str
    first: str  # clock range of the changes it carries
    last: str
    changes: int
    peer: str = ""  # the peer using the laptop that wrote it, if they said who they are
    written: int = 0  # Unix ms, by the writer's wall clock
    merged: int = 0  # Unix ms, by this laptop's wall clock
    summary: dict[str, list[int]] = Field(
        default_factory=dict, sa_type=JSON
    )  # table -> [new, edited, deleted]


class ConflictFlag(SQLModel, table=True):
    """A record that may need a person: two heads of a long text, or an edit after a delete.

    A cache of what the change log implies, refreshed by every merge; the change log decides.
    """

    __tablename__ = "conflict"  # pyright: ignore[reportAssignmentType]

    record_id: str = Field(primary_key=True)
    field: str = Field(primary_key=True)  # "deleted" for an edit after a delete
    record_table: str
    kind: str  # "text" or "deleted"


SYNC_TABLES = (Change, Meta, MergedBundle, ConflictFlag)


TABLES: tuple[type[Record], ...] = (
    Engagement,
    Theme,
    Peer,
    Session,
    Participant,
    Document,
    Note,
    Excerpt,
    Finding,
    Recommendation,
    DailyUpdate,
    FeedbackSection,
    FeedbackItem,
    GuardAcceptance,
    Audit,
    Milestone,
)
# -- after the week and beside it (onsite.after) -------------------------------------------

RAG_RATINGS = ("red", "amber", "green", "blue")  # blue: complete
WORKSHOP_DIMENSIONS = ("ambition", "capacity", "capability", "commitment")
ISSUE_STAGES = ("raised", "shared understanding", "solution explored")


class Origin(Record, table=True):
    """The engagement this one follows: a progress review's original peer challenge.
    Copied when the review is made (the original's file stays with its own team)."""

    original_id: str
    name: str
    kind: str = ""
    start: date
    days: int = 5


class Progress(Record, table=True):
    """One recommendation as the progress review finds it: the system's action plan row
    (imported from its spreadsheet) beside the team's own rating and what has changed."""

    recommendation_id: str = Field(index=True)
    number: int
    actions: str = ""
    lead: str = ""  # role and organisation
    forum: str = ""  # the oversight forum
    milestones: str = ""
    measures: str = ""  # success measures
    system_rag: str = ""  # the system's own RAG rating, from its action plan
    team_rag: str = ""  # the review team's
    changed: str = ""  # what has changed since the challenge
    evidence: str = ""


class WorkshopRating(Record, table=True):
    """Where the system's leaders place themselves on one dimension of one area of
    integration (a line of enquiry of the workshop), 1 (not yet) to 5 (fully), with the
    discussion behind it."""

    theme_key: str = Field(index=True)
    dimension: str
    score: int = 0  # 0: not rated yet
    discussion: str = ""


class NextStep(Record, table=True):
    """A next step agreed at a workshop or a peer-to-peer session, with its owner."""

    text: str
    owner: str = ""
    due: str = ""
    position: int = 0


class SeriesSession(Record, table=True):
    """One session of a peer-to-peer series, on its own date (weeks or months apart)."""

    number: int
    held: date
    title: str = ""
    notes: str = ""
    summary: str = ""


class SeriesIssue(Record, table=True):
    """An issue on the series' running list, from raised to a shared understanding to the
    solutions explored."""

    text: str
    stage: str = "raised"
    raised_in: int = 1  # the session number
    solutions: str = ""
    position: int = 0


class MentoringSession(Record, table=True):
    """One one-to-one mentoring session. Private to the mentor: never in TABLES, so it is
    in no sync bundle, archive or count, and its engagement refuses sync and export."""

    held: date
    mentee: str = ""  # how the mentor refers to the mentee (a role is enough)
    notes: str = ""
    actions: str = ""


TABLES = (*TABLES, Origin, Progress, WorkshopRating, NextStep, SeriesSession, SeriesIssue)
TABLE_BY_NAME: dict[str, type[Record]] = {str(t.__tablename__): t for t in TABLES}
