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
from textual.widgets import Footer, Header, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from screens.base import OnsiteScreen
from screens.dialogs import PickDialog

if TYPE_CHECKING:
    from onsite.evidence.findings import EvidenceItem
    from onsite.model import Finding
    from onsite.store.db import Store


class FindingScreen(OnsiteScreen):
    DEFAULT_CSS = """
    FindingScreen #meta { padding: 0 1; background: $boost; }
    FindingScreen #statement { height: 5; }
    FindingScreen #questions { height: 5; }
    FindingScreen #evidence { height: 1fr; }
    FindingScreen #history { width: 40; height: 1fr; border-left: solid $primary; padding: 0 1; }
    FindingScreen Label { padding: 0 1; text-style: bold; }
    """
    BINDINGS = [
        Binding("escape", "back", "Back", id="finding.back", tooltip="Save and go back"),
        Binding("ctrl+s", "save", "Save", id="finding.save"),
        Binding("ctrl+m", "merge", "Merge", id="finding.merge",
                tooltip="Fold another finding, and its evidence, into this one"),
        Binding("ctrl+l", "split", "Split", id="finding.split",
                tooltip="Move the highlighted evidence into a new finding"),
        Binding("ctrl+d", "drop", "Drop", id="finding.drop"),
    ]

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
        yield Header()
        yield Static("", id="meta")
        with Horizontal():
            with Vertical():
                yield Label("Finding")
                yield TextArea(id="statement", soft_wrap=True)
                yield Label("Questions to test tomorrow")
                yield TextArea(id="questions", soft_wrap=True)
                yield Label("Evidence (Enter opens the note)")
                yield OptionList(id="evidence")
            yield Static("", id="history")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Finding"
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, description="open the finding")
    def load(self) -> None:
        from onsite.evidence import findings
        from onsite.model import Finding

        finding = self.store.get(Finding, self.finding_id)
        card = findings.card(self.store, finding.id)  # not the whole board: one finding
        self.post_message(self.Loaded(finding, findings.evidence(self.store, finding),
                                      findings.history(self.store, finding),
                                      card.triangulation if card else "single voice"))

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        self.finding, self.items = message.finding, message.evidence
        f = message.finding
        self.query_one("#meta", Static).update(
            f"{f.polarity} · {f.theme_key} · {f.status} · first seen day {f.day} · "
            f"{len(self.items)} excerpts · {message.triangulation}")
        self.query_one("#statement", TextArea).load_text(f.statement)
        self.query_one("#questions", TextArea).load_text(f.questions)
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
        item = self.items[int(event.option.id)]
        if item.session_id:
            from screens.session import SessionScreen

            self.save()
            self.app.push_screen(SessionScreen(self.store, item.session_id))

    def _edits(self) -> dict:
        if self.finding is None:
            return {}
        edits = {"statement": self.query_one("#statement", TextArea).text.strip(),
                 "questions": self.query_one("#questions", TextArea).text.strip()}
        return {k: v for k, v in edits.items() if v != getattr(self.finding, k) and (v or k != "statement")}

    def save(self) -> None:
        edits = self._edits()
        if edits:
            self.finding = self.store.update(self.finding, **edits)

    def flush(self) -> None:
        self.save()

    def action_save(self) -> None:
        self.save()
        self.notify("Saved.")

    def action_back(self) -> None:
        self.save()
        self.app.pop_screen()

    def action_drop(self) -> None:
        from onsite.evidence.findings import set_status

        if self.finding is not None:
            self.save()
            set_status(self.store, self.finding, "dropped")
            self.load()

    def action_merge(self) -> None:
        if self.finding is None:
            return
        others = [(f.id, f"{f.theme_key} · {f.statement[:70]}") for f in self.store.findings()
                  if f.id != self.finding.id and f.status != "dropped"]
        self.app.push_screen(PickDialog("Merge which finding into this one?", others), self._merge)

    def _merge(self, other_id: str | None) -> None:
        from onsite.evidence.findings import merge
        from onsite.model import Finding

        if other_id:
            self.save()
            merge(self.store, self.finding, self.store.get(Finding, other_id))
            self.load()

    def action_split(self) -> None:
        from screens.dialogs import AskDialog

        listing = self.query_one("#evidence", OptionList)
        if listing.highlighted is None or not self.items:
            self.notify("Highlight the evidence to split off first.", severity="warning")
            return
        item = self.items[listing.highlighted]
        self.app.push_screen(AskDialog("Statement of the new finding:"),
                             lambda statement: statement and self._split(item, statement))

    def _split(self, item: EvidenceItem, statement: str) -> None:
        from onsite.evidence.findings import split

        self.save()
        new = split(self.store, self.finding, [item.excerpt.id], statement)
        self.notify(f"Split into a new finding: {new.statement}")
        self.load()
