"""The briefing pack the challenge manager sends the team before the week: the scope, the
lines of enquiry with their guiding questions, the team with their roles, the timetable and
each peer's own schedule, and the reading list.

It is for the team only: it may name the people the team will meet, so it is marked as
such and never passes through the export for system leaders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from onsite.engagement import kinds, themes
from onsite.engagement.team import LEAD, MANAGER

if TYPE_CHECKING:
    from onsite.store.db import Store

FORMATS = ("md", "html", "docx")
MARK = "For the peer team only: this pack names people the team will meet. Do not forward."


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _day(d) -> str:
    return f"{d:%A} {d.day} {d:%B}"


def _demoted(text: str) -> str:
    """The scope's own headings sit under the pack's "Scope" heading."""
    return "\n".join("##" + line if line.startswith("#") else line for line in text.splitlines())


def markdown(store: Store) -> str:
    e = store.engagement()
    last = e.start + timedelta(days=e.days - 1)
    out = [
        f"# Briefing pack: {e.name}",
        "",
        f"{e.system + ', ' if e.system else ''}{kinds.of(e.kind).name}, on site "
        f"{_day(e.start)} to {_day(last)} {last.year}.",
        "",
        f"*{MARK}*",
        "",
        "## Scope",
        "",
        _demoted(e.scope.strip()) or "The scope is still to be agreed.",
        "",
        "## Lines of enquiry",
        "",
    ]
    lines = store.themes()
    for n, theme in enumerate(lines, start=1):
        out.append(f"{n}. **{theme.name}** (tag #{theme.key})")
        out += [f"    - {q}" for q in themes.questions(theme)]
    if not lines:
        out.append("No lines of enquiry yet.")
    out += [
        "",
        "## The team",
        "",
        "| Initials | Name | On the team | Role | Contact |",
        "|---|---|---|---|---|",
    ]
    order = {LEAD: 0, MANAGER: 2}
    team = sorted(store.peers(), key=lambda p: (order.get(p.role, 1), p.name))
    for p in team:
        role = p.title + (f" ({p.political_group})" if p.political_group else "")
        out.append(
            f"| {p.initials} | {_cell(p.name)} | {p.role} | {_cell(role)} | {_cell(p.email)} |"
        )
    by_id = {p.id: p.initials for p in store.peers(include_retired=True)}
    people: dict[str, list[str]] = {}
    for p in store.participants():
        who = ", ".join(x for x in (p.role, p.organisation) if x)
        who += f" ({p.name})" if p.name else ""
        who += f", {p.headcount} people" if p.headcount > 1 else ""
        people.setdefault(p.session_id, []).append(who)
    sessions = store.sessions()
    out += ["", "## Timetable", ""]
    if not sessions:
        out.append("The timetable is still to come.")
    for day in range(1, e.days + 1):
        todays = [s for s in sessions if s.day == day]
        if not todays:
            continue
        out += [
            f"### Day {day}: {_day(e.start + timedelta(days=day - 1))}",
            "",
            "| Time | Session | Kind | Peers | Where | Meeting | Notes for peers |",
            "|---|---|---|---|---|---|---|",
        ]
        for s in todays:
            title = f"~~{_cell(s.title)}~~ (cancelled)" if s.cancelled else _cell(s.title)
            out.append(
                f"| {s.start}{'-' + s.end if s.end else ''} | {title} | {s.kind} | "
                f"{' '.join(by_id.get(i, '?') for i in s.peer_ids)} | {_cell(s.location)} | "
                f"{_cell('; '.join(people.get(s.id, [])))} | {_cell(s.briefing)} |"
            )
        out.append("")
    out += ["## Each peer's schedule", ""]
    for p in team:
        mine = [s for s in sessions if p.id in s.peer_ids and not s.cancelled]
        out += [f"### {p.name} ({p.initials})", ""]
        if not mine:
            out += ["No sessions yet.", ""]
            continue
        out += [
            f"- Day {s.day} {s.start}{'-' + s.end if s.end else ''}: {_cell(s.title)} "
            f"({s.kind}{', ' + _cell(s.location) if s.location else ''})"
            for s in mine
        ]
        out.append("")
    out += ["## Reading list", ""]
    documents = store.documents()
    out += [
        f"- **{_cell(d.title)}**"
        + (f" ({d.kind})" if d.kind else "")
        + (f", from {_cell(d.source)}" if d.source else "")
        for d in documents
    ]
    if not documents:
        out.append("No documents yet.")
    return "\n".join(out).rstrip() + "\n"


@dataclass(frozen=True)
class Written:
    path: Path
    format: str


def write(store: Store, folder: Path, formats: tuple[str, ...] = FORMATS) -> list[Written]:
    """Write the pack in each format to a folder that exists; each file whole or not at all."""
    from onsite.paths import safe_file_name

    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder")
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"format: {', '.join(unknown)} is not one of {', '.join(FORMATS)}")
    e = store.engagement()
    text = markdown(store)
    title = f"Briefing pack: {e.name}"
    stem = safe_file_name(f"{e.name} briefing pack")
    written = []
    for fmt in formats:
        if fmt == "md":
            data = text.encode("utf-8")
        elif fmt == "html":
            from onsite.leaders.render_html import render

            data = render(text, title, footer=MARK).encode("utf-8")
        else:
            from onsite.leaders.render_docx import render

            data = render(text, title)
        path = folder / f"{stem}.{fmt}"
        temp = path.with_name(path.name + ".tmp")
        temp.write_bytes(data)
        temp.replace(path)
        written.append(Written(path, fmt))
    return written
