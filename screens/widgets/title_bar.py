"""The line at the top of every screen: one widget drawing what Textual's Header draws.

Textual's Header is four widgets (itself, the icon, the title and the clock's space), each
styled, laid out and painted on every screen. This bar draws the same line, in the same
colours, as one: the icon that opens the command palette (highlighted under the mouse, with
its tooltip), and the title (the app's name and the screen's sub-title) centred in the room
the icon and the clock's space leave, cut with an ellipsis when it does not fit.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8  # as Header's icon: a space, the icon, then room to width 8
CLOCK_WIDTH = 10  # as Header's space for a clock, which Onsite does not show


class TitleBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"title-bar--icon-hover"}
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        .title-bar--icon-hover {
            background: $foreground 10%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._over_icon = False

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def render(self) -> Content:
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub_title = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        text = self.app.format_title(title, sub_title)
        room = max(0, self.size.width - ICON_WIDTH - CLOCK_WIDTH)
        text = text.truncate(room, ellipsis=True)
        left = (room - text.cell_length) // 2
        icon = Content(f" {ICON}".ljust(ICON_WIDTH))
        if self._over_icon and self.app.ENABLE_COMMAND_PALETTE:
            icon = icon.stylize(self.get_visual_style("title-bar--icon-hover", partial=True))
        return Content.assemble(
            icon, " " * left, text, " " * (room - left - text.cell_length + CLOCK_WIDTH)
        )

    def on_mouse_move(self, event: events.MouseMove) -> None:
        over = event.x < ICON_WIDTH
        if over != self._over_icon:
            self._over_icon = over
            palette = over and self.app.ENABLE_COMMAND_PALETTE
            self.tooltip = "Open the command palette" if palette else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._over_icon:
            self._over_icon = False
            self.tooltip = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
