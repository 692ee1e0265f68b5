"""The key bar at the foot of every screen: Textual's Footer, made cheaper to build.

Textual's Footer throws away and mounts all its keys again whenever the screen's bindings
may have changed: every focus move, every screen switch. Each new key then had its styles
worked out twice, because its `compact` starts True and is then bound to the footer's False:
about 5 ms a key, so a dozen keys cost 60-80 ms of the keystroke that moved the focus or
opened the screen. This footer
- rebuilds only when the keys it would show differ from those it shows (moving between the
  fields of a form rarely changes them);
- gives each new key the footer's `compact` before it is mounted, so no class changes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    _shown: tuple = ()

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            # (The command palette's key is not bound to the footer's compact: left as it is.)
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

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
