"""Start-up: process start to the week screen painted with data, against a minimal Textual
app started the same way; first paint; the app's peak memory; and where the time goes.

Both apps run headless in a fresh process (startup_app.py) at 120x36. The clock starts
just before the process is spawned and stops at the child's own wall-clock mark for the
painted screen, so process teardown is not counted. Peak memory is the child's own high
-water mark, reported by the child as it exits (VmHWM on Linux, ru_maxrss elsewhere; see
startup_app.peak_rss_mb for why not getrusage(RUSAGE_CHILDREN)); where it cannot be read
(Windows) the figure is left out.

Hooks for the note editor's benchmarks (issue 4): `launch()` runs a headless child and
reports its marks and memory; `onsite.synth_text.note_text(10_000)` makes a 10,000-word
note.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

from tests.bench import common

CHILD = Path(__file__).with_name("startup_app.py")

WEEK = "start-up: week screen with data"
MINIMAL = "start-up: minimal Textual app (Header, Label, Footer)"
FIRST_PAINT = "start-up: first paint of Onsite"
MEMORY = "peak memory: app showing the week (max RSS)"
IMPORT = "start-up part: import the database layer (SQLAlchemy, SQLModel)"
LOAD = "start-up part: open and load the week in the core"

TARGETS = {WEEK: "ratio <= 1.3", MEMORY: "< 200"}
COMPARE = {WEEK: MINIMAL}


def launch(args: list[str], timeout: float = 180, **env_extra: str) -> tuple[float, dict]:
    """Run a child python that prints a JSON line last; (its spawn time, that JSON)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", **env_extra)
    env.pop("TEXTUAL", None)  # no devtools
    started = time.time()
    done = subprocess.run(
        [common.python(), *args], capture_output=True, env=env, cwd=common.ROOT, timeout=timeout
    )
    if done.returncode != 0:
        err = done.stderr.decode(errors="replace")
        raise RuntimeError(f"{' '.join(args)}: exit {done.returncode}\n{err[-2000:]}")
    lines = done.stdout.decode(errors="replace").strip().splitlines()
    return started, json.loads(lines[-1])


def figures(scale: float) -> list[tuple[str, float, str]]:
    path = common.engagement(scale)
    home = common.cache_dir() / "empty-home"  # the home screen lists nothing
    home.mkdir(exist_ok=True)
    started, minimal = launch([str(CHILD), "minimal"])
    minimal_ms = (minimal["finished"] - started) * 1000
    started, week = launch([str(CHILD), "week", str(path), str(home)], ONSITE_HOME=str(home))
    if not week.get("rows"):
        raise RuntimeError(f"the week screen showed no sessions: {week}")
    found = [
        (WEEK, (week["finished"] - started) * 1000, "ms"),
        (MINIMAL, minimal_ms, "ms"),
    ]
    if "first_paint" in week:  # Textual's Ready event, if it came after we subscribed
        found.append((FIRST_PAINT, (week["first_paint"] - started) * 1000, "ms"))
    if "peak_mb" in week:
        found.append((MEMORY, week["peak_mb"], "MB"))
    _, imported = launch(
        [
            "-c",
            "import json, time; t = time.perf_counter(); "
            "import onsite.store.db; "
            "print(json.dumps({'ms': (time.perf_counter() - t) * 1000}))",
        ]
    )
    found.append((IMPORT, imported["ms"], "ms"))
    found.append((LOAD, _load_week(path), "ms"))
    return found


def _load_week(path: Path) -> float:
    from onsite.store.db import Store
    from onsite.week.view import load_week

    t = time.perf_counter()
    store = Store.open(path)
    try:
        load_week(store)
    finally:
        store.close()
    return common.elapsed_ms(t)
