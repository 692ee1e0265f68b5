"""The on-site dates and the deadlines that run from the last day: shared by the feedback
and the report, so neither imports the other.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onsite.model import Engagement
    from onsite.store.db import Store

REPORT_MONTHS, ACTION_PLAN_MONTHS, PROGRESS_REVIEW_MONTHS = 3, 5, 10


def last_day(engagement: Engagement) -> date:
    return engagement.start + timedelta(days=engagement.days - 1)


def add_months(d: date, months: int) -> date:
    """The same day so many months on, or that month's last day (31 Jan + 1 = 28/29 Feb)."""
    month = d.month - 1 + months
    year, month = d.year + month // 12, month % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Deadlines:
    last_day: date
    report: date
    action_plan: date
    progress_review: date


def deadlines(store: Store) -> Deadlines:
    end = last_day(store.engagement())
    return Deadlines(
        end,
        working_day(add_months(end, REPORT_MONTHS)),
        working_day(add_months(end, ACTION_PLAN_MONTHS)),
        working_day(add_months(end, PROGRESS_REVIEW_MONTHS)),
    )


def kind_label(engagement: Engagement) -> str:
    """ "health and care system" -> "health and care system peer challenge"."""
    kind = " ".join((engagement.kind or "health and care system").split())
    return kind if kind.casefold().endswith("peer challenge") else f"{kind} peer challenge"


def is_corporate(engagement: Engagement) -> bool:
    """Only the corporate peer challenge has mandated publication and review deadlines."""
    return "corporate" in (engagement.kind or "").casefold()


def working_day(d: date) -> date:
    """A deadline that falls at a weekend moves back to the Friday before: never a Saturday."""
    return d - timedelta(days=max(0, d.weekday() - 4))


def date_range(start: date, end: date) -> str:
    """The on-site dates as published reports write them: "2\u20136 March 2026"."""
    if start == end:
        return f"{end.day} {end:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B}\u2013{end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y}\u2013{end.day} {end:%B %Y}"
