"""Synthetic engagements for benchmarks."""

from __future__ import annotations

import sys
from pathlib import Path

from onsite.cli.common import new_file, scale


def register(commands) -> None:
    synth = commands.add_parser(
        "synth",
        help="write a synthetic engagement for benchmarks",
        description="Write a realistic synthetic engagement. Scale 1 is a heavy week (10 peers, "
        "60 sessions, 600 notes, 400,000 words); scale 10 is ten times that. The same "
        "seed writes the same records.",
    )
    synth.add_argument("file", type=Path, metavar="FILE")
    synth.add_argument(
        "--scale", type=scale, default=1.0, help="size, 1 = a heavy week (default 1)"
    )
    synth.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    synth.set_defaults(func=cmd_synth)


def cmd_synth(args) -> int:
    import time

    from onsite.synth.generate import generate

    file = new_file(args.file)
    started = time.perf_counter()
    shown = [""]

    def progress(stage: str, done: int, total: int) -> None:
        line = f"{stage}: {done:,} of {total:,} records ({done * 100 // total}%)"
        if line != shown[0]:
            print(line, file=sys.stderr, flush=True)
            shown[0] = line

    held = generate(file, scale=args.scale, seed=args.seed, progress=progress)
    words = held.pop("words")
    summary = ", ".join(f"{n:,} {table}" for table, n in held.items())
    print(
        f"Wrote {file} in {time.perf_counter() - started:.1f} s: {summary}; {words:,} words of notes"
    )
    return 0
