"""Start-up: the week is on screen from the light reader before the store is open; what a
person asks for meanwhile waits for the store and then happens."""

from __future__ import annotations

from onsite.model import Session
from onsite.store.db import Store
from onsite.store.light import LightSession, open_week
from onsite.week.view import load_week
from screens.app import make_app
from screens.session import SessionScreen
from screens.week import WeekScreen
from tests.ui.helpers import screen_text, settle

SIZE = (120, 36)


def _set_me(path) -> None:
    store = Store.open(path)
    store.set_me(store.peers()[0].id)
    store.close()


async def test_opening_shows_the_light_week_then_hands_over_the_store(demo_file):
    _set_me(demo_file)
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        week = app.screen
        assert isinstance(week, WeekScreen)
        assert week.store is app.store and app.store is not None
        # the light records were swapped for the store's (a write needs the model's)
        assert all(
            isinstance(line.session, Session) for plan in week.week.days for line in plan.sessions
        )
        # the coverage line, left out of the light read, came with the store's
        assert week.week.coverage is not None
        assert "Coverage: " in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)


async def test_a_session_asked_for_before_the_store_opens_opens_once_it_does(demo_file):
    _set_me(demo_file)
    reader = open_week(demo_file)
    assert reader is not None
    week, mark = load_week(reader), reader.change_mark()  # type: ignore[arg-type]
    reader.close()
    app = make_app(home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = WeekScreen(None, week, path=demo_file, mark=mark)
        app.push_screen(screen)
        await settle(pilot)
        assert isinstance(screen.week.days[0].sessions[0].session, LightSession)
        await pilot.press("down", "enter")  # the second session of the day shown
        await settle(pilot)
        assert app.screen is screen  # no store yet: the session waits for it
        wanted = screen.week.days[screen.week.today() - 1].sessions[1].session.id
        store = Store.open(demo_file)
        app.store = store  # the app closes it when the test's app ends
        screen.store_ready(store)
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session_id == wanted


async def test_a_form_asked_for_before_the_store_opens_opens_once_it_does(demo_file):
    """An action that lives in one of the week screen's mixins (adding a session:
    screens/week_sessions.py) waits for the store like the screen's own."""
    from screens.dialogs import SessionForm

    reader = open_week(demo_file)
    assert reader is not None
    week, mark = load_week(reader), reader.change_mark()  # type: ignore[arg-type]
    reader.close()
    app = make_app(home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = WeekScreen(None, week, path=demo_file, mark=mark)
        app.push_screen(screen)
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert app.screen is screen  # no store yet: the form waits for it
        store = Store.open(demo_file)
        app.store = store  # the app closes it when the test's app ends
        screen.store_ready(store)
        await settle(pilot)
        assert isinstance(app.screen, SessionForm)
