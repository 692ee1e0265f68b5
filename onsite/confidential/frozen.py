"""Frozen means frozen: what system leaders were told stays as it was told.

A delivered daily update cannot be changed by a merge or by resolving a conflict: the merge
holds it at its delivered values (onsite.store.frozen). What someone wrote into it too late,
on a laptop that had not yet heard of the delivery or after it, is not lost either: after each
merge `keep_frozen` makes each such text a new draft version of that day's update, and logs
the attempt, naming whose laptop it came from. The new version and its log entry get ids
made from the edit itself, so every laptop that merges the same edit makes the same record
once, not one each.
"""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING

from onsite.confidential import audit
from onsite.model import Audit, DailyUpdate
from onsite.store import frozen, history, materialize, merge
from onsite.vocab import UpdateStatus

DRAFT, DELIVERED = UpdateStatus.DRAFT, UpdateStatus.DELIVERED

if TYPE_CHECKING:
    from onsite.store.db import Store

_NAMESPACE = uuid.UUID("6f1c3b3e-5a7d-4a8e-9a55-0e6a1c2f7d10")


def _id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, ":".join(parts)))


def late_edits(store: Store, update: DailyUpdate) -> list[tuple[str, str]]:
    """(stamp, text) of each version of a delivered update's body that is not what was
    delivered and that no later version replaced."""
    versions = history.versions(store, update.id, "body")
    heads = set(materialize.heads((stamp, base) for stamp, base, _ in versions))
    out = []
    for stamp, _, value in versions:
        text = json.loads(value)
        if stamp in heads and text != update.body:
            out.append((stamp, text))
    return out


def keep_frozen(store: Store) -> list[str]:
    """After a merge: each late edit of a delivered update becomes a new draft version, and
    each attempt to change one is logged. Lines for people, one per new version."""
    notes: list[str] = []
    site_peer = {site: peer for _, site, peer, *_ in history.bundles(store)}
    site_peer[store.site] = store.me() or ""
    states = {u.id: frozen.state_of(store, "dailyupdate", u.id) for u in store.every(DailyUpdate)}
    states = {record_id: state for record_id, state in states.items() if state is not None}
    changed = [
        u.id
        for u in store.every(DailyUpdate)
        if u.id in states
        and (
            u.status != DELIVERED
            or json.dumps(u.body, ensure_ascii=False) != states[u.id][1]["body"][0]
        )
    ]
    if changed:  # written underneath on this laptop: back to what was delivered
        merge.recompute(store, changed)
    for update in store.every(DailyUpdate):
        if update.id not in states or update.deleted:
            continue
        frozen_at = states[update.id][0]
        what = f"daily update, day {update.day} (version {update.version})"
        for stamp, text in late_edits(store, update):
            new_id = _id(update.id, stamp)
            if store.get(DailyUpdate, new_id) is not None:
                continue
            version = 1 + max(u.version for u in store.every(DailyUpdate) if u.day == update.day)
            who = site_peer.get(stamp.split(".", 2)[2], "")
            with store.writing() as w:
                w.add(
                    DailyUpdate(
                        id=new_id,
                        day=update.day,
                        version=version,
                        body=text,
                        draft=update.draft,
                        status=DRAFT,
                    )
                )
                audit.record(
                    store,
                    audit.FROZEN,
                    f"{what}: delivered, so frozen",
                    f"an edit written into it {'after' if stamp > frozen_at else 'before'} "
                    f"the lead peer's delivery was kept as version {version}, a draft "
                    f"({update.id}, edit {stamp})",
                    peer_id=who,
                    writer=w,
                    entry_id=_id("audit", new_id),
                )
            notes.append(
                f"Day {update.day}'s update was delivered, so an edit to it was kept as "
                f"a new draft, version {version}."
            )
        for stamp, field, _ in history.changes_after(store, update.id, frozen_at):
            if field == "body" or store.get(Audit, _id("audit", update.id, stamp, field)):
                continue
            audit.record(
                store,
                audit.FROZEN,
                f"{what}: delivered, so frozen",
                f"a change to its {field} was not applied ({update.id}, edit {stamp})",
                peer_id=site_peer.get(stamp.split(".", 2)[2], ""),
                entry_id=_id("audit", update.id, stamp, field),
            )
    return notes


def refuse(store: Store, update: DailyUpdate, how: str) -> str:
    """Log an attempt to change a delivered update on this laptop; the message to show."""
    audit.record(
        store,
        audit.FROZEN,
        f"daily update, day {update.day} (version {update.version}): delivered, so frozen",
        f"{how} refused ({update.id})",
    )
    return (
        f"day {update.day} version {update.version} was delivered and is frozen; start a "
        "new version to change it"
    )
