"""Textual's Markdown, told the same text again, does nothing.

Textual's Markdown throws away and mounts again a widget for every block (paragraph,
bullet, heading, table cell) on every update, even with the text it already shows. The
feedback screen's panes are told their text again whenever they reload (a tab chosen
again, a dialog closed): a quarter of their updates in the tests changed nothing, and each
rebuilt about eighty widgets.
"""

from __future__ import annotations

from textual.await_complete import AwaitComplete
from textual.widgets import Markdown


class MarkdownView(Markdown):
    _shown: str | None = None

    def update(self, markdown: str) -> AwaitComplete:
        if markdown == self._shown:
            return AwaitComplete()  # already shown (or being put up)
        self._shown = markdown
        return super().update(markdown)
