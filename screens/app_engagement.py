"""The open engagement: the app opens it (through the passphrase dialog where it is
encrypted; first as a light week, the store after the first paint), makes a new one or the
demo, hands the store to the screens, and closes it (in a worker, or at once as the app ends).
One engagement is open at a time; going home closes it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App

if TYPE_CHECKING:
    from onsite.store.cipher import Key
    from onsite.store.db import Store
    from onsite.store.inuse import Claim, Holder
    from onsite.store.light import WeekReader
    from onsite.week.view import Week
    from screens.dialogs import NewEngagement
    from screens.week import WeekScreen


class EngagementApp(App):
    """The part of OnsiteApp that owns the open engagement; OnsiteApp adds the keys, the lock,
    saving before leaving, sync and the follow-up screens."""

    home_folder: Path | None  # where engagements are listed: OnsiteApp's
    action_follow_up: Callable[[], None]  # OnsiteApp's: a follow-up leads with its own screen

    def __init__(self) -> None:
        super().__init__()
        self._store: Store | None = None
        self._kind = ""  # the open engagement's kind
        self._claim: Claim | None = None
        self.open_twice: Holder | None = None  # who else had the open engagement open
        self.opening: WeekReader | None = None  # the light reader while the store opens

    @property
    def store(self) -> Store | None:
        return self._store

    @store.setter
    def store(self, store: Store | None) -> None:
        self._store = store
        if store is None:
            self._kind = ""  # set with an opened store by the worker that opened it
        if self.screen_stack:
            self.refresh_bindings()  # keys that need an open engagement appear or go

    def open_engagement(self, path: Path, store: Store | None = None) -> None:
        """Show an engagement's week; an encrypted one asks for its passphrase first.
        `store`: already open (just created); the app takes it over and will close it."""
        from onsite.paths import remember
        from onsite.store.errors import StoreError
        from onsite.store.files import ENCRYPTED, file_kind

        path = Path(path)
        remember(path, self.home_folder)  # listed among the engagements wherever it is
        self._home()  # opened from the list of engagements: nothing above it to save
        from onsite.paths import sync_client_warning

        warning = sync_client_warning(path)
        if warning:  # a sync client copying the live file can damage it
            self.notify(
                warning, title="In a synced folder", severity="warning", timeout=15, markup=False
            )
        if store is not None:
            self.open_store(path, store)
            return
        try:
            encrypted = file_kind(path) == ENCRYPTED
        except StoreError:
            encrypted = False  # opening it reports the problem in an error dialog
        if encrypted:
            from screens.unlock import PassphraseDialog

            def unlocked(key: Key | None) -> None:
                if key is not None:
                    self.open_store(path, key=key)

            self.push_screen(PassphraseDialog(path), unlocked)
            return
        self.open_store(path)

    @work(
        thread=True,
        exclusive=True,
        group="store",
        exit_on_error=False,
        description="open the engagement",
    )
    def open_store(self, path: Path, store: Store | None = None, key: Key | None = None) -> None:
        """`key`: an encrypted engagement's, from its passphrase (not derived a second time).

        The week is first read without the database layer (`onsite.store.light`: importing
        SQLAlchemy and SQLModel takes longer than a bare Textual app takes to start) and put
        on screen; only after that first paint is the store opened, in this same worker, and
        handed to the week screen. Where the light reader cannot go (a schema to upgrade),
        the store opens first, as before."""
        from onsite.store.inuse import claim
        from screens.week_start import light_week

        light = None if store is not None else light_week(self, path, key)
        from onsite.store.db import Store
        from onsite.week.view import load_week

        store = store or Store.open(path, key=key)
        try:
            week = None if light is not None else load_week(store)
            kind = store.engagement().kind  # read here: the UI thread never asks the store
        except BaseException:
            store.close()  # the error dialog says why; nothing is left open behind it
            raise
        self.call_from_thread(self._opened, store, claim(path), week, kind, light)

    def _show_light(
        self,
        path: Path,
        reader: WeekReader,
        week: Week,
        mark: tuple[int, str],
        painted: Callable[[], None],
    ) -> WeekScreen:
        from screens.week import WeekScreen

        self._close_store()
        self.opening = reader  # checks the passphrase should the app be locked meanwhile
        screen = WeekScreen(None, week, path=path, mark=mark, painted=painted)
        self.push_screen(screen)
        return screen

    def _opened(
        self,
        store: Store,
        claim: Claim,
        week: Week | None,
        kind: str,
        light: WeekScreen | None = None,
    ) -> None:
        from screens.week import WeekScreen

        self.opening = None
        if light is None or light.store is not None or not light.is_attached:
            light = None  # gone home meanwhile: the week is shown afresh
        self._close_store()  # the light week holds no store: nothing of it to close
        self._kind = kind
        self.store, self._claim = store, claim
        self.open_twice = claim.other
        if claim.other is not None:
            self.notify(
                f"{store.path.name} is already open in another window "
                f"({claim.other.describe()}). Both can be used, but typing into the same "
                "note in both makes conflicts to settle; close one of them.",
                title="Open twice",
                severity="warning",
                timeout=20,
                markup=False,
            )
        if light is not None:
            light.store_ready(store)
        else:
            self.push_screen(WeekScreen(store, week))
        if kind in ("workshop", "series", "mentoring"):
            self.action_follow_up()  # no on-site week: their own screen leads, above the week

    def create_engagement(self, folder: Path, answer: NewEngagement) -> None:
        self._create(folder, answer)

    # Making a file (a new engagement, the demo) is its own group: it ends by opening the
    # file, and an exclusive worker of the same group would cancel the one that started it
    # (anything waiting on it, a test's settle, then sees WorkerCancelled).
    @work(
        thread=True,
        exclusive=True,
        group="make",
        exit_on_error=False,
        description="create the engagement",
    )
    def _create(self, folder: Path, answer: NewEngagement) -> None:
        from onsite.engagement.kinds import DEFAULT
        from onsite.engagement.setup import new_engagement
        from onsite.paths import safe_file_name
        from onsite.store.files import SUFFIX

        path = folder / f"{safe_file_name(answer.name)}{SUFFIX}"
        n = 2
        while path.exists():
            path = folder / f"{safe_file_name(answer.name)} {n}{SUFFIX}"
            n += 1
        store = new_engagement(
            path,
            name=answer.name,
            start=answer.start,
            days=answer.days,
            passphrase=answer.passphrase,
            kind=answer.kind or DEFAULT,
            system=answer.system,
            scope=answer.scope,
            home=folder,
        )
        self.call_from_thread(self.open_engagement, path, store)

    @work(
        thread=True, exclusive=True, group="make", exit_on_error=False, description="open the demo"
    )
    def open_demo(self, folder: Path, done: Callable[[], None] | None = None) -> None:
        """`done`: called on the UI thread once the demo is made or has failed (the home
        screen's loading sign)."""
        from onsite.store.files import SUFFIX
        from onsite.synth import demo

        path = folder / f"demo{SUFFIX}"
        try:
            if not path.exists():
                self.call_from_thread(self.notify, "Creating the demo engagement…")
                demo.create(path).close()
        finally:
            if done is not None:
                self.call_from_thread(done)
        self.call_from_thread(self.open_engagement, path)

    def _home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self._close_store()

    def _close_store(self, now: bool = False) -> None:
        """Let go of the engagement: in a worker (closing checkpoints the write-ahead log,
        which can take a moment), or at once as the app ends."""
        store, claim = self.store, self._claim
        self.store, self._claim = None, None
        if claim is not None:
            claim.release()  # at once: opening the file again straight away is not a second window
        if store is None:
            return
        if now:
            _dispose(store)
        else:
            self.dispose_store(store)

    @work(thread=True, group="close", exit_on_error=False, description="close the engagement")
    def dispose_store(self, store: Store) -> None:
        _dispose(store)

    def on_unmount(self) -> None:
        self._close_store(now=True)


def _dispose(store: Store) -> None:
    store.close()
