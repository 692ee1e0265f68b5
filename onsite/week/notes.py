"""Writing notes: saving a peer's note on a session or a document, and gentle checks on it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from onsite.model import Note

if TYPE_CHECKING:
    from onsite.model import Participant
    from onsite.store.db import Store


def my_note(
    store: Store, author_id: str, *, session_id: str | None = None, document_id: str | None = None
) -> Note:
    """This peer's note on a session or document, created empty (unsaved) if they have none."""
    for note in store.notes(session_id=session_id, document_id=document_id):
        if note.author_id == author_id:
            return note
    return Note(session_id=session_id, document_id=document_id, author_id=author_id, body="")


def save(store: Store, note: Note, body: str) -> Note:
    """Save a note's text: the first save creates it; later saves keep versions (see store).

    Its excerpts are re-anchored and its inline tags followed in the same transaction.
    """
    from onsite.evidence.tagging import after_edit

    with store.writing() as w:
        stored = w.get(Note, note.id)  # in the transaction: the text this save replaces
        old = stored.body if stored else ""
        if stored is None:
            note.body = body
            w.add(note)
        else:
            w.update(note, body=body)
        after_edit(w, note, old, body)
    return note


def names_mentioned(body: str, participants: list[Participant]) -> list[str]:
    """Recorded participant names (full name or a surname of 4+ letters) found in a note.

    A light check while typing; the attribution guard on exports is the strict one.
    """
    found = []
    for p in participants:
        name = " ".join(p.name.split())
        if not name:
            continue
        candidates = [name]
        surname = name.split()[-1]
        if len(surname) >= 4 and surname != name:
            candidates.append(surname)
        for candidate in candidates:
            pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, candidate.split())) + r"(?!\w)"
            if re.search(pattern, body, flags=re.IGNORECASE):
                found.append(name)
                break
    return found
