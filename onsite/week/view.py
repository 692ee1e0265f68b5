"""The week at a glance: days, their sessions, who has written notes: plain objects for the UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onsite.model import Engagement, Peer, Session, Theme
    from onsite.store.db import Store


@dataclass(frozen=True)
class SessionLine:
    session: Session
    peers: str  # initials of the peers timetabled
    authors: str  # initials of the peers who have written notes

    @property
    def state(self) -> str:
        if self.session.cancelled:
            return "cancelled"
        return f"notes: {self.authors}" if self.authors else "no notes yet"


@dataclass(frozen=True)
class DayPlan:
    day: int
    date: date
    sessions: list[SessionLine]

    @property
    def label(self) -> str:
        return f"Day {self.day} · {self.date:%a} {self.date.day} {self.date:%b}"


@dataclass(frozen=True)
class Coverage:
    """Where evidence is thin: lines of enquiry with few tagged excerpts, sectors barely heard."""

    by_theme: dict[str, int]  # theme name -> excerpts
    by_sector: dict[str, int]  # sector -> sessions with notes

    THIN = 2

    def gaps(self) -> str:
        if not self.by_theme:
            return "no lines of enquiry yet, so nothing to measure evidence against; add them"
        themes = [name for name, n in self.by_theme.items() if n < self.THIN]
        sectors = [name for name, n in self.by_sector.items() if n < self.THIN]
        parts = []
        if themes:
            parts.append(
                f"{len(themes)} of {len(self.by_theme)} lines of enquiry have little "
                f"tagged evidence ({_short(themes)})"
            )
        if sectors:
            parts.append(f"few notes from {_short(sectors)}")
        return "; ".join(parts) or "every line of enquiry and sector has some evidence"


def _short(names: list[str], most: int = 4) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


@dataclass(frozen=True)
class Week:
    engagement: Engagement
    themes: list[Theme]
    peers: list[Peer]
    days: list[DayPlan]
    coverage: Coverage | None  # None: not read (start-up reads it after the first paint)
    me: str | None = None  # the peer using this laptop (their sessions are marked)

    def today(self, today: date | None = None) -> int:
        """The day to show first: today's if on site, else day 1."""
        today = today or date.today()
        for plan in self.days:
            if plan.date == today:
                return plan.day
        return 1


def load_week(store: Store, coverage: bool = True) -> Week:
    """`coverage`: also count the evidence by line of enquiry and sector (two queries over
    every excerpt and participant: tens of milliseconds at scale 10, so the start-up's light
    read leaves them to the store's read just after the first paint)."""
    engagement = store.engagement()
    peers = store.peers()
    initials = {p.id: p.initials for p in peers}
    authors = store.note_authors()
    by_day: dict[int, list[SessionLine]] = {d: [] for d in range(1, engagement.days + 1)}
    for session in store.sessions():
        line = SessionLine(
            session=session,
            peers=" ".join(initials.get(i, "?") for i in session.peer_ids),
            authors=" ".join(sorted(initials.get(a, "?") for a in authors.get(session.id, ()))),
        )
        by_day.setdefault(session.day, []).append(line)
    days = [
        DayPlan(d, engagement.start + timedelta(days=d - 1), lines)
        for d, lines in sorted(by_day.items())
    ]
    themes = store.themes()
    counted = None
    if coverage:
        evidence = store.evidence_by_theme()
        counted = Coverage(
            {t.name: evidence.get(t.key, 0) for t in themes},
            dict(sorted(store.sectors_heard().items())),
        )
    return Week(engagement, themes, peers, days, counted, store.me())
