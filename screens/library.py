"""The pre-reading library: documents with their summaries, my reading notes and questions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Markdown, Static

from screens.base import OnsiteScreen
from screens.note_screen import NoteScreen
from screens.widgets.note_editor import NoteEditor

if TYPE_CHECKING:
    from onsite.model import Document, Note
    from onsite.store.db import Store


class LibraryScreen(OnsiteScreen):
    CSS_PATH = "library.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="library.back")]

    @dataclass
    class Loaded(Message):
        documents: list[Document]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Pre-reading library"
        self.query_one(DataTable).add_columns("Document", "Kind", "Source")
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, description="list the documents")
    def load(self) -> None:
        self.post_message(self.Loaded(self.store.documents()))

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for d in message.documents:
            table.add_row(d.title, d.kind, d.source, key=d.id)
        table.focus()

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(DocumentScreen(self.store, event.row_key.value))


class DocumentScreen(NoteScreen):
    CSS_PATH = "library.tcss"

    @dataclass
    class Loaded(Message):
        document: Document
        mine: Note | None

    def __init__(self, store: Store, document_id: str) -> None:
        super().__init__(store)
        self.document_id = document_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Horizontal(id="body")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, description="open the document")
    def load(self) -> None:
        from onsite.model import Document
        from onsite.week.notes import my_note

        document = self.store.get(Document, self.document_id)
        me = self.store.me()
        mine = my_note(self.store, me, document_id=self.document_id) if me else None
        self.post_message(self.Loaded(document, mine))

    @on(Loaded)
    async def _show(self, message: Loaded) -> None:
        self.sub_title = message.document.title
        self.note = message.mine
        body = self.query_one("#body")
        await body.mount(Markdown(f"# {message.document.title}\n\n{message.document.summary}",
                                  id="summary"))
        if message.mine is None:
            await body.mount(Static("Open a session first to say who you are; then your "
                                    "reading notes go here.", id="me-unknown"))
            return
        editor = NoteEditor(message.mine.body or "## Notes\n\n\n## Questions to test\n\n- ",
                            id="mine")
        await body.mount(editor)
        editor.text_area.focus()
