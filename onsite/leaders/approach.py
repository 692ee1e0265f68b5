"""What the peer team did, in figures, written as LGA peer challenge reports write them.

"The team spoke to more than 150 people ... gathered information and views from more than
30 meetings, visits and focus groups ... collectively spent more than 300 hours to determine
their findings, the equivalent of one person spending more than 8 weeks in the system."

Counting, as the reports mean it:
- people: everyone met in an interview, focus group or site visit that took place; a person
  named in two sessions counts once; a group ("ward sisters and charge nurses") counts its
  headcount;
- meetings: the interviews, focus groups and site visits held;
- hours: each peer's time on site each day, from their first session or team meeting to
  their last; every peer of the team is at team meetings and wash-ups, whoever the timetable
  lists (a day a peer has nothing timetabled counts nothing);
- weeks: those hours over a 37.5-hour working week.
Figures are rounded down to a round number, so "more than" is always true.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onsite.store.db import Store

PEOPLE_SESSIONS = ("interview", "focus group", "site visit")
TEAM_SESSIONS = ("team meeting",)
HOURS_PER_WORKING_WEEK = 37.5
UNTIMED_SESSION_HOURS = 1.0


@dataclass(frozen=True)
class Figures:
    days: int
    peers: int
    sessions_held: int  # interviews, focus groups and site visits not cancelled
    people_met: int
    peer_hours: float
    documents: int
    position_statement: bool  # among the documents read

    @property
    def peer_weeks(self) -> float:
        return self.peer_hours / HOURS_PER_WORKING_WEEK


def session_hours(start: str, end: str) -> float:
    if not end:
        return UNTIMED_SESSION_HOURS
    (h1, m1), (h2, m2) = (map(int, start.split(":")), map(int, end.split(":")))
    return max(0, (h2 * 60 + m2) - (h1 * 60 + m1)) / 60


def _later(start: str, hours: float) -> str:
    h, m = map(int, start.split(":"))
    total = min(h * 60 + m + int(hours * 60), 23 * 60 + 59)
    return f"{total // 60:02d}:{total % 60:02d}"


def figures(store: Store) -> Figures:
    sessions = [s for s in store.sessions() if not s.cancelled]
    held = {s.id for s in sessions if s.kind in PEOPLE_SESSIONS}
    named: set[str] = set()
    groups = 0
    for p in store.participants():
        if p.session_id not in held:
            continue
        name = " ".join(p.name.casefold().split())
        if name:
            named.add(name)
        else:
            groups += max(1, p.headcount)
    peers = [p.id for p in store.peers()]
    team = len(peers)
    spans: dict[tuple[str, int], tuple[str, str]] = {}
    for s in sessions:
        end = s.end or _later(s.start, UNTIMED_SESSION_HOURS)
        for peer in peers if s.kind in TEAM_SESSIONS else s.peer_ids:
            first, last = spans.get((peer, s.day), (s.start, end))
            spans[(peer, s.day)] = (min(first, s.start), max(last, end))
    hours = sum(session_hours(first, last) for first, last in spans.values())
    documents = store.documents()
    position = any("position statement" in d.title.casefold() for d in documents)
    return Figures(
        store.engagement().days,
        team,
        len(held),
        len(named) + groups,
        round(hours, 1),
        len(documents),
        position,
    )


def more_than(n: float) -> str:
    """The largest round number below n, as "more than 150"; small numbers as they are."""
    whole = int(n)
    if whole < 10:
        return f"{whole}" if whole == n else f"more than {whole}"
    step = 5 if whole < 50 else 10 if whole < 1000 else 100
    below = (whole - 1) // step * step if whole == n else whole // step * step
    return f"more than {below:,}"


def weeks_phrase(f: Figures) -> str:
    weeks = f.peer_weeks
    whole = int(weeks)
    if whole < 1:
        return "close to a week"
    return f"more than {whole} weeks" if weeks > whole else f"{whole} weeks"


def process_markdown(f: Figures, place: str) -> list[str]:
    """The process paragraph and bullets of the report's approach section."""
    reading = (
        "a range of documents and data, including the system's position statement"
        if f.position_statement
        else "a range of documents and data"
    )
    count = f" ({more_than(f.documents)} documents)" if f.documents >= 10 else ""
    return [
        f"The peer team prepared by reading {reading}{count}, to understand the system, its "
        "priorities and its performance.",
        "",
        f"The team then spent {f.days} days on site, during which they:",
        "",
        f"- spoke to {more_than(f.people_met)} people, including system leaders, elected "
        "members, staff, partners, the voluntary and community sector and people who use "
        "services;",
        f"- gathered information and views from {more_than(f.sessions_held)} meetings, "
        "visits and focus groups;",
        f"- collectively spent {more_than(f.peer_hours)} hours to determine their findings, "
        f"the equivalent of one person spending {weeks_phrase(f)} in {place}.",
        "",
    ]
