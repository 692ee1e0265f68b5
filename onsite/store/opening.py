"""Opening engagement files: creating one, opening (and upgrading) one, the engine and its
pragmas, and the file's site identity."""

from __future__ import annotations

import json
import platform
import secrets
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from onsite.clock import new_site_id
from onsite.model import Engagement, Record
from onsite.store import cipher, migrations
from onsite.store.errors import PassphraseNeeded, StoreError
from onsite.store.files import APPLICATION_ID, ENCRYPTED, file_kind, header


class Opening:
    """How a Store comes to be (classmethods returning the Store), and its identity."""

    path: Path
    engine: Engine
    _key: cipher.Key | None

    if TYPE_CHECKING:  # the Store's, declared for the type checker only

        def __init__(self, path: Path, engine: Engine, key: cipher.Key | None = None) -> None: ...

        def meta(self, key: str, default: str | None = None) -> str | None: ...

        def set_meta(self, key: str, value: str) -> None: ...

        def add(self, *records: Record) -> None: ...

    @classmethod
    def create(
        cls,
        path: Path | str,
        *,
        name: str,
        start: date,
        days: int = 5,
        system: str = "",
        kind: str = "health and care system peer challenge",
        scope: str = "",
        passphrase: str | None = None,
    ):
        """A new engagement file; encrypted with SQLCipher when a passphrase is given."""
        _check_new(Path(path))
        if days < 1:
            raise StoreError(f"days: must be 1 or more, not {days}")
        store = cls.create_empty(path, passphrase=passphrase)
        if passphrase is not None:
            # An encrypted engagement is sealed from its first bundle on: its team key (see
            # onsite.sync.teamkey, meta "team_key") is made with it, by whoever creates it.
            store.set_meta("team_key", secrets.token_bytes(32).hex())
        store.add(
            Engagement(name=name, start=start, days=days, system=system, kind=kind, scope=scope)
        )
        return store

    @classmethod
    def create_empty(cls, path: Path | str, *, passphrase: str | None = None):
        """A new file with the schema but no engagement: `onsite join` fills it from bundles."""
        path = Path(path)
        _check_new(path)
        key = None
        if passphrase is not None:
            cipher.check_passphrase_text(passphrase)
            key = cipher.new_key(passphrase)
        conn = cipher.connect(path, key, new=True)
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        _migrate(path, 0, key)
        return cls(path, _engine(path, key), key)

    @classmethod
    def open(
        cls, path: Path | str, passphrase: str | None = None, *, key: cipher.Key | None = None
    ):
        """Open an engagement. An encrypted one needs its passphrase (PassphraseNeeded
        without one, WrongPassphrase if it does not fit; either way nothing is written),
        or the key already derived from it (`onsite.store.light.unlock`); a plain one
        ignores any passphrase given."""
        path = Path(path)
        if file_kind(path) == ENCRYPTED:
            if key is None:
                if passphrase is None:
                    raise PassphraseNeeded(f"{path}: is encrypted; give its passphrase to open it")
                key = cipher.key_for_file(path, passphrase)
            app_id, version = cipher.read_header(path, key)
            if app_id != APPLICATION_ID:
                raise StoreError(
                    f"{path}: not an Onsite engagement (an SQLite file of another program)"
                )
        else:
            key = None
            _, version = header(path)
        if version > migrations.LATEST:
            raise StoreError(
                f"{path}: made by a newer Onsite (schema {version}); this one reads up to "
                f"{migrations.LATEST}. Upgrade Onsite to open it."
            )
        if version < migrations.LATEST:
            backup = path.with_name(f"{path.name}.v{version}.bak")
            _copy_database(path, backup, key)
            _migrate(path, version, key)
        return cls(path, _engine(path, key), key)

    @property
    def encrypted(self) -> bool:
        return self._key is not None

    def check_passphrase(self, passphrase: str) -> bool:
        """Does this passphrase open the file? Checked against the file itself, read-only (an
        unlock must not trust a copy kept in memory). A plain file has none: always True."""
        if self._key is None:
            return True
        try:
            cipher.read_header(self.path, cipher.key_for_file(self.path, passphrase))
        except (StoreError, OSError):
            return False
        return True

    def close(self) -> None:
        self.engine.dispose()

    def _site_identity(self) -> str:
        """This laptop's site id; a file copied to another place or machine gets a new one.
        Read in one query; a new identity is written in one transaction, all of it or none."""
        home = f"{platform.node()}|{self.path.resolve()}"
        with self.engine.begin() as conn:
            found = dict(
                conn.exec_driver_sql(
                    "SELECT key, value FROM meta WHERE key IN ('site', 'site_home', 'inherited')"
                ).all()
            )
            site = found.get("site")
            if site is not None and found.get("site_home") == home:
                return site
            values = {"site": new_site_id(), "site_home": home}
            values["me"] = ""  # a new laptop: whoever uses it says who they are
            if site is not None:
                values["inherited"] = self._inherit(conn, site, found.get("inherited"))
            conn.exec_driver_sql(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(values.items())
            )
        return values["site"]

    @staticmethod
    def _inherit(conn, old_site: str, inherited: str | None) -> str:
        """Keep sending what the file's previous identity wrote but never sent (a restored
        backup, a renamed file): up to today's last change, so a copy does not relay forever
        what the original laptop goes on writing."""
        upto = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM change").scalar()
        return json.dumps([*json.loads(inherited or "[]"), [old_site, upto]])


def _check_new(path: Path) -> None:
    if path.exists():
        raise StoreError(f"{path}: already exists; choose another file name")
    if not path.parent.is_dir():
        raise StoreError(f"{path.parent}: no such folder")


def _engine(path: Path, key: cipher.Key | None = None) -> Engine:
    def connect():
        return cipher.connect(path, key, check_same_thread=False)

    # An explicit pool: for a "sqlite://" URL SQLAlchemy would share one connection per
    # thread, and a read inside a write transaction would then roll the write back.
    # module=: SQLAlchemy must know sqlcipher3's exception classes to wrap its errors.
    engine = create_engine(
        "sqlite://", creator=connect, module=cipher.sqlcipher, poolclass=QueuePool, pool_size=4
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):
        # FULL: a save that returned is on disk, even if the laptop then loses power.
        # temp_store MEMORY: SQLCipher does not encrypt temporary files (sorts, VACUUM).
        # The key was set by connect(), before any of these.
        for pragma in (
            "journal_mode = WAL",
            "synchronous = FULL",
            "busy_timeout = 5000",
            "temp_store = MEMORY",
        ):
            dbapi_conn.execute(f"PRAGMA {pragma}")

    return engine


def _copy_database(source: Path, target: Path, key: cipher.Key | None = None) -> None:
    """A consistent copy, even with a WAL beside it (the backup API, not a file copy).
    An encrypted file's copy is encrypted under the same key and salt: same passphrase."""
    target.unlink(missing_ok=True)
    src = cipher.connect(source, key)
    dst = cipher.connect(target, key, new=True)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _migrate(path: Path, version: int, key: cipher.Key | None = None) -> None:
    """Apply every later schema step in one transaction: all of them or none."""
    conn = cipher.connect(path, key, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for number, script in enumerate(migrations.MIGRATIONS[version:], start=version + 1):
            for statement in statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT")
    except cipher.Error as e:
        conn.execute("ROLLBACK")
        raise StoreError(
            f"{path}: upgrade to schema {migrations.LATEST} failed ({e}); the file is unchanged"
        ) from None
    finally:
        conn.close()


def statements(script: str) -> list[str]:
    """Split a script on complete statements (trigger bodies contain semicolons)."""
    found, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if cipher.complete_statement(current):
            if current.strip():
                found.append(current.strip())
            current = ""
    return found
