"""The key bar at the foot of every screen: one widget that draws every key as one line.

Textual's Footer is a container with one widget per key, all thrown away and mounted again
whenever the screen's bindings may have changed (every focus move, every screen switch).
Each key is a widget to style, lay out and paint: on our screens the keys were a third of
the widgets mounted, and a third of the time a screen took to open. This bar draws the same
line, in the same colours (the theme's footer variables), from the screen's active bindings:
- each shown key as " key description ", a disabled one dimmed, one key per action;
- the command palette's key at the right, after a thin bar, never covered by the others
  (drawn compact, as Textual draws it);
- only when the keys it would show change is it drawn again;
- a click runs the key's action as if it were pressed (a bell for a disabled one), and the
  key under the mouse is highlighted and shows its tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class Key:
    key: str  # what a click presses
    display: str  # how the key is written (the app's key display: "^s", "f1")
    description: str
    enabled: bool
    tooltip: str


class KeysFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "keys-footer--key",
        "keys-footer--description",
        "keys-footer--hover",
        "keys-footer--bar",
    }
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        .keys-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keys-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keys-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .keys-footer--bar {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[Key, ...] = ()
        self._palette: Key | None = None
        self._spans: list[tuple[int, int, Key]] = []  # where each key was drawn, for the mouse
        self._hover: Key | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen:
            return
        bindings = screen.active_bindings
        keys: list[Key] = []
        actions: set[str] = set()
        for _, binding, enabled, tooltip in bindings.values():
            if binding.show and binding.action not in actions:  # one key per action
                actions.add(binding.action)
                keys.append(self._key(binding, enabled, tooltip))
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE:
            found = bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, _ = found
                palette = self._key(binding, enabled, binding.tooltip or binding.description)
        if (tuple(keys), palette) != (self._keys, self._palette):
            self._keys, self._palette = tuple(keys), palette
            self.refresh()

    def _key(self, binding, enabled: bool, tooltip: str) -> Key:
        display = self.app.get_key_display(binding)
        return Key(binding.key, display, binding.description, enabled, tooltip)

    def _draw(self, key: Key, compact: bool = False) -> Text:
        """As Textual's FooterKey draws itself: the key padded by a space each side, then
        the description and a space; compact (the palette's key), the key bare and a space
        before the description."""
        if key.description:
            display, description = (
                (key.display, f" {key.description}")
                if compact
                else (f" {key.display} ", f"{key.description} ")
            )
            text = Text.assemble(
                (display, self.get_component_rich_style("keys-footer--key")),
                (description, self.get_component_rich_style("keys-footer--description")),
            )
        else:
            text = Text(key.display, self.get_component_rich_style("keys-footer--key"))
        if key is self._hover and key.enabled:
            text.stylize(self.get_component_rich_style("keys-footer--hover"))
        if not key.enabled:
            text.stylize(Style(dim=True))
        return text

    def render(self) -> Text:
        width = self.size.width
        right = Text()
        if self._palette is not None:
            right = Text.assemble(
                ("▏", self.get_component_rich_style("keys-footer--bar")),
                self._draw(self._palette, compact=True),
                " ",
            )
        room = max(0, width - right.cell_len)
        line, spans, x = Text(), [], 0
        for key in self._keys:
            if x >= room:
                break  # the keys beyond the room are not drawn at all
            drawn = self._draw(key)
            spans.append((x, min(room, x + drawn.cell_len), key))
            line.append_text(drawn)
            x += drawn.cell_len
        line.truncate(room)
        line.pad_right(room - line.cell_len)
        if self._palette is not None:
            spans.append((room + 1, room + right.cell_len - 1, self._palette))
        line.append_text(right)
        self._spans = spans
        return line

    def _key_at(self, x: int) -> Key | None:
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event.x)
        if key is not self._hover:
            self._hover = key
            self.tooltip = key.tooltip if key is not None and key.tooltip else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
