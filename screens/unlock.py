"""Asking for an engagement's passphrase: before it is opened, and to unlock the app.

PassphraseDialog checks the passphrase against the file (in a worker) and returns the key
derived from it, so nothing of an encrypted engagement is read before its passphrase is
given, and the app opens the store with that key without deriving it again. LockScreen covers
every other screen; unlocking checks the passphrase against the file again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static

from screens.base import InOnsite

if TYPE_CHECKING:
    from onsite.store.cipher import Key
    from onsite.store.db import Store
    from onsite.store.light import WeekReader


class PassphraseDialog(ModalScreen["Key | None"]):
    """The passphrase of an encrypted engagement; returns the key that opens it, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="passphrase.cancel")]

    @dataclass
    class Result(Message):
        key: Key | None
        problem: str = ""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.checking = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"{self.path.name} is encrypted. Its passphrase:", markup=False)
            yield Input(password=True, id="passphrase", placeholder="passphrase")
            yield Static("", id="problem", markup=False)
            with Horizontal():
                yield Button("Open", variant="primary", id="open")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#open")
    def _submit(self) -> None:
        field = self.query_one("#passphrase", Input)
        if not field.value or self.checking:
            return  # what is typed while a check runs stays for the next try
        passphrase, field.value = field.value, ""
        self.checking = True
        self.query_one("#problem", Static).update("Opening…")
        self.open_store(passphrase)

    @work(thread=True, exclusive=True, exit_on_error=False, description="open the engagement")
    def open_store(self, passphrase: str) -> None:
        from onsite.store.errors import StoreError, WrongPassphrase
        from onsite.store.light import unlock

        try:
            key = unlock(self.path, passphrase)
        except WrongPassphrase as e:
            self.post_message(self.Result(None, f"{e}. Try again."))
            return
        except StoreError as e:
            self.post_message(self.Result(None, str(e)))
            return
        self.post_message(self.Result(key))

    @on(Result)
    def _result(self, message: Result) -> None:
        self.checking = False
        if message.key is not None:
            self.dismiss(message.key)
            return
        self.query_one("#passphrase", Input).focus()
        self.query_one("#problem", Static).update(message.problem)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class LockScreen(InOnsite, Screen[None]):
    """Covers everything until the passphrase is given again (or, for a plain file, Enter)."""

    @dataclass
    class Checked(Message):
        ok: bool

    def __init__(self, store: Store | WeekReader | None, file_name: str = "") -> None:
        """`store`: what checks the passphrase (a WeekReader while the store is opening)."""
        super().__init__()
        self.store = store
        self.file_name = file_name
        self.checking = False

    @property
    def needs_passphrase(self) -> bool:
        return self.store is not None and self.store.encrypted

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Onsite is locked", id="heading")
            if self.needs_passphrase:
                yield Label(f"The passphrase of {self.file_name} unlocks it:", markup=False)
                yield Input(password=True, id="passphrase", placeholder="passphrase")
            else:
                yield Label("Press Enter to unlock (the engagement is not encrypted).")
                yield Input(password=True, id="passphrase", placeholder="Enter")
            yield Static("", id="problem", markup=False)

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted)
    def _submit(self) -> None:
        field = self.query_one("#passphrase", Input)
        if not self.needs_passphrase:
            field.value = ""
            self.app.unlock()
            return
        if not field.value or self.checking:
            return
        passphrase, field.value = field.value, ""
        self.checking = True
        self.query_one("#problem", Static).update("Checking…")
        self.check(passphrase)

    @work(thread=True, exclusive=True, exit_on_error=False, description="check the passphrase")
    def check(self, passphrase: str) -> None:
        store = self.store  # only asked for when there is one (needs_passphrase)
        self.post_message(self.Checked(store is not None and store.check_passphrase(passphrase)))

    @on(Checked)
    def _checked(self, message: Checked) -> None:
        self.checking = False
        if message.ok:
            self.app.unlock()
            return
        self.query_one("#passphrase", Input).focus()
        self.query_one("#problem", Static).update("Wrong passphrase. Try again.")
