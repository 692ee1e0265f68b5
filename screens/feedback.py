"""Feedback: the daily update the lead peer edits and delivers, the evening wash-up, the final
feedback and report previewed, and the export with the attribution guard's hits to fix or accept.

Everything is asked of the core (onsite.daily, onsite.feedback, onsite.report, onsite.export,
onsite.clearance) in thread workers that only post messages; handlers update the widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import (
    Button, Checkbox, DataTable, Footer, Header, Input, Label, Markdown, OptionList, Select,
    Static, TabbedContent, TabPane, TextArea,
)
from textual.widgets.option_list import Option

from screens.base import OnsiteScreen

if TYPE_CHECKING:
    from onsite.confidential.clearance import Flag
    from onsite.leaders.daily import Refresh
    from onsite.leaders.export import ExportResult
    from onsite.model import DailyUpdate, Finding, Recommendation
    from onsite.store.db import Store

SAVE_EVERY = 0.5  # seconds
FORMAT_LABELS = (("md", "Markdown"), ("html", "HTML"), ("docx", "Word"), ("json", "JSON archive"))


class FeedbackScreen(OnsiteScreen):
    CSS_PATH = "feedback.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="feedback.save", tooltip="Save the daily update now"),
        Binding("f5", "refresh_draft", "Refresh draft", id="feedback.refresh",
                tooltip="Draft again from the findings and show what changed; nothing is overwritten"),
        Binding("escape", "app.pop_screen", "Back", id="feedback.back"),
    ]

    # -- messages from workers -------------------------------------------------------------

    @dataclass
    class UpdateLoaded(Message):
        update: DailyUpdate
        versions: list[DailyUpdate]
        side: str  # Markdown for the side panel

    @dataclass
    class RefreshReady(Message):
        refresh: Refresh

    @dataclass
    class Stopped(Message):
        """The guard stopped a delivery or an export."""

        flags: list[Flag]
        what: str  # "deliver" or "export"

    @dataclass
    class Previews(Message):
        washup: str
        feedback: str
        report: str
        warnings: list[str]
        items: list[ItemRow]
        sections: dict[str, str]
        recommendations: list[Recommendation]

    @dataclass
    class ExportProgress(Message):
        text: str
        done: int
        total: int

    @dataclass
    class ExportDone(Message):
        result: ExportResult

    @dataclass
    class Note(Message):
        text: str

    def __init__(self, store: Store, day: int | None = None) -> None:
        super().__init__()
        self.store = store
        self.day = day or 1
        self.day_from_today = day is None
        self.days = 1
        self.days_shown = 0
        self.update: DailyUpdate | None = None
        self.pending_refresh: Refresh | None = None
        self.flags: list[Flag] = []
        self.dirty = False
        self.result: ExportResult | None = None
        self.items: list[ItemRow] = []
        self.recommendations: list[Recommendation] = []
        self.sections: dict[str, str] = {}
        self._markdown: dict[str, str] = {}  # preview id -> its Markdown, shown when visible
        self._shown: dict[str, str] = {}  # preview id -> what it shows now
        self._previews_key: tuple | None = None  # (change log end, day) the previews are of

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="tabs", initial="tab-update"):
            with TabPane("Daily update", id="tab-update"):
                with Horizontal(classes="bar"):
                    yield Select([(f"Day {self.day}", self.day)], value=self.day, allow_blank=False,
                                 id="day")
                    yield Static("", id="update-state")
                with Horizontal(classes="work"):
                    with Vertical(id="update-main"):
                        area = TextArea.code_editor("", language="markdown", soft_wrap=True,
                                                    show_line_numbers=False, id="update-body")
                        area.cursor_blink = False
                        yield area
                        with Horizontal(classes="buttons"):
                            yield Button("Refresh draft", id="refresh")
                            yield Button("Apply refresh", id="apply", disabled=True)
                            yield Button("Deliver", id="deliver", variant="primary")
                            yield Button("New version", id="new-version")
                            yield Button("Accept hits", id="accept-update", disabled=True)
                    with Vertical(id="update-side"):
                        yield Label("Versions", classes="heading")
                        yield OptionList(id="versions")
                        with VerticalScroll(id="side-scroll"):
                            yield Markdown("", id="side")
            with TabPane("Wash-up", id="tab-washup"):
                with VerticalScroll():
                    yield Markdown("", id="washup")
            with TabPane("Feedback", id="tab-feedback"):
                with Horizontal(classes="work"):
                    with VerticalScroll(id="feedback-scroll"):
                        yield Static("", id="warnings", markup=False)
                        yield Markdown("", id="feedback-preview")
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
                            yield Button("Rests on finding", id="rec-link",
                                         tooltip="Link or unlink the highlighted finding")
                            yield Button("Up", id="rec-up")
                            yield Button("Down", id="rec-down")
                            yield Button("Remove", id="rec-remove", variant="error")
            with TabPane("Report", id="tab-report"):
                with VerticalScroll():
                    yield Markdown("", id="report-preview")
            with TabPane("Export", id="tab-export"):
                with Horizontal(classes="bar"):
                    yield Label("Folder ")
                    yield Input(str(self.store.path.parent), id="folder")
                with Horizontal(classes="bar"):
                    for key, label in FORMAT_LABELS:
                        yield Checkbox(label, value=True, id=f"fmt-{key}")
                    yield Button("Export", id="export", variant="primary")
                yield Label("Attribution guard: fix each hit, or accept it as the lead peer",
                            classes="heading")
                yield DataTable(id="hits", cursor_type="row", zebra_stripes=True)
                with Horizontal(classes="buttons"):
                    yield Button("Fix…", id="fix", disabled=True)
                    yield Button("Accept", id="accept", disabled=True)
                    yield Button("Accept all", id="accept-all", disabled=True)
                with VerticalScroll(id="export-log-scroll"):
                    yield Static("", id="export-log", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Daily updates and feedback"
        self.query_one("#hits", DataTable).add_columns("Where", "Line", "Col", "Words", "Why", "Accepted")
        self.query_one("#items", DataTable).add_columns("", "Line of enquiry", "Kind", "Status",
                                                        "Evidence", "Wording")
        self.query_one("#recs", DataTable).add_columns("", "Findings", "Recommendation")
        self.set_interval(SAVE_EVERY, self._autosave)
        self.load_update()
        self.load_previews()

    # -- the daily update ------------------------------------------------------------------

    @property
    def body(self) -> TextArea:
        return self.query_one("#update-body", TextArea)

    @work(thread=True, exclusive=True, exit_on_error=False, group="update",
          description="open the daily update")
    def load_update(self, action: str = "open") -> None:
        from onsite.leaders import daily

        engagement = self.store.engagement()
        self.days = engagement.days
        if self.day_from_today:
            from datetime import date

            self.day_from_today = False
            offset = (date.today() - engagement.start).days + 1
            self.day = offset if 1 <= offset <= self.days else 1
        if action == "new version":
            update = daily.new_version(self.store, self.day)
        else:
            update = daily.open_update(self.store, self.day)
        versions = daily.versions(self.store, self.day)
        side = ""
        yesterday = daily.current(self.store, self.day - 1) if self.day > 1 else None
        if yesterday is not None:
            diff = daily.compare(yesterday, update)
            side = f"**Compared with day {self.day - 1}**\n\n```diff\n{diff or '(the same)'}\n```\n"
        self.post_message(self.UpdateLoaded(update, versions, side))

    @on(UpdateLoaded)
    def _show_update(self, message: UpdateLoaded) -> None:
        update = self.update = message.update
        self.pending_refresh = None
        self.dirty = False
        if self.days_shown != self.days:
            select = self.query_one("#day", Select)
            with select.prevent(Select.Changed):
                select.set_options([(f"Day {d}", d) for d in range(1, self.days + 1)])
                select.value = self.day
            self.days_shown = self.days
            self.load_previews()  # the day may have moved to today's
        area = self.body
        if area.text != update.body:
            area.load_text(update.body)
        delivered = update.status == "delivered"
        area.read_only = delivered
        self.query_one("#update-state", Static).update(_state(update, self.store))
        self.query_one("#deliver", Button).disabled = delivered
        self.query_one("#refresh", Button).disabled = delivered
        self.query_one("#apply", Button).disabled = True
        self.query_one("#accept-update", Button).disabled = True
        self.query_one("#new-version", Button).disabled = not delivered
        versions = self.query_one("#versions", OptionList)
        versions.clear_options()
        versions.add_options([Option(f"v{u.version} · {u.status}", id=u.id) for u in message.versions])
        self.query_one("#side", Markdown).update(message.side or "")

    @on(Select.Changed, "#day")
    def _day_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, int) and event.value != self.day:
            self._save_now()
            self.day = event.value
            self.load_update()
            self.load_previews()

    @on(TextArea.Changed, "#update-body")
    def _edited(self) -> None:
        if self.update is not None and self.update.status != "delivered" and self.body.text != self.update.body:
            self.dirty = True

    def _autosave(self) -> None:
        if self.dirty:
            self._save_now()

    def _save_now(self) -> None:
        """Save on the UI thread: one small write, so a key press never waits on a worker."""
        from onsite.leaders import daily

        if not self.dirty or self.update is None:
            return
        self.dirty = False
        self.update = daily.save(self.store, self.update, self.body.text)

    def action_save(self) -> None:
        self._save_now()
        self.notify("Saved.")

    @on(Button.Pressed, "#refresh")
    def action_refresh_draft(self) -> None:
        self._save_now()
        if self.update is not None and self.update.status != "delivered":
            self.refresh_draft(self.update)

    @work(thread=True, exclusive=True, exit_on_error=False, group="update",
          description="refresh the draft")
    def refresh_draft(self, update: DailyUpdate) -> None:
        from onsite.leaders import daily

        self.post_message(self.RefreshReady(daily.refresh(self.store, update)))

    @on(RefreshReady)
    def _show_refresh(self, message: RefreshReady) -> None:
        result = message.refresh
        side = self.query_one("#side", Markdown)
        if result.unchanged:
            self.pending_refresh = None
            side.update("**The draft is up to date**: nothing has changed in the findings since.")
            return
        self.pending_refresh = result
        clash = (f"\n\n**{result.clashes} change(s) touch lines you edited**: your lines are kept; "
                 "make those changes by hand." if result.clashes else "")
        lines = "\n".join(f"    {c}" for c in result.changes)
        side.update(f"**What changed in the draft** (not applied yet){clash}\n\n{lines}\n\n"
                    "Press *Apply refresh* to merge these into your text.")
        self.query_one("#apply", Button).disabled = False

    @on(Button.Pressed, "#apply")
    def _apply(self) -> None:
        from onsite.leaders import daily

        if self.pending_refresh is None:
            return
        self._save_now()
        if self.update is not None and self.body.text != self.pending_refresh.update.body:
            self.refresh_draft(self.update)  # edited since: refresh against the latest words
            return
        self.update = daily.apply_refresh(self.store, self.pending_refresh)
        self.pending_refresh = None
        self.body.load_text(self.update.body)
        self.query_one("#apply", Button).disabled = True
        self.query_one("#side", Markdown).update("**Applied.** The draft's changes are in your text.")

    @on(Button.Pressed, "#deliver")
    def _deliver_pressed(self) -> None:
        self._save_now()
        if self.update is not None:
            self.deliver(self.update)

    @work(thread=True, exclusive=True, exit_on_error=False, group="update",
          description="deliver the daily update")
    def deliver(self, update: DailyUpdate, accept_first: list[Flag] | None = None) -> None:
        from onsite.confidential import clearance
        from onsite.leaders import daily

        lead = clearance.lead_peer(self.store)
        if accept_first:
            clearance.accept(self.store, accept_first, lead.id, reason="accepted on delivery")
        try:
            daily.deliver(self.store, update, lead.id)
        except clearance.GuardStopped as stopped:
            self.post_message(self.Stopped(stopped.flags, "deliver"))
            return
        self.post_message(self.Note(f"Day {update.day} version {update.version} delivered by {lead.name}."))
        self.load_update()

    @on(Button.Pressed, "#accept-update")
    def _accept_update(self) -> None:
        if self.update is not None and self.flags:
            self.deliver(self.update, accept_first=list(self.flags))

    @on(Button.Pressed, "#new-version")
    def _new_version(self) -> None:
        self.load_update("new version")

    @on(OptionList.OptionSelected, "#versions")
    def _show_version(self, event: OptionList.OptionSelected) -> None:
        from onsite.leaders import daily
        from onsite.model import DailyUpdate

        old = self.store.get(DailyUpdate, event.option.id)
        if old is None or self.update is None:
            return
        text = f"**Version {old.version}** ({_state(old, self.store)})\n\n" + old.body
        if old.id != self.update.id:
            text += f"\n\n**Compared with the open version**\n\n```diff\n{daily.compare(old, self.update)}\n```\n"
        self.query_one("#side", Markdown).update(text)

    # -- previews --------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="previews",
          description="compile the feedback")
    def load_previews(self) -> None:
        from onsite.leaders.daily import washup
        from onsite.leaders.feedback import compile_feedback, feedback_markdown
        from onsite.leaders.report import report_markdown
        from onsite.store.evidence_sql import change_mark

        key = (change_mark(self.store), self.day)
        if key == self._previews_key:
            return  # nothing written since (a tab chosen again): the previews stand
        self._previews_key = key
        fb = compile_feedback(self.store)
        rows = []
        for theme in fb.themes:
            chosen = [*theme.strengths, *theme.areas]
            others = [i for i in fb.candidates if i.finding.theme_key == theme.theme.key]
            for item in [*chosen, *others]:
                rows.append(ItemRow(item.finding, item.included, theme.theme.name, item.text,
                                    item.support.triangulation if item.support.excerpts else "no evidence"))
        sections = {"key messages": fb.key_messages, "next steps": fb.next_steps}
        self.post_message(self.Previews(washup(self.store, self.day), feedback_markdown(fb),
                                        report_markdown(self.store, fb), [str(w) for w in fb.warnings],
                                        rows, sections, self.store.recommendations()))

    _PREVIEW_OF_TAB = {"tab-washup": "washup", "tab-feedback": "feedback-preview",
                       "tab-report": "report-preview"}

    def _show_markdown(self, tab: str) -> None:
        """Render the preview of the tab shown, if it changed: a Markdown widget builds a
        widget per block, and the report of a whole engagement has hundreds; the hidden
        previews wait until their tab is chosen."""
        preview = self._PREVIEW_OF_TAB.get(tab)
        if preview is not None and self._markdown.get(preview) != self._shown.get(preview):
            self._shown[preview] = self._markdown[preview]
            self.query_one(f"#{preview}", Markdown).update(self._markdown[preview])

    @on(Previews)
    def _show_previews(self, message: Previews) -> None:
        self._markdown = {"washup": message.washup, "feedback-preview": message.feedback,
                          "report-preview": message.report}
        self._show_markdown(self.query_one("#tabs", TabbedContent).active)
        self.items, self.sections = message.items, message.sections
        table = self.query_one("#items", DataTable)
        row = table.cursor_row
        table.clear()
        for r in message.items:
            table.add_row("in" if r.included else "", r.theme, r.finding.polarity, r.finding.status,
                          r.support, " ".join(r.text.split())[:80], key=r.finding.id)
        if message.items:
            table.move_cursor(row=min(row, len(message.items) - 1))
        self.recommendations = message.recommendations
        recs = self.query_one("#recs", DataTable)
        row = recs.cursor_row
        recs.clear()
        for r in message.recommendations:
            recs.add_row(f"R{r.number}", str(len(r.finding_ids)), " ".join(r.text.split())[:80], key=r.id)
        if message.recommendations:
            recs.move_cursor(row=min(row, len(message.recommendations) - 1))
        warnings = message.warnings
        self.query_one("#warnings", Static).update(
            ("Before export:\n" + "\n".join(f"  ! {w}" for w in warnings)) if warnings
            else "No warnings: every recommendation rests on agreed, triangulated findings.")

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        # Focus something in the pane shown: focus left on a widget of the hidden pane would
        # bring that pane back.
        inside = next((w for w in event.pane.query("*") if w.focusable), None)
        if inside is not None:
            inside.focus()
        if event.pane.id in ("tab-feedback", "tab-report", "tab-washup"):
            self._save_now()
            self._show_markdown(event.pane.id)
            self.load_previews()

    # -- the lead's edits to the feedback ----------------------------------------------------

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

        self.app.push_screen(TextDialog("How the feedback words this finding (the finding itself "
                                        "is unchanged; empty: its own words)", row.text), done)

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

        self.app.push_screen(TextDialog(f"{key.capitalize()} (empty: Onsite's draft)",
                                        self.sections.get(key, "")), done)

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
                self.edit_feedback(feedback.add_recommendation, text, [row.finding.id] if row else [])

        self.app.push_screen(TextDialog("A new recommendation (it will rest on the highlighted "
                                        "finding; link more with Rests on finding)", ""), done)

    @on(Button.Pressed, "#rec-reword")
    def _rec_reword(self) -> None:
        from onsite.leaders import feedback

        rec = self._rec()
        if rec is None:
            return

        def done(text: str | None) -> None:
            if text and text.strip():
                self.edit_feedback(feedback.reword_recommendation, rec, text)

        self.app.push_screen(TextDialog(f"R{rec.number}", rec.text), done)

    @on(Button.Pressed, "#rec-link")
    def _rec_link(self) -> None:
        from onsite.leaders import feedback

        rec, row = self._rec(), self._item()
        if rec is not None and row is not None:
            self.edit_feedback(feedback.link, rec, row.finding, row.finding.id not in rec.finding_ids)
            self.notify(f"R{rec.number} " + ("no longer rests on" if row.finding.id in rec.finding_ids
                                              else "now rests on") + f": {row.text[:60]}")

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

    @work(thread=True, exclusive=True, exit_on_error=False, group="feedback-edit",
          description="change the feedback")
    def edit_feedback(self, change, *args) -> None:
        change(self.store, *args)
        self.load_previews()

    # -- export ----------------------------------------------------------------------------

    @on(Button.Pressed, "#export")
    def _export_pressed(self) -> None:
        self._save_now()
        formats = [key for key, _ in FORMAT_LABELS if self.query_one(f"#fmt-{key}", Checkbox).value]
        folder = Path(self.query_one("#folder", Input).value.strip() or ".").expanduser()
        self.query_one("#export-log", Static).update("")
        self.run_export(folder, formats)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export", description="export")
    def run_export(self, folder: Path, formats: list[str]) -> None:
        from onsite.confidential.clearance import GuardStopped
        from onsite.leaders.export import export

        def progress(text: str, done: int, total: int) -> None:
            self.post_message(self.ExportProgress(text, done, total))

        try:
            result = export(self.store, folder, formats, progress)
        except GuardStopped as stopped:
            self.post_message(self.Stopped(stopped.flags, "export"))
            return
        self.post_message(self.ExportDone(result))

    @on(ExportProgress)
    def _progress(self, message: ExportProgress) -> None:
        log = self.query_one("#export-log", Static)
        log.update(f"{log.content}[{message.done}/{message.total}] {message.text}\n")

    @on(ExportDone)
    def _exported(self, message: ExportDone) -> None:
        result = self.result = message.result
        self._show_flags(result.accepted, "export")
        lines = [f"Wrote {len(result.written)} file(s) to {result.folder}:"]
        lines += [f"  {w}" for w in result.written]
        lines += [f"  ! {w}" for w in result.warnings]
        lines += result.notes
        log = self.query_one("#export-log", Static)
        log.update(f"{log.content}" + "\n".join(lines))
        self.notify(f"Exported {len(result.written)} file(s).")

    @on(Stopped)
    def _stopped(self, message: Stopped) -> None:
        self._show_flags(message.flags, message.what)
        n = len(message.flags)
        if message.what == "deliver":
            lines = "\n".join(f"- {f.where}: \u201c{f.hit.shown}\u201d ({f.hit.kind})" for f in message.flags)
            self.query_one("#side", Markdown).update(
                f"**Not delivered.** The attribution guard found {n} place(s) that could identify "
                f"a participant. Edit them in the text, or *Accept hits* as the lead peer.\n\n{lines}")
            self.query_one("#accept-update", Button).disabled = False
        else:
            self.query_one("#export-log", Static).update(
                f"Nothing written: the attribution guard found {n} place(s) that could identify a "
                "participant. Fix each, or accept it as the lead peer, then export again.")

    def _show_flags(self, flags: list[Flag], what: str) -> None:
        self.flags = flags
        if what != "export":
            return
        table = self.query_one("#hits", DataTable)
        table.clear()
        for i, f in enumerate(flags):
            table.add_row(f.source.label, str(f.hit.line), str(f.hit.column), f.hit.shown, f.hit.kind,
                          "yes" if f.accepted else "", key=str(i))
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
        self.post_message(self.Stopped(clearance.check(self.store, sources), "export"))
        self.post_message(self.Note(f"Accepted {len(flags)} hit(s) as {lead.name}; export again."))

    @on(Button.Pressed, "#fix")
    def _fix(self) -> None:
        flag = self._selected_flag()
        if flag is None:
            return

        def done(text: str | None) -> None:
            if text is not None:
                self.fix_source(flag, text)

        self.app.push_screen(FixDialog(flag), done)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export", description="fix the text")
    def fix_source(self, flag: Flag, text: str) -> None:
        from onsite.confidential import clearance
        from onsite.confidential.clearance import Source

        clearance.fix(self.store, flag.source, text)
        sources = [Source(s.key, s.label, text if s.key == flag.source.key else s.text)
                   for s in {f.source.key: f.source for f in self.flags}.values()]
        self.post_message(self.Stopped(clearance.check(self.store, sources), "export"))
        self.post_message(self.Note("Fixed; export again when every hit is fixed or accepted."))

    @on(Note)
    def _note(self, message: Note) -> None:
        self.notify(message.text)

    def flush(self) -> None:
        """Called by the app on quit: nothing typed is lost."""
        self._save_now()

    def on_screen_suspend(self) -> None:
        self._save_now()

    def on_unmount(self) -> None:
        self._save_now()


def _state(update: DailyUpdate, store: Store) -> str:
    if update.status == "delivered":
        peers = {p.id: p.name for p in store.peers()}
        who = peers.get(update.delivered_by, "the lead peer")
        return (f"version {update.version} · delivered by {who} on "
                f"{update.delivered_at[:16].replace('T', ' at ')} UTC · frozen")
    return f"version {update.version} · draft: yours to edit (saved as you type)"


@dataclass(frozen=True)
class ItemRow:
    finding: Finding
    included: bool
    theme: str
    text: str
    support: str


class TextDialog(ModalScreen[str | None]):
    """Edit a text of some lines: a finding's wording, the key messages."""

    DEFAULT_CSS = """
    TextDialog { align: center middle; }
    TextDialog > Vertical {
        width: 90%; height: 70%; border: thick $primary; background: $surface; padding: 1 2;
    }
    TextDialog TextArea { height: 1fr; }
    TextDialog Horizontal { height: auto; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="text.cancel")]

    def __init__(self, heading: str, text: str) -> None:
        super().__init__()
        self.heading, self.text = heading, text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading, markup=False)
            yield TextArea(self.text, soft_wrap=True, id="text")
            with Horizontal():
                yield Button("Save", variant="primary", id="text-save")
                yield Button("Cancel", id="text-cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#text-save")
    def _save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    @on(Button.Pressed, "#text-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class FixDialog(ModalScreen[str | None]):
    """Edit the text a guard hit was found in; the words found are selected."""

    DEFAULT_CSS = """
    FixDialog { align: center middle; }
    FixDialog > Vertical {
        width: 90%; height: 80%; border: thick $warning; background: $surface; padding: 1 2;
    }
    FixDialog TextArea { height: 1fr; }
    FixDialog Horizontal { height: auto; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="fix.cancel")]

    def __init__(self, flag: Flag) -> None:
        super().__init__()
        self.flag = flag

    def compose(self) -> ComposeResult:
        hit = self.flag.hit
        with Vertical():
            yield Label(f"{self.flag.source.label}: \u201c{hit.shown}\u201d is a {hit.kind} "
                        f"({hit.about}). Reword it, e.g. by role and sector.", markup=False)
            yield TextArea(self.flag.source.text, soft_wrap=True, id="fix-text")
            with Horizontal():
                yield Button("Save", variant="primary", id="fix-save")
                yield Button("Cancel", id="fix-cancel")

    def on_mount(self) -> None:
        from textual.widgets.text_area import Selection

        area = self.query_one(TextArea)
        text = self.flag.source.text
        hit = self.flag.hit

        def location(offset: int) -> tuple[int, int]:
            before = text[:offset]
            return before.count("\n"), len(before) - (before.rfind("\n") + 1)

        area.selection = Selection(location(hit.start), location(hit.end))
        area.focus()

    @on(Button.Pressed, "#fix-save")
    def _save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    @on(Button.Pressed, "#fix-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
