"""The Store: one open engagement file, and every query Onsite makes of it.

Writes go through add / update / delete, which stamp the record with the hybrid logical
clock and append one Change row per field in the same transaction: the table holds the
current state, the change log holds history and is what team sync sends.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TypeVar

from sqlalchemy import create_engine, event, func
from sqlalchemy.pool import QueuePool
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from onsite.clock import Clock, new_site_id, stamp_ms
from onsite.model import (
    Audit, Change, ConflictFlag, DailyUpdate, Document, Engagement, Excerpt, FeedbackItem,
    FeedbackSection, Finding, GuardAcceptance, Meta, Note, Participant, Peer, Recommendation,
    Record, Session, Theme,
)
from onsite.store import cipher, migrations
from onsite.store.errors import PassphraseNeeded, SearchError, StoreError
from onsite.store.files import APPLICATION_ID, ENCRYPTED, file_kind, header

R = TypeVar("R", bound=Record)

BOOKKEEPING = {"id", "created", "updated", "site"}
# Long texts keep every version. Saves by the same site within this window replace the
# previous version instead of piling up one per autosave, until that version is sent.
LONG_TEXTS = {("note", "body"), ("finding", "statement"), ("dailyupdate", "body"),
              ("document", "summary"), ("recommendation", "text"),
              ("feedbacksection", "body"), ("feedbackitem", "text")}
VERSION_WINDOW_MS = 5 * 60 * 1000


def _encode(value) -> str:
    if isinstance(value, date):
        value = value.isoformat()
    return json.dumps(value, ensure_ascii=False)


class Store:
    def __init__(self, path: Path, engine, key: cipher.Key | None = None) -> None:
        self.path = path
        self.engine = engine
        self._key = key
        self.site = self._site_identity()
        self.clock = Clock(self.site, self._last_stamp())

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, *, name: str, start: date, days: int = 5,
               system: str = "", kind: str = "health and care system", scope: str = "",
               passphrase: str | None = None) -> Store:
        """A new engagement file; encrypted with SQLCipher when a passphrase is given."""
        _check_new(Path(path))
        if days < 1:
            raise StoreError(f"days: must be 1 or more, not {days}")
        store = cls.create_empty(path, passphrase=passphrase)
        store.add(Engagement(name=name, start=start, days=days, system=system, kind=kind, scope=scope))
        return store

    @classmethod
    def create_empty(cls, path: Path | str, *, passphrase: str | None = None) -> Store:
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
    def open(cls, path: Path | str, passphrase: str | None = None, *,
             key: cipher.Key | None = None) -> Store:
        """Open an engagement. An encrypted one needs its passphrase (PassphraseNeeded
        without one, WrongPassphrase if it does not fit; either way nothing is written),
        or its key already derived from it (`onsite.store.light.unlock`); a plain one
        ignores any passphrase given."""
        path = Path(path)
        if file_kind(path) == ENCRYPTED:
            if passphrase is None and key is None:
                raise PassphraseNeeded(f"{path}: is encrypted; give its passphrase to open it")
            if key is None:
                key = cipher.key_for_file(path, passphrase)
            app_id, version = cipher.read_header(path, key)
            if app_id != APPLICATION_ID:
                raise StoreError(f"{path}: not an Onsite engagement (an SQLite file of another program)")
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

    def _session(self) -> DbSession:
        return DbSession(self.engine, expire_on_commit=False)

    def meta(self, key: str, default: str | None = None) -> str | None:
        with self._session() as s:
            row = s.get(Meta, key)
            return row.value if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self._session() as s:
            s.merge(Meta(key=key, value=value))
            s.commit()

    def _site_identity(self) -> str:
        """This laptop's site id; a file copied to another place or machine gets a new one."""
        home = f"{platform.node()}|{self.path.resolve()}"
        site = self.meta("site")
        if site is None or self.meta("site_home") != home:
            if site is not None:
                self._inherit(site)
            site = new_site_id()
            self.set_meta("site", site)
            self.set_meta("site_home", home)
            self.set_meta("me", "")  # a new laptop: whoever uses it says who they are
        return site

    def _inherit(self, old_site: str) -> None:
        """Keep sending what the file's previous identity wrote but never sent (a restored
        backup, a renamed file): up to today's last change, so a copy does not relay forever
        what the original laptop goes on writing."""
        with self.engine.connect() as conn:
            upto = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM change").scalar()
        inherited = json.loads(self.meta("inherited") or "[]")
        self.set_meta("inherited", json.dumps([*inherited, [old_site, upto]]))

    def _last_stamp(self) -> str | None:
        with self._session() as s:
            return s.exec(select(func.max(Change.stamp))).one()

    # -- writing ---------------------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """One transaction: every add, update and delete inside it lands, or none does."""
        with self._session() as s:
            writer = Writer(self, s)
            yield writer
            writer.flush()
            s.commit()

    def add(self, *records: Record) -> None:
        self.add_all(records)

    def add_all(self, records: Iterable[Record]) -> None:
        with self.writing() as w:
            w.add_all(records)

    def update(self, record: R, **fields) -> R:
        """Change some fields of a record; only fields whose value differs are logged."""
        with self.writing() as w:
            return w.update(record, **fields)

    def delete(self, record: Record) -> None:
        """A tombstone, not a hard delete: the deletion travels to other laptops like an edit."""
        self.update(record, deleted=True)

    def import_records(self, new: Iterable[Record], updates: Iterable[tuple[Record, dict]]) -> None:
        with self.writing() as w:
            w.add_all(new)
            for record, fields in updates:
                w.update(record, **fields)

    # -- reading ---------------------------------------------------------------------------

    def _all(self, model: type[R], *order, **where) -> list[R]:
        query = select(model).where(model.deleted == False)  # noqa: E712
        for field, value in where.items():
            query = query.where(getattr(model, field) == value)
        with self._session() as s:
            return list(s.exec(query.order_by(*order)))

    def get(self, model: type[R], record_id: str) -> R | None:
        with self._session() as s:
            return s.get(model, record_id)

    def engagement(self) -> Engagement:
        found = self._all(Engagement, Engagement.created)
        if not found:
            raise StoreError(f"{self.path}: holds no engagement")
        return found[0]

    def themes(self, include_retired: bool = False) -> list[Theme]:
        themes = self._all(Theme, Theme.position, Theme.name)
        return [t for t in themes if include_retired or not t.retired]

    def peers(self) -> list[Peer]:
        return self._all(Peer, Peer.name)

    def sessions(self, day: int | None = None) -> list[Session]:
        where = {} if day is None else {"day": day}
        return self._all(Session, Session.day, Session.start, Session.title, **where)

    def participants(self, session_id: str | None = None) -> list[Participant]:
        where = {} if session_id is None else {"session_id": session_id}
        return self._all(Participant, Participant.role, **where)

    def notes(self, session_id: str | None = None, document_id: str | None = None) -> list[Note]:
        where = {}
        if session_id is not None:
            where["session_id"] = session_id
        if document_id is not None:
            where["document_id"] = document_id
        return self._all(Note, Note.created, **where)

    def note_authors(self) -> dict[str, set[str]]:
        """Session id -> ids of peers who have written something in it."""
        query = (
            select(Note.session_id, Note.author_id)
            .where(Note.deleted == False, Note.session_id != None, Note.body != "")  # noqa: E711,E712
            .distinct()
        )
        authors: dict[str, set[str]] = {}
        with self._session() as s:
            for session_id, author_id in s.exec(query):
                authors.setdefault(session_id, set()).add(author_id)
        return authors

    def evidence_by_theme(self) -> dict[str, int]:
        """Line of enquiry key -> number of live excerpts tagged with it."""
        sql = ("SELECT j.value, count(*) FROM excerpt, json_each(excerpt.theme_keys) AS j "
               "WHERE excerpt.deleted = 0 AND excerpt.orphaned = 0 GROUP BY j.value")
        with self.engine.connect() as conn:
            return dict(conn.exec_driver_sql(sql).all())

    def coverage_matrix(self) -> list[tuple[str, str, int]]:
        """(line of enquiry key, sector, excerpts) for tagged evidence from sessions."""
        sql = (
            "SELECT j.value, p.sector, count(DISTINCT e.id) FROM excerpt e "
            "JOIN json_each(e.theme_keys) AS j JOIN note n ON n.id = e.note_id "
            "JOIN participant p ON p.session_id = n.session_id AND p.deleted = 0 "
            "WHERE e.deleted = 0 AND e.orphaned = 0 AND n.deleted = 0 AND p.sector != '' "
            "GROUP BY j.value, p.sector")
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.exec_driver_sql(sql).all()]

    def sectors_heard(self) -> dict[str, int]:
        """Sector -> number of sessions with notes that met someone from it (every sector met
        in the timetable is present, with 0 where nobody has written notes yet)."""
        sql = (
            "SELECT p.sector, count(DISTINCT CASE WHEN n.id IS NOT NULL THEN p.session_id END) "
            "FROM participant p JOIN session s ON s.id = p.session_id AND s.deleted = 0 "
            "AND s.cancelled = 0 LEFT JOIN note n ON n.session_id = p.session_id "
            "AND n.deleted = 0 AND n.body != '' WHERE p.deleted = 0 AND p.sector != '' "
            "GROUP BY p.sector")
        with self.engine.connect() as conn:
            return dict(conn.exec_driver_sql(sql).all())

    def evidence_rows(self, finding_id: str | None = None) -> list[tuple]:
        """(excerpt id, finding id, evidence kind, session id, document id, day, session kind,
        polarity) for every live, anchored excerpt attached to a finding."""
        sql = (
            "SELECT e.id, e.finding_id, e.evidence, n.session_id, n.document_id, s.day, s.kind, "
            "e.polarity FROM excerpt e JOIN note n ON n.id = e.note_id "
            "LEFT JOIN session s ON s.id = n.session_id "
            "WHERE e.deleted = 0 AND e.orphaned = 0 AND e.finding_id IS NOT NULL AND n.deleted = 0"
        )
        params: tuple = ()
        if finding_id is not None:
            sql += " AND e.finding_id = ?"
            params = (finding_id,)
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.exec_driver_sql(sql, params).all()]

    def documents(self) -> list[Document]:
        return self._all(Document, Document.title)

    def excerpts(self, note_id: str | None = None, finding_id: str | None = None) -> list[Excerpt]:
        where = {k: v for k, v in (("note_id", note_id), ("finding_id", finding_id)) if v is not None}
        return self._all(Excerpt, Excerpt.start, **where)

    def findings(self) -> list[Finding]:
        return self._all(Finding, Finding.theme_key, Finding.position, Finding.created)

    def recommendations(self) -> list[Recommendation]:
        return self._all(Recommendation, Recommendation.number)

    def daily_updates(self) -> list[DailyUpdate]:
        return self._all(DailyUpdate, DailyUpdate.day, DailyUpdate.version)

    def every(self, model: type[R]) -> list[R]:
        """Every record of a kind, tombstones included (a purge must reach those too)."""
        with self._session() as s:
            return list(s.exec(select(model).order_by(model.created)))

    def audit_log(self) -> list[Audit]:
        """The audit log, oldest first."""
        return self._all(Audit, Audit.created)

    def versions(self, record: Record, field: str) -> list[Change]:
        """Every kept version of one field, oldest first."""
        with self._session() as s:
            return list(s.exec(
                select(Change).where(Change.record_id == record.id, Change.field == field)
                .order_by(Change.stamp)
            ))

    def search(self, fts_query: str, limit: int, mark_start: str, mark_end: str
               ) -> list[tuple[str, str, str, str]]:
        """(kind, record id, title, snippet) best first; SearchError if FTS5 refuses the query."""

        sql = (
            "SELECT kind, record_id, title, snippet(search, 3, ?, ?, '…', 16) FROM search "
            "WHERE search MATCH ? ORDER BY rank LIMIT ?"
        )
        with self.engine.connect() as conn:
            try:
                return [tuple(r) for r in conn.exec_driver_sql(
                    sql, (mark_start, mark_end, fts_query, limit)).all()]
            except Exception as e:  # OperationalError, wrapped by SQLAlchemy
                raise SearchError(f"cannot search for {fts_query}: {getattr(e, 'orig', e)}") from None

    # -- purging ---------------------------------------------------------------------------

    def erase_history(self, fields: dict[str, tuple[str, ...]], upto: str) -> int:
        """Make the given fields unrecoverable as they were at or before the stamp `upto`.

        Each field of each record that has no change later than `upto` is blanked; every
        version at or before `upto` is deleted from the change log; the full-text index is
        rebuilt from what is left (FTS5 keeps deleted words in old segments until then).
        Returns the number of versions deleted. `compact()` then clears freed pages.
        """
        deleted = 0
        with self.engine.begin() as conn:
            for table, columns in fields.items():
                for column in columns:
                    conn.exec_driver_sql(
                        f'UPDATE {table} SET "{column}" = \'\' WHERE NOT EXISTS (SELECT 1 FROM change c '
                        f"WHERE c.record_table = ? AND c.record_id = {table}.id AND c.field = ? "
                        "AND c.stamp > ?)", (table, column, upto))
                    deleted += conn.exec_driver_sql(
                        "DELETE FROM change WHERE record_table = ? AND field = ? AND stamp <= ?",
                        (table, column, upto)).rowcount
            conn.exec_driver_sql("INSERT INTO search(search) VALUES ('rebuild')")
        return deleted

    def compact(self) -> None:
        """Rewrite the file without free pages (VACUUM, in memory: temp_store) and empty the
        WAL, so nothing deleted can be read back from the file or its WAL."""
        self.engine.dispose()  # no pooled connection may hold an old snapshot of the pages
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("PRAGMA secure_delete = ON")
            conn.exec_driver_sql("VACUUM")
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()[0]
        if busy:
            raise StoreError(f"{self.path}: compacted, but the WAL could not be emptied while "
                             "another program reads the file; close it there and purge again")

    def me(self) -> str | None:
        """The peer using this laptop (kept per file; a copied file asks again)."""
        return self.meta("me") or None

    def set_me(self, peer_id: str) -> None:
        self.set_meta("me", peer_id)

    def counts(self) -> dict[str, int]:
        from onsite.model import TABLES

        with self._session() as s:
            return {
                t.__tablename__: s.exec(
                    select(func.count()).select_from(t).where(t.deleted == False)  # noqa: E712
                ).one()
                for t in TABLES
            }

    # -- daily updates, feedback and export ------------------------------------------------

    def feedback_sections(self) -> dict[str, FeedbackSection]:
        return {s.key: s for s in self._all(FeedbackSection, FeedbackSection.created)}

    def feedback_items(self) -> dict[str, FeedbackItem]:
        """Finding id -> how it stands in the final feedback (the latest if two laptops made one)."""
        return {i.finding_id: i for i in self._all(FeedbackItem, FeedbackItem.created)}

    def acceptances(self) -> list[GuardAcceptance]:
        return self._all(GuardAcceptance, GuardAcceptance.accepted_at)

    def json_rows(self, model) -> list[str]:
        """Every row of a table as a JSON object (keys sorted, compact), made by SQLite itself
        in primary-key order: the same values as dump_rows, at a fraction of the cost."""
        from sqlalchemy import JSON, Boolean

        table = model.__table__
        parts = []
        for c in sorted(table.columns, key=lambda c: c.name):
            name = f'"{c.name}"'
            if isinstance(c.type, JSON):
                value = f"json({name})"
            elif isinstance(c.type, Boolean):
                value = f"CASE WHEN {name} THEN json('true') ELSE json('false') END"
            else:
                value = name
            parts.append(f"'{c.name}', {value}")
        order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
        sql = f'SELECT json_object({", ".join(parts)}) FROM "{table.name}" ORDER BY {order}'
        with self.engine.connect() as conn:
            return [row[0] for row in conn.exec_driver_sql(sql).all()]

    def source_organisations(self) -> dict[str, set[str]]:
        """Session or document id -> the organisations behind it: the participants' of a
        session, a document's source."""
        sql = ("SELECT p.session_id, p.organisation FROM participant p WHERE p.deleted = 0 "
               "AND p.organisation != '' UNION SELECT d.id, d.source FROM document d "
               "WHERE d.deleted = 0 AND d.source != ''")
        found: dict[str, set[str]] = {}
        with self.engine.connect() as conn:
            for source_id, organisation in conn.exec_driver_sql(sql):
                found.setdefault(source_id, set()).add(organisation)
        return found

    def note_places(self, note_ids: list[str]) -> dict[str, tuple]:
        """Note id -> (session id, day, start, session title, author initials, document id,
        document title), in one query, for placing search hits."""
        if not note_ids:
            return {}
        marks = ",".join("?" * len(note_ids))
        sql = ("SELECT n.id, s.id, s.day, s.start, s.title, p.initials, d.id, d.title FROM note n "
               "LEFT JOIN session s ON s.id = n.session_id LEFT JOIN peer p ON p.id = n.author_id "
               f"LEFT JOIN document d ON d.id = n.document_id WHERE n.id IN ({marks})")
        with self.engine.connect() as conn:
            return {r[0]: tuple(r[1:]) for r in conn.exec_driver_sql(sql, tuple(note_ids))}

    def session_sectors(self) -> dict[str, set[str]]:
        """Session id -> the sectors of the people met in it."""
        sql = "SELECT session_id, sector FROM participant WHERE deleted = 0 AND sector != ''"
        found: dict[str, set[str]] = {}
        with self.engine.connect() as conn:
            for session_id, sector in conn.exec_driver_sql(sql):
                found.setdefault(session_id, set()).add(sector)
        return found

    def people_met(self) -> list[tuple[str, str, str, str]]:
        """(name, role, organisation, session kind) of every live participant of a live session."""
        sql = ("SELECT p.name, p.role, p.organisation, s.kind FROM participant p "
               "JOIN session s ON s.id = p.session_id WHERE p.deleted = 0 AND s.deleted = 0")
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.exec_driver_sql(sql).all()]

    def changed_since(self, table: str, stamp: str, fields: Iterable[str]) -> set[str]:
        """Ids of the records of a table with a change to one of the fields after a stamp."""
        query = (
            select(Change.record_id).where(Change.record_table == table, Change.stamp > stamp,
                                           col(Change.field).in_(list(fields))).distinct()
        )
        with self._session() as s:
            return set(s.exec(query))

    def dump_rows(self, model) -> list[dict]:
        """Every row of a table, tombstones included, in primary-key order, as plain values
        (JSON columns decoded, booleans as booleans, dates as ISO text). Read through the
        driver: the ORM costs seconds on a large engagement."""
        from sqlalchemy import JSON, Boolean

        table = model.__table__
        names = [c.name for c in table.columns]
        decode = {i: json.loads for i, c in enumerate(table.columns) if isinstance(c.type, JSON)}
        decode |= {i: bool for i, c in enumerate(table.columns) if isinstance(c.type, Boolean)}
        columns = ", ".join(f'"{n}"' for n in names)
        order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
        with self.engine.connect() as conn:
            rows = conn.exec_driver_sql(f'SELECT {columns} FROM "{table.name}" ORDER BY {order}').all()
        if not decode:
            return [dict(zip(names, row)) for row in rows]
        out = []
        for row in rows:
            values = list(row)
            for i, f in decode.items():
                if values[i] is not None:
                    values[i] = f(values[i])
            out.append(dict(zip(names, values)))
        return out

class Writer:
    """Writes inside one transaction, stamping records and logging each field's change."""

    def __init__(self, store: Store, s: DbSession) -> None:
        self.store, self.s = store, s
        self._changes: list[dict] = []

    def add_all(self, records: Iterable[Record]) -> None:
        rows: dict[type, list[dict]] = {}
        site, clock = self.store.site, self.store.clock
        for record in records:
            stamp = clock.now()
            record.created = record.created or stamp
            record.updated, record.site = stamp, site
            data = record.model_dump()
            rows.setdefault(type(record), []).append(data)
            table = record.__tablename__
            self._changes.extend(
                {"stamp": stamp, "record_table": table, "record_id": record.id, "field": field,
                 "value": _encode(value), "site": site, "base": ""}
                for field, value in data.items() if field not in BOOKKEEPING
            )
        # Core inserts, not the ORM's bulk path: that one splits a batch wherever a column
        # switches between NULL and a value (a note's session or document), into thousands
        # of small statements at scale.
        connection = self.s.connection()
        for model, data in rows.items():
            connection.execute(model.__table__.insert(), data)

    def add(self, *records: Record) -> None:
        self.add_all(records)

    def update(self, record: R, **fields) -> R:
        unknown = (set(fields) - set(type(record).model_fields)) | (set(fields) & BOOKKEEPING)
        if unknown:
            raise ValueError(f"{type(record).__name__}: cannot set {', '.join(sorted(unknown))}")
        current = self._current(record)
        # Compared with the stored record, not the caller's copy: a merge may have changed it
        # since the caller loaded it, and their value must then still be written.
        changed = {k: v for k, v in fields.items() if getattr(current, k) != v}
        if not changed:
            for field, value in fields.items():
                setattr(record, field, value)
            return record
        stamp = self.store.clock.now()
        table = record.__tablename__
        bases = {field: self._replace_recent_version(table, record.id, field, stamp, record.updated)
                 for field in changed if (table, field) in LONG_TEXTS}
        if current.deleted and "deleted" not in changed:
            # Someone edits what another laptop (or this one) deleted: keep the edit, and
            # flag it so a person decides whether the record comes back.
            self.s.merge(ConflictFlag(record_id=record.id, field="deleted", record_table=table,
                                      kind="deleted"))
        return self._write(record, current, stamp, {f: (v, bases.get(f, "")) for f, v in changed.items()})

    def put(self, record: R, field: str, value, base: str = "") -> R:
        """Write one field even if its value is unchanged, naming the versions it replaces
        (space-separated stamps): how a person's resolution of a conflict becomes a change
        that travels like any other edit."""
        if field not in type(record).model_fields or field in BOOKKEEPING:
            raise ValueError(f"{type(record).__name__}: cannot set {field}")
        current = self._current(record)
        return self._write(record, current, self.store.clock.now(), {field: (value, base)})

    def _current(self, record: R) -> R:
        current = self.s.get(type(record), record.id)
        if current is None:
            raise StoreError(f"{record.__tablename__} {record.id}: not in this engagement")
        return current

    def _write(self, record: R, current: R, stamp: str, changes: dict[str, tuple]) -> R:
        site, table = self.store.site, record.__tablename__
        for field, (value, base) in changes.items():
            setattr(current, field, value)
            setattr(record, field, value)
            self._changes.append({"stamp": stamp, "record_table": table, "record_id": record.id,
                                  "field": field, "value": _encode(value), "site": site,
                                  "base": base})
        current.updated, current.site = stamp, site
        self.s.add(current)
        record.updated, record.site = stamp, site
        return record

    def delete(self, record: Record) -> None:
        self.update(record, deleted=True)

    def _replace_recent_version(self, table: str, record_id: str, field: str, stamp: str,
                                seen: str) -> str:
        """The base of a new version of a long text: the version the writer saw (`seen` is
        their copy's `updated`). Drops this site's previous unsent version if it is recent."""
        head = self._latest(record_id, field)
        if head is None:
            return ""
        if seen and head.stamp > seen:
            # A newer version came (a merge, another window) since the writer loaded the text:
            # name the one they edited, so the two become a conflict to resolve, not a silent
            # overwrite; and flag it, as a merge would.
            older = self._latest(record_id, field, upto=seen)
            self.s.merge(ConflictFlag(record_id=record_id, field=field, record_table=table,
                                      kind="text"))
            return older.stamp if older else head.stamp
        sent_upto = self.s.get(Meta, "sent_upto")
        recent = stamp_ms(stamp) - stamp_ms(head.stamp) < VERSION_WINDOW_MS
        unsent = sent_upto is None or head.stamp > sent_upto.value
        if head.site == self.store.site and recent and unsent:
            self.s.delete(head)
            return head.base
        return head.stamp

    def _latest(self, record_id: str, field: str, upto: str | None = None) -> Change | None:
        query = select(Change).where(Change.record_id == record_id, Change.field == field)
        if upto is not None:
            query = query.where(Change.stamp <= upto)
        return self.s.exec(query.order_by(col(Change.stamp).desc()).limit(1)).first()

    def flush(self) -> None:
        self.s.flush()
        if self._changes:
            self.s.connection().execute(Change.__table__.insert(), self._changes)
            self._changes = []


def _check_new(path: Path) -> None:
    if path.exists():
        raise StoreError(f"{path}: already exists; choose another file name")
    if not path.parent.is_dir():
        raise StoreError(f"{path.parent}: no such folder")


def _engine(path: Path, key: cipher.Key | None = None):
    def connect():
        return cipher.connect(path, key, check_same_thread=False)

    # An explicit pool: for a "sqlite://" URL SQLAlchemy would share one connection per
    # thread, and a read inside a write transaction would then roll the write back.
    # module=: SQLAlchemy must know sqlcipher3's exception classes to wrap its errors.
    engine = create_engine("sqlite://", creator=connect, module=cipher.sqlcipher,
                           poolclass=QueuePool, pool_size=4)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):
        # FULL: a save that returned is on disk, even if the laptop then loses power.
        # temp_store MEMORY: SQLCipher does not encrypt temporary files (sorts, VACUUM).
        # The key was set by connect(), before any of these.
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "busy_timeout = 5000",
                       "temp_store = MEMORY"):
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
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT")
    except cipher.Error as e:
        conn.execute("ROLLBACK")
        raise StoreError(f"{path}: upgrade to schema {migrations.LATEST} failed ({e}); "
                         "the file is unchanged") from None
    finally:
        conn.close()


def _statements(script: str) -> list[str]:
    """Split a script on complete statements (trigger bodies contain semicolons)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if cipher.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    return statements


__all__ = ["Store", "StoreError"]
