"""The week: one tab per on-site day with its sessions, and the lines of enquiry and team.

The week is first read without the database layer (`onsite.store.light`), so it is on
screen as soon as a bare Textual app would be; the full store (SQLAlchemy, SQLModel) is
opened in a worker after that first paint. What a person asks for before it is open (a
session, the board, a form) waits for it and then happens.
"""

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
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, LoadingIndicator, Static, TabbedContent, TabPane

from screens.base import OnsiteScreen

if TYPE_CHECKING:
    from onsite.store.cipher import Key
    from onsite.store.db import Store
    from onsite.store.light import WeekReader
    from onsite.week.view import Week


FIRST_ROWS = 40  # rows of the day shown put in before the first paint (a tall screen's worth)


class WeekScreen(OnsiteScreen):
    CSS_PATH = "week.tcss"
    BINDINGS = [
        Binding("enter", "open_session", "Open session", id="week.open", show=False),
        Binding("left_square_bracket", "day(-1)", "Previous day", id="week.previous_day"),
        Binding("right_square_bracket", "day(1)", "Next day", id="week.next_day"),
        *(Binding(str(d), f"go_day({d})", f"Day {d}", id=f"week.day{d}", show=False)
          for d in range(1, 10)),
        Binding("slash", "search", "Search", id="week.search", tooltip="Search everything written"),
        Binding("l", "library", "Reading", id="week.library", tooltip="The pre-reading library"),
        Binding("f", "findings", "Findings", id="week.findings",
                tooltip="The findings board: strengths and areas for consideration"),
        Binding("a", "add_session", "Add", id="week.add", tooltip="Add a session"),
        Binding("e", "edit_session", "Edit", id="week.edit", tooltip="Edit or move the session"),
        Binding("c", "cancel_session", "Cancel/restore", id="week.cancel", show=False,
                tooltip="Cancel the session, or restore a cancelled one"),
        Binding("i", "import_timetable", "Import", id="week.import",
                tooltip="Import or update the timetable from a CSV file"),
        Binding("r", "report_texts", "Report texts", id="week.report_texts", show=False,
                tooltip="The lead peer's texts for the report and feedback; mark final"),
        Binding("u", "audit", "Audit log", id="week.audit", show=False,
                tooltip="Exports, deliveries, guard acceptances and purges"),
        Binding("escape", "app.home", "Engagements", id="week.home",
                tooltip="Back to the list of engagements"),
    ]

    @dataclass
    class Changed(Message):
        """A write finished: reload the week, and say what happened."""

        summary: str = ""
        form: tuple | None = None  # (heading, values, problems) to reopen a form with

    @dataclass
    class Loaded(Message):
        store: Store | None  # None: read by the light reader; the store opens next
        week: Week
        reader: WeekReader | None = None

    class Shown(Message):
        """The week's sessions are on screen for the first time (start-up benchmarks wait
        for it)."""

    @dataclass
    class StoreOpened(Message):
        store: Store

    def __init__(self, path: Path, store: Store | None = None, key: Key | None = None) -> None:
        """`store`: already open; `key`: an encrypted engagement's, from its passphrase."""
        super().__init__()
        self.path = path
        self.week: Week | None = None
        self.store: Store | None = None
        self._opened = store
        self._key = key
        self._waiting: list[Callable[[], None]] = []
        self._later: list[tuple[DataTable, object]] = []  # days to fill after the first paint
        self._mark: tuple[int, str] | None = None  # the change log's end when last read

    def compose(self) -> ComposeResult:
        week = self._read_now()
        yield Header()
        yield Static(self.path.name, id="title", markup=False)
        with Horizontal(id="body"):
            if week is None:
                yield LoadingIndicator()
                yield TabbedContent(id="days")
            else:
                yield self._tabs(week)
            with VerticalScroll(id="side"):
                yield Static(id="sidebar")
        yield Static("", id="coverage", markup=False)
        yield Footer()

    def _read_now(self) -> Week | None:
        """The week read here, on the UI thread, while nothing is on screen yet: the light
        reader takes a few tens of milliseconds even at scale 10, far less than painting a
        loading indicator and then the week (two layouts of the whole screen). None where
        only the store may open the file (an upgrade): then a worker opens it."""
        if self._opened is not None:
            return None
        from onsite.store.errors import StoreError
        from onsite.store.light import open_week
        from onsite.week.view import load_week

        try:
            reader = open_week(self.path, self._key)
            if reader is None:
                return None
            try:
                self.week = load_week(reader)
            finally:
                reader.close()
        except (StoreError, OSError):
            return None  # the worker's store reports it, in an error dialog
        self.app.opening = reader
        return self.week

    def _tabs(self, week: Week) -> TabbedContent:
        """One tab per day; only the day shown is filled before the first paint (at scale 10
        each day holds 120 sessions); the other days are filled just after it."""
        shown = week.today()
        tabs = TabbedContent(id="days", initial=f"tab-{shown}")
        self._later = []
        for plan in week.days:
            table = DataTable(id=f"day-{plan.day}", cursor_type="row", zebra_stripes=True)
            table.add_column("Time")
            table.add_column("Kind")
            table.add_column("Session", width=34)
            table.add_column("Peers")
            table.add_column("Notes")
            if plan.day == shown:
                # A screenful first: at scale 10 the day holds 120 sessions, and the table
                # measures every row it is given before it can paint.
                self._fill(table, plan, upto=FIRST_ROWS)
                if len(plan.sessions) > FIRST_ROWS:
                    self._later.append((table, plan))
            else:
                self._later.append((table, plan))
            tabs.compose_add_child(TabPane(plan.label, table, id=f"tab-{plan.day}"))
        return tabs

    def on_mount(self) -> None:
        self.sub_title = self.path.name
        if self.week is None:
            self.load()
        else:
            self._show_details(self.week)
            self.action_go_day(self.week.today())
            self.post_message(self.Shown())
            self.call_after_refresh(self._after_first_paint, True)

    def on_screen_resume(self) -> None:
        if self.store is not None:
            self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, description="open the engagement")
    def load(self) -> None:
        from onsite.week.view import load_week

        store = self.store or self._opened
        if store is None:
            from onsite.store.light import open_week

            reader = open_week(self.path, self._key)
            if reader is not None:
                try:
                    week = load_week(reader)
                finally:
                    reader.close()
                self.post_message(self.Loaded(None, week, reader))
                return
            from onsite.store.db import Store  # an upgrade, or a file the reader cannot take

            store = Store.open(self.path, key=self._key)
        from onsite.store.evidence_sql import change_mark

        mark = change_mark(store)
        if self.week is not None and mark == self._mark:
            return  # back from another screen, nothing written since: the week stands
        self._mark = mark
        self.post_message(self.Loaded(store, load_week(store)))

    @work(thread=True, exit_on_error=False, group="store", description="open the engagement")
    def open_store(self) -> None:
        """The full store, for writing: its import runs once the week is on screen."""
        from onsite.store.db import Store
        from onsite.store.evidence_sql import change_mark

        store = Store.open(self.path, key=self._key)
        self._mark = change_mark(store)  # nothing is written before the store opens
        if not self.post_message(self.StoreOpened(store)):
            store.close()  # the screen closed meanwhile

    @on(StoreOpened)
    def _store_opened(self, message: StoreOpened) -> None:
        if not self.is_attached or self.store is not None:
            message.store.close()
            return
        self.store = message.store
        self.app.opening = None
        self.app.store = message.store
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()

    def when_open(self, action: Callable[[], None]) -> None:
        """Do it now if the store is open, else as soon as it is (nothing asked is dropped)."""
        if self.store is not None:
            action()
        elif self.week is not None:
            self._waiting.append(action)

    @on(Loaded)
    async def show_week(self, message: Loaded) -> None:
        first_load = self.week is None
        self.week = message.week
        if message.store is not None:
            self.store = message.store
            self.app.store = message.store
        else:
            self.app.opening = message.reader
        week = message.week
        if first_load:
            await self.query_one(LoadingIndicator).remove()
            await self.query_one("#days", TabbedContent).remove()
            await self.query_one("#body").mount(self._tabs(week), before="#side")
            self.action_go_day(week.today())
            self.post_message(self.Shown())
            self.call_after_refresh(self._after_first_paint, message.store is None)
        else:
            for plan in week.days:
                self._fill(self.query_one(f"#day-{plan.day}", DataTable), plan)
        self._show_details(week)

    def _show_details(self, week: Week) -> None:
        engagement = week.engagement
        last = week.days[-1].date if week.days else engagement.start
        self.sub_title = engagement.name
        self.query_one("#title", Static).update(
            f"{engagement.name}  ·  {engagement.system or ''}  ·  "
            f"{engagement.start:%a %d %b} – {last:%a %d %b %Y}"
        )
        self.query_one("#sidebar", Static).update(_sidebar(week))
        self.query_one("#coverage", Static).update("Coverage: " + week.coverage.gaps())

    def _after_first_paint(self, open_store: bool) -> None:
        later, self._later = self._later, []
        for table, plan in later:
            self._fill(table, plan)
        if open_store:
            # After the paint, not with it: the import shares the interpreter lock with the
            # UI thread, and would slow the first paint it is meant to follow.
            self.set_timer(0.05, self.open_store)

    @staticmethod
    def _fill(table: DataTable, plan, upto: int | None = None) -> None:
        cursor = table.cursor_row
        table.clear()
        for line in plan.sessions[:upto]:
            s = line.session
            style = "strike dim" if s.cancelled else ""
            table.add_row(
                f"{s.start}–{s.end}" if s.end else s.start, s.kind,
                Text(s.title, style=style, overflow="ellipsis", no_wrap=True), line.peers, line.state, key=s.id,
            )
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    @on(TabbedContent.TabActivated)
    def _focus_day(self, event: TabbedContent.TabActivated) -> None:
        self.query_one(f"#day-{event.pane.id.removeprefix('tab-')}", DataTable).focus()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.open_session(event.row_key.value)

    def action_open_session(self) -> None:
        session = self.current_session()
        if session is not None:
            self.open_session(session.id)

    def open_session(self, session_id: str) -> None:
        from screens.session import SessionScreen

        self.when_open(lambda: self.app.push_screen(SessionScreen(self.store, session_id)))

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

        self.when_open(lambda: self.app.push_screen(SearchScreen(self.store)))

    def action_findings(self) -> None:
        from screens.findings import FindingsScreen

        self.when_open(lambda: self.app.push_screen(FindingsScreen(self.store)))

    def action_audit(self) -> None:
        from screens.audit import AuditScreen

        self.when_open(lambda: self.app.push_screen(AuditScreen(self.store)))

    def action_report_texts(self) -> None:
        from screens.report_texts import ReportTextsScreen

        self.when_open(lambda: self.app.push_screen(ReportTextsScreen(self.store)))

    def action_library(self) -> None:
        from screens.library import LibraryScreen

        self.when_open(lambda: self.app.push_screen(LibraryScreen(self.store)))

    def action_add_session(self) -> None:
        if self.week is None:
            return
        day = self.query_one(TabbedContent).active.removeprefix("tab-")
        self.when_open(lambda: self._open_form("Add a session", {"day": day, "kind": "interview"},
                                               None))

    def action_edit_session(self) -> None:
        session = self.current_session()
        if session is None:
            return
        self.when_open(lambda: self._edit_form(session))

    def _edit_form(self, session) -> None:
        initials = {p.id: p.initials for p in self.week.peers}
        values = dict(day=str(session.day), start=session.start, end=session.end, kind=session.kind,
                      title=session.title, location=session.location,
                      peers="; ".join(initials.get(i, "") for i in session.peer_ids))
        self._open_form("Edit or move the session", values, session)

    def _open_form(self, heading: str, values: dict, session, problems=None) -> None:
        from screens.dialogs import SessionForm

        def done(answer: dict | None) -> None:
            if answer is not None:
                self.save_session(heading, answer, session)

        self.app.push_screen(SessionForm(heading, values, problems), done)

    @work(thread=True, exit_on_error=False, description="save the session")
    def save_session(self, heading: str, form: dict, session) -> None:
        from onsite.week.sessions import FormError, save_session

        session = self._stored(session)
        try:
            saved = save_session(self.store, form, session)
        except FormError as e:
            self.post_message(self.Changed(form=(heading, form, session, e.problems)))
            return
        self.post_message(self.Changed(f"Saved: day {saved.day} {saved.start} {saved.title}"))

    def _stored(self, session):
        """The stored record behind a session of the week (the week may have been read by
        the light reader, whose records are not the model)."""
        from onsite.model import Session

        if session is None or isinstance(session, Session):
            return session
        return self.store.get(Session, session.id)

    def action_cancel_session(self) -> None:
        session = self.current_session()
        if session is not None:
            self.when_open(lambda: self.toggle_cancelled(session))

    @work(thread=True, exit_on_error=False, description="cancel the session")
    def toggle_cancelled(self, session) -> None:
        from onsite.week.sessions import set_cancelled

        session = self._stored(session)
        set_cancelled(self.store, session, not session.cancelled)
        state = "Cancelled" if session.cancelled else "Restored"
        self.post_message(self.Changed(f"{state}: {session.title}"))

    def action_import_timetable(self) -> None:
        from screens.dialogs import AskDialog

        def chosen(path: str | None) -> None:
            if path:
                self.import_timetable(path)

        self.when_open(lambda: self.app.push_screen(AskDialog(
            "Timetable CSV to import (saved from Excel):",
            placeholder="a path; ~ is your home folder"), chosen))

    @work(thread=True, exclusive=True, exit_on_error=False, description="import the timetable")
    def import_timetable(self, path: str) -> None:
        from onsite.week import timetable
        from onsite.store.files import StoreError

        csv_path = Path(path).expanduser()
        if not csv_path.is_file():
            raise StoreError(f"{csv_path}: no such file")
        self.app.call_from_thread(self.notify, f"Importing {csv_path.name}…")
        try:
            result = timetable.import_file(self.store, csv_path)
        except timetable.TimetableError as e:
            shown = "\n".join(str(err) for err in e.errors[:30])
            more = f"\n… and {len(e.errors) - 30} more" if len(e.errors) > 30 else ""
            raise StoreError(f"Nothing was imported. {len(e.errors)} bad row(s):\n{shown}{more}") from None
        self.post_message(self.Changed(
            f"Imported {csv_path.name}: {result.added} added, {result.updated} updated, "
            f"{result.unchanged} unchanged"))

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
