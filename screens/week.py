"""The week: one tab per on-site day with its sessions, and the lines of enquiry and team.
At start-up it may be on screen before the store is open (screens/week_start.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import DataTable, LoadingIndicator, Static, TabbedContent, TabPane
from textual.widgets.data_table import ColumnKey

from screens.base import OnsiteScreen, title_line
from screens.week_import import TimetableImport
from screens.week_peer import LaptopPeer
from screens.week_sessions import SessionEditing
from screens.week_start import LightStart
from screens.widgets.footer import KeysFooter
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from onsite.model import Peer
    from onsite.store.db import Store
    from onsite.week.view import Week


class WeekScreen(LightStart, TimetableImport, SessionEditing, LaptopPeer, OnsiteScreen):
    BINDINGS = [
        Binding("enter", "open_session", "Open session", id="week.open", show=False),
        Binding("left_square_bracket", "day(-1)", "Previous day", id="week.previous_day"),
        Binding("right_square_bracket", "day(1)", "Next day", id="week.next_day"),
        *(
            Binding(str(d), f"go_day({d})", f"Day {d}", id=f"week.day{d}", show=False)
            for d in range(1, 10)
        ),
        Binding("slash", "search", "Search", id="week.search", tooltip="Search everything written"),
        Binding("l", "library", "Reading", id="week.library", tooltip="The pre-reading library"),
        Binding(
            "f",
            "findings",
            "Findings",
            id="week.findings",
            tooltip="The findings board: strengths and areas for consideration",
        ),
        Binding("a", "add_session", "Add", id="week.add", tooltip="Add a session"),
        Binding("e", "edit_session", "Edit", id="week.edit", tooltip="Edit or move the session"),
        Binding(
            "c",
            "cancel_session",
            "Cancel/restore",
            id="week.cancel",
            show=False,
            tooltip="Cancel the session, or restore a cancelled one",
        ),
        Binding(
            "i",
            "import_timetable",
            "Import",
            id="week.import",
            tooltip="Import or update the timetable from a CSV file",
        ),
        Binding(
            "t",
            "team",
            "Team",
            id="week.team",
            tooltip="The team: add, edit, lead peer, who is using this laptop",
        ),
        Binding(
            "s",
            "lines",
            "Lines & scope",
            id="week.lines",
            tooltip="Lines of enquiry with their guiding questions, and the scope",
        ),
        Binding(
            "r",
            "report_texts",
            "Report texts",
            id="week.report_texts",
            show=False,
            tooltip="The lead peer's texts for the report and feedback; mark final",
        ),
        Binding(
            "u",
            "audit",
            "Audit log",
            id="week.audit",
            show=False,
            tooltip="Exports, deliveries, guard acceptances and purges",
        ),
        Binding(
            "m",
            "only_mine",
            "My sessions",
            id="week.mine",
            tooltip="Show only the sessions I am timetabled for, or every session again",
        ),
        Binding(
            "p",
            "side_panel",
            "Side panel",
            id="week.side",
            show=False,
            tooltip="Show or hide the lines of enquiry and the team",
        ),
        Binding(
            "escape",
            "app.home",
            "Engagements",
            id="week.home",
            tooltip="Back to the list of engagements",
        ),
    ]
    FIXED = {"Time": 11, "Kind": 12, "Peers": 8, "Notes by": 9}  # the title takes the rest
    WIDE = 110  # below this many columns the side panel starts hidden

    @dataclass
    class Changed(Message):
        """A write finished: reload the week, and say what happened."""

        summary: str = ""
        form: tuple | None = None  # (heading, values, problems) to reopen a form with

    @dataclass
    class Loaded(Message):
        week: Week
        mark: tuple[int, str] | None = None  # the change log's end when it was read
        quiet: bool = False  # the same week as shown (the store's records for the light ones)

    def __init__(
        self,
        store: Store | None,
        week: Week | None = None,
        *,
        path: Path | None = None,
        mark: tuple[int, str] | None = None,
        painted: Callable[[], None] | None = None,
    ) -> None:
        """`store`: opened by the app, which closes it when the engagement is left; `week`:
        already read with it (in the app's worker), so the first paint needs no second trip.
        Without a store (start-up): `week` was read by the light reader from `path` when the
        change log ended at `mark`; `painted` is called once it is on screen, and the app
        hands the store over with `store_ready`."""
        super().__init__()
        # None only until the app hands the store over (`store_ready`); every action that
        # uses it waits for it (`LightStart.NEEDS_STORE`), so it is typed as always there.
        self.store: Store = store  # type: ignore[assignment]
        self.path: Path = store.path if store is not None else Path(path or "")
        self.week: Week | None = None
        self._first = week
        self._first_mark = mark
        self._painted = painted
        self._waiting: list[Callable[[], object]] = []  # actions asked for before the store
        self.me: str | None = None
        self.only_mine = False
        self.side_shown: bool | None = None  # None: by the terminal's width
        self._mark: tuple[int, str] | None = None  # the change log's end when last read
        self._later: list[tuple[DataTable, object]] = []  # days to fill after the first paint
        self._stale: set[int] = set()  # days to fill again the next time they are shown

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(self.path.name, id="title", markup=False)
        with Horizontal(id="body"):
            yield LoadingIndicator()
            yield TabbedContent(id="days")
            with VerticalScroll(id="side"):
                yield Static(id="sidebar")
        yield Static("", id="coverage", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = self.path.name
        if self._first is not None:
            self.post_message(self.Loaded(self._first, self._first_mark))
        elif self.store is not None:
            self.load()

    def on_screen_resume(self) -> None:
        if self.week is not None and self.store is not None:
            self.load(when_changed=True)

    # The reload is exclusive within its own group only: an exclusive worker cancels every
    # worker of its group, and the week reloads whenever a dialog closes, which is exactly
    # when the dialog's save has just started. Writes run in the "write" group, never cancelled.
    @work(
        thread=True,
        exclusive=True,
        group="load",
        exit_on_error=False,
        description="open the engagement",
    )
    def load(self, when_changed: bool = False, swap: bool = False) -> None:
        """`when_changed`: only if something was written since the week was last read;
        `swap`: always read, but redraw only if something was."""
        from onsite.store.evidence_sql import change_mark
        from onsite.week.view import load_week

        if self.store is None:
            return
        mark = change_mark(self.store)
        if when_changed and self.week is not None and mark == self._mark:
            return  # back from another screen, nothing written since: the week stands
        self.post_message(
            self.Loaded(load_week(self.store), mark, quiet=swap and mark == self._mark)
        )

    @on(Loaded)
    async def show_week(self, message: Loaded) -> None:
        first_load = self.week is None
        self.week = week = message.week
        self.me = week.me
        if message.mark is not None:
            self._mark = message.mark
        if message.quiet and not first_load:
            self._show_coverage(week)  # the light read left it out
            self._run_waiting()  # the records the actions take are the store's now
            return
        engagement = week.engagement
        last = week.days[-1].date if week.days else engagement.start
        self.sub_title = engagement.name
        dates = f"{engagement.start:%a %d %b} – {last:%a %d %b %Y}"
        self.query_one("#title", Static).update(
            title_line(engagement.name, engagement.system, dates)
        )
        if first_load:
            await self.query_one(LoadingIndicator).remove()
            tabs = self.query_one("#days", TabbedContent)
            shown = week.today()
            for plan, table in self._day_tables(week, shown):
                tables = [table] if table is not None else []
                await tabs.add_pane(TabPane(plan.label, *tables, id=f"tab-{plan.day}"))
            self.action_go_day(shown)
            self.post_message(self.Shown())
            self.call_after_refresh(self._after_first_paint)
        else:
            self._later = []  # filled here with the newer week
            self._refill()
        self.query_one("#sidebar", Static).update(_sidebar(week))
        self._show_coverage(week)
        if self.store is not None and not first_load:
            self._run_waiting()

    @property
    def peers(self) -> list[Peer]:
        """The engagement's peers, once the week is loaded."""
        return self.week.peers if self.week is not None else []

    def _title_width(self) -> int:
        """The session title takes the width the other columns leave (each has 2 of padding)."""
        side = self.query_one("#side").outer_size.width if self.query_one("#side").display else 0
        width = (self.size.width or 80) - side - 2
        return max(16, width - sum(self.FIXED.values()) - 2 * (len(self.FIXED) + 1))

    def _columns(self, table: DataTable) -> None:
        table.clear(columns=True)
        for name in ("Time", "Kind", "Session", "Peers", "Notes by"):
            table.add_column(
                name, key=name, width=self._title_width() if name == "Session" else self.FIXED[name]
            )

    @property
    def day_shown(self) -> int:
        """The day whose tab is open (1 before the days are up)."""
        return int(self.query_one(TabbedContent).active.removeprefix("tab-") or 1)

    def _refill(self) -> None:
        """The week, the width or the filter changed: the day on screen is filled again now,
        each other day the next time it is shown (a table measures every row it is given)."""
        if self.week is not None:
            self._stale = {plan.day for plan in self.week.days}
            self._day_table(self.day_shown)

    def _day_table(self, day: int) -> DataTable:
        """The day's table: made the first time the day is shown, and filled again if the
        week changed since it was last shown."""
        try:
            table = self.query_one(f"#day-{day}", DataTable)
        except NoMatches:
            table = self._new_table(day)
            self.query_one(f"#tab-{day}", TabPane).mount(table)
            self._stale.add(day)
        if day in self._stale and self.week is not None:
            self._stale.discard(day)
            self._fill(table, next(plan for plan in self.week.days if plan.day == day))
        return table

    def _fill(self, table: DataTable, plan, upto: int | None = None) -> None:
        cursor = table.cursor_row
        table.clear()
        initials = next((p.initials for p in self.peers if p.id == self.me), None)
        lines = [
            line for line in plan.sessions if not self.only_mine or self.me in line.session.peer_ids
        ]
        for line in lines[:upto]:
            s = line.session
            mine = self.me in s.peer_ids
            style = "strike dim" if s.cancelled else "bold" if mine else ""
            peers = Text(line.peers, no_wrap=True, overflow="ellipsis")
            if mine and initials:  # my sessions, marked so I can find them at a glance
                peers.highlight_words([initials], style="bold reverse")
            notes = "cancelled" if s.cancelled else line.authors or "—"
            # a long title wraps onto a second line rather than losing its words
            table.add_row(
                f"{s.start}–{s.end}" if s.end else s.start,
                s.kind,
                Text(s.title, style=style),
                peers,
                Text(notes, no_wrap=True, overflow="ellipsis"),
                key=s.id,
                height=None,
            )
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def on_resize(self) -> None:
        side = self.query_one("#side")
        side.display = (
            self.side_shown if self.side_shown is not None else self.size.width >= self.WIDE
        )
        self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        """Rebuild the columns for the new width (a few dozen rows: cheap)."""
        if self.week is None:
            return
        narrowed = False
        for table in self.query("#days DataTable").results(DataTable):
            if table.columns[ColumnKey("Session")].width != self._title_width():
                self._columns(table)
                narrowed = True
        if narrowed:
            self._refill()

    def action_side_panel(self) -> None:
        side = self.query_one("#side")
        self.side_shown = not side.display
        side.display = self.side_shown
        self.call_after_refresh(self._refit)

    @on(TabbedContent.TabActivated)
    def _focus_day(self, event: TabbedContent.TabActivated) -> None:
        self._day_table(int((event.pane.id or "").removeprefix("tab-"))).focus()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open_session(event.row_key.value)

    def action_open_session(self) -> None:
        session = self.current_session()
        if session is not None:
            self.open_session(session.id)

    def open_session(self, session_id: str) -> None:
        from screens.session import SessionScreen

        if self.store is not None:
            self.app.push_screen(SessionScreen(self.store, session_id))

    def current_session(self):
        table = self.focused if isinstance(self.focused, DataTable) else None
        if self.week is None or table is None or not table.row_count:
            return None
        session_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        for plan in self.week.days:
            for line in plan.sessions:
                if line.session.id == session_id:
                    return line.session
        return None

    def action_search(self) -> None:
        from screens.search import SearchScreen

        if self.store is not None:
            self.app.push_screen(SearchScreen(self.store))

    def action_findings(self) -> None:
        from screens.findings import FindingsScreen

        if self.store is not None:
            self.app.push_screen(FindingsScreen(self.store))

    def action_audit(self) -> None:
        from screens.audit import AuditScreen

        if self.store is not None:
            self.app.push_screen(AuditScreen(self.store))

    def action_report_texts(self) -> None:
        from screens.report_texts import ReportTextsScreen

        if self.store is not None:
            self.app.push_screen(ReportTextsScreen(self.store))

    def action_library(self) -> None:
        from screens.library import LibraryScreen

        if self.store is not None:
            self.app.push_screen(LibraryScreen(self.store))

    def action_team(self) -> None:
        from screens.team import TeamScreen

        if self.store is not None:
            self.app.push_screen(TeamScreen(self.store))

    def action_lines(self) -> None:
        from screens.lines import LinesScreen

        if self.store is not None:
            self.app.push_screen(LinesScreen(self.store))

    @on(Changed)
    def _changed(self, message: Changed) -> None:
        if message.form is not None:
            heading, values, session, problems = message.form
            self._open_form(heading, values, session, problems)
            return
        if message.summary:
            self.notify(message.summary)
        self.load()

    def action_day(self, step: int) -> None:
        if self.week:
            self.action_go_day(min(max(self.day_shown + step, 1), len(self.week.days)))

    def action_go_day(self, day: int) -> None:
        if self.week and 1 <= day <= len(self.week.days):
            self.query_one(TabbedContent).active = f"tab-{day}"
            self._day_table(day).focus()


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
