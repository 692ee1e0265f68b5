"""The wash-up, the final feedback (with the lead's choices) and the report, each a pane that
compiles its own preview when it is opened or shown again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, DataTable, Label, Static

from screens.base import WorkerErrors
from screens.feedback.dialogs import TextDialog
from screens.feedback.host import feedback_screen
from screens.widgets.markdown_view import MarkdownView

if TYPE_CHECKING:
    from onsite.model import Finding, Recommendation
    from onsite.store.db import Store


class PreviewPane(WorkerErrors, VerticalScroll):
    """A Markdown preview compiled in a worker: the wash-up and the report."""

    MARKDOWN_ID = ""

    @dataclass
    class Compiled(Message):
        markdown: str
        of: tuple  # (the change log's end, the day) it was compiled at

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._of: tuple | None = None  # what the preview shown was compiled at

    def compose(self) -> ComposeResult:
        yield MarkdownView("", id=self.MARKDOWN_ID)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.compile(feedback_screen(self).day)

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="preview",
        description="compile the preview",
    )
    def compile(self, day: int) -> None:
        from onsite.store.evidence_sql import change_mark

        of = (change_mark(self.store), day)
        if of == self._of:
            return  # nothing written since (the tab chosen again): the preview stands
        self.post_message(self.Compiled(self.build_markdown(day), of))

    def build_markdown(self, day: int) -> str:
        raise NotImplementedError

    @on(Compiled)
    def _show(self, message: Compiled) -> None:
        message.stop()
        self._of = message.of
        self.query_one(MarkdownView).update(message.markdown)


class WashupPane(PreviewPane):
    MARKDOWN_ID = "washup"

    def build_markdown(self, day: int) -> str:
        from onsite.leaders.daily import washup

        return washup(self.store, day)


class ReportPane(PreviewPane):
    MARKDOWN_ID = "report-preview"

    def build_markdown(self, day: int) -> str:
        from onsite.leaders.feedback import compile_feedback
        from onsite.leaders.report import report_markdown

        return report_markdown(self.store, compile_feedback(self.store))


@dataclass(frozen=True)
class ItemRow:
    finding: Finding
    included: bool
    theme: str
    text: str
    support: str


class FeedbackPane(WorkerErrors, Horizontal):
    """The feedback as it stands, and the lead's edits: which findings, in what order, in
    what words; key messages and next steps; the recommendations and what they rest on."""

    @dataclass
    class Compiled(Message):
        feedback: str
        warnings: list[str]
        items: list[ItemRow]
        sections: dict[str, str]
        recommendations: list[Recommendation]
        stored_sections: dict[str, str]  # the lead's own words; empty: Onsite's draft
        of: tuple[int, str] | None = None  # the change log's end it was compiled at

    def __init__(self, store: Store) -> None:
        super().__init__(classes="work")
        self.store = store
        self._of: tuple[int, str] | None = None  # what the pane shown was compiled at
        self.items: list[ItemRow] = []
        self.recommendations: list[Recommendation] = []
        self.sections: dict[str, str] = {}
        self.stored_sections: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="feedback-scroll"):
            yield Static("", id="warnings", markup=False)
            yield MarkdownView("", id="feedback-preview")
        with Vertical(id="feedback-edit"):
            yield Label("Findings: in the feedback or not, in order", classes="heading")
            yield DataTable(id="items", cursor_type="row", zebra_stripes=True)
            with Horizontal(classes="buttons"):
                yield Button("In / out", id="item-toggle")
                yield Button("Up", id="item-up")
                yield Button("Down", id="item-down")
                yield Button("Reword…", id="item-reword")
            with Horizontal(classes="buttons"):
                yield Button("Key messages…", id="key-messages")
                yield Button("Next steps…", id="next-steps")
            yield Label("Recommendations", classes="heading")
            yield DataTable(id="recs", cursor_type="row", zebra_stripes=True)
            with Horizontal(classes="buttons"):
                yield Button("Add…", id="rec-add")
                yield Button("Reword…", id="rec-reword")
                yield Button(
                    "Rests on finding",
                    id="rec-link",
                    tooltip="Link or unlink the highlighted finding",
                )
                yield Button("Up", id="rec-up")
                yield Button("Down", id="rec-down")
                yield Button("Remove", id="rec-remove", variant="error")

    def on_mount(self) -> None:
        self.query_one("#items", DataTable).add_columns(
            "", "Line of enquiry", "Kind", "Status", "Evidence", "Wording"
        )
        self.query_one("#recs", DataTable).add_columns("", "Findings", "Recommendation")
        self.reload()

    def reload(self) -> None:
        self.compile(when_changed=True)

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="feedback",
        description="compile the feedback",
    )
    def compile(self, when_changed: bool = False) -> None:
        from onsite.store.evidence_sql import change_mark

        if when_changed and self._of is not None and change_mark(self.store) == self._of:
            return  # nothing written since (the tab chosen again): the pane stands
        self.post_message(self._compiled())

    def _compiled(self) -> Compiled:
        from onsite.leaders.feedback import compile_feedback
        from onsite.leaders.report import feedback_markdown
        from onsite.store.evidence_sql import change_mark

        of = change_mark(self.store)  # before reading: a write meanwhile compiles again
        fb = compile_feedback(self.store)
        rows = []
        for theme in fb.themes:
            chosen = [*theme.strengths, *theme.areas]
            others = [i for i in fb.candidates if i.finding.theme_key == theme.theme.key]
            for item in [*chosen, *others]:
                rows.append(
                    ItemRow(
                        item.finding,
                        item.included,
                        theme.theme.name,
                        item.text,
                        item.support.triangulation if item.support.excerpts else "no evidence",
                    )
                )
        sections = {"key messages": fb.key_messages, "next steps": fb.next_steps}
        stored = {key: s.body for key, s in self.store.feedback_sections().items()}
        return self.Compiled(
            feedback_markdown(fb),
            [str(w) for w in fb.warnings],
            rows,
            sections,
            self.store.recommendations(),
            stored,
            of,
        )

    @on(Compiled)
    def _show(self, message: Compiled) -> None:
        message.stop()
        self._of = message.of
        self.query_one("#feedback-preview", MarkdownView).update(message.feedback)
        self.items, self.sections = message.items, message.sections
        self.stored_sections = message.stored_sections
        table = self.query_one("#items", DataTable)
        row = table.cursor_row
        table.clear()
        for r in message.items:
            table.add_row(
                "in" if r.included else "",
                r.theme,
                r.finding.polarity,
                r.finding.status,
                r.support,
                " ".join(r.text.split())[:80],
                key=r.finding.id,
            )
        if message.items:
            table.move_cursor(row=min(row, len(message.items) - 1))
        self.recommendations = message.recommendations
        recs = self.query_one("#recs", DataTable)
        row = recs.cursor_row
        recs.clear()
        for r in message.recommendations:
            recs.add_row(
                f"R{r.number}", str(len(r.finding_ids)), " ".join(r.text.split())[:80], key=r.id
            )
        if message.recommendations:
            recs.move_cursor(row=min(row, len(message.recommendations) - 1))
        warnings = message.warnings
        self.query_one("#warnings", Static).update(
            ("Before export:\n" + "\n".join(f"  ! {w}" for w in warnings))
            if warnings
            else "No warnings: every recommendation rests on agreed, triangulated findings."
        )

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="feedback",
        description="change the feedback",
    )
    def edit_feedback(self, change, *args) -> None:
        change(self.store, *args)
        self.post_message(self._compiled())

    # -- the findings in the feedback ------------------------------------------------------

    def _item(self) -> ItemRow | None:
        table = self.query_one("#items", DataTable)
        if not table.row_count or not self.items:
            return None
        return self.items[min(table.cursor_row, len(self.items) - 1)]

    @on(Button.Pressed, "#item-toggle")
    def _toggle(self) -> None:
        from onsite.leaders import feedback

        row = self._item()
        if row is not None:
            self.edit_feedback(feedback.include, row.finding, not row.included)

    @on(Button.Pressed, "#item-up")
    def _up(self) -> None:
        self._move(-1)

    @on(Button.Pressed, "#item-down")
    def _down(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        from onsite.leaders import feedback

        row = self._item()
        if row is not None and row.included:
            self.edit_feedback(feedback.move, row.finding, step)
            table = self.query_one("#items", DataTable)
            table.move_cursor(row=max(0, table.cursor_row + step))

    @on(Button.Pressed, "#item-reword")
    def _reword(self) -> None:
        from onsite.leaders import feedback

        row = self._item()
        if row is None:
            return

        def done(text: str | None) -> None:
            if text is not None:
                self.edit_feedback(feedback.reword, row.finding, text.strip())
            else:
                self.reload()  # cancelled: the words were put back

        self.app.push_screen(
            TextDialog(
                "How the feedback words this finding (the finding itself is unchanged; empty: its "
                "own words)",
                row.text,
                self.store,
                FeedbackText("wording", row.text, finding=row.finding),
            ),
            done,
        )

    @on(Button.Pressed, "#key-messages")
    def _key_messages(self) -> None:
        self._section("key messages")

    @on(Button.Pressed, "#next-steps")
    def _next_steps(self) -> None:
        self._section("next steps")

    def _section(self, key: str) -> None:
        from onsite.leaders import feedback

        def done(text: str | None) -> None:
            if text is not None:
                self.edit_feedback(feedback.save_section, key, text)
            else:
                self.reload()

        self.app.push_screen(
            TextDialog(
                f"{key.capitalize()} (empty: Onsite's draft)",
                self.sections.get(key, ""),
                self.store,
                FeedbackText("section", self.stored_sections.get(key, ""), key=key),
            ),
            done,
        )

    # -- recommendations -------------------------------------------------------------------

    def _rec(self) -> Recommendation | None:
        table = self.query_one("#recs", DataTable)
        if not table.row_count or not self.recommendations:
            return None
        return self.recommendations[min(table.cursor_row, len(self.recommendations) - 1)]

    @on(Button.Pressed, "#rec-add")
    def _rec_add(self) -> None:
        from onsite.leaders import feedback

        row = self._item()

        def done(text: str | None) -> None:
            if text and text.strip():
                self.edit_feedback(
                    feedback.add_recommendation, text, [row.finding.id] if row else []
                )

        self.app.push_screen(
            TextDialog(
                "A new recommendation (it will rest on the highlighted "
                "finding; link more with Rests on finding)",
                "",
            ),
            done,
        )

    @on(Button.Pressed, "#rec-reword")
    def _rec_reword(self) -> None:
        from onsite.leaders import feedback

        rec = self._rec()
        if rec is None:
            return

        def done(text: str | None) -> None:
            if text and text.strip():
                self.edit_feedback(feedback.reword_recommendation, rec, text)
            else:
                self.reload()

        self.app.push_screen(
            TextDialog(
                f"R{rec.number}",
                rec.text,
                self.store,
                FeedbackText("recommendation", rec.text, rec=rec),
            ),
            done,
        )

    @on(Button.Pressed, "#rec-link")
    def _rec_link(self) -> None:
        from onsite.leaders import feedback

        rec, row = self._rec(), self._item()
        if rec is not None and row is not None:
            self.edit_feedback(
                feedback.link, rec, row.finding, row.finding.id not in rec.finding_ids
            )
            self.notify(
                f"R{rec.number} "
                + ("no longer rests on" if row.finding.id in rec.finding_ids else "now rests on")
                + f": {row.text[:60]}"
            )

    @on(Button.Pressed, "#rec-up")
    def _rec_up(self) -> None:
        self._rec_move(-1)

    @on(Button.Pressed, "#rec-down")
    def _rec_down(self) -> None:
        self._rec_move(1)

    def _rec_move(self, step: int) -> None:
        from onsite.leaders import feedback

        rec = self._rec()
        if rec is not None:
            self.edit_feedback(feedback.move_recommendation, rec, step)
            table = self.query_one("#recs", DataTable)
            table.move_cursor(row=max(0, table.cursor_row + step))

    @on(Button.Pressed, "#rec-remove")
    def _rec_remove(self) -> None:
        from onsite.leaders import feedback

        rec = self._rec()
        if rec is not None:
            self.edit_feedback(feedback.remove_recommendation, rec)


@dataclass(frozen=True)
class FeedbackText:
    """One of the feedback's texts edited in a TextDialog, and how it is written (the
    dialog's autosave worker calls `save`)."""

    kind: str  # "wording" (of a finding), "section" (key messages, next steps), "recommendation"
    original: str  # what the store holds now (Cancel puts it back)
    key: str = ""
    finding: Finding | None = None
    rec: Recommendation | None = None

    @property
    def label(self) -> str:
        if self.kind == "wording" and self.finding is not None:
            return f"the feedback's wording of: {self.finding.statement[:60]}"
        if self.kind == "recommendation" and self.rec is not None:
            return f"recommendation R{self.rec.number}"
        return f"the feedback's {self.key}"

    def save(self, store: Store, text: str) -> None:
        from onsite.leaders import feedback

        if self.kind == "wording" and self.finding is not None:
            feedback.reword(store, self.finding, text.strip())
        elif self.kind == "recommendation" and self.rec is not None:
            feedback.reword_recommendation(store, self.rec, text)
        else:
            feedback.save_section(store, self.key, text)
