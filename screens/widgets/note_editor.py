"""The note editor: Markdown in a TextArea, a preview toggle, and a steady save rhythm.

The editor does not save anything itself: while there are unsaved changes it posts
SaveRequested every half second, and the screen that owns the note saves it. So a crash or
a kill loses at most the last half second of typing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Markdown, Static, TextArea
from textual.widgets.text_area import Selection

SAVE_EVERY = 0.5  # seconds
CHECK_AFTER = 0.3  # seconds of quiet before the note is checked for names and unknown tags
TAG_STYLES = {True: Style(color="green3", bold=True), False: Style(color="red1", underline=True)}
MARKER_STYLES = {"strength": Style(color="black", bgcolor="green3", bold=True),
                 "area for consideration": Style(color="black", bgcolor="orange1", bold=True)}


class NoteTextArea(TextArea):
    """A Markdown TextArea that colours inline tags as they are typed: a #tag naming a line
    of enquiry in green, one naming none in red, `[+]` and `[-]` as badges. Styling one line
    is a regular-expression pass over it, cheap enough for every repaint."""

    lookup: dict[str, str] = {}  # hashtag spelling -> line of enquiry key, set by the screen

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


class NoteEditor(Vertical):
    DEFAULT_CSS = """
    NoteEditor { height: 1fr; }
    NoteEditor TextArea { height: 1fr; }
    NoteEditor #preview { height: 1fr; }
    NoteEditor Markdown { padding: 0 1; }
    NoteEditor .warning { color: $warning; height: auto; max-height: 3; padding: 0 1; }
    NoteEditor .status { color: $text-muted; height: 1; padding: 0 1; }
    """
    BINDINGS = [
        Binding("ctrl+r", "toggle_preview", "Preview", id="editor.preview",
                tooltip="Show the note rendered, or back to editing"),
        Binding("ctrl+l", "select_passage", "Select bullet", id="editor.select_passage", show=False,
                tooltip="Select the bullet or paragraph the cursor is in"),
    ]

    @dataclass
    class SaveRequested(Message):
        editor: NoteEditor
        text: str

    @dataclass
    class Checked(Message):
        editor: NoteEditor
        warnings: list[str]

    def __init__(self, text: str, *, read_only: bool = False, id: str | None = None,
                 lookup: dict[str, str] | None = None,
                 check: Callable[[str], list[str]] | None = None) -> None:
        """lookup: hashtag spellings of the lines of enquiry (for highlighting); check: text
        -> warnings (names, unknown tags), run in a thread a moment after typing stops."""
        super().__init__(id=id)
        self.initial = text
        self.read_only = read_only
        self.dirty = False
        self.lookup = lookup or {}
        self.check = check
        self._check_timer = None

    def compose(self) -> ComposeResult:
        area = NoteTextArea.code_editor(self.initial, language="markdown", soft_wrap=True,
                                        show_line_numbers=False, read_only=self.read_only,
                                        theme="monokai")
        area.lookup = self.lookup
        area.cursor_blink = False
        yield area
        yield Static("", classes="warning")
        yield Static("read only: another peer's notes" if self.read_only else "", classes="status")

    def on_mount(self) -> None:
        area = self.text_area
        area.move_cursor(area.document.end)  # carry on writing where the note ends
        if not self.read_only:
            self.set_interval(SAVE_EVERY, self._tick)
            self._check_soon()

    @property
    def text_area(self) -> TextArea:
        return self.query_one(TextArea)

    @property
    def text(self) -> str:
        return self.text_area.text

    @on(TextArea.Changed)
    def _changed(self) -> None:
        if not self.read_only:
            self.dirty = True
            self.query_one(".status", Static).update("editing…")
            self._check_soon()

    def _check_soon(self) -> None:
        if self.check is None:
            return
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_AFTER, lambda: self._run_check(self.text))

    @work(thread=True, exclusive=True, group="check", exit_on_error=False,
          description="check the note for names")
    def _run_check(self, text: str) -> None:
        """Off the UI thread: the name check walks the whole note."""
        self.post_message(self.Checked(self, self.check(text)))

    @on(Checked)
    def _checked(self, message: Checked) -> None:
        message.stop()
        self.warn("\n".join(message.warnings))

    def _tick(self) -> None:
        text = self.take_pending()
        if text is not None:
            self.post_message(self.SaveRequested(self, text))

    def take_pending(self) -> str | None:
        """The text if it has changes not yet handed over for saving, else None."""
        if not self.dirty:
            return None
        self.dirty = False
        return self.text

    def saved(self, when: str) -> None:
        if not self.dirty:
            self.query_one(".status", Static).update(f"saved {when}")

    def warn(self, message: str) -> None:
        self.query_one(".warning", Static).update(message)

    def action_select_passage(self) -> None:
        from onsite.evidence.tags import passage_at

        area = self.text_area
        span = passage_at(area.text, area.document.get_index_from_location(area.cursor_location))
        if span is not None:
            locate = area.document.get_location_from_index
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
