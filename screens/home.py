"""The home screen: the engagements on this laptop, newest first, to open or create.

It reads file headers with the standard library only, so it paints before the database
layer is imported.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from onsite.engagement.follow_up import KINDS
from onsite.store.files import by_system, list_engagements
from screens.base import OnsiteScreen
from screens.dialogs import NewEngagement, NewEngagementDialog
from screens.widgets.footer import KeysFooter
from screens.widgets.title_bar import TitleBar

SYSTEM_WIDTH = 22


class HomeScreen(OnsiteScreen):
    BINDINGS = [
        Binding("enter", "open", "Open", id="home.open", tooltip="Open the highlighted engagement"),
        Binding("n", "new", "New", id="home.new", tooltip="Create a new engagement"),
        Binding("d", "demo", "Demo", id="home.demo", tooltip="Open the demo engagement"),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.paths: list[Path] = []
        self.busy = False  # making the demo: a second press waits for the first

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(f"Engagements in {self.folder}", id="where", markup=False)
        yield DataTable(id="engagements", cursor_type="row", zebra_stripes=True)
        yield Static("No engagements yet. Press n to create one, or d for the demo.", id="empty")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Engagements"
        table = self.query_one(DataTable)
        table.add_column("System", width=SYSTEM_WIDTH)
        table.add_columns("Engagement", "First day", "Days", "Last changed", "File")
        self.refresh_list()

    def on_screen_resume(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        from onsite.paths import recent

        infos = by_system(list_engagements(self.folder, recent(self.folder)))
        self.paths = [info.path for info in infos]
        previous = None
        for info in infos:
            # the system once per group, so a progress review sits visibly beside its challenge
            system = "" if info.system == previous else info.system
            previous = info.system
            if info.encrypted:  # nothing inside can be read before the passphrase
                table.add_row(
                    "",
                    info.name,
                    "encrypted",
                    "",
                    f"{info.modified:%d %b %H:%M}",
                    self._where(info.path),
                )
                continue
            shown = info.kind in KINDS and info.kind not in info.name.casefold()
            name = f"{info.name} ({info.kind})" if shown else info.name
            table.add_row(
                Text(system, overflow="ellipsis", no_wrap=True),
                name,
                f"{info.start:%a %d %b %Y}" if info.start else "",
                str(info.days),
                f"{info.modified:%d %b %H:%M}",
                self._where(info.path),
            )
        self.query_one("#empty").display = not infos

    def _where(self, path: Path) -> str:
        """The file's name, or its whole path when it is not in the engagements folder."""
        return path.name if path.parent.resolve() == self.folder.resolve() else str(path)

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if self.paths and table.cursor_row < len(self.paths):
            self.app.open_engagement(self.paths[table.cursor_row])

    def action_new(self) -> None:
        self.app.push_screen(NewEngagementDialog(), self._create)

    def _create(self, answer: NewEngagement | None) -> None:
        if answer is not None:
            self.app.create_engagement(self.folder, answer)

    def action_demo(self) -> None:
        """A second press while the demo is being made does nothing: the first one is
        still at work, and the list shows that it is."""
        if self.busy:
            return
        self.busy = True
        self.query_one(DataTable).loading = True
        self.app.open_demo(self.folder, done=self._done)

    def _done(self) -> None:
        self.busy = False
        self.query_one(DataTable).loading = False
