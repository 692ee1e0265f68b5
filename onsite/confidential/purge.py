"""Purging the raw notes once the report is agreed: the words go, the conclusions stay.

Purged: the team-only files this laptop exported (evidence pack, JSON archive), note bodies (session and reading notes), excerpts' quoted text and its context
(quote, prefix, suffix), participants' names, the words accepted past the attribution
guard (which can be a surname), and every earlier version of those fields in the change
log. Kept: findings (their statements), recommendations, daily updates, the
feedback, documents' summaries, sessions, participants' roles and organisations, and each
excerpt's tags, polarity, evidence kind and finding link, so the findings keep their
evidence counts and triangulation.

How it travels (for the sync merge). The lead's purge is two things, both ordinary synced
writes made through `Store.writing()`:
  1. updates that set every purged field to "" (like tombstones, stamped after the marker);
  2. an `Audit` record with action "purge" whose detail is JSON holding "marker", the clock
     stamp taken just before those updates.
A laptop that merges a purge audit record calls `apply_marker(store, marker)`. From then
on the merge must drop any incoming change to a purged field stamped at or before the
marker (`dropped_on_merge`): an older version arriving late from a laptop that had not
heard of the purge must not bring the words back. A change stamped after the marker is a
new edit made after the purge; treat it like an edit after a delete: keep it and flag it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from onsite.confidential import audit, team_files
from onsite.model import Excerpt, GuardAcceptance, Note, Participant, Peer
from onsite.store.changes import ChangeRow
from onsite.store.db import Store
from onsite.store.errors import StoreError
from onsite.vocab import Role

PURGED_FIELDS: dict[str, tuple[str, ...]] = {
    "note": ("body",),
    "excerpt": ("quote", "prefix", "suffix"),
    "participant": ("name",),
    # the words a lead accepted past the attribution guard can be a surname
    "guardacceptance": ("text", "shown"),
}
MARKER_META = "purged_upto"


class PurgeError(StoreError):
    """The purge was refused; nothing was changed."""


@dataclass(frozen=True)
class Purged:
    marker: str
    notes: int
    excerpts: int
    participants: int
    versions: int  # earlier versions deleted from the change log
    exports: team_files.Destroyed  # the team-only files this laptop had exported


def purge(store: Store, by_peer_id: str) -> Purged:
    """Purge the raw notes of the engagement, as the lead peer `by_peer_id`; then compact the
    file so no purged word can be read back from it or its WAL."""
    lead = store.get(Peer, by_peer_id)
    if lead is None or lead.deleted:
        raise PurgeError("purge: say which peer is purging (the lead peer)")
    if lead.role != Role.LEAD_PEER:
        raise PurgeError(
            f"purge: only the lead peer can purge the notes, and {lead.name} is the {lead.role}"
        )
    marker = store.clock.now()
    notes = [n for n in store.every(Note) if n.body]
    excerpts = [e for e in store.every(Excerpt) if e.quote or e.prefix or e.suffix]
    participants = [p for p in store.every(Participant) if p.name]
    acceptances = [g for g in store.every(GuardAcceptance) if g.text or g.shown]
    with store.writing() as w:
        for note in notes:
            w.update(note, body="")
        for excerpt in excerpts:
            w.update(excerpt, quote="", prefix="", suffix="")
        for participant in participants:
            w.update(participant, name="")
        for acceptance in acceptances:
            w.update(acceptance, text="", shown="")
        detail = {
            "marker": marker,
            "notes": len(notes),
            "excerpts": len(excerpts),
            "participants": len(participants),
        }
        audit.record(
            store,
            audit.PURGE,
            "raw notes, excerpts' text, participants' names",
            json.dumps(detail),
            peer_id=lead.id,
            writer=w,
        )
    versions = apply_marker(store, marker)
    return Purged(
        marker, len(notes), len(excerpts), len(participants), versions, team_files.destroy(store)
    )


def apply_marker(store: Store, marker: str) -> int:
    """Erase purged fields up to the marker and compact the file: done by the lead's purge,
    and by every laptop when the purge's audit record reaches it. Idempotent."""
    from onsite.store import merge

    versions = store.erase_history(PURGED_FIELDS, marker)
    current = store.meta(MARKER_META)
    if current is None or marker > current:
        store.set_meta(MARKER_META, marker)
    merge.refresh_conflicts(store)  # a conflict between two erased versions is no more
    store.compact()
    return versions


def latest_marker(store: Store) -> str | None:
    """The latest purge in the team's audit log (from this laptop or merged from the lead's)."""
    markers = [marker_of(a.detail) for a in store.audit_log() if a.action == audit.PURGE]
    return max((m for m in markers if isinstance(m, str)), default=None)


def catch_up(store: Store) -> str | None:
    """Apply a purge that reached this laptop by sync and was not applied yet; its marker,
    or None. Called after every merge: the words go from the file and its WAL there and then."""
    latest = latest_marker(store)
    applied = marker(store)
    if latest is None or (applied is not None and latest <= applied):
        return None
    apply_marker(store, latest)
    team_files.destroy(store)  # the evidence pack and archive this laptop exported, if any
    return latest


def blank_purged(
    rows: list[ChangeRow], values: list, purge_marker: str | None
) -> tuple[list[ChangeRow], list, int]:
    """Rows of a bundle (as the change table stores them) with every purged field at or
    before the marker made empty, so the words never reach this laptop's disk; and how many.
    The rows stay (a record needs its fields to exist); apply_marker then erases them."""
    if purge_marker is None:
        return rows, values, 0
    blanked = 0
    rows, values = list(rows), list(values)
    for i, row in enumerate(rows):
        stamp, table, _, field, value = row[:5]
        if dropped_on_merge(table, field, stamp, purge_marker) and value != '""':
            rows[i] = row._replace(value='""')
            values[i] = ""
            blanked += 1
    return rows, values, blanked


def marker(store: Store) -> str | None:
    """The latest purge marker this laptop has applied, or None."""
    return store.meta(MARKER_META)


def marker_of(entry_detail: str) -> str | None:
    """The marker in a purge audit record's detail (for the merge to find)."""
    try:
        return json.loads(entry_detail).get("marker")
    except (ValueError, AttributeError):
        return None


def dropped_on_merge(table: str, field: str, stamp: str, purge_marker: str | None) -> bool:
    """True for an incoming change the merge must not store: an old version of a purged field."""
    return (
        purge_marker is not None and field in PURGED_FIELDS.get(table, ()) and stamp <= purge_marker
    )
