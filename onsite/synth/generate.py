"""Synthetic engagements: a realistic week at any scale, for benchmarks and stress tests.

Scale 1 is a heavy week (see DOMAIN.md): 10 peers, 5 days, 60 sessions, 160 participants,
300 documents, 600 notes holding 400,000 words, 3,000 excerpts, 150 findings and 15
recommendations. Scale 10 is ten times each of those, over the same 5 days: a peer challenge
never runs longer, so a bigger engagement means fuller days (120 sessions a day), which is
the harder case for the week screen. Lines of enquiry (8) and daily updates (one a day)
follow the days and the method, not the volume, so they do not scale. Fractional scales
(e.g. 0.02) make tiny engagements for tests.

Everything written is decided by `random.Random` seeded from the seed: the same seed gives
the same records with the same ids (UUIDv7-shaped, drawn from the seeded generator). What
differs between two runs is what the store itself stamps: the hybrid-clock stamps
(created, updated, the change log), the site id, and the engagement record's id, which
Store.create makes.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from onsite.synth.build import Builder
from onsite.synth.prose import World
from onsite.synth.text import THEMES

Progress = Callable[[str, int, int], None]
"""progress(stage, records written so far, records in all)."""


@dataclass(frozen=True)
class Counts:
    peers: int = 10
    days: int = 5
    sessions: int = 60
    participants: int = 160
    documents: int = 300
    notes: int = 600
    words: int = 400_000
    excerpts: int = 3_000
    findings: int = 150
    recommendations: int = 15

    @classmethod
    def at(cls, scale: float) -> Counts:
        """Scale 1 is the heavy week; each count is scaled and rounded (days are not)."""
        if not scale > 0:
            raise ValueError(f"scale: must be more than 0, not {scale}")
        base = cls()
        minimum = {
            "peers": 2,
            "sessions": 1,
            "participants": 1,
            "documents": 1,
            "notes": 2,
            "words": 200,
            "excerpts": 1,
            "findings": 1,
            "recommendations": 1,
        }
        scaled = {
            f.name: max(minimum[f.name], round(getattr(base, f.name) * scale))
            for f in fields(cls)
            if f.name != "days"
        }
        return replace(base, **scaled)

    def planned_records(self) -> int:
        return (
            len(THEMES)
            + self.peers
            + self.sessions
            + self.participants
            + self.documents
            + self.findings
            + self.recommendations
            + self.notes
            + self.excerpts
            + self.days
        )


class Ids:
    """UUIDv7-shaped ids from a seeded generator: deterministic, and sorted by creation."""

    def __init__(self, seed: int, start_ms: int) -> None:
        self.rng = random.Random(f"{seed}:ids")
        self.ms = start_ms

    def __call__(self) -> str:
        self.ms += self.rng.randint(1, 40)
        rand = self.rng.getrandbits(74)
        value = (self.ms & ((1 << 48) - 1)) << 80
        value |= 0x7 << 76 | (rand >> 62) << 64 | 0b10 << 62 | rand & ((1 << 62) - 1)
        return str(uuid.UUID(int=value))


def generate(
    path: Path | str, scale: float = 1, seed: int = 0, progress: Progress | None = None
) -> dict[str, int]:
    """Write a synthetic engagement to a new file at path; returns what it holds.

    A failure part way removes the half-written file.
    """
    from onsite.store.db import Store

    path = Path(path)
    counts = Counts.at(scale)
    rng = random.Random(f"{seed}:engagement")
    start = date(2026, 1, 5) + timedelta(weeks=rng.randint(0, 40))  # a Monday
    # A bigger engagement covers more ground: more places, so the vocabulary grows with the
    # text as real notes' does (roughly with its square root), not a fixed word list.
    world = World(random.Random(f"{seed}:world"), places=min(900, max(20, round(150 * scale**0.5))))
    ids = Ids(seed, _ms(start - timedelta(days=42)))
    store = Store.create(
        path,
        name=f"{world.system} peer challenge (synthetic, scale {scale:g}, seed {seed})",
        start=start,
        days=counts.days,
        system=f"{world.system} health and care system",
        scope="Synthetic engagement for benchmarks: every name, place and word is invented.",
    )
    try:
        builder = Builder(counts, seed, world, ids, start)
        total = counts.planned_records()
        written = 0
        for stage, records in builder.batches():
            store.add_all(records)
            written += len(records)
            if progress:
                progress(stage, min(written, total), total)
        store.set_me(builder.lead.id)
        store.set_meta("synth", json.dumps({"scale": scale, "seed": seed}))
        held = store.counts()
    except BaseException:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    store.close()
    held["words"] = builder.words
    return held


def _ms(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000)
