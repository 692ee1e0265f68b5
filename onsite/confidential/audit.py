"""The audit log: who exported, delivered, accepted a guard warning or purged, and when.

Other modules call `record(...)` at the moment the thing happens, inside their own write
when they have one (pass `writer=`) so the entry lands with it or not at all. The log is
an ordinary synced record type (`onsite.model.Audit`), so every laptop ends up with the
team's whole log; `audit_entries` gives it as plain dicts for screens and the JSON dump.

What to put in `subject` and `detail`: file names, formats, counts, record ids. Never note
text or a participant's name: the log outlives the purge of raw notes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from onsite.model import AUDIT_ACTIONS, Audit, Peer

if TYPE_CHECKING:
    from onsite.store.db import Store, Writer

EXPORT, DELIVERY, GUARD, PURGE, FROZEN = AUDIT_ACTIONS
FIELDS = ("id", "at", "action", "who", "peer_id", "subject", "detail", "site", "created")


def record(
    store: Store,
    action: str,
    subject: str,
    detail: str = "",
    *,
    peer_id: str | None = None,
    writer: Writer | None = None,
    entry_id: str | None = None,
) -> Audit:
    """Log one action by a peer (by default whoever uses this laptop). `entry_id` gives an
    entry that several laptops may write for the same event one id, so it is logged once."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"audit action {action!r}: not one of {', '.join(AUDIT_ACTIONS)}")
    peer_id = store.me() if peer_id is None else peer_id
    peer = store.get(Peer, peer_id) if peer_id else None
    entry = Audit(
        at=datetime.now(UTC).isoformat(timespec="seconds"),
        action=action,
        peer_id=peer_id or "",
        who=peer.name if peer else "",
        subject=subject,
        detail=detail,
    )
    if entry_id is not None:
        entry.id = entry_id
    if writer is not None:
        writer.add(entry)
    else:
        store.add(entry)
    return entry


def audit_entries(store: Store) -> list[dict[str, str]]:
    """The whole log, oldest first, as JSON-ready dicts with the keys in FIELDS."""
    return [{name: getattr(entry, name) for name in FIELDS} for entry in store.audit_log()]
