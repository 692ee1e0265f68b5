"""Team sync: who sent what and when, what came in, and the conflicts a person must settle.

Syncing runs in a thread worker that only posts messages; the core (onsite.sync,
onsite.sync_status) does the work and answers with plain objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    DataTable,
    Input,
    Label,
    OptionList,
    ProgressBar,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from onsite.paths import printable
from screens.base import OnsiteScreen
from screens.widgets.footer import KeysFooter
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from textual.widget import Widget

    from onsite.store.db import Store
    from onsite.sync.exchange import SyncReport
    from onsite.sync.status import Conflict, Overview


def _when(moment: datetime | None) -> str:
    return f"{moment:%a %d %b %H:%M}" if moment else "never"


class FolderDialog(ModalScreen[Path | None]):
    """Asks for the team's shared folder; returns it, or None if cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="folder.cancel")]

    def __init__(self, store_path: Path, current: Path | None) -> None:
        super().__init__()
        self.store_path, self.current = store_path, current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("The team's shared folder (OneDrive, SharePoint, Syncthing, a USB stick)")
            yield Static(
                "Each laptop writes its changes into a subfolder of its own there. Keep "
                "the engagement file itself outside it.",
                markup=False,
            )
            yield Input(
                value=str(self.current or ""),
                placeholder="e.g. C:\\Users\\ann\\OneDrive\\Calder Vale",
                id="folder",
            )
            yield Static("", id="error", markup=False)
            with Horizontal():
                yield Button("Sync", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def choose(self) -> None:
        from onsite.sync.exchange import SyncError, check_folder

        text = self.query_one("#folder", Input).value.strip().strip('"')
        if not text:
            self.query_one("#error", Static).update("Folder: give the path of the shared folder.")
            return
        try:
            self.dismiss(check_folder(self.store_path, Path(text)))
        except SyncError as e:
            self.query_one("#error", Static).update(str(e))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class SyncScreen(OnsiteScreen):
    BINDINGS = [
        Binding(
            "s",
            "sync",
            "Sync again",
            id="sync.again",
            tooltip="Send this laptop's changes and take in everyone else's",
        ),
        Binding(
            "f",
            "choose_folder",
            "Folder",
            id="sync.folder",
            tooltip="Choose the team's shared folder",
        ),
        Binding(
            "i",
            "accept_invite",
            "Invite",
            id="sync.invite",
            tooltip="Take the team key from the lead peer's invite code",
        ),
        Binding("escape", "app.pop_screen", "Back", id="sync.back", tooltip="Back to the week"),
    ]

    @dataclass
    class Progress(Message):
        done: int
        total: int
        what: str

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SyncScreen.Progress)  # a burst shows only its latest

    @dataclass
    class Synced(Message):
        report: SyncReport
        overview: Overview

    @dataclass
    class Loaded(Message):
        overview: Overview

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.overview: Overview | None = None
        self.report: SyncReport | None = None
        self.conflict: Conflict | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("Team sync", id="heading", markup=False)
        with Horizontal(id="top"):
            yield DataTable(id="sites", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="news"):
                yield Static(id="arrivals")
        with Horizontal(id="progress-line"):
            yield ProgressBar(id="progress", show_eta=False)
            yield Static("", id="status", markup=False)
        yield Static("Open conflicts", classes="label")
        with Horizontal(id="conflicts-area"):
            yield OptionList(id="conflicts")
            with Vertical(id="detail"):
                yield Static("", id="conflict-title", markup=False)
                yield Horizontal(id="versions")
                yield Label("Merge proposal (edit it, then keep it):", id="proposal-label")
                yield TextArea(id="proposal", soft_wrap=True)
                with Horizontal(id="actions"):
                    yield Button("Keep the merged text", variant="primary", id="use-merged")
                    yield Button("Restore it", variant="primary", id="restore")
                    yield Button("Keep it deleted", variant="error", id="keep-deleted")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Team sync"
        self.query_one("#sites", DataTable).add_columns(
            "Peer", "Laptop", "Last written", "Merged here", "Bundles", "Changes"
        )
        self._show_detail(None)
        self.load()
        self.action_sync()

    # -- syncing ---------------------------------------------------------------------------

    def action_sync(self) -> None:
        self.start_sync()

    @work(
        thread=True,
        exclusive=True,
        group="sync",
        exit_on_error=False,
        description="sync with the team",
    )
    def start_sync(self) -> None:
        folder = self.store.meta("sync_folder")
        if folder:
            self._exchange(Path(folder))
        else:
            self.app.call_from_thread(self._choose, None)

    def action_choose_folder(self) -> None:
        self.choose_folder()

    @work(thread=True, group="load", exit_on_error=False, description="read the shared folder")
    def choose_folder(self) -> None:
        current = self.store.meta("sync_folder")
        self.app.call_from_thread(self._choose, Path(current) if current else None)

    def _choose(self, current: Path | None) -> None:
        self.app.push_screen(FolderDialog(self.store.path, current), self._folder_chosen)

    def action_accept_invite(self) -> None:
        from screens.invite import InviteDialog

        self.app.push_screen(InviteDialog(), self._invite_given)

    def _invite_given(self, code: str | None) -> None:
        if code is not None:
            self.accept_invite(code)

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="invite",
        description="take the team key",
    )
    def accept_invite(self, code: str) -> None:
        from onsite.sync import teamkey

        try:
            key, replaced = teamkey.accept(self.store, code)
        except teamkey.TeamKeyError as e:
            self.notify(str(e), title="Invite not taken", severity="error", markup=False)
            return
        what = (
            f"Replaced this laptop's team key with the team's (key {teamkey.key_id(key)})"
            if replaced
            else f"This laptop has the team key (key {teamkey.key_id(key)})"
        )
        self.notify(
            f"{what}. Its own bundles are sealed again with it at the next sync.",
            title="Team key",
            markup=False,
        )

    def _folder_chosen(self, folder: Path | None) -> None:
        if folder is not None:
            self.run_sync(folder)

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="sync",
        description="sync with the team",
    )
    def run_sync(self, folder: Path) -> None:
        self._exchange(folder)

    def _exchange(self, folder: Path) -> None:
        from onsite.sync import exchange as sync
        from onsite.sync import status as sync_status

        self.post_message(self.Progress(0, 0, f"Syncing with {folder}…"))

        def progress(done: int, total: int, what: str) -> None:
            self.post_message(self.Progress(done, total, what))

        report = sync.sync(self.store, folder, progress=progress)
        self.post_message(self.Synced(report, sync_status.overview(self.store)))

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="load",
        description="read the sync status",
    )
    def load(self) -> None:
        from onsite.sync import status as sync_status

        self.post_message(self.Loaded(sync_status.overview(self.store)))

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        bar = self.query_one("#progress", ProgressBar)
        if message.total:
            bar.update(total=message.total, progress=message.done)
        status = (
            f"Merging {message.done + 1} of {message.total}: {message.what}"
            if message.total and message.what
            else message.what or "Merged."
        )
        self.query_one("#status", Static).update(status)

    @on(Synced)
    def _synced(self, message: Synced) -> None:
        self.report = message.report
        r = message.report
        sent = f"sent {r.sent} changes" if r.written else "nothing new to send"
        problems = len(r.skipped) + len(r.held)
        self.query_one("#status", Static).update(
            f"Synced in {r.seconds:.1f} s: {sent}; merged {len(r.merged)} bundles "
            f"({r.received} changes)"
            + (f"; {problems} files passed over (see right)" if problems else ".")
        )
        self.query_one("#progress", ProgressBar).update(total=1, progress=1)
        advice = r.key_advice()
        if advice:  # bundles refused for the team key: the team may be drifting apart
            self.notify(advice, title="Bundles refused", severity="error", timeout=30, markup=False)
        elif not r.sealed:
            self.notify(
                "This engagement has no team key: its bundles are not encrypted, and "
                "anyone who can open the shared folder can read them. The lead peer's "
                "invite makes the key.",
                title="Not encrypted",
                severity="warning",
                timeout=15,
                markup=False,
            )
        self._show(message.overview)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self._show(message.overview)

    # -- showing ---------------------------------------------------------------------------

    def _show(self, overview: Overview) -> None:
        self.overview = overview
        self.query_one("#heading", Static).update(
            f"Team sync · {overview.folder or 'no shared folder chosen yet (press f)'}"
        )
        table = self.query_one("#sites", DataTable)
        table.clear()
        for s in overview.sites:
            laptop = f"{s.site[:8]}{' (this one)' if s.this_laptop else ''}"
            table.add_row(
                s.peer or "—",
                laptop,
                _when(s.last_written),
                _when(s.last_merged),
                str(s.bundles),
                str(s.changes),
                key=s.site,
            )
        self.query_one("#arrivals", Static).update(self._news(overview))
        options = self.query_one("#conflicts", OptionList)
        highlighted = self.conflict and self._key(self.conflict)
        options.clear_options()
        options.add_options(
            [
                Option(f"{'≠' if c.kind == 'text' else '✗'} {c.label}", id=self._key(c))
                for c in overview.conflicts
            ]
        )
        if not overview.conflicts:
            options.add_option(Option("No open conflicts.", disabled=True))
            self._show_detail(None)
            return
        keys = [self._key(c) for c in overview.conflicts]
        options.highlighted = keys.index(highlighted) if highlighted in keys else 0

    def _news(self, overview: Overview) -> Text:
        text = Text()
        if self.report and (self.report.skipped or self.report.held):
            text.append("Passed over\n", style="bold red")
            for s in self.report.held + self.report.skipped:
                text.append(printable(f"  {s.file}: {s.reason}") + "\n")
            text.append("\n")
        for note in self.report.notes if self.report else ():
            text.append(printable(note) + "\n")
        text.append("What came in\n", style="bold")
        if not overview.arrivals:
            text.append("  Nothing yet.\n", style="italic")
        for a in overview.arrivals:
            text.append(f"  {a.merged:%a %H:%M} ", style="dim")
            text.append(f"{a.peer or a.site[:8]}: ", style="bold")
            text.append(f"{a.describe()} ({a.changes} changes)\n")
        return text

    @staticmethod
    def _key(conflict: Conflict) -> str:
        return f"{conflict.record_id}:{conflict.field}"

    @on(OptionList.OptionHighlighted, "#conflicts")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        found = [
            c
            for c in (self.overview.conflicts if self.overview else [])
            if self._key(c) == event.option.id
        ]
        self._show_detail(found[0] if found else None)

    def _show_detail(self, conflict: Conflict | None) -> None:
        self.conflict = conflict
        is_text = conflict is not None and conflict.kind == "text"
        self.query_one("#proposal-label").display = is_text
        self.query_one("#proposal", TextArea).display = is_text
        self.query_one("#use-merged").display = is_text
        self.query_one("#restore").display = conflict is not None and not is_text
        self.query_one("#keep-deleted").display = conflict is not None and not is_text
        title = self.query_one("#conflict-title", Static)
        columns = self.query_one("#versions", Horizontal)
        columns.remove_children()
        if conflict is None:
            title.update("Nothing to settle.")
            return
        if is_text:
            self.query_one("#proposal", TextArea).text = conflict.proposal
            title.update(
                f"{conflict.label}: {len(conflict.versions)} versions written at the same "
                "time. Keep one, or edit the merge proposal and keep that."
            )
        elif conflict.deleted is not None:
            d = conflict.deleted
            title.update(
                f"{conflict.label}: deleted by {d.peer or d.site[:8]} on {_when(d.when)}, "
                "then edited. Restore it with the edits, or keep it deleted."
            )
        # Side by side, so that two versions of a note can be read against each other.
        for n, v in enumerate(conflict.versions):
            children: list[Widget] = [
                Static(
                    f"{v.peer or v.site[:8]} · {_when(v.when)}",
                    classes="version-title",
                    markup=False,
                ),
                Static(v.text, classes="version", markup=False),
            ]
            if is_text:
                children.append(Button("Keep this version", classes="keep", name=str(n)))
            columns.mount(VerticalScroll(*children, classes="version-column"))

    # -- resolving -------------------------------------------------------------------------

    @on(Button.Pressed, "#use-merged")
    def _use_merged(self) -> None:
        if self.conflict is not None:
            self.resolve(self.conflict, text=self.query_one("#proposal", TextArea).text)

    @on(Button.Pressed, ".keep")
    def _keep_one(self, event: Button.Pressed) -> None:
        if self.conflict is not None and event.button.name is not None:
            self.resolve(self.conflict, text=self.conflict.versions[int(event.button.name)].text)

    @on(Button.Pressed, "#restore")
    def _restore(self) -> None:
        if self.conflict is not None:
            self.resolve(self.conflict, restore=True)

    @on(Button.Pressed, "#keep-deleted")
    def _keep_deleted(self) -> None:
        if self.conflict is not None:
            self.resolve(self.conflict, restore=False)

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="resolve",
        description="resolve the conflict",
    )
    def resolve(
        self, conflict: Conflict, text: str | None = None, restore: bool | None = None
    ) -> None:
        from onsite.sync import status as sync_status

        sync_status.resolve(self.store, conflict, text=text, restore=restore)
        self.post_message(self.Loaded(sync_status.overview(self.store)))
