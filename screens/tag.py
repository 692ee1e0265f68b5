"""The tag dialog: lines of enquiry, polarity, kind of evidence, and which finding."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.option_list import Option

NEW = "__new__"


class TagDialog(ModalScreen[dict | None]):
    """Returns {theme_keys, polarity, evidence, finding_id, new_statement}, or None."""

    DEFAULT_CSS = """
    TagDialog { align: center middle; }
    TagDialog > Vertical {
        width: 100; height: auto; max-height: 95%; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    TagDialog #quote { color: $text-muted; height: auto; max-height: 4; }
    TagDialog SelectionList { height: auto; max-height: 10; width: 1fr; }
    TagDialog RadioSet { width: auto; }
    TagDialog #findings { height: auto; max-height: 10; }
    TagDialog Horizontal { height: auto; }
    TagDialog #error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="tag.cancel"),
                Binding("ctrl+s", "save", "Tag", id="tag.save", priority=True)]

    def __init__(self, quote: str, themes: list[tuple[str, str]], findings: list[tuple[str, str, str]],
                 evidence: str) -> None:
        """themes: (key, name); findings: (id, theme key, statement)."""
        super().__init__()
        self.quote, self.themes, self.findings, self.evidence = quote, themes, findings, evidence

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Tag this passage  (Tab moves between parts, Space chooses, Ctrl+S tags)")
            yield Static(f"“{self.quote[:300]}”", id="quote", markup=False)
            with Horizontal():
                yield SelectionList[str](*((name, key) for key, name in self.themes), id="themes")
                with RadioSet(id="polarity"):
                    yield RadioButton("strength", value=True)
                    yield RadioButton("area for consideration")
                    yield RadioButton("neutral")
                with RadioSet(id="evidence"):
                    for kind in ("heard", "read", "seen"):
                        yield RadioButton(kind, value=kind == self.evidence)
            yield Label("Attach to a finding, or start a new one:")
            yield OptionList(Option("+ New finding (write it below)", id=NEW),
                             *(Option(statement[:90], id=fid) for fid, _, statement in self.findings),
                             id="findings")
            yield Input(placeholder="New finding: one sentence, non-attributable", id="statement")
            yield Static("", id="error")
            with Horizontal():
                yield Button("Tag", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#findings", OptionList).highlighted = 0
        self.query_one("#themes", SelectionList).focus()

    @on(SelectionList.SelectedChanged)
    def _filter_findings(self) -> None:
        """Offer the chosen lines' findings first."""
        chosen = set(self.query_one("#themes", SelectionList).selected)
        ordered = sorted(self.findings, key=lambda f: f[1] not in chosen)
        listing = self.query_one("#findings", OptionList)
        listing.clear_options()
        listing.add_options([Option("+ New finding (write it below)", id=NEW),
                             *(Option(s[:90], id=fid) for fid, _, s in ordered)])
        listing.highlighted = 0

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        themes = list(self.query_one("#themes", SelectionList).selected)
        listing = self.query_one("#findings", OptionList)
        option = listing.get_option_at_index(listing.highlighted) if listing.highlighted is not None else None
        finding_id = option.id if option else NEW
        statement = self.query_one("#statement", Input).value.strip()
        error = self.query_one("#error", Static)
        if not themes:
            error.update("Choose at least one line of enquiry (Space to tick).")
            return
        if finding_id == NEW and not statement:
            error.update("Write the new finding, or choose an existing one.")
            return
        polarity = self.query_one("#polarity", RadioSet).pressed_button
        evidence = self.query_one("#evidence", RadioSet).pressed_button
        self.dismiss({
            "theme_keys": themes,
            "polarity": str(polarity.label) if polarity else "neutral",
            "evidence": str(evidence.label) if evidence else self.evidence,
            "finding_id": None if finding_id == NEW else finding_id,
            "new_statement": statement if finding_id == NEW else "",
        })

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
