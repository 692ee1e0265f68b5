"""Who is using this laptop, as the week screen knows it: asked once (the answer is kept in
the engagement file, written in a worker), their sessions marked in the week and, on `m`,
shown alone; switched from the command palette ("Switch peer"), or set to nobody."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work

if TYPE_CHECKING:
    from onsite.model import Peer
    from onsite.store.db import Store
    from onsite.week.view import Week


class LaptopPeer:
    """Mixed into the week screen."""

    if TYPE_CHECKING:
        store: Store  # the week screen's; None only before the store opens (NEEDS_STORE waits)
        week: Week | None
        me: str | None
        only_mine: bool
        peers: list[Peer]
        app: Any
        Changed: Any
        post_message: Any
        query_one: Any
        notify: Any
        _refill: Any

    def _chose_me(self, peer_id: str | None) -> None:
        if peer_id:
            self.me = peer_id
            self.set_me(peer_id)  # kept in this engagement file, written in a worker
            self.action_only_mine()

    def action_only_mine(self) -> None:
        if self.store is None or self.week is None:
            return
        if self.me is None:  # ask once; the answer is kept in this engagement file
            from screens.dialogs import PickDialog

            self.app.push_screen(
                PickDialog(
                    "Who is using this laptop? Your sessions are marked in the week.",
                    [(p.id, f"{p.initials}  {p.name} ({p.role})") for p in self.week.peers],
                ),
                self._chose_me,
            )
            return
        self.only_mine = not self.only_mine
        self._refill()
        self.notify("Only my sessions." if self.only_mine else "Every session.")

    def action_switch_peer(self) -> None:
        """Say who is using this laptop (or nobody: it then acts for no one)."""
        from screens.dialogs import PickDialog

        if self.week is None:
            return
        options = [(p.id, f"{p.initials}  {p.name} ({p.role})") for p in self.week.peers]
        options.append(("", "Nobody (this laptop acts for no one)"))

        def chosen(peer_id: str | None) -> None:
            if peer_id is not None:
                self.set_me(peer_id)

        self.app.push_screen(PickDialog("Who is using this laptop?", options), chosen)

    @work(thread=True, exit_on_error=False, description="switch peer")
    def set_me(self, peer_id: str) -> None:
        self.store.set_me(peer_id)
        name = next((p.name for p in self.peers if p.id == peer_id), "nobody")
        self.post_message(
            self.Changed(
                f"This laptop is now {name}'s." if peer_id else "This laptop now acts for nobody."
            )
        )
