"""Forms for setting up an engagement: a form of fields, a longer text, a file picker, a
preview to confirm. Each returns what was typed (or None if cancelled), as a plain value or
a dataclass, never a dict or a tuple; the screen that
opened it validates through the core and reopens it with the problems, so no word typed is
lost to a mistake."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, DirectoryTree, Input, Label, Static, TextArea


@dataclass(frozen=True)
class FormAnswer:
    """What a FormDialog was given: each field's text and each checkbox, by key. The form's
    fields vary with the screen that opens it, so they are keyed; text and ticks are apart,
    so a text is always a str and a tick always a bool."""

    texts: dict[str, str]
    checks: dict[str, bool] = field(default_factory=dict)

    def text(self, key: str) -> str:
        return self.texts.get(key, "")


class FormDialog(ModalScreen[FormAnswer | None]):
    """Fields of one line each: [(key, label, value)]; checkboxes: [(key, label, value)].
    Returns a FormAnswer, or None if cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="form.cancel")]

    def __init__(
        self,
        heading: str,
        fields: list[tuple[str, str, str]],
        checks: list[tuple[str, str, bool]] | None = None,
        problem: str = "",
    ) -> None:
        super().__init__()
        self.heading, self.fields, self.checks, self.problem = (
            heading,
            fields,
            checks or [],
            problem,
        )

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading, id="heading")
            for key, label, value in self.fields:
                with Horizontal(classes="field"):
                    yield Label(label)
                    yield Input(value, id=f"f-{key}")
            for key, label, value in self.checks:
                yield Checkbox(label, value, id=f"c-{key}")
            yield Static(self.problem, id="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        if self.problem:
            field = self.problem.split(":", 1)[0].strip()
            target = next((k for k, _, _ in self.fields if k == field), None)
            if target:
                self.query_one(f"#f-{target}", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.dismiss(
            FormAnswer(
                {key: self.query_one(f"#f-{key}", Input).value for key, _, _ in self.fields},
                {key: self.query_one(f"#c-{key}", Checkbox).value for key, _, _ in self.checks},
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class SetupTextDialog(ModalScreen[str | None]):
    """A longer text (the scope, guiding questions): Ctrl+S saves, Escape cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="text.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="text.cancel"),
    ]

    def __init__(self, heading: str, text: str, help_text: str = "") -> None:
        super().__init__()
        self.heading, self.text, self.help_text = heading, text, help_text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading)
            yield TextArea(self.text, language="markdown", id="text")
            yield Static(self.help_text or "Ctrl+S saves · Escape cancels", id="help")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FileDialog(ModalScreen[Path | None]):
    """A file to read: typed, or picked in a folder tree (Tab moves between them)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="file.cancel")]

    def __init__(self, question: str, suffixes: tuple[str, ...], start: Path | None = None) -> None:
        super().__init__()
        self.question, self.suffixes = question, suffixes
        self.start = start or Path.home()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question)
            yield Input(
                placeholder="a path (~ is your home folder), or pick below and press Enter",
                id="path",
            )
            yield Static("", id="error", markup=False)
            yield DirectoryTree(self.start, id="tree")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(DirectoryTree.FileSelected)
    def _picked(self, event: DirectoryTree.FileSelected) -> None:
        self._choose(Path(event.path))

    @on(DirectoryTree.DirectorySelected)
    def _folder(self, event: DirectoryTree.DirectorySelected) -> None:
        self.query_one("#path", Input).value = str(event.path)

    @on(Input.Submitted, "#path")
    def _typed(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.query_one("#tree", DirectoryTree).focus()
            return
        path = Path(text).expanduser()
        if path.is_dir():
            self.query_one("#tree", DirectoryTree).path = path
            self.query_one("#tree", DirectoryTree).focus()
            return
        self._choose(path)

    def _choose(self, path: Path) -> None:
        error = self.query_one("#error", Static)
        if not path.is_file():
            error.update(f"{path}: no such file")
            return
        if self.suffixes and path.suffix.lower() not in self.suffixes:
            error.update(f"{path.name}: not one of {', '.join(self.suffixes)}")
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PreviewDialog(ModalScreen[bool]):
    """What an action will change, to apply (Enter / a) or not (Escape)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="preview.cancel"),
        Binding("a", "apply", "Apply", id="preview.apply"),
    ]

    def __init__(
        self,
        heading: str,
        lines: list[str],
        can_apply: bool = True,
        empty: str = "Nothing to change.",
    ) -> None:
        super().__init__()
        self.heading, self.lines, self.can_apply, self.empty = heading, lines, can_apply, empty

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, id="heading", markup=False)
            with VerticalScroll():
                yield Static("\n".join(self.lines) or self.empty, id="lines", markup=False)
            with Horizontal():
                if self.can_apply:
                    yield Button("Apply", variant="primary", id="apply")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        if self.can_apply:
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
