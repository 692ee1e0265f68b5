"""How much evidence stands behind each finding, as daily updates and the feedback need it.

The rule is the team's shared triangulation rule (`onsite.findings.triangulation`), applied
to the same inputs as the findings board (sources: sessions and documents; their kinds;
the organisations of the people heard, by `voices`), gathered here with two light queries instead of loading every record:
the export of a large engagement needs it fast. A test checks this agrees with the board.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from onsite.vocab import SessionKind

if TYPE_CHECKING:
    from onsite.store.db import Store


@dataclass
class Support:
    sources: int = 0  # distinct sessions and documents
    organisations: int = 0
    excerpts: int = 0
    evidence: set[str] = field(default_factory=set)  # heard / read / seen
    triangulation: str = "single voice"
    sectors: int = 0  # sectors of the people heard (see onsite.evidence.findings.voices)

    @property
    def single_voice(self) -> bool:
        return self.triangulation == "single voice"

    def describe(self) -> str:
        if not self.excerpts:
            return "no tagged evidence yet"
        s = "s" * (self.sources != 1)
        o = "s" * (self.organisations != 1)
        return (
            f"{self.triangulation}: {self.sources} source{s}, {self.organisations} organisation{o}"
        )


# store -> (the change log's end, its support): the feedback, the wash-up, the report and
# the export each ask for the support of every finding, often in one go; nothing changes it
# without a row in the change log, so it is worked out once per state of the engagement.
_cache: WeakKeyDictionary = WeakKeyDictionary()


def finding_support(store: Store) -> dict[str, Support]:
    """Finding id -> the evidence behind it, for every finding with tagged evidence."""
    from onsite.store.evidence_sql import change_mark

    if not hasattr(store, "engine"):  # a Writer, inside a transaction: nothing to keep
        return _finding_support(store)
    mark = change_mark(store)
    cached = _cache.get(store)
    if cached is None or cached[0] != mark:
        cached = _cache[store] = (mark, _finding_support(store))
    return {fid: replace(s, evidence=set(s.evidence)) for fid, s in cached[1].items()}


def _finding_support(store: Store) -> dict[str, Support]:
    from onsite.evidence.findings import triangulation, voices

    organisations, sectors = store.source_organisations(), store.session_sectors()
    speakers = store.speakers()
    gathered: dict[str, tuple[set, set, set, set, set, list]] = {}
    for row in store.evidence_rows():
        sources, kinds, orgs, secs, evidences, count = gathered.setdefault(
            row.finding_id, (set(), set(), set(), set(), set(), [0])
        )
        source = row.session_id or row.document_id
        if source is None:
            continue
        count[0] += 1
        evidences.add(row.evidence)
        sources.add(source)
        kinds.add((row.session_kind or SessionKind.INTERVIEW) if row.session_id else "document")
        heard_orgs, heard_sectors = voices(
            row.excerpt_id, row.session_id, row.document_id, speakers, organisations, sectors
        )
        orgs |= heard_orgs
        secs |= heard_sectors
    return {
        fid: Support(
            len(sources),
            len(orgs),
            count[0],
            evidences,
            triangulation(sources, kinds, orgs),
            len(secs),
        )
        for fid, (sources, kinds, orgs, secs, evidences, count) in gathered.items()
    }


def support_of(support: dict[str, Support], finding_id: str) -> Support:
    return support.get(finding_id) or Support()
