"""Markdown to a Word document: a small walker over markdown-it-py tokens into python-docx.

Headings become Word headings (so the navigation pane and a table of contents work),
lists use Word's list styles (numbered lists restart at their own first number), tables
are real tables with a header row that repeats on every page and is shaded so it shows,
emphasis and code are runs. The page is A4 (portrait, or landscape for a wide table) with
the title and the DRAFT or final marking in the header and "Page N of M" in the footer, as
published peer challenge reports are. Nothing is embedded from outside the document.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from onsite.leaders.render_html import parser

_VAL = qn("w:val")

MONOSPACE = "Consolas"
LINK_COLOUR = RGBColor(0x1F, 0x4E, 0x99)
HEADER_FILL = "DCE3EF"  # a pale blue: the header row shows on screen and in print
A4 = (Mm(210), Mm(297))


@dataclass
class _List:
    ordered: bool
    start: int = 1
    num_id: int | None = None  # a fresh Word numbering instance, so numbers restart
    item_open: bool = False  # the next paragraph starts a new item


class _Walker:
    def __init__(self, doc) -> None:
        self.doc = doc
        self.lists: list[_List] = []
        self.quote = 0
        self._styles: dict[str, object] = {}
        self._abstract: dict[str, int] = {}
        self.end = doc.element.body.sectPr  # the body's last element: new ones go before it

    # -- styles and numbering --------------------------------------------------------------

    def style(self, name: str) -> Any:  # a paragraph style; python-docx types it as BaseStyle
        if name not in self._styles:
            self._styles[name] = self.doc.styles[name]
        return self._styles[name]

    def _restart_numbering(self, style_name: str, start: int) -> int:
        numbering = self.doc.part.numbering_part.element
        if style_name not in self._abstract:
            num_id = self.style(style_name).element.pPr.numPr.numId.val
            self._abstract[style_name] = numbering.num_having_numId(num_id).abstractNumId.val
        num = numbering.add_num(self._abstract[style_name])
        override = num.add_lvlOverride(ilvl=0)
        start_el = OxmlElement("w:startOverride")
        start_el.set(qn("w:val"), str(start))
        override.append(start_el)
        return num.numId

    def styled(self, name: str | None):
        """A new paragraph in a named style, built directly: python-docx's add_paragraph
        looks up the style among all styles and searches the body for its end each time,
        which together dominate a long document."""
        element = OxmlElement("w:p")
        self.end.addprevious(element)
        if name is not None:
            # The properties written by hand into the new, empty paragraph: python-docx's
            # `style` setter finds each element's place among every possible sibling,
            # which was half the time of a long document.
            properties = OxmlElement("w:pPr")
            style = OxmlElement("w:pStyle")
            style.set(_VAL, self.style(name).style_id)
            properties.append(style)
            element.append(properties)
        return Paragraph(element, self.doc._body)

    def paragraph(self):
        """A new paragraph styled for where it stands: list item, list continuation, quote."""
        if self.lists:
            current = self.lists[-1]
            depth = min(len(self.lists), 3)
            suffix = "" if depth == 1 else f" {depth}"
            if current.item_open:
                current.item_open = False
                name = ("List Number" if current.ordered else "List Bullet") + suffix
                p = self.styled(name)
                if current.ordered:
                    if current.num_id is None:
                        current.num_id = self._restart_numbering(name, current.start)
                    num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
                    num_pr.get_or_add_ilvl().val = 0
                    num_pr.get_or_add_numId().val = current.num_id
                return p
            return self.styled("List Continue" + suffix)
        return self.styled("Quote" if self.quote else None)

    # -- blocks ----------------------------------------------------------------------------

    def walk(self, tokens) -> None:
        i = 0
        while i < len(tokens):
            t = tokens[i]
            kind = t.type
            if kind == "heading_open":
                level = int(t.tag[1:])
                self.inline(self.styled(f"Heading {level}"), tokens[i + 1].children)
                i += 3
                continue
            if kind == "paragraph_open":
                self.inline(self.paragraph(), tokens[i + 1].children)
                i += 3
                continue
            if kind == "table_open":
                i = self.table(tokens, i)
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                start = int(t.attrGet("start") or 1)
                self.lists.append(_List(ordered=kind == "ordered_list_open", start=start))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.lists[-1].item_open = True
            elif kind == "blockquote_open":
                self.quote += 1
            elif kind == "blockquote_close":
                self.quote -= 1
            elif kind in ("fence", "code_block"):
                self.code(t.content)
            elif kind == "hr":
                self.rule()
            elif kind == "html_block":
                self.paragraph().add_run(t.content.rstrip())
            i += 1

    def code(self, content: str) -> None:
        p = self.paragraph()
        lines = content.rstrip("\n").split("\n")
        for n, line in enumerate(lines):
            run = p.add_run(line)
            run.font.name = MONOSPACE
            run.font.size = Pt(9.5)
            if n < len(lines) - 1:
                run.add_break()

    def rule(self) -> None:
        p = self.styled(None)
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (
            ("w:val", "single"),
            ("w:sz", "6"),
            ("w:space", "1"),
            ("w:color", "999999"),
        ):
            bottom.set(qn(key), value)
        borders.append(bottom)
        p._p.get_or_add_pPr().append(borders)

    def table(self, tokens, i: int) -> int:
        rows: list[tuple[bool, list]] = []
        header = False
        while tokens[i].type != "table_close":
            t = tokens[i]
            if t.type == "thead_open":
                header = True
            elif t.type == "tbody_open":
                header = False
            elif t.type == "tr_open":
                rows.append((header, []))
            elif t.type in ("th_open", "td_open"):
                rows[-1][1].append(tokens[i + 1].children or [])
            i += 1
        columns = max((len(cells) for _, cells in rows), default=0)
        if not rows or not columns:
            return i + 1
        table = self.doc.add_table(rows=len(rows), cols=columns)
        table.style = self.style("Table Grid")
        if columns >= 4:
            # A wide table (the action plan): the first column, the recommendation, gets twice
            # the room of the others, which the system fills in; together they fill the page.
            section = self.doc.sections[-1]
            room = section.page_width - section.left_margin - section.right_margin
            share = room // (columns + 1)
            table.autofit = False
            for n, column in enumerate(table.columns):
                column.width = share * (2 if n == 0 else 1)  # the grid, which LibreOffice reads
                for cell in column.cells:
                    cell.width = share * (2 if n == 0 else 1)
        for (is_header, cells), row in zip(rows, table.rows):
            if is_header:
                tr_pr = row._tr.get_or_add_trPr()
                repeat = OxmlElement("w:tblHeader")
                repeat.set(qn("w:val"), "true")
                tr_pr.append(repeat)
            for children, cell in zip(cells, row.cells):
                self.inline(cell.paragraphs[0], children, bold=is_header)
                if is_header:
                    shade = OxmlElement("w:shd")
                    for key, value in (
                        ("w:val", "clear"),
                        ("w:color", "auto"),
                        ("w:fill", HEADER_FILL),
                    ):
                        shade.set(qn(key), value)
                    cell._tc.get_or_add_tcPr().append(shade)
        self.styled(None)
        return i + 1

    # -- inline ----------------------------------------------------------------------------

    def inline(self, p, children, bold: bool = False) -> None:
        strong = em = strike = link = 0
        for c in children or ():
            kind = c.type
            if kind == "text" or kind == "html_inline":
                self._run(p, c.content, bold or strong > 0, em > 0, strike > 0, link > 0)
            elif kind == "code_inline":
                self._run(p, c.content, bold or strong > 0, em > 0, strike > 0, link > 0, mono=True)
            elif kind == "softbreak":
                self._run(p, " ", False, False, False, False)
            elif kind == "hardbreak":
                p.add_run().add_break()
            elif kind == "strong_open":
                strong += 1
            elif kind == "strong_close":
                strong -= 1
            elif kind == "em_open":
                em += 1
            elif kind == "em_close":
                em -= 1
            elif kind == "s_open":
                strike += 1
            elif kind == "s_close":
                strike -= 1
            elif kind == "link_open":
                link += 1
            elif kind == "link_close":
                link -= 1
            elif kind == "image":
                self._run(p, f"[{c.content or 'image'}]", False, True, False, False)

    @staticmethod
    def _run(p, text: str, bold: bool, italic: bool, strike: bool, link: bool, mono: bool = False):
        """A run built as XML directly (python-docx's Run API is several times slower)."""
        run = OxmlElement("w:r")
        if bold or italic or strike or link or mono:
            props = OxmlElement("w:rPr")
            if mono:
                fonts = OxmlElement("w:rFonts")
                for key in ("w:ascii", "w:hAnsi", "w:cs"):
                    fonts.set(qn(key), MONOSPACE)
                props.append(fonts)
            for on, tag in ((bold, "w:b"), (italic, "w:i"), (strike, "w:strike")):
                if on:
                    props.append(OxmlElement(tag))
            if link:
                colour = OxmlElement("w:color")
                colour.set(qn("w:val"), str(LINK_COLOUR))
                underline = OxmlElement("w:u")
                underline.set(qn("w:val"), "single")
                props.append(colour)
                props.append(underline)
            run.append(props)
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
        p._p.append(run)
        return run


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in as they lay out pages."""
    for kind, text in (
        ("begin", None),
        (None, instruction),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = OxmlElement("w:r")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)
        elif text == instruction:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {instruction} "
            run.append(code)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run.append(t)
        paragraph._p.append(run)


def page_setup(doc, title: str, marking: str, landscape: bool = False) -> None:
    """A4, margins of 2 cm, the title and the marking at the head, page numbers at the foot."""
    section = doc.sections[0]
    width, height = A4
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    head = section.header.paragraphs[0]
    head.text = f"{title}" + (f"   •   {marking}" if marking else "")
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in head.runs:
        run.font.size = Pt(9)
        run.font.bold = bool(marking)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run("Page ")
    _field(foot, "PAGE")
    foot.add_run(" of ")
    _field(foot, "NUMPAGES")


def render(
    markdown: str,
    title: str,
    author: str = "Onsite",
    tokens: list | None = None,
    marking: str = "",
    landscape: bool = False,
    header: str = "",
) -> bytes:
    """A .docx file's bytes for a Markdown text (or its tokens, already parsed by `parser()`).
    marking: "DRAFT" until the report is final; header: the running title (the title if none)."""
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = author
    doc.core_properties.comments = "Exported by Onsite"
    normal: Any = doc.styles["Normal"]  # a paragraph style, which has a font
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    page_setup(doc, header or title, marking, landscape)
    _Walker(doc).walk(tokens if tokens is not None else parser().parse(markdown))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
