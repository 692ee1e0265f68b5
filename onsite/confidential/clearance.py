"""Clearing text for system leaders: the guard run over each text a document is made from.

A daily update, the feedback and the report are assembled from texts the team wrote: a
finding's statement (or its rewording for the feedback), a recommendation, the key messages,
a daily update's body, the engagement's name and scope, the names of the lines of enquiry.
The guard checks each of those texts, so a hit says which text to open and where in it
(line, column); the rest of a document is fixed wording that names nobody.

A hit stops the text leaving until it is fixed (the text edited) or accepted by the lead
peer; an acceptance is a record (who, when, which words in which text) that travels with
the engagement like any other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from onsite.confidential.guard import Guard, Hit
from onsite.vocab import Role

if TYPE_CHECKING:
    from onsite.model import GuardAcceptance, Record
    from onsite.store.db import Store


@dataclass(frozen=True)
class Source:
    """One text that goes into something system leaders receive, and where it is kept."""

    key: str  # "<table>:<record id>:<field>": stable while the text is edited
    label: str  # for people: "Finding (Workforce): “Staff feel…”"
    text: str

    @classmethod
    def of(cls, record: Record, field: str, label: str, text: str | None = None) -> Source:
        value = getattr(record, field) if text is None else text
        return cls(f"{record.__tablename__}:{record.id}:{field}", label, value or "")

    @property
    def table(self) -> str:
        return self.key.split(":", 2)[0]

    @property
    def record_id(self) -> str:
        return self.key.split(":", 2)[1]

    @property
    def field(self) -> str:
        return self.key.split(":", 2)[2]


@dataclass(frozen=True)
class Flag:
    """A guard hit in one source, and the lead peer's acceptance of it if there is one."""

    source: Source
    hit: Hit
    accepted: GuardAcceptance | None = None

    @property
    def where(self) -> str:
        return f"{self.source.label}, line {self.hit.line}, column {self.hit.column}"

    def __str__(self) -> str:
        state = " [accepted]" if self.accepted else ""
        return (
            f"{self.where}: \u201c{self.hit.shown}\u201d ({self.hit.kind}: {self.hit.about}){state}"
        )


class GuardStopped(Exception):
    """Something for system leaders would name or point at a participant."""

    def __init__(self, flags: list[Flag]) -> None:
        self.flags = flags
        n = len(flags)
        super().__init__(
            f"the attribution guard found {n} place{'s' * (n != 1)} that could identify a "
            "participant; fix each text or have the lead peer accept it:\n"
            + "\n".join(f"  {flag}" for flag in flags)
        )


def _acceptance_key(source_key: str, hit: Hit) -> tuple[str, str, str]:
    return source_key, hit.kind, hit.folded


def check(store: Store, sources: Iterable[Source], guard: Guard | None = None) -> list[Flag]:
    """Every hit in every source, accepted ones marked."""
    guard = guard or Guard.from_store(store)
    accepted = {(a.source, a.kind, a.text): a for a in store.acceptances()}
    flags = []
    seen: set[str] = set()
    for source in sources:
        if source.key in seen or not source.text:
            continue
        seen.add(source.key)
        for hit in guard.check(source.text):
            flags.append(Flag(source, hit, accepted.get(_acceptance_key(source.key, hit))))
    return flags


def blocking(flags: Iterable[Flag]) -> list[Flag]:
    return [f for f in flags if f.accepted is None]


def require_clear(
    store: Store, sources: Iterable[Source], guard: Guard | None = None
) -> list[Flag]:
    """The accepted flags if nothing blocks; GuardStopped with the blocking ones if something does."""
    flags = check(store, sources, guard)
    stopped = blocking(flags)
    if stopped:
        raise GuardStopped(stopped)
    return flags


def accept(store: Store, flags: Iterable[Flag], by: str, reason: str = "") -> list[GuardAcceptance]:
    """Record the lead peer's acceptance of each flag (who, when, which words in which text)."""
    from onsite.model import GuardAcceptance

    if not by:
        raise ValueError("say who accepts: the lead peer")
    from onsite.model import Peer

    peer = store.get(Peer, by)
    leads = [p for p in store.peers() if p.role == Role.LEAD_PEER]
    if peer is None or (leads and peer.role != Role.LEAD_PEER):
        raise ValueError(
            f"{peer.name if peer else 'that peer'} is not the lead peer; only the "
            f"lead peer ({', '.join(p.name for p in leads) or 'none set'}) accepts"
        )
    now = datetime.now(UTC).isoformat(timespec="seconds")
    records, keys = [], set()
    for flag in flags:
        key = _acceptance_key(flag.source.key, flag.hit)
        if flag.accepted is not None or key in keys:
            continue
        keys.add(key)
        records.append(
            GuardAcceptance(
                source=flag.source.key,
                kind=flag.hit.kind,
                text=flag.hit.folded,
                shown=flag.hit.shown,
                accepted_by=by,
                accepted_at=now,
                reason=reason,
            )
        )
    from onsite.confidential import audit

    with store.writing() as w:
        w.add_all(records)
        if records:  # the log names the texts, never the accepted words (they may be names)
            audit.record(
                store,
                audit.GUARD,
                f"{len(records)} guard hit(s) accepted",
                ", ".join(sorted({r.source for r in records})),
                peer_id=by,
                writer=w,
            )
    return records


def fix(store: Store, source: Source, text: str) -> None:
    """Replace the text a flag was found in (the lead peer's edit)."""
    from onsite.model import TABLE_BY_NAME

    model = TABLE_BY_NAME.get(source.table)
    record = store.get(model, source.record_id) if model else None
    if record is None or record.deleted:
        raise ValueError(f"{source.label}: no longer in this engagement")
    if getattr(record, "status", None) == "delivered":
        raise ValueError(f"{source.label}: delivered, so frozen; start a new version to change it")
    store.update(record, **{source.field: text})


def replace_hit(text: str, hit: Hit, replacement: str) -> str:
    """The text with one hit's words replaced (by a role, say): the usual fix."""
    return text[: hit.start] + replacement + text[hit.end :]


def lead_peer(store: Store, who: str | None = None):
    """The peer who accepts hits and delivers updates: who (initials or name) if given, else
    this laptop's peer. A laptop where nobody has said who they are acts as nobody: it never
    accepts or delivers as the lead peer. Only the lead peer may accept."""
    peers = store.peers()
    if not peers:
        raise ValueError("the engagement has no peers; add the team first")
    leads = [p for p in peers if p.role == Role.LEAD_PEER]
    if not leads:
        raise ValueError(
            "the engagement has no lead peer; mark one first "
            "(onsite team edit FILE INITIALS --lead)"
        )
    if who:
        from onsite.engagement.team import find_peer

        peer = find_peer(store, who)
    else:
        me = store.me()
        peer = next((p for p in peers if p.id == me), None)
        if peer is None:
            raise ValueError(
                "nobody is set as using this laptop, so it cannot act as the lead "
                "peer; say who you are first (onsite me FILE INITIALS, or switch "
                "peer in the app)"
            )
    if peer.role != Role.LEAD_PEER:
        raise ValueError(
            f"{peer.name} is not the lead peer; only the lead peer "
            f"({', '.join(p.name for p in leads)}) can accept or deliver"
        )
    return peer


def matching(flags: Iterable[Flag], words: Iterable[str]) -> list[Flag]:
    """The flags whose words are one of the given ones (any case, accents or not)."""
    from onsite.confidential.guard_reading import fold_phrase

    wanted = {fold_phrase(w) for w in words}
    return [f for f in flags if f.hit.folded in wanted]
