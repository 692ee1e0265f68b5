"""What every Onsite screen shares: a failed worker becomes an error dialog, not a crash."""

from __future__ import annotations

from textual.screen import Screen
from textual.worker import Worker, WorkerState

from screens.dialogs import ErrorDialog


class OnsiteScreen(Screen):
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.app.push_screen(ErrorDialog(
                title=f"Could not {event.worker.description or event.worker.name or 'finish'}",
                message=str(error) or type(error).__name__,
            ))
