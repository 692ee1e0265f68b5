"""What the screens after and beside the week share (progress review, workshop, series,
mentoring): a text dialog, exporting a follow-up document to a folder, and which screen
serves which kind of engagement."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

if TYPE_CHECKING:
    from onsite.store.db import Store


class TextDialog(ModalScreen[str | None]):
    """Write a longer text (an introduction, an analysis); returns it, or None if cancelled.
    Ctrl+O saves (Ctrl+S is the app's sync)."""

    DEFAULT_CSS = """
    TextDialog { align: center middle; }
    TextDialog > Vertical {
        width: 90%; max-width: 100; height: 80%; border: thick $primary; background: $surface;
        padding: 1 2;
    }
    TextDialog TextArea { height: 1fr; }
    TextDialog Horizontal { height: auto; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="text.cancel"),
                Binding("ctrl+o", "save", "Save", id="text.save", priority=True)]

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
        raise ValueError("Nothing was written: the attribution guard found words that could "
                         "identify a participant. Fix each text:\n"
                         + "\n".join(f"  {flag}" for flag in stopped.flags)) from None
    return f"Wrote {len(result.written)} files to {result.folder}: " + "; ".join(
        w.path.name for w in result.written)


def screen_for(store: Store, kind: str):
    """The screen that serves an engagement of this kind beside the week, or None."""
    from onsite.engagement import follow_up as kinds

    if kind == kinds.PROGRESS_REVIEW:
        from screens.progress import ProgressScreen

        return ProgressScreen(store)
    if kind == kinds.WORKSHOP:
        from screens.workshop import WorkshopScreen

        return WorkshopScreen(store)
    if kind == kinds.SERIES:
        from screens.series import SeriesScreen

        return SeriesScreen(store)
    if kind == kinds.MENTORING:
        from screens.mentoring import MentoringScreen

        return MentoringScreen(store)
    return None


class ReviewDialog(ModalScreen[dict | None]):
    """Make a progress review of the open challenge: first day, days, who returns, passphrase.
    Returns the answers (the core checks them), or None if cancelled."""

    DEFAULT_CSS = """
    ReviewDialog { align: center middle; }
    ReviewDialog > Vertical {
        width: 72; height: auto; max-height: 100%; overflow-y: auto; border: thick $primary;
        background: $surface; padding: 0 2;
    }
    ReviewDialog #heading { height: auto; margin: 1 0 0 0; }
    ReviewDialog #error { color: $error; height: auto; }
    ReviewDialog Horizontal { height: auto; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="review.cancel")]

    def __init__(self, challenge: str, team: str) -> None:
        super().__init__()
        self.challenge, self.team = challenge, team

    def compose(self) -> ComposeResult:
        from textual.widgets import Checkbox

        with Vertical():
            yield Static(f"A progress review of {self.challenge}", id="heading", markup=False)
            yield Input(placeholder="First day, YYYY-MM-DD (about ten months on)", id="start")
            yield Input(value="2", placeholder="Days (1 or 2)", id="days")
            yield Input(value=self.team, placeholder="Who returns: initials, e.g. AB, CD",
                        id="team")
            yield Input(password=True, placeholder="Passphrase (8 characters or more)",
                        id="passphrase")
            yield Input(password=True, placeholder="The same passphrase again", id="again")
            yield Checkbox("Do not encrypt (only for practice)", id="plain")
            yield Static("", id="error")
            with Horizontal():
                yield Button("Make the review", variant="primary", id="make")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#make")
    @on(Input.Submitted)
    def make(self) -> None:
        from datetime import date

        from textual.widgets import Checkbox

        value = {i.id: i.value.strip() for i in self.query(Input)}
        error = self.query_one("#error", Static)
        try:
            start = date.fromisoformat(value["start"])
        except ValueError:
            error.update(f"First day: '{value['start']}' is not a date like 2027-01-12.")
            return
        if not value["days"].isdigit() or not 1 <= int(value["days"]) <= 5:
            error.update(f"Days: '{value['days']}' is not a number from 1 to 5.")
            return
        passphrase = None
        if not self.query_one("#plain", Checkbox).value:
            passphrase = self.query_one("#passphrase", Input).value
            if len(passphrase) < 8:
                error.update("Passphrase: 8 characters or more.")
                return
            if self.query_one("#again", Input).value != passphrase:
                error.update("Passphrase: the two differ; type it again.")
                return
        team = [t.strip() for t in value["team"].replace(";", ",").split(",") if t.strip()]
        self.dismiss({"start": start, "days": int(value["days"]), "team": team,
                      "passphrase": passphrase})

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def make_review(app, store: Store, answer: dict) -> None:
    """Make the review beside the challenge (in the same folder) and open it; runs in a
    worker thread of the screen that asked."""
    from onsite.after import review
    from onsite.paths import safe_file_name
    from onsite.store.files import SUFFIX

    name = f"{store.engagement().name}: progress review"
    folder = store.path.parent
    path = folder / f"{safe_file_name(name)}{SUFFIX}"
    n = 2
    while path.exists():
        path = folder / f"{safe_file_name(name)} {n}{SUFFIX}"
        n += 1
    made = review.create(store, path, start=answer["start"], days=answer["days"],
                         team=answer["team"], passphrase=answer["passphrase"])
    app.call_from_thread(app.open_engagement, path, made)
