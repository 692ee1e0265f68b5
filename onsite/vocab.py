"""The peer challenge's vocabulary as types (see DOMAIN.md).

StrEnums: each member is the very text stored in the engagement file and shown to people
("lead peer", "area for consideration"), so a member compares equal to that text and files
written before these types existed read the same. Light: no imports beyond the standard
library, so screens and the command line can use it without the database layer.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A member of the peer team."""

    LEAD_PEER = "lead peer"
    PEER = "peer"
    CHALLENGE_MANAGER = "challenge manager"


class Polarity(StrEnum):
    """What a finding or a piece of evidence says about the system."""

    STRENGTH = "strength"
    AREA = "area for consideration"
    NEUTRAL = "neutral"


class FindingStatus(StrEnum):
    EMERGING = "emerging"
    TESTED = "tested"
    AGREED = "agreed"
    DROPPED = "dropped"


class SessionKind(StrEnum):
    INTERVIEW = "interview"
    FOCUS_GROUP = "focus group"
    SITE_VISIT = "site visit"
    DOCUMENT_REVIEW = "document review"
    TEAM_MEETING = "team meeting"


class UpdateStatus(StrEnum):
    """A daily update: a draft the team edits, or delivered to system leaders (then frozen)."""

    DRAFT = "draft"
    DELIVERED = "delivered"


class EvidenceKind(StrEnum):
    """How the team came by a piece of evidence."""

    HEARD = "heard"
    READ = "read"
    SEEN = "seen"
