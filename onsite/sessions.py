"""One session as the session screen shows it: the session, its participants, its notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from onsite.store.files import StoreError

if TYPE_CHECKING:
    from onsite.model import Note, Participant, Session
    from onsite.store.db import Store


@dataclass(frozen=True)
class SessionView:
    session: Session
    peers: str
    participants: list[Participant]
    notes: list[tuple[str, Note]]  # (author initials, note), in the order written


def session_view(store: Store, session_id: str) -> SessionView:
    from onsite.model import Session

    session = store.get(Session, session_id)
    if session is None or session.deleted:
        raise StoreError(f"session {session_id}: not in this engagement")
    initials = {p.id: p.initials for p in store.peers()}
    return SessionView(
        session=session,
        peers=" ".join(initials.get(i, "?") for i in session.peer_ids),
        participants=store.participants(session_id),
        notes=[(initials.get(n.author_id, "?"), n) for n in store.notes(session_id=session_id)],
    )
