"""The lead peer's marks: the feedback presented, the report final.

A mark is a Milestone record. Until the report is final every document for system leaders
says DRAFT, and it may be marked final only when the feedback has no blocking warning and
every text is the lead's own words. That check compiles the feedback, which takes its texts
from onsite.leaders.texts: so the marks sit above both (texts and feedback never import this).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from onsite.leaders.feedback import compile_feedback
from onsite.leaders.texts import FINAL, PRESENTED, texts
from onsite.model import MILESTONES, Milestone

if TYPE_CHECKING:
    from onsite.leaders.feedback import Feedback
    from onsite.store.db import Store

__all__ = ["FINAL", "PRESENTED", "final_blockers", "mark", "marked", "marking", "unmark"]


def marked(store: Store, key: str) -> bool:
    return key in store.milestones()


def mark(store: Store, key: str, by: str) -> None:
    """Mark the feedback presented or the report final, as a peer, now."""
    if key not in MILESTONES:
        raise ValueError(f"mark: one of {', '.join(MILESTONES)}")
    if not by:
        raise ValueError("say who marks it: the lead peer")
    if marked(store, key):
        return
    if key == FINAL:
        problems = final_blockers(store, compile_feedback(store))
        if problems:
            raise ValueError("The report cannot be final yet: " + "; ".join(problems))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    store.add(Milestone(key=key, by=by, at=now))


def unmark(store: Store, key: str) -> None:
    milestone = store.milestones().get(key)
    if milestone is not None:
        store.delete(milestone)


def final_blockers(store: Store, feedback: Feedback) -> list[str]:
    """What stands between the report and final: blocking warnings, texts still drafts."""
    out = [str(w) for w in feedback.warnings if w.blocking]
    drafted = [t.label for t in texts(store, feedback) if t.drafted]
    if drafted:
        out.append("still Onsite's draft, not the lead's words: " + ", ".join(drafted))
    return out


def marking(store: Store) -> str:
    """The line every document for system leaders carries until the report is final."""
    return "" if marked(store, FINAL) else "DRAFT"
