"""The Onsite app: screens are pushed here; data is loaded by each screen's workers.

The app also keeps the lock: after `idle_minutes` without a key or mouse event, or on
F12 / Ctrl+\\, a LockScreen covers every screen, notifications are cleared and held back,
and only quitting works until the passphrase is given again.
"""

from __future__ import annotations

from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding

from screens.commands import OnsiteCommands
from screens.home import HomeScreen

if TYPE_CHECKING:
    from onsite.store.cipher import Key
    from onsite.store.db import Store
    from onsite.store.light import WeekReader

ALLOWED_WHILE_LOCKED = {"quit"}


class OnsiteApp(App):
    TITLE = "Onsite"
    COMMANDS = App.COMMANDS | {OnsiteCommands}
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="Keys and how Onsite works"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True,
                tooltip="Quit; everything is already saved"),
        Binding("ctrl+e", "feedback", "Feedback", id="app.feedback",
                tooltip="Daily updates, wash-up, final feedback, report and export"),
        Binding("f12,ctrl+backslash", "lock", "Lock", id="app.lock", priority=True, show=False,
                tooltip="Lock Onsite: the screen hides everything until the passphrase is given"),
        Binding("ctrl+s", "sync", "Sync", id="app.sync",
                tooltip="Send this laptop's changes to the team's shared folder and take in "
                        "everyone else's"),
        Binding("f6", "follow_up", "Progress review", id="app.follow_up", show=False,
                tooltip="On a peer challenge: make its progress review. On a progress review: "
                        "progress per recommendation, the report, the export"),
    ]

    def __init__(self, path: Path | None = None, home: Path | None = None,
                 idle_minutes: float | None = None) -> None:
        super().__init__()
        self.start_path = path
        self.home_folder = home
        self.idle_minutes = idle_minutes
        self._store: Store | None = None
        # The week on screen, read without the store, while the store opens: the lock
        # checks a passphrase with it.
        self.opening: WeekReader | None = None
        self._kind = ""  # the open engagement's kind
        self.locked = False
        self._last_input = monotonic()

    def on_mount(self) -> None:
        if self.home_folder is None:
            from onsite.paths import home

            self.home_folder = home()
        if self.idle_minutes is None:
            from onsite import settings

            try:
                self.idle_minutes = settings.load(self.home_folder).idle_minutes
            except settings.SettingsError as e:
                self.idle_minutes = settings.Settings.idle_minutes
                self.notify(f"{e}; locking after {self.idle_minutes:g} minutes", severity="warning")
        if self.idle_minutes:
            self.set_interval(min(5.0, self.idle_minutes * 60 / 4), self._lock_if_idle,
                              name="idle lock")
        if self.start_path is None:
            self.push_screen(HomeScreen(self.home_folder))
        else:
            # Straight to the week: the list of engagements (a screen to build, and every
            # file in the folder to read) is made when it is first asked for.
            self.open_engagement(self.start_path)

    def open_engagement(self, path: Path, store: Store | None = None) -> None:
        """Show an engagement's week; an encrypted one asks for its passphrase first."""
        from onsite.store.errors import StoreError
        from onsite.store.files import ENCRYPTED, file_kind
        from screens.week import WeekScreen

        path = Path(path)
        self._back_home(make=False)
        from onsite.paths import sync_client_warning

        warning = sync_client_warning(path)
        if warning:  # a sync client copying the live file can damage it
            self.notify(warning, title="In a synced folder", severity="warning", timeout=15,
                        markup=False)
        if store is None:
            try:
                encrypted = file_kind(path) == ENCRYPTED
            except StoreError:
                encrypted = False  # the week's worker reports the problem in an error dialog
            if encrypted:
                from screens.unlock import PassphraseDialog

                def opened(key: Key | None) -> None:
                    if key is not None:
                        self.push_screen(WeekScreen(path, key=key))

                self.push_screen(PassphraseDialog(path), opened)
                return
        self.push_screen(WeekScreen(path, store))

    def action_home(self) -> None:
        self._back_home(make=True)

    def _back_home(self, make: bool) -> None:
        """Close every screen above the list of engagements, and the engagement; `make`: build
        that list if the app started on an engagement and has not shown it yet."""
        if any(isinstance(s, HomeScreen) for s in self.screen_stack):
            while not isinstance(self.screen, HomeScreen):
                self.pop_screen()
        else:
            while len(self.screen_stack) > 2:
                self.pop_screen()
            if make and len(self.screen_stack) == 2:
                self.switch_screen(HomeScreen(self.home_folder))
            elif make:
                self.push_screen(HomeScreen(self.home_folder))
            elif len(self.screen_stack) == 2:
                self.pop_screen()
        self._close_store()

    def action_sync(self) -> None:
        from screens.sync import SyncScreen

        if self.store is None:
            self.notify("Open an engagement first: sync exchanges one engagement's changes.",
                        severity="warning")
            return
        if self._kind == "mentoring":
            from onsite.engagement.follow_up import PRIVATE_SYNC

            self.notify(PRIVATE_SYNC.capitalize() + ".", severity="warning")
            return
        for screen in self.screen_stack:  # what is typed but not yet saved goes in the bundle
            flush = getattr(screen, "flush", None)
            if flush is not None:
                flush()
        if isinstance(self.screen, SyncScreen):
            self.screen.action_sync()
        else:
            self.push_screen(SyncScreen(self.store))

    def action_follow_up(self) -> None:
        """A progress review's recommendations (a workshop's ratings open by themselves); on a
        peer challenge, make its progress review."""
        from onsite.engagement.follow_up import KINDS
        from screens.follow_up import ReviewDialog, make_review, screen_for

        if self.store is None:
            return
        store, asking = self.store, self.screen
        if self._kind not in KINDS:
            team = ", ".join(p.initials for p in store.peers())

            def made(answer: dict | None) -> None:

                if answer:
                    asking.run_worker(lambda: make_review(self, store, answer), thread=True,
                                      group="follow-up",  # not cancelled by the week reloading
                                      exit_on_error=False, description="make the progress review")

            self.push_screen(ReviewDialog(store.engagement().name, team), made)
            return
        screen = screen_for(store, self._kind)
        if screen is not None and type(self.screen) is not type(screen):
            self.push_screen(screen)

    def action_help(self) -> None:
        from screens.help import HelpScreen  # on first use: its Markdown costs 0.1-0.3 s at start

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    @property
    def store(self) -> Store | None:
        return self._store

    @store.setter
    def store(self, store: Store | None) -> None:
        opened = store is not None and store is not self._store
        self._store = store
        self._kind = store.engagement().kind if store is not None else ""
        if self.screen_stack:
            self.refresh_bindings()  # keys that need an open engagement appear or go
        if opened and self._kind in ("workshop", "series", "mentoring"):
            self.action_follow_up()  # no on-site week: their own screen leads

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

    # -- the lock --------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._last_input = monotonic()
        await super().on_event(event)

    def _lock_if_idle(self) -> None:
        # Only with an engagement open: the list of engagements shows file names only.
        idle = monotonic() - self._last_input
        if self.store is not None and self.idle_minutes and idle >= self.idle_minutes * 60:
            self.action_lock()

    def action_lock(self) -> None:
        from screens.unlock import LockScreen

        if self.locked:
            return
        self.locked = True
        self.clear_notifications()
        guard = self.store if self.store is not None else self.opening
        name = guard.path.name if guard is not None else ""
        self.push_screen(LockScreen(guard, name))

    def unlock(self) -> None:
        from screens.unlock import LockScreen

        if self.locked and isinstance(self.screen, LockScreen):
            self.locked = False
            self._last_input = monotonic()
            self.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.locked and action not in ALLOWED_WHILE_LOCKED:
            return False
        if action in ("feedback", "sync"):  # no engagement open: the key is hidden
            return self.store is not None and self._kind != "mentoring"  # private: never leaves
        if action == "follow_up":  # a challenge (to make its review) or a progress review
            return self.store is not None and self._kind in (
                "progress review", *(() if self._kind in ("workshop", "series", "mentoring")
                                     else (self._kind,)))
        return True

    def notify(self, message, *args, **kwargs) -> None:
        if not self.locked:  # a toast would show over the lock screen
            super().notify(message, *args, **kwargs)

    def _close_store(self) -> None:
        self.opening = None
        if self.store is not None:
            self.store.close()
            self.store = None

    def on_unmount(self) -> None:
        self._close_store()


def make_app(path: Path | None = None, home: Path | None = None,
             idle_minutes: float | None = None) -> OnsiteApp:
    """The one way to build the app: used by the command line and the tests.
    idle_minutes: lock after this long idle (None: from settings, default 10; 0: never)."""
    return OnsiteApp(path=path, home=home, idle_minutes=idle_minutes)
