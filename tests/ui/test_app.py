"""The app as a peer uses it, headless through Pilot, on a copy of the demo engagement."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, TabbedContent

from onsite.model import Excerpt
from onsite.store.db import Store
from screens.app import make_app
from screens.home import HomeScreen
from screens.session import SessionScreen
from screens.week import WeekScreen
from tests.ui.helpers import screen_text, settle

SIZE = (120, 36)


def _me(path, initials="HA"):
    store = Store.open(path)
    peer = (
        next(p for p in store.peers() if p.initials == initials) if initials else store.peers()[0]
    )
    store.set_me(peer.id)
    store.close()
    return peer


async def test_home_lists_engagements_and_opens_one(demo_file):
    app = make_app(home=demo_file.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.paths == [demo_file]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
        assert app.screen.week.engagement.name.startswith("Rennick Vale")


async def test_open_the_demo_and_read_a_sessions_notes(demo_file):
    app = make_app(demo_file, home=demo_file.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        week = app.screen
        assert isinstance(week, WeekScreen)
        assert len(week.week.days) == 5
        day1 = week.query_one("#day-1", DataTable)
        assert day1.row_count >= 5
        assert app.focused is day1
        # find a session on day 1 that has notes, move to it, open it
        row = next(i for i, line in enumerate(week.week.days[0].sessions) if line.authors)
        for _ in range(row):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        if not isinstance(app.screen, SessionScreen):  # asked who is using this laptop
            await pilot.press("down", "enter")
            await settle(pilot)
        session = app.screen
        assert isinstance(session, SessionScreen)
        notes = [n for _, n in session.view.others] + ([session.note] if session.note.body else [])
        assert any(n.body for n in notes)
        tabs = session.query_one("#notes", TabbedContent)
        assert tabs.tab_count >= 2
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is week


async def test_each_day_gets_its_table_the_first_time_it_is_shown_and_is_filled_again_after_a_change(
    demo_file,
):
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        week = app.screen
        assert isinstance(week, WeekScreen)
        sessions = {plan.day: len(plan.sessions) for plan in week.week.days}
        day1 = week.query_one("#day-1", DataTable)
        assert day1.row_count == sessions[1]
        assert not week.query("#day-2")  # not shown yet: no table
        await pilot.press("right_square_bracket")
        await settle(pilot)
        day2 = week.query_one("#day-2", DataTable)
        assert app.focused is day2 and day2.row_count == sessions[2] > 0
        await pilot.press("left_square_bracket")
        await settle(pilot)
        await pilot.resize_terminal(90, 30)  # the columns are built again for the width
        await settle(pilot)
        assert day1.row_count == sessions[1] and day2.row_count == 0
        await pilot.click("#days Tab#--content-tab-tab-2")  # by the mouse, the same
        await settle(pilot)
        assert app.focused is day2 and day2.row_count == sessions[2]


async def test_typing_saves_by_itself_and_quitting_saves_the_rest(demo_file):
    peer = _me(demo_file)
    app = make_app(demo_file, home=demo_file.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        session = app.screen
        assert isinstance(session, SessionScreen)
        await pilot.press(*"Carers? ask about respite #workforce")

        def saved_text() -> str:  # read back from the file, by another connection
            saved = Store.open(demo_file)
            try:
                note = saved.get(type(session.note), session.note.id)
                return note.body if note else ""
            finally:
                saved.close()

        for _ in range(100):  # the autosave rhythm is half a second: no key pressed meanwhile
            if "Carers? ask about respite #workforce" in saved_text():
                break
            await pilot.pause(0.05)
        await settle(pilot)
        assert "Carers? ask about respite #workforce" in saved_text()
        assert isinstance(app.screen, SessionScreen)  # '?' typed into a note is text, not help
        await pilot.press(*" last words")
        await pilot.press("ctrl+q")
    store = Store.open(demo_file)
    body = next(
        n.body for n in store.notes(session_id=session.session_id) if n.author_id == peer.id
    )
    assert body.endswith("respite #workforce last words")
    assert any(e.origin == "inline" for e in store.excerpts(note_id=session.note.id))
    store.close()


async def test_tag_a_selected_passage_into_a_new_finding_and_see_it_on_the_board(demo_file):
    _me(demo_file)
    app = make_app(demo_file, home=demo_file.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*"Hospital discharge hub praised by all")
        await pilot.press(*["shift+left"] * 10)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("space")  # tick the first line of enquiry
        await pilot.click("#statement")
        await pilot.press(*"Discharge hub is valued", "enter")
        await settle(pilot)
        store = Store.open(demo_file)
        tagged = [
            e
            for e in store.excerpts()
            if e.quote == "ed by all"[-10:] or e.quote.endswith("by all")
        ]
        assert tagged and isinstance(tagged[0], Excerpt)
        assert any(f.statement == "Discharge hub is valued" for f in store.findings())
        store.close()
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        board = app.screen
        assert any(c.finding.statement == "Discharge hub is valued" for c in board.board.cards)


async def test_search_screen_finds_and_opens_a_note(demo_file):
    _me(demo_file)
    app = make_app(demo_file, home=demo_file.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"discharge")
        await settle(pilot)
        search = app.screen
        assert search.hits, "the demo notes talk about discharge"
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert (
            isinstance(app.screen, (SessionScreen,))
            or type(app.screen).__name__ == "DocumentScreen"
        )


@pytest.mark.parametrize("me", [None, "HA"], ids=["nobody yet", "a peer"])
async def test_a_library_document_shows_its_summary_beside_the_reading_notes(demo_file, me):
    if me:
        _me(demo_file, me)
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("enter")  # the first document
        await settle(pilot)
        summary = app.screen.query_one("#summary")
        title = summary.source.splitlines()[0].removeprefix("# ")
        # half the width and the whole height: it was squeezed to 2 columns, 0 lines, beside
        # the "open a session first" line
        assert summary.region.width >= 38 and summary.region.height >= 20
        assert title.split(":")[0] in screen_text(app)
        beside = "#me-unknown" if me is None else "#mine"
        assert app.screen.query_one(beside).region.width >= 38


async def test_a_worker_failure_shows_an_error_dialog(tmp_path):
    from onsite.store.files import SUFFIX

    broken = tmp_path / f"broken{SUFFIX}"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    app = make_app(broken, home=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):  # not settle(): waiting on a failed worker raises its error
            await pilot.pause(0.1)
            if type(app.screen).__name__ == "ErrorDialog":
                break
        assert type(app.screen).__name__ == "ErrorDialog"
        assert "broken" in str(app.screen.message)
