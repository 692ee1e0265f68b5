"""Team sync, case by case: what a peer would notice if it went wrong."""

from __future__ import annotations

import shutil
import time

import pytest

from onsite.clock import parse_stamp
from onsite.model import Finding, Note, Peer, Session
from onsite.store.db import Store
from onsite.sync import exchange as sync
from onsite.sync import status as sync_status
from tests.unit.syncing import HOUR, Team, canonical, changes


@pytest.fixture
def team(tmp_path):
    team = Team(tmp_path)
    team.found()
    team.join()
    yield team
    team.close()


def exchange(team, rounds: int = 2) -> None:
    for _ in range(rounds):
        for laptop in team.laptops:
            sync.sync(laptop.store, team.folder)


def test_a_bundle_goes_into_the_laptops_own_subfolder_with_nothing_left_behind(team):
    a = team.laptops[0]
    a.store.add(Note(author_id=a.store.peers()[0].id, body="first impressions"))
    report = sync.sync(a.store, team.folder)
    site, name = report.written.split("/")
    assert site == a.store.site and report.sent == 5
    names = sorted(p.name for p in (team.folder / site).iterdir())
    assert len(names) == 2 and names[-1] == name  # the founding bundle and this; no temporary file
    assert sync.sync(a.store, team.folder).written is None  # nothing new: no empty bundle


def test_changes_reach_the_other_laptop_and_the_clock_moves_past_them(team):
    a, b = team.laptops
    a.offset = 5 * HOUR  # a's clock runs ahead
    note = Note(author_id=a.store.peers()[0].id, body="the discharge lounge")
    a.store.add(note)
    exchange(team)
    assert b.store.get(Note, note.id).body == "the discharge lounge"
    b.store.update(b.store.get(Note, note.id), body="edited on b")
    assert b.store.get(Note, note.id).updated > note.updated  # b stamps after what it saw
    exchange(team)
    assert a.store.get(Note, note.id).body == "edited on b"
    assert canonical(a.store) == canonical(b.store)


def test_merged_and_deleted_notes_are_kept_in_step_with_search(team):
    from onsite.evidence.search import search

    a, b = team.laptops
    session = Session(day=1, start="09:00", title="Discharge lounge visit", kind="site visit")
    note = Note(
        session_id=session.id, author_id=a.store.peers()[0].id, body="the step-down beds are full"
    )
    a.store.add(session, note)
    exchange(team)
    assert [h.record_id for h in search(b.store, "step-down", limit=5)] == [note.id]
    a.store.delete(a.store.get(Note, note.id))
    exchange(team)
    assert search(b.store, "step-down", limit=5) == []


def test_short_fields_take_the_last_writer_per_field(team):
    a, b = team.laptops
    finding = Finding(theme_key="workforce", statement="Gaps in the rota")
    a.store.add(finding)
    exchange(team)
    a.store.update(a.store.get(Finding, finding.id), status="tested")
    team.timeline.advance(1000)
    b.store.update(b.store.get(Finding, finding.id), polarity="area for consideration")
    exchange(team)
    for laptop in team.laptops:
        merged = laptop.store.get(Finding, finding.id)
        assert (merged.status, merged.polarity) == ("tested", "area for consideration")


def test_concurrent_edits_of_a_note_are_a_conflict_until_someone_resolves_it(team):
    a, b = team.laptops
    note = Note(author_id=a.store.peers()[0].id, body="Staff said:\nthe rota is thin\nmorale ok\n")
    a.store.add(note)
    exchange(team)
    a.store.update(
        a.store.get(Note, note.id), body="Staff said:\nthe rota is very thin\nmorale ok\n"
    )
    b.store.update(b.store.get(Note, note.id), body="Staff said:\nthe rota is thin\nmorale low\n")
    exchange(team)
    for laptop in team.laptops:
        [conflict] = sync_status.open_conflicts(laptop.store)
        assert conflict.kind == "text" and conflict.label == "Ann Bee's note on no session"
        assert {v.text for v in conflict.versions} == {
            "Staff said:\nthe rota is very thin\nmorale ok\n",
            "Staff said:\nthe rota is thin\nmorale low\n",
        }
        assert conflict.proposal == "Staff said:\nthe rota is very thin\nmorale low\n"
    conflict = sync_status.open_conflicts(b.store)[0]
    sync_status.resolve(b.store, conflict, text=conflict.proposal + "agreed\n")
    assert sync_status.open_conflicts(b.store) == []
    exchange(team)
    for laptop in team.laptops:
        assert sync_status.open_conflicts(laptop.store) == []
        assert laptop.store.get(Note, note.id).body.endswith("morale low\nagreed\n")
        assert len(laptop.store.versions(note, "body")) == 4  # nothing lost


def test_an_edit_in_a_stale_editor_after_a_merge_becomes_a_conflict(team):
    a, b = team.laptops
    note = Note(author_id=a.store.peers()[0].id, body="v1")
    a.store.add(note)
    exchange(team)
    open_in_editor = a.store.get(Note, note.id)  # a peer is typing in this copy
    b.store.update(b.store.get(Note, note.id), body="b's version")
    exchange(team)  # b's version arrives on a while the editor is open
    a.store.update(open_in_editor, body="a's version, typed meanwhile")
    exchange(team)
    assert [c.field for c in sync_status.open_conflicts(b.store)] == ["body"]


def test_an_edit_after_a_delete_is_flagged_and_either_answer_travels(team):
    a, b = team.laptops
    note = Note(author_id=a.store.peers()[0].id, body="draft")
    a.store.add(note)
    exchange(team)
    a.store.delete(a.store.get(Note, note.id))
    team.timeline.advance(1000)
    b.store.update(b.store.get(Note, note.id), body="b kept writing")
    exchange(team)
    for laptop in team.laptops:
        [conflict] = sync_status.open_conflicts(laptop.store)
        assert conflict.kind == "deleted" and conflict.versions[0].text == "body: b kept writing"
        assert laptop.store.get(Note, note.id).body == "b kept writing"  # the edit is kept
    sync_status.resolve(a.store, sync_status.open_conflicts(a.store)[0], restore=True)
    exchange(team)
    for laptop in team.laptops:
        assert sync_status.open_conflicts(laptop.store) == []
        assert [n.body for n in laptop.store.notes()] == ["b kept writing"]


def test_joining_builds_the_same_engagement_with_a_new_site(team):
    a = team.laptops[0]
    a.store.add(Peer(name="Raj Patel", initials="RP"))
    exchange(team)
    c = team.join()
    assert c.store.site not in {a.store.site, team.laptops[1].store.site}
    assert canonical(c.store) == canonical(a.store)
    assert c.store.meta("sync_folder") == str(team.folder)
    assert sync.sync(c.store, team.folder).merged == []  # join remembered what it merged


def test_join_refuses_clearly_and_leaves_no_file(tmp_path, team):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(sync.SyncError, match="holds no Onsite bundles"):
        sync.join(empty, tmp_path / "new.onsite")
    assert not (tmp_path / "new.onsite").exists()
    other = Team(tmp_path / "other")
    other.found()
    shutil.copytree(other.folder, team.folder, dirs_exist_ok=True)
    other.close()
    with pytest.raises(sync.SyncError, match="holds bundles of 2 engagements"):
        sync.join(team.folder, tmp_path / "new.onsite")
    assert not (tmp_path / "new.onsite").exists()


def test_the_engagement_file_may_not_live_in_the_shared_folder(team):
    a = team.laptops[0]
    with pytest.raises(sync.SyncError, match="holds the engagement file itself"):
        sync.sync(a.store, a.store.path.parent)
    with pytest.raises(sync.SyncError, match="no such folder"):
        sync.sync(a.store, team.root / "missing")


def test_a_restored_copy_sends_what_the_original_never_sent(team):
    a = team.laptops[0]
    note = Note(author_id=a.store.peers()[0].id, body="typed, then the laptop died")
    a.store.add(note)
    a.store.close()
    restored_path = team.root / "restored.onsite"
    shutil.copyfile(a.store.path, restored_path)
    restored = Store.open(restored_path)
    try:
        report = sync.sync(restored, team.folder)
        assert report.sent == 5
        exchange(team)
        assert team.laptops[1].store.get(Note, note.id).body == "typed, then the laptop died"
    finally:
        restored.close()
        a.store = Store.open(a.store.path)


def test_a_resync_with_nothing_new_reads_nothing_and_is_quick(team):
    a = team.laptops[0]
    a.store.add(*(Note(author_id=a.store.peers()[0].id, body=f"note {i}") for i in range(50)))
    exchange(team)
    b = team.laptops[1]
    before = changes(b.store)
    started = time.perf_counter()
    report = sync.sync(b.store, team.folder)
    elapsed = time.perf_counter() - started
    assert report.written is None and report.merged == [] and changes(b.store) == before
    assert elapsed < 1.0  # the figure (target 20 ms) is in tests/bench/bench_sync.py


def test_progress_is_reported_per_bundle(team):
    a, b = team.laptops
    for i in range(3):
        a.store.add(Note(author_id=a.store.peers()[0].id, body=f"note {i}"))
        sync.sync(a.store, team.folder)
    seen = []
    sync.sync(b.store, team.folder, progress=lambda done, total, what: seen.append((done, total)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_the_overview_says_who_sent_what_and_when(team):
    a, b = team.laptops
    a.store.add(
        Note(author_id=a.store.peers()[0].id, body="one"), Finding(theme_key="x", statement="s")
    )
    exchange(team)
    overview = sync_status.overview(b.store)
    mine = next(s for s in overview.sites if s.this_laptop)
    theirs = next(s for s in overview.sites if s.site == a.store.site)
    assert mine.site == b.store.site and theirs.bundles == 2 and theirs.last_merged is not None
    assert overview.arrivals[0].describe() == "1 new finding, 1 new note"
    assert overview.folder == team.folder
    assert parse_stamp(a.store.clock.last)[2] == a.store.site


def test_a_bundle_from_an_older_onsite_without_a_newer_field_gets_its_default(team):
    """An excerpt written before excerpts had an origin: the field takes its default."""
    import hashlib
    import json
    import zlib

    from onsite.model import Excerpt

    a, b = team.laptops
    note = Note(author_id=a.store.peers()[0].id, body="we heard about discharge")
    excerpt = Excerpt(note_id=note.id, quote="discharge", origin="inline")
    a.store.add(note, excerpt)
    file, _ = sync.write_bundle(a.store, team.folder, team.engagement)
    path = team.folder / file
    magic, header, body = path.read_bytes().split(b"\n", 2)
    lines = [line for line in zlib.decompress(body).split(b"\n") if b'"origin"' not in line]
    body = zlib.compress(b"\n".join(lines))
    fields = {k: v for k, v in json.loads(header).items() if k != "sha256"}
    fields["count"] = len(lines)
    digest = hashlib.sha256(json.dumps(fields, sort_keys=True).encode() + b"\n" + body).hexdigest()
    path.write_bytes(
        magic
        + b"\n"
        + json.dumps({**fields, "sha256": digest}, sort_keys=True).encode()
        + b"\n"
        + body
    )
    sync.sync(b.store, team.folder)
    assert b.store.get(Excerpt, excerpt.id).origin == "selection"


def test_every_table_has_a_name_for_what_came_in():
    from onsite.model import TABLE_BY_NAME

    assert set(sync_status.TABLE_NAMES) == set(TABLE_BY_NAME)


def test_with_a_team_key_bundles_are_sealed_and_only_its_holders_read_them(team, tmp_path):
    from onsite.sync import teamkey

    a, b = team.laptops
    key = teamkey.team_key(a.store, create=True)
    teamkey.join(b.store, teamkey.invite_code(key))
    note = Note(author_id=a.store.peers()[0].id, body="confidential: the deficit is larger")
    a.store.add(note)
    file = sync.sync(a.store, team.folder).written
    data = (team.folder / file).read_bytes()
    assert b"deficit" not in data and b'"sealed": true' in data
    assert [m.file for m in sync.sync(b.store, team.folder).merged] == [file]
    assert b.store.get(Note, note.id).body == "confidential: the deficit is larger"

    c, _ = sync.join(team.folder, tmp_path / "c.onsite")  # the founding bundle was plain
    try:
        reasons = [s.reason for s in sync.sync(c, team.folder).skipped]
        assert reasons == [
            "sealed with the team key, which this laptop does not have; ask the "
            "lead peer for an invite (onsite invite accept FILE CODE); skipped"
        ]
        assert c.get(Note, note.id) is None
    finally:
        c.close()


def test_a_sealed_bundle_changed_by_someone_without_the_key_is_refused(team):
    import hashlib
    import json

    from onsite.sync import teamkey

    a, b = team.laptops
    key = teamkey.team_key(a.store, create=True)
    teamkey.join(b.store, teamkey.invite_code(key))
    a.store.add(Note(author_id=a.store.peers()[0].id, body="first impressions"))
    path = team.folder / sync.sync(a.store, team.folder).written
    magic, header, body = path.read_bytes().split(b"\n", 2)
    body = body[:-1] + bytes([body[-1] ^ 1])  # one bit, then a checksum to match
    fields = {k: v for k, v in json.loads(header).items() if k != "sha256"}
    digest = hashlib.sha256(json.dumps(fields, sort_keys=True).encode() + b"\n" + body).hexdigest()
    path.write_bytes(
        magic
        + b"\n"
        + json.dumps({**fields, "sha256": digest}, sort_keys=True).encode()
        + b"\n"
        + body
    )
    before = changes(b.store)
    [skipped] = sync.sync(b.store, team.folder).skipped
    assert "failed authentication" in skipped.reason
    assert changes(b.store) == before
