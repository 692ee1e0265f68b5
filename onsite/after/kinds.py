"""The kinds of engagement beside the peer challenge, and what each may not do.

Imported by onsite.sync and onsite.leaders.export, so it imports nothing of theirs.
"""

from __future__ import annotations

PROGRESS_REVIEW = "progress review"
WORKSHOP = "workshop"
SERIES = "series"
MENTORING = "mentoring"
KINDS = (PROGRESS_REVIEW, WORKSHOP, SERIES, MENTORING)
# An engagement a progress review can follow: a peer challenge of any kind, not these.
NOT_REVIEWABLE = KINDS

PRIVATE_SYNC = ("mentoring notes are private to the mentor: a mentoring engagement never "
                "syncs, so nothing of it goes to a shared folder")
PRIVATE_EXPORT = ("mentoring notes are private to the mentor: a mentoring engagement is never "
                  "exported; `onsite mentoring copy` makes the mentor's own encrypted copy")


def is_private(kind: str) -> bool:
    return kind == MENTORING
