"""A read-only Markdown preview drawn as one widget.

Textual's `Markdown` mounts a widget for every block (paragraph, bullet, heading, table
cell), and throws them all away and mounts them again on every update: about eighty for
the demo's feedback. Each preview cost a tenth of a second and more of styling and layout.
The previews here are only read, so Rich draws the same Markdown, through markdown-it-py as
the export does, into one widget. Headings are left-aligned, as in the documents leaders
receive (Rich would centre the first level), in the theme's primary colour.
"""

from __future__ import annotations

from typing import ClassVar

from rich.markdown import Heading, Markdown
from textual.widgets import Static


class _Heading(Heading):
    LEVEL_ALIGN: ClassVar = dict.fromkeys(Heading.LEVEL_ALIGN, "left")

    @classmethod
    def create(cls, markdown: _Markdown, token) -> Heading:
        heading = cls(token.tag)
        underline = " underline" if token.tag == "h2" else ""
        heading.style_name = f"bold {markdown.heading_colour}{underline}"
        return heading


class _Markdown(Markdown):
    elements: ClassVar = {**Markdown.elements, "heading_open": _Heading}

    def __init__(self, markdown: str, heading_colour: str) -> None:
        self.heading_colour = heading_colour  # read by _Heading as the text is drawn
        super().__init__(markdown)


class MarkdownView(Static):
    """Shows `source` as Markdown; told the same text again, it does nothing."""

    DEFAULT_CSS = "MarkdownView { height: auto; padding: 1 1 0 1; }"

    def __init__(self, markdown: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = markdown

    def on_mount(self) -> None:
        self._show()

    def update(self, markdown: str = "") -> None:  # type: ignore[override]
        if markdown != self.source:
            self.source = markdown
            if self.is_mounted:  # else on_mount shows it
                self._show()

    def _show(self) -> None:
        super().update(_Markdown(self.source, self.app.current_theme.primary))
