"""The week screen's dialogs write: add, edit/move and import land in the store, even though
the week reloads when the dialog closes (a reload must never cancel the save)."""

from __future__ import annotations

from onsite.store.db import Store
from screens.app import make_app
from screens.dialogs import SessionForm
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


async def test_a_new_engagement_without_a_system_names_none_in_the_week_title(tmp_path):
    """A blank engagement, as `onsite new` makes it before anyone says which system."""
    from datetime import date

    from textual.widgets import Static

    from onsite.engagement.setup import new_engagement

    path = tmp_path / "Blank week.onsite"
    new_engagement(path, name="Blank week", start=date(2027, 3, 1), days=3).close()
    app = make_app(path, home=tmp_path, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
        title = str(app.screen.query_one("#title", Static).render())
    assert title == "Blank week  ·  Mon 01 Mar – Wed 03 Mar 2027"
