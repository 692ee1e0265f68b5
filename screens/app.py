"""The Onsite app: screens are pushed here; data is loaded by each screen's workers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from screens.commands import OnsiteCommands
from screens.help import HelpScreen
from screens.home import HomeScreen

if TYPE_CHECKING:
    from onsite.store.db import Store


class OnsiteApp(App):
    TITLE = "Onsite"
    COMMANDS = App.COMMANDS | {OnsiteCommands}
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="Keys and how Onsite works"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True,
                tooltip="Quit; everything is already saved"),
        Binding("ctrl+e", "feedback", "Feedback", id="app.feedback",
                tooltip="Daily updates, wash-up, final feedback, report and export"),
        Binding("ctrl+s", "sync", "Sync", id="app.sync",
                tooltip="Send this laptop's changes to the team's shared folder and take in "
                        "everyone else's"),
    ]

    def __init__(self, path: Path | None = None, home: Path | None = None) -> None:
        super().__init__()
        self.start_path = path
        self.home_folder = home
        self._store: Store | None = None

    def on_mount(self) -> None:
        if self.home_folder is None:
            from onsite.paths import home

            self.home_folder = home()
        self.push_screen(HomeScreen(self.home_folder))
        if self.start_path is not None:
            self.open_engagement(self.start_path)

    def open_engagement(self, path: Path) -> None:
        from screens.week import WeekScreen

        self.action_home()
        self.push_screen(WeekScreen(Path(path)))

    def action_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self._close_store()

    def action_sync(self) -> None:
        from screens.sync import SyncScreen

        if self.store is None:
            self.notify("Open an engagement first: sync exchanges one engagement's changes.",
                        severity="warning")
            return
        for screen in self.screen_stack:  # what is typed but not yet saved goes in the bundle
            flush = getattr(screen, "flush", None)
            if flush is not None:
                flush()
        if isinstance(self.screen, SyncScreen):
            self.screen.action_sync()
        else:
            self.push_screen(SyncScreen(self.store))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    @property
    def store(self) -> Store | None:
        return self._store

    @store.setter
    def store(self, store: Store | None) -> None:
        self._store = store
        if self.screen_stack:
            self.refresh_bindings()  # keys that need an open engagement appear or go

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("feedback", "sync"):
            return self.store is not None  # no engagement open: the key is hidden
        return True

    def action_feedback(self) -> None:
        from screens.feedback import FeedbackScreen

        if self.store is not None and not isinstance(self.screen, FeedbackScreen):
            self.push_screen(FeedbackScreen(self.store))

    async def action_quit(self) -> None:
        """Save every open note first: quitting never loses a word."""
        for screen in self.screen_stack:
            flush = getattr(screen, "flush", None)
            if flush is not None:
                flush()
        self.exit()

    def _close_store(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def on_unmount(self) -> None:
        self._close_store()


def make_app(path: Path | None = None, home: Path | None = None) -> OnsiteApp:
    """The one way to build the app: used by the command line and the tests."""
    return OnsiteApp(path=path, home=home)
