"""The bars at the top and foot of every screen, each one widget. The key bar: what it shows
follows the screen, a click runs the key's action, the mouse shows a key's tooltip, and the
palette's key keeps its place. The title bar: the screen's title, cut to fit, and its icon
opens the command palette."""

from __future__ import annotations

from onsite.store.db import Store
from screens.findings import FindingsScreen
from screens.session import SessionScreen
from screens.week import WeekScreen
from screens.widgets.footer import KeysFooter
from screens.widgets.title_bar import TitleBar
from tests.ui.helpers import screen_text, settle


def _set_me(path) -> None:
    store = Store.open(path)
    store.set_me(store.peers()[0].id)
    store.close()


def _bar(app) -> str:
    return screen_text(app).splitlines()[-1]


def _x(footer: KeysFooter, description: str) -> int:
    return next(start for start, _, key in footer._spans if key.description == description)


async def test_the_bar_follows_the_screen_and_a_click_runs_the_key(demo_file):
    from screens.app import make_app

    _set_me(demo_file)
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        week = app.screen
        assert isinstance(week, WeekScreen)
        bar = _bar(app)
        assert bar.startswith(" [ Previous day  ] Next day  / Search")
        # at 80 columns the keys are cut, never the palette's, which keeps the right edge
        assert bar.endswith("  a Add ▏^p palette") and len(bar) == 79  # its last space not read

        footer = week.query_one(KeysFooter)
        await pilot.hover(KeysFooter, offset=(_x(footer, "Search") + 1, 0))
        assert footer.tooltip == "Search everything written"

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert " ^r Preview  esc Back" in _bar(app)  # the session's keys, not the week's
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is week and _bar(app) == bar

        await pilot.click(KeysFooter, offset=(_x(footer, "Findings") + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, FindingsScreen)


async def test_the_title_follows_the_screen_is_cut_to_fit_and_the_icon_opens_the_palette(demo_file):
    from textual.command import CommandPalette

    from screens.app import make_app

    _set_me(demo_file)
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # the title centred between the icon's 8 columns and the clock's 10
        title = "Onsite — Rennick Vale health and care system peer challenge"
        assert screen_text(app).splitlines()[0] == " ⭘" + " " * 7 + title
        app.screen.sub_title = "Rennick Vale health and care system peer challenge, 2-6 March"
        await settle(pilot)  # longer than the room left (62 columns): cut with an ellipsis
        assert screen_text(app).splitlines()[0] == " ⭘" + " " * 6 + title + ", …"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert "Onsite — " + app.screen.sub_title in screen_text(app).splitlines()[0]
        await pilot.hover(TitleBar, offset=(1, 0))
        assert app.screen.query_one(TitleBar).tooltip == "Open the command palette"
        await pilot.click(TitleBar, offset=(1, 0))
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
