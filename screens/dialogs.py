"""Small modal dialogs: an error, a question, a new engagement form, unsaved text.

Their styles are shared, in dialogs.tcss (loaded by the app). Each returns a plain value or a
dataclass, never a dict or a tuple.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

if TYPE_CHECKING:
    from onsite.week.sessions import SessionFields

# The kinds of engagement (onsite.engagement.kinds), named here so that the first screen
# paints without importing the core's model; a test checks the two agree.
KIND_NAMES = (
    "health and care system peer challenge",
    "corporate peer challenge",
    "adult social care peer challenge",
    "custom",
)


class ErrorDialog(ModalScreen[None]):
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


@dataclass(frozen=True)
class NewEngagement:
    name: str
    start: date
    days: int
    passphrase: str | None  # None: not encrypted
    kind: str = ""
    system: str = ""
    scope: str = ""


class NewEngagementDialog(ModalScreen[NewEngagement | None]):
    """Name, kind, system, first day, number of days, scope and passphrase (None: not
    encrypted); returns them, or None if cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="new.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("New engagement")
            yield Input(placeholder="Name, e.g. Calder Vale peer challenge", id="name")
            yield Select(
                [(k, k) for k in KIND_NAMES], value=KIND_NAMES[0], allow_blank=False, id="kind"
            )
            yield Input(placeholder="The system or council, e.g. Calder Vale", id="system")
            yield Input(placeholder="First on-site day, YYYY-MM-DD", id="start")
            yield Input(value="5", placeholder="Days on site", id="days")
            yield Input(
                placeholder="Scope in a sentence (more later, on the lines screen: s)", id="scope"
            )
            yield Input(
                password=True, placeholder="Passphrase (8 characters or more)", id="passphrase"
            )
            yield Input(password=True, placeholder="The same passphrase again", id="again")
            yield Checkbox("Do not encrypt (only for practice: notes are confidential)", id="plain")
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
        passphrase = None
        if not self.query_one("#plain", Checkbox).value:
            passphrase = self.query_one("#passphrase", Input).value
            if len(passphrase) < 8:
                error.update(
                    "Passphrase: 8 characters or more; a few unrelated words are "
                    "easy to type and hard to guess."
                )
                return
            if self.query_one("#again", Input).value != passphrase:
                error.update("Passphrase: the two differ; type it again.")
                self.query_one("#again", Input).value = ""
                return
        self.dismiss(
            NewEngagement(
                name,
                start,
                int(days_text),
                passphrase,
                kind=str(self.query_one("#kind", Select).value),
                system=self.query_one("#system", Input).value.strip(),
                scope=self.query_one("#scope", Input).value.strip(),
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class PickDialog(ModalScreen[str | None]):
    """Choose one of a few options by keyboard; returns its key, or None if cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick.cancel")]

    def __init__(self, question: str, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question, self.options = question, options

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList
        from textual.widgets.option_list import Option

        with Vertical():
            yield Label(self.question)
            yield OptionList(*(Option(label, id=key) for key, label in self.options))

    def on_option_list_option_selected(self, event) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SessionForm(ModalScreen["SessionFields | None"]):
    """Add or edit a session; returns what was typed (SessionFields), or None if cancelled.
    The screen that opened it validates through the core and reopens it with the problems."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="form.cancel")]
    FIELDS = [
        ("day", "Day (1-5 or a date)"),
        ("start", "Start, e.g. 9:30"),
        ("end", "End"),
        ("kind", "interview, focus group, site visit…"),
        ("title", "Title"),
        ("location", "Location"),
        ("peers", "Peers' initials, e.g. AB; CD"),
    ]

    def __init__(
        self,
        heading: str,
        values: SessionFields | None = None,
        problems: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.heading, self.values, self.problems = heading, values, problems or {}

    def on_mount(self) -> None:
        if self.problems:
            self.show_problems(self.problems)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading)
            for key, placeholder in self.FIELDS:
                yield Input(
                    getattr(self.values, key) if self.values else "",
                    placeholder=placeholder,
                    id=key,
                )
            yield Static("", id="error")
            with Horizontal():
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def show_problems(self, problems: dict[str, str]) -> None:
        self.query_one("#error", Static).update(
            "\n".join(f"{field}: {reason}" for field, reason in problems.items())
        )
        self.query_one(f"#{next(iter(problems))}", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        from onsite.week.sessions import SessionFields

        self.dismiss(
            SessionFields(**{key: self.query_one(f"#{key}", Input).value for key, _ in self.FIELDS})
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class AskDialog(ModalScreen[str | None]):
    """Ask for one line of text: a path, a statement."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="ask.cancel")]

    def __init__(self, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question, self.value, self.placeholder = question, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question)
            yield Input(self.value, placeholder=self.placeholder)

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class UnsavedDialog(ModalScreen[str | None]):
    """Text the store would not take, on leaving or quitting: write it to a recovery file,
    stay (saving goes on being tried), or leave without it."""

    RECOVER, STAY, DISCARD = "recover", "stay", "discard"
    BINDINGS = [Binding("escape", "stay", "Stay", id="unsaved.stay")]

    def __init__(self, count: int, problems: list[str], quitting: bool) -> None:
        super().__init__()
        self.count, self.problems, self.quitting = count, problems, quitting

    def compose(self) -> ComposeResult:
        verb = "Quit" if self.quitting else "Leave"
        with Vertical():
            yield Label(f"{self.count} text(s) could not be saved", id="title")
            yield Static(
                "\n".join(f"- {p}" for p in self.problems)
                or "The engagement file would not take the last changes.",
                markup=False,
            )
            yield Static(
                "A recovery file is a plain Markdown file beside the engagement "
                "(NAME.onsite-recovery-DATE-TIME.md), readable only by you: copy the "
                "text back into Onsite once the problem is fixed.",
                markup=False,
                classes="hint",
            )
            with Horizontal():
                yield Button(
                    f"Write a recovery file and {verb.lower()}", variant="primary", id="recover"
                )
                yield Button("Stay (keep trying)", id="stay")
                yield Button(f"{verb} without them", variant="error", id="discard")

    def on_mount(self) -> None:
        self.query_one("#recover", Button).focus()

    @on(Button.Pressed, "#recover")
    def _recover(self) -> None:
        self.dismiss(self.RECOVER)

    @on(Button.Pressed, "#stay")
    def action_stay(self) -> None:
        self.dismiss(self.STAY)

    @on(Button.Pressed, "#discard")
    def _discard(self) -> None:
        self.dismiss(self.DISCARD)
