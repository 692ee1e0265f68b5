"""Start an app headless, note when it has painted, exit: the child process of bench_startup.

    python startup_app.py minimal
    python startup_app.py week ENGAGEMENT HOME

Prints one JSON line: wall-clock times (time.time(), comparable with the parent's) of the
first frame and of the finished screen, and the process's peak memory. "Finished" is the
first frame after the app's last start-up message was handled: for the minimal app the
App.Ready event (first frame displayed), for Onsite the week screen's Shown message
(the week read and its day tables on screen). Both are seen through
`message_signal`, which Textual publishes after a message's handlers have run; then
`call_after_refresh` waits for the screen to be painted.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

TIMEOUT = 120.0


def _minimal_app():
    from textual.app import App
    from textual.widgets import Footer, Header, Label

    class Minimal(App):
        def compose(self):
            yield Header()
            yield Label("A minimal Textual app")
            yield Footer()

    from textual import events

    return Minimal(), events.Ready


def _onsite_app(path: Path, home: Path):
    from screens.app import make_app
    from screens.week import WeekScreen

    return make_app(path, home=home), WeekScreen.Shown


def peak_rss_mb() -> float | None:
    """This process's peak resident memory, or None where it cannot be read (Windows).

    Linux: VmHWM of this process's own address space. Not getrusage: on Linux ru_maxrss
    (of self, and of children as the parent sees it) carries over fork and exec, so a
    child of a 300 MB parent reports at least 300 MB, whatever it used itself.
    """
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS


def main(argv: list[str]) -> int:
    if argv[0] == "minimal":
        app, finished_by = _minimal_app()
    else:
        app, finished_by = _onsite_app(Path(argv[1]), Path(argv[2]))
    from textual import events

    marks: dict[str, float] = {}

    async def autopilot(pilot) -> None:
        done = asyncio.Event()

        def painted() -> None:
            marks.setdefault("finished", time.time())
            if argv[0] != "minimal":  # prove the data is on screen: the day tables' rows
                from textual.widgets import DataTable

                marks["rows"] = sum(
                    t.row_count
                    for t in app.screen.query(DataTable)
                    if (t.id or "").startswith("day-")
                )
            done.set()

        def seen(message) -> None:
            if isinstance(message, events.Ready):
                marks.setdefault("first_paint", time.time())
            if isinstance(message, finished_by) and "handled" not in marks:
                marks["handled"] = time.time()
                app.call_after_refresh(painted)

        app.message_signal.subscribe(app, seen, immediate=True)
        try:
            await asyncio.wait_for(done.wait(), TIMEOUT)
        finally:
            app.exit()

    app.run(headless=True, size=(120, 36), auto_pilot=autopilot)
    peak = peak_rss_mb()
    if peak is not None:
        marks["peak_mb"] = peak
    print(json.dumps(marks))
    return 0 if "finished" in marks else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
