"""Setting up a real engagement in the app: every form is filled in as a person would, then
the store is read afterwards to find the change."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select

from onsite.engagement.setup import new_engagement
from onsite.store.db import Store
from screens.app import make_app
from screens.dialogs import KIND_NAMES, NewEngagementDialog
from screens.forms import FileDialog, FormDialog, PreviewDialog, SetupTextDialog
from screens.home import HomeScreen
from screens.lines import LinesScreen
from screens.session import SessionScreen
from screens.team import TeamScreen
from screens.week import WeekScreen
from tests.ui.helpers import settle
from tests.unit import real_week

SIZE = (120, 36)


@pytest.fixture
def blank(tmp_path) -> Path:
    path = tmp_path / "elsewhere" / "calder.onsite"
    path.parent.mkdir()
    new_engagement(
        path,
        name="Calder Vale",
        start=real_week.START,
        system="Calder Vale",
        home=tmp_path / "home",
    ).close()
    return path


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    return real_week.write_all(tmp_path / "files")


def read(path: Path) -> Store:
    return Store.open(path)


async def type_into(pilot, selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.value = text


def test_the_form_offers_the_cores_kinds():
    from onsite.engagement import kinds

    assert KIND_NAMES == tuple(k.name for k in kinds.KINDS)


async def test_new_engagement_form_with_kind_system_and_scope(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    app = make_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewEngagementDialog)
        await type_into(pilot, "#name", "Hebbleton corporate peer challenge")
        app.screen.query_one("#kind", Select).value = "corporate peer challenge"
        await type_into(pilot, "#system", "Hebbleton Council")
        await type_into(pilot, "#start", "2026-03-02")
        await type_into(pilot, "#scope", "Finances and governance.")
        await pilot.click("#plain")
        await pilot.click("#create")
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
    [path] = home.glob("*.onsite")
    store = read(path)
    e = store.engagement()
    assert (e.kind, e.system, e.scope) == (
        "corporate peer challenge",
        "Hebbleton Council",
        "Finances and governance.\n",
    )
    assert [t.key for t in store.themes()] == [
        "priorities",
        "leadership",
        "governance",
        "finance",
        "improvement",
    ]
    store.close()


async def test_the_engagements_list_shows_a_file_made_elsewhere(blank, tmp_path):
    app = make_app(home=tmp_path / "home")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and app.screen.paths == [blank]


async def test_team_screen_add_lead_me_edit_retire_import(blank, files):
    app = make_app(blank, home=blank.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TeamScreen)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, FileDialog)
        await type_into(pilot, "#path", str(files["team_xlsx"]))
        await pilot.press("enter")
        await settle(pilot)
        preview = app.screen  # what the list would change, before anything is written
        assert isinstance(preview, PreviewDialog) and "to add" in preview.heading
        assert any(line.startswith("add") and "(lead peer)" in line for line in preview.lines)
        nobody = read(blank)
        assert nobody.peers() == []
        nobody.close()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, TeamScreen) and app.screen.peers
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await type_into(pilot, "#f-initials", "HA")  # taken: the form comes back with why
        await type_into(pilot, "#f-name", "Amelia Brookes")
        await type_into(pilot, "#f-title", "council chief executive")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog) and "already" in str(
            app.screen.query_one("#error").render()
        )
        assert app.screen.query_one("#f-name", Input).value == "Amelia Brookes"  # nothing lost
        await type_into(pilot, "#f-initials", "AB")
        await pilot.press("enter")
        await settle(pilot)
        team = app.screen
        assert isinstance(team, TeamScreen)
        row = next(i for i, p in enumerate(team.peers) if p.initials == "AB")
        team.query_one(DataTable).move_cursor(row=row)
        await pilot.press("l", "m")
        await settle(pilot)
        row = next(i for i, p in enumerate(team.peers) if p.initials == "TR")
        team.query_one(DataTable).move_cursor(row=row)
        await pilot.press("r")
        await settle(pilot)
    store = read(blank)
    peers = {p.initials: p for p in store.peers(include_retired=True)}
    assert peers["AB"].role == "lead peer" and peers["HA"].role == "peer"
    assert peers["AB"].title == "council chief executive"
    assert peers["TR"].retired and peers["LW"].role == "challenge manager"
    assert store.me() == peers["AB"].id
    store.close()


async def test_lines_screen_add_rename_questions_move_retire_and_scope(blank):
    app = make_app(blank, home=blank.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        lines = app.screen
        assert isinstance(lines, LinesScreen)
        await pilot.press("a")
        await settle(pilot)
        await type_into(pilot, "#f-name", "Mental health")
        await type_into(pilot, "#f-question", "Is mental health in the plans?")
        await pilot.press("enter")
        await settle(pilot)
        assert lines.current().name == "Mental health"
        await pilot.press("u", "u")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await type_into(pilot, "#f-name", "Mental health and wellbeing")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, SetupTextDialog)
        app.screen.query_one("#text").text = "Is mental health in the plans?\nWho leads it?"
        await pilot.press("ctrl+s")
        await settle(pilot)
        lines.query_one(DataTable).move_cursor(row=0)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one("#text").text = "# Scope\n\nDischarge, above all."
        await pilot.press("ctrl+s")
        await settle(pilot)
    store = read(blank)
    themes = store.themes()
    mental = themes[5]  # added ninth, moved up two, and the first line retired
    assert mental.name == "Mental health and wellbeing" and "mental-health" in mental.aliases
    assert mental.description == "Is mental health in the plans?\nWho leads it?"
    assert "vision" not in [t.key for t in themes]  # retired
    assert store.engagement().scope == "# Scope\n\nDischarge, above all.\n"
    store.close()


async def test_timetable_import_preview_then_reimport_and_a_participant(blank, files):
    from onsite.engagement.team import import_team, set_me

    store = read(blank)
    import_team(store, files["team_csv"])
    set_me(store, "SH")
    store.close()
    app = make_app(blank, home=blank.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for path in (files["timetable"], files["reissued"]):
            await pilot.press("i")
            await settle(pilot)
            await type_into(pilot, "#path", str(path))
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, PreviewDialog)
            preview = str(app.screen.query_one("#lines").render())
            await pilot.press("a")
            await settle(pilot)
        assert "cancel   day 2 14:00-15:30  Discharge hub visit" in preview
        assert "move     day 1 13:00-14:00  Ward sisters" in preview
        week = app.screen
        assert isinstance(week, WeekScreen)
        week.open_session(next(s.id for s in read(blank).sessions() if s.ref == "T03"))
        await settle(pilot)
        session = app.screen
        assert isinstance(session, SessionScreen)
        session.query_one("#participants").focus()
        await pilot.press("a")
        await settle(pilot)
        await type_into(pilot, "#f-role", "ward sisters and charge nurses")
        await type_into(pilot, "#f-organisation", "Calder General")
        await type_into(pilot, "#f-headcount", "8")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is session
    store = read(blank)
    sessions = store.sessions()
    assert len(sessions) == 7 and [s.title for s in sessions if s.cancelled] == [
        "Discharge hub visit"
    ]
    ward = next(s for s in sessions if s.ref == "T03")
    assert (ward.day, ward.start) == (1, "13:00")
    group = next(p for p in store.participants(ward.id) if p.headcount == 8)
    assert group.role == "ward sisters and charge nurses"
    store.close()


async def test_a_session_added_on_the_week_screen_is_saved(blank, files):
    app = make_app(blank, home=blank.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_into(pilot, "#start", "16:00")
        await type_into(pilot, "#title", "Team wash-up")
        await type_into(pilot, "#kind", "team meeting")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
    [session] = read(blank).sessions()
    assert (session.title, session.start, session.kind) == ("Team wash-up", "16:00", "team meeting")


async def test_library_adds_word_and_pdf_and_switch_peer_from_the_palette(blank, files):
    from onsite.engagement.team import import_team

    store = read(blank)
    import_team(store, files["team_csv"])
    store.close()
    app = make_app(blank, home=blank.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        week = app.screen
        await pilot.press("l")
        await settle(pilot)
        for doc in (files["docx"], files["pdf"]):
            await pilot.press("a")
            await settle(pilot)
            await type_into(pilot, "#path", str(doc))
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is week
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"switch peer")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        options = app.screen.options
        await pilot.press(
            *["down"]
            * [k for k, _ in options].index(
                next(p.id for p in week.week.peers if p.initials == "MO")
            ),
            "enter",
        )
        await settle(pilot)
    store = read(blank)
    assert {d.kind for d in store.documents()} == {"Word", "PDF"}
    from onsite.evidence.search import search

    assert search(store, '"virtual ward occupancy"') and search(store, '"reablement waiting list"')
    assert next(p for p in store.peers() if p.id == store.me()).initials == "MO"
    store.close()


async def test_a_missing_export_folder_is_offered_to_be_created(tmp_path):
    from textual.widgets import TabbedContent

    from screens.feedback import FeedbackScreen
    from tests.unit.small_engagement import build

    path = tmp_path / "week.onsite"
    build(path).close()
    out = tmp_path / "SharePoint" / "Calder Vale"
    app = make_app(path, home=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FeedbackScreen)
        screen.query_one("#tabs", TabbedContent).active = "tab-export"
        await settle(pilot)
        screen.query_one("#folder", Input).value = str(out)
        await pilot.click("#export")
        await settle(pilot)
        assert isinstance(app.screen, PreviewDialog) and not out.exists()
        await pilot.press("a")
        await settle(pilot)
    assert out.is_dir()  # created; what is written there is the export's own business


async def test_edit_move_and_cancel_a_session_edit_and_remove_a_participant_edit_a_peer(
    blank, files
):
    from onsite.engagement.team import import_team, set_me
    from onsite.week.reimport import import_file

    store = read(blank)
    import_team(store, files["team_csv"])
    set_me(store, "TR")
    import_file(store, files["timetable"])
    store.close()
    app = make_app(blank, home=blank.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        week = app.screen
        await pilot.press("down", "e")  # day 1's second session: the ICB chief executive
        await settle(pilot)
        await type_into(pilot, "#day", "2")
        await type_into(pilot, "#start", "15:00")
        await type_into(pilot, "#end", "16:00")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is week
        await pilot.press("down", "c")  # day 1 now: briefing, ward sisters; cancel the latter
        await settle(pilot)
        week.open_session(next(s.id for s in read(blank).sessions() if s.ref == "T04"))
        await settle(pilot)
        session = app.screen
        assert isinstance(session, SessionScreen)
        session.query_one("#participants").focus()
        await pilot.press("e")
        await settle(pilot)
        await type_into(pilot, "#f-role", "director of public health and wellbeing")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_into(pilot, "#f-role", "deputy director")
        await pilot.press("enter")
        await settle(pilot)
        table = session.query_one("#participants", DataTable)
        table.move_cursor(
            row=next(i for i, p in enumerate(session.people) if p.role.startswith("director"))
        )
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        team = app.screen
        team.query_one(DataTable).move_cursor(
            row=next(i for i, p in enumerate(team.peers) if p.initials == "GP")
        )
        await pilot.press("e")
        await settle(pilot)
        await type_into(pilot, "#f-group", "Green")
        await pilot.press("enter")
        await settle(pilot)
    store = read(blank)
    moved = next(s for s in store.sessions() if s.ref == "T02")
    assert (moved.day, moved.start, moved.end) == (2, "15:00", "16:00")
    assert next(s for s in store.sessions() if s.ref == "T03").cancelled
    dph = next(s for s in store.sessions() if s.ref == "T04")
    assert [p.role for p in store.participants(dph.id)] == ["deputy director"]
    from onsite.model import Participant

    removed = [p for p in store.every(Participant) if p.deleted]  # edited, then removed
    assert [p.role for p in removed] == ["director of public health and wellbeing"]
    assert next(p for p in store.peers() if p.initials == "GP").political_group == "Green"
    store.close()
