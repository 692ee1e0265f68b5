"""Peer mentoring notes: encrypted, never synced, never exported, purged on request. The
tests read the shared folder, the export folder and the files' bytes to prove it."""

from datetime import date
from pathlib import Path

import pytest

from onsite.after import mentoring
from onsite.cli import main
from onsite.leaders.export import ExportError, export
from onsite.store.db import Store
from onsite.sync import exchange

SECRET = "finds the ICB chair impossible to work with"
PASS = "correct horse battery staple"


def every_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.fixture
def log(tmp_path):
    store = mentoring.create(
        tmp_path / "mine.onsite", mentor="Helen Ashdown", passphrase=PASS, start=date(2026, 5, 1)
    )
    mentoring.add(
        store,
        held=date(2026, 5, 1),
        mentee="new ICB chief executive",
        notes=f"Says she {SECRET}.",
        actions="Read the board terms of reference",
    )
    mentoring.add(
        store,
        held=date(2026, 6, 3),
        mentee="new ICB chief executive",
        notes="Second session: the first hundred days.",
    )
    yield store
    store.close()


def test_a_mentoring_log_is_always_encrypted(tmp_path, log):
    with pytest.raises(mentoring.MentoringError, match="always encrypted"):
        mentoring.create(
            tmp_path / "plain.onsite", mentor="X", passphrase=None, start=date(2026, 5, 1)
        )
    log.compact()
    assert SECRET.encode() not in log.path.read_bytes()
    assert [s.mentee for s in mentoring.sessions(log)] == ["new ICB chief executive"] * 2


def test_sync_and_the_invite_refuse_it_and_the_shared_folder_stays_empty(tmp_path, log):
    shared = tmp_path / "shared"
    shared.mkdir()
    with pytest.raises(exchange.SyncError, match="never syncs"):
        exchange.sync(log, shared)
    assert list(shared.rglob("*")) == []
    log.close()
    env = {"ONSITE_PASSPHRASE": PASS}
    import os

    os.environ.update(env)
    try:
        assert main(["sync", str(log.path), str(shared)]) == 1
        assert main(["invite", str(log.path)]) == 1
    finally:
        del os.environ["ONSITE_PASSPHRASE"]
    assert list(shared.rglob("*")) == []


def test_join_refuses_a_mentoring_engagement_and_leaves_no_file(tmp_path, log):
    """Even if bundles of one reached a folder (written here by hand, past the refusal)."""
    empty = mentoring.create(
        tmp_path / "empty.onsite", mentor="Helen Ashdown", passphrase=PASS, start=date(2026, 5, 1)
    )
    for store, name in ((empty, "a"), (log, "b")):
        shared = tmp_path / f"shared-{name}"
        shared.mkdir()
        exchange.write_bundle(store, shared, store.engagement().id)
        assert any(shared.rglob("*.*"))
        # its bundles are sealed under a key no invite ever hands out (and a log with sessions
        # could not even be merged: the sessions' table is none of the team's)
        with pytest.raises(exchange.SyncError, match="never syncs|sealed|no bundle"):
            exchange.join(shared, tmp_path / f"joined-{name}.onsite")
    empty.close()
    assert not any(p.name.startswith("joined") for p in tmp_path.iterdir())


def test_no_export_carries_it(tmp_path, log, capsys):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportError, match="never exported"):
        export(log, out, ["md", "html", "docx", "json"])
    from onsite.after.output import export_documents

    with pytest.raises(ExportError, match="never exported"):
        export_documents(log, out, ["md"], [])
    log.close()
    import os

    os.environ["ONSITE_PASSPHRASE"] = PASS
    try:
        assert main(["export", str(log.path), "--to", str(out)]) == 1
    finally:
        del os.environ["ONSITE_PASSPHRASE"]
    assert "never exported" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_the_mentors_own_copy_is_encrypted_under_the_same_passphrase(tmp_path, log):
    copy = mentoring.copy(log, tmp_path / "backup.onsite")
    assert SECRET.encode() not in copy.read_bytes()
    again = Store.open(copy, PASS)
    assert SECRET in mentoring.sessions(again)[0].notes
    again.close()


def test_purge_destroys_a_session_and_its_history(tmp_path, log):
    first = mentoring.sessions(log)[0]
    assert mentoring.purge(log, [first]) == 1
    assert [s.notes for s in mentoring.sessions(log)] == ["Second session: the first hundred days."]
    path = log.path
    log.close()
    # decrypted, nothing of it remains anywhere in the file, the change log included
    from onsite.store import cipher

    conn = cipher.connect(path, cipher.key_for_file(path, PASS))
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    dump = "\n".join(str(row) for t in tables for row in conn.execute(f'SELECT * FROM "{t}"'))
    assert "Second session" in dump  # the dump does read the notes that are left
    conn.close()
    assert SECRET not in dump and "board terms of reference" not in dump
    store = Store.open(path, PASS)
    assert mentoring.purge(store) == 1 and mentoring.sessions(store) == []
    store.close()


def test_notes_only_go_into_a_mentoring_file(tmp_path):
    store = Store.create(tmp_path / "team.onsite", name="Team", start=date(2026, 3, 2))
    with pytest.raises(mentoring.MentoringError, match="not a mentoring engagement"):
        mentoring.add(store, held=date(2026, 5, 1), mentee="x", notes="y")
    store.close()
