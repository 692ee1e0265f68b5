"""Small modal dialogs: an error, a question, a new engagement form."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class ErrorDialog(ModalScreen[None]):
    DEFAULT_CSS = """
    ErrorDialog { align: center middle; }
    ErrorDialog > Vertical {
        width: 70; height: auto; border: thick $error; background: $surface; padding: 1 2;
    }
    ErrorDialog #title { text-style: bold; color: $error; }
    ErrorDialog Button { margin-top: 1; }
    """
    BINDINGS = [Binding("escape,enter", "close", "Close", id="error.close")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text, self.message = title, message

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, id="title")
            yield Static(self.message, id="message", markup=False)
            yield Button("Close", variant="error", id="close")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)


class NewEngagementDialog(ModalScreen[dict | None]):
    """Name, first day and number of days; returns them, or None if cancelled."""

    DEFAULT_CSS = """
    NewEngagementDialog { align: center middle; }
    NewEngagementDialog > Vertical {
        width: 64; height: auto; border: thick $primary; background: $surface; padding: 1 2;
    }
    NewEngagementDialog #error { color: $error; height: auto; }
    NewEngagementDialog Horizontal { height: auto; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="new.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("New engagement")
            yield Input(placeholder="Name, e.g. Calder Vale peer challenge", id="name")
            yield Input(placeholder="First on-site day, YYYY-MM-DD", id="start")
            yield Input(value="5", placeholder="Days on site", id="days")
            yield Static("", id="error")
            with Horizontal():
                yield Button("Create", variant="primary", id="create")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#create")
    def create(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        start_text = self.query_one("#start", Input).value.strip()
        days_text = self.query_one("#days", Input).value.strip()
        error = self.query_one("#error", Static)
        if not name:
            error.update("Name: give the engagement a name.")
            return
        try:
            start = date.fromisoformat(start_text)
        except ValueError:
            error.update(f"First day: '{start_text}' is not a date like 2026-03-02.")
            return
        if not days_text.isdigit() or not 1 <= int(days_text) <= 10:
            error.update(f"Days: '{days_text}' is not a number from 1 to 10.")
            return
        self.dismiss({"name": name, "start": start, "days": int(days_text)})

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
