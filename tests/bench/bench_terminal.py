"""Start-up as a user has it: in a real terminal (tmux), bytecode cached, polling the screen.

Each app is started the same way, by a shell in a fresh tmux window of 120x36 on a tmux
server of our own (`-L`), with PYTHONDONTWRITEBYTECODE unset (a user's Python caches
bytecode in __pycache__; the first start after an install compiles, the ones after it do
not), after one untimed warm-up start of each command. The clock starts just before tmux
is asked for the window and stops when `capture-pane` first shows the marker:

- the minimal Textual app (tests/bench/minimal_app.py): its label;
- `onsite open FILE` on the demo and on the synthetic engagement: the title of the first
  session of the day the week screen shows first, that is, the week's data on screen;
- `onsite open` on an encrypted copy of the synthetic engagement: the passphrase dialog,
  then the passphrase is typed and the clock runs again from Enter to the first session.
  The figure compared with the minimal app is the time to the dialog plus Enter to the
  week, less the key derivation (measured alone): what the app itself adds.

Polling costs the same for every app (one `tmux capture-pane` every 10 ms). Skipped where
tmux is missing (Windows). Under --quick (the test suite's run, where the figures prove only
that the code works) there is no warm-up start, the screen is polled every 50 ms (each poll
is a tmux process) and the key derivation is timed once.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
import time
import uuid
from datetime import date
from pathlib import Path

from tests.bench import common

MINIMAL = "terminal: minimal Textual app, launch to its label"
DEMO = "terminal: `onsite open` the demo, launch to the week's sessions"
WEEK = "terminal: `onsite open` the synthetic engagement, launch to the week's sessions"
DIALOG = "terminal: encrypted engagement, launch to the passphrase dialog"
UNLOCK = "terminal: encrypted engagement, passphrase Enter to the week's sessions"
KDF = "terminal: key derivation alone (PBKDF2-SHA512, 256k)"
ENCRYPTED = "terminal: encrypted start-up less key derivation (dialog + Enter to week - KDF)"

TARGETS = {DEMO: "ratio <= 1.3", WEEK: "ratio <= 1.3", ENCRYPTED: "ratio <= 1.3"}
COMPARE = {DEMO: MINIMAL, WEEK: MINIMAL, ENCRYPTED: MINIMAL}
PASSPHRASE = "correct horse battery staple"
SOCKET = f"onsite-bench-{os.getpid()}"
TIMEOUT = 60.0
_warmed: set[str] = set()


def _tmux(*args: str, check: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["tmux", "-L", SOCKET, "-f", os.devnull, *args], capture_output=True, text=True, check=check
    )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("TEXTUAL", None)
    env["TERM"] = "xterm-256color"
    return env


class Window:
    """One app in its own tmux session."""

    def __init__(self, command: list[str], home: Path) -> None:
        self.name = "w" + uuid.uuid4().hex[:8]
        # COLUMNS and LINES (pytest sets them) would override the window's own size.
        shell = (
            f"env -u PYTHONDONTWRITEBYTECODE -u COLUMNS -u LINES "
            f"ONSITE_HOME={shlex.quote(str(home))} "
            f"{shlex.join(command)}; sleep 60"
        )
        self.started = time.perf_counter()
        _tmux("new-session", "-d", "-s", self.name, "-x", "120", "-y", "36", shell, check=True)

    def screen(self) -> str:
        return _tmux("capture-pane", "-p", "-t", self.name).stdout

    def wait_for(self, marker: str, since: float | None = None) -> float:
        """Seconds from `since` (the launch) until the marker is on screen."""
        since = self.started if since is None else since
        while time.perf_counter() - since < TIMEOUT:
            if marker in self.screen():
                return time.perf_counter() - since
            time.sleep(0.05 if common.quick() else 0.01)
        raise RuntimeError(f"{marker!r} not on screen after {TIMEOUT:.0f} s:\n{self.screen()}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        _tmux("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys, check=True)

    def close(self) -> None:
        _tmux("kill-session", "-t", self.name)


def first_session_title(path: Path) -> str:
    """What the week screen shows first: day 1's first session (today's day if on site)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        start, days = conn.execute(
            "SELECT start, days FROM engagement WHERE deleted = 0 ORDER BY created LIMIT 1"
        ).fetchone()
        offset = (date.today() - date.fromisoformat(start)).days
        day = offset + 1 if 0 <= offset < days else 1
        (title,) = conn.execute(
            "SELECT title FROM session WHERE deleted = 0 AND day = ? ORDER BY start, title LIMIT 1",
            (day,),
        ).fetchone()
    finally:
        conn.close()
    return title[:16]


def _demo() -> Path:
    path = common.cache_dir() / f"demo-{common.fingerprint()}.onsite"
    if not path.exists():
        from onsite.synth import demo

        demo.create(path).close()
    return path


def _encrypted(scale: float) -> Path:
    """An encrypted copy of the cached engagement, made once."""
    source = common.engagement(scale)
    path = source.with_name(f"enc{common.scale_name(scale)}-{common.fingerprint()}.onsite")
    if not path.exists():
        from onsite.store.protect import encrypt_file

        temp = path.with_name(f"making-{os.getpid()}-{path.name}")
        shutil.copyfile(source, temp)
        encrypt_file(temp, PASSPHRASE)
        os.replace(temp, path)
    return path


def _onsite() -> list[str]:
    return [str(Path(common.python()).with_name("onsite"))]


def _start(command: list[str], marker: str, home: Path) -> float:
    key = " ".join(command)
    if key not in _warmed and not common.quick():  # the first start compiles the bytecode
        window = Window(command, home)
        try:
            window.wait_for(marker)
        finally:
            window.close()
        _warmed.add(key)
    window = Window(command, home)
    try:
        return window.wait_for(marker)
    finally:
        window.close()


def _unlock(path: Path, marker: str, home: Path) -> tuple[float, float]:
    command = [*_onsite(), "open", str(path)]
    for _ in range(1 if " ".join(command) in _warmed or common.quick() else 2):
        window = Window(command, home)
        try:
            to_dialog = window.wait_for("is encrypted")
            window.keys(PASSPHRASE, literal=True)
            time.sleep(0.2)
            entered = time.perf_counter()
            window.keys("Enter")
            to_week = window.wait_for(marker, since=entered)
        finally:
            window.close()
        _warmed.add(" ".join(command))
    return to_dialog, to_week


def _kdf(path: Path) -> float:
    from onsite.store import cipher

    times = []
    for _ in range(1 if common.quick() else 3):
        t = time.perf_counter()
        cipher.key_for_file(path, PASSPHRASE)
        times.append(time.perf_counter() - t)
    return min(times)


def figures(scale: float) -> list[tuple[str, float, str]]:
    if shutil.which("tmux") is None:
        return []
    home = common.cache_dir() / "empty-home"
    home.mkdir(exist_ok=True)
    path = common.engagement(scale)
    demo = _demo()
    encrypted = _encrypted(scale)
    python = common.python()
    _tmux("new-session", "-d", "-s", "keep", "-x", "120", "-y", "36", "sleep 3600", check=True)
    try:
        minimal = _start(
            [python, str(common.ROOT / "tests/bench/minimal_app.py")], "A minimal Textual app", home
        )
        demo_s = _start([*_onsite(), "open", str(demo)], first_session_title(demo), home)
        week_s = _start([*_onsite(), "open", str(path)], first_session_title(path), home)
        to_dialog, to_week = _unlock(encrypted, first_session_title(path), home)
        kdf = _kdf(encrypted)
    finally:
        _tmux("kill-server")
    return [
        (MINIMAL, minimal * 1000, "ms"),
        (DEMO, demo_s * 1000, "ms"),
        (WEEK, week_s * 1000, "ms"),
        (DIALOG, to_dialog * 1000, "ms"),
        (UNLOCK, to_week * 1000, "ms"),
        (KDF, kdf * 1000, "ms"),
        (ENCRYPTED, (to_dialog + to_week - kdf) * 1000, "ms"),
    ]


if __name__ == "__main__":  # one run at scale 1, for trying it alone
    for name, value, unit in figures(1):
        print(f"{value:10.1f} {unit}  {name}")
