"""Which screen serves which kind of engagement beside the week (progress review, workshop,
series, mentoring), and making a progress review. What those screens share is in
screens/follow_up_common.py, below them: they never import this module."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

if TYPE_CHECKING:
    from onsite.store.db import Store


def screen_for(kind: str):
    """The screen class that serves an engagement of this kind beside the week, or None."""
    from onsite.engagement import follow_up as kinds

    if kind == kinds.PROGRESS_REVIEW:
        from screens.progress import ProgressScreen

        return ProgressScreen
    if kind == kinds.WORKSHOP:
        from screens.workshop import WorkshopScreen

        return WorkshopScreen
    if kind == kinds.SERIES:
        from screens.series import SeriesScreen

        return SeriesScreen
    if kind == kinds.MENTORING:
        from screens.mentoring import MentoringScreen

        return MentoringScreen
    return None


@dataclass(frozen=True)
class NewReview:
    """What the review dialog was given, checked as far as the dialog can: the core checks
    the rest (the team's initials)."""

    start: date
    days: int
    team: list[str]  # initials of the peers who return
    passphrase: str | None  # None: not encrypted


class ReviewDialog(ModalScreen[NewReview | None]):
    """Make a progress review of the open challenge: first day, days, who returns, passphrase.
    Returns the answers (the core checks them), or None if cancelled."""

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
            yield Input(
                value=self.team, placeholder="Who returns: initials, e.g. AB, CD", id="team"
            )
            yield Input(
                password=True, placeholder="Passphrase (8 characters or more)", id="passphrase"
            )
            yield Input(password=True, placeholder="The same passphrase again", id="again")
            yield Checkbox("Do not encrypt (only for practice)", id="plain")
            yield Static("", id="error")
            with Horizontal():
                yield Button("Make the review", variant="primary", id="make")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#make")
    @on(Input.Submitted)
    def make(self) -> None:
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
        self.dismiss(NewReview(start, int(value["days"]), team, passphrase))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def make_review(app, store: Store, answer: NewReview) -> None:
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
    made = review.create(
        store,
        path,
        start=answer.start,
        days=answer.days,
        team=answer.team,
        passphrase=answer.passphrase,
    )
    app.call_from_thread(app.open_engagement, path, made)
