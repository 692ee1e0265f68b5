"""A peer-to-peer series: its sessions (dates weeks or months apart), each session's notes
and summary (saved as you type), and the running list of issues."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Static, TextArea

from screens.base import OnsiteScreen, title_line
from screens.widgets.footer import KeysFooter
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from textual.worker import Worker

    from onsite.model import SeriesIssue, SeriesSession
    from onsite.store.db import Store


class SeriesScreen(OnsiteScreen):
    BINDINGS = [
        Binding(
            "f2",
            "add_session",
            "New session",
            id="series.session",
            tooltip="Add the next session: its date and title",
        ),
        Binding(
            "f3",
            "add_issue",
            "New issue",
            id="series.issue",
            tooltip="Add an issue to the running list (raised in the highlighted session)",
        ),
        Binding(
            "m",
            "move",
            "Move issue on",
            id="series.move",
            tooltip="Raised → shared understanding → solution explored",
        ),
        Binding(
            "f4",
            "export",
            "Export",
            id="series.export",
            tooltip="Export the highlighted session's summary and the series summary",
        ),
        Binding("escape", "back", "Back", id="series.back", tooltip="Back to the engagements"),
    ]

    @dataclass
    class Loaded(Message):
        sessions: list[SeriesSession]
        issues: list[SeriesIssue]

    @dataclass
    class Done(Message):
        text: str

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.sessions: list[SeriesSession] = []
        self.issues: list[SeriesIssue] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="title", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield DataTable(id="sessions", cursor_type="row")
                yield DataTable(id="issues", cursor_type="row")
            with Vertical(id="right"):
                notes = TextArea("", id="notes", soft_wrap=True)
                notes.border_title = "The team's notes of this session (for the team)"
                yield notes
                summary = TextArea("", id="summary", soft_wrap=True)
                summary.border_title = "Summary of this session (for system leaders)"
                yield summary
                yield Static("", id="status")
        yield KeysFooter()

    def on_mount(self) -> None:
        from screens.texts import Texts

        self.sub_title = "Peer-to-peer support"
        self.query_one("#sessions", DataTable).add_columns("", "Date", "Session")
        self.query_one("#issues", DataTable).add_columns("", "Where it stands", "Issue")
        self.texts = Texts[int](self, ("notes", "summary"))
        self.load_title()
        self.load()

    @work(thread=True, exit_on_error=False, group="title", description="load the engagement")
    def load_title(self) -> None:
        e = self.store.engagement()
        self.app.call_from_thread(
            self.query_one("#title", Static).update,
            title_line(e.name, e.system),
        )

    @work(thread=True, exit_on_error=False, group="save", description="save the session")
    def save_texts(self, number, changed: dict[str, str]) -> None:
        from onsite.after import series

        with self.texts.lock:
            series.write(self.store, number, **changed)

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="load",
        description="load the series",
    )
    def load(self) -> None:
        from onsite.after import series

        self.post_message(self.Loaded(series.sessions(self.store), series.issues(self.store)))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.sessions, self.issues = message.sessions, message.issues
        table = self.query_one("#sessions", DataTable)
        if [k.value for k in table.rows] != [str(s.number) for s in self.sessions]:
            table.clear()
            for s in self.sessions:
                table.add_row(str(s.number), f"{s.held:%d %b %Y}", s.title, key=str(s.number))
            if self.sessions:
                table.move_cursor(row=len(self.sessions) - 1)
                self._show(self.sessions[-1].number)
        issues = self.query_one("#issues", DataTable)
        row = issues.cursor_row
        issues.clear()
        for n, i in enumerate(self.issues, 1):
            issues.add_row(str(n), i.stage, i.text)
        if self.issues:
            issues.move_cursor(row=min(row, len(self.issues) - 1))
        if not self.sessions:
            self.query_one("#status", Static).update("No sessions yet: F2 adds the first.")

    @on(DataTable.RowHighlighted, "#sessions")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is None:
            return
        number = int(event.row_key.value)
        if number != self.texts.key:
            self._show(number)

    def _show(self, number: int) -> None:
        s = next(s for s in self.sessions if s.number == number)
        self.texts.show(number, {"notes": s.notes, "summary": s.summary})
        self.query_one("#status", Static).update(
            f"Session {number}, {s.held:%a %d %b %Y}: saved as you type."
        )

    def flush(self) -> Worker | None:
        return self.texts.flush()

    def on_screen_suspend(self) -> None:
        self.flush()

    def action_back(self) -> None:
        self.flush()
        self.app.action_home()

    def _ask(self, question: str, placeholder: str, then) -> None:
        from screens.dialogs import AskDialog

        self.app.push_screen(
            AskDialog(question, placeholder=placeholder),
            lambda answer: then(answer) if answer else None,
        )

    def action_add_session(self) -> None:
        self._ask(
            "The next session: date; title",
            "2026-10-20; Testing our understanding",
            self.add_session,
        )

    @work(thread=True, exit_on_error=False, group="save", description="add the session")
    def add_session(self, answer: str) -> None:
        from datetime import date

        from onsite.after import series

        day, _, title = answer.partition(";")
        try:
            held = date.fromisoformat(day.strip())
        except ValueError:
            raise ValueError(f"'{day.strip()}' is not a date like 2026-10-20") from None
        series.add_session(self.store, held, title)
        self.post_message(self.Done(""))

    def action_add_issue(self) -> None:
        self._ask("An issue for the running list", "What the issue is", self.add_issue)

    @work(thread=True, exit_on_error=False, group="save", description="add the issue")
    def add_issue(self, text: str) -> None:
        from onsite.after import series

        series.add_issue(self.store, text, self.texts.key)
        self.post_message(self.Done(""))

    def action_move(self) -> None:
        from onsite.model import ISSUE_STAGES

        issues = self.query_one("#issues", DataTable)
        if not self.issues:
            return
        n = issues.cursor_row + 1
        stage = self.issues[n - 1].stage
        later = ISSUE_STAGES[min(ISSUE_STAGES.index(stage) + 1, len(ISSUE_STAGES) - 1)]
        if later == stage:
            self.notify("Already at solution explored.")
            return
        self.move(n, later)

    @work(thread=True, exit_on_error=False, group="save", description="move the issue on")
    def move(self, n: int, stage: str) -> None:
        from onsite.after import series

        series.move(self.store, n, stage)
        self.post_message(self.Done(f"Issue {n}: {stage}"))

    @on(Done)
    def _done(self, message: Done) -> None:
        if message.text:
            self.notify(message.text)
        self.load()

    def action_export(self) -> None:
        from screens.dialogs import AskDialog

        self.flush()

        def answered(folder: str | None) -> None:
            if folder:
                self.export(Path(folder).expanduser())

        self.app.push_screen(
            AskDialog(
                "Export this session's summary and the series summary to the folder:",
                str(self.store.path.parent),
            ),
            answered,
        )

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="export",
        description="export the series summaries",
    )
    def export(self, folder: Path) -> None:
        from onsite.after import series
        from screens.follow_up_common import export_outputs

        outputs = series.outputs(self.store)
        if self.texts.key is not None:
            outputs = series.outputs(self.store, self.texts.key) + outputs
        self.post_message(self.Done(export_outputs(self.store, folder, outputs)))
