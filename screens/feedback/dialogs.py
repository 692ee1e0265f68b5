"""The feedback screen's two text dialogs: a wording to edit, a guard hit to fix."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea

from screens.base import WorkerErrors
from screens.widgets.autosave import AutosaveHost, AutosaveText

if TYPE_CHECKING:
    from onsite.confidential.clearance import Flag
    from onsite.store.db import Store


class Saver(Protocol):
    """Where a text goes: `save` writes it (called in a worker), `label` names it, and
    `original` is what the store held, put back by Cancel."""

    @property
    def label(self) -> str: ...

    @property
    def original(self) -> str: ...

    def save(self, store: Store, text: str) -> None: ...


class TextDialog(WorkerErrors, AutosaveHost, ModalScreen[str | None]):
    """Edit a text of some lines: a finding's wording, the key messages, a recommendation.

    Given where the text goes (`saver.save(store, text)`, run in a worker), it saves as it is
    typed, like every other text; Cancel puts the text back as it was. Without one (a
    recommendation not yet made) it only returns the text."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="text.cancel")]

    def __init__(
        self, heading: str, text: str, store: Store | None = None, saver: Saver | None = None
    ) -> None:
        super().__init__()
        self.heading, self.text, self.store, self.saver = heading, text, store, saver

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading, markup=False)
            if self.saver is None:
                yield TextArea(self.text, soft_wrap=True, id="text")
            else:
                yield AutosaveText(
                    self.text, label=self.saver.label, markdown=False, area_id="text"
                )
            with Horizontal():
                yield Button("Save", variant="primary", id="text-save")
                yield Button("Cancel", id="text-cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def save_text(self, editor: AutosaveText, text: str) -> str:
        """In a worker: the store write this dialog was given."""
        if self.saver is None or self.store is None:
            raise ValueError("nothing to save into")
        self.saver.save(self.store, text)
        return ""

    @on(Button.Pressed, "#text-save")
    def _save(self) -> None:
        text = self.query_one(TextArea).text
        self.app.leave(self, lambda: self.dismiss(text))

    @on(Button.Pressed, "#text-cancel")
    def action_cancel(self) -> None:
        if self.saver is None or self.query_one(TextArea).text == self.text:
            self.dismiss(None)
            return
        self.put_back()

    @work(thread=True, group="autosave", exit_on_error=False, description="put the text back")
    def put_back(self) -> None:
        if self.saver is None:  # nothing was saved as typed: nothing to put back
            return
        editor = self.query_one(AutosaveText)
        outcome = self._save_one(editor, self.saver.original, editor.generation + 1)
        if outcome.problem:
            editor.post_message(outcome)  # the editor says why; the dialog stays
            return
        self.app.call_from_thread(self.dismiss, None)


class FixDialog(ModalScreen[str | None]):
    """Edit the text a guard hit was found in; the words found are selected."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="fix.cancel")]

    def __init__(self, flag: Flag) -> None:
        super().__init__()
        self.flag = flag

    def compose(self) -> ComposeResult:
        hit = self.flag.hit
        with Vertical():
            yield Label(
                f"{self.flag.source.label}: \u201c{hit.shown}\u201d is a {hit.kind} "
                f"({hit.about}). Reword it, e.g. by role and sector.",
                markup=False,
            )
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
