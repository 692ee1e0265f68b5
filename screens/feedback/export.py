"""The export pane: the folder and formats, the attribution guard's hits to fix or accept as
the lead peer, and a log of what was written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Checkbox, DataTable, Input, Label, Static

from screens.base import WorkerErrors
from screens.dialogs import ErrorDialog
from screens.feedback.dialogs import FixDialog
from screens.feedback.host import feedback_screen

if TYPE_CHECKING:
    from onsite.confidential.clearance import Flag
    from onsite.leaders.export import ExportResult
    from onsite.store.db import Store

FORMAT_LABELS = (
    ("md", "Markdown"),
    ("html", "HTML"),
    ("docx", "Word"),
    ("pptx", "Slides (PowerPoint)"),
    ("xlsx", "Action plan (Excel)"),
    ("json", "JSON archive"),
)


class ExportPane(WorkerErrors, Vertical):
    @dataclass
    class Progress(Message):
        text: str
        done: int
        total: int

    @dataclass
    class Done(Message):
        result: ExportResult

    @dataclass
    class Flags(Message):
        """The guard's hits: the export stopped, or the hits after a fix or an acceptance."""

        flags: list[Flag]
        stopped: bool = True
        note: str = ""

    @dataclass
    class Blocked(Message):
        """Nothing written: warnings the lead must resolve before system leaders see anything."""

        reasons: list[str]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.flags: list[Flag] = []
        self.result: ExportResult | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="bar"):
            yield Label("Folder ")
            yield Input(str(self.store.path.parent), id="folder")
            yield Button("Export", id="export", variant="primary")
        with Container(id="formats"):  # three a row: six in one row would not fit 80 columns
            for key, label in FORMAT_LABELS:
                yield Checkbox(label, value=True, id=f"fmt-{key}")
        yield Label(
            "Attribution guard: fix each hit, or accept it as the lead peer", classes="heading"
        )
        yield DataTable(id="hits", cursor_type="row", zebra_stripes=True)
        with Horizontal(classes="buttons"):
            yield Button("Fix…", id="fix", disabled=True)
            yield Button("Accept", id="accept", disabled=True)
            yield Button("Accept all", id="accept-all", disabled=True)
        with VerticalScroll(id="export-log-scroll"):
            yield Static("", id="export-log", markup=False)

    def on_mount(self) -> None:
        self.query_one("#hits", DataTable).add_columns(
            "Where", "Line", "Col", "Words", "Why", "Accepted"
        )

    @on(Button.Pressed, "#export")
    def _export_pressed(self) -> None:
        formats = [key for key, _ in FORMAT_LABELS if self.query_one(f"#fmt-{key}", Checkbox).value]
        folder = Path(self.query_one("#folder", Input).value.strip() or ".").expanduser()
        self.query_one("#export-log", Static).update("")
        update = feedback_screen(
            self
        ).update_pane  # what the lead has typed goes out with the export
        if not folder.exists():  # offered to be created, rather than refused
            from screens.forms import PreviewDialog

            def create(yes: bool | None) -> None:
                if yes:
                    try:
                        folder.mkdir(parents=True, exist_ok=True)
                    except OSError as e:
                        self.notify(
                            f"{folder}: cannot be created ({e.strerror})",
                            severity="error",
                            markup=False,
                        )
                        return
                    self.run_export(folder, formats, update, update.pending() if update else [])

            self.app.push_screen(
                PreviewDialog(
                    f"{folder} does not exist. Create it and export "
                    "there? (a applies, Escape cancels)",
                    [],
                    empty="",
                ),
                create,
            )
            return
        self.run_export(folder, formats, update, update.pending() if update else [])

    @work(thread=True, exclusive=True, exit_on_error=False, group="export", description="export")
    def run_export(self, folder: Path, formats: list[str], update, pending: list) -> None:
        from onsite.confidential.clearance import GuardStopped
        from onsite.leaders.export import ExportBlocked, export

        if update is not None and not update.save_first(pending):
            return

        def progress(text: str, done: int, total: int) -> None:
            self.post_message(self.Progress(text, done, total))

        try:
            result = export(self.store, folder, formats, progress)
        except GuardStopped as stopped:
            self.post_message(self.Flags(stopped.flags))
            return
        except ExportBlocked as blocked:
            self.post_message(self.Blocked([str(w) for w in blocked.warnings]))
            return
        self.post_message(self.Done(result))

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        message.stop()
        log = self.query_one("#export-log", Static)
        log.update(f"{log.content}[{message.done}/{message.total}] {message.text}\n")

    @on(Done)
    def _exported(self, message: Done) -> None:
        message.stop()
        result = self.result = message.result
        self._show_flags(result.accepted)
        lines = [f"Wrote {len(result.written)} file(s) to {result.folder}:"]
        lines += [f"  {w}" for w in result.written]
        lines += [f"  ! {w}" for w in result.warnings]
        lines += result.notes
        log = self.query_one("#export-log", Static)
        log.update(f"{log.content}" + "\n".join(lines))
        self.notify(f"Exported {len(result.written)} file(s).")

    @on(Flags)
    def _flags(self, message: Flags) -> None:
        message.stop()
        self._show_flags(message.flags)
        if message.note:
            self.notify(message.note)
        if message.stopped:
            self.query_one("#export-log", Static).update(
                f"Nothing written: the attribution guard found {len(message.flags)} place(s) that "
                "could identify a participant. Fix each, or accept it as the lead peer, then "
                "export again."
            )

    @on(Blocked)
    def _blocked(self, message: Blocked) -> None:
        message.stop()
        reasons = "\n".join(f"  ! {r}" for r in message.reasons)
        # Kept in the log after the dialog closes, so the lead can work down the list.
        self.query_one("#export-log", Static).update(
            "Nothing written: resolve these in the Feedback tab (or the lead's texts, F2), "
            f"then export again:\n{reasons}"
        )
        self.app.push_screen(
            ErrorDialog(
                "Export blocked",
                "Nothing is written for system leaders until these are resolved:\n" + reasons,
            )
        )

    def _show_flags(self, flags: list[Flag]) -> None:
        self.flags = flags
        table = self.query_one("#hits", DataTable)
        table.clear()
        for i, f in enumerate(flags):
            table.add_row(
                f.source.label,
                str(f.hit.line),
                str(f.hit.column),
                f.hit.shown,
                f.hit.kind,
                "yes" if f.accepted else "",
                key=str(i),
            )
        blocking = [f for f in flags if f.accepted is None]
        for button in ("#fix", "#accept", "#accept-all"):
            self.query_one(button, Button).disabled = not blocking

    def _selected_flag(self) -> Flag | None:
        table = self.query_one("#hits", DataTable)
        if not table.row_count or not self.flags:
            return None
        return self.flags[table.cursor_row]

    @on(Button.Pressed, "#accept")
    def _accept_one(self) -> None:
        flag = self._selected_flag()
        if flag is not None and flag.accepted is None:
            self.accept_flags([flag])

    @on(Button.Pressed, "#accept-all")
    def _accept_all(self) -> None:
        self.accept_flags([f for f in self.flags if f.accepted is None])

    @work(thread=True, exclusive=True, exit_on_error=False, group="export", description="accept")
    def accept_flags(self, flags: list[Flag]) -> None:
        from onsite.confidential import clearance

        lead = clearance.lead_peer(self.store)
        clearance.accept(self.store, flags, lead.id, reason="accepted in the app")
        sources = {f.source.key: f.source for f in self.flags}.values()
        self.post_message(
            self.Flags(
                clearance.check(self.store, sources),
                note=(f"Accepted {len(flags)} hit(s) as {lead.name}; export again."),
            )
        )

    @on(Button.Pressed, "#fix")
    def _fix(self) -> None:
        flag = self._selected_flag()
        if flag is None:
            return

        def done(text: str | None) -> None:
            if text is not None:
                self.fix_source(flag, text)

        self.app.push_screen(FixDialog(flag), done)

    @work(
        thread=True, exclusive=True, exit_on_error=False, group="export", description="fix the text"
    )
    def fix_source(self, flag: Flag, text: str) -> None:
        from onsite.confidential import clearance
        from onsite.confidential.clearance import Source

        clearance.fix(self.store, flag.source, text)
        sources = [
            Source(s.key, s.label, text if s.key == flag.source.key else s.text)
            for s in {f.source.key: f.source for f in self.flags}.values()
        ]
        self.post_message(
            self.Flags(
                clearance.check(self.store, sources),
                note=("Fixed; export again when every hit is fixed or accepted."),
            )
        )
