"""What the screens beside the week (progress review, workshop, series, mentoring) share: a
text dialog and exporting a follow-up document to a folder. Below those screens and
screens/follow_up.py (which chooses among them), so imports go one way."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea

if TYPE_CHECKING:
    from onsite.store.db import Store


class FollowUpTextDialog(ModalScreen[str | None]):
    """Write a longer text (an introduction, an analysis); returns it, or None if cancelled.
    Ctrl+O saves (Ctrl+S is the app's sync)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="text.cancel"),
        Binding("ctrl+o", "save", "Save", id="text.save", priority=True),
    ]

    def __init__(self, heading: str, text: str = "") -> None:
        super().__init__()
        self.heading, self.text = heading, text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading)
            yield TextArea(self.text, soft_wrap=True, id="text")
            with Horizontal():
                yield Button("Save (Ctrl+O)", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss(self.query_one("#text", TextArea).text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def export_outputs(store: Store, folder: Path, outputs) -> str:
    """Export (md, html, docx) and say what was written; a guard stop becomes a message that
    lists every place to fix (the lead accepts words on the command line: --accept)."""
    from onsite.after.output import export_documents
    from onsite.confidential.clearance import GuardStopped

    try:
        result = export_documents(store, folder, ["md", "html", "docx"], outputs)
    except GuardStopped as stopped:
        raise ValueError(
            "Nothing was written: the attribution guard found words that could "
            "identify a participant. Fix each text:\n"
            + "\n".join(f"  {flag}" for flag in stopped.flags)
        ) from None
    return f"Wrote {len(result.written)} files to {result.folder}: " + "; ".join(
        w.path.name for w in result.written
    )
