"""One session as the session screen shows it: the session, its participants, its notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from onsite.store.files import StoreError
from onsite.week.notes import my_note

if TYPE_CHECKING:
    from onsite.model import Note, Participant, Peer, Session
    from onsite.store.db import Store


@dataclass(frozen=True)
class SessionView:
    session: Session
    peers: str
    participants: list[Participant]
    mine: Note | None  # None until this laptop's peer is known
    me: Peer | None
    others: list[tuple[str, Note]]  # (author initials, note) of the other peers
    team: list[Peer]


def session_view(store: Store, session_id: str) -> SessionView:
    from onsite.model import Session

    session = store.get(Session, session_id)
    if session is None or session.deleted:
        raise StoreError(f"session {session_id}: not in this engagement")
    team = store.peers()
    by_id = {p.id: p for p in store.peers(include_retired=True)}
    me = by_id.get(store.me() or "")
    others = [
        (by_id[n.author_id].initials if n.author_id in by_id else "?", n)
        for n in store.notes(session_id=session_id)
        if me is None or n.author_id != me.id
    ]
    return SessionView(
        session=session,
        peers=" ".join(by_id[i].initials for i in session.peer_ids if i in by_id),
        participants=store.participants(session_id),
        mine=my_note(store, me.id, session_id=session_id) if me else None,
        me=me,
        others=others,
        team=team,
    )


@dataclass(frozen=True)
class SessionFields:
    """A session as a person typed it (the session form, one text per field); save_session
    checks each. `peers` are initials or names, separated by ; or ,."""

    day: str = ""
    start: str = ""
    end: str = ""
    kind: str = ""
    title: str = ""
    location: str = ""
    peers: str = ""


class FormError(ValueError):
    """What is wrong with a session form, field by field."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))


def save_session(store: Store, form: SessionFields, session: Session | None = None) -> Session:
    """Add a session, or edit/move one, from what a person typed; FormError if any field is bad."""
    from onsite.model import Session
    from onsite.week.timetable import parse_day, parse_kind, parse_time, peer_keys

    engagement = store.engagement()
    problems: dict[str, str] = {}
    day = parse_day(form.day, engagement.start, engagement.days)
    if isinstance(day, str):
        problems["day"] = day
    start = parse_time(form.start)
    if start is None:
        problems["start"] = f"'{form.start}' is not a time (09:00, 9.00 or 9am)"
    end = parse_time(form.end) if form.end.strip() else ""
    if end is None:
        problems["end"] = f"'{form.end}' is not a time"
    elif start and end and end <= start:
        problems["end"] = f"ends at {end}, not after it starts ({start})"
    from onsite.engagement import kinds

    session_kinds = kinds.of(engagement.kind).session_kinds  # e.g. a case file review
    kind = parse_kind(form.kind, session_kinds)
    if kind is None:
        problems["kind"] = f"one of: {', '.join(session_kinds)}"
    title = " ".join(form.title.split())
    if not title:
        problems["title"] = "give the session a title"
    keys = peer_keys(store)
    peer_ids = []
    for key in filter(None, (k.strip() for k in form.peers.replace(",", ";").split(";"))):
        if key.lower() in keys:
            peer_ids.append(keys[key.lower()])
        else:
            problems["peers"] = f"'{key}' is not a peer of this engagement"
    if problems:
        raise FormError(problems)
    fields: dict[str, Any] = dict(
        day=day,
        start=start,
        end=end,
        kind=kind,
        title=title,
        location=form.location.strip(),
        peer_ids=peer_ids,
    )
    if session is None:
        session = Session(**fields)
        store.add(session)
        return session
    return store.update(session, **fields)


def set_cancelled(store: Store, session: Session, cancelled: bool) -> Session:
    """Cancelled sessions stay in the timetable, struck through, with any notes they have."""
    return store.update(session, cancelled=cancelled)
