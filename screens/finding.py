"""One finding: its statement and questions to test, its evidence, its history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import OnsiteScreen
from screens.dialogs import PickDialog
from screens.widgets.autosave import AutosaveHost, AutosaveText
from screens.widgets.footer import KeysFooter
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from onsite.evidence.findings import EvidenceItem
    from onsite.model import Finding
    from onsite.store.db import Store
    from screens.widgets.autosave import Pending


class FindingScreen(AutosaveHost, OnsiteScreen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="finding.back", tooltip="Save and go back"),
        Binding("ctrl+s", "save", "Save", id="finding.save"),
        Binding(
            "ctrl+g",
            "merge",
            "Merge",
            id="finding.merge",
            tooltip="Fold another finding, and its evidence, into this one",
        ),
        Binding(
            "ctrl+l",
            "split",
            "Split",
            id="finding.split",
            tooltip="Move the highlighted evidence into a new finding",
        ),
        Binding("ctrl+d", "drop", "Drop", id="finding.drop"),
        Binding(
            "ctrl+n",
            "history_panel",
            "History",
            id="finding.history",
            tooltip="Show or hide the finding's history beside its evidence",
        ),
    ]
    WIDE = 110  # below this many columns the history starts hidden

    @dataclass
    class Loaded(Message):
        finding: Finding
        evidence: list[EvidenceItem]
        history: list[tuple[str, str]]
        triangulation: str

    def __init__(self, store: Store, finding_id: str) -> None:
        super().__init__()
        self.store, self.finding_id = store, finding_id
        self.finding: Finding | None = None
        self.items: list[EvidenceItem] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="meta")
        with Horizontal():
            with Vertical():
                yield Label("Finding")
                yield AutosaveText(
                    label="the finding's statement",
                    markdown=False,
                    area_id="statement-text",
                    id="statement",
                    classes="compact",
                )
                yield Label("Questions to test tomorrow")
                yield AutosaveText(
                    label="the finding's questions to test",
                    markdown=False,
                    area_id="questions-text",
                    id="questions",
                    classes="compact",
                )
                yield Label("Evidence (Enter opens the note)")
                yield OptionList(id="evidence")
            yield Static("", id="history")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Finding"
        self.history_shown: bool | None = None  # None: by the terminal's width
        self.load()

    def on_resize(self) -> None:
        shown = self.history_shown
        self.query_one("#history").display = (
            self.size.width >= self.WIDE if shown is None else shown
        )

    def action_history_panel(self) -> None:
        self.history_shown = not self.query_one("#history").display
        self.query_one("#history").display = self.history_shown

    @work(
        thread=True,
        exclusive=True,
        group="load",
        exit_on_error=False,
        description="open the finding",
    )
    def load(self) -> None:
        from onsite.evidence import findings
        from onsite.model import Finding

        finding = self.store.get(Finding, self.finding_id)
        if finding is None:
            raise ValueError("this finding is no longer in the engagement")
        card = findings.card(self.store, finding.id)  # not the whole board: one finding
        self.post_message(
            self.Loaded(
                finding,
                findings.evidence(self.store, finding),
                findings.history(self.store, finding),
                card.triangulation if card else "single voice",
            )
        )

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        self.finding, self.items = message.finding, message.evidence
        f = message.finding
        self.query_one("#meta", Static).update(
            f"{f.polarity} · {f.theme_key} · {f.status} · first seen day {f.day} · "
            f"{len(self.items)} excerpts · {message.triangulation}"
        )
        for field in ("statement", "questions"):
            editor = self.query_one(f"#{field}", AutosaveText)
            if not editor.dirty:  # words typed since the load was asked for stay
                editor.load_text(getattr(f, field))
        listing = self.query_one("#evidence", OptionList)
        listing.clear_options()
        for i, item in enumerate(self.items):
            label = Text(f"{item.where}\n", style="bold")
            label.append(f"{item.who}\n", style="italic")
            label.append(f"“{item.excerpt.quote[:200]}”")
            if item.excerpt.orphaned:
                label.append("  (its text was deleted from the note)", style="red")
            listing.add_option(Option(label, id=str(i)))
        history = Text("History\n", style="bold")
        for when, what in message.history:
            history.append(f"{when}  {what}\n")
        self.query_one("#history", Static).update(history)

    @on(OptionList.OptionSelected, "#evidence")
    def _open_note(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None:
            return
        item = self.items[int(event.option.id)]
        if item.session_id:
            from screens.session import SessionScreen

            self.app.push_screen(SessionScreen(self.store, item.session_id))

    def save_text(self, editor: AutosaveText, text: str) -> str:
        """In a worker: one field of the finding, as typed (an empty statement is not saved)."""
        from onsite.sync.status import conflicted

        field = editor.id or ""
        value = text.strip()
        if self.finding is None or field not in ("statement", "questions"):
            raise ValueError("no finding to save into")
        if field == "statement" and not value:
            return "A finding needs a statement: until one is written the old one is kept."
        if value != getattr(self.finding, field):
            self.finding = self.store.update(self.finding, **{field: value})
        if conflicted(self.store, self.finding, field):
            return (
                "!This finding was also changed elsewhere (another window, or a peer's "
                "sync): both versions are kept as a conflict to settle on the Sync screen."
            )
        return ""

    def on_screen_suspend(self) -> None:
        for editor in self.query(AutosaveText):
            editor.request_save()

    def action_save(self) -> None:
        self.app.leave(self, lambda: self.notify("Saved."), leaving=False)

    def action_drop(self) -> None:
        if self.finding is not None:
            self.change("drop")

    def action_merge(self) -> None:
        if self.finding is not None:
            self.offer_merge(self.finding)

    @work(thread=True, group="load", exit_on_error=False, description="list the findings")
    def offer_merge(self, finding: Finding) -> None:
        sign = {"strength": "+", "area for consideration": "−"}
        others = [
            (f.id, f"{sign.get(f.polarity, '·')} {f.theme_key} · {f.statement}")
            for f in self.store.findings()
            if f.id != finding.id and f.status != "dropped"
        ]
        self.app.call_from_thread(self._ask_merge, others)

    def _ask_merge(self, others: list[tuple[str, str]]) -> None:
        def picked(other_id: str | None) -> None:
            if other_id:
                self.change("merge", other_id)

        self.app.push_screen(PickDialog("Merge which finding into this one?", others), picked)

    def action_split(self) -> None:
        from screens.dialogs import AskDialog

        listing = self.query_one("#evidence", OptionList)
        if listing.highlighted is None or not self.items:
            self.notify("Highlight the evidence to split off first.", severity="warning")
            return
        item = self.items[listing.highlighted]

        def asked(statement: str | None) -> None:
            if statement:
                self.change("split", item, statement)

        self.app.push_screen(AskDialog("Statement of the new finding:"), asked)

    def change(self, what: str, *args) -> None:
        """Drop, merge or split: what is typed is saved first, in the same worker."""
        self.apply_change(what, self.pending(), *args)

    @work(thread=True, group="write", exit_on_error=False, description="change the finding")
    def apply_change(self, what: str, pending: list[Pending], *args) -> None:
        from onsite.evidence.findings import merge, set_status, split
        from onsite.model import Finding

        if not self.save_first(pending):
            return  # the editor says why; nothing else changes until it is saved
        finding = self.finding
        if finding is None:  # not loaded yet: nothing shown to change
            return
        if what == "drop":
            set_status(self.store, finding, "dropped")
        elif what == "merge":
            other = self.store.get(Finding, args[0])
            if other is None:
                raise ValueError("the finding to merge is no longer in the engagement")
            merge(self.store, finding, other)
        else:
            item, statement = args
            new = split(self.store, finding, [item.excerpt.id], statement)
            self.app.call_from_thread(self.notify, f"Split into a new finding: {new.statement}")
        self.app.call_from_thread(self.load)
