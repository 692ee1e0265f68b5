"""The feedback screen: a host for five tabs, each pane mounted the first time it is opened."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import TabbedContent, TabPane

from screens.base import OnsiteScreen
from screens.feedback.export import ExportPane
from screens.feedback.previews import FeedbackPane, PreviewPane, ReportPane, WashupPane
from screens.feedback.update import DailyUpdatePane
from screens.widgets.footer import KeysFooter
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from onsite.store.db import Store

PANES: dict[str, tuple[str, Callable[[Store], Widget]]] = {
    "tab-update": ("Daily update", DailyUpdatePane),
    "tab-washup": ("Wash-up", WashupPane),
    "tab-feedback": ("Feedback", FeedbackPane),
    "tab-report": ("Report", ReportPane),
    "tab-export": ("Export", ExportPane),
}


class FeedbackScreen(OnsiteScreen):
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (101, "-wide"),
    ]  # feedback.tcss: FeedbackScreen.-narrow
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="feedback.save", tooltip="Save the daily update now"),
        Binding(
            "f5",
            "refresh_draft",
            "Refresh draft",
            id="feedback.refresh",
            tooltip="Draft again from the findings and show what changed; nothing is overwritten",
        ),
        Binding(
            "f2",
            "report_texts",
            "Report texts",
            id="feedback.report_texts",
            tooltip="The lead peer's texts for system leaders; mark presented or final",
        ),
        Binding("escape", "back", "Back", id="feedback.back"),
        # Keys every terminal delivers, that no text box here takes: the tabs by keyboard.
        Binding(
            "f3",
            "tab(-1)",
            "◂ Tab",
            id="feedback.previous_tab",
            tooltip="The tab to the left (daily update, wash-up, feedback, report, export)",
        ),
        Binding("f4", "tab(1)", "Tab ▸", id="feedback.next_tab", tooltip="The tab to the right"),
    ]

    def __init__(self, store: Store, day: int | None = None) -> None:
        super().__init__()
        self.store = store
        self.day = day or 1  # the day shown; the daily update pane moves it
        self.day_from_today = day is None
        self._in_texts = False  # the lead's texts screen is open over this one

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with TabbedContent(id="tabs", initial="tab-update"):
            for tab_id, (title, Pane) in PANES.items():
                with TabPane(title, id=tab_id):
                    if tab_id == "tab-update":  # the first tab shown; the others wait
                        yield Pane(self.store)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Daily updates and feedback"

    def pane(self, tab_id: str) -> Widget | None:
        """The pane of a tab, if it has been opened."""
        return next(iter(self.query_one(f"#{tab_id}", TabPane).children), None)

    @property
    def update_pane(self) -> DailyUpdatePane | None:
        pane = self.pane("tab-update")
        return pane if isinstance(pane, DailyUpdatePane) else None

    @on(TabbedContent.TabActivated)
    async def _tab(self, event: TabbedContent.TabActivated) -> None:
        tab = event.pane
        pane = self.pane(tab.id or "")
        if pane is None:  # first opened: build it now (it loads itself when mounted)
            _, Pane = PANES[tab.id or ""]
            pane = Pane(self.store)
            await tab.mount(pane)
        elif isinstance(pane, (PreviewPane, FeedbackPane)):
            pane.reload()  # the findings may have changed since it was last shown
        # Focus something in the pane shown: focus left on a widget of the hidden pane would
        # bring that pane back.
        inside = next((w for w in tab.query("*") if w.focusable), None)
        if inside is not None:
            inside.focus()
        if self.update_pane is not None and tab.id != "tab-update":
            self.update_pane.body.request_save()

    def action_save(self) -> None:
        if self.update_pane is not None:
            self.update_pane.action_save()

    def action_refresh_draft(self) -> None:
        if self.update_pane is not None:
            self.update_pane.action_refresh_draft()

    def action_tab(self, step: int) -> None:
        tabs = self.query_one("#tabs", TabbedContent)
        ids = list(PANES)
        tabs.active = ids[(ids.index(tabs.active) + step) % len(ids)]

    def action_report_texts(self) -> None:
        from screens.report_texts import ReportTextsScreen

        self._in_texts = True
        self.app.push_screen(ReportTextsScreen(self.store))  # suspending saves the update

    def on_screen_resume(self) -> None:
        # Back from the lead's texts: they change the feedback, the report and their warnings.
        # (Not after a dialog: its own callback reloads, and a second reload would cancel it.)
        if not self._in_texts:
            return
        self._in_texts = False
        tabs = self.query_one("#tabs", TabbedContent)
        pane = self.pane(tabs.active) if tabs.active else None
        if isinstance(pane, (PreviewPane, FeedbackPane)) and tabs.active != "tab-update":
            pane.reload()

    def on_screen_suspend(self) -> None:
        if self.update_pane is not None:
            self.update_pane.body.request_save()
