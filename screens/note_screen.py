"""What a screen that edits one of my notes shares: saving in the background, in order,
and saving at once when the screen is left or the app quits."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on, work
from textual.binding import Binding
from textual.message import Message

from screens.base import OnsiteScreen
from screens.widgets.note_editor import NoteEditor

if TYPE_CHECKING:
    from onsite.model import Note, Participant
    from onsite.store.db import Store


class NoteScreen(OnsiteScreen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="note.back", tooltip="Save and go back", priority=True),
        Binding("ctrl+o", "history", "Versions", id="note.history",
                tooltip="Earlier versions of my note"),
    ]

    @dataclass
    class Saved(Message):
        names: list[str]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.note: Note | None = None  # my note, once known
        self.participants: list[Participant] = []  # whose names a note should not carry
        self._save_lock = threading.Lock()

    @on(NoteEditor.SaveRequested)
    def _save_requested(self, event: NoteEditor.SaveRequested) -> None:
        self.save_in_background(event.text)

    @work(thread=True, exit_on_error=False, group="save", description="save the note")
    def save_in_background(self, text: str) -> None:
        self.post_message(self.Saved(self._save(text)))

    def _save(self, text: str) -> list[str]:
        from onsite.week import notes

        with self._save_lock:  # one save at a time, in order, whichever thread asks
            notes.save(self.store, self.note, text)
        return notes.names_mentioned(text, self.participants)

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        for editor in self.query("#mine").results(NoteEditor):
            editor.saved(datetime.now().strftime("%H:%M:%S"))
            if editor.check is None:  # an editor with a check warns while typing instead
                editor.warn(f"This note names {', '.join(message.names)}. Notes should "
                            "describe people by role." if message.names else "")

    def flush(self) -> None:
        """Save now, in this thread: called on leaving the screen and on quitting."""
        if self.note is None:
            return
        for editor in self.query("#mine").results(NoteEditor):
            text = editor.take_pending()
            if text is not None:
                self._save(text)

    def action_back(self) -> None:
        self.flush()
        self.app.pop_screen()

    def on_screen_suspend(self) -> None:
        self.flush()

    def note_shown(self) -> Note | None:
        """The note whose versions Ctrl+O shows: mine unless a screen says otherwise."""
        return self.note

    def action_history(self) -> None:
        from screens.versions import VersionsScreen

        self.flush()
        note = self.note_shown()
        if note is not None and self.store.get(type(note), note.id) is not None:
            self.app.push_screen(VersionsScreen(self.store, note))
        else:
            self.notify("No saved versions yet.")


def note_checker(store: Store) -> tuple[dict[str, str], Callable[[str], list[str]]]:
    """The lines of enquiry's hashtag spellings, and a check of a note's text (run off the UI
    thread): the names of people met, by the attribution guard, and hashtags that name no
    line of enquiry. Roles are what notes should hold, so a role alone is not warned about."""
    from onsite.confidential.guard import ROLE, Guard
    from onsite.evidence.tags import theme_lookup, unknown_tag_advice

    guard = Guard.from_store(store)
    lookup = theme_lookup(store.themes())

    def check(text: str) -> list[str]:
        hits = [h for h in guard.check(text) if h.kind != ROLE]
        warnings = [f"Line {h.line}: “{h.shown}” names someone met ({h.about}): "
                    "describe people by role." for h in hits[:2]]
        if len(hits) > 2:
            warnings[-1] += f" And {len(hits) - 2} more."
        return warnings + unknown_tag_advice(text, lookup)[:1]

    return lookup, check
