"""The progress review: about ten months after a peer challenge, some of the team return for
a day or two, take each recommendation and the system's action plan with its RAG ratings,
hear what has changed, and write a short report recommendation by recommendation.

A review is an engagement of its own (its own file, timetable, notes, tagging and sync),
made from the original: it carries the recommendations, the returning peers and a link to
the original (an Origin record), and none of the raw notes, findings or participants. Its
lines of enquiry are the recommendations, so evidence is tagged #r1, #r2...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from onsite.engagement.follow_up import NOT_REVIEWABLE, PROGRESS_REVIEW
from onsite.model import RAG_RATINGS, Origin, Peer, Progress, Recommendation, Theme
from onsite.store.errors import StoreError

if TYPE_CHECKING:
    from onsite.store.db import Store

THEME_NAME_WORDS = 8


class ReviewError(StoreError):
    """The review cannot be made or changed as asked; nothing was changed."""


@dataclass(frozen=True)
class Item:
    """One recommendation as the review stands: the original text and its progress."""

    recommendation: Recommendation
    progress: Progress

    @property
    def label(self) -> str:
        return f"R{self.recommendation.number}"


def theme_name(number: int, text: str) -> str:
    """A line of enquiry's name for a recommendation: "R3: Commission an independently..."."""
    first = re.split(r"(?<=[.:;])\s", " ".join(text.replace("*", "").split()), maxsplit=1)[0]
    words = first.rstrip(".:;").split()
    short = " ".join(words[:THEME_NAME_WORDS]) + ("…" if len(words) > THEME_NAME_WORDS else "")
    return f"R{number}: {short}"


def choose_team(original: Store, initials: list[str] | None) -> list[Peer]:
    """The peers who return: those named (initials or full names), or the whole team."""
    from onsite.engagement.team import find_peer

    peers = original.peers()
    if not initials:
        return peers
    chosen, unknown = [], []
    for who in initials:
        try:
            peer = find_peer(original, who)
        except ValueError:
            unknown.append(who)
            continue
        if peer not in chosen:
            chosen.append(peer)
    if unknown:
        team = ", ".join(f"{p.initials} ({p.name})" for p in peers)
        raise ReviewError(
            f"team: {', '.join(unknown)} not in the original team; choose from {team}"
        )
    return chosen


def create(
    original: Store,
    path: Path | str,
    *,
    start: date,
    days: int = 2,
    team: list[str] | None = None,
    passphrase: str | None = None,
    name: str | None = None,
) -> Store:
    """A new progress review engagement at path, following the engagement in `original`."""
    from onsite.leaders.daily import long_date
    from onsite.leaders.dates import last_day
    from onsite.store.db import Store

    e = original.engagement()
    if e.kind in NOT_REVIEWABLE:
        raise ReviewError(
            f"{original.path.name}: is a {e.kind}, not a peer challenge; a progress "
            "review follows a peer challenge"
        )
    if start <= last_day(e):
        raise ReviewError(
            f"--start: {start.isoformat()} is not after the peer challenge "
            f"(which ended on {last_day(e).isoformat()})"
        )
    recommendations = original.recommendations()
    if not recommendations:
        raise ReviewError(f"{original.path.name}: has no recommendations to review")
    peers = choose_team(original, team)
    scope = (
        f"A progress review of the {e.kind} peer challenge held from {long_date(e.start)} "
        f"to {long_date(last_day(e))}: for each of its {len(recommendations)} "
        "recommendations, the progress made, the system's action plan and its own RAG "
        "rating, and the peer team's view."
    )
    review = Store.create(
        path,
        name=name or f"{e.name}: progress review",
        start=start,
        days=days,
        system=e.system,
        kind=PROGRESS_REVIEW,
        scope=scope,
        passphrase=passphrase,
    )
    try:
        records: list = [
            Origin(original_id=e.id, name=e.name, kind=e.kind, start=e.start, days=e.days)
        ]
        records += [
            Peer(name=p.name, initials=p.initials, role=p.role, title=p.title) for p in peers
        ]
        for i, r in enumerate(recommendations):
            copy = Recommendation(number=r.number, text=r.text)
            records += [
                copy,
                Theme(
                    key=f"r{r.number}",
                    name=theme_name(r.number, r.text),
                    aliases=[f"rec{r.number}"],
                    description=r.text,
                    position=i,
                ),
                Progress(recommendation_id=copy.id, number=r.number),
            ]
        review.add_all(records)
    except BaseException:
        review.close()
        for leftover in (Path(path), Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    return review


def origin(store: Store) -> Origin | None:
    found = live(store, Origin)
    return found[0] if found else None


def live(store: Store, model) -> list:
    """Every record of a kind that is not deleted, oldest first."""
    return [r for r in store.every(model) if not r.deleted]


def items(store: Store) -> list[Item]:
    """Every recommendation of the review with its progress, in number order."""
    progress = {p.recommendation_id: p for p in live(store, Progress)}
    out = []
    for r in store.recommendations():
        p = progress.get(r.id)
        if p is None:  # a recommendation added in the review itself
            p = Progress(recommendation_id=r.id, number=r.number)
            store.add(p)
        out.append(Item(r, p))
    return out


def item(store: Store, number: int | str) -> Item:
    wanted = parse_number(number)
    for it in items(store):
        if it.recommendation.number == wanted:
            return it
    raise ReviewError(f"R{wanted}: no such recommendation in this progress review")


def parse_number(text: int | str) -> int:
    if isinstance(text, int):
        return text
    m = re.fullmatch(r"\s*R?(\d+)\s*", str(text), re.IGNORECASE)
    if not m:
        raise ReviewError(f"{text!r}: not a recommendation number (R1, R2... or 1, 2...)")
    return int(m.group(1))


def parse_rag(text: str, where: str = "RAG rating") -> str:
    """'Amber', 'a', 'complete' -> 'amber', 'blue'...; '' stays ''; ReviewError otherwise."""
    t = " ".join(str(text or "").casefold().split())
    if not t:
        return ""
    aliases = {r[0]: r for r in RAG_RATINGS} | {
        "complete": "blue",
        "completed": "blue",
        "done": "blue",
    }
    value = t if t in RAG_RATINGS else aliases.get(t)
    if value is None:
        raise ReviewError(
            f"{where}: {text!r} is not a RAG rating (red, amber, green, or blue for complete)"
        )
    return value


def record(
    store: Store,
    number: int | str,
    *,
    rag: str | None = None,
    changed: str | None = None,
    evidence: str | None = None,
) -> Progress:
    """The team's view of one recommendation: its own RAG rating, what has changed, evidence."""
    it = item(store, number)
    fields = {}
    if rag is not None:
        fields["team_rag"] = parse_rag(rag, f"{it.label}: RAG rating")
    if changed is not None:
        fields["changed"] = changed.strip()
    if evidence is not None:
        fields["evidence"] = evidence.strip()
    return store.update(it.progress, **fields) if fields else it.progress


SECTIONS = {"introduction": "review introduction", "next steps": "review next steps"}


def section_key(name: str) -> str:
    key = " ".join(name.casefold().replace("-", " ").replace("_", " ").split())
    if key not in SECTIONS:
        raise ReviewError(f"{name!r}: the lead writes the introduction or the next steps")
    return SECTIONS[key]


def write_section(store: Store, name: str, text: str) -> None:
    """The lead's introduction or next steps for the progress review report."""
    from onsite.model import FeedbackSection

    key = section_key(name)
    current = store.feedback_sections().get(key)
    if current is None:
        store.add(FeedbackSection(key=key, body=text.strip()))
    else:
        store.update(current, body=text.strip())


def section(store: Store, name: str) -> str:
    current = store.feedback_sections().get(section_key(name))
    return current.body if current else ""
