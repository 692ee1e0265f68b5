"""Lines of enquiry and the scope. a adds, e renames (the old name stays a #tag), q edits the
guiding questions, u / d move a line up or down, r retires or restores, s edits the scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static

from screens.base import OnsiteScreen
from screens.forms import FormAnswer, FormDialog, SetupTextDialog
from screens.widgets.footer import KeysFooter
from screens.widgets.markdown_view import MarkdownView
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from onsite.model import Theme
    from onsite.store.db import Store


class LinesScreen(OnsiteScreen):
    BINDINGS = [
        Binding("a", "add", "Add", id="lines.add", tooltip="Add a line of enquiry"),
        Binding(
            "e",
            "rename",
            "Rename",
            id="lines.rename",
            tooltip="Rename the line; its old name still works as a #tag",
        ),
        Binding(
            "q",
            "questions",
            "Questions",
            id="lines.questions",
            tooltip="The line's guiding questions, one a line",
        ),
        Binding("u", "move(-1)", "Up", id="lines.up", tooltip="Move the line up"),
        Binding("d", "move(1)", "Down", id="lines.down", tooltip="Move the line down"),
        Binding(
            "r",
            "retire",
            "Retire/restore",
            id="lines.retire",
            tooltip="Retire the line (its evidence is kept) or restore it",
        ),
        Binding("s", "scope", "Scope", id="lines.scope", tooltip="Edit the scope (Markdown)"),
        Binding("escape", "app.pop_screen", "Back", id="lines.back"),
    ]

    @dataclass
    class Loaded(Message):
        themes: list[Theme]
        scope: str

    @dataclass
    class Changed(Message):
        summary: str = ""
        select: str = ""  # the line to highlight afterwards
        form: tuple | None = None

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.themes: list[Theme] = []
        self.scope = ""
        self._select = ""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="body"):
            yield DataTable(id="lines", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="side"):
                yield Static("", id="questions", markup=False)
                yield MarkdownView("", id="scope")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Lines of enquiry and scope"
        self.query_one(DataTable).add_columns("#", "Line of enquiry", "Tags")
        self.load()

    @work(
        thread=True,
        exclusive=True,
        group="load",
        exit_on_error=False,
        description="list the lines of enquiry",
    )
    def load(self) -> None:
        themes = self.store.themes(include_retired=True)
        live = [t for t in themes if not t.retired] + [t for t in themes if t.retired]
        self.post_message(self.Loaded(live, self.store.engagement().scope))

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        self.themes, self.scope = message.themes, message.scope
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for n, t in enumerate(self.themes, start=1):
            table.add_row(
                "-" if t.retired else str(n),
                t.name + (" (retired)" if t.retired else ""),
                " ".join("#" + k for k in (t.key, *t.aliases)),
                key=t.id,
            )
        if self._select:
            row = next((i for i, t in enumerate(self.themes) if t.id == self._select), row)
            self._select = ""
        if self.themes:
            table.move_cursor(row=min(row, len(self.themes) - 1))
        self.query_one("#scope", MarkdownView).update(
            "## Scope\n\n" + (self.scope.strip() or "*No scope yet: press s to write it.*")
        )
        if not self.themes:
            self.query_one("#questions", Static).update(
                "No lines of enquiry yet: press a to add one."
            )
        table.focus()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        from onsite.engagement.themes import questions

        theme = self.current()
        if theme is not None:
            asked = questions(theme)
            self.query_one("#questions", Static).update(
                f"{theme.name}\n"
                + (
                    "\n".join(f"  ? {q}" for q in asked)
                    if asked
                    else "  No guiding questions yet: press q."
                )
            )

    def current(self) -> Theme | None:
        table = self.query_one(DataTable)
        if not self.themes or table.cursor_row >= len(self.themes):
            return None
        return self.themes[table.cursor_row]

    def action_add(self) -> None:
        self._form("Add a line of enquiry", None, "", "")

    def action_rename(self) -> None:
        theme = self.current()
        if theme is not None:
            self._form(f"Rename {theme.name}", theme, theme.name, "")

    def _form(
        self, heading: str, theme: Theme | None, name: str, problem: str, question: str = ""
    ) -> None:
        fields = [("name", "Name", name)]
        if theme is None:
            fields.append(("question", "Guiding question", question))

        def done(answer: FormAnswer | None) -> None:
            if answer is not None:
                self.save(heading, theme, answer)

        self.app.push_screen(FormDialog(heading, fields, problem=problem), done)

    @work(thread=True, exit_on_error=False, description="save the line of enquiry")
    def save(self, heading: str, theme: Theme | None, answer: FormAnswer) -> None:
        from onsite.engagement import themes

        try:
            if theme is None:
                question = answer.text("question").strip()
                saved = themes.add(self.store, answer.text("name"), [question] if question else [])
            else:
                saved = themes.rename(self.store, theme, answer.text("name"))
        except ValueError as e:
            self.post_message(self.Changed(form=(heading, theme, answer, str(e))))
            return
        self.post_message(self.Changed(f"Saved {saved.name} (#{saved.key}).", saved.id))

    @on(Changed)
    def _changed(self, message: Changed) -> None:
        if message.form is not None:
            heading, theme, answer, problem = message.form
            self._form(heading, theme, answer.text("name"), problem, answer.text("question"))
            return
        if message.summary:
            self.notify(message.summary)
        self._select = message.select
        self.load()

    def action_questions(self) -> None:
        from onsite.engagement.themes import questions

        theme = self.current()
        if theme is None:
            return

        def done(text: str | None) -> None:
            if text is not None:
                self.save_questions(theme, text)

        self.app.push_screen(
            SetupTextDialog(
                f"Guiding questions for {theme.name}, one a line", "\n".join(questions(theme))
            ),
            done,
        )

    @work(thread=True, exit_on_error=False, description="save the guiding questions")
    def save_questions(self, theme: Theme, text: str) -> None:
        from onsite.engagement import themes

        themes.set_questions(self.store, theme, text.splitlines())
        self.post_message(self.Changed(f"Saved the questions for {theme.name}.", theme.id))

    def action_move(self, step: int) -> None:
        theme = self.current()
        if theme is not None and not theme.retired:
            self.move(theme, step)

    @work(thread=True, exit_on_error=False, description="move the line of enquiry")
    def move(self, theme: Theme, step: int) -> None:
        from onsite.engagement import themes

        themes.move(self.store, theme, step)
        self.post_message(self.Changed("", theme.id))

    def action_retire(self) -> None:
        theme = self.current()
        if theme is not None:
            self.retire(theme)

    @work(thread=True, exit_on_error=False, description="retire the line of enquiry")
    def retire(self, theme: Theme) -> None:
        from onsite.engagement import themes

        themes.retire(self.store, theme, not theme.retired)
        self.post_message(
            self.Changed(
                f"{theme.name}: "
                + ("retired; its evidence is kept." if theme.retired else "restored."),
                theme.id,
            )
        )

    def action_scope(self) -> None:
        def done(text: str | None) -> None:
            if text is not None:
                self.save_scope(text)

        self.app.push_screen(
            SetupTextDialog("The scope, as agreed with the system (Markdown)", self.scope), done
        )

    @work(thread=True, exit_on_error=False, description="save the scope")
    def save_scope(self, text: str) -> None:
        engagement = self.store.engagement()
        self.store.update(engagement, scope=text.strip() + "\n" if text.strip() else "")
        self.post_message(self.Changed("Scope saved."))
