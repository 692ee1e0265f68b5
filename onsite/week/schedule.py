"""The week as a table: every session, or one peer's own schedule, for printing and the
briefing pack. Participants (with headcounts) and sessions by a person's words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from onsite.model import Participant, Peer, Session
    from onsite.store.db import Store


@dataclass(frozen=True)
class Line:
    day: int
    date: date
    time: str
    kind: str
    title: str
    peers: str
    location: str
    cancelled: bool
    briefing: str
    people: int  # headcount of the participants


def lines(store: Store, peer: Peer | None = None, day: int | None = None) -> list[Line]:
    engagement = store.engagement()
    initials = {p.id: p.initials for p in store.peers(include_retired=True)}
    heads: dict[str, int] = {}
    for p in store.participants():
        heads[p.session_id] = heads.get(p.session_id, 0) + max(p.headcount, 1)
    out = []
    for s in store.sessions(day):
        if peer is not None and peer.id not in s.peer_ids:
            continue
        out.append(
            Line(
                s.day,
                engagement.start + timedelta(days=s.day - 1),
                f"{s.start}-{s.end}" if s.end else s.start,
                s.kind,
                s.title,
                " ".join(initials.get(i, "?") for i in s.peer_ids),
                s.location,
                s.cancelled,
                s.briefing,
                heads.get(s.id, 0),
            )
        )
    return out


def table(rows: list[Line]) -> str:
    """Plain text, one line a session, a heading per day; cancelled ones marked."""
    out, current = [], None
    for r in rows:
        if r.day != current:
            current = r.day
            out.append(f"Day {r.day}  {r.date:%A} {r.date.day} {r.date:%B %Y}")
        mark = "  [cancelled]" if r.cancelled else ""
        out.append(f"  {r.time:<12}{r.kind:<15}{r.title[:44]:<46}{r.peers}{mark}")
    return "\n".join(out)


def find_session(store: Store, words: str) -> Session:
    """A session by 'DAY HH:MM' (e.g. '2 09:30'), its reference, or words of its title."""
    from onsite.week.timetable import parse_time

    text = " ".join(words.split())
    sessions = store.sessions()
    head, _, tail = text.partition(" ")
    if head.isdigit() and parse_time(tail or "x"):
        found = [s for s in sessions if s.day == int(head) and s.start == parse_time(tail)]
    else:
        key = text.casefold()
        found = [s for s in sessions if s.ref and s.ref.casefold() == key]
        found = found or [s for s in sessions if s.title.casefold() == key]
        found = found or [s for s in sessions if key in s.title.casefold()]
    if len(found) == 1:
        return found[0]
    if not found:
        raise ValueError(
            f"'{words}': no such session (give 'DAY HH:MM', e.g. '2 09:30', its "
            "reference or words of its title)"
        )
    raise ValueError(
        f"'{words}': {len(found)} sessions match ("
        + "; ".join(f"day {s.day} {s.start} {s.title}" for s in found[:4])
        + "); give 'DAY HH:MM'"
    )


def save_participant(
    store: Store, session: Session, form: dict[str, str], participant: Participant | None = None
) -> Participant:
    """Add or edit a participant from what a person typed; ValueError naming the field."""
    from onsite.model import Participant

    role = " ".join(form.get("role", "").split())
    if not role:
        raise ValueError(
            "role: say who they are by role, e.g. 'ward sister' (names stay "
            "confidential and are optional)"
        )
    count = form.get("headcount", "").strip() or "1"
    if not count.isdigit() or int(count) < 1:
        raise ValueError(f"headcount: '{count}' is not a number of people, 1 or more")
    fields: dict[str, Any] = dict(
        role=role,
        organisation=form.get("organisation", "").strip(),
        sector=form.get("sector", "").strip(),
        name=form.get("name", "").strip(),
        headcount=int(count),
    )
    if participant is None:
        participant = Participant(session_id=session.id, **fields)
        store.add(participant)
        return participant
    return store.update(participant, **fields)


def remove_participant(store: Store, participant: Participant) -> None:
    store.delete(participant)
