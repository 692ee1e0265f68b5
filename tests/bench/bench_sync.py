"""Benchmark of team sync (a script, not a test): prints figures.

    uv run python tests/bench/bench_sync.py [SCALE]

12 laptops each send one bundle of 5,000 changes (1,000 notes of about 1 KB: five fields
each) to a laptop that has none of them. Figures: its first merge of the 12 (target under
1.5 s), a re-sync with nothing new (target under 20 ms), a late laptop joining from the
folder, and the bundle size per 1,000 changes. SCALE multiplies the notes per bundle.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from onsite import sync
from onsite.model import Note, Peer, Session
from onsite.store.db import Store

LAPTOPS = 12
NOTES_PER_BUNDLE = 1_000  # x 5 fields = 5,000 changes
WORDS = ("the ICB discharge lounge workforce staff said board strategy we heard pathway "
         "community hospital social care providers deficit winter pressure leadership culture "
         "partnership primary care mental health waiting list prevention inequalities council "
         "relationships trust governance").split()


def _body(rng: random.Random, size: int = 1_000) -> str:
    lines, text = [], ""
    while len(text) < size:
        line = "- " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))) + "\n"
        lines.append(line)
        text += line
    return text


def _team(root: Path, notes: int) -> tuple[Store, Path, list[int]]:
    """The founder's file (none of the notes yet) and a folder holding 12 laptops' bundles."""
    folder = root / "shared"
    folder.mkdir()
    founder = Store.create(root / "founder.onsite", name="Bench week", start=date(2026, 3, 2))
    peer, session = Peer(name="Ann Bee", initials="AB"), Session(day=1, start="09:00", title="ICB")
    founder.add(peer, session)
    sync.sync(founder, folder)
    rng = random.Random(7)
    sizes = []
    for n in range(LAPTOPS):
        laptop, _ = sync.join(folder, root / f"laptop{n}.onsite")
        laptop.add_all(Note(session_id=session.id, author_id=peer.id, body=_body(rng))
                       for _ in range(notes))
        file, _ = sync.write_bundle(laptop, folder, laptop.engagement().id)
        sizes.append((folder / file).stat().st_size)
        laptop.close()
    return founder, folder, sizes


def figures(scale: int = 1) -> list[tuple[str, float, str]]:
    notes = NOTES_PER_BUNDLE * scale
    changes = notes * 5
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        founder, folder, sizes = _team(root, notes)
        started = time.perf_counter()
        first = sync.sync(founder, folder)
        merge_s = time.perf_counter() - started
        assert len(first.merged) == LAPTOPS and first.received == LAPTOPS * changes
        assert len(founder.notes()) == LAPTOPS * notes
        resync = []
        for _ in range(20):
            started = time.perf_counter()
            again = sync.sync(founder, folder)
            resync.append(time.perf_counter() - started)
            assert not again.merged and again.written is None
        founder.close()
        started = time.perf_counter()
        late, _ = sync.join(folder, root / "late.onsite")
        join_s = time.perf_counter() - started
        late.close()
    return [
        (f"first merge of {LAPTOPS} bundles x {changes:,} changes", merge_s, "s"),
        ("re-sync with nothing new (median of 20)", statistics.median(resync) * 1000, "ms"),
        (f"join from the folder ({LAPTOPS * changes:,} changes)", join_s, "s"),
        ("bundle size per 1,000 changes", statistics.mean(sizes) / (changes / 1000) / 1024, "KiB"),
    ]


def main() -> None:
    scale = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    for name, value, unit in figures(scale):
        print(f"{name:<55} {value:>10.3f} {unit}")


if __name__ == "__main__":
    main()
