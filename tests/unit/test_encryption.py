"""Encryption at rest: the raw bytes of the file, its WAL and its side files hold no plaintext."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from onsite.model import Note, Participant, Session
from onsite.store import cipher, migrations, protect
from onsite.store.db import Store, _statements
from onsite.store.errors import PassphraseNeeded, StoreError, WrongPassphrase
from onsite.store.files import APPLICATION_ID, file_kind, list_engagements, peek

PASSPHRASE = "correct horse battery"
PHRASE = "the discharge lounge is a fire hazard"  # planted; must never be readable on disk
NAME = "Zebedee Quintillion"


def _side_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _raw(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in _side_files(path) if p.exists())


def _plant(store: Store) -> None:
    session = Session(day=1, start="09:00", title="Interview: director of nursing")
    store.add(
        session,
        Participant(session_id=session.id, role="director of nursing", name=NAME),
        Note(session_id=session.id, author_id="p1", body=f"She said {PHRASE}."),
    )


def _make(tmp_path: Path, passphrase: str | None, name: str = "week.onsite") -> Store:
    store = Store.create(
        tmp_path / name, name="Calder Vale", start=date(2026, 3, 2), passphrase=passphrase
    )
    _plant(store)
    return store


def test_the_planted_phrase_is_visible_in_a_plain_file(tmp_path):
    """The control: without encryption the raw-bytes test below would see the phrase."""
    store = _make(tmp_path, None)
    assert PHRASE.encode() in _raw(store.path)
    store.close()


def test_no_plaintext_in_an_encrypted_file_its_wal_or_shm(tmp_path):
    store = _make(tmp_path, PASSPHRASE)
    wal = store.path.with_name(store.path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the note is in the WAL right now
    for part in (PHRASE, NAME, "Calder Vale", "CREATE TABLE"):
        assert part.encode() not in _raw(store.path), part
        assert part.encode("utf-16-le") not in _raw(store.path), part
    assert store.notes()[0].body == f"She said {PHRASE}."
    store.close()
    assert PHRASE.encode() not in _raw(store.path)
    assert file_kind(store.path) == "encrypted"


def test_an_encrypted_file_reopens_only_with_its_passphrase_and_a_wrong_one_changes_nothing(
    tmp_path,
):
    store = _make(tmp_path, PASSPHRASE)
    path = store.path
    store.close()
    before = {p.name: p.read_bytes() for p in _side_files(path) if p.exists()}
    with pytest.raises(PassphraseNeeded, match="encrypted"):
        Store.open(path)
    with pytest.raises(WrongPassphrase, match=f"wrong passphrase for {path}"):
        Store.open(path, "not the passphrase")
    assert {p.name: p.read_bytes() for p in _side_files(path) if p.exists()} == before
    again = Store.open(path, PASSPHRASE)
    assert again.encrypted and again.notes()[0].body.endswith(f"{PHRASE}.")
    assert again.check_passphrase(PASSPHRASE) and not again.check_passphrase("nope nope nope")
    again.close()


def test_the_stock_sqlcipher_passphrase_opens_the_file(tmp_path):
    """Onsite derives the key itself; the file must still be SQLCipher 4's own format."""
    store = _make(tmp_path, PASSPHRASE)
    store.close()
    conn = cipher.sqlcipher.connect(str(store.path))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    assert conn.execute("SELECT name FROM engagement").fetchone() == ("Calder Vale",)
    assert conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    conn.close()


def test_short_passphrases_are_refused(tmp_path):
    with pytest.raises(StoreError, match="at least 8"):
        Store.create(tmp_path / "x.onsite", name="X", start=date(2026, 1, 5), passphrase="short")
    assert not (tmp_path / "x.onsite").exists()


def test_listing_shows_an_encrypted_engagement_by_its_file_name(tmp_path):
    _make(tmp_path, PASSPHRASE, "secret week.onsite").close()
    _make(tmp_path, None, "open week.onsite").close()
    (tmp_path / "junk.onsite").write_text("not a database")
    infos = {i.path.name: i for i in list_engagements(tmp_path)}
    assert set(infos) == {"secret week.onsite", "open week.onsite"}
    secret = infos["secret week.onsite"]
    assert secret.encrypted and secret.name == "secret week" and secret.start is None
    assert (
        not infos["open week.onsite"].encrypted and infos["open week.onsite"].name == "Calder Vale"
    )
    assert peek(tmp_path / "secret week.onsite").encrypted


def test_encrypt_in_place(tmp_path):
    store = _make(tmp_path, None)
    path, counts = store.path, store.counts()
    store.close()
    done = protect.encrypt_file(path, PASSPHRASE)
    assert done.rows > 0
    assert PHRASE.encode() not in _raw(path)
    assert not protect._side(path, protect.TEMP_SUFFIX).exists()
    assert not protect._side(path, protect.BACKUP_SUFFIX).exists()
    with pytest.raises(WrongPassphrase):
        Store.open(path, "wrong wrong wrong")
    again = Store.open(path, PASSPHRASE)
    assert again.counts() == counts
    from onsite.evidence.search import search

    assert search(again, "lounge", limit=5)  # the full-text index came across too
    again.close()


def test_an_encrypt_that_fails_verification_leaves_the_original_intact(tmp_path, monkeypatch):
    store = _make(tmp_path, None)
    path = store.path
    store.close()
    before = path.read_bytes()

    def refuse(*args):
        raise StoreError("simulated: the copy did not verify")

    monkeypatch.setattr(protect, "verify_copy", refuse)
    with pytest.raises(StoreError, match="simulated"):
        protect.encrypt_file(path, PASSPHRASE)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    reopened = Store.open(path)
    assert reopened.notes()[0].body.endswith(f"{PHRASE}.")
    reopened.close()


def test_an_encrypt_that_fails_after_the_swap_puts_the_original_back(tmp_path, monkeypatch):
    store = _make(tmp_path, None)
    path = store.path
    store.close()
    before = path.read_bytes()
    real, calls = protect.verify_copy, []

    def fail_second_time(*args):
        calls.append(args)
        if len(calls) == 2:
            raise StoreError("simulated: the swapped file did not verify")
        real(*args)

    monkeypatch.setattr(protect, "verify_copy", fail_second_time)
    with pytest.raises(StoreError, match="simulated"):
        protect.encrypt_file(path, PASSPHRASE)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


@pytest.mark.slow
def test_encrypting_refuses_a_file_open_elsewhere(tmp_path):
    store = _make(tmp_path, None)
    with store.engine.connect() as conn:  # a reader holding a snapshot, as another app would
        conn.exec_driver_sql("BEGIN")
        conn.exec_driver_sql("SELECT count(*) FROM note").all()
        with pytest.raises(StoreError, match="open in another Onsite"):
            protect.encrypt_file(store.path, PASSPHRASE)
    store.close()
    assert file_kind(store.path) == "plain"
    assert sorted(p.name for p in tmp_path.iterdir()) == [store.path.name]


def test_change_the_passphrase(tmp_path):
    store = _make(tmp_path, PASSPHRASE)
    path = store.path
    store.close()
    with pytest.raises(WrongPassphrase):
        protect.change_passphrase(path, "not the old one", "a new passphrase")
    protect.change_passphrase(path, PASSPHRASE, "a new passphrase")
    with pytest.raises(WrongPassphrase):
        Store.open(path, PASSPHRASE)
    again = Store.open(path, "a new passphrase")
    assert again.notes()[0].body.endswith(f"{PHRASE}.")
    again.close()
    assert PHRASE.encode() not in _raw(path)


def test_an_encrypted_version_1_file_is_upgraded_and_its_backup_is_encrypted(tmp_path):
    path = tmp_path / "old.onsite"
    key = cipher.new_key(PASSPHRASE)
    conn = cipher.connect(path, key, new=True)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for statement in _statements(migrations.V1):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO engagement VALUES ('e1','0000000000001.000000.s','0000000000001.000000.s',"
        "'s',0,'Old week','Old system','health and care system','2025-01-06',5,'')"
    )
    conn.commit()
    conn.close()
    store = Store.open(path, PASSPHRASE)
    assert store.engagement().name == "Old week"
    store.close()
    backup = tmp_path / "old.onsite.v1.bak"
    assert b"Old week" not in backup.read_bytes()
    assert cipher.read_header(backup, cipher.key_for_file(backup, PASSPHRASE)) == (
        APPLICATION_ID,
        1,
    )
