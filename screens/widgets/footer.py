"""The key bar at the foot of every screen: Textual's Footer, rebuilt only when what it shows
changes.

Textual's Footer throws away and mounts all its keys again whenever the screen's bindings
may have changed: every focus move, every screen switch. Each key then has its styles worked
out twice (its `compact` starts True and is bound back to False), about 5 ms a key, so a
dozen keys cost 60-80 ms of the keystroke that moved the focus. Moving between the fields of
a form rarely changes the keys on show, so this footer compares what it would show and
rebuilds only when that differs.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    _shown: tuple = ()

    def bindings_changed(self, screen: Screen) -> None:
        bindings = screen.active_bindings
        palette = bindings.get(self.app.COMMAND_PALETTE_BINDING)
        shown = tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip)
            for _, binding, enabled, tooltip in bindings.values()
            if binding.show
        ) + (palette[1:] if palette else ())
        if self._bindings_ready and shown == self._shown:
            return
        if self.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # Footer rebuilds itself now (otherwise the next call does)
        super().bindings_changed(screen)
