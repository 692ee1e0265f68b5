"""The team: finding a peer by what a person types (initials or full name)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onsite.model import Peer
    from onsite.store.db import Store


def find_peer(store: Store, who: str) -> Peer:
    """The peer with these initials or this full name (any case, any spacing); ValueError
    naming what was typed when there is none."""
    key = " ".join(who.casefold().split())
    for peer in store.peers():
        if key in (peer.initials.casefold(), " ".join(peer.name.casefold().split())):
            return peer
    raise ValueError(f"{who}: not a peer of this engagement (give initials or full name)")
