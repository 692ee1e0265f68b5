"""Findings: the findings board, triangulation, and a finding's life (tagging a passage as
evidence is onsite.evidence.tagging's).

The triangulation rule lives here and only here (see `triangulation`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from onsite.model import Excerpt, Finding
from onsite.vocab import FindingStatus, SessionKind

if TYPE_CHECKING:
    from onsite.store.db import Store

SINGLE_VOICE, SUPPORTED, TRIANGULATED = "single voice", "supported", "triangulated"


def triangulation(sources: set[str], kinds: set[str], organisations: set[str]) -> str:
    """How far a finding can be trusted, from the evidence behind it.

    Organisations are those of the people heard (see `voices`): a named speaker's own, or
    the session as one voice when nobody is named.
    - single voice: it rests on one source (a session or a document) or one organisation;
    - triangulated: three or more independent sources, of two or more kinds (interview,
      focus group, site visit, document...), from two or more organisations;
    - supported: anything between.
    """
    if len(sources) <= 1 or len(organisations) <= 1:
        return SINGLE_VOICE
    if len(sources) >= 3 and len(kinds) >= 2:
        return TRIANGULATED
    return SUPPORTED


def voices(
    excerpt_id: str,
    session_id: str | None,
    document_id: str | None,
    speakers: dict[str, tuple[str, str]],
    organisations: dict[str, set[str]],
    sectors: dict[str, set[str]],
) -> tuple[set[str], set[str]]:
    """The organisations and sectors one excerpt speaks for, as trust counts them.

    A named speaker counts their own organisation and sector. A session excerpt with no
    speaker named counts the session as one voice: its organisation if everyone met there
    came from one, else one anonymous organisation for the whole session (so one remark at
    a site visit never counts as every organisation in the room). A document counts its
    source. The board and `onsite.evidence.support` both count with this.
    """
    if excerpt_id in speakers:
        organisation, sector = speakers[excerpt_id]
        return ({organisation or f"session:{session_id}"}, {sector} if sector else set())
    if session_id is None:
        return set(organisations.get(document_id or "", set())), set()
    orgs, secs = organisations.get(session_id, set()), sectors.get(session_id, set())
    return (
        set(orgs) if len(orgs) == 1 else {f"session:{session_id}"},
        set(secs) if len(secs) == 1 else set(),
    )


@dataclass
class FindingCard:
    finding: Finding
    excerpts: int = 0
    sources: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)  # session kinds, or "document"
    evidence: set[str] = field(default_factory=set)  # heard / read / seen
    sectors: set[str] = field(default_factory=set)
    organisations: set[str] = field(default_factory=set)
    first_day: int = 0

    @property
    def triangulation(self) -> str:
        return triangulation(self.sources, self.kinds, self.organisations)


@dataclass
class Board:
    themes: list  # Theme, in order
    cards: list[FindingCard]
    as_of_day: int | None = None
    mark: tuple[int, str] = (0, "")  # the change log's last row when it was read

    def cell(self, theme_key: str, polarity: str) -> list[FindingCard]:
        return [
            c
            for c in self.cards
            if c.finding.theme_key == theme_key and c.finding.polarity == polarity
        ]


def board(store: Store, as_of_day: int | None = None) -> Board:
    """Every finding with the evidence behind it; as of the end of a day if one is given."""
    from onsite.store.evidence_sql import change_mark

    mark = change_mark(store)  # first: a change made while reading is read again by refresh
    findings = [f for f in store.findings() if as_of_day is None or f.day <= as_of_day]
    cards = {f.id: FindingCard(f, first_day=f.day) for f in findings}
    # The whole board counts in Python, in one pass over the evidence rows; `refresh`
    # counts only the few findings a change touches (their rows through the finding index).
    _add_evidence(
        cards,
        store.evidence_rows(),
        store.speakers(),
        store.source_organisations(),
        store.session_sectors(),
        as_of_day,
    )
    if as_of_day is not None:
        _status_as_of(store, cards, as_of_day)
    return Board(store.themes(), list(cards.values()), as_of_day, mark)


def _fill_cards(store: Store, cards: dict[str, FindingCard], ids: list[str]) -> None:
    """The evidence of these cards only: their rows, and the speakers, organisations and
    sectors of just the sources behind them."""
    from onsite.store.evidence_sql import card_rows

    rows, speakers, organisations, sectors = card_rows(store, ids)
    _add_evidence(cards, rows, speakers, organisations, sectors, None)


def _add_evidence(
    cards: dict[str, FindingCard],
    rows,
    speakers: dict[str, tuple[str, str]],
    organisations: dict[str, set[str]],
    sectors: dict[str, set[str]],
    as_of_day: int | None,
) -> None:
    """Count evidence rows into the cards (the organisations and sectors by `voices`)."""
    for row in rows:
        card = cards.get(row.finding_id)
        day = row.day
        if card is None or (as_of_day is not None and day is not None and day > as_of_day):
            continue
        source = row.session_id or row.document_id
        if source is None:
            continue
        card.excerpts += 1
        card.evidence.add(row.evidence)
        card.sources.add(source)
        orgs, secs = voices(
            row.excerpt_id, row.session_id, row.document_id, speakers, organisations, sectors
        )
        card.organisations |= orgs
        card.sectors |= secs
        if row.session_id:
            card.kinds.add(row.session_kind or SessionKind.INTERVIEW)
            if day is not None:  # None only for a note on a session this file never received
                card.first_day = min(card.first_day or day, day)
        else:
            card.kinds.add("document")


# Changes to these rebuild the whole board: they move evidence between sources, kinds,
# days, organisations or lines of enquiry for many findings at once.
_WHOLE_BOARD = {"session", "participant", "document", "theme"}
_MOST_TO_REBUILD = 200


def refresh(store: Store, old: Board) -> tuple[Board, set[str] | None]:
    """The board after what changed since `old` was read, and the ids of the findings whose
    cards were rebuilt (None: the whole board was). A tag, a status, a re-anchored excerpt
    rebuild only the findings they touch: at scale 10 the whole board is 1,500 findings
    over 24,000 excerpts."""
    from onsite.model import Finding
    from onsite.store import evidence_sql as q

    if old.as_of_day is not None:
        return board(store, old.as_of_day), None
    mark = q.change_mark(store)
    touched: set[str] = set()
    excerpts: set[str] = set()
    notes: set[str] = set()
    for table, record_id, field_name, value in q.changes_since(store, old.mark):
        if table in _WHOLE_BOARD:
            return board(store), None
        if table == "finding":
            touched.add(record_id)
        elif table == "excerpt":
            excerpts.add(record_id)
            if field_name == "finding_id":
                touched.add(json.loads(value or "null") or "")  # where it went
                touched.add(q.finding_before(store, record_id, old.mark) or "")  # and was
        elif table == "note" and field_name in ("deleted", "session_id", "document_id"):
            notes.add(record_id)
    touched |= q.findings_of(store, "excerpt", sorted(excerpts))
    touched |= q.findings_of(store, "note", sorted(notes))
    touched.discard("")
    if len(touched) > _MOST_TO_REBUILD:
        return board(store), None
    fresh: dict[str, FindingCard] = {}
    for finding_id in sorted(touched):
        finding = store.get(Finding, finding_id)
        if finding is not None and not finding.deleted:
            fresh[finding_id] = FindingCard(finding, first_day=finding.day)
    _fill_cards(store, fresh, sorted(fresh))
    cards = [
        fresh.pop(c.finding.id) if c.finding.id in fresh else c
        for c in old.cards
        if c.finding.id not in touched or c.finding.id in fresh
    ]
    cards += fresh.values()  # new findings
    return Board(old.themes, cards, None, mark), touched


def card(store: Store, finding_id: str) -> FindingCard | None:
    """One finding's card, as the board would show it, without building the board."""
    from onsite.model import Finding

    finding = store.get(Finding, finding_id)
    if finding is None or finding.deleted:
        return None
    cards = {finding_id: FindingCard(finding, first_day=finding.day)}
    _fill_cards(store, cards, [finding_id])
    return cards[finding_id]


def _status_as_of(store: Store, cards: dict[str, FindingCard], day: int) -> None:
    """Status as recorded by the end of that on-site day (the change log keeps every one)."""
    from onsite.clock import stamp_ms

    engagement = store.engagement()
    end = datetime.combine(engagement.start, datetime.max.time()).timestamp() * 1000
    end += (day - 1) * 86_400_000
    for card in cards.values():
        statuses = [c for c in store.versions(card.finding, "status") if stamp_ms(c.stamp) <= end]
        if statuses:
            card.finding = card.finding.model_copy(
                update={"status": json.loads(statuses[-1].value)}
            )


# -- a finding's life ----------------------------------------------------------------------


def merge(store: Store, keep: Finding, other: Finding) -> Finding:
    """Fold other into keep: its evidence moves over; other is dropped, pointing at keep."""
    with store.writing() as w:
        for e in w.excerpts(finding_id=other.id):  # through the finding's index
            w.update(e, finding_id=keep.id)
        if other.questions and other.questions not in keep.questions:
            w.update(keep, questions=(keep.questions + "\n" + other.questions).strip())
        w.update(
            other,
            status=FindingStatus.DROPPED,
            statement=f"{other.statement} (merged into another finding)",
        )
        w.delete(other)
    return keep


def split(store: Store, finding: Finding, excerpt_ids: list[str], statement: str) -> Finding:
    """A new finding taking some of this one's evidence."""
    new = Finding(
        theme_key=finding.theme_key,
        polarity=finding.polarity,
        status=FindingStatus.EMERGING,
        statement=statement.strip(),
        day=finding.day,
        position=finding.position + 1,
    )
    with store.writing() as w:
        w.add(new)
        for e in w.excerpts(finding_id=finding.id):
            if e.id in excerpt_ids:
                w.update(e, finding_id=new.id)
    return new


def set_status(store: Store, finding: Finding, status: str) -> Finding:
    from onsite.model import FINDING_STATUSES

    if status not in FINDING_STATUSES:
        raise ValueError(f"status: one of {', '.join(FINDING_STATUSES)}")
    return store.update(finding, status=status)


def reorder(store: Store, finding: Finding, step: int) -> None:
    peers = sorted(
        (
            f
            for f in store.findings()
            if f.theme_key == finding.theme_key and f.polarity == finding.polarity
        ),
        key=lambda f: (f.position, f.created),
    )
    i = next(i for i, f in enumerate(peers) if f.id == finding.id)
    j = min(max(i + step, 0), len(peers) - 1)
    peers.insert(j, peers.pop(i))
    with store.writing() as w:
        for position, f in enumerate(peers):
            w.update(f, position=position)


@dataclass(frozen=True)
class EvidenceItem:
    excerpt: Excerpt
    where: str  # "Day 2 · focus group" or "Reading · title"
    who: str  # roles, organisations and sectors: never names
    session_id: str | None
    note_id: str


def evidence(store: Store, finding: Finding) -> list[EvidenceItem]:
    from onsite.model import Document, Note, Session

    items = []
    # The finding's own excerpts (through its index), and each note, session and document
    # read once: a finding may rest on thousands of excerpts from a few dozen sources.
    notes: dict[str, Note | None] = {}
    sessions: dict[str, tuple | None] = {}
    documents: dict[str | None, Document | None] = {}
    for e in store.excerpts(finding_id=finding.id):
        if e.note_id not in notes:
            notes[e.note_id] = store.get(Note, e.note_id)
        note = notes[e.note_id]
        if note is None:
            continue  # its note has not arrived from the other laptop yet
        if note.session_id:
            if note.session_id not in sessions:
                s = store.get(Session, note.session_id)
                sessions[note.session_id] = None if s is None else (s, store.participants(s.id))
            cached = sessions[note.session_id]
            if cached is None:
                continue  # its session has not arrived from the other laptop yet
            s, participants = cached
            people = [
                p for p in participants if e.participant_id in (None, p.id)
            ]  # the speaker, when named
            who = ("said by " if e.participant_id and people else "") + "; ".join(
                f"{p.role}, {p.organisation} ({p.sector})".replace(", ()", "") for p in people
            )
            items.append(EvidenceItem(e, f"Day {s.day} · {s.kind} · {s.title}", who, s.id, note.id))
        else:
            if note.document_id not in documents:
                documents[note.document_id] = (
                    store.get(Document, note.document_id) if note.document_id else None
                )
            d = documents[note.document_id]
            items.append(
                EvidenceItem(
                    e, f"Reading · {d.title if d else ''}", d.source if d else "", None, note.id
                )
            )
    return sorted(items, key=lambda i: i.where)


def history(store: Store, finding: Finding) -> list[tuple[str, str]]:
    """(when, what) lines: created, each status change, each piece of evidence added."""
    from onsite.clock import stamp_ms

    def when(stamp: str) -> str:
        return datetime.fromtimestamp(stamp_ms(stamp) / 1000).strftime("%a %d %b %H:%M")

    lines = [(finding.created, "created")]
    for c in store.versions(finding, "status")[1:]:
        lines.append((c.stamp, f"status: {json.loads(c.value)}"))
    for c in store.versions(finding, "statement")[1:]:
        lines.append((c.stamp, "reworded"))
    for e in store.excerpts(finding_id=finding.id):
        lines.append((e.created, f"evidence: “{e.quote[:60]}”"))
    return [(when(stamp), what) for stamp, what in sorted(lines)]


@dataclass(frozen=True)
class CoverageGrid:
    themes: list[tuple[str, str]]  # (key, name)
    sectors: list[str]
    counts: dict[tuple[str, str], int]

    def level(self, theme_key: str, sector: str) -> str:
        n = self.counts.get((theme_key, sector), 0)
        return "none" if n == 0 else "thin" if n < 3 else "some" if n < 8 else "strong"


def coverage(store: Store) -> CoverageGrid:
    """Lines of enquiry by sector, counted in tagged excerpts: tomorrow's gaps at a glance."""
    counts = {(c.theme_key, c.sector): c.excerpts for c in store.coverage_matrix()}
    sectors = sorted(store.sectors_heard())
    return CoverageGrid([(t.key, t.name) for t in store.themes()], sectors, counts)
