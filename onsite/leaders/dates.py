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
    return Deadlines(end, add_months(end, REPORT_MONTHS), add_months(end, ACTION_PLAN_MONTHS),
                     add_months(end, PROGRESS_REVIEW_MONTHS))
