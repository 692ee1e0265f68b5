"""Importing a timetable again: what it will add, update, move, rename and cancel.

Systems send a new version of the timetable most days before the week. Each row is matched
to a session already held, so the notes written in it stay with it:
1. by the sheet's own reference (a `ref` or `id` column), where it has one;
2. by day, start and title (the same session);
3. by day and title (its time changed: moved);
4. by day and start (its title changed: renamed);
5. by title alone, when only one session has it (moved to another day).
A session an import made that is gone from the sheet is cancelled, never deleted: it keeps
its notes and can be restored. Sessions added by hand are left alone. The plan is shown to a
person before anything is written; applying it is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from onsite.model import Participant, Peer, Session
from onsite.week.timetable import ImportResult, SessionRow, Sheet, read_for

if TYPE_CHECKING:
    from pathlib import Path

    from onsite.store.db import Store

ORIGIN = "timetable"
ADD, UPDATE, MOVE, RENAME, CANCEL, RESTORE = "add", "update", "move", "rename", "cancel", "restore"
WHEN = ("day", "start", "end")


@dataclass
class Step:
    action: str
    session: Session | None  # None for an add
    row: SessionRow | None  # None for a cancel
    fields: dict = field(default_factory=dict)
    participants: list[Participant] = field(default_factory=list)  # new ones
    notes: int = 0  # notes already written in the session

    def held(self) -> Session:
        """The session this step changes; every step but an add has one."""
        if self.session is None:
            raise ValueError(f"a {self.action} step without the session it changes")
        return self.session

    def sheet_row(self) -> SessionRow:
        """The timetable row this step comes from; every step but a cancel has one."""
        if self.row is None:
            raise ValueError(f"a {self.action} step without its timetable row")
        return self.row

    def __str__(self) -> str:
        if self.action == ADD:
            r = self.sheet_row()
            return f"add      {_when(r.day, r.start, r.end)}  {r.title}"
        s = self.held()
        if self.action == CANCEL:
            kept = f" ({self.notes} note{'s' * (self.notes != 1)} kept)" if self.notes else ""
            return f"cancel   {_when(s.day, s.start, s.end)}  {s.title}{kept}"
        parts = []
        if any(k in self.fields for k in WHEN):
            parts.append(f"from {_when(s.day, s.start, s.end)}")
        if "title" in self.fields:
            parts.append(f"was \u201c{s.title}\u201d")
        others = [k for k in self.fields if k not in (*WHEN, "title", "cancelled", "origin")]
        if others:
            parts.append("new " + ", ".join(_label(k) for k in others))
        if self.participants:
            parts.append(
                f"{len(self.participants)} more participant{'s' * (len(self.participants) != 1)}"
            )
        detail = f"  ({'; '.join(parts)})" if parts else ""
        r = self.sheet_row()
        return f"{self.action:<8} {_when(r.day, r.start, r.end)}  {r.title}{detail}"


def _when(day: int, start: str, end: str) -> str:
    return f"day {day} {start}" + (f"-{end}" if end else "")


def _label(column: str) -> str:
    return {"peer_ids": "peers", "briefing": "notes for peers", "ref": "reference"}.get(
        column, column
    )


@dataclass
class Plan:
    file: str
    steps: list[Step]
    unchanged: int
    new_peers: list[Peer]
    ignored_columns: list[str]

    def count(self, action: str) -> int:
        return sum(1 for s in self.steps if s.action == action)

    @property
    def empty(self) -> bool:
        return not self.steps and not self.new_peers

    def summary(self) -> str:
        counts = [
            f"{self.count(a)} to {a}"
            for a in (ADD, UPDATE, MOVE, RENAME, CANCEL, RESTORE)
            if self.count(a)
        ]
        peers = [f"{len(self.new_peers)} peers to add"] if self.new_peers else []
        return ", ".join(counts + peers + [f"{self.unchanged} unchanged"])

    def lines(self) -> list[str]:
        out = [f"add peer {p.initials}" for p in self.new_peers]
        out += [str(s) for s in self.steps]
        if self.ignored_columns:
            out.append("columns not read: " + ", ".join(self.ignored_columns))
        return out


def plan(store: Store, sheet: Sheet) -> Plan:
    """What importing the sheet would change; nothing is written."""
    from onsite.engagement.team import initials_of

    new_peers = []
    resolve: dict[str, str] = {}
    for key in sheet.unknown_peers:
        letters = key.replace(".", "").strip()
        initials = letters.upper() if " " not in letters and len(letters) <= 4 else initials_of(key)
        peer = Peer(initials=initials, name=key)
        new_peers.append(peer)
        resolve["?" + key] = peer.id
    for row in sheet.rows:
        row.peers = [resolve.get(p, p) for p in row.peers]

    sessions = store.sessions()
    matched: dict[int, Session] = {}  # row index -> session
    taken: set[str] = set()

    def claim(i: int, session: Session | None) -> None:
        if session is not None and session.id not in taken:
            matched[i] = session
            taken.add(session.id)

    def unique(found: list[Session]) -> Session | None:
        free = [s for s in found if s.id not in taken]
        return free[0] if len(free) == 1 else None

    passes = [
        lambda r, s: bool(r.ref) and s.ref.casefold() == r.ref.casefold(),
        lambda r, s: (s.day, s.start, s.title.casefold()) == (r.day, r.start, r.title.casefold()),
        lambda r, s: (s.day, s.title.casefold()) == (r.day, r.title.casefold()),
        lambda r, s: (s.day, s.start) == (r.day, r.start),
        lambda r, s: s.title.casefold() == r.title.casefold(),
    ]
    for k, same in enumerate(passes):
        for i, row in enumerate(sheet.rows):
            if i in matched:
                continue
            found = [s for s in sessions if same(row, s)]
            if k == 3:
                # a rename only where the session held is not still in the sheet under its title
                titles = {(r.day, r.title.casefold()) for r in sheet.rows}
                found = [s for s in found if (s.day, s.title.casefold()) not in titles]
            if k == 4:
                if sum(1 for r in sheet.rows if r.title.casefold() == row.title.casefold()) > 1:
                    continue
            claim(i, unique(found))

    notes = store.note_authors()
    note_counts = {
        s.id: sum(1 for n in store.notes(session_id=s.id) if n.body)
        for s in sessions
        if s.id in notes
    }
    steps, unchanged = [], 0
    for i, row in enumerate(sheet.rows):
        fields: dict[str, Any] = dict(
            day=row.day,
            start=row.start,
            end=row.end,
            kind=row.kind,
            title=row.title,
            location=row.location,
            peer_ids=row.peers,
            ref=row.ref,
            briefing=row.briefing,
        )
        session = matched.get(i)
        if session is None:
            new = Session(**fields, origin=ORIGIN)
            people = [_participant(new.id, p) for p in row.participants]
            steps.append(Step(ADD, None, row, {}, people))
            continue
        changed = {k: v for k, v in fields.items() if getattr(session, k) != v}
        if session.cancelled:
            changed["cancelled"] = False
        have = {
            (p.role.casefold(), p.organisation.casefold(), p.name.casefold())
            for p in store.participants(session.id)
        }
        people = [
            _participant(session.id, p)
            for p in row.participants
            if (p.role.casefold(), p.organisation.casefold(), p.name.casefold()) not in have
        ]
        if not changed and not people:
            unchanged += 1
            continue
        action = (
            RESTORE
            if "cancelled" in changed
            else MOVE
            if "day" in changed or "start" in changed
            else RENAME
            if "title" in changed
            else UPDATE
        )
        steps.append(Step(action, session, row, changed, people))
    for session in sessions:
        if session.id not in taken and session.origin == ORIGIN and not session.cancelled:
            steps.append(
                Step(
                    CANCEL, session, None, {"cancelled": True}, notes=note_counts.get(session.id, 0)
                )
            )
    return Plan(sheet.file, steps, unchanged, new_peers, sheet.ignored_columns)


def _participant(session_id: str, p) -> Participant:
    return Participant(
        session_id=session_id,
        role=p.role,
        organisation=p.organisation,
        sector=p.sector,
        name=p.name,
        headcount=p.headcount,
    )


def apply(store: Store, plan: Plan) -> ImportResult:
    """Write the plan in one transaction: all of it or none."""
    people = 0
    with store.writing() as w:
        w.add_all(plan.new_peers)
        for step in plan.steps:
            if step.action == ADD:
                r = step.sheet_row()
                session = Session(
                    day=r.day,
                    start=r.start,
                    end=r.end,
                    kind=r.kind,
                    title=r.title,
                    location=r.location,
                    peer_ids=r.peers,
                    ref=r.ref,
                    briefing=r.briefing,
                    origin=ORIGIN,
                )
                for p in step.participants:
                    p.session_id = session.id
                w.add(session)
            else:
                w.update(step.held(), **step.fields)
            w.add_all(step.participants)
            people += len(step.participants)
    c = plan.count
    return ImportResult(
        added=c(ADD),
        updated=c(UPDATE) + c(RESTORE),
        unchanged=plan.unchanged,
        participants=people,
        moved=c(MOVE),
        renamed=c(RENAME),
        cancelled=c(CANCEL),
        peers_added=len(plan.new_peers),
    )


def import_file(
    store: Store, path: Path | str, sheet: str | None = None, add_peers: bool = False
) -> ImportResult:
    """Read a timetable and write it into the engagement; nothing is written if any row is bad."""
    return apply(store, plan(store, read_for(store, path, sheet, add_peers)))
