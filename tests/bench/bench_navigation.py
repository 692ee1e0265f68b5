"""Navigation: from a key's action to the new screen's data painted, inside the app.

The app runs headless (Pilot's run_test, 120x36) on a copy of the synthetic engagement,
with its store open. Each figure starts the clock just before the action a key would run
(open a session, the board, ...) and stops at the end of the first refresh after the last
message that brings the screen its data (the screen's Loaded, Found, Previews...) has been
handled: seen through Textual's `message_signal`, which is published after a message's
handlers have run, then `call_after_refresh`. The benchmark waits until the app is quiet
(no worker running, nothing more painted) before it reads the clock, so later messages
count too; Pilot's own waiting is not in the figure.

Targets: under 100 ms at scale 1 and 200 ms at scale 10 (the 100 ms target is shown; read
the scale-10 column against 200).
"""

from __future__ import annotations

import asyncio
import inspect
import tempfile
import time
from pathlib import Path

from tests.bench import common

SESSION = "navigate: open a session (its notes)"
BOARD = "navigate: open the findings board"
FINDING = "navigate: open a finding"
BACK = "navigate: back to the week (reloaded if anything was written)"
FEEDBACK = "navigate: open the feedback screen"
TAB = "navigate: feedback tab {}"
TOGGLE = "navigate: toggle a finding in or out of the feedback"
SEARCH = "navigate: search results (a word typed)"
SYNC = "navigate: open the sync screen (re-sync, nothing new)"
TABS = ("washup", "feedback", "report", "export", "update")
NAMES = [
    SESSION,
    BOARD,
    FINDING,
    BACK,
    FEEDBACK,
    *(TAB.format(t) for t in TABS),
    TOGGLE,
    SEARCH,
    SYNC,
]
TARGETS = dict.fromkeys(NAMES, "< 100")
RUNS = 3


_ORIGINAL_DISPATCH: dict = {}


def _unwatch() -> None:
    from textual.message_pump import MessagePump

    if "dispatch" in _ORIGINAL_DISPATCH:
        MessagePump._dispatch_message = _ORIGINAL_DISPATCH["dispatch"]  # type: ignore[method-assign]


class Stopwatch:
    """Times an action until the app has painted the last of the messages it waits for."""

    def __init__(self, app) -> None:
        from textual.message_pump import MessagePump

        self.app = app
        self.types: tuple[type, ...] = ()
        self.painted: float | None = None
        # Every node's messages, not only those that reach the app: the feedback screen's
        # panes stop their own (Loaded, Compiled) where they are handled. `message_signal`
        # is per node and the panes are built when first shown, so the dispatch itself is
        # watched, as the signal would be (after the handlers have run).
        dispatch = _ORIGINAL_DISPATCH.setdefault("dispatch", MessagePump._dispatch_message)

        async def watched(pump, message):
            try:
                return await dispatch(pump, message)
            finally:
                self._seen(message)

        MessagePump._dispatch_message = watched  # type: ignore[method-assign]

    def close(self) -> None:
        _unwatch()

    def _seen(self, message) -> None:
        if self.types and isinstance(message, self.types):
            self.app.call_after_refresh(self._paint)

    def _paint(self) -> None:
        self.painted = time.perf_counter()

    def _busy(self) -> bool:
        return any(w.is_running for w in self.app.workers)

    async def quiet(self, timeout: float = 120) -> None:
        """Until no worker runs and nothing more is painted (and, while timing, something
        awaited has been painted at least once)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            while self._busy():  # not wait_for_complete: it raises on a cancelled worker
                await asyncio.sleep(0.01)
            before = self.painted
            await asyncio.sleep(0.15)
            waiting = bool(self.types) and self.painted is None
            if not waiting and not self._busy() and self.painted == before:
                return
        raise RuntimeError("the app did not settle")

    async def time(self, action, *types: type, paint: bool = False) -> float:
        """`paint`: the action's own refresh counts (a screen that may have nothing to load)."""
        self.types, self.painted = types, None
        started = time.perf_counter()
        result = action()
        if inspect.isawaitable(result):
            await result
        if paint:
            self.app.call_after_refresh(self._paint)
        await self.quiet()
        self.types = ()
        if self.painted is None:
            raise RuntimeError(f"nothing painted after {action}")
        return (self.painted - started) * 1000


async def _run(path: Path, home: Path) -> list[tuple[str, float, str]]:
    from textual.widgets import Button, DataTable, Input, TabbedContent

    from screens.app import make_app
    from screens.feedback.previews import FeedbackPane, PreviewPane
    from screens.feedback.update import DailyUpdatePane
    from screens.finding import FindingScreen
    from screens.findings import FindingsScreen
    from screens.search import SearchScreen
    from screens.session import SessionScreen
    from screens.sync import SyncScreen
    from screens.week import WeekScreen

    app = make_app(path, home=home, idle_minutes=0)
    found: list[tuple[str, float, str]] = []
    async with app.run_test(size=(120, 36)) as pilot:
        watch = Stopwatch(app)
        for _ in range(600):
            if app.store is not None:
                break
            await pilot.pause(0.05)
        await watch.quiet()
        week = app.screen
        assert isinstance(week, WeekScreen), app.screen
        store = app.store
        session = next(line.session for plan in week.week.days for line in plan.sessions)

        async def back(to) -> None:
            while app.screen is not to:
                app.pop_screen()
                await watch.quiet()

        found.append(
            (
                SESSION,
                await watch.time(lambda: week.open_session(session.id), SessionScreen.Loaded),
                "ms",
            )
        )
        await back(week)
        found.append((BOARD, await watch.time(week.action_findings, FindingsScreen.Loaded), "ms"))
        board = app.screen
        if board.board.cards:  # a board with no finding has none to open
            finding = board.board.cards[0].finding
            found.append(
                (
                    FINDING,
                    await watch.time(
                        lambda: app.push_screen(FindingScreen(store, finding.id)),
                        FindingScreen.Loaded,
                    ),
                    "ms",
                )
            )
            await back(board)
        found.append((BACK, await watch.time(app.pop_screen, WeekScreen.Loaded, paint=True), "ms"))
        await watch.quiet()
        # Each tab's pane is built the first time it is shown; its data comes in its own
        # message (the daily update's Loaded, a preview's or the feedback's Compiled).
        loaded = (DailyUpdatePane.Loaded, PreviewPane.Compiled, FeedbackPane.Compiled)
        found.append(
            (FEEDBACK, await watch.time(app.action_feedback, DailyUpdatePane.Loaded), "ms")
        )
        feedback = app.screen
        tabs = feedback.query_one("#tabs", TabbedContent)
        for tab in TABS:
            found.append(
                (
                    TAB.format(tab),
                    await watch.time(
                        lambda tab=tab: setattr(tabs, "active", f"tab-{tab}"),
                        TabbedContent.TabActivated,
                        *loaded,
                    ),
                    "ms",
                )
            )
        tabs.active = "tab-feedback"
        await watch.quiet()
        pane = feedback.pane("tab-feedback")
        assert isinstance(pane, FeedbackPane), pane
        pane.query_one("#items", DataTable).focus()
        if pane.items:
            toggles = []
            # In, then out again: the engagement is left as it was. Quick: in only (the
            # copy is thrown away, and out is the same code again).
            for _ in range(1 if common.quick() else 2):
                toggles.append(
                    await watch.time(
                        pane.query_one("#item-toggle", Button).press, FeedbackPane.Compiled
                    )
                )
            found.append((TOGGLE, max(toggles), "ms"))
        await back(week)
        search = SearchScreen(store)
        app.push_screen(search)
        await watch.quiet()
        found.append(
            (
                SEARCH,
                await watch.time(
                    lambda: setattr(search.query_one("#query", Input), "value", "discharge"),
                    SearchScreen.Found,
                ),
                "ms",
            )
        )
        await back(week)
        found.append(
            (SYNC, await watch.time(app.action_sync, SyncScreen.Loaded, SyncScreen.Synced), "ms")
        )
        await back(week)
        watch.close()
    return found


def figures(scale: float) -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory(prefix="onsite-bench-nav-") as tmp:
        folder = Path(tmp)
        path = common.copy_of(scale, folder, name="navigation.onsite")
        shared = folder / "shared"
        shared.mkdir()
        from onsite.store.db import Store

        store = Store.open(path)
        try:
            store.set_me(store.peers()[0].id)
            store.set_meta("sync_folder", str(shared))
            from onsite.sync import exchange

            exchange.sync(store, shared)  # this laptop's week sent long ago: the screen re-syncs
        finally:
            store.close()
        try:
            return asyncio.run(_run(path, folder))
        finally:  # a step that failed left the dispatch watched: the runner may be in a test
            _unwatch()


if __name__ == "__main__":  # one run at scale 1, for trying it alone
    import sys

    for name, value, unit in figures(float(sys.argv[1]) if len(sys.argv) > 1 else 1):
        print(f"{value:10.1f} {unit}  {name}")
