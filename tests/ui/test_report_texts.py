"""The lead peer writes the report's texts and marks the feedback presented and the report
final, in the app; every change is read back from the store."""

from __future__ import annotations

from textual.widgets import OptionList, Static, TextArea

from onsite.leaders import marks, texts
from onsite.store.db import Store
from screens.app import make_app
from screens.dialogs import ErrorDialog
from screens.report_texts import ReportTextsScreen
from screens.week import WeekScreen
from tests.ui.helpers import settle
from tests.unit.small_engagement import build, ready_for_leaders

SIZE = (120, 36)


def _pick(screen, key: str) -> None:
    options = screen.query_one("#texts", OptionList)
    options.highlighted = next(
        i for i in range(options.option_count) if options.get_option_at_index(i).id == key
    )


async def test_the_lead_edits_accepts_and_marks_final(tmp_path):
    path = tmp_path / "week.onsite"
    store = ready_for_leaders(build(path))
    lead = next(p for p in store.peers() if p.role == "lead peer")
    store.set_me(lead.id)
    store.close()
    app = make_app(path, home=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReportTextsScreen)
        assert "Onsite's DRAFT" in str(screen.query_one("#state", Static).content)
        assert "Report: DRAFT" in str(screen.query_one("#marks", Static).content)

        # typing saves itself, in a worker, a moment after the last key
        _pick(screen, texts.EXECUTIVE_SUMMARY)
        await settle(pilot)
        area = screen.query_one("#body", TextArea)
        area.load_text("")
        area.focus()
        await pilot.press(*"Calder Vale has much to build on.")
        await pilot.pause(1.5)
        await settle(pilot)
        store = app.store
        assert (
            store.feedback_sections()[texts.EXECUTIVE_SUMMARY].body
            == "Calder Vale has much to build on."
        )
        assert "the lead peer's words" in str(screen.query_one("#state", Static).content)

        # not final while texts are still Onsite's drafts
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog) and "still Onsite's draft" in app.screen.message
        app.screen.dismiss()
        await settle(pilot)
        assert not marks.marked(store, texts.FINAL)

        # accept every remaining draft (F3), each read back from the store
        for t in [t for t in screen.texts if t.drafted]:
            _pick(screen, t.key)
            await settle(pilot)
            await pilot.press("f3")
            await settle(pilot)
            assert store.feedback_sections()[t.key].body == t.draft
        await pilot.press("f8")
        await settle(pilot)
        assert marks.marked(store, texts.PRESENTED)
        assert store.milestones()[texts.PRESENTED].by == lead.id
        await pilot.press("f9")
        await settle(pilot)
        assert marks.marked(store, texts.FINAL) and marks.marking(store) == ""
        assert "Report: FINAL" in str(screen.query_one("#marks", Static).content)
        await pilot.press("f9")  # every toggle toggles back
        await settle(pilot)
        assert not marks.marked(store, texts.FINAL)

        # the last words typed are saved when the lead leaves
        _pick(screen, texts.CONTACTS)
        await settle(pilot)
        screen.query_one("#body", TextArea).load_text("- Tom, LGA")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
    reopened = Store.open(path)
    assert reopened.feedback_sections()[texts.CONTACTS].body == "- Tom, LGA"
    reopened.close()
