"""Issue 14, problem 4 (purge everywhere), through the real command line and real files: after
the lead's purge and one sync round by every laptop, no purged phrase is left in any laptop's
file (database, WAL, shared memory) nor in any bundle in the shared folder (unsealed and
inflated), and a conflict on a purged note is gone with it."""

from __future__ import annotations

from onsite.cli import main
from onsite.model import Note, Participant, Peer, Session
from onsite.store.db import Store
from onsite.sync import bundle_reading, teamkey
from onsite.sync.status import open_conflicts

PHRASE = "Kevin Okafor said the discharge lounge"
OTHER = "Kevin Okafor told us the discharge lounge"
LATE = "Kevin Okafor again on the discharge lounge"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _bytes_of(path) -> bytes:
    return b"".join(
        p.read_bytes()
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
        if p.exists()
    )


def test_after_one_round_no_purged_phrase_is_left_anywhere(tmp_path, capsys):
    folder = tmp_path / "shared"
    folder.mkdir()
    lead, raj, sue = (tmp_path / f"{who}.onsite" for who in ("lead", "raj", "sue"))
    # Plain files, so that the test can look for the phrase in their bytes; the bundles are
    # sealed with the team key the lead's invite makes.
    assert (
        run(capsys, "new", str(lead), "--name", "Calder Vale", "--start", "2026-03-02", "--plain")[
            0
        ]
        == 0
    )
    store = Store.open(lead)
    ann, raj_peer, sue_peer = (
        Peer(name="Ann Bee", initials="AB", role="lead peer"),
        Peer(name="Raj Patel", initials="RP"),
        Peer(name="Sue Lee", initials="SL"),
    )
    session = Session(day=1, start="09:00", title="Discharge")
    store.add(
        ann,
        raj_peer,
        sue_peer,
        session,
        Participant(session_id=session.id, role="ward manager", name="Kevin Okafor"),
    )
    store.set_me(ann.id)
    store.close()
    code, out, _ = run(capsys, "invite", str(lead))
    invite = out.split("\n\n")[1].strip()
    assert run(capsys, "sync", str(lead), str(folder))[0] == 0
    for path in (raj, sue):
        assert run(capsys, "join", str(folder), str(path), "--invite", invite, "--plain")[0] == 0

    # Raj writes the note; Sue edits it while Raj edits it again, offline: a conflict.
    store = Store.open(raj)
    note = Note(session_id=session.id, author_id=raj_peer.id, body=PHRASE)
    store.add(note)
    store.close()
    assert run(capsys, "sync", str(raj), str(folder))[0] == 0
    assert run(capsys, "sync", str(sue), str(folder))[0] == 0
    for path, text in ((raj, PHRASE + " (Raj)"), (sue, OTHER)):
        store = Store.open(path)
        store.update(store.get(Note, note.id), body=text)
        store.close()
    for path in (raj, sue, lead, raj):
        assert run(capsys, "sync", str(path), str(folder))[0] == 0
    store = Store.open(lead)
    assert any(c.record_id == note.id for c in open_conflicts(store))
    store.close()
    # Sue writes more on the note before she hears of the purge: it is in her next bundle.
    store = Store.open(sue)
    store.update(store.get(Note, note.id), body=LATE)
    store.close()

    code, out, _ = run(capsys, "purge", str(lead), "--yes")
    assert code == 0 and "Purged 1 notes" in out
    # what remains where: the laptops not yet synced
    assert "Raj Patel's laptop: the raw notes stay in its copy until it next syncs" in out
    assert "Sue Lee's laptop" in out and "the shared folder: nothing" in out
    for path in (lead, raj, sue):
        code, out, err = run(capsys, "sync", str(path), str(folder))
        assert code == 0, err

    key = bytes.fromhex(Store.open(lead).meta(teamkey.META_KEY))
    words = [w.encode() for w in ("Kevin", "Okafor", "discharge lounge")]
    for path in (lead, raj, sue):
        data = _bytes_of(path)
        assert not [w for w in words if w in data], path.name
        store = Store.open(path)
        try:
            assert store.get(Note, note.id).body == ""
            assert not any(c.record_id == note.id for c in open_conflicts(store))
        finally:
            store.close()
    files = sorted(folder.glob("*/*.onsync"))
    assert files
    for path in files:
        text = bundle_reading.inflate(path, path.name, key)
        assert not [w for w in words if w in text], path


def test_the_purge_destroys_the_team_only_exports_on_every_laptop(tmp_path):
    """The evidence pack and the JSON archive hold quotes and names: the export puts them in a
    folder of their own, and the purge deletes them, on the lead's laptop and on each laptop
    the purge reaches. What system leaders received stays."""
    from onsite.confidential import purge, team_files
    from onsite.leaders.export import export
    from tests.unit.syncing import Team

    team = Team(tmp_path)
    lead = team.found()
    other = team.join()
    team.deliver(other, team.files())
    ann = next(p for p in lead.store.peers() if p.initials == "AB")
    session = Session(day=1, start="09:00", title="Discharge")
    lead.store.add(session, Note(session_id=session.id, author_id=ann.id, body=PHRASE))
    drive, laptop_folder = tmp_path / "shared drive", tmp_path / "Raj's exports é"
    drive.mkdir(), laptop_folder.mkdir()
    lead_files = export(lead.store, drive, ["md", "json"]).written
    team.send(lead)
    team.deliver(other, team.files())
    [archive] = export(other.store, laptop_folder, ["json"]).written
    assert archive.path.parent.name == team_files.TEAM_ONLY and PHRASE in archive.path.read_text(
        "utf-8"
    )
    kept = [w.path for w in lead_files if w.path.parent == drive]
    assert kept and all(
        w.path.parent.name == team_files.TEAM_ONLY for w in lead_files if w.path not in kept
    )

    done = purge.purge(lead.store, ann.id)
    assert sorted(done.exports.removed) == sorted(
        str(w.path.resolve()) for w in lead_files if w.path not in kept
    )
    assert not (drive / team_files.TEAM_ONLY).exists() and all(p.exists() for p in kept)
    assert archive.path.exists()  # the other laptop has not heard of the purge yet
    from onsite.sync.exchange import sync

    sync(lead.store, team.folder)
    report = sync(other.store, team.folder)  # as `onsite sync` does on Raj's laptop
    assert any("purge" in n for n in report.notes)
    assert not archive.path.exists() and not (laptop_folder / team_files.TEAM_ONLY).exists()
    assert team_files.written(other.store) == []
    team.close()


def test_a_team_only_export_on_a_drive_not_connected_is_kept_for_the_next_purge(tmp_path):
    from onsite.confidential import team_files

    store = Store.create_empty(tmp_path / "a.onsite")
    gone = tmp_path / "E drive" / team_files.TEAM_ONLY / "x - archive.json"
    team_files.remember(store, [gone])
    assert team_files.destroy(store).unreachable == [str(gone.resolve())]
    assert team_files.written(store) == [str(gone.resolve())]  # tried again next time
    store.close()
