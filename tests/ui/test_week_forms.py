"""The week screen's dialogs write: add, edit/move and import land in the store, even though
the week reloads when the dialog closes (a reload must never cancel the save)."""

from __future__ import annotations

from onsite.store.db import Store
from screens.app import make_app
from screens.dialogs import AskDialog, SessionForm
from screens.week import WeekScreen
from tests.ui.helpers import settle

SIZE = (120, 36)


async def test_add_a_session_from_the_week_lands_in_the_store(demo_file):
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, SessionForm)
        form = app.screen
        form.query_one("#start").value = "16:00"
        form.query_one("#end").value = "16:45"
        form.query_one("#title").value = "Carers' forum"
        await pilot.click("#save")
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
    store = Store.open(demo_file)
    try:
        added = [s for s in store.sessions() if s.title == "Carers' forum"]
        assert len(added) == 1 and added[0].start == "16:00" and added[0].day == 1
    finally:
        store.close()


async def test_edit_moves_a_session_to_another_day(demo_file):
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        week = app.screen
        session = week.current_session()
        assert session is not None
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, SessionForm)
        app.screen.query_one("#day").value = "3"
        await pilot.click("#save")
        await settle(pilot)
    store = Store.open(demo_file)
    try:
        assert next(s for s in store.sessions() if s.id == session.id).day == 3
    finally:
        store.close()


async def test_import_a_timetable_from_the_week(demo_file, tmp_path):
    csv = tmp_path / "extra.csv"
    csv.write_text("day,start,end,kind,title\n"
                   "2,18:00,19:00,interview,Late meeting with the mayor\n", encoding="utf-8")
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, AskDialog)
        await pilot.press(*str(csv), "enter")
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
    store = Store.open(demo_file)
    try:
        assert any(s.title == "Late meeting with the mayor" for s in store.sessions())
    finally:
        store.close()
