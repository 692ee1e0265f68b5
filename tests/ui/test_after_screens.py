"""The screens after and beside the week, driven headless: the progress review's
recommendations, the live workshop, the home screen grouped by system. Each write is read
back from the store."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Select, TextArea

from onsite.after import review, workshop
from onsite.store.db import Store
from screens.app import make_app
from screens.home import HomeScreen
from screens.progress import ProgressScreen
from screens.week import WeekScreen
from screens.workshop import WorkshopScreen
from tests.ui.helpers import settle
from tests.unit.after_helpers import demo_numbers, rating

SIZE = (120, 36)


def _review(demo_file):
    original = Store.open(demo_file)
    path = demo_file.parent / "review.onsite"
    review.create(original, path, start=date(2027, 1, 12), team=["DM", "GL"]).close()
    original.close()
    return path


async def test_the_team_records_progress_on_a_recommendation(demo_file):
    path = _review(demo_file)
    app = make_app(path, home=demo_file.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
        assert app.screen.week.engagement.kind == "progress review"
        await pilot.press("f6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        assert screen.query_one(DataTable).row_count == len(demo_numbers())
        await pilot.press("down")  # R2
        await settle(pilot)
        screen.query_one("#rag", Select).value = "green"
        screen.query_one("#changed", TextArea).focus()
        await pilot.press(*"Seven-day working")
        await pilot.pause(0.7)  # the half-second save rhythm
        await settle(pilot)
        screen.query_one("#evidence", TextArea).focus()
        await pilot.press(*"Rota")
        await pilot.press("escape")  # leaving saves what was typed since
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
    store = Store.open(path)
    r2 = review.item(store, 2).progress
    assert (r2.team_rag, r2.changed, r2.evidence) == ("green", "Seven-day working", "Rota")
    assert review.item(store, 1).progress.team_rag == ""
    store.close()


async def test_the_lead_writes_the_introduction_and_exports_the_report(demo_file, tmp_path):
    path = _review(demo_file)
    out = tmp_path / "out"
    out.mkdir()
    app = make_app(path, home=demo_file.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press(*"Welcome back.")
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        app.screen.query_one(Input).value = str(out)
        await pilot.press("enter")
        await settle(pilot)
    store = Store.open(path)
    assert review.section(store, "introduction") == "Welcome back."
    store.close()
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".html", ".md"]
    assert "Welcome back." in next(out.glob("*.md")).read_text(encoding="utf-8")


async def test_a_workshop_is_rated_live_from_the_heat_map(tmp_path):
    path = tmp_path / "ws.onsite"
    workshop.create(
        path,
        name="Workshop",
        system="Calder Vale",
        held=date(2026, 6, 10),
        areas=["Discharge", "Mental health"],
    ).close()
    app = make_app(path, home=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WorkshopScreen)  # a workshop opens on its ratings
        await pilot.press("4")  # Discharge, ambition
        await settle(pilot)
        await pilot.press(
            "right", "2", "down", "right", "5"
        )  # capacity 2; mental health capability 5
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press(*"Skills are there")
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press(*"Pool the budgets; ICB; March")
        await pilot.press("enter")
        await settle(pilot)
    store = Store.open(path)
    rows = workshop.grid(store)
    assert [rows[0].score(d) for d in ("ambition", "capacity")] == [4, 2]
    assert rows[1].score("capability") == 5
    assert rows[1].ratings["capability"].discussion == "Skills are there"
    assert [(s.text, s.owner, s.due) for s in workshop.steps(store)] == [
        ("Pool the budgets", "ICB", "March")
    ]
    store.close()


async def test_home_groups_engagements_by_system(demo_file):
    path = _review(demo_file)
    other = demo_file.parent / "other.onsite"
    Store.create(other, name="Elsewhere", start=date(2026, 5, 4), system="Another System").close()
    import os

    os.utime(demo_file, (2_000_000_000, 2_000_000_000))  # the challenge changed last...
    os.utime(path, (1_000_000_000, 1_000_000_000))  # ...its review long ago, yet beside it
    app = make_app(home=demo_file.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.paths == [demo_file, path, other]
        table = app.screen.query_one(DataTable)
        systems = [str(table.get_row_at(i)[0]) for i in range(3)]
        assert systems == ["Rennick Vale Health and Care System", "", "Another System"]


async def test_a_progress_review_is_made_from_the_open_challenge(demo_file):
    from textual.widgets import Checkbox

    app = make_app(demo_file, home=demo_file.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
        await pilot.press("f6")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#start", Input).value = "2026-03-03"  # during the challenge: refused
        dialog.query_one("#team", Input).value = "HA, DM"
        dialog.query_one("#plain", Checkbox).value = True
        await pilot.click("#make")
        await settle(pilot)
        assert "not after the peer challenge" in str(app.screen.query_one("#message").render())
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        app.screen.query_one("#start", Input).value = "2027-01-12"
        app.screen.query_one("#team", Input).value = "HA, DM"
        app.screen.query_one("#plain", Checkbox).value = True
        await pilot.click("#make")
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
        assert app.screen.week.engagement.kind == "progress review"
        path = app.screen.path
    store = Store.open(path)
    assert {p.initials for p in store.peers()} == {"HA", "DM"}
    assert review.origin(store) is not None and len(store.recommendations()) == len(demo_numbers())
    store.close()


async def test_a_series_session_is_written_and_its_issue_moved_on(tmp_path):
    from onsite.after import series
    from screens.series import SeriesScreen

    path = tmp_path / "p2p.onsite"
    store = series.create(path, name="Peer support", system="Calder Vale", start=date(2026, 9, 1))
    series.add_session(store, date(2026, 9, 1), "Understanding flow")
    store.close()
    app = make_app(path, home=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SeriesScreen)
        await pilot.press("f2")
        await pilot.press(*"2026-10-20; Testing our understanding", "enter")
        await settle(pilot)
        app.screen.query_one("#summary", TextArea).focus()
        await pilot.press(*"We agreed three issues.")
        await pilot.press("f3")
        await pilot.press(*"No single view of delays", "enter")
        await settle(pilot)
        app.screen.query_one("#issues", DataTable).focus()
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    store = Store.open(path)
    sessions = series.sessions(store)
    assert [(s.number, s.title) for s in sessions] == [
        (1, "Understanding flow"),
        (2, "Testing our understanding"),
    ]
    assert sessions[1].summary == "We agreed three issues."
    assert [(i.text, i.raised_in, i.stage) for i in series.issues(store)] == [
        ("No single view of delays", 2, "shared understanding")
    ]
    store.close()


async def test_mentoring_notes_are_kept_and_destroyed_in_the_app(tmp_path):
    from onsite.after import mentoring
    from screens.mentoring import MentoringScreen
    from screens.unlock import PassphraseDialog

    path = tmp_path / "mine.onsite"
    mentoring.create(
        path, mentor="Helen Ashdown", passphrase="correct horse battery", start=date(2026, 5, 1)
    ).close()
    app = make_app(path, home=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PassphraseDialog)
        await pilot.press(*"correct horse battery", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MentoringScreen)
        await pilot.press("f2")
        await pilot.press(*"2026-06-03; new ICB chief executive", "enter")
        await settle(pilot)
        app.screen.query_one("#notes", TextArea).focus()
        await pilot.press(*"Talked about the first hundred days.")
        await pilot.press("ctrl+q")  # quitting saves what was typed
    store = Store.open(path, "correct horse battery")
    assert [(s.mentee, s.notes) for s in mentoring.sessions(store)] == [
        ("new ICB chief executive", "Talked about the first hundred days.")
    ]
    store.close()
    app = make_app(path, home=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"correct horse battery", "enter")
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        await pilot.press("down", "enter")  # destroy it
        await settle(pilot)
    store = Store.open(path, "correct horse battery")
    assert mentoring.sessions(store) == []
    store.close()


async def test_a_mentoring_log_offers_no_sync_and_no_feedback(tmp_path):
    from onsite.after import mentoring
    from screens.mentoring import MentoringScreen

    path = tmp_path / "mine.onsite"
    mentoring.create(
        path, mentor="Helen Ashdown", passphrase="correct horse battery", start=date(2026, 5, 1)
    ).close()
    app = make_app(path, home=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"correct horse battery", "enter")
        await settle(pilot)
        await pilot.press("ctrl+s", "ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, MentoringScreen)
        assert not app.check_action("sync", ()) and not app.check_action("feedback", ())
        app.action_sync()  # from the command palette, say
        await settle(pilot)
        assert isinstance(app.screen, MentoringScreen)


async def test_the_action_plan_is_imported_in_the_app(demo_file, tmp_path):
    from tests.unit.after_helpers import filled_plan

    path = _review(demo_file)
    xlsx = filled_plan(tmp_path / "plan.xlsx")
    app = make_app(path, home=demo_file.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        app.screen.query_one(Input).value = str(xlsx)
        await pilot.press("enter")
        await settle(pilot)
        shown = str(app.screen.query_one("#original").render())
        assert "Action 1a" in shown and "Amber" in shown
    store = Store.open(path)
    assert [it.progress.system_rag for it in review.items(store)] == [
        rating(n) for n in demo_numbers()
    ]
    assert [it.progress.system_rag for it in review.items(store)][:6] == [
        "amber",
        "green",
        "red",
        "amber",
        "blue",
        "green",
    ]
    store.close()
