"""Writes moved into workers by this work, each read back from the store: dropping and
splitting a finding, a status on the board, cancelling a session, saying who you are."""

from __future__ import annotations

from onsite.model import Finding, Session
from onsite.store.db import Store
from screens.app import make_app
from screens.dialogs import AskDialog, PickDialog
from screens.finding import FindingScreen
from screens.findings import FindingsScreen
from screens.session import SessionScreen
from tests.ui.helpers import settle

SIZE = (120, 36)


def _read(path, fn):
    store = Store.open(path)
    try:
        return fn(store)
    finally:
        store.close()


async def test_drop_and_split_a_finding(demo_file):
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        finding = next(
            f
            for f in app.store.findings()
            if f.status != "dropped"
            and app.store.excerpts()
            and any(e.finding_id == f.id for e in app.store.excerpts())
        )
        app.push_screen(FindingScreen(app.store, finding.id))
        await settle(pilot)
        screen = app.screen
        assert screen.items, "a finding with evidence, to split"
        screen.query_one("#evidence").focus()
        screen.query_one("#evidence").highlighted = 0
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, AskDialog)
        await pilot.press(*"A finding of its own", "enter")
        await settle(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
    found = _read(
        demo_file,
        lambda s: (
            s.get(Finding, finding.id),
            [f for f in s.findings() if f.statement == "A finding of its own"],
        ),
    )
    assert found[0].status == "dropped"
    assert len(found[1]) == 1


async def test_the_board_moves_a_findings_status_on(demo_file):
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        board = app.screen
        assert isinstance(board, FindingsScreen)
        table = board.query_one("#strength")
        table.focus()
        keys = [
            str(table.coordinate_to_cell_key((i, 0)).row_key.value) for i in range(table.row_count)
        ]
        row = next(i for i, key in enumerate(keys) if not key.startswith("theme:"))  # a finding
        table.move_cursor(row=row)
        await pilot.pause()
        card = board._current()
        assert card is not None
        before = card.finding.status
        await pilot.press("s")
        await settle(pilot)
    after = _read(demo_file, lambda s: s.get(Finding, card.finding.id).status)
    assert after != before


async def test_cancel_a_session_from_the_week(demo_file):
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session = app.screen.current_session()
        assert session is not None and not session.cancelled
        await pilot.press("c")
        await settle(pilot)
    assert _read(demo_file, lambda s: s.get(Session, session.id).cancelled)


async def test_saying_who_uses_this_laptop(demo_file):
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PickDialog)  # a copied file: nobody is "me" yet
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
    assert _read(demo_file, lambda s: s.me())


async def test_the_demo_from_the_list_of_engagements(tmp_path):
    from screens.week import WeekScreen

    app = make_app(home=tmp_path, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        for _ in range(100):  # creating the demo takes a moment: the app builds, then opens it
            await pilot.pause(0.1)
            if isinstance(app.screen, WeekScreen) and app.screen.week is not None:
                break
        await settle(pilot)  # the week's days are still being laid out when .week is set
        assert isinstance(app.screen, WeekScreen) and app.store is not None
        assert app.screen.query_one("#day-1").is_mounted
    assert _read(tmp_path / "demo.onsite", lambda s: len(s.sessions())) > 10
