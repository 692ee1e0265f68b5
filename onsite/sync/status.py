"""What the app shows about team sync, as plain objects, and how a person resolves a conflict.

Per laptop (site): when its last bundle was written and merged here; what came in; the open
conflicts, each with every head's text and a merge proposal. A resolution is an ordinary
edit naming the versions it replaces, so it reaches the other laptops at their next sync.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from onsite.clock import parse_stamp
from onsite.model import TABLE_BY_NAME, DailyUpdate, Document, Note, Peer, Session
from onsite.store import history, materialize, merge
from onsite.store.db import Store
from onsite.store.files import StoreError
from onsite.sync.textmerge import merge_all

TABLE_NAMES = {
    "engagement": ("engagement", "engagements"),
    "theme": ("line of enquiry", "lines of enquiry"),
    "peer": ("peer", "peers"),
    "session": ("session", "sessions"),
    "participant": ("participant", "participants"),
    "document": ("document", "documents"),
    "note": ("note", "notes"),
    "excerpt": ("excerpt", "excerpts"),
    "finding": ("finding", "findings"),
    "recommendation": ("recommendation", "recommendations"),
    "dailyupdate": ("daily update", "daily updates"),
    "feedbacksection": ("feedback section", "feedback sections"),
    "feedbackitem": ("finding in the feedback", "findings in the feedback"),
    "guardacceptance": ("guard acceptance", "guard acceptances"),
    "audit": ("audit entry", "audit entries"),
    "milestone": ("milestone", "milestones"),
    # onsite.after
    "origin": ("link to the original challenge", "links to the original challenge"),
    "progress": ("recommendation's progress", "recommendations' progress"),
    "workshoprating": ("workshop rating", "workshop ratings"),
    "nextstep": ("next step", "next steps"),
    "seriessession": ("series session", "series sessions"),
    "seriesissue": ("issue", "issues"),
}


def _when(ms: int | None) -> datetime | None:
    return datetime.fromtimestamp(ms / 1000) if ms else None


@dataclass(frozen=True)
class SiteStatus:
    site: str
    peer: str  # the peer's name if their laptop said who they are, else ""
    this_laptop: bool
    last_written: datetime | None  # by that laptop's clock
    last_merged: datetime | None  # by this laptop's clock (for this laptop: last sent)
    bundles: int
    changes: int


@dataclass(frozen=True)
class Arrival:
    """One bundle merged here: what came in."""

    file: str
    site: str
    peer: str
    merged: datetime | None
    changes: int
    summary: dict[str, list[int]]  # table -> [new, edited, deleted]

    def describe(self) -> str:
        parts = []
        for table, counts in sorted(self.summary.items()):
            one, many = TABLE_NAMES.get(table, (table, table))
            for n, what in zip(counts, ("new", "edited", "deleted")):
                if n:
                    parts.append(f"{n} {what} {one if n == 1 else many}")
        return ", ".join(parts) or "nothing new to see (already known, or older than ours)"


@dataclass(frozen=True)
class Version:
    stamp: str
    site: str
    peer: str
    when: datetime | None
    text: str


@dataclass(frozen=True)
class Conflict:
    record_table: str
    record_id: str
    field: str
    kind: str  # "text": two or more heads; "deleted": edited after it was deleted
    label: str  # what the record is, for a person
    versions: list[Version]  # text: the heads, oldest first; deleted: the edits after the delete
    proposal: str  # text: a merge of the heads for the person to edit; deleted: ""
    deleted: Version | None = None  # deleted: who deleted it, and when


@dataclass(frozen=True)
class Overview:
    folder: Path | None
    site: str
    sites: list[SiteStatus]
    arrivals: list[Arrival]
    conflicts: list[Conflict]


def overview(store: Store, recent: int = 30) -> Overview:
    peers = _peer_names(store)
    rows = history.bundles(store)
    sites: dict[str, dict] = {
        store.site: {
            "peer": peers.get(store.meta("me") or "", ""),
            "written": 0,
            "merged": 0,
            "bundles": 0,
            "changes": 0,
        }
    }
    for row in rows:
        s = sites.setdefault(
            row.site,
            {
                "peer": peers.get(row.peer, ""),
                "written": 0,
                "merged": 0,
                "bundles": 0,
                "changes": 0,
            },
        )
        s["written"], s["merged"] = max(s["written"], row.written), max(s["merged"], row.merged)
        s["bundles"] += 1
        s["changes"] += row.changes
    statuses = [
        SiteStatus(
            site,
            s["peer"],
            site == store.site,
            _when(s["written"]),
            _when(s["merged"]),
            s["bundles"],
            s["changes"],
        )
        for site, s in sites.items()
    ]
    statuses.sort(key=lambda s: (not s.this_laptop, s.peer or "~", s.site))
    arrivals = [
        Arrival(
            r.file, r.site, peers.get(r.peer, ""), _when(r.merged), r.changes, json.loads(r.summary)
        )
        for r in rows
        if r.site != store.site
    ][:recent]
    folder = store.meta("sync_folder")
    return Overview(
        Path(folder) if folder else None,
        store.site,
        statuses,
        arrivals,
        open_conflicts(store, peers),
    )


def open_conflicts(store: Store, peers: dict[str, str] | None = None) -> list[Conflict]:
    peers = peers if peers is not None else _peer_names(store)
    sites = _site_peers(store, peers)
    found = []
    for table, record_id, field, kind in merge.refresh_conflicts(store):
        record = store.get(TABLE_BY_NAME[table], record_id)
        label = _label(store, table, record)
        if kind == "text":
            found.append(_text_conflict(store, table, record_id, field, label, sites))
        else:
            found.append(_deleted_conflict(store, table, record_id, label, sites))
    return found


def _text_conflict(store, table, record_id, field, label, sites) -> Conflict:
    versions = history.versions(store, record_id, field)
    by_stamp = {stamp: (base, json.loads(value)) for stamp, base, value in versions}
    heads = materialize.heads((stamp, base) for stamp, base, _ in versions)
    base_text = by_stamp.get(_common_ancestor(by_stamp, heads) or "", ("", ""))[1]
    shown = [_version(stamp, by_stamp[stamp][1], sites) for stamp in heads]
    return Conflict(
        table,
        record_id,
        field,
        "text",
        label,
        shown,
        merge_all(base_text, [v.text for v in reversed(shown)]),
    )


def _deleted_conflict(store, table, record_id, label, sites) -> Conflict:
    deleted = history.last_change(store, record_id, "deleted")
    if deleted is None:  # the flag is raised over a logged deletion, and the log keeps it
        raise StoreError(f"{label}: its deletion is not in this file's history")
    stamp = deleted[0]
    after = history.changes_after(store, record_id, stamp)
    edits = [
        _version(s, f"{field}: {_short(json.loads(value))}", sites) for s, field, value in after
    ]
    return Conflict(
        table,
        record_id,
        "deleted",
        "deleted",
        label,
        edits,
        "",
        deleted=_version(stamp, "deleted", sites),
    )


def _common_ancestor(by_stamp: dict[str, tuple[str, str]], heads: list[str]) -> str | None:
    """The latest version every head descends from (the text they both started from)."""

    def ancestors(stamp: str) -> set[str]:
        seen, todo = set(), [stamp]
        while todo:
            s = todo.pop()
            for b in by_stamp.get(s, ("", ""))[0].split():
                if b not in seen:
                    seen.add(b)
                    todo.append(b)
        return seen

    common = set.intersection(*(ancestors(h) for h in heads)) if heads else set()
    return max(common) if common else None


def _version(stamp: str, text: str, sites: dict[str, str]) -> Version:
    ms, _, site = parse_stamp(stamp)
    return Version(stamp, site, sites.get(site, ""), _when(ms), text)


def _short(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 200 else text[:199] + "…"


def _peer_names(store: Store) -> dict[str, str]:
    return {p.id: p.name for p in store.peers()}


def _site_peers(store: Store, peers: dict[str, str]) -> dict[str, str]:
    names = {r.site: peers.get(r.peer, "") for r in reversed(history.bundles(store))}
    names[store.site] = peers.get(store.meta("me") or "", "") or "this laptop"
    return names


def _label(store: Store, table: str, record) -> str:
    one = TABLE_NAMES.get(table, (table,))[0]
    if record is None:
        return f"a {one} not arrived yet"
    if isinstance(record, Note):
        where = (
            store.get(Session, record.session_id)
            if record.session_id
            else store.get(Document, record.document_id)
            if record.document_id
            else None
        )
        author = store.get(Peer, record.author_id)
        return (
            f"{author.name if author else 'a peer'}'s note on "
            f"{where.title if where else 'no session'}"
        )
    for attribute in ("title", "name", "statement", "text", "quote", "role"):
        value = getattr(record, attribute, "")
        if value:
            return f"{one}: {_short(value)[:70]}"
    if hasattr(record, "day"):
        return f"{one}, day {record.day}"
    return one


# -- resolving -------------------------------------------------------------------------------


def _record(store: Store, conflict: Conflict):
    record = store.get(TABLE_BY_NAME[conflict.record_table], conflict.record_id)
    if record is None:
        raise StoreError(f"{conflict.label}: has not fully arrived yet; sync again, then resolve")
    return record


def resolve_text(store: Store, conflict: Conflict, text: str) -> None:
    """Make `text` the version that replaces the heads the person saw. A head that arrived
    since is not among them, so it stays a conflict: nothing is replaced unseen."""
    record = _record(store, conflict)
    if isinstance(record, DailyUpdate) and record.status == "delivered":
        from onsite.confidential.frozen import refuse

        raise StoreError(refuse(store, record, "resolving a conflict"))
    with store.writing() as w:
        w.put(record, conflict.field, text, base=" ".join(v.stamp for v in conflict.versions))
    merge.refresh_conflicts(store, [conflict.record_id])


def resolve_deleted(store: Store, conflict: Conflict, restore: bool) -> None:
    """Bring the record back with its later edits, or confirm the deletion."""
    record = _record(store, conflict)
    with store.writing() as w:
        w.put(record, "deleted", not restore)
    merge.refresh_conflicts(store, [conflict.record_id])


def resolve(
    store: Store, conflict: Conflict, text: str | None = None, restore: bool | None = None
) -> None:
    """Resolve a conflict: a text conflict with `text`, a deleted one with `restore`."""
    if conflict.kind == "text":
        if text is None:
            raise ValueError("a text conflict is resolved with the text to keep")
        resolve_text(store, conflict, text)
    else:
        if restore is None:
            raise ValueError("an edit after a delete is resolved by restoring or deleting")
        resolve_deleted(store, conflict, restore)


def conflicted(store: Store, record, field: str) -> bool:
    """Does this field of this record have an open conflict (two heads of a long text)?
    Asked right after a save, so the writer is told at once that the save made one."""
    return store.has_conflict(record.id, field)
