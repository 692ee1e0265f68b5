"""The note editor: Markdown with a preview toggle, saved by the one autosave text.

A crash or a kill loses at most the last half second of typing; a failed save is shown at
once and retried (see screens.widgets.autosave).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Markdown, TextArea
from textual.widgets.text_area import Document, Selection

from screens.widgets.autosave import SAVE_EVERY, AutosaveText

__all__ = ["SAVE_EVERY", "NoteEditor"]

CHECK_AFTER = 0.3  # seconds of quiet before the note is checked for names and unknown tags
TAG_STYLES = {True: Style(color="green3", bold=True), False: Style(color="red1", underline=True)}
MARKER_STYLES = {
    "strength": Style(color="black", bgcolor="green3", bold=True),
    "area for consideration": Style(color="black", bgcolor="orange1", bold=True),
}


class NoteTextArea(TextArea):
    """A Markdown TextArea that colours inline tags as they are typed: a #tag naming a line
    of enquiry in green, one naming none in red, `[+]` and `[-]` as badges. Styling one line
    is a regular-expression pass over it, cheap enough for every repaint."""

    lookup: dict[str, str] = {}  # hashtag spelling -> line of enquiry key, set by the editor

    def get_line(self, line_index: int) -> Text:
        from onsite.evidence.tags import hashtag_spans, marker_span

        line = super().get_line(line_index)
        plain = line.plain
        if "#" in plain and self.lookup:  # without the lines of enquiry, none is unknown
            for start, end, known in hashtag_spans(plain, self.lookup):
                line.stylize(TAG_STYLES[known], start, end)
        if "[" in plain and (marker := marker_span(plain)) is not None:
            line.stylize(MARKER_STYLES[marker[2]], marker[0], marker[1])
        return line


class NoteEditor(AutosaveText):
    DEFAULT_CSS = """
    NoteEditor #preview { height: 1fr; }
    NoteEditor Markdown { padding: 0 1; }
    NoteEditor .warning { max-height: 3; }
    """
    AREA = NoteTextArea
    BINDINGS = [
        Binding(
            "ctrl+r",
            "toggle_preview",
            "Preview",
            id="editor.preview",
            tooltip="Show the note rendered, or back to editing",
        ),
        Binding(
            "ctrl+l",
            "select_passage",
            "Select bullet",
            id="editor.select_passage",
            show=False,
            tooltip="Select the bullet or paragraph the cursor is in",
        ),
    ]

    @dataclass
    class Checked(Message):
        editor: NoteEditor
        warnings: list[str]

    def __init__(
        self,
        text: str,
        *,
        read_only: bool = False,
        id: str | None = None,
        label: str = "the note",
        lookup: dict[str, str] | None = None,
        check: Callable[[str], list[str]] | None = None,
    ) -> None:
        """lookup: hashtag spellings of the lines of enquiry (for highlighting); check: text
        -> warnings (names, unknown tags), run in a thread a moment after typing stops."""
        super().__init__(text, label=label, read_only=read_only, id=id)
        self.lookup = lookup or {}
        self.check = check
        self._check_timer = None
        self._notice = ""  # said by the last save (a conflict; names when there is no check)
        self._checked_warnings = ""  # said by the last check while typing

    def on_mount(self) -> None:
        area = self.text_area
        if isinstance(area, NoteTextArea):  # its AREA, whenever the note is Markdown
            area.lookup = self.lookup
        area.move_cursor(area.document.end)  # carry on writing where the note ends
        if self.read_only:
            self._status("read only: another peer's notes")
        else:
            self.check_soon()

    @on(TextArea.Changed)
    def _check_on_change(self, event: TextArea.Changed) -> None:
        if event.text_area is self.text_area and not self.read_only:
            self.check_soon()

    def check_soon(self) -> None:
        if self.check is None:
            return
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_AFTER, lambda: self._run_check(self.text))

    @work(
        thread=True,
        exclusive=True,
        group="check",
        exit_on_error=False,
        description="check the note for names",
    )
    def _run_check(self, text: str) -> None:
        """Off the UI thread: the name check walks the whole note."""
        if self.check is not None:
            self.post_message(self.Checked(self, self.check(text)))

    @on(Checked)
    def _checked(self, message: Checked) -> None:
        message.stop()
        self._checked_warnings = "\n".join(message.warnings)
        self._show_warnings()

    def warn(self, message: str) -> None:
        """A save's notice and the typing check's warnings, shown together."""
        self._notice = message
        self._show_warnings()

    def _show_warnings(self) -> None:
        super().warn("\n".join(w for w in (self._notice, self._checked_warnings) if w))

    def index_of(self, location: tuple[int, int]) -> int:
        """The offset in the text of a (row, column) location in the editor."""
        document = self.text_area.document
        if not isinstance(document, Document):  # always one; TextArea types it as DocumentBase
            raise TypeError(f"a text area's document: {type(document).__name__}")
        return document.get_index_from_location(location)

    def action_select_passage(self) -> None:
        from onsite.evidence.tags import passage_at

        area = self.text_area
        document = area.document
        if not isinstance(document, Document):  # always one; TextArea types it as DocumentBase
            return
        span = passage_at(area.text, document.get_index_from_location(area.cursor_location))
        if span is not None:
            locate = document.get_location_from_index
            area.selection = Selection(locate(span[0]), locate(span[1]))

    async def action_toggle_preview(self) -> None:
        """The preview is built only while shown: a long note rendered as Markdown is
        thousands of widgets, which would slow every keystroke if kept hidden in the DOM.
        It sits in a focusable scroll inside this editor, so Ctrl+R reaches it again."""
        area = self.text_area
        previews = self.query("#preview")
        if previews:
            await previews.remove()
            area.display = True
            area.focus()
            return
        preview = VerticalScroll(Markdown(area.text), id="preview", can_focus=True)
        await self.mount(preview, after=area)
        area.display = False
        preview.focus()
