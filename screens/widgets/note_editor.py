"""The note editor: Markdown with a preview toggle, saved by the one autosave text.

A crash or a kill loses at most the last half second of typing; a failed save is shown at
once and retried (see screens.widgets.autosave).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Markdown

from screens.widgets.autosave import SAVE_EVERY, AutosaveText

__all__ = ["SAVE_EVERY", "NoteEditor"]


class NoteEditor(AutosaveText):
    DEFAULT_CSS = """
    NoteEditor Markdown { height: 1fr; overflow-y: auto; padding: 0 1; }
    """
    BINDINGS = [
        Binding("ctrl+r", "toggle_preview", "Preview", id="editor.preview",
                tooltip="Show the note rendered, or back to editing"),
    ]

    def __init__(self, text: str, *, read_only: bool = False, id: str | None = None,
                 label: str = "the note") -> None:
        super().__init__(text, label=label, read_only=read_only, id=id)

    def on_mount(self) -> None:
        area = self.text_area
        area.move_cursor(area.document.end)  # carry on writing where the note ends
        if self.read_only:
            self._status("read only: another peer's notes")

    async def action_toggle_preview(self) -> None:
        """The preview is built only while shown: a long note rendered as Markdown is
        thousands of widgets, which would slow every keystroke if kept hidden in the DOM."""
        area = self.text_area
        previews = self.query(Markdown)
        if previews:
            await previews.remove()
            area.display = True
            area.focus()
            return
        preview = Markdown(area.text)
        await self.mount(preview, after=area)
        area.display = False
        preview.focus()
