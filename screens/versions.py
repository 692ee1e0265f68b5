"""Earlier versions of a note: every version kept, newest first, shown read-only."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from screens.base import OnsiteScreen
from screens.widgets.footer import KeysFooter
from screens.widgets.markdown_view import MarkdownView
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from onsite.model import Note
    from onsite.store.db import Store


class VersionsScreen(OnsiteScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="versions.back")]

    def __init__(self, store: Store, note: Note) -> None:
        super().__init__()
        self.store, self.note = store, note
        self.texts: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal():
            yield OptionList(id="list")
            yield MarkdownView()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Versions of this note"
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, description="read the versions")
    def load(self) -> None:
        import json

        from onsite.clock import stamp_ms

        versions = self.store.versions(self.note, "body")
        options = []
        for v in reversed(versions):
            self.texts[v.stamp] = json.loads(v.value)
            when = datetime.fromtimestamp(stamp_ms(v.stamp) / 1000)
            options.append(
                Option(
                    f"{when:%a %d %b %H:%M:%S}  ({len(self.texts[v.stamp].split())} words)",
                    id=v.stamp,
                )
            )
        self.app.call_from_thread(self._show, options)

    def _show(self, options: list[Option]) -> None:
        listing = self.query_one(OptionList)
        listing.add_options(options)
        if options:
            listing.highlighted = 0
        listing.focus()

    @on(OptionList.OptionHighlighted)
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one(MarkdownView).update(self.texts.get(event.option.id or "", ""))
