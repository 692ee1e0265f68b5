"""What every Onsite screen shares: a failed worker becomes an error dialog, not a crash, and
going back first saves what is typed (asking if the store will not take it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.worker import Worker, WorkerState

from screens.dialogs import ErrorDialog

if TYPE_CHECKING:
    from screens.app import OnsiteApp


def title_line(*parts: str) -> str:
    """A screen's heading: its parts side by side, leaving out any not given yet (a blank
    engagement has no system until someone says which)."""
    return "  ·  ".join(part for part in parts if part)


class InOnsite:
    """For the type checker only: the app every Onsite screen and pane runs in is the
    OnsiteApp. Textual types `app` as App[object], which knows none of Onsite's own methods
    (leave, open_engagement...); mixed in first, this says what it is. Nothing at run time."""

    if TYPE_CHECKING:

        @property
        def app(self) -> OnsiteApp: ...


class WorkerErrors(InOnsite):
    """A failed worker of this screen or pane becomes an error dialog. Mixed into panes too:
    a worker's state change is not passed up to the screen."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.app.push_screen(
                ErrorDialog(
                    title=f"Could not {event.worker.description or event.worker.name or 'finish'}",
                    message=str(error) or type(error).__name__,
                )
            )


class OnsiteScreen(WorkerErrors, Screen):
    def action_back(self) -> None:
        self.app.leave(self, self._gone_back)

    def _gone_back(self) -> None:
        if self.app.screen is self:
            self.app.pop_screen()
