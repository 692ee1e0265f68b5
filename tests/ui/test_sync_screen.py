"""The sync screen, driven as a peer would: Ctrl+S, the folder question, a conflict settled."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList

from onsite.model import Note
from onsite.store.db import Store
from onsite.sync import exchange as sync
from onsite.sync import status as sync_status
from screens.app import make_app
from screens.sync import FolderDialog, SyncScreen
from tests.unit.syncing import Team


@pytest.fixture
def laptops(tmp_path):
    """Two laptops whose edits of one note crossed; the first has not synced since."""
    team = Team(tmp_path)
    a, b = team.found(), team.join()
    note = Note(author_id=a.store.peers()[0].id, body="The ICB is candid.\n")
    a.store.add(note)
    for laptop in (a, b):
        sync.sync(laptop.store, team.folder)
    a.store.update(a.store.get(Note, note.id), body="The ICB is candid about the deficit.\n")
    b.store.update(b.store.get(Note, note.id), body="The ICB is candid. Staff less so.\n")
    sync.sync(b.store, team.folder)
    team.close()
    return team, a.store.path, b.store.path, note.id


async def _open(app, pilot) -> None:
    while app.store is None:  # the week screen opens the file in a worker
        await pilot.pause(0.05)


async def _settle(app, pilot) -> None:
    """A worker's message can start another worker: wait until they have all run."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()


async def test_ctrl_s_syncs_shows_the_conflict_and_resolving_it_is_an_edit(laptops, tmp_path):
    team, path_a, _, note_id = laptops
    store = Store.open(path_a)
    store.set_meta("sync_folder", str(team.folder))
    store.close()
    app = make_app(path_a, home=tmp_path / "home")
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(app, pilot)
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SyncScreen)
        assert (
            screen.report is not None and screen.report.sent == 1 and len(screen.report.merged) == 1
        )
        [conflict] = screen.overview.conflicts
        assert screen.conflict == conflict
        assert {v.text for v in conflict.versions} == {
            "The ICB is candid about the deficit.\n",
            "The ICB is candid. Staff less so.\n",
        }
        assert screen.query_one("#sites").row_count == 2
        await pilot.click("#use-merged")
        await _settle(app, pilot)
        assert screen.overview.conflicts == []
        assert screen.query_one("#conflicts", OptionList).get_option_at_index(0).disabled
        body = app.store.get(Note, note_id).body
        assert body == conflict.proposal  # both sentences, one after the other (order: by clock)
        assert "about the deficit" in body and "Staff less so" in body
        await pilot.press("s")  # sync again: the resolution goes out like any edit
        await _settle(app, pilot)
        assert screen.report.sent == 1
    assert sync_status.open_conflicts(Store.open(path_a)) == []


async def test_without_a_folder_the_screen_asks_for_one(laptops, tmp_path):
    team, _, path_b, _ = laptops
    store = Store.open(path_b)
    store.set_meta("sync_folder", "")
    store.close()
    app = make_app(path_b, home=tmp_path / "home")
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FolderDialog)
        app.screen.query_one(Input).value = str(tmp_path / "nowhere")
        await pilot.press("enter")
        assert isinstance(app.screen, FolderDialog)
        assert "no such folder" in str(app.screen.query_one("#error").render())
        app.screen.query_one(Input).value = str(team.folder)
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, SyncScreen)
        assert app.store.meta("sync_folder") == str(team.folder)


async def test_ctrl_s_is_offered_only_with_an_engagement_open(tmp_path):
    app = make_app(None, home=tmp_path / "home")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SyncScreen)
        assert app.check_action("sync", ()) is False


async def test_refused_bundles_and_plain_bundles_are_warned_about(laptops, tmp_path):
    """Issue 14: the sync screen warns when bundles were refused for the team key, and says
    when a plain engagement's bundles are not encrypted."""
    from onsite.sync import teamkey

    team, path_a, path_b, _ = laptops
    store = Store.open(path_a)
    store.set_meta("sync_folder", str(team.folder))
    store.close()
    seen: list[str] = []

    def hook(message) -> None:
        if type(message).__name__ == "Notify":
            seen.append(f"{message.notification.title}: {message.notification.message}")

    app = make_app(path_a, home=tmp_path / "home")
    async with app.run_test(size=(120, 36), message_hook=hook) as pilot:
        await _open(app, pilot)
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert any(s.startswith("Not encrypted:") for s in seen)
    # Now laptop A holds a key, and laptop B's bundles (plain) are refused.
    store = Store.open(path_a)
    teamkey.team_key(store, create=True)
    store.close()
    store = Store.open(path_b)
    store.add(Note(author_id=store.peers()[0].id, body="More"))
    sync.sync(store, team.folder)
    store.close()
    seen.clear()
    app = make_app(path_a, home=tmp_path / "home")
    async with app.run_test(size=(120, 36), message_hook=hook) as pilot:
        await _open(app, pilot)
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert app.screen.report.refused
        assert any(s.startswith("Bundles refused:") for s in seen), seen


async def test_an_invite_code_typed_on_the_sync_screen_gives_the_team_key(laptops, tmp_path):
    """Issue 14: an existing copy takes the team key in the app (i, the code, Enter)."""
    from onsite.sync import teamkey

    team, path_a, _, _ = laptops
    key = teamkey.new_key()
    store = Store.open(path_a)
    store.set_meta("sync_folder", str(team.folder))
    store.close()
    app = make_app(path_a, home=tmp_path / "home")
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(app, pilot)
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#code", Input).value = "0W3K-TYPO"
        await pilot.press("enter")
        await pilot.pause()
        assert "invite code" in str(app.screen.query_one("#error").render())
        app.screen.query_one("#code", Input).value = teamkey.invite_code(key)
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, SyncScreen)
    store = Store.open(path_a)
    try:
        assert teamkey.team_key(store) == key
        assert store.meta(teamkey.RESEAL_META) == "1"
    finally:
        store.close()
