"""Screens read without cut words at 80x24 and use the width at 200x50."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from screens.app import make_app
from screens.coverage import CoverageScreen
from screens.findings import FindingsScreen
from screens.session import SessionScreen
from tests.ui.helpers import screen_text, settle
from tests.ui.test_app import _me

SIZES = [(80, 24), (200, 50)]


@pytest.mark.parametrize("size", SIZES)
async def test_week_session_and_board_cut_no_words(demo_file, size):
    _me(demo_file)
    app = make_app(demo_file, home=demo_file.parent)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        week = app.screen
        assert "…" not in screen_text(app)
        titles = week.query_one("#day-1", DataTable).columns["Session"].width
        assert titles >= (28 if size[0] == 80 else 100)
        assert week.query_one("#side").display == (size[0] >= 110)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        editor = app.screen.query_one("#mine")
        assert editor.size.height >= (12 if size[1] == 24 else 30)  # room for notes
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        board = app.screen
        assert isinstance(board, FindingsScreen)
        assert "…" not in screen_text(app)
        width = board.query_one("#strength", DataTable).columns["Finding"].width
        assert width >= (40 if size[0] == 80 else 50)
        texts = screen_text(app)
        assert "System leadership and relationships" in texts  # a heading, whole


async def test_the_coverage_grid_keeps_its_row_labels_when_scrolled(demo_file):
    app = make_app(demo_file, home=demo_file.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, CoverageScreen)
        grid = app.screen.query_one(DataTable)
        await pilot.press(*["right"] * 12)
        await settle(pilot)
        assert grid.scroll_x > 0
        assert "Shared vision and strategy" in screen_text(app)


async def test_the_board_lays_itself_out_again_when_the_terminal_is_resized(demo_file):
    """Resizing re-shows the loaded board for the new width (it once crashed doing so)."""
    app = make_app(demo_file, home=demo_file.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        board = app.screen
        assert isinstance(board, FindingsScreen) and board.board is not None
        narrow = board.query_one("#strength", DataTable).columns["Finding"].width
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        assert app.screen is board and app.is_running
        assert board.query_one("#strength", DataTable).columns["Finding"].width > narrow
        assert "System leadership and relationships" in screen_text(app)
