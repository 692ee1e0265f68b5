"""The week screen at start-up: on screen before the store is open.

The app reads the week without the database layer (`onsite.store.light`: importing
SQLAlchemy and SQLModel takes longer than a bare Textual app takes to start), shows it, and
opens the store only after the week's first paint; it then hands the store over
(`store_ready`). What a person asks for in between (a session, the board, a form) waits for
the store and then happens (`NEEDS_STORE`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.widgets import DataTable, Static

if TYPE_CHECKING:
    from onsite.store.cipher import Key
    from onsite.store.db import Store
    from onsite.week.view import DayPlan, Week

FIRST_ROWS = 40  # rows of the day shown put in before the first paint (a tall screen's worth)


def _needs_store(action: Callable) -> Callable:
    """An action that needs the store: asked for before it is open, it runs once it is."""

    @wraps(action)
    def run(self: Any, *args):
        if self.store is None:
            self._waiting.append(lambda: action(self, *args))
            return None
        return action(self, *args)

    setattr(run, "needs_store", True)  # noqa: B010 (a function's attribute: pyright objects to run.x)
    return run


class LightStart:
    """Mixed into the week screen (before the Screen class)."""

    # Every action that reads or writes through the store.
    NEEDS_STORE = (
        "action_open_session",
        "open_session",
        "action_search",
        "action_findings",
        "action_audit",
        "action_report_texts",
        "action_library",
        "action_add_session",
        "action_edit_session",
        "action_cancel_session",
        "action_team",
        "action_lines",
        "action_only_mine",
        "action_switch_peer",
        "action_import_timetable",
    )

    if TYPE_CHECKING:
        store: Store | None
        _waiting: list[Callable[[], object]]
        _later: list[tuple[DataTable, Any]]
        _stale: set[int]
        _painted: Callable[[], None] | None
        load: Any
        _fill: Any
        _columns: Any
        query_one: Any
        call_after_refresh: Any

    class Shown(Message):
        """The week's sessions are on screen for the first time (start-up benchmarks wait
        for it)."""

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        # Through the bases too: some of the week screen's actions live in its mixins
        # (screens/week_import.py, screens/week_sessions.py); each is wrapped once.
        for name in cls.NEEDS_STORE:
            action = getattr(cls, name, None)
            if action is not None and not getattr(action, "needs_store", False):
                setattr(cls, name, _needs_store(action))

    def store_ready(self, store: Store) -> None:
        """The store, opened after the light week was painted: the week's records are read
        again from it (redrawn only if something was written meanwhile), then whatever was
        asked for in between happens."""
        self.store = store
        self.load(swap=True)

    def _day_tables(self, week: Week, shown: int) -> Iterator[tuple[DayPlan, DataTable | None]]:
        """The day shown gets its table now, with a screenful of its sessions before the
        first paint: at scale 10 a day holds 120 sessions, and a table measures every row it
        is given before it can paint. The rest of the day follows just after; each other
        day gets its table the first time it is shown (`_day_table`)."""
        self._later = []
        self._stale = set()
        for plan in week.days:
            if plan.day != shown:
                yield plan, None
                continue
            table = self._new_table(plan.day)
            self._fill(table, plan, upto=FIRST_ROWS)
            if len(plan.sessions) > FIRST_ROWS:
                self._later.append((table, plan))
            yield plan, table

    def _new_table(self, day: int) -> DataTable:
        table = DataTable(id=f"day-{day}", cursor_type="row", zebra_stripes=True)
        self._columns(table)
        return table

    def _show_coverage(self, week: Week) -> None:
        if week.coverage is not None:  # None: the light read left it out
            self.query_one("#coverage", Static).update("Coverage: " + week.coverage.gaps())

    def _after_first_paint(self) -> None:
        later, self._later = self._later, []
        for table, plan in later:
            self._fill(table, plan)
        if self._painted is not None:
            painted, self._painted = self._painted, None
            self.call_after_refresh(painted)  # the app's worker opens the store now

    def _run_waiting(self) -> None:
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()


def light_week(app: Any, path: Path, key: Key | None) -> Any:
    """In the app's opening worker: the week read by the light reader and shown (on the UI
    thread, `app._show_light`); returns its screen once painted, or None where the light
    reader cannot read the file (then the store opens it first, as before)."""
    from threading import Event

    from onsite.store.errors import StoreError
    from onsite.store.light import open_week
    from onsite.week.view import load_week

    try:
        reader = open_week(path, key)
        if reader is None:
            return None
        try:
            # the coverage line comes with the store's read, after the first paint
            week = load_week(reader, coverage=False)  # type: ignore[arg-type]
            mark = reader.change_mark()
        finally:
            reader.close()
    except (StoreError, OSError):
        return None  # opening the store reports it, in an error dialog
    painted = Event()
    screen = app.call_from_thread(app._show_light, path, reader, week, mark, painted.set)
    # The import of the database layer holds the interpreter lock for long stretches: it
    # starts once the week is painted, never during the paint.
    painted.wait(timeout=5)
    return screen
