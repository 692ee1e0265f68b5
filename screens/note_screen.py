"""What a screen that edits one of my notes shares: saving in the background through the one
autosave text, and asking before it is left with words the store has not taken."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding

from screens.base import OnsiteScreen
from screens.widgets.autosave import AutosaveHost, AutosaveText
from screens.widgets.note_editor import NoteEditor

if TYPE_CHECKING:
    from onsite.model import Note, Participant
    from onsite.store.db import Store


class NoteScreen(AutosaveHost, OnsiteScreen):
    BINDINGS = [
        Binding(
            "escape", "back", "Back", id="note.back", tooltip="Save and go back", priority=True
        ),
        Binding(
            "ctrl+o",
            "history",
            "Versions",
            id="note.history",
            tooltip="Earlier versions of my note",
        ),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.note: Note | None = None  # my note, once known
        self.participants: list[Participant] = []  # whose names a note should not carry

    def save_text(self, editor: AutosaveText, text: str) -> str:
        """In a worker: save my note; say if it names a participant or makes a conflict."""
        from onsite.sync.status import conflicted
        from onsite.week import notes

        if self.note is None:
            raise ValueError("no note to save into")
        notes.save(self.store, self.note, text)
        if conflicted(self.store, self.note, "body"):
            return (
                "!This note was also changed elsewhere (another window, or a peer's sync): "
                "both versions are kept as a conflict. Settle it on the Sync screen (Ctrl+S)."
            )
        if getattr(editor, "check", None) is not None:
            return ""  # an editor with a check warns of names while typing instead
        names = notes.names_mentioned(text, self.participants)
        return (
            f"This note names {', '.join(names)}. Notes should describe people by role."
            if names
            else ""
        )

    def on_screen_suspend(self) -> None:
        for editor in self.query(NoteEditor):
            editor.request_save()  # another screen covers this one: save what is typed now

    def note_shown(self) -> Note | None:
        """The note whose versions Ctrl+O shows: mine unless a screen says otherwise."""
        return self.note

    def action_history(self) -> None:
        self.app.leave(self, self._history, leaving=False)

    def _history(self) -> None:
        note = self.note_shown()
        if note is not None:
            self.open_history(note)

    @work(thread=True, group="open", exit_on_error=False, description="open the versions")
    def open_history(self, note: Note) -> None:
        if self.store.get(type(note), note.id) is None:
            self.app.call_from_thread(self.notify, "No saved versions yet.")
            return
        from screens.versions import VersionsScreen

        self.app.call_from_thread(self.app.push_screen, VersionsScreen(self.store, note))


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
        warnings = [
            f"Line {h.line}: “{h.shown}” names someone met ({h.about}): describe people by role."
            for h in hits[:2]
        ]
        if len(hits) > 2:
            warnings[-1] += f" And {len(hits) - 2} more."
        return warnings + unknown_tag_advice(text, lookup)[:1]

    return lookup, check
