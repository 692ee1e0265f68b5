"""The one autosave text on every screen that edits: a finding's statement, a note saved while
another window changed it (a conflict, said at once), a second window opening the file."""

from __future__ import annotations

import subprocess
import sys

from onsite.model import Finding, Note
from onsite.store.db import Store
from onsite.sync.status import conflicted
from screens.app import make_app
from screens.finding import FindingScreen
from screens.session import SessionScreen
from screens.widgets.autosave import AutosaveText
from screens.widgets.note_editor import NoteEditor
from tests.ui.helpers import settle

SIZE = (120, 36)


def _me(path, initials="HA"):
    store = Store.open(path)
    store.set_me(next(p.id for p in store.peers() if p.initials == initials))
    store.close()


async def _until(pilot, predicate, seconds=8.0) -> bool:
    for _ in range(int(seconds / 0.1)):
        if predicate():
            return True
        await pilot.pause(0.1)
    return predicate()


async def test_a_findings_statement_saves_as_it_is_typed(demo_file):
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        finding = next(f for f in app.store.findings() if f.status != "dropped")
        app.push_screen(FindingScreen(app.store, finding.id))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FindingScreen)
        statement = screen.query_one("#statement", AutosaveText)
        statement.text_area.focus()
        statement.text_area.move_cursor(statement.text_area.document.end)
        await pilot.press(*" Heard in four interviews.")
        await pilot.press("tab")
        await pilot.press(*"Is it the same in Hebbleton?")
        assert await _until(
            pilot,
            lambda: not statement.dirty and not screen.query_one("#questions", AutosaveText).dirty,
        )
        finding_id = screen.finding_id
    store = Store.open(demo_file)
    try:
        saved = store.get(Finding, finding_id)
        assert saved.statement.endswith("Heard in four interviews.")
        assert saved.questions.endswith("Is it the same in Hebbleton?")
    finally:
        store.close()


async def test_a_save_that_makes_a_conflict_says_so_at_once(demo_file):
    _me(demo_file)
    app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        session = app.screen
        assert isinstance(session, SessionScreen)
        editor = session.query_one("#mine", NoteEditor)
        await pilot.press(*"First words.")
        assert await _until(pilot, lambda: not editor.dirty)
        # another window (its own connection) changes the same note meanwhile
        other = Store.open(demo_file)
        note = other.get(Note, session.note.id)
        other.update(note, body=note.body + " Written in the other window.")
        other.close()
        await pilot.press(*" And more here.")
        assert await _until(
            pilot, lambda: "also changed elsewhere" in str(editor.query_one(".warning").content)
        )
        assert await _until(pilot, lambda: not editor.dirty)
    store = Store.open(demo_file)
    try:
        note = store.get(Note, session.note.id)
        assert note.body.endswith("First words. And more here.")
        assert conflicted(store, note, "body")  # both versions kept, to settle on Sync
    finally:
        store.close()


OTHER_WINDOW = """
import sys, time
from pathlib import Path
from onsite.store.inuse import claim
claim(Path(sys.argv[1]))
print("open", flush=True)
time.sleep(120)
"""


async def test_a_second_window_on_the_same_file_is_warned(demo_file):
    other = subprocess.Popen(
        [sys.executable, "-c", OTHER_WINDOW, str(demo_file)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout.readline().strip() == "open"
        app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.open_twice is not None and app.open_twice.pid == other.pid
        other.kill()
        other.wait()
        app = make_app(demo_file, home=demo_file.parent, idle_minutes=0)
        async with app.run_test(size=SIZE) as pilot:  # the killed window's claim is stale
            await settle(pilot)
            assert app.store is not None and app.open_twice is None
    finally:
        other.kill()
        other.wait()


async def test_the_feedbacks_key_messages_save_as_typed_and_cancel_puts_them_back(tmp_path):
    from textual.widgets import TabbedContent

    from screens.feedback import TextDialog
    from tests.unit.small_engagement import build

    path = tmp_path / "week.onsite"
    build(path).close()

    def key_messages() -> str:
        store = Store.open(path)
        try:
            section = store.feedback_sections().get("key messages")
            return section.body if section else ""
        finally:
            store.close()

    app = make_app(path, home=tmp_path, idle_minutes=0)
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        app.screen.query_one("#tabs", TabbedContent).active = "tab-feedback"
        await settle(pilot)
        await pilot.click("#key-messages")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, TextDialog)
        editor = dialog.query_one(AutosaveText)
        editor.text_area.load_text("")
        await pilot.press(*"- Partners trust one another.")
        assert await _until(pilot, lambda: not editor.dirty)
        assert key_messages() == "- Partners trust one another."  # before Save is pressed
        await pilot.click("#text-cancel")
        await settle(pilot)
        assert not isinstance(app.screen, TextDialog)
    assert key_messages() == ""  # Cancel put back what was there: Onsite's draft
