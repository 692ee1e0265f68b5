"""A session: who was met (by role; names confidential) and each peer's notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Markdown, Static, TabbedContent, TabPane

from screens.base import OnsiteScreen

if TYPE_CHECKING:
    from onsite.sessions import SessionView
    from onsite.store.db import Store


class SessionScreen(OnsiteScreen):
    CSS_PATH = "session.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Week", id="session.back",
                        tooltip="Back to the week")]

    @dataclass
    class Loaded(Message):
        view: SessionView

    def __init__(self, store: Store, session_id: str) -> None:
        super().__init__()
        self.store, self.session_id = store, session_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="heading", markup=False)
        yield Static("Participants (names are confidential to the team)", classes="label")
        yield DataTable(id="participants", cursor_type="row")
        yield TabbedContent(id="notes")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#participants", DataTable).add_columns(
            "Role", "Organisation", "Sector", "Name (confidential)")
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, description="open the session")
    def load(self) -> None:
        from onsite.sessions import session_view

        self.post_message(self.Loaded(session_view(self.store, self.session_id)))

    @on(Loaded)
    async def show(self, message: Loaded) -> None:
        view = message.view
        s = view.session
        self.sub_title = s.title
        self.query_one("#heading", Static).update(
            f"Day {s.day} · {s.start}–{s.end} · {s.kind} · {s.title}"
            + (f" · {s.location}" if s.location else "") + (f" · peers: {view.peers}" if view.peers else ""))
        table = self.query_one("#participants", DataTable)
        table.clear()
        for p in view.participants:
            table.add_row(p.role, p.organisation, p.sector, p.name)
        tabs = self.query_one("#notes", TabbedContent)
        await tabs.clear_panes()
        if not view.notes:
            await tabs.add_pane(TabPane("No notes", Static("No notes yet for this session.")))
        for author, note in view.notes:
            await tabs.add_pane(TabPane(author, Markdown(note.body or "*(empty)*"), id=f"note-{note.id}"))
