"""The progress review, recommendation by recommendation: the original text, the system's
action plan row and its own RAG rating, beside the team's rating, what has changed and the
evidence (saved as you type). The lead writes the introduction and next steps here and
exports the progress review report."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Label, Select, Static, TextArea

from screens.base import OnsiteScreen
from screens.widgets.footer import KeysFooter
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from textual.worker import Worker

    from onsite.after.review import Item
    from onsite.store.db import Store

SAVE_EVERY = 0.5
RAG_STYLE = {
    "red": "white on red",
    "amber": "black on dark_orange",
    "green": "black on green",
    "blue": "white on blue",
    "": "dim",
}
RAG_CHOICES = [
    ("Red", "red"),
    ("Amber", "amber"),
    ("Green", "green"),
    ("Blue (complete)", "blue"),
    ("Not rated", ""),
]


def rag_cell(value: str) -> Text:
    return Text(f" {value or '-':^6} ", style=RAG_STYLE.get(value, ""))


class ProgressScreen(OnsiteScreen):
    BINDINGS = [
        Binding(
            "escape", "back", "Back", id="progress.back", tooltip="Save and go back to the week"
        ),
        Binding(
            "f2",
            "introduction",
            "Introduction",
            id="progress.introduction",
            tooltip="The lead's introduction to the progress review report",
        ),
        Binding(
            "f3",
            "next_steps",
            "Next steps",
            id="progress.next_steps",
            tooltip="The lead's next steps for the report",
        ),
        Binding(
            "f4",
            "export",
            "Export",
            id="progress.export",
            tooltip="Export the progress review report (Markdown, HTML, Word)",
        ),
        Binding(
            "f5",
            "import_plan",
            "Action plan",
            id="progress.import_plan",
            tooltip="Import the system's action plan (.xlsx): its rows and RAG ratings",
        ),
    ]

    @dataclass
    class Loaded(Message):
        items: list[Item]
        name: str  # the engagement's, for the title

    @dataclass
    class Done(Message):
        text: str

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.items: list[Item] = []
        self.current: int | None = None  # the recommendation number in the form
        self.saved: dict[str, str] = {}  # what the form held when last saved
        self._lock = threading.Lock()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="title", markup=False)
        with Horizontal(id="body"):
            yield DataTable(id="recommendations", cursor_type="row", zebra_stripes=True)
            with Vertical(id="detail"):
                with VerticalScroll(id="original-scroll"):
                    yield Static("", id="original")
                with Horizontal(id="rating"):
                    yield Label("The team's rating")
                    yield Select(RAG_CHOICES, id="rag", allow_blank=False, value="")
                changed = TextArea("", id="changed", soft_wrap=True)
                changed.border_title = "What has changed"
                yield changed
                evidence = TextArea("", id="evidence", soft_wrap=True)
                evidence.border_title = "Evidence: what the team saw, read and heard"
                yield evidence
                yield Static("", id="status")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Progress review"
        table = self.query_one(DataTable)
        table.add_column("", key="label")
        table.add_column("System", key="system")
        table.add_column("Team", key="team")
        table.add_column("Recommendation", key="text")
        self.set_interval(SAVE_EVERY, self._tick)
        self.load()

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="load",
        description="load the progress review",
    )
    def load(self) -> None:
        from onsite.after import review

        self.post_message(self.Loaded(review.items(self.store), self.store.engagement().name))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.items = message.items
        self.query_one("#title", Static).update(
            f"{message.name}  ·  {len(self.items)} recommendations"
        )
        table = self.query_one(DataTable)
        keys = [str(it.progress.number) for it in self.items]
        if [k.value for k in table.rows] == keys:
            # ratings changed in place: clearing the table would move the cursor, and the
            # form with it, under the peer's typing
            for it, key in zip(self.items, keys):
                table.update_cell(key, "system", rag_cell(it.progress.system_rag))
                table.update_cell(key, "team", rag_cell(it.progress.team_rag))
            if self.current is None and self.items:  # an import changed what the form shows
                self._show(self.items[min(table.cursor_row, len(self.items) - 1)])
            return
        table.clear()
        for it, key in zip(self.items, keys):
            p = it.progress
            table.add_row(
                it.label,
                rag_cell(p.system_rag),
                rag_cell(p.team_rag),
                Text(" ".join(it.recommendation.text.split()), overflow="ellipsis", no_wrap=True),
                key=key,
            )
        if self.items and self.current is None:
            self._show(self.items[0])

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is None:
            return
        number = int(event.row_key.value)
        if number != self.current:
            self.flush()
            self._show(next(it for it in self.items if it.progress.number == number))

    def _show(self, it: Item) -> None:
        from onsite.after.review_report import RAG_WORDS

        p = it.progress
        self.current = p.number
        plan = [
            f"[b]{label}:[/b] {value}"
            for label, value in (
                ("Actions", p.actions),
                ("Lead", p.lead),
                ("Oversight forum", p.forum),
                ("Milestones", p.milestones),
                ("Success measures", p.measures),
            )
            if value
        ]
        from rich.markup import escape

        self.query_one("#original", Static).update(
            f"[b]{it.label}.[/b] {escape(' '.join(it.recommendation.text.split()))}\n\n"
            f"[b]The system's own rating:[/b] {RAG_WORDS.get(p.system_rag, p.system_rag)}\n"
            + (
                "\n".join(escape(x).replace("\\[b]", "[b]").replace("\\[/b]", "[/b]") for x in plan)
                if plan
                else "No action plan row imported yet."
            )
        )
        self.query_one("#rag", Select).value = p.team_rag
        for name, text in (("changed", p.changed), ("evidence", p.evidence)):
            area = self.query_one(f"#{name}", TextArea)
            area.load_text(text)
            area.move_cursor(area.document.end)  # carry on writing where the text ends
        self.saved = {"team_rag": p.team_rag, "changed": p.changed, "evidence": p.evidence}
        self.query_one("#status", Static).update("Saved as you type.")

    def _form(self) -> dict[str, str]:
        rag = self.query_one("#rag", Select).value
        return {
            "team_rag": rag if isinstance(rag, str) else "",
            "changed": self.query_one("#changed", TextArea).text,
            "evidence": self.query_one("#evidence", TextArea).text,
        }

    def _pending(self) -> dict[str, str]:
        if self.current is None:
            return {}
        return {k: v for k, v in self._form().items() if v != self.saved.get(k)}

    def _tick(self) -> None:
        pending = self._pending()
        if pending:
            self.saved.update(pending)
            self.save(self.current, pending)

    @on(Select.Changed, "#rag")
    def _rag_changed(self) -> None:
        self._tick()

    @work(thread=True, exit_on_error=False, group="save", description="save the progress")
    def save(self, number: int, fields: dict[str, str]) -> None:
        self._save(number, fields)
        self.post_message(self.Done(""))

    def _save(self, number: int, fields: dict[str, str]) -> None:
        from onsite.after import review

        with self._lock:
            review.record(
                self.store,
                number,
                rag=fields.get("team_rag"),
                changed=fields.get("changed"),
                evidence=fields.get("evidence"),
            )

    @on(Done)
    def _done(self, message: Done) -> None:
        if message.text:
            self.notify(message.text)
        else:
            self.query_one("#status", Static).update("Saved.")
        self.load()

    def flush(self) -> Worker | None:
        """Save now, in a worker: on leaving, on another recommendation, on quitting. The
        worker (to wait for) or None."""
        pending = self._pending()
        if not pending:
            return None
        self.saved.update(pending)
        return self.save(self.current, pending)

    def on_screen_suspend(self) -> None:
        self.flush()

    async def action_back(self) -> None:
        saving = self.flush()
        if saving is not None:
            await saving.wait()  # written before the screen (and its workers) goes
        self.app.pop_screen()

    # -- the lead's texts and the export ---------------------------------------------------

    @work(thread=True, exit_on_error=False, group="section", description="load the text")
    def edit_section(self, name: str) -> None:
        from onsite.after import review

        self.app.call_from_thread(self._edit_section, name, review.section(self.store, name))

    def _edit_section(self, name: str, text: str) -> None:
        from screens.follow_up_common import FollowUpTextDialog

        def done(text: str | None) -> None:
            if text is not None:
                self.write_section(name, text)

        self.app.push_screen(FollowUpTextDialog(f"The report's {name}", text), done)

    def action_introduction(self) -> None:
        self.edit_section("introduction")

    def action_next_steps(self) -> None:
        self.edit_section("next steps")

    @work(thread=True, exit_on_error=False, group="save", description="save the text")
    def write_section(self, name: str, text: str) -> None:
        from onsite.after import review

        review.write_section(self.store, name, text)
        self.post_message(self.Done(f"Saved the {name}."))

    def action_import_plan(self) -> None:
        from screens.dialogs import AskDialog

        self.flush()

        def answered(path: str | None) -> None:
            if path:
                self.import_plan(Path(path).expanduser())

        self.app.push_screen(
            AskDialog(
                "The system's action plan (.xlsx) to import:",
                placeholder=str(self.store.path.parent / "action plan.xlsx"),
            ),
            answered,
        )

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="export",
        description="import the action plan",
    )
    def import_plan(self, path: Path) -> None:
        from onsite.after import plan

        done = plan.import_plan(self.store, path)
        missing = (
            f"; not in the plan: {', '.join(f'R{n}' for n in done.missing)}" if done.missing else ""
        )
        self.post_message(self.Reshow())  # first: the load that Done starts shows the new row
        self.post_message(
            self.Done(f"Imported {path.name}: {len(done.recommendations)} recommendations{missing}")
        )

    class Reshow(Message):
        """The plan changed under the form: show the current recommendation afresh."""

    @on(Reshow)
    def _reshow(self) -> None:
        self.current = None  # the next load shows the first recommendation's new plan row

    def action_export(self) -> None:
        from screens.dialogs import AskDialog

        self.flush()

        def chosen(folder: str | None) -> None:
            if folder:
                self.export(Path(folder).expanduser())

        self.app.push_screen(
            AskDialog(
                "Export the progress review report to the folder:", str(self.store.path.parent)
            ),
            chosen,
        )

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="export",
        description="export the progress review report",
    )
    def export(self, folder: Path) -> None:
        from onsite.after import review_report
        from screens.follow_up_common import export_outputs

        self.post_message(
            self.Done(export_outputs(self.store, folder, review_report.outputs(self.store)))
        )
