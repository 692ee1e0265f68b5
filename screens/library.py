"""The pre-reading library: documents with their summaries, my reading notes and questions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Static

from screens.base import OnsiteScreen
from screens.note_screen import NoteScreen
from screens.widgets.footer import KeysFooter
from screens.widgets.markdown_view import MarkdownView
from screens.widgets.note_editor import NoteEditor
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from onsite.model import Document, Note
    from onsite.store.db import Store


class LibraryScreen(OnsiteScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="library.back"),
        Binding(
            "a",
            "add",
            "Add documents",
            id="library.add",
            tooltip="Add a Markdown, text, Word or PDF document; its text is kept "
            "for search and reading",
        ),
    ]

    @dataclass
    class Loaded(Message):
        documents: list[Document]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Pre-reading library"
        self.query_one(DataTable).add_columns("Document", "Kind", "Source", "Words")
        self.load()

    @work(
        thread=True,
        exclusive=True,
        group="load",
        exit_on_error=False,
        description="list the documents",
    )
    def load(self) -> None:
        self.post_message(self.Loaded(self.store.documents()))

    def action_add(self) -> None:
        from screens.forms import FileDialog

        def chosen(path) -> None:
            if path is not None:
                self.add_document(path)

        self.app.push_screen(
            FileDialog(
                "A document for the pre-reading (Markdown, text, Word or PDF):",
                (".md", ".markdown", ".txt", ".docx", ".pdf"),
            ),
            chosen,
        )

    @work(thread=True, exit_on_error=False, description="add the document")
    def add_document(self, path) -> None:
        from onsite.engagement.library import add_documents

        [(document, note)] = add_documents(self.store, [path])
        self.app.call_from_thread(
            self.notify,
            f"Added {document.title} ({len(document.text.split())} words)"
            + (f": {note}" if note else ""),
        )
        self.load()

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for d in message.documents:
            table.add_row(
                d.title, d.kind, d.source, str(len(d.text.split())) if d.text else "", key=d.id
            )
        table.focus()

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.app.push_screen(DocumentScreen(self.store, event.row_key.value))


class DocumentScreen(NoteScreen):
    @dataclass
    class Loaded(Message):
        document: Document
        mine: Note | None

    def __init__(self, store: Store, document_id: str) -> None:
        super().__init__(store)
        self.document_id = document_id

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Horizontal(id="body")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, description="open the document")
    def load(self) -> None:
        from onsite.model import Document
        from onsite.week.notes import my_note

        document = self.store.get(Document, self.document_id)
        if document is None:
            raise ValueError("this document is no longer in the library")
        me = self.store.me()
        mine = my_note(self.store, me, document_id=self.document_id) if me else None
        self.post_message(self.Loaded(document, mine))

    @on(Loaded)
    async def _show(self, message: Loaded) -> None:
        self.sub_title = message.document.title
        self.note = message.mine
        body = self.query_one("#body")
        document = message.document
        text = document.summary
        if document.text:  # the document's own words, kept when it was added
            text += f"\n\n---\n\n*From {document.file or 'the document'}:*\n\n"
            text += document.text if document.kind == "Markdown" else _plain(document.text)
        await body.mount(MarkdownView(f"# {document.title}\n\n{text}", id="summary"))
        if message.mine is None:
            await body.mount(
                Static(
                    "Open a session first to say who you are; then your reading notes go here.",
                    id="me-unknown",
                )
            )
            return
        editor = NoteEditor(
            message.mine.body or "## Notes\n\n\n## Questions to test\n\n- ", id="mine"
        )
        await body.mount(editor)
        editor.text_area.focus()


def _plain(text: str) -> str:
    """Extracted text shown as it is: paragraphs kept, nothing read as Markdown syntax."""
    import re

    escaped = re.sub(r"([\\`*_{}\[\]<>()#+\-.!|])", r"\\\1", text)
    return "\n\n".join(p.replace("\n", "  \n") for p in escaped.split("\n\n"))
