"""Figures for the note on encryption: not a test, it asserts nothing.

    uv run python -m tests.bench.bench_crypto [SCALE]

SCALE 1 is a heavy week (600 notes, about 400,000 words); 10 is the "ten times that" the
design must bear. Prints, for a plain and an encrypted copy of the same engagement:
the time to write it, to open it and load the week (the first screen's data), from the
passphrase to the first screen in the real app (headless), a search; and the team key's
seal / unseal throughput, and its cost on a bundle the size of the week's change log.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

if not __package__:  # run as a file: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench import common  # noqa: E402

PASSPHRASE = "benchmark passphrase"
WORDS = (
    "discharge hospital social care workforce finance board partnership housing primary "
    "community mental health carers waiting reablement leadership culture governance "
    "prevention inequalities data digital ambulance hospice council system trust "
    "integrated neighbourhood team budget pressure winter capacity"
).split()


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def _build(path: Path, passphrase: str | None, notes: int, rng: random.Random) -> float:
    from onsite.model import Note, Peer, Session
    from onsite.store.db import Store

    def build():
        store = Store.create(path, name="Bench week", start=date(2026, 3, 2), passphrase=passphrase)
        peers = [Peer(name=f"Peer {i}", initials=f"P{i}") for i in range(10)]
        sessions = [
            Session(
                day=1 + i % 5,
                start=f"{9 + i % 8:02d}:00",
                title=f"Session {i}",
                peer_ids=[peers[i % 10].id],
            )
            for i in range(max(60, notes // 10))
        ]
        records = [*peers, *sessions]
        for i in range(notes):
            body = " ".join(rng.choice(WORDS) for _ in range(670))
            records.append(
                Note(
                    session_id=sessions[i % len(sessions)].id, author_id=peers[i % 10].id, body=body
                )
            )
        store.add_all(records)
        store.close()

    return _timed(build)[1]


def _open_and_load(path: Path, passphrase: str | None) -> tuple[float, float]:
    from onsite.evidence.search import search
    from onsite.store.db import Store
    from onsite.week.view import load_week

    start = time.perf_counter()
    store = Store.open(path, passphrase)
    load_week(store)
    opened = time.perf_counter() - start
    _, searched = _timed(lambda: search(store, "discharge reablement", limit=20))
    store.close()
    return opened, searched


def _passphrase_to_first_screen(path: Path) -> float:
    """Enter pressed on the passphrase dialog -> the week's sessions on screen (headless)."""
    from screens.app import make_app
    from screens.week import WeekScreen

    async def run() -> float:
        app = make_app(path, home=path.parent, idle_minutes=0)
        async with app.run_test(size=(120, 36)) as pilot:
            for _ in range(50):
                await pilot.pause(0.05)
                if type(app.screen).__name__ == "PassphraseDialog":
                    break
            await pilot.press(*PASSPHRASE)
            start = time.perf_counter()
            await pilot.press("enter")
            while not (isinstance(app.screen, WeekScreen) and app.screen.week is not None):
                await pilot.pause(0.01)
            await pilot.pause(0)
            return time.perf_counter() - start

    return asyncio.run(run())


def _enter_to_first_screen(path: Path) -> float:
    """A plain engagement: Enter on the list of engagements -> its week on screen."""
    from screens.app import make_app
    from screens.home import HomeScreen
    from screens.week import WeekScreen

    async def run() -> float:
        app = make_app(home=path.parent, idle_minutes=0)
        async with app.run_test(size=(120, 36)) as pilot:
            while not (isinstance(app.screen, HomeScreen) and app.screen.paths):
                await pilot.pause(0.05)
            start = time.perf_counter()
            await pilot.press("enter")
            while not (isinstance(app.screen, WeekScreen) and app.screen.week is not None):
                await pilot.pause(0.01)
            await pilot.pause(0)
            return time.perf_counter() - start

    return asyncio.run(run())


def _seal_throughput(megabytes: int) -> tuple[float, float]:
    from onsite.sync import teamkey

    key, data = teamkey.new_key(), random.randbytes(megabytes * 1_000_000)
    sealed, seal_s = _timed(lambda: teamkey.seal(data, key, b"bench"))
    _, unseal_s = _timed(lambda: teamkey.unseal(sealed, key, b"bench"))
    return megabytes / seal_s, megabytes / unseal_s


def _bundle_cost(path: Path) -> tuple[float, float, float]:
    """The week's whole change log as one JSON bundle: its size, and the ms to seal+unseal."""
    from onsite.store.db import Store
    from onsite.sync import teamkey

    store = Store.open(path)
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT stamp, record_table, record_id, field, value, site, base FROM change"
        ).all()
    store.close()
    bundle = json.dumps([list(r) for r in rows]).encode()
    key = teamkey.new_key()
    sealed, seal_s = _timed(lambda: teamkey.seal(bundle, key, b"bundle"))
    _, unseal_s = _timed(lambda: teamkey.unseal(sealed, key, b"bundle"))
    return len(bundle) / 1e6, seal_s * 1000, unseal_s * 1000


def figures(scale: float = 1) -> list[tuple[str, float, str]]:
    from onsite.store import cipher

    rng = random.Random(8)
    notes = max(1, round(600 * scale))  # the runner's --quick passes a fraction
    out: list[tuple[str, float, str]] = [("notes", notes, "notes")]
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "plain").mkdir()
        plain, secret = Path(folder) / "plain" / "plain.onsite", Path(folder) / "secret.onsite"
        out.append(("write week, plain", _build(plain, None, notes, rng), "s"))
        out.append(("write week, encrypted", _build(secret, PASSPHRASE, notes, rng), "s"))
        out.append(("file size, plain", plain.stat().st_size / 1e6, "MB"))
        out.append(("file size, encrypted", secret.stat().st_size / 1e6, "MB"))
        out.append(
            (
                "key derivation (PBKDF2, 256k)",
                _timed(lambda: cipher.key_for_file(secret, PASSPHRASE))[1],
                "s",
            )
        )
        for label, path, passphrase in (("plain", plain, None), ("encrypted", secret, PASSPHRASE)):
            opened, searched = _open_and_load(path, passphrase)
            out.append((f"open + load week, {label}", opened, "s"))
            out.append((f"search, {label}", searched * 1000, "ms"))
        out.append(("Enter to first screen, plain (app)", _enter_to_first_screen(plain), "s"))
        out.append(("passphrase to first screen (app)", _passphrase_to_first_screen(secret), "s"))
        size, seal_ms, unseal_ms = _bundle_cost(plain)
        out.append(("change log as one bundle", size, "MB"))
        out.append(("seal that bundle", seal_ms, "ms"))
        out.append(("unseal that bundle", unseal_ms, "ms"))
    seal_rate, unseal_rate = _seal_throughput(1 if common.quick() else 32)
    out.append(("seal throughput", seal_rate, "MB/s"))
    out.append(("unseal throughput", unseal_rate, "MB/s"))
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    scale = int(argv[0]) if argv else 1
    for name, value, unit in figures(scale):
        print(f"{name:<36} {value:>10.3f} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
