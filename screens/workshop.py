"""The integration workshop, live: the ratings as a heat map (areas of integration by
ambition, capacity, capability and commitment), a key press to rate the highlighted cell,
the discussion behind each rating, the shared analysis and the next steps with owners."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static

from screens.base import OnsiteScreen, title_line
from screens.widgets.footer import KeysFooter
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from onsite.after.workshop import Row
    from onsite.model import NextStep
    from onsite.store.db import Store


class WorkshopScreen(OnsiteScreen):
    BINDINGS = [
        *(
            Binding(
                str(n),
                f"rate({n})",
                "Rate 1-5" if n == 1 else f"Rate {n}",
                id=f"workshop.rate{n}",
                show=n == 1,
                tooltip="Rate the highlighted cell: 1 not yet … 5 strong",
            )
            for n in range(1, 6)
        ),
        Binding(
            "d",
            "discussion",
            "Discussion",
            id="workshop.discussion",
            tooltip="What was said behind the highlighted rating",
        ),
        Binding(
            "f2", "analysis", "Analysis", id="workshop.analysis", tooltip="The shared analysis"
        ),
        Binding(
            "f3",
            "step",
            "Next step",
            id="workshop.step",
            tooltip="Add an agreed next step with its owner",
        ),
        Binding(
            "f4",
            "export",
            "Export",
            id="workshop.export",
            tooltip="Export the workshop summary with the ratings chart",
        ),
        Binding("escape", "back", "Back", id="workshop.back", tooltip="Back to the week"),
    ]

    @dataclass
    class Loaded(Message):
        rows: list[Row]
        analysis: str
        steps: list[NextStep]

    @dataclass
    class Done(Message):
        text: str

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.rows: list[Row] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="title", markup=False)
        with Horizontal(id="body"):
            yield DataTable(id="grid", cursor_type="cell")
            with VerticalScroll(id="side"):
                yield Static("", id="cell")
                yield Static("", id="analysis")
                yield Static("", id="steps")
        yield Static("", id="legend")
        yield KeysFooter()

    def on_mount(self) -> None:
        from onsite.after.workshop import COLOURS, SCORES

        self.sub_title = "Integration workshop"
        self.load_title()
        legend = Text("Rate the highlighted cell: ")
        for n, word in SCORES.items():
            legend.append(f" {n} {word} ", style=f"black on {COLOURS[n]}")
            legend.append(" ")
        self.query_one("#legend", Static).update(legend)
        self.load()

    @work(thread=True, exit_on_error=False, group="title", description="load the engagement")
    def load_title(self) -> None:
        e = self.store.engagement()
        self.app.call_from_thread(
            self.query_one("#title", Static).update,
            title_line(e.name, e.system, f"{e.start:%a %d %b %Y}"),
        )

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="load",
        description="load the workshop",
    )
    def load(self) -> None:
        from onsite.after import workshop

        self.post_message(
            self.Loaded(
                workshop.grid(self.store), workshop.analysis(self.store), workshop.steps(self.store)
            )
        )

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        from onsite.after.workshop import COLOURS
        from onsite.model import WORKSHOP_DIMENSIONS

        self.rows = message.rows
        table = self.query_one(DataTable)
        where = table.cursor_coordinate
        # Columns as wide as the longest area's name, said rather than measured: the table
        # measures its cells when it is next idle, and a picture taken before then showed
        # the names cut at the heading's width.
        area = max([len("Area of integration"), *(len(row.area.name) for row in self.rows)])
        table.clear(columns=True)
        table.add_column("Area of integration", key="area", width=area)
        for d in WORKSHOP_DIMENSIONS:
            table.add_column(d.capitalize(), key=d, width=len(d))
        for row in self.rows:
            cells = [
                Text(
                    f"  {row.score(d) or '-'}  ",
                    style=f"black on {COLOURS[row.score(d)]}",
                    justify="center",
                )
                for d in WORKSHOP_DIMENSIONS
            ]
            table.add_row(row.area.name, *cells, key=row.area.key)
        if self.rows:
            table.cursor_coordinate = where if where.column else where._replace(column=1)
        self.query_one("#analysis", Static).update(
            "[b]Shared analysis[/b] (F2)\n"
            + (escape(message.analysis) or "[dim]not written yet[/dim]")
        )
        steps = "\n".join(
            f"{s.position + 1}. {escape(s.text)} [dim]({escape(s.owner or 'owner to agree')}"
            f"{'; ' + escape(s.due) if s.due else ''})[/dim]"
            for s in message.steps
        )
        self.query_one("#steps", Static).update(
            "\n[b]Agreed next steps[/b] (F3)\n" + (steps or "[dim]none yet[/dim]")
        )
        self._show_cell()

    def _cell(self):
        """(row, dimension) under the cursor, or None on the area column."""
        from onsite.model import WORKSHOP_DIMENSIONS

        table = self.query_one(DataTable)
        c = table.cursor_coordinate
        if not self.rows or c.row >= len(self.rows) or c.column == 0:
            return None
        return self.rows[c.row], WORKSHOP_DIMENSIONS[c.column - 1]

    @on(DataTable.CellHighlighted)
    def _show_cell(self) -> None:
        from onsite.after.workshop import SCORES

        found = self._cell()
        panel = self.query_one("#cell", Static)
        if found is None:
            panel.update("Move to a rating (arrow keys), then press 1-5.")
            return
        row, d = found
        r = row.ratings[d]
        score = f"{r.score} ({SCORES[r.score]})" if r and r.score else "not rated"
        panel.update(
            f"[b]{escape(row.area.name)}, {d}[/b]: {score}\n"
            + (
                escape(r.discussion)
                if r and r.discussion
                else "[dim]No discussion noted (d).[/dim]"
            )
            + "\n"
        )

    def action_rate(self, score: int) -> None:
        found = self._cell()
        if found is not None:
            self.rate(found[0].area.key, found[1], score, None)

    @work(thread=True, exit_on_error=False, group="save", description="save the rating")
    def rate(self, area: str, dimension: str, score: int | None, discussion: str | None) -> None:
        from onsite.after import workshop

        workshop.rate(self.store, area, dimension, score, discussion)
        self.post_message(self.Done(""))

    @on(Done)
    def _done(self, message: Done) -> None:
        if message.text:
            self.notify(message.text)
        self.load()

    @on(DataTable.CellSelected)
    def action_discussion(self) -> None:
        from screens.follow_up_common import FollowUpTextDialog

        found = self._cell()
        if found is None:
            return
        row, d = found
        r = row.ratings[d]

        def done(text: str | None) -> None:
            if text is not None:
                self.rate(row.area.key, d, None, text)

        self.app.push_screen(
            FollowUpTextDialog(f"{row.area.name}, {d}: the discussion", r.discussion if r else ""),
            done,
        )

    @work(thread=True, exit_on_error=False, group="analysis", description="load the analysis")
    def action_analysis(self) -> None:
        from onsite.after import workshop

        self.app.call_from_thread(self._edit_analysis, workshop.analysis(self.store))

    def _edit_analysis(self, text: str) -> None:
        from screens.follow_up_common import FollowUpTextDialog

        def done(text: str | None) -> None:
            if text is not None:
                self.save_analysis(text)

        self.app.push_screen(FollowUpTextDialog("The shared analysis", text), done)

    @work(thread=True, exit_on_error=False, group="save", description="save the analysis")
    def save_analysis(self, text: str) -> None:
        from onsite.after import workshop

        workshop.set_analysis(self.store, text)
        self.post_message(self.Done("Saved the shared analysis."))

    def action_step(self) -> None:
        from screens.dialogs import AskDialog

        def done(answer: str | None) -> None:
            if answer:
                text, _, rest = answer.partition(";")
                owner, _, due = rest.partition(";")
                self.add_step(text, owner, due)

        self.app.push_screen(
            AskDialog(
                "Next step; owner; by when (owner and date optional)",
                placeholder="Agree one dashboard; ICB director of strategy; September",
            ),
            done,
        )

    @work(thread=True, exit_on_error=False, group="save", description="add the next step")
    def add_step(self, text: str, owner: str, due: str) -> None:
        from onsite.after import workshop

        workshop.add_step(self.store, text, owner, due)
        self.post_message(self.Done("Next step agreed."))

    def action_export(self) -> None:
        from screens.dialogs import AskDialog

        def chosen(folder: str | None) -> None:
            if folder:
                self.export(Path(folder).expanduser())

        self.app.push_screen(
            AskDialog("Export the workshop summary to the folder:", str(self.store.path.parent)),
            chosen,
        )

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="export",
        description="export the workshop summary",
    )
    def export(self, folder: Path) -> None:
        from onsite.after import workshop
        from screens.follow_up_common import export_outputs

        text = export_outputs(self.store, folder, workshop.outputs(self.store))
        self.post_message(self.Done(text))

    def action_back(self) -> None:
        self.app.pop_screen()
