"""The in-use claim (NAME.onsite.lock) is there while the engagement is open and gone after a
normal quit or a return to the list: the folder holds the engagement, not litter. A command
on the command line leaves none either."""

from __future__ import annotations

from onsite.cli import main
from onsite.store.inuse import lock_path
from screens.app import make_app
from screens.home import HomeScreen
from screens.week import WeekScreen
from tests.ui.helpers import settle

SIZE = (100, 30)


def _names(folder) -> set[str]:
    return {p.name for p in folder.iterdir()}


async def test_quitting_leaves_no_claim_file(demo_file, tmp_path_factory):
    before = _names(demo_file.parent)
    app = make_app(demo_file, home=tmp_path_factory.mktemp("home"), idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
        assert lock_path(demo_file).exists()  # open: claimed, so a second window is told
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert not lock_path(demo_file).exists()
    assert _names(demo_file.parent) - before == set()


async def test_back_to_the_list_lets_go_of_the_claim(demo_file):
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen) and lock_path(demo_file).exists()
        app.action_home()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not lock_path(demo_file).exists()  # closed while the app runs on
        app.open_engagement(demo_file)
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen) and lock_path(demo_file).exists()
    assert not lock_path(demo_file).exists()


def test_a_command_leaves_no_claim_file(demo_file, capsys):
    before = _names(demo_file.parent)
    assert main(["timetable", "show", str(demo_file)]) == 0
    assert "Day 1" in capsys.readouterr().out
    assert not lock_path(demo_file).exists()
    assert _names(demo_file.parent) - before == set()
