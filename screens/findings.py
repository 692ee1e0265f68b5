"""The findings board: lines of enquiry down the side, strengths and areas across."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from screens.base import OnsiteScreen
from screens.widgets.footer import KeysFooter
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from onsite.evidence.findings import Board
    from onsite.store.db import Store

TRIANGULATION_STYLE = {
    "single voice": "bold red",
    "supported": "yellow",
    "triangulated": "bold green",
}
POLARITIES = (("strength", "Strengths"), ("area for consideration", "Areas for consideration"))


class FindingsScreen(OnsiteScreen):
    BINDINGS = [
        Binding("enter", "open", "Open", id="findings.open", show=False),
        Binding(
            "left_square_bracket",
            "as_of(-1)",
            "Earlier day",
            id="findings.earlier",
            tooltip="Show the board as it stood at the end of an earlier day",
        ),
        Binding("right_square_bracket", "as_of(1)", "Later day", id="findings.later"),
        Binding(
            "g",
            "coverage",
            "Coverage",
            id="findings.coverage",
            tooltip="Lines of enquiry by sector: where evidence is thin",
        ),
        Binding(
            "s",
            "next_status",
            "Status",
            id="findings.status",
            tooltip="Move the finding on: emerging, tested, agreed, dropped",
        ),
        Binding("ctrl+up", "move(-1)", "Up", id="findings.up", show=False),
        Binding("ctrl+down", "move(1)", "Down", id="findings.down", show=False),
        Binding("escape", "app.pop_screen", "Back", id="findings.back"),
    ]

    @dataclass
    class Loaded(Message):
        board: Board
        changed: set[str] | None = None  # the findings whose cards were rebuilt; None: all
        days: int = 0

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.as_of_day: int | None = None
        self.board: Board | None = None
        self.days = 0

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="as-of")
        with Horizontal(id="columns"):
            for polarity, title in POLARITIES:
                with Vertical(classes="column"):
                    yield Label(title, classes="heading")
                    yield DataTable(id=polarity.replace(" ", "-"), cursor_type="row")
        yield Static("", id="detail", markup=False)
        yield KeysFooter()

    NARROW = 120  # below this the two columns stack, and the counts fold into the detail
    WIDE_COLUMNS = {"Status": 9, "Ev": 3, "Ses": 3, "Day": 3, "Trust": 12}
    NARROW_COLUMNS = {"Status": 9, "Ev": 3, "Trust": 12}

    def on_mount(self) -> None:
        self.sub_title = "Findings"
        self._layout_for = None
        self.query_one("#columns").loading = True  # building the board takes a moment
        self.load()

    def on_resize(self) -> None:
        if self._layout_for != self.size.width:
            self._lay_out()
            if self.board is not None:
                self._show(self.Loaded(self.board, days=self.days))

    def _fixed(self) -> dict[str, int]:
        return self.NARROW_COLUMNS if self.size.width < self.NARROW else self.WIDE_COLUMNS

    def _lay_out(self) -> None:
        """The statement takes the width the counts leave, and wraps: nothing is cut."""
        narrow = self.size.width < self.NARROW
        self.query_one("#columns").styles.layout = "vertical" if narrow else "horizontal"
        table_width = (self.size.width - 1) // (1 if narrow else 2) - 2  # less the scrollbar
        fixed = self._fixed()
        statement = max(20, table_width - sum(fixed.values()) - 2 * (len(fixed) + 1))
        for table in self.query(DataTable):
            table.clear(columns=True)
            table.add_column("Finding", key="Finding", width=statement)
            for name, width in fixed.items():
                table.add_column(name, key=name, width=width)
        self._layout_for = self.size.width

    def on_screen_resume(self) -> None:
        if self.board is not None:
            self.load(refresh=True)

    @work(
        thread=True,
        exclusive=True,
        group="load",
        exit_on_error=False,
        description="build the board",
    )
    def load(self, refresh: bool = False) -> None:
        from onsite.evidence import findings

        days = self.store.engagement().days
        old = self.board
        if refresh and old is not None and old.as_of_day == self.as_of_day:
            # Only what changed since (a tag, a status): at scale 10 the whole board is
            # 1,500 findings over 24,000 excerpts.
            board, changed = findings.refresh(self.store, old)
            self.post_message(self.Loaded(board, changed, days))
        else:
            self.post_message(self.Loaded(findings.board(self.store, self.as_of_day), None, days))

    @staticmethod
    def _cells(card, narrow: bool) -> list:
        f = card.finding
        style = "dim strike" if f.status == "dropped" else ""
        counts = (
            [str(card.excerpts)]
            if narrow
            else [str(card.excerpts), str(len(card.sources)), str(card.first_day)]
        )
        return [
            Text(f.statement, style=style),
            f.status,
            *counts,
            Text(card.triangulation, style=TRIANGULATION_STYLE[card.triangulation]),
        ]

    def _update_rows(self, old: Board, new: Board, changed: set[str]) -> bool:
        """Update the rows of the changed findings in place; False if any moved, came or
        went (then the tables are rebuilt)."""
        before = {c.finding.id: c.finding for c in old.cards if c.finding.id in changed}
        after = {c.finding.id: c for c in new.cards if c.finding.id in changed}
        if before.keys() != after.keys():
            return False
        fixed = self._fixed()
        columns = ["Finding", *fixed]  # the column keys _lay_out gave
        for finding_id, card in after.items():
            was, f = before[finding_id], card.finding
            # A statement sets its row's height (it wraps): a new one rebuilds the tables.
            if (was.theme_key, was.polarity, was.position, was.statement) != (
                f.theme_key,
                f.polarity,
                f.position,
                f.statement,
            ):
                return False
            table = self.query_one(f"#{f.polarity.replace(' ', '-')}", DataTable)
            if finding_id not in table.rows:
                return False
            for column, value in zip(columns, self._cells(card, fixed is self.NARROW_COLUMNS)):
                table.update_cell(finding_id, column, value)
        return True

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        if self._layout_for is None:
            self._lay_out()
        old = self.board
        self.board = board = message.board
        self.query_one("#columns").loading = False
        self.days = message.days
        if message.changed is not None and old is not None:
            if self._update_rows(old, board, message.changed):
                self._detail()
                return
        self.query_one("#as-of", Static).update(
            "As of now" if board.as_of_day is None else f"As of the end of day {board.as_of_day}"
        )
        for polarity, _ in POLARITIES:
            table = self.query_one(f"#{polarity.replace(' ', '-')}", DataTable)
            row = table.cursor_row
            table.clear()
            narrow = self._fixed() is self.NARROW_COLUMNS
            for theme in board.themes:
                cards = sorted(board.cell(theme.key, polarity), key=lambda c: c.finding.position)
                table.add_row(
                    Text(theme.name, style="bold reverse"),
                    *[""] * len(self._fixed()),
                    key=f"theme:{theme.key}",
                    height=None,
                )
                for card in cards:
                    table.add_row(*self._cells(card, narrow), key=card.finding.id, height=None)
            if table.row_count:
                table.move_cursor(row=min(row, table.row_count - 1))

    @on(DataTable.RowHighlighted)
    def _detail(self) -> None:
        card = self._current()
        self.query_one("#detail", Static).update(
            f"{card.excerpts} excerpts from {len(card.sources)} sources "
            f"({', '.join(sorted(card.kinds)) or 'no evidence yet'}), "
            f"{len(card.organisations)} organisations heard; sectors: "
            f"{', '.join(sorted(card.sectors)) or 'none named'}; first seen day {card.first_day}"
            if card
            else ""
        )

    def _current(self):
        table = self.focused if isinstance(self.focused, DataTable) else None
        if table is None or not table.row_count or self.board is None:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((c for c in self.board.cards if c.finding.id == key), None)

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        from screens.finding import FindingScreen

        card = self._current()
        if card is not None:
            self.app.push_screen(FindingScreen(self.store, card.finding.id))

    def action_as_of(self, step: int) -> None:
        days = self.days
        if not days:
            return  # the board has not loaded yet
        current = self.as_of_day or days + 1
        target = min(max(current + step, 1), days + 1)
        self.as_of_day = None if target > days else target
        self.load()

    def action_next_status(self) -> None:
        card = self._current()
        if card is not None:
            self.change(card.finding, "status")

    def action_move(self, step: int) -> None:
        card = self._current()
        if card is not None:
            self.change(card.finding, "move", step)

    @work(thread=True, group="write", exit_on_error=False, description="change the finding")
    def change(self, finding, what: str, step: int = 1) -> None:
        from onsite.evidence import findings
        from onsite.model import FINDING_STATUSES

        if what == "status":
            i = FINDING_STATUSES.index(finding.status)
            findings.set_status(
                self.store, finding, FINDING_STATUSES[(i + 1) % len(FINDING_STATUSES)]
            )
        else:
            findings.reorder(self.store, finding, step)
        self.app.call_from_thread(self.load, refresh=True)

    def action_coverage(self) -> None:
        from screens.coverage import CoverageScreen

        self.app.push_screen(CoverageScreen(self.store))
