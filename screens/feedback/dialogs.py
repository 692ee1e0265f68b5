"""The feedback screen's two text dialogs: a wording to edit, a guard hit to fix."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea

if TYPE_CHECKING:
    from onsite.confidential.clearance import Flag


class TextDialog(ModalScreen[str | None]):
    """Edit a text of some lines: a finding's wording, the key messages."""

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
