"""The final-day feedback as a slide deck (python-pptx, 16:9), in the order teams present it:
title, the approach, key messages, strengths and areas for consideration by line of enquiry,
the recommendations, next steps. Only agreed findings; no speaker notes (notes travel with
the file and could carry evidence); DRAFT on every slide until the lead marks it final.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from onsite.leaders import texts as lead_texts
from onsite.leaders.approach import more_than, weeks_phrase
from onsite.leaders.dates import date_range, kind_label, last_day
from onsite.leaders.report import lead_in, short_place, team_order

if TYPE_CHECKING:
    from onsite.leaders.approach import Figures
    from onsite.leaders.feedback import Feedback

NAVY = RGBColor(0x00, 0x20, 0x5B)
GREY = RGBColor(0x55, 0x55, 0x55)
RED = RGBColor(0xB0, 0x1E, 0x1E)
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
RECOMMENDATIONS_PER_SLIDE = 3


def plain(markdown: str) -> list[str]:
    """Markdown -> paragraphs of plain text: one per list item or paragraph, marks removed."""
    items, current = [], []
    for line in markdown.splitlines():
        stripped = line.strip()
        if re.match(r"^([-*+]|\d+[.)])\s+", stripped):
            if current:
                items.append(" ".join(current))
            current = [re.sub(r"^([-*+]|\d+[.)])\s+", "", stripped)]
        elif not stripped:
            if current:
                items.append(" ".join(current))
            current = []
        else:
            current.append(stripped.lstrip("#").strip())
    if current:
        items.append(" ".join(current))
    return [re.sub(r"(\*\*|__|\*|_)(.+?)\1", r"\2", i) for i in items if i]


def _size(paragraphs: list[str], room: float) -> int:
    """A font size that lets the text fit: fewer points as the words grow."""
    for points in (24, 22, 20, 18, 16, 14, 13, 12, 11):
        per_line = 1650 / points * room
        lines = sum(len(p) // per_line + 1 for p in paragraphs)
        if lines * points * 1.2 + len(paragraphs) * points * 0.6 <= 5.0 * 72:
            return points
    return 10


class Deck:
    def __init__(self, marking: str, footer: str) -> None:
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT
        self.blank = self.prs.slide_layouts[6]
        self.marking, self.footer = marking, footer

    def slide(self, heading: str):
        slide = self.prs.slides.add_slide(self.blank)
        self.text(
            slide,
            [heading],
            MARGIN,
            Inches(0.35),
            WIDTH - 2 * MARGIN,
            Inches(0.9),
            30,
            bold=True,
            colour=NAVY,
        )
        foot = f"{self.footer}" + (f"  \u2022  {self.marking}" if self.marking else "")
        self.text(
            slide,
            [foot],
            MARGIN,
            HEIGHT - Inches(0.55),
            WIDTH - 2 * MARGIN,
            Inches(0.4),
            11,
            colour=RED if self.marking else GREY,
        )
        return slide

    @staticmethod
    def text(
        slide,
        paragraphs: list[str],
        left,
        top,
        width,
        height,
        size: int,
        bold: bool = False,
        colour: RGBColor | None = None,
        bullets: bool = False,
    ):
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        for n, text in enumerate(paragraphs):
            p = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            head, rest = ("", text)
            if bullets and text.startswith("**"):
                head, _, rest = text[2:].partition("**")
            if bullets:
                p.space_after = Pt(size * 0.6)
            for part, strong in ((("\u2022 " if bullets else "") + head, True), (rest, bold)):
                if not part:
                    continue
                run = p.add_run()
                run.text = part
                run.font.size = Pt(size)
                run.font.bold = strong
                if colour is not None:
                    run.font.color.rgb = colour
        return box

    def bullets(self, heading: str, items: list[str]) -> None:
        slide = self.slide(heading)
        self.text(
            slide,
            items,
            MARGIN,
            Inches(1.4),
            WIDTH - 2 * MARGIN,
            Inches(5.3),
            _size(items, 1.0),
            bullets=True,
        )

    def two_columns(self, heading: str, left: tuple[str, list[str]], right: tuple[str, list[str]]):
        if not left[1] or not right[1]:  # one kind only: it takes the whole slide
            title, items = left if left[1] else right
            slide = self.slide(heading)
            self.text(
                slide,
                [title],
                MARGIN,
                Inches(1.3),
                WIDTH - 2 * MARGIN,
                Inches(0.5),
                20,
                bold=True,
                colour=NAVY,
            )
            self.text(
                slide,
                items,
                MARGIN,
                Inches(1.9),
                WIDTH - 2 * MARGIN,
                Inches(4.8),
                min(_size(items, 1.0), 22),
                bullets=True,
            )
            return
        slide = self.slide(heading)
        column = (WIDTH - 2 * MARGIN - Inches(0.4)) / 2
        size = min(_size(left[1], 0.48), _size(right[1], 0.48))
        for n, (title, items) in enumerate((left, right)):
            x = MARGIN + n * (column + Inches(0.4))
            self.text(
                slide, [title], x, Inches(1.3), column, Inches(0.5), 20, bold=True, colour=NAVY
            )
            self.text(
                slide,
                items or ["None agreed on this line of enquiry."],
                x,
                Inches(1.9),
                column,
                Inches(4.8),
                size,
                bullets=bool(items),
            )

    def save(self) -> bytes:
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()


def render(feedback: Feedback, f: Figures, marking: str) -> bytes:
    e = feedback.engagement
    system = e.system or e.name
    dates = date_range(e.start, last_day(e))
    deck = Deck(marking, f"{system}: {kind_label(e)}, {dates}")

    title = deck.prs.slides.add_slide(deck.blank)
    deck.text(title, [system], MARGIN, Inches(2.2), WIDTH - 2 * MARGIN, Inches(1.2), 40, True, NAVY)
    deck.text(
        title,
        [f"{kind_label(e).capitalize()}: final-day feedback", dates],
        MARGIN,
        Inches(3.5),
        WIDTH - 2 * MARGIN,
        Inches(1.2),
        24,
        colour=GREY,
    )
    if marking:
        deck.text(title, [marking], MARGIN, Inches(5.2), Inches(4), Inches(0.6), 24, True, RED)

    team = [f"{p.name}, {p.title}" if p.title else p.name for p in team_order(feedback.peers)]
    approach = deck.slide("Our approach")
    deck.text(
        approach, ["The peer team"], MARGIN, Inches(1.3), Inches(6.4), Inches(0.5), 20, True, NAVY
    )
    deck.text(approach, team, MARGIN, Inches(1.9), Inches(6.4), Inches(4.8), _size(team, 0.5))
    did = [
        "Read a range of documents and data"
        + (", including the position statement" if f.position_statement else ""),
        f"Spoke to {more_than(f.people_met)} people",
        f"Held {more_than(f.sessions_held)} meetings, visits and focus groups",
        f"Spent {more_than(f.peer_hours)} hours, the equivalent of one person spending "
        f"{weeks_phrase(f)} in {short_place(e)}",
        f"{len(feedback.themes)} lines of enquiry agreed with system leaders",
        "Critical friends: improvement-focused, not an inspection",
    ]
    right = Inches(7.2)
    deck.text(
        approach,
        ["What we did"],
        right,
        Inches(1.3),
        WIDTH - right - MARGIN,
        Inches(0.5),
        20,
        True,
        NAVY,
    )
    deck.text(
        approach, did, right, Inches(1.9), WIDTH - right - MARGIN, Inches(4.8), 16, bullets=True
    )

    deck.bullets("Key messages", plain(feedback.text(lead_texts.KEY_MESSAGES)))
    for t in feedback.themes:
        if t.empty:
            deck.bullets(t.theme.name, plain(feedback.text(lead_texts.line_key(t.theme.key))))
            continue
        deck.two_columns(
            t.theme.name,
            ("Strengths", [i.text for i in t.strengths]),
            ("Areas for consideration", [i.text for i in t.areas]),
        )
    recs = []
    for n, r in enumerate(feedback.recommendations, start=1):
        head, rest = lead_in(r.recommendation.text)
        recs.append(f"**{n}. {head}** {rest}" if head else f"**{n}.** {rest}")
    chunks = [
        recs[i : i + RECOMMENDATIONS_PER_SLIDE]
        for i in range(0, len(recs), RECOMMENDATIONS_PER_SLIDE)
    ]
    for n, chunk in enumerate(chunks, start=1):
        suffix = f" ({n} of {len(chunks)})" if len(chunks) > 1 else ""
        deck.bullets(f"Recommendations{suffix}", chunk)
    deck.bullets("Next steps", plain(feedback.text(lead_texts.NEXT_STEPS)))
    return deck.save()
