"""Search everything the team has written; Enter opens the place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import OnsiteScreen
from screens.widgets.footer import KeysFooter
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from onsite.evidence.search import Hit
    from onsite.store.db import Store


def highlighted(snippet: str) -> Text:
    from onsite.evidence.search import MARK_END, MARK_START

    text = Text()
    for i, part in enumerate(snippet.replace(MARK_END, MARK_START).split(MARK_START)):
        text.append(part, style="bold reverse" if i % 2 else "")
    return text


class SearchScreen(OnsiteScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="search.back")]

    @dataclass
    class Found(Message):
        query: str
        hits: list[Hit] | None
        error: str = ""

    def __init__(self, store: Store, query: str = "") -> None:
        super().__init__()
        self.store, self.initial = store, query
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Input(
            self.initial,
            placeholder='Search notes, reading, findings: words, "a phrase", prefix*',
            id="query",
        )
        yield Static("", id="message")
        yield OptionList(id="results")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Search"
        if self.initial:
            self.run_search(self.initial)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if event.value.strip():
            self.run_search(event.value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            results.highlighted = 0
            results.focus()

    @work(thread=True, exclusive=True, exit_on_error=False, description="search")
    def run_search(self, query: str) -> None:
        from onsite.evidence.search import SearchError, search

        try:
            self.post_message(self.Found(query, search(self.store, query)))
        except SearchError as e:
            self.post_message(self.Found(query, None, str(e)))

    @on(Found)
    def _show(self, message: Found) -> None:
        if message.query != self.query_one(Input).value:
            return  # an older search finishing late
        results = self.query_one(OptionList)
        results.clear_options()
        if message.hits is None:
            self.query_one("#message", Static).update(message.error)
            return
        self.hits = message.hits
        self.query_one("#message", Static).update(
            f"{len(self.hits)} found" if self.hits else "Nothing found."
        )
        for i, hit in enumerate(self.hits):
            label = Text(hit.place + "\n", style="bold")
            label.append_text(highlighted(hit.snippet))
            results.add_option(Option(label, id=str(i)))

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None:
            return
        hit = self.hits[int(event.option.id)]
        if hit.session_id:
            from screens.session import SessionScreen

            self.app.push_screen(SessionScreen(self.store, hit.session_id))
        elif hit.document_id:
            from screens.library import DocumentScreen

            self.app.push_screen(DocumentScreen(self.store, hit.document_id))
        else:
            self.notify(f"{hit.place}: {hit.title}")
