"""The week: one tab per on-site day with its sessions, and the lines of enquiry and team."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, LoadingIndicator, Static, TabbedContent, TabPane

from screens.base import OnsiteScreen

if TYPE_CHECKING:
    from onsite.store.db import Store
    from onsite.week import Week


class WeekScreen(OnsiteScreen):
    CSS_PATH = "week.tcss"
    BINDINGS = [
        Binding("enter", "open_session", "Open session", id="week.open", show=False),
        Binding("left_square_bracket", "day(-1)", "Previous day", id="week.previous_day"),
        Binding("right_square_bracket", "day(1)", "Next day", id="week.next_day"),
        *(Binding(str(d), f"go_day({d})", f"Day {d}", id=f"week.day{d}", show=False)
          for d in range(1, 10)),
        Binding("escape", "app.home", "Engagements", id="week.home",
                tooltip="Back to the list of engagements"),
    ]

    @dataclass
    class Loaded(Message):
        store: Store
        week: Week

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.week: Week | None = None
        self.store: Store | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.path.name, id="title", markup=False)
        with Horizontal(id="body"):
            yield LoadingIndicator()
            yield TabbedContent(id="days")
            with VerticalScroll(id="side"):
                yield Static(id="sidebar")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.path.name
        self.load()

    def on_screen_resume(self) -> None:
        if self.store is not None:
            self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, description="open the engagement")
    def load(self) -> None:
        from onsite.store.db import Store
        from onsite.week import load_week

        store = self.store or Store.open(self.path)
        self.post_message(self.Loaded(store, load_week(store)))

    @on(Loaded)
    async def show_week(self, message: Loaded) -> None:
        first_load = self.store is None
        self.store, self.week = message.store, message.week
        self.app.store = message.store
        week = message.week
        engagement = week.engagement
        last = week.days[-1].date if week.days else engagement.start
        self.sub_title = engagement.name
        self.query_one("#title", Static).update(
            f"{engagement.name}  ·  {engagement.system or ''}  ·  "
            f"{engagement.start:%a %d %b} – {last:%a %d %b %Y}"
        )
        if first_load:
            await self.query_one(LoadingIndicator).remove()
            tabs = self.query_one("#days", TabbedContent)
            for plan in week.days:
                table = DataTable(id=f"day-{plan.day}", cursor_type="row", zebra_stripes=True)
                table.add_columns("Time", "Kind", "Session", "Peers", "Notes")
                self._fill(table, plan)
                await tabs.add_pane(TabPane(plan.label, table, id=f"tab-{plan.day}"))
            self.action_go_day(week.today())
        else:
            for plan in week.days:
                self._fill(self.query_one(f"#day-{plan.day}", DataTable), plan)
        self.query_one("#sidebar", Static).update(_sidebar(week))

    @staticmethod
    def _fill(table: DataTable, plan) -> None:
        cursor = table.cursor_row
        table.clear()
        for line in plan.sessions:
            s = line.session
            style = "strike dim" if s.cancelled else ""
            table.add_row(
                f"{s.start}–{s.end}" if s.end else s.start, s.kind,
                Text(s.title, style=style), line.peers, line.state, key=s.id,
            )
        if plan.sessions:
            table.move_cursor(row=min(cursor, len(plan.sessions) - 1))

    @on(TabbedContent.TabActivated)
    def _focus_day(self, event: TabbedContent.TabActivated) -> None:
        self.query_one(f"#day-{event.pane.id.removeprefix('tab-')}", DataTable).focus()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.open_session(event.row_key.value)

    def action_open_session(self) -> None:
        table = self.focused if isinstance(self.focused, DataTable) else None
        if table and table.row_count:
            self.open_session(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def open_session(self, session_id: str) -> None:
        from screens.session import SessionScreen

        if self.store is not None:
            self.app.push_screen(SessionScreen(self.store, session_id))

    def action_day(self, step: int) -> None:
        if self.week:
            tabs = self.query_one(TabbedContent)
            current = int(tabs.active.removeprefix("tab-"))
            self.action_go_day(min(max(current + step, 1), len(self.week.days)))

    def action_go_day(self, day: int) -> None:
        if self.week and 1 <= day <= len(self.week.days):
            self.query_one(TabbedContent).active = f"tab-{day}"
            self.query_one(f"#day-{day}", DataTable).focus()


def _sidebar(week: Week) -> Text:
    text = Text()
    text.append("Lines of enquiry\n", style="bold")
    for theme in week.themes:
        text.append(f"  {theme.name}\n")
    text.append("\nTeam\n", style="bold")
    for peer in sorted(week.peers, key=lambda p: (p.role != "lead peer", p.role, p.name)):
        text.append(f"  {peer.initials:<4}", style="bold")
        text.append(f"{peer.name}")
        if peer.role != "peer":
            text.append(f" ({peer.role})", style="italic")
        text.append("\n")
    return text
