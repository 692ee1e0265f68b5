"""The session's participant form writes: added, then a mistake shown with what was typed
kept, then edited; the store is read afterwards."""

from __future__ import annotations

from textual.widgets import Input, Static

from onsite.store.db import Store
from screens.app import make_app
from screens.forms import FormDialog
from screens.session import SessionScreen
from tests.ui.helpers import settle
from tests.ui.test_app import _me

SIZE = (120, 36)


async def test_add_then_fix_a_participant(demo_file):
    _me(demo_file)
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        session = app.screen
        assert isinstance(session, SessionScreen) and session.view is not None
        before = len(session.people)
        session.query_one("#participants").focus()
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#f-role", Input).value = "Carers' lead"
        form.query_one("#f-organisation", Input).value = "Calder Vale Carers"
        form.query_one("#f-headcount", Input).value = "three"  # not a number: said, and kept
        await pilot.click("#save")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, FormDialog) and again is not form
        assert "headcount" in str(again.query_one("#error", Static).render()).lower()
        assert again.query_one("#f-role", Input).value == "Carers' lead"
        again.query_one("#f-headcount", Input).value = "3"
        await pilot.click("#save")
        await settle(pilot)
        assert app.screen is session and len(session.people) == before + 1
        session_id = session.session_id
    store = Store.open(demo_file)
    try:
        added = [p for p in store.participants(session_id) if p.role == "Carers' lead"]
        assert len(added) == 1
        assert added[0].organisation == "Calder Vale Carers" and added[0].headcount == 3
    finally:
        store.close()
