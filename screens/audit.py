"""The audit log: exports, deliveries, guard acceptances and purges, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from screens.base import OnsiteScreen
from screens.widgets.footer import KeysFooter
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from onsite.store.db import Store

ACTION_LABELS = {
    "export": "Export",
    "delivery": "Delivered",
    "guard": "Guard accepted",
    "purge": "Purge",
}


class AuditScreen(OnsiteScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="audit.back")]

    @dataclass
    class Loaded(Message):
        entries: list[dict[str, str]]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Static("Nothing exported, delivered or purged yet.", id="empty")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Audit log"
        self.query_one(DataTable).add_columns("When (UTC)", "Who", "What", "Subject", "Detail")
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, description="read the audit log")
    def load(self) -> None:
        from onsite.confidential.audit import audit_entries

        self.post_message(self.Loaded(audit_entries(self.store)))

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for entry in reversed(message.entries):
            table.add_row(
                entry["at"].replace("T", " ").removesuffix("+00:00"),
                entry["who"] or "(unknown)",
                ACTION_LABELS.get(entry["action"], entry["action"]),
                entry["subject"],
                entry["detail"],
                key=entry["id"],
            )
        self.query_one("#empty").display = not message.entries
