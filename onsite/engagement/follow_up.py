"""The kinds of engagement after and beside the peer challenge (onsite.after serves them),
and what each may not do: a mentoring engagement never syncs and is never exported.

Here, not in onsite.after, because sync and export ask it, and onsite.after imports export:
kept in the engagement's set-up, it makes no circle. Imports nothing.
"""

from __future__ import annotations

PROGRESS_REVIEW = "progress review"
WORKSHOP = "workshop"
SERIES = "series"
MENTORING = "mentoring"
KINDS = (PROGRESS_REVIEW, WORKSHOP, SERIES, MENTORING)
# An engagement a progress review can follow: a peer challenge of any kind, not these.
NOT_REVIEWABLE = KINDS

PRIVATE_SYNC = (
    "mentoring notes are private to the mentor: a mentoring engagement never "
    "syncs, so nothing of it goes to a shared folder"
)
PRIVATE_EXPORT = (
    "mentoring notes are private to the mentor: a mentoring engagement is never "
    "exported; `onsite mentoring copy` makes the mentor's own encrypted copy"
)


def is_private(kind: str) -> bool:
    return kind == MENTORING
