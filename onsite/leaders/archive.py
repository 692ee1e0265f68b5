"""The whole engagement as canonical data: every record of every table, tombstones included
(`canonical_dump`), as stable JSON text (`canonical_json`, and `archive_json` for the export's
archive file, encoded by SQLite), and its digest, equal on two laptops that hold the same
engagement. The archive holds participants' names: it is for the team, never system leaders."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onsite.store.db import Store

ARCHIVE_FORMAT = "onsite-archive"
ARCHIVE_VERSION = 1


def canonical_dump(store: Store, *, bookkeeping: bool = True, history: bool = False) -> dict:
    """The whole engagement as plain data: every record of every table, tombstones included,
    tables in schema order, records by id. Two laptops holding the same engagement give equal
    dumps. bookkeeping=False leaves out each record's created/updated/site stamps (to compare
    content only); history=True adds the change log."""
    from onsite.model import TABLES, Change
    from onsite.store.migrations import LATEST

    drop = set() if bookkeeping else {"created", "updated", "site"}
    tables = {}
    for model in TABLES:
        rows = store.dump_rows(model)
        tables[model.__tablename__] = (
            [{k: v for k, v in r.items() if k not in drop} for r in rows] if drop else rows
        )
    engagement = store.engagement()
    dump = {
        "format": ARCHIVE_FORMAT,
        "format_version": ARCHIVE_VERSION,
        "schema": LATEST,
        "engagement": {"id": engagement.id, "name": engagement.name},
        "tables": tables,
    }
    if history:
        dump["changes"] = sorted(
            store.dump_rows(Change),
            key=lambda c: (c["stamp"], c["record_table"], c["record_id"], c["field"]),
        )
    return dump


def canonical_json(dump: dict) -> str:
    """The dump as JSON text with sorted keys and one record per line: stable, diffable, and
    written by the C encoder (an indented dump goes through the slow Python one)."""

    def encode(value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    parts = []
    for key in sorted(dump):
        value = dump[key]
        if key in ("tables", "changes"):
            groups = value.items() if key == "tables" else [(None, value)]
            blocks = []
            for name, rows in sorted(groups, key=lambda g: g[0] or ""):
                body = ",\n  ".join(encode(r) for r in rows)
                block = f"[\n  {body}\n ]" if rows else "[]"
                blocks.append(f"{encode(name)}: {block}" if name is not None else block)
            text = ("{\n " + ",\n ".join(blocks) + "\n}") if key == "tables" else blocks[0]
        else:
            text = encode(value)
        parts.append(f"{encode(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def archive_json(store: Store) -> str:
    """The canonical dump as JSON text, one record per line, for the archive file: its value
    is exactly canonical_dump(store); the records are encoded by SQLite, which keeps the
    export of a large engagement fast."""
    from onsite.model import TABLES
    from onsite.store.migrations import LATEST

    def encode(value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    engagement = store.engagement()
    head = {
        "engagement": {"id": engagement.id, "name": engagement.name},
        "format": ARCHIVE_FORMAT,
        "format_version": ARCHIVE_VERSION,
        "schema": LATEST,
    }
    blocks = []
    for model in sorted(TABLES, key=lambda m: m.__tablename__):
        rows = store.json_rows(model)
        body = "[\n  " + ",\n  ".join(rows) + "\n ]" if rows else "[]"
        blocks.append(f"{encode(model.__tablename__)}: {body}")
    parts = [f"{encode(k)}: {encode(v)}" for k, v in head.items()]
    parts.append('"tables": {\n ' + ",\n ".join(blocks) + "\n}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def digest(store: Store, *, bookkeeping: bool = False) -> str:
    """A SHA-256 of the canonical dump: equal on two laptops that hold the same engagement."""
    text = json.dumps(
        canonical_dump(store, bookkeeping=bookkeeping),
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
