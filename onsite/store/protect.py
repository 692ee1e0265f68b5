"""Encrypting a plain engagement in place, and changing an encrypted one's passphrase.

Encrypting never leaves a half-encrypted file: the plain file is exported whole into a new
encrypted copy beside it (`sqlcipher_export`), the copy is checked (it opens with the key,
`integrity_check` and `cipher_integrity_check` pass, every table has the same number of
rows), and only then is it renamed over the original with `os.replace`, which is atomic:
at every moment the file's name holds either the whole plain file or the whole encrypted
one. A plain copy is kept until the swapped file has been opened and checked again, then
deleted. If anything fails, the original is left as it was and the copy is removed.

Deleting a file does not overwrite its blocks on disk (and on an SSD nothing can promise
that), so encrypt an engagement before notes go in: `onsite new` does, by default.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from onsite.store import cipher
from onsite.store.errors import StoreError
from onsite.store.files import APPLICATION_ID, ENCRYPTED, PLAIN, file_kind, header

TEMP_SUFFIX = ".encrypting"
BACKUP_SUFFIX = ".plain-until-checked"


@dataclass(frozen=True)
class Protected:
    path: Path
    tables: int
    rows: int
    left_behind: list[Path]  # older copies (upgrade backups) still under the old protection


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _counts(conn, schema: str = "main") -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    ]
    return {
        n: conn.execute(f"SELECT count(*) FROM {schema}.{cipher.quote_identifier(n)}").fetchone()[0]
        for n in names
    }


def verify_copy(path: Path, key: cipher.Key, expected: dict[str, int], version: int) -> None:
    """StoreError unless the file opens with the key, is intact, and holds the expected rows."""
    try:
        # Read-write, though nothing is written: a read-only connection would leave the WAL
        # and its index behind when it closes.
        conn = cipher.connect(path, key)
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchall()
            cipher_problems = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            counts = _counts(conn)
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            found_version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except cipher.Error as e:
        raise StoreError(f"{path.name}: the encrypted copy cannot be read back ({e})") from None
    if integrity != [("ok",)] or cipher_problems:
        raise StoreError(f"{path.name}: the encrypted copy failed its integrity check")
    if counts != expected:
        differ = sorted(t for t in set(counts) | set(expected) if counts.get(t) != expected.get(t))
        raise StoreError(f"{path.name}: the encrypted copy's rows differ in {', '.join(differ)}")
    if (app_id, found_version) != (APPLICATION_ID, version):
        raise StoreError(f"{path.name}: the encrypted copy lost its Onsite header")


def _remove(temp: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        _side(temp, suffix).unlink(missing_ok=True)


def _leftovers(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.v*.bak"))


def encrypt_file(path: Path | str, passphrase: str) -> Protected:
    """Encrypt a plain engagement in place (see the module's docstring for how it is safe).

    The file must not be open elsewhere: its WAL must be empty and removable.
    """
    path = Path(path)
    if file_kind(path) == ENCRYPTED:
        raise StoreError(
            f"{path}: is already encrypted; `onsite passphrase` changes its passphrase"
        )
    _, version = header(path)
    cipher.check_passphrase_text(passphrase)
    temp, backup = _side(path, TEMP_SUFFIX), _side(path, BACKUP_SUFFIX)
    _remove(temp)
    key = cipher.new_key(passphrase)
    source = cipher.connect(path, isolation_level=None)
    try:
        busy = source.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            raise StoreError(f"{path}: is open in another Onsite; close it there first")
        expected = _counts(source)
        source.execute(
            "ATTACH DATABASE ? AS encrypted KEY ?",
            (str(temp), f"x'{key.raw.hex()}{key.salt.hex()}'"),
        )
        source.execute("SELECT sqlcipher_export('encrypted')")
        # sqlcipher_export copies schema and rows, not the header fields Onsite relies on.
        source.execute(f"PRAGMA encrypted.application_id = {APPLICATION_ID}")
        source.execute(f"PRAGMA encrypted.user_version = {version}")
        source.execute("DETACH DATABASE encrypted")
    except cipher.Error as e:
        _remove(temp)
        raise StoreError(f"{path}: could not be encrypted ({e}); the file is unchanged") from None
    except BaseException:
        _remove(temp)
        raise
    finally:
        source.close()
    try:
        copy = cipher.connect(temp, key)
        try:
            copy.execute("PRAGMA journal_mode = WAL")
        finally:
            copy.close()
        verify_copy(temp, key, expected, version)
        if _side(path, "-wal").exists():
            raise StoreError(f"{path}: is open in another Onsite; close it there first")
    except BaseException:
        _remove(temp)
        raise
    _swap(path, temp, backup, key, expected, version)
    return Protected(path, len(expected), sum(expected.values()), _leftovers(path))


def _swap(
    path: Path, temp: Path, backup: Path, key: cipher.Key, expected: dict[str, int], version: int
) -> None:
    shutil.copy2(path, backup)  # closed and checkpointed: a byte copy is consistent
    try:
        os.replace(temp, path)
        _side(path, "-shm").unlink(missing_ok=True)  # the plain file's index, stale now
        verify_copy(path, key, expected, version)
    except BaseException:
        # The plain original was checkpointed and closed: a WAL here is the copy's, not its.
        for suffix in ("-wal", "-shm"):
            _side(path, suffix).unlink(missing_ok=True)
        os.replace(backup, path)
        _remove(temp)
        raise
    backup.unlink()


def change_passphrase(path: Path | str, old: str, new: str) -> Protected:
    """Re-encrypt an encrypted engagement under a new passphrase (SQLCipher's rekey, one
    transaction: the file is under the old passphrase or the new one, never between)."""
    path = Path(path)
    if file_kind(path) == PLAIN:
        raise StoreError(f"{path}: is not encrypted; `onsite encrypt` encrypts it")
    old_key = cipher.key_for_file(path, old)
    _, version = cipher.read_header(path, old_key)  # WrongPassphrase if old is wrong
    cipher.check_passphrase_text(new)
    new_key = cipher.derive_key(new, old_key.salt)
    conn = cipher.connect(path, old_key)
    try:
        expected = _counts(conn)
        conn.execute(new_key.pragma("rekey"))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except cipher.Error as e:
        raise StoreError(f"{path}: passphrase not changed ({e})") from None
    finally:
        conn.close()
    verify_copy(path, cipher.key_for_file(path, new), expected, version)
    return Protected(path, len(expected), sum(expected.values()), _leftovers(path))
