"""Taking the team key into this laptop's copy: the lead peer's invite code, typed or pasted.

The dialog checks the code as it is typed (a typo is caught by its checksum, no store
needed) and returns it; the sync screen writes the key in a worker (onsite.sync.teamkey.accept).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class InviteDialog(ModalScreen[str | None]):
    """Asks for the lead peer's invite code (or the path of an invite file); returns it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="invite.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("The lead peer's invite code (or the path of the invite file)")
            yield Static(
                "It gives this laptop the team key that seals the team's bundles. If "
                "this laptop held another key, its own bundles are sealed again with "
                "the team's at the next sync.",
                markup=False,
            )
            yield Input(placeholder="e.g. 0W3K-7RDZ-…", id="code")
            yield Static("", id="error", markup=False)
            with Horizontal():
                yield Button("Accept", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def choose(self) -> None:
        from onsite.sync.teamkey import TeamKeyError, read_invite

        text = self.query_one("#code", Input).value.strip().strip('"')
        if not text:
            self.query_one("#error", Static).update("Give the invite code from the lead peer.")
            return
        try:
            read_invite(text)
        except TeamKeyError as e:
            self.query_one("#error", Static).update(str(e))
            return
        self.dismiss(text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
