"""How much evidence stands behind each finding, as daily updates and the feedback need it.

The rule itself is the team's shared triangulation rule (`onsite.findings.triangulation`);
this module only turns the findings board into what drafting and warnings read, so that a
change to the rule reaches them without touching the daily update or feedback code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onsite.store.db import Store


@dataclass
class Support:
    sources: int = 0  # distinct sessions and documents
    organisations: int = 0
    excerpts: int = 0
    evidence: set[str] = field(default_factory=set)  # heard / read / seen
    triangulation: str = "single voice"

    @property
    def single_voice(self) -> bool:
        return self.triangulation == "single voice"

    def describe(self) -> str:
        if not self.excerpts:
            return "no tagged evidence yet"
        s = "s" * (self.sources != 1)
        o = "s" * (self.organisations != 1)
        return f"{self.triangulation}: {self.sources} source{s}, {self.organisations} organisation{o}"


def finding_support(store: Store) -> dict[str, Support]:
    """Finding id -> the evidence behind it, for every live finding."""
    from onsite.findings import board

    return {
        card.finding.id: Support(sources=len(card.sources), organisations=len(card.organisations),
                                 excerpts=card.excerpts, evidence=set(card.evidence),
                                 triangulation=card.triangulation)
        for card in board(store).cards
    }


def support_of(support: dict[str, Support], finding_id: str) -> Support:
    return support.get(finding_id) or Support()
