"""Markdown to one self-contained, printable HTML page (markdown-it-py, inline CSS).

Raw HTML in the Markdown is shown as text, not passed through, so a page can never pull in
a script, a stylesheet or an image from elsewhere: it opens the same offline, on a shared
drive, or attached to an email.
"""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt

CSS = """
:root { color-scheme: light; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.45;
       color: #1b1b1b; max-width: 46em; margin: 2em auto; padding: 0 1.5em; }
h1 { font-size: 1.9em; color: #00205b; border-bottom: 3px solid #00205b; padding-bottom: .2em; }
h2 { font-size: 1.45em; color: #00205b; margin-top: 1.6em; }
h3 { font-size: 1.2em; color: #00205b; }
h4 { font-size: 1.05em; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border: 1px solid #8a8a8a; padding: .35em .5em; text-align: left; vertical-align: top; }
th { background: #e8ecf3; }
blockquote { border-left: 4px solid #c3cad8; margin-left: 0; padding-left: 1em; color: #444; }
code, pre { font-family: Consolas, "Courier New", monospace; font-size: .95em; }
pre { background: #f4f4f4; padding: .6em; white-space: pre-wrap; }
footer { margin-top: 3em; font-size: .85em; color: #555; border-top: 1px solid #ccc; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  h1, h2, h3 { page-break-after: avoid; }
  table, li { page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(
        ["table", "strikethrough"]
    )


def render(markdown: str, title: str, footer: str = "", tokens: list | None = None) -> str:
    """The page; tokens: the Markdown already parsed by `parser()` (to parse once for all formats)."""
    md = parser()
    body = md.renderer.render(tokens, md.options, {}) if tokens is not None else md.render(markdown)
    foot = f"<footer>{escape(footer)}</footer>\n" if footer else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n{foot}</body>\n</html>\n"
    )
