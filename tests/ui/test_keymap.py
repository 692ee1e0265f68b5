"""A user keymap from settings.toml: the keys a peer chose do what the defaults did."""

from __future__ import annotations

from screens.app import make_app
from screens.findings import FindingsScreen
from screens.help import HelpScreen
from screens.week import WeekScreen
from tests.ui.helpers import settle

SIZE = (120, 36)


async def test_keys_from_settings_replace_the_defaults(demo_file):
    (demo_file.parent / "settings.toml").write_text(
        '[keys]\n"week.findings" = "ctrl+b"\n"app.help" = "f2"\n"week.nonsense" = "x"\n',
        encoding="utf-8",
    )
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
        assert any("no binding called week.nonsense" in w for w in app.start_warnings)
        await pilot.press("f")  # the default key no longer opens the board
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert isinstance(app.screen, FindingsScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_a_bad_keymap_is_named_and_the_defaults_stay(demo_file):
    (demo_file.parent / "settings.toml").write_text(
        '[keys]\n"week.findings" = 7\n', encoding="utf-8"
    )
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("week.findings = 7 is not a key" in w for w in app.start_warnings)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FindingsScreen)
