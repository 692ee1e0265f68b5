"""The peer's hands on the keyboard, at 80x24: tagging, versions, merging, feedback while
typing. Every step is a key a plain terminal delivers; the store is read afterwards."""

from __future__ import annotations

from textual.widgets import OptionList, SelectionList, TextArea

from onsite.model import Finding
from onsite.store.db import Store
from screens.app import make_app
from screens.finding import FindingScreen
from screens.session import SessionScreen
from screens.tag import TagDialog
from screens.versions import VersionsScreen
from screens.widgets.note_editor import NoteEditor
from tests.ui.helpers import screen_text, settle
from tests.ui.test_app import _me

SMALL = (80, 24)


async def _tab_to(pilot, widget_id: str) -> None:
    for _ in range(10):
        if pilot.app.focused is not None and pilot.app.focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached #{widget_id}")


async def _open_session(pilot, row: int) -> SessionScreen:
    """Move down `row` rows in the week (row 1 of day 1: the acute trust chief executive)."""
    for _ in range(row):
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SessionScreen)
    return pilot.app.screen


async def _tag_new(pilot, statement: str) -> TagDialog:
    await pilot.press("ctrl+t")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, TagDialog)
    await _tab_to(pilot, "findings")
    await pilot.press("home", "enter")  # + New finding: on to the statement box
    assert pilot.app.focused.id == "statement"
    await pilot.press(*statement, "enter")
    await settle(pilot)
    return dialog


async def test_tag_three_passages_from_two_notes_into_two_findings_by_keys(demo_file):
    _me(demo_file)
    app = make_app(demo_file, home=demo_file.parent)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        session = await _open_session(pilot, 1)
        await pilot.press(
            *"- [+] the hub halves waits #integration",
            "enter",
            *"- [-] no weekend social work #workforce",
        )
        await pilot.press("up")  # the cursor in the first bullet; nothing selected
        await pilot.press("ctrl+t")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, TagDialog)
        assert dialog.query_one("#themes", SelectionList).selected == ["integration"]
        assert dialog.query_one("#polarity").pressed_button.name == "strength"
        assert dialog.query_one("#evidence").pressed_button.name == "heard"  # an interview
        assert "the hub halves waits" in dialog.choices.quote
        text = screen_text(app)
        for part in (
            "Capacity for improvement",
            "area for consideration",
            "seen",
            "Said by",
            "New finding",
            "Tag",
            "Cancel",
        ):
            assert part in text, part  # every choice on screen at 80x24
        await pilot.press("escape")
        await settle(pilot)
        hub = await _tag_new(pilot, "The discharge hub works")
        assert not hub.is_attached  # closed
        await pilot.press("down", "ctrl+t")  # the second bullet: a [-] and #workforce
        await settle(pilot)
        dialog = app.screen
        assert dialog.query_one("#themes", SelectionList).selected == ["workforce"]
        assert dialog.query_one("#polarity").pressed_button.name == "area for consideration"
        await pilot.press("escape")
        await settle(pilot)
        await _tag_new(pilot, "No social work at weekends")
        await pilot.press("escape")
        await settle(pilot)
        # a second note: another session; the passage goes to the first finding
        await _open_session(pilot, 1)  # the next one down
        await pilot.press(*"- [+] carers praise the hub #integration", "ctrl+t")
        await settle(pilot)
        await _tab_to(pilot, "findings")
        listing = app.screen.query_one("#findings", OptionList)
        store = Store.open(demo_file)
        target = next(f.id for f in store.findings() if f.statement == "The discharge hub works")
        store.close()
        while listing.get_option_at_index(listing.highlighted).id != target:
            await pilot.press("down")
        await pilot.press("enter")  # an existing finding: tags at once
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        second = app.screen
    store = Store.open(demo_file)
    made = {f.statement: f for f in store.findings()}
    hub, weekend = made["The discharge hub works"], made["No social work at weekends"]
    assert (hub.theme_key, hub.polarity) == ("integration", "strength")
    assert (weekend.theme_key, weekend.polarity) == ("workforce", "area for consideration")
    by_finding = {}
    for e in store.excerpts():
        if e.finding_id in (hub.id, weekend.id):
            by_finding.setdefault(e.finding_id, []).append(e)
    assert len(by_finding[hub.id]) == 2 and len(by_finding[weekend.id]) == 1
    assert {e.note_id for e in by_finding[hub.id]} == {session.note.id, second.note.id}
    assert by_finding[weekend.id][0].quote == "[-] no weekend social work #workforce"
    store.close()


async def test_a_named_speaker_is_stored_with_the_excerpt(demo_file):
    _me(demo_file)
    app = make_app(demo_file, home=demo_file.parent)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        session = await _open_session(pilot, 1)
        await pilot.press(*"- [+] a strong board #governance", "ctrl+t")
        await settle(pilot)
        await _tab_to(pilot, "speaker")
        await pilot.press("enter", "down", "enter")  # open the list, the first participant
        await settle(pilot)
        await _tab_to(pilot, "statement")
        await pilot.press(*"Board is strong", "ctrl+s")
        await settle(pilot)
    store = Store.open(demo_file)
    finding = next(f for f in store.findings() if f.statement == "Board is strong")
    [excerpt] = [e for e in store.excerpts() if e.finding_id == finding.id]
    assert excerpt.participant_id == session.view.participants[0].id
    store.close()


async def test_versions_and_merge_by_keys_a_plain_terminal_delivers(demo_file):
    _me(demo_file)
    app = make_app(demo_file, home=demo_file.parent)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await _open_session(pilot, 1)
        await pilot.press(*"first words")
        await pilot.pause(0.8)
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, VersionsScreen)
        assert app.screen.texts  # at least the version just saved
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        board = app.screen
        while board._current() is None:  # past the line-of-enquiry headings to a finding
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FindingScreen)
        keep = app.screen.finding
        before = len(app.screen.items)
        await pilot.press("ctrl+g")
        await settle(pilot)
        picker = app.screen.query_one(OptionList)
        other_id = picker.get_option_at_index(0).id
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FindingScreen)
        assert "\n" not in app.screen.query_one("#statement-text", TextArea).text  # no stray Enter
    store = Store.open(demo_file)
    assert store.get(Finding, other_id) is None or store.get(Finding, other_id).deleted
    moved = [e for e in store.excerpts() if e.finding_id == keep.id]
    assert len(moved) >= before
    store.close()


async def test_tags_are_coloured_and_a_name_is_warned_about_while_typing(demo_file):
    _me(demo_file)
    app = make_app(demo_file, home=demo_file.parent)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        session = await _open_session(pilot, 1)
        editor = session.query_one("#mine", NoteEditor)
        name = session.view.participants[0].name
        await pilot.press(*f"- [-] {name} said it #leadrship #workforce")
        await pilot.pause(0.5)
        await settle(pilot)
        warning = str(editor.query_one(".warning").render())
        assert name not in warning.split("“")[0]  # the warning says whose role, not the name
        assert "describe people by role" in warning
        assert "did you mean #leadership?" in warning
        line = editor.text_area.get_line(0)
        styles = {line.plain[s.start : s.end]: s.style for s in line.spans}
        assert styles["#workforce"].color.name == "green3"
        assert styles["#leadrship"].color.name == "red1"
        assert styles["[-]"].bgcolor.name == "orange1"
        await pilot.press(*["backspace"] * 60, *"all fine #workforce")
        await pilot.pause(0.5)
        await settle(pilot)
        assert str(editor.query_one(".warning").render()).strip() == ""


async def test_preview_toggles_back_and_ctrl_l_selects_the_bullet(demo_file):
    _me(demo_file)
    app = make_app(demo_file, home=demo_file.parent)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        session = await _open_session(pilot, 1)
        editor = session.query_one("#mine", NoteEditor)
        await pilot.press(
            *"- one bullet that wraps on a narrow screen, longer than a line of "
            "eighty columns by some way",
            "enter",
            *"- two",
            "up",
        )
        await pilot.press("ctrl+l")
        assert editor.text_area.selected_text.startswith("one bullet")
        assert editor.text_area.selected_text.endswith("by some way")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert not editor.text_area.display and editor.query("#preview")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert editor.text_area.display and not editor.query("#preview")
        assert app.focused is editor.text_area
        await pilot.press(*"!")
        assert "!" in editor.text


async def test_d_twice_on_the_home_screen_makes_one_demo_and_opens_it(tmp_path):
    from screens.home import HomeScreen
    from screens.week import WeekScreen

    app = make_app(home=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        home = app.screen
        await pilot.press("d")
        # a sign at once (unless the demo was made and opened already)
        assert home.query_one("DataTable").loading or home is not app.screen
        await pilot.press("d")
        await settle(pilot)
        for _ in range(240):  # making the demo takes seconds on a busy machine
            if isinstance(app.screen, WeekScreen):
                break
            await pilot.pause(0.25)
            await settle(pilot)
        assert isinstance(app.screen, WeekScreen), app.screen
    assert [p.name for p in tmp_path.glob("*.onsite")] == ["demo.onsite"]
    store = Store.open(tmp_path / "demo.onsite")
    assert store.findings()
    store.close()


async def test_the_week_marks_my_sessions_and_m_filters_to_them_and_back(demo_file):
    from textual.widgets import DataTable

    from screens.week import WeekScreen

    app = make_app(demo_file, home=demo_file.parent)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        week = app.screen
        assert isinstance(week, WeekScreen)
        day1 = week.query_one("#day-1", DataTable)
        every = day1.row_count
        await pilot.press("m")  # nobody chosen on this laptop yet: it asks
        await settle(pilot)
        hb = next(p for p in week.week.peers if p.initials == "HA")
        picker = app.screen.query_one(OptionList)
        while picker.get_option_at_index(picker.highlighted).id != hb.id:
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        mine = [line for line in week.week.days[0].sessions if hb.id in line.session.peer_ids]
        assert 0 < day1.row_count == len(mine) < every
        assert {str(day1.get_row_at(i)[2]) for i in range(day1.row_count)} == {
            line.session.title for line in mine
        }
        await pilot.press("right_square_bracket")  # a day not shown before: filtered too
        await settle(pilot)
        day2 = week.query_one("#day-2", DataTable)
        sessions2 = week.week.days[1].sessions
        mine2 = [line for line in sessions2 if hb.id in line.session.peer_ids]
        assert 0 < day2.row_count == len(mine2) < len(sessions2)
        await pilot.press("left_square_bracket", "m")
        await settle(pilot)
        assert day1.row_count == every
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert day2.row_count == len(sessions2)  # filled again when shown again
    store = Store.open(demo_file)
    assert store.me() == hb.id
    store.close()
