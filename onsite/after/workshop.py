"""The facilitated integration workshop (usually half a day): system leaders place
themselves, area of integration by area, on ambition, capacity, capability and commitment;
the facilitators capture each rating live with its discussion, the shared analysis, and the
next steps agreed with their owners. The output is a short workshop summary with the
ratings as a picture: a heat map in the terminal, a chart in HTML (inline SVG) and a shaded
table in Word.

The areas of integration are the workshop's lines of enquiry (Theme), so they are named,
renamed and ordered like any others.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onsite.after.output import PICTURE, Output, Picture
from onsite.after.review import live
from onsite.confidential.clearance import Source
from onsite.engagement.follow_up import WORKSHOP
from onsite.leaders.export import OutDocument
from onsite.model import WORKSHOP_DIMENSIONS, FeedbackSection, NextStep, Theme, WorkshopRating
from onsite.store.errors import StoreError

if TYPE_CHECKING:
    from onsite.store.db import Store

SCORES = {1: "not yet", 2: "early days", 3: "developing", 4: "established", 5: "strong"}
COLOURS = {0: "#e0e0e0", 1: "#d73027", 2: "#fc8d59", 3: "#fee08b", 4: "#91cf60", 5: "#1a9850"}
INK = {1: "#ffffff", 5: "#ffffff"}  # white on the two dark colours, black elsewhere
DEFAULT_AREAS = (
    "Hospital discharge and flow",
    "Intermediate care and reablement",
    "Primary and community care",
    "Mental health",
    "Prevention and population health",
    "Social care and the care market",
)
ANALYSIS = "workshop analysis"


class WorkshopError(StoreError):
    """Refused; nothing was changed."""


@dataclass(frozen=True)
class Row:
    area: Theme
    ratings: dict[str, WorkshopRating | None]  # dimension -> rating

    def score(self, dimension: str) -> int:
        r = self.ratings.get(dimension)
        return r.score if r else 0


def create(
    path: Path | str,
    *,
    name: str,
    system: str,
    held: date,
    areas: list[str] | None = None,
    passphrase: str | None = None,
) -> Store:
    from onsite.engagement.themes import add
    from onsite.store.db import Store

    store = Store.create(
        path, name=name, start=held, days=1, system=system, kind=WORKSHOP, passphrase=passphrase
    )
    for area in areas or DEFAULT_AREAS:
        add(store, area)
    return store


def check(store: Store) -> None:
    if store.engagement().kind != WORKSHOP:
        raise WorkshopError(f"{store.path.name}: is a {store.engagement().kind}, not a workshop")


def area(store: Store, text: str) -> Theme:
    """An area of integration by its key, its name, or the start of its name."""
    key = " ".join(text.casefold().split())
    areas = store.themes()
    exact = [t for t in areas if key in (t.key, t.name.casefold(), *t.aliases)]
    found = exact or [t for t in areas if t.name.casefold().startswith(key)]
    if len(found) != 1:
        names = "; ".join(t.name for t in areas)
        what = "matches more than one" if found else "is not"
        raise WorkshopError(f"area {text!r}: {what} an area of this workshop ({names})")
    return found[0]


def dimension(text: str) -> str:
    key = text.strip().casefold()
    found = [d for d in WORKSHOP_DIMENSIONS if d.startswith(key)] if key else []
    if len(found) != 1:
        raise WorkshopError(f"dimension {text!r}: choose {', '.join(WORKSHOP_DIMENSIONS)}")
    return found[0]


def rate(
    store: Store,
    area_text: str,
    dimension_text: str,
    score: int | None = None,
    discussion: str | None = None,
) -> WorkshopRating:
    """Where leaders placed themselves: 1 (not yet) to 5 (strong), and/or the discussion."""
    check(store)
    theme, dim = area(store, area_text), dimension(dimension_text)
    if score is not None and score not in SCORES:
        raise WorkshopError(f"score {score}: give 1 (not yet) to 5 (strong)")
    current = next(
        (r for r in live(store, WorkshopRating) if r.theme_key == theme.key and r.dimension == dim),
        None,
    )
    if discussion is not None:
        discussion = discussion.strip()
    fields: dict[str, Any] = {
        k: v for k, v in (("score", score), ("discussion", discussion)) if v is not None
    }
    if current is None:
        current = WorkshopRating(theme_key=theme.key, dimension=dim, **fields)
        store.add(current)
        return current
    return store.update(current, **fields)


def grid(store: Store) -> list[Row]:
    ratings = {(r.theme_key, r.dimension): r for r in live(store, WorkshopRating)}
    return [
        Row(t, {d: ratings.get((t.key, d)) for d in WORKSHOP_DIMENSIONS}) for t in store.themes()
    ]


def set_analysis(store: Store, text: str) -> None:
    current = store.feedback_sections().get(ANALYSIS)
    if current is None:
        store.add(FeedbackSection(key=ANALYSIS, body=text.strip()))
    else:
        store.update(current, body=text.strip())


def analysis(store: Store) -> str:
    current = store.feedback_sections().get(ANALYSIS)
    return current.body if current else ""


def steps(store: Store) -> list[NextStep]:
    return sorted(live(store, NextStep), key=lambda s: (s.position, s.created))


def add_step(store: Store, text: str, owner: str = "", due: str = "") -> NextStep:
    if not text.strip():
        raise WorkshopError("next step: say what is to be done")
    step = NextStep(
        text=text.strip(), owner=owner.strip(), due=due.strip(), position=len(steps(store))
    )
    store.add(step)
    return step


# -- the summary -------------------------------------------------------------------------------


def _cell(score: int) -> str:
    return f"{score} ({SCORES[score]})" if score else "not rated"


def markdown(store: Store) -> tuple[str, list[Source]]:
    from onsite.after.review_report import date_range

    e = store.engagement()
    rows = grid(store)
    out = [
        f"# {e.system or e.name}: integration workshop summary, {date_range(e.start, e.days)}",
        "",
        "System leaders met for a facilitated integration workshop to assess together where "
        "they are on integration, area by area: their shared **ambition**, the **capacity** "
        "and **capability** to deliver it, and their **commitment** to it. Each rating below "
        "is where leaders placed themselves, from 1 (not yet) to 5 (strong), after "
        "discussion.",
        "",
        "## Where leaders placed themselves",
        "",
        PICTURE,
        "",
        "| Area of integration | " + " | ".join(d.capitalize() for d in WORKSHOP_DIMENSIONS) + " |",
        "|---|" + "---|" * len(WORKSHOP_DIMENSIONS),
    ]
    for row in rows:
        out.append(
            f"| {row.area.name} | "
            + " | ".join(_cell(row.score(d)) for d in WORKSHOP_DIMENSIONS)
            + " |"
        )
    out.append("")
    sources = [Source.of(e, "name", "The workshop's name"), Source.of(e, "system", "The system")]
    sources += [
        Source.of(row.area, "name", f"Area of integration: {row.area.name}") for row in rows
    ]
    discussed = [
        (row, d, r)
        for row in rows
        for d in WORKSHOP_DIMENSIONS
        if (r := row.ratings[d]) is not None and r.discussion
    ]
    if discussed:
        out += ["## The discussion", ""]
        current = None
        for row, d, r in discussed:
            if row.area.key != current:
                out += [f"### {row.area.name}", ""]
                current = row.area.key
            out += [f"**{d.capitalize()}** ({_cell(r.score)}). {r.discussion}", ""]
            sources.append(Source.of(r, "discussion", f"{row.area.name}, {d}: the discussion"))
    out += [
        "## Shared analysis",
        "",
        analysis(store) or "*The shared analysis is still to be written.*",
        "",
    ]
    section = store.feedback_sections().get(ANALYSIS)
    if section is not None:
        sources.append(Source.of(section, "body", "The shared analysis"))
    out += ["## Agreed next steps", ""]
    agreed = steps(store)
    if agreed:
        out += ["| Next step | Owner | By when |", "|---|---|---|"]
        for s in agreed:
            out.append(f"| {s.text} | {s.owner or 'to agree'} | {s.due or 'to agree'} |")
            sources += [
                Source.of(s, "text", f"Next step {s.position + 1}"),
                Source.of(s, "owner", f"Next step {s.position + 1}: owner"),
            ]
    else:
        out.append("No next steps have been agreed yet.")
    return "\n".join(out).rstrip() + "\n", sources


def svg(rows: list[Row]) -> str:
    """The ratings as a heat map: one row per area, one column per dimension."""
    label_w, cell_w, cell_h, top = 260, 110, 34, 30
    width = label_w + cell_w * len(WORKSHOP_DIMENSIONS) + 10
    height = top + cell_h * len(rows) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" font-family="Arial, sans-serif" '
        'font-size="13"><title>Where leaders placed themselves, 1 (not yet) to 5 (strong)'
        "</title>"
    ]
    for j, d in enumerate(WORKSHOP_DIMENSIONS):
        x = label_w + j * cell_w + cell_w / 2
        parts.append(
            f'<text x="{x}" y="{top - 10}" text-anchor="middle" font-weight="bold">'
            f"{d.capitalize()}</text>"
        )
    for i, row in enumerate(rows):
        y = top + i * cell_h
        parts.append(
            f'<text x="{label_w - 8}" y="{y + cell_h / 2 + 5}" text-anchor="end">'
            f"{escape(row.area.name)}</text>"
        )
        for j, d in enumerate(WORKSHOP_DIMENSIONS):
            s = row.score(d)
            x = label_w + j * cell_w
            parts.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" '
                f'height="{cell_h - 2}" fill="{COLOURS[s]}">'
                f"<title>{escape(row.area.name)}, {d}: {_cell(s)}</title></rect>"
            )
            parts.append(
                f'<text x="{x + cell_w / 2}" y="{y + cell_h / 2 + 5}" '
                f'text-anchor="middle" fill="{INK.get(s, "#000000")}">{s or "–"}</text>'
            )
    y = top + cell_h * len(rows) + 22
    for k, (score, word) in enumerate(SCORES.items()):
        x = 60 + k * 120
        parts.append(
            f'<rect x="{x}" y="{y - 11}" width="14" height="14" fill="{COLOURS[score]}"/>'
            f'<text x="{x + 18}" y="{y}">{score} {word}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def docx_picture(rows: list[Row]):
    """A hook that puts the ratings in the Word document as a table with shaded cells, where
    the picture goes (python-docx cannot draw a chart, and a picture would need an image
    library; a shaded table reads as a heat map and stays accessible)."""

    def hook(data: bytes) -> bytes:
        from docx import Document
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import RGBColor

        doc = Document(io.BytesIO(data))
        spot = next((p for p in doc.paragraphs if p.text.strip() == PICTURE), None)
        if spot is None:
            return data
        table = doc.add_table(rows=len(rows) + 1, cols=len(WORKSHOP_DIMENSIONS) + 1)
        table.style = "Table Grid"  # python-docx looks the table style up by name
        for j, heading in enumerate(
            ["Area of integration", *(d.capitalize() for d in WORKSHOP_DIMENSIONS)]
        ):
            table.cell(0, j).paragraphs[0].add_run(heading).bold = True
        for i, row in enumerate(rows, 1):
            table.cell(i, 0).text = row.area.name
            for j, d in enumerate(WORKSHOP_DIMENSIONS, 1):
                s = row.score(d)
                cell = table.cell(i, j)
                run = cell.paragraphs[0].add_run(f"{s} {SCORES[s]}" if s else "not rated")
                if s in INK:
                    run.font.color.rgb = RGBColor.from_string(INK[s].lstrip("#").upper())
                shade = OxmlElement("w:shd")
                shade.set(qn("w:val"), "clear")
                shade.set(qn("w:color"), "auto")
                shade.set(qn("w:fill"), COLOURS[s].lstrip("#").upper())
                cell._tc.get_or_add_tcPr().append(shade)
        spot._p.addprevious(table._tbl)
        # The Markdown's table of the same ratings follows the picture: in Word the shaded
        # table says it all, so the plain one goes.
        after = spot._p.getnext()
        if after is not None and after.tag == qn("w:tbl"):
            after.getparent().remove(after)
        spot._p.getparent().remove(spot._p)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    return hook


def outputs(store: Store) -> list[Output]:
    check(store)
    text, sources = markdown(store)
    rows = grid(store)
    return [
        Output(
            OutDocument("workshop", "workshop summary", text, sources),
            Picture(svg=svg(rows), docx=docx_picture(rows)),
        )
    ]
