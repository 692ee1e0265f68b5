"""A mentor's private log: one-to-one sessions, notes and actions saved as you type. Never
synced, never exported; a session can be destroyed on request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Static, TextArea

from screens.base import OnsiteScreen
from screens.widgets.footer import KeysFooter
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from textual.worker import Worker

    from onsite.model import MentoringSession
    from onsite.store.db import Store


class MentoringScreen(OnsiteScreen):
    BINDINGS = [
        Binding(
            "f2",
            "add",
            "New session",
            id="mentoring.add",
            tooltip="A new one-to-one session: its date and the mentee",
        ),
        Binding(
            "f8",
            "purge",
            "Destroy session",
            id="mentoring.purge",
            tooltip="Destroy the highlighted session, its history with it",
        ),
        Binding("escape", "back", "Back", id="mentoring.back", tooltip="Back to the engagements"),
    ]

    @dataclass
    class Loaded(Message):
        sessions: list[MentoringSession]

    @dataclass
    class Done(Message):
        text: str

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.sessions: list[MentoringSession] = []

    def compose(self) -> ComposeResult:
        from onsite.engagement.follow_up import PRIVATE_EXPORT, PRIVATE_SYNC

        yield TitleBar()
        yield Static("", id="title", markup=False)
        never = (PRIVATE_SYNC.split(": ", 1)[1], PRIVATE_EXPORT.split(": ", 1)[1])
        yield Static(f"Private: {never[0]}; {never[1]}.", id="private", markup=False)
        with Horizontal(id="body"):
            yield DataTable(id="sessions", cursor_type="row")
            with Vertical(id="right"):
                notes = TextArea("", id="notes", soft_wrap=True)
                notes.border_title = "Notes"
                yield notes
                actions = TextArea("", id="actions", soft_wrap=True)
                actions.border_title = "Actions agreed"
                yield actions
                yield Static("", id="status")
        yield KeysFooter()

    def on_mount(self) -> None:
        from screens.texts import Texts

        self.sub_title = "Mentoring notes"
        self.query_one(DataTable).add_columns("", "Date", "Mentee")
        self.texts = Texts[str](self, ("notes", "actions"))
        self.load_title()
        self.load()

    @work(thread=True, exit_on_error=False, group="title", description="load the engagement")
    def load_title(self) -> None:
        name = self.store.engagement().name
        self.app.call_from_thread(self.query_one("#title", Static).update, name)

    @work(thread=True, exit_on_error=False, group="save", description="save the notes")
    def save_texts(self, session_id, changed: dict[str, str]) -> None:
        from onsite.after import mentoring

        with self.texts.lock:
            current = next(s for s in mentoring.sessions(self.store) if s.id == session_id)
            mentoring.update(self.store, current, **changed)

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="load",
        description="load the mentoring notes",
    )
    def load(self) -> None:
        from onsite.after import mentoring

        self.post_message(self.Loaded(mentoring.sessions(self.store)))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.sessions = message.sessions
        table = self.query_one(DataTable)
        if [k.value for k in table.rows] == [s.id for s in self.sessions]:
            return
        table.clear()
        for n, s in enumerate(self.sessions, 1):
            table.add_row(str(n), f"{s.held:%d %b %Y}", s.mentee, key=s.id)
        if self.sessions:
            table.move_cursor(row=len(self.sessions) - 1)
            self._show(self.sessions[-1].id)
        else:
            self.texts.key = None
            for name in ("notes", "actions"):
                self.query_one(f"#{name}", TextArea).load_text("")
            self.query_one("#status", Static).update("No sessions yet: F2 adds one.")

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None and event.row_key.value != self.texts.key:
            self._show(event.row_key.value)

    def _show(self, session_id: str) -> None:
        s = next(s for s in self.sessions if s.id == session_id)
        self.texts.show(session_id, {"notes": s.notes, "actions": s.actions})
        self.query_one("#status", Static).update(f"{s.held:%a %d %b %Y}: saved as you type.")

    def flush(self) -> Worker | None:
        return self.texts.flush()

    def on_screen_suspend(self) -> None:
        self.flush()

    def action_back(self) -> None:
        self.flush()
        self.app.action_home()

    def action_add(self) -> None:
        from screens.dialogs import AskDialog

        def answered(answer: str | None) -> None:
            if answer:
                self.add(answer)

        self.app.push_screen(
            AskDialog(
                "A new session: date; mentee (a role will do)",
                placeholder="2026-06-03; new ICB chief executive",
            ),
            answered,
        )

    @work(thread=True, exit_on_error=False, group="save", description="add the session")
    def add(self, answer: str) -> None:
        from datetime import date

        from onsite.after import mentoring

        day, _, mentee = answer.partition(";")
        try:
            held = date.fromisoformat(day.strip())
        except ValueError:
            raise ValueError(f"'{day.strip()}' is not a date like 2026-06-03") from None
        mentoring.add(self.store, held=held, mentee=mentee, notes="")
        self.post_message(self.Done(""))

    def action_purge(self) -> None:
        from screens.dialogs import PickDialog

        if self.texts.key is None:
            return
        s = next(s for s in self.sessions if s.id == self.texts.key)
        key = s.id

        def chosen(choice: str | None) -> None:
            if choice == "destroy":
                self.purge(key)

        self.app.push_screen(
            PickDialog(
                f"Destroy the session of {s.held:%d %b %Y}? Nothing of it can be read "
                "back afterwards.",
                [("keep", "Keep it"), ("destroy", "Destroy it")],
            ),
            chosen,
        )

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="purge",
        description="destroy the session",
    )
    def purge(self, session_id: str) -> None:
        from onsite.after import mentoring

        self.texts.key = None  # nothing of it is saved again
        chosen = [s for s in mentoring.sessions(self.store) if s.id == session_id]
        mentoring.purge(self.store, chosen)
        self.post_message(self.Done("Destroyed; the file is compacted."))

    @on(Done)
    def _done(self, message: Done) -> None:
        if message.text:
            self.notify(message.text)
        self.load()
