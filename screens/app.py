"""The Onsite app: screens are pushed here; data is loaded by each screen's workers. Opening,
holding and closing the engagement is screens.app_engagement's (EngagementApp, its base).

The app also keeps the lock: after `idle_minutes` without a key or mouse event, or on
F12 / Ctrl+\\, a LockScreen covers every screen, notifications are cleared and held back,
and only quitting works until the passphrase is given again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath
from time import monotonic
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from screens.app_engagement import EngagementApp
from screens.commands import OnsiteCommands
from screens.home import HomeScreen

if TYPE_CHECKING:
    from onsite.store.db import Store
    from screens.follow_up import NewReview

ALLOWED_WHILE_LOCKED = {"quit"}
HERE = Path(__file__).parent
# The dialogs' shared frame first, so that a screen's own rules come after it and win a tie.
STYLES: list[str | PurePath] = [
    HERE / "dialogs.tcss",
    *sorted(p for p in HERE.rglob("*.tcss") if p.name != "dialogs.tcss"),
]


class OnsiteApp(EngagementApp):
    TITLE = "Onsite"
    # Every screen's styles (the .tcss beside each screen), loaded once as the app starts. A
    # screen's own CSS_PATH would be read the first time it is shown, and Textual then parses
    # every rule again, its widgets' included, and restyles every screen: 75 ms a screen. Each
    # file's rules sit under its screen's name, so loading them early styles nothing else.
    CSS_PATH = STYLES
    COMMANDS = App.COMMANDS | {OnsiteCommands}
    BINDINGS = [
        Binding(
            "f1,question_mark", "help", "Help", id="app.help", tooltip="Keys and how Onsite works"
        ),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="app.quit",
            priority=True,
            tooltip="Quit; everything is already saved",
        ),
        Binding(
            "ctrl+e",
            "feedback",
            "Feedback",
            id="app.feedback",
            tooltip="Daily updates, wash-up, final feedback, report and export",
        ),
        Binding(
            "f12,ctrl+backslash",
            "lock",
            "Lock",
            id="app.lock",
            priority=True,
            show=False,
            tooltip="Lock Onsite: the screen hides everything until the passphrase is given",
        ),
        Binding(
            "ctrl+s",
            "sync",
            "Sync",
            id="app.sync",
            tooltip="Send this laptop's changes to the team's shared folder and take in "
            "everyone else's",
        ),
        Binding(
            "f6",
            "follow_up",
            "Progress review",
            id="app.follow_up",
            show=False,
            tooltip="On a peer challenge: make its progress review. On a progress review: "
            "progress per recommendation, the report, the export",
        ),
    ]

    def __init__(
        self,
        path: Path | None = None,
        home: Path | None = None,
        idle_minutes: float | None = None,
        clock: Callable[[], float] = monotonic,
    ) -> None:
        super().__init__()
        self.start_path = path
        self.home_folder = home
        self.idle_minutes = idle_minutes
        self.start_warnings: list[str] = []
        self.locked = False
        self._clock = clock  # seconds; the idle lock's (a test passes one it can move on)
        self._last_input = clock()

    def on_mount(self) -> None:
        if self.home_folder is None:
            from onsite.paths import home

            self.home_folder = home()
        from onsite import settings

        try:
            chosen = settings.load(self.home_folder)
        except settings.SettingsError as e:
            chosen = settings.Settings()
            self.warn_at_start(
                f"{e}; using the defaults (locking after {chosen.idle_minutes:g} "
                "minutes, the standard keys)"
            )
        if self.idle_minutes is None:
            self.idle_minutes = chosen.idle_minutes
        if chosen.keys:
            self.apply_keymap(chosen.keys)
        if self.idle_minutes:
            self.set_interval(
                min(5.0, self.idle_minutes * 60 / 4), self._lock_if_idle, name="idle lock"
            )
        self.push_screen(HomeScreen(self.home_folder))
        if self.start_path is not None:
            self.open_engagement(self.start_path)

    def warn_at_start(self, text: str) -> None:
        """A problem with the settings: kept (the tests read it) and shown as a toast."""
        self.start_warnings.append(text)
        self.notify(text, severity="warning", timeout=20, markup=False)

    def apply_keymap(self, keys: dict[str, str]) -> None:
        """The user's own keys (settings.toml, [keys]): binding id = keys."""
        from screens.keymap import binding_ids

        unknown = sorted(set(keys) - binding_ids())
        if unknown:
            self.warn_at_start(
                f"settings.toml [keys]: no binding called {', '.join(unknown)}; "
                'the help screen (F1) lists the ids under "Your own keys"'
            )
        self.set_keymap(keys)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.node is self:
            from screens.dialogs import ErrorDialog

            error = event.worker.error
            self.push_screen(
                ErrorDialog(
                    title=f"Could not {event.worker.description or 'finish'}",
                    message=str(error) or type(error).__name__,
                )
            )

    def action_home(self) -> None:
        if len(self.screen_stack) > 2:
            self.leave(self.screen_stack[2:], self._home)
        else:
            self._home()

    # -- leaving with words unsaved ---------------------------------------------------------

    def leave(
        self,
        screens: Screen | list[Screen],
        then: Callable[[], object],
        leaving: bool = True,
        quitting: bool = False,
    ) -> None:
        """Save what the screens' texts have pending (in workers), then `then()`. If a save
        fails, and the screens are being left, ask: a recovery file, stay, or leave anyway."""
        self._leave(screens if isinstance(screens, list) else [screens], then, leaving, quitting)

    @work(exclusive=True, group="leave", exit_on_error=False, description="save before leaving")
    async def _leave(
        self, screens: list[Screen], then: Callable[[], object], leaving: bool, quitting: bool
    ) -> None:
        from textual.worker import WorkerCancelled, WorkerFailed

        from screens.dialogs import UnsavedDialog
        from screens.widgets.autosave import AutosaveHost, save_everything

        hosts: list[AutosaveHost] = [
            node
            for screen in screens
            for node in (screen, *screen.query("*"))
            if isinstance(node, AutosaveHost)
        ]
        failures = await save_everything(hosts)
        for screen in screens:  # the screens beside the week save their texts in a worker
            flush = getattr(screen, "flush", None)
            saving = flush() if callable(flush) else None
            if not isinstance(saving, Worker):  # nothing to save
                continue
            try:
                await saving.wait()
            except (WorkerCancelled, WorkerFailed) as e:  # the words stay on screen, unsaved
                self.notify(f"Could not save the texts: {e}", severity="error", markup=False)
                return
        if not failures or not leaving:
            then()
            return

        def answered(choice: str | None) -> None:
            if choice == UnsavedDialog.RECOVER:
                self.write_recovery(failures, then)
            elif choice == UnsavedDialog.DISCARD:
                then()

        labels = [] if self.locked else [f"{p.label}: {why}" for p, why in failures]
        self.push_screen(UnsavedDialog(len(failures), labels, quitting), answered)

    @work(thread=True, group="recovery", exit_on_error=False, description="write a recovery file")
    def write_recovery(self, failures: list, then: Callable[[], object]) -> None:
        from onsite.recovery import write_recovery

        engagement = self.store.path if self.store is not None else Path("onsite")
        why = "; ".join(sorted({why for _, why in failures}))
        target = write_recovery(engagement, [(p.label, p.text) for p, _ in failures], why)
        self.call_from_thread(
            self.notify,
            f"Unsaved text written to {target}",
            title="Recovery file",
            timeout=30,
            markup=False,
        )
        self.call_from_thread(then)

    def action_sync(self) -> None:
        if self.store is None:
            self.notify(
                "Open an engagement first: sync exchanges one engagement's changes.",
                severity="warning",
            )
            return
        if self._kind == "mentoring":
            from onsite.engagement.follow_up import PRIVATE_SYNC

            self.notify(PRIVATE_SYNC.capitalize() + ".", severity="warning")
            return
        # what is typed but not yet saved goes in the bundle
        self.leave(list(self.screen_stack), self._sync, leaving=False)

    def _sync(self) -> None:
        from screens.sync import SyncScreen

        if self.store is None:
            return
        if isinstance(self.screen, SyncScreen):
            self.screen.action_sync()
        else:
            self.push_screen(SyncScreen(self.store))

    def action_follow_up(self) -> None:
        """A progress review's recommendations (a workshop's ratings open by themselves); on a
        peer challenge, make its progress review."""
        from onsite.engagement.follow_up import KINDS
        from screens.follow_up import screen_for

        if self.store is None:
            return
        if self._kind not in KINDS:
            self._ask_review(self.store)
            return
        Serving = screen_for(self._kind)  # a screen class: it keeps the store, asks in workers
        if Serving is not None and type(self.screen) is not Serving:
            self.push_screen(Serving(self.store))

    @work(thread=True, group="follow-up", exit_on_error=False, description="read the challenge")
    def _ask_review(self, store: Store) -> None:
        """What the review dialog shows (the challenge's name, its team) is read here."""
        name, team = store.engagement().name, ", ".join(p.initials for p in store.peers())
        self.call_from_thread(self._review_dialog, store, name, team)

    def _review_dialog(self, store: Store, name: str, team: str) -> None:
        from screens.follow_up import ReviewDialog

        def made(answer: NewReview | None) -> None:
            if answer:
                self._make_review(store, answer)

        self.push_screen(ReviewDialog(name, team), made)

    @work(
        thread=True, group="follow-up", exit_on_error=False, description="make the progress review"
    )
    def _make_review(self, store: Store, answer: NewReview) -> None:
        from screens.follow_up import make_review

        make_review(self, store, answer)

    def action_help(self) -> None:
        from screens.help import HelpScreen  # on first use: its Markdown costs 0.1-0.3 s at start

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_feedback(self) -> None:
        from screens.feedback import FeedbackScreen

        if self.store is not None and not isinstance(self.screen, FeedbackScreen):
            self.push_screen(FeedbackScreen(self.store))

    async def action_quit(self) -> None:
        """Save every open text first: quitting never loses a word without asking."""
        self.leave(list(self.screen_stack), self.exit, quitting=True)

    # -- the lock --------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._last_input = self._clock()
        await super().on_event(event)

    def _lock_if_idle(self) -> None:
        # Only with an engagement open: the list of engagements shows file names only.
        idle = self._clock() - self._last_input
        if self.store is not None and self.idle_minutes and idle >= self.idle_minutes * 60:
            self.action_lock()

    def action_lock(self) -> None:
        from screens.unlock import LockScreen

        if self.locked:
            return
        self.locked = True
        self.clear_notifications()
        checker = self.store if self.store is not None else self.opening
        name = checker.path.name if checker is not None else ""
        self.push_screen(LockScreen(checker, name))

    def unlock(self) -> None:
        from screens.unlock import LockScreen

        if self.locked and isinstance(self.screen, LockScreen):
            self.locked = False
            self._last_input = self._clock()
            self.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.locked and action not in ALLOWED_WHILE_LOCKED:
            return False
        if action in ("feedback", "sync"):  # no engagement open: the key is hidden
            return self.store is not None and self._kind != "mentoring"  # private: never leaves
        if action == "follow_up":  # a challenge (to make its review) or a progress review
            return self.store is not None and self._kind in (
                "progress review",
                *(() if self._kind in ("workshop", "series", "mentoring") else (self._kind,)),
            )
        return True

    def notify(self, message, *args, **kwargs) -> None:
        if not self.locked:  # a toast would show over the lock screen
            super().notify(message, *args, **kwargs)


def make_app(
    path: Path | None = None,
    home: Path | None = None,
    idle_minutes: float | None = None,
    clock: Callable[[], float] = monotonic,
) -> OnsiteApp:
    """The one way to build the app: used by the command line and the tests.
    idle_minutes: lock after this long idle (None: from settings, default 10; 0: never).
    clock: what idle time is measured by (seconds; monotonic)."""
    return OnsiteApp(path=path, home=home, idle_minutes=idle_minutes, clock=clock)
