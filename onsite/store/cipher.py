"""The one way Onsite connects to an engagement file, plain or encrypted with SQLCipher.

Every connection in the store (SQLAlchemy's pool, migrations, copies, header reads) comes
from `connect`, so none can forget the key: `PRAGMA key` is always the first statement.

The passphrase is stretched once per open, not once per connection: SQLCipher 4's own
derivation (PBKDF2-HMAC-SHA512, 256,000 iterations, the file's 16-byte salt, 32 bytes) is
done here with hashlib and the result handed to SQLCipher as a raw key. The file is the
same as if SQLCipher had been given the passphrase, so the stock `sqlcipher` shell opens
it with `PRAGMA key = 'passphrase'`; but a pool of connections costs one derivation
(about 0.3 s) instead of one each, and the passphrase itself is not kept.

sqlcipher3 is used for plain files too: one SQLite build (with FTS5 and JSON) everywhere.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3.dbapi2

from onsite.store.errors import StoreError, WrongPassphrase

# sqlcipher3 is a C extension that ships no type information; its DB-API is sqlite3's.
sqlcipher: Any = sqlcipher3.dbapi2
if TYPE_CHECKING:
    from sqlite3 import Connection, DatabaseError, Error, complete_statement
else:
    DatabaseError = sqlcipher.DatabaseError
    Error = sqlcipher.Error
    Connection = sqlcipher.Connection
    complete_statement = sqlcipher.complete_statement

# SQLCipher 4 defaults, written out so a change of library default cannot lock anyone out.
KDF_ITERATIONS = 256_000
SALT_BYTES = 16
KEY_BYTES = 32
MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class Key:
    """A derived raw key and the salt it belongs to (the salt is the file's first 16 bytes)."""

    raw: bytes = field(repr=False)
    salt: bytes

    def pragma(self, statement: str = "key", *, with_salt: bool = False) -> str:
        hex_key = self.raw.hex() + (self.salt.hex() if with_salt else "")
        return f"PRAGMA {statement} = \"x'{hex_key}'\""


def check_passphrase_text(passphrase: str) -> None:
    """A new passphrase must be one a person can type again: StoreError says what is wrong."""
    if "\x00" in passphrase:
        raise StoreError("a passphrase cannot contain a NUL character")
    if not passphrase.strip():
        raise StoreError(
            "a passphrase cannot be only spaces; a few unrelated words are easy "
            "to type and hard to guess"
        )
    if len(passphrase) < MIN_PASSPHRASE:
        raise StoreError(
            f"a passphrase needs at least {MIN_PASSPHRASE} characters; "
            "a few unrelated words are easy to type and hard to guess"
        )


def derive_key(passphrase: str, salt: bytes) -> Key:
    raw = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES)
    return Key(raw, salt)


def new_key(passphrase: str) -> Key:
    """A key for a new file, with a fresh random salt."""
    return derive_key(passphrase, os.urandom(SALT_BYTES))


def key_for_file(path: Path, passphrase: str) -> Key:
    """The key an encrypted file would open with, if the passphrase is right."""
    with Path(path).open("rb") as f:
        salt = f.read(SALT_BYTES)
    if len(salt) != SALT_BYTES:
        raise StoreError(f"{path}: too short to be an encrypted engagement")
    return derive_key(passphrase, salt)


def connect(
    path: Path | str, key: Key | None = None, *, readonly: bool = False, new: bool = False, **kwargs
) -> Connection:
    """A connection with the key applied first; `new` fixes the salt of a file not yet written.

    With readonly, a wrong key or a damaged file is found without writing a byte.
    """
    path = Path(path)
    if readonly:
        conn = sqlcipher.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, **kwargs)
    else:
        _owner_only(path)
        conn = sqlcipher.connect(str(path), **kwargs)
    # SQLCipher otherwise writes "hmac check failed" to stderr on a wrong key, over the app.
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        conn.execute(key.pragma(with_salt=new))
    return conn


def _owner_only(path: Path) -> None:
    """A file about to be made is made readable by its owner only (0o600; SQLite gives its
    WAL and shared-memory files the same mode). Windows ignores the mode: no harm done."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return
    except OSError:
        return  # the connection reports a folder that cannot be written, in its own words


def read_header(path: Path, key: Key | None) -> tuple[int, int]:
    """(application_id, user_version) read through the key; WrongPassphrase if it does not fit."""
    try:
        conn = connect(path, key, readonly=True)
    except Error as e:
        raise StoreError(f"{path}: cannot be read ({e})") from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as e:
        if key is not None:
            raise WrongPassphrase(f"wrong passphrase for {path}") from None
        raise StoreError(f"{path}: cannot be read ({e})") from None
    finally:
        conn.close()
    return app_id, version


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
