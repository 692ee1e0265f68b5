"""The daily update pane: the lead peer's text for a day, autosaved; refresh from the
findings without overwriting; deliver through the attribution guard; earlier versions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from screens.base import WorkerErrors
from screens.feedback.host import feedback_screen
from screens.widgets.autosave import AutosaveHost, AutosaveText
from screens.widgets.markdown_view import MarkdownView

if TYPE_CHECKING:
    from onsite.confidential.clearance import Flag
    from onsite.leaders.daily import Refresh
    from onsite.model import DailyUpdate
    from onsite.store.db import Store
    from screens.widgets.autosave import Pending


class DailyUpdatePane(WorkerErrors, AutosaveHost, Vertical):
    @dataclass
    class Loaded(Message):
        update: DailyUpdate
        versions: list[DailyUpdate]
        side: str  # Markdown for the side panel
        state: str
        day: int
        days: int

    @dataclass
    class RefreshReady(Message):
        refresh: Refresh

    @dataclass
    class Applied(Message):
        update: DailyUpdate

    @dataclass
    class Stopped(Message):
        """The guard stopped the delivery."""

        flags: list[Flag]

    @dataclass
    class Side(Message):
        """Markdown for the side panel: an earlier version, a note."""

        text: str

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.update: DailyUpdate | None = None
        self.pending_refresh: Refresh | None = None
        self.flags: list[Flag] = []
        self.days_shown = 0

    @property
    def day(self) -> int:
        return feedback_screen(self).day

    def compose(self) -> ComposeResult:
        with Horizontal(classes="bar"):
            yield Select(
                [(f"Day {self.day}", self.day)], value=self.day, allow_blank=False, id="day"
            )
            yield Static("", id="update-state")
        with Horizontal(classes="work"):
            with Vertical(id="update-main"):
                yield AutosaveText(
                    label="the daily update", area_id="update-body", id="update-editor"
                )
                with Horizontal(classes="buttons"):
                    yield Button("Refresh draft", id="refresh")
                    yield Button("Apply refresh", id="apply", disabled=True)
                    yield Button("Deliver", id="deliver", variant="primary")
                    yield Button("New version", id="new-version")
                    yield Button("Accept hits", id="accept-update", disabled=True)
            with Vertical(id="update-side"):
                yield Label("Versions", classes="heading")
                yield OptionList(id="versions")
                with VerticalScroll(id="side-scroll"):
                    yield MarkdownView("", id="side")

    def on_mount(self) -> None:
        self.load_update()

    @property
    def body(self) -> AutosaveText:
        return self.query_one("#update-editor", AutosaveText)

    # -- loading ---------------------------------------------------------------------------

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="update",
        description="open the daily update",
    )
    def load_update(self, action: str = "open", pending: list[Pending] | None = None) -> None:
        from onsite.leaders import daily

        if pending and not self.save_first(pending):
            return
        engagement = self.store.engagement()
        day = self.day
        if feedback_screen(self).day_from_today:
            from datetime import date

            feedback_screen(self).day_from_today = False
            offset = (date.today() - engagement.start).days + 1
            day = offset if 1 <= offset <= engagement.days else 1
        if action == "new version":
            update = daily.new_version(self.store, day)
        else:
            update = daily.open_update(self.store, day)
        versions = daily.versions(self.store, day)
        side = ""
        yesterday = daily.current(self.store, day - 1) if day > 1 else None
        if yesterday is not None:
            diff = daily.compare(yesterday, update)
            side = f"**Compared with day {day - 1}**\n\n```diff\n{diff or '(the same)'}\n```\n"
        self.post_message(
            self.Loaded(update, versions, side, _state(update, self.store), day, engagement.days)
        )

    @on(Loaded)
    def _show_update(self, message: Loaded) -> None:
        message.stop()
        update = self.update = message.update
        feedback_screen(self).day = message.day
        self.pending_refresh = None
        if self.days_shown != message.days:
            select = self.query_one("#day", Select)
            with select.prevent(Select.Changed):
                select.set_options([(f"Day {d}", d) for d in range(1, message.days + 1)])
                select.value = message.day
            self.days_shown = message.days
        delivered = update.status == "delivered"
        self.body.label = f"the daily update for day {update.day} (version {update.version})"
        self.body.load_text(update.body, read_only=delivered)
        self.query_one("#update-state", Static).update(message.state)
        self.query_one("#deliver", Button).disabled = delivered
        self.query_one("#refresh", Button).disabled = delivered
        self.query_one("#apply", Button).disabled = True
        self.query_one("#accept-update", Button).disabled = True
        self.query_one("#new-version", Button).disabled = not delivered
        versions = self.query_one("#versions", OptionList)
        versions.clear_options()
        versions.add_options(
            [Option(f"v{u.version} · {u.status}", id=u.id) for u in message.versions]
        )
        self.query_one("#side", MarkdownView).update(message.side or "")

    @on(Select.Changed, "#day")
    def _day_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, int) and event.value != self.day:
            pending = self.pending()  # the words typed for the day being left
            feedback_screen(self).day = event.value
            self.load_update(pending=pending)

    # -- saving ----------------------------------------------------------------------------

    def save_text(self, editor: AutosaveText, text: str) -> str:
        """In a worker: the lead's words for the open draft."""
        from onsite.leaders import daily
        from onsite.sync.status import conflicted

        update = self.update
        if update is None or update.status == "delivered":
            raise ValueError("this daily update is delivered and frozen; start a new version")
        if text != update.body:
            self.update = update = daily.save(self.store, update, text)
        if conflicted(self.store, update, "body"):
            return (
                "!This daily update was also changed elsewhere: both versions are kept as a "
                "conflict to settle on the Sync screen."
            )
        return ""

    def action_save(self) -> None:
        self.app.leave(self.screen, lambda: self.notify("Saved."), leaving=False)

    # -- refresh from the findings ---------------------------------------------------------

    @on(Button.Pressed, "#refresh")
    def action_refresh_draft(self) -> None:
        if self.update is not None and self.update.status != "delivered":
            self.refresh_draft(self.pending())

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="update",
        description="refresh the draft",
    )
    def refresh_draft(self, pending: list[Pending]) -> None:
        from onsite.leaders import daily

        if not self.save_first(pending) or self.update is None:
            return
        self.post_message(self.RefreshReady(daily.refresh(self.store, self.update)))

    @on(RefreshReady)
    def _show_refresh(self, message: RefreshReady) -> None:
        message.stop()
        result = message.refresh
        side = self.query_one("#side", MarkdownView)
        if result.unchanged:
            self.pending_refresh = None
            side.update("**The draft is up to date**: nothing has changed in the findings since.")
            return
        self.pending_refresh = result
        clash = (
            f"\n\n**{result.clashes} change(s) touch lines you edited**: your lines are kept; "
            "make those changes by hand."
            if result.clashes
            else ""
        )
        lines = "\n".join(f"    {c}" for c in result.changes)
        side.update(
            f"**What changed in the draft** (not applied yet){clash}\n\n{lines}\n\n"
            "Press *Apply refresh* to merge these into your text."
        )
        self.query_one("#apply", Button).disabled = False

    @on(Button.Pressed, "#apply")
    def _apply(self) -> None:
        if self.pending_refresh is None:
            return
        if self.body.text != self.pending_refresh.update.body:
            self.refresh_draft(self.pending())  # edited since: refresh against the latest words
            return
        self.apply_refresh(self.pending_refresh)

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="update",
        description="apply the refresh",
    )
    def apply_refresh(self, refresh: Refresh) -> None:
        from onsite.leaders import daily

        self.post_message(self.Applied(daily.apply_refresh(self.store, refresh)))

    @on(Applied)
    def _applied(self, message: Applied) -> None:
        message.stop()
        self.update = message.update
        self.pending_refresh = None
        self.body.load_text(message.update.body)
        self.query_one("#apply", Button).disabled = True
        self.query_one("#side", MarkdownView).update(
            "**Applied.** The draft's changes are in your text."
        )

    # -- delivering ------------------------------------------------------------------------

    @on(Button.Pressed, "#deliver")
    def _deliver_pressed(self) -> None:
        if self.update is not None:
            self.deliver(self.pending())

    @on(Button.Pressed, "#accept-update")
    def _accept_update(self) -> None:
        if self.update is not None and self.flags:
            self.deliver(self.pending(), accept_first=list(self.flags))

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="update",
        description="deliver the daily update",
    )
    def deliver(self, pending: list[Pending], accept_first: list[Flag] | None = None) -> None:
        from onsite.confidential import clearance
        from onsite.leaders import daily

        if not self.save_first(pending) or self.update is None:
            return
        update = self.update
        lead = clearance.lead_peer(self.store)
        if accept_first:
            clearance.accept(self.store, accept_first, lead.id, reason="accepted on delivery")
        try:
            daily.deliver(self.store, update, lead.id)
        except clearance.GuardStopped as stopped:
            self.post_message(self.Stopped(stopped.flags))
            return
        self.app.call_from_thread(
            self.notify, f"Day {update.day} version {update.version} delivered by {lead.name}."
        )
        self.app.call_from_thread(self.load_update)

    @on(Stopped)
    def _stopped(self, message: Stopped) -> None:
        message.stop()
        self.flags = message.flags
        lines = "\n".join(
            f"- {f.where}: \u201c{f.hit.shown}\u201d ({f.hit.kind})" for f in message.flags
        )
        self.query_one("#side", MarkdownView).update(
            f"**Not delivered.** The attribution guard found {len(message.flags)} place(s) that "
            "could identify a participant. Edit them in the text, or *Accept hits* as the lead "
            f"peer.\n\n{lines}"
        )
        self.query_one("#accept-update", Button).disabled = False

    @on(Button.Pressed, "#new-version")
    def _new_version(self) -> None:
        self.load_update("new version")

    # -- earlier versions ------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#versions")
    def _show_version(self, event: OptionList.OptionSelected) -> None:
        if self.update is not None and event.option.id:
            self.show_version(event.option.id, self.update)

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="version",
        description="show the version",
    )
    def show_version(self, update_id: str, shown: DailyUpdate) -> None:
        from onsite.leaders import daily
        from onsite.model import DailyUpdate

        old = self.store.get(DailyUpdate, update_id)
        if old is None:
            return
        text = f"**Version {old.version}** ({_state(old, self.store)})\n\n" + old.body
        if old.id != shown.id:
            text += (
                f"\n\n**Compared with the open version**\n\n```diff\n"
                f"{daily.compare(old, shown)}\n```\n"
            )
        self.post_message(self.Side(text))

    @on(Side)
    def _side(self, message: Side) -> None:
        message.stop()
        self.query_one("#side", MarkdownView).update(message.text)


def _state(update: DailyUpdate, store: Store) -> str:
    """The update's state line (reads the peers: call it in a worker)."""
    if update.status == "delivered":
        peers = {p.id: p.name for p in store.peers()}
        who = peers.get(update.delivered_by, "the lead peer")
        return (
            f"version {update.version} · delivered by {who} on "
            f"{update.delivered_at[:16].replace('T', ' at ')} UTC · frozen"
        )
    return f"version {update.version} · draft: yours to edit (saved as you type)"
