"""Team sync (a benchmark, not a test): 12 laptops' bundles merged into one engagement.

    uv run python tests/bench/bench_sync.py [SCALE]       # or through tests.bench.run

The receiving laptop holds the synthetic engagement at SCALE (1: a heavy week; 10: ten of
them). Twelve other laptops each send one bundle of 5,000 changes: 1,000 new notes of about
1 KB, five fields each, as the store logs them, on the engagement's sessions. Figures: the
first merge of the twelve (target under 1.5 s, whatever the scale: merging must not slow
down as the engagement grows), a re-sync with nothing new (target under 20 ms), writing one
bundle, and the bundle size per 1,000 changes.

The bundles are real bundle files written by onsite.bundles; their rows are made here
rather than by twelve copies of the engagement (ten heavy weeks each, at scale 10).
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as a file: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench import common  # noqa: E402

LAPTOPS = 12
NOTES_PER_BUNDLE = 1_000  # x 5 fields = 5,000 changes
FIRST = "sync: first merge of 12 bundles of 5,000 changes"
RESYNC = "sync: re-sync with nothing new (median of 20)"
WRITE = "sync: write one bundle of 5,000 changes"
SIZE = "sync: bundle size per 1,000 changes"
TARGETS = {FIRST: "< 1.5", RESYNC: "< 20"}
RUNS = 3
WORDS = (
    "the ICB discharge lounge workforce staff said board strategy we heard pathway "
    "community hospital social care providers deficit winter pressure leadership culture "
    "partnership primary care mental health waiting list prevention inequalities council "
    "relationships trust governance"
).split()


def _body(rng: random.Random, size: int = 1_000) -> str:
    text = ""
    while len(text) < size:
        text += "- " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))) + "\n"
    return text


def _rows(
    site: int, notes: int, sessions: list[str], peers: list[str], start_ms: int, rng: random.Random
) -> list[tuple]:
    """One laptop's change rows for `notes` new notes, as Writer.add_all logs them."""
    from onsite.clock import format_stamp, uuid7

    site_id = f"{site + 1:016x}"
    rows = []
    for n in range(notes):
        stamp = format_stamp(start_ms + n, 0, site_id)
        fields = {
            "session_id": rng.choice(sessions),
            "document_id": None,
            "author_id": rng.choice(peers),
            "body": _body(rng),
            "deleted": False,
        }
        record_id = uuid7()
        rows += [
            (stamp, "note", record_id, field, json.dumps(value, ensure_ascii=False), site_id, "")
            for field, value in fields.items()
        ]
    return rows


def figures(scale: float) -> list[tuple[str, float, str]]:
    from onsite.store.db import Store
    from onsite.sync import bundles
    from onsite.sync import exchange as sync

    notes = 20 if common.quick() else NOTES_PER_BUNDLE
    with tempfile.TemporaryDirectory(prefix="onsite-bench-sync-") as tmp:
        folder = Path(tmp) / "shared"
        folder.mkdir()
        store = Store.open(common.copy_of(scale, Path(tmp), name="receiver.onsite"))
        try:
            engagement = store.engagement().id
            # The receiver sent its own week long ago: only the merge is timed below.
            (Path(tmp) / "earlier").mkdir()
            sync.write_bundle(store, Path(tmp) / "earlier", engagement)
            sessions = [s.id for s in store.sessions()] or [None]
            peers = [p.id for p in store.peers()]
            rng = random.Random(7)
            start_ms = store.clock.wall_ms() - 3_600_000
            sizes, writes = [], []
            for site in range(LAPTOPS):
                rows = _rows(site, notes, sessions, peers, start_ms, rng)
                started = time.perf_counter()
                file, _ = bundles.write(
                    folder,
                    engagement=engagement,
                    site=f"{site + 1:016x}",
                    peer="",
                    rows=rows,
                    written=start_ms,
                )
                writes.append(common.elapsed_ms(started))
                sizes.append((folder / file).stat().st_size * 1000 / len(rows) / 1024)
            started = time.perf_counter()
            first = sync.sync(store, folder)
            merge_s = time.perf_counter() - started
            assert len(first.merged) == LAPTOPS and not first.skipped, first.skipped
            again = []
            for _ in range(2 if common.quick() else 20):  # quick: the code runs, no figure
                started = time.perf_counter()
                report = sync.sync(store, folder)
                again.append(common.elapsed_ms(started))
                assert not report.merged and report.written is None
        finally:
            store.close()
    return [
        (FIRST, merge_s, "s"),
        (RESYNC, statistics.median(again), "ms"),
        (WRITE, statistics.median(writes), "ms"),
        (SIZE, statistics.mean(sizes), "KiB"),
    ]


def main() -> None:
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    for name, value, unit in figures(scale):
        print(f"{name:<55} {value:>10.3f} {unit}   target {TARGETS.get(name, '-')}")


if __name__ == "__main__":
    main()
