"""A session: who was met (by role; names confidential), my notes, and the other peers' notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from screens.dialogs import PickDialog
from screens.note_screen import NoteScreen
from screens.widgets.note_editor import NoteEditor

if TYPE_CHECKING:
    from onsite.model import Note
    from onsite.week.sessions import SessionView
    from onsite.store.db import Store


class SessionScreen(NoteScreen):
    CSS_PATH = "session.tcss"
    BINDINGS = [Binding("ctrl+t", "tag", "Tag", id="session.tag",
                        tooltip="Tag the selected passage as evidence for a finding")]

    @dataclass
    class Loaded(Message):
        view: SessionView

    def __init__(self, store: Store, session_id: str) -> None:
        super().__init__(store)
        self.session_id = session_id
        self.view: SessionView | None = None

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
        from onsite.week.sessions import session_view

        self.post_message(self.Loaded(session_view(self.store, self.session_id)))

    @on(Loaded)
    async def show(self, message: Loaded) -> None:
        self.view = view = message.view
        s = view.session
        self.sub_title = s.title
        self.query_one("#heading", Static).update(
            f"Day {s.day} · {s.start}–{s.end} · {s.kind} · {s.title}"
            + (f" · {s.location}" if s.location else "") + (f" · peers: {view.peers}" if view.peers else ""))
        table = self.query_one("#participants", DataTable)
        table.clear()
        for p in view.participants:
            table.add_row(p.role, p.organisation, p.sector, p.name)
        if view.me is None:
            self.app.push_screen(
                PickDialog("Who is using this laptop? Your notes are saved under your name.",
                           [(p.id, f"{p.initials}  {p.name} ({p.role})") for p in view.team]),
                self._chose_me)
            return
        self.note, self.participants = view.mine, view.participants
        # Every tab mounted at once, and another peer's note only when its tab is chosen:
        # each editor highlights its Markdown, and at scale 10 a session holds ten notes.
        tabs = TabbedContent(id="notes", initial="tab-mine")
        tabs.compose_add_child(TabPane(f"My notes ({view.me.initials})",
                                       NoteEditor(view.mine.body, id="mine"), id="tab-mine"))
        for initials, note in view.others:
            tabs.compose_add_child(TabPane(f"{initials}'s notes", id=f"tab-{note.id}"))
        await self.query_one("#notes", TabbedContent).remove()
        await self.mount(tabs, before=self.query_one(Footer))
        self.query_one("#mine", NoteEditor).text_area.focus()

    @on(TabbedContent.TabActivated, "#notes")
    async def _show_other(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane
        if self.view is None or pane.id == "tab-mine" or pane.query(NoteEditor):
            return
        note = next((n for _, n in self.view.others if f"tab-{n.id}" == pane.id), None)
        if note is not None:
            await pane.mount(NoteEditor(note.body, read_only=True))

    def _chose_me(self, peer_id: str | None) -> None:
        if peer_id is None:
            self.app.pop_screen()
            return
        self.store.set_me(peer_id)
        self.load()

    def note_shown(self) -> Note | None:
        tabs = self.query_one("#notes", TabbedContent)
        if self.view is None or tabs.active == "tab-mine":
            return self.note
        return next((n for _, n in self.view.others if f"tab-{n.id}" == tabs.active), None)

    def action_tag(self) -> None:
        from onsite.evidence.findings import default_evidence
        from screens.tag import TagDialog

        note = self.note_shown()
        pane = self.query_one("#notes", TabbedContent).active_pane
        if note is None or pane is None or self.view is None:
            return
        self.flush()
        area = pane.query_one(NoteEditor).text_area
        start, end = sorted(area.document.get_index_from_location(loc) for loc in area.selection)
        if start == end:
            self.notify("Select a passage first (Shift+arrows), then Ctrl+T.", severity="warning")
            return
        quote = area.text[start:end]
        themes = [(t.key, t.name) for t in self.store.themes()]
        findings = [(f.id, f.theme_key, f.statement) for f in self.store.findings()
                    if f.status != "dropped"]
        dialog = TagDialog(quote, themes, findings, default_evidence(self.view.session.kind))
        self.app.push_screen(dialog, lambda answer: answer and self.tag(note, start, end, answer))

    @work(thread=True, exit_on_error=False, description="tag the passage")
    def tag(self, note, start: int, end: int, answer: dict) -> None:
        from onsite.evidence.findings import tag

        stored = self.store.get(type(note), note.id)
        if stored is None:
            raise ValueError("Write something in the note before tagging it.")
        tag(self.store, stored, start, end, day=self.view.session.day, **answer)
        self.app.call_from_thread(self.notify, "Tagged.")
