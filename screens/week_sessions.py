"""The week screen's session forms: add a session to the day shown, edit or move the one
under the cursor, cancel or restore it (onsite/week/sessions.py checks and saves them).
A form whose answers do not check out comes back with the problems (WeekScreen.Changed)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work

if TYPE_CHECKING:
    from onsite.model import Peer
    from onsite.store.db import Store
    from onsite.week.sessions import SessionFields


class SessionEditing:
    """Mixed into the week screen."""

    if TYPE_CHECKING:
        store: Store  # the week screen's; None only before the store opens (NEEDS_STORE waits)
        peers: list[Peer]
        app: Any
        Changed: Any
        post_message: Any
        day_shown: int
        current_session: Any

    def action_add_session(self) -> None:
        if self.store is None:
            return
        from onsite.week.sessions import SessionFields

        self._open_form(
            "Add a session", SessionFields(day=str(self.day_shown), kind="interview"), None
        )

    def action_edit_session(self) -> None:
        session = self.current_session()
        if session is None:
            return
        from onsite.week.sessions import SessionFields

        initials = {p.id: p.initials for p in self.peers}
        values = SessionFields(
            day=str(session.day),
            start=session.start,
            end=session.end,
            kind=session.kind,
            title=session.title,
            location=session.location,
            peers="; ".join(initials.get(i, "") for i in session.peer_ids),
        )
        self._open_form("Edit or move the session", values, session)

    def _open_form(self, heading: str, values: SessionFields, session, problems=None) -> None:
        from screens.dialogs import SessionForm

        def done(answer: SessionFields | None) -> None:
            if answer is not None:
                self.save_session(heading, answer, session)

        self.app.push_screen(SessionForm(heading, values, problems), done)

    @work(thread=True, group="write", exit_on_error=False, description="save the session")
    def save_session(self, heading: str, form: SessionFields, session) -> None:
        from onsite.week.sessions import FormError, save_session

        try:
            saved = save_session(self.store, form, session)
        except FormError as e:
            self.post_message(self.Changed(form=(heading, form, session, e.problems)))
            return
        self.post_message(self.Changed(f"Saved: day {saved.day} {saved.start} {saved.title}"))

    def action_cancel_session(self) -> None:
        session = self.current_session()
        if session is not None:
            self.toggle_cancelled(session)

    @work(thread=True, group="write", exit_on_error=False, description="cancel the session")
    def toggle_cancelled(self, session) -> None:
        from onsite.week.sessions import set_cancelled

        set_cancelled(self.store, session, not session.cancelled)
        state = "Cancelled" if session.cancelled else "Restored"
        self.post_message(self.Changed(f"{state}: {session.title}"))
