"""Coverage: lines of enquiry by sector, coloured by the amount of tagged evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from screens.base import OnsiteScreen
from screens.widgets.footer import KeysFooter
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from onsite.evidence.findings import CoverageGrid
    from onsite.store.db import Store

LEVEL_STYLE = {
    "none": "on dark_red",
    "thin": "black on yellow",
    "some": "black on green3",
    "strong": "black on green1",
}


class CoverageScreen(OnsiteScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="coverage.back")]

    @dataclass
    class Loaded(Message):
        grid: CoverageGrid

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield TitleBar()
        legend = Text("Tagged excerpts per line of enquiry and sector:  ")
        for level, style in LEVEL_STYLE.items():
            legend.append(f" {level} ", style=style)
            legend.append(" ")
        yield Static(legend, id="legend")
        # the line of enquiry stays in view while the sectors scroll sideways
        yield DataTable(cursor_type="cell", fixed_columns=1)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Coverage"
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, description="count the evidence")
    def load(self) -> None:
        from onsite.evidence.findings import coverage

        self.post_message(self.Loaded(coverage(self.store)))

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        grid = message.grid
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column("Line of enquiry", width=min(36, max(len(n) for _, n in grid.themes)))
        table.add_columns(*grid.sectors)
        for key, name in grid.themes:
            table.add_row(
                Text(name),
                *(
                    Text(f" {grid.counts.get((key, s), 0)} ", style=LEVEL_STYLE[grid.level(key, s)])
                    for s in grid.sectors
                ),
                height=None,
            )
