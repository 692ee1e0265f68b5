"""Run every benchmark at scales 1 and 10 and print one table.

    uv run python -m tests.bench.run                 # scales 1 and 10, 5 runs each
    uv run python -m tests.bench.run --quick         # one run at a tiny scale (the test suite)
    uv run python -m tests.bench.run --scales 1 --runs 3 --only startup
    uv run python tests/bench/run.py --markdown      # the table as Markdown, for docs

Each figure is the median of its runs: 5 by default, fewer for a module that asks for
fewer (RUNS) or whose next run would not fit in its time budget at that scale (--budget,
60 s), so that the whole run stays within minutes however slow one benchmark is.
Columns: the figure at each scale, its target, the ratio to the figure it is compared
with (where one is named), whether the target is met, and its growth from the first
scale to the last (the data grows by the same factor as the scale; cost should grow no
faster).
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import re
import sqlite3
import statistics
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

if not __package__:  # run as a file: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench import common  # noqa: E402

HERE = Path(__file__).resolve().parent
QUICK_SCALE = 0.05


@dataclass
class Figure:
    name: str
    unit: str
    runs: dict[float, list[float]] = field(default_factory=dict)
    target: str = ""
    compare: str = ""

    def value(self, scale: float) -> float | None:
        values = self.runs.get(scale)
        return statistics.median(values) if values else None


def discover(only: list[str]) -> list:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if only:
        names = [n for n in names if any(o in n for o in only)]
    return [importlib.import_module(f"tests.bench.{name}") for name in names]


def parse_scales(values: list[str]) -> list[float]:
    scales = []
    for value in values:
        for part in value.split(","):
            if part.strip():
                scale = float(part)
                if scale <= 0:
                    raise argparse.ArgumentTypeError(f"scale {part}: must be more than 0")
                scales.append(scale)
    return scales


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    from importlib.metadata import version

    lines = [
        f"machine: {cpu}; {usable} cores usable of {os.cpu_count()}; "
        f"{platform.system()} {platform.release()}",
        f"python {platform.python_version()}, textual {version('textual')}, "
        f"sqlalchemy {version('sqlalchemy')}, sqlite {sqlite3.sqlite_version}",
    ]
    if hasattr(os, "getloadavg"):
        lines.append("load average at start: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return lines


def prepare(scale: float, seed: int) -> str:
    """Make sure the engagement exists; describe it."""
    started = time.perf_counter()
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 2 or done == total:
            print(f"  generating scale {scale:g}: {stage} {done * 100 // total}%", file=sys.stderr)
            last[0] = time.perf_counter()

    path = common.engagement(scale, seed, progress)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        notes, words = conn.execute(
            "SELECT count(*), coalesce(sum(length(body)), 0) FROM note"
        ).fetchone()
        records = sum(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in (
                "session",
                "participant",
                "document",
                "note",
                "excerpt",
                "finding",
                "recommendation",
                "peer",
                "theme",
                "dailyupdate",
            )
        )
    finally:
        conn.close()
    took = time.perf_counter() - started
    return (
        f"scale {scale:g}: {records:,} records, {notes:,} notes ({words / 1e6:.1f} M characters), "
        f"file {path.stat().st_size / 1e6:.0f} MB ({took:.1f} s to get ready)"
    )


def run(
    modules: list,
    scales: list[float],
    runs: int,
    budget: float = float("inf"),
    done: dict[str, int] | None = None,
) -> tuple[dict[str, Figure], list[str]]:
    """Call each module's figures() up to `runs` times per scale; after the first run, only
    start another at a scale if, taking as long as the last, it would end within `budget`
    seconds there. `done` collects how many runs each module had (fewest over its scales)."""
    figures: dict[str, Figure] = {}
    failures = []
    for module in modules:
        name = module.__name__.rsplit(".", 1)[-1]
        n = max(1, min(runs, getattr(module, "RUNS", runs)))
        spent = dict.fromkeys(scales, 0.0)
        last = dict.fromkeys(scales, 0.0)
        count = dict.fromkeys(scales, 0)
        broken: set[float] = set()
        # Runs alternate between the scales, so that a burst of load from elsewhere on the
        # machine falls on both scales' medians rather than skewing one of them.
        for i in range(n):
            for scale in scales:
                if scale in broken or (i > 0 and spent[scale] + last[scale] > budget):
                    continue
                started = time.perf_counter()
                try:
                    found = module.figures(scale)
                except Exception:
                    broken.add(scale)
                    failures.append(f"{name} at scale {scale:g}")
                    print(f"{name} at scale {scale:g} failed:", file=sys.stderr)
                    traceback.print_exc()
                    continue
                last[scale] = time.perf_counter() - started
                spent[scale] += last[scale]
                count[scale] += 1
                for fig_name, value, unit in found:
                    fig = figures.setdefault(fig_name, Figure(fig_name, unit))
                    fig.runs.setdefault(scale, []).append(float(value))
        for scale in scales:
            if scale not in broken:
                print(
                    f"  {name} at scale {scale:g}: {count[scale]} run(s) in {spent[scale]:.1f} s",
                    file=sys.stderr,
                )
        if done is not None:
            done[name] = min(count.values(), default=0)
        for fig_name, target in getattr(module, "TARGETS", {}).items():
            if fig_name in figures:
                figures[fig_name].target = target
        for fig_name, other in getattr(module, "COMPARE", {}).items():
            if fig_name in figures:
                figures[fig_name].compare = other
    return figures, failures


_TARGET = re.compile(r"^(ratio\s+)?(<=|<|>=|>)\s*([\d.]+)")


def judge(fig: Figure, figures: dict[str, Figure], scales: list[float]) -> str:
    match = _TARGET.match(fig.target.strip())
    if not match:
        return ""
    on_ratio, op, limit = bool(match.group(1)), match.group(2), float(match.group(3))
    missed = []
    for scale in scales:
        value = ratio(fig, figures, scale) if on_ratio else fig.value(scale)
        if value is None:
            continue
        ok = {"<": value < limit, "<=": value <= limit, ">": value > limit, ">=": value >= limit}[
            op
        ]
        if not ok:
            missed.append(f"{scale:g}")
    return f"missed at {', '.join(missed)}" if missed else "met"


def ratio(fig: Figure, figures: dict[str, Figure], scale: float) -> float | None:
    other = figures.get(fig.compare)
    if not fig.compare or other is None:
        return None
    a, b = fig.value(scale), other.value(scale)
    return a / b if a is not None and b else None


def number(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(figures: dict[str, Figure], scales: list[float], markdown: bool) -> str:
    head = ["figure", *(f"scale {s:g}" for s in scales), "unit", "target", "ratio", "met"]
    if len(scales) > 1:
        head.append(f"growth {scales[0]:g}->{scales[-1]:g}")
    rows = []
    for fig in figures.values():
        row = [fig.name, *(number(fig.value(s)) for s in scales), fig.unit, fig.target]
        ratios = [ratio(fig, figures, s) for s in scales]
        row.append(" / ".join(f"{r:.2f}" for r in ratios if r is not None) if fig.compare else "")
        row.append(judge(fig, figures, scales))
        if len(scales) > 1:
            first, last = fig.value(scales[0]), fig.value(scales[-1])
            row.append(f"{last / first:.2f}x" if first and last is not None else "-")
        rows.append(row)
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    numeric = {i for i in range(1, len(scales) + 1)}

    def line(cells):
        return "  ".join(
            c.rjust(w) if i in numeric else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths))
        ).rstrip()

    return "\n".join([line(head), line(["-" * w for w in widths]), *map(line, rows)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.run", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--scales",
        nargs="+",
        default=["1", "10"],
        help="scales to run, e.g. --scales 1 10 or --scales 1,10 (default 1 10)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"one run of everything at scale {QUICK_SCALE:g}: proves the benchmarks work",
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="runs per figure; the median is shown (default 5)"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=60,
        metavar="SECONDS",
        help="repeat a module at a scale only while its runs there fit in this "
        "time; it always runs once (default 60)",
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="seed of the synthetic engagements (default 0)"
    )
    parser.add_argument(
        "--only",
        nargs="*",
        default=[],
        metavar="NAME",
        help="only the bench_*.py modules whose name contains one of these",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        help="folder of cached engagements (default ONSITE_BENCH_CACHE or the user cache folder)",
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    scales = [QUICK_SCALE] if args.quick else parse_scales(args.scales)
    runs = 1 if args.quick else max(1, args.runs)
    common.QUICK = args.quick
    if args.cache:
        common.CACHE = args.cache

    started = time.perf_counter()
    print("\n".join(machine()))
    for scale in scales:
        print(prepare(scale, args.seed))
    modules = discover(args.only)
    if not modules:
        print("no benchmark modules found", file=sys.stderr)
        return 1
    done: dict[str, int] = {}
    figures, failures = run(modules, scales, runs, args.budget, done)
    print()
    print(table(figures, scales, args.markdown))
    print()
    print(
        "runs per scale (median shown): "
        + ", ".join(f"{m} {n}" for m, n in done.items())
        + f"; {time.perf_counter() - started:.0f} s in all"
    )
    if hasattr(os, "getloadavg"):
        print("load average at end: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    if failures:
        print("failed: " + "; ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
