"""What every benchmark shares: the synthetic engagements, cached, and the run settings.

Engagements are generated once per (scale, seed, generator and schema version) into a
cache folder (ONSITE_BENCH_CACHE, else the user cache folder from platformdirs) and reused
by later runs; changing the generator, the model or the migrations makes a new one.
The cached file is shared: open it read-only, or take `copy_of` it before writing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Set by the runner: --quick makes one run of everything at a tiny scale.
QUICK = False
CACHE: Path | None = None


def quick() -> bool:
    """True under --quick (the test suite's run): do the least that proves the code works."""
    return QUICK


def cache_dir() -> Path:
    if CACHE is not None:
        folder = CACHE
    elif os.environ.get("ONSITE_BENCH_CACHE"):
        folder = Path(os.environ["ONSITE_BENCH_CACHE"]).expanduser()
    else:
        from platformdirs import user_cache_dir

        folder = Path(user_cache_dir("Onsite", appauthor=False)) / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def fingerprint() -> str:
    """Changes whenever the generator or the schema does, so a stale cache is never used."""
    from onsite import model
    from onsite.evidence import anchor
    from onsite.store import migrations
    from onsite.synth import build as synth_build
    from onsite.synth import generate as synth
    from onsite.synth import prose as synth_prose
    from onsite.synth import text as synth_text
    from onsite.synth import timetable as synth_timetable

    digest = hashlib.sha256()
    for module in (
        synth,
        synth_build,
        synth_timetable,
        synth_prose,
        synth_text,
        anchor,
        model,
        migrations,
    ):
        digest.update(Path(module.__file__).read_bytes())
    return f"schema{migrations.LATEST}-{digest.hexdigest()[:10]}"


def scale_name(scale: float) -> str:
    return f"{scale:g}".replace(".", "_")


def engagement(
    scale: float, seed: int = 0, progress: Callable[[str, int, int], None] | None = None
) -> Path:
    """The cached synthetic engagement at this scale, generated if missing."""
    from onsite.synth.generate import generate

    path = cache_dir() / f"synth-scale{scale_name(scale)}-seed{seed}-{fingerprint()}.onsite"
    if _complete(path):
        return path
    # Several processes may share the cache (the test workers do): one generates, under a
    # lock, and the others wait for it. Generated in place, not renamed into place: the file
    # records where it was made (a file found elsewhere takes a new site and forgets "me"),
    # and it counts as whole only once generate has set its last meta key (_complete).
    with _lock(path):
        if not _complete(path):
            for stale in cache_dir().glob(f"synth-scale{scale_name(scale)}-seed{seed}-*.onsite*"):
                stale.unlink(missing_ok=True)
            generate(path, scale=scale, seed=seed, progress=progress)
    return path


STALE_LOCK = 30 * 60  # seconds: a lock this old was left by a process killed while generating


@contextmanager
def _lock(path: Path) -> Iterator[None]:
    """Held by one process at a time for this engagement (a file created exclusively)."""
    lock = path.with_name(f"generating-{path.name}")
    told = False
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            try:
                if time.time() - lock.stat().st_mtime > STALE_LOCK:
                    lock.unlink(missing_ok=True)
                    continue
            except FileNotFoundError:
                continue
            if not told:
                print(
                    f"  waiting for another process to generate {path.name} "
                    f"(if none is running, remove {lock})",
                    file=sys.stderr,
                )
                told = True
            time.sleep(0.1)
    try:
        yield
    finally:
        os.close(fd)
        lock.unlink(missing_ok=True)


def _complete(path: Path) -> bool:
    """Written to the end (generate sets the synth meta key last)."""
    if not path.is_file():
        return False
    try:  # synthetic engagements are plain SQLite files (never encrypted)
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT 1 FROM meta WHERE key = 'synth'").fetchone() is not None
        finally:
            conn.close()
    except Exception:  # an unreadable file is regenerated, whatever the reason
        return False


def copy_of(scale: float, folder: Path, seed: int = 0, name: str | None = None) -> Path:
    """A private, writable copy of the cached engagement (it becomes its own site)."""
    source = engagement(scale, seed)
    target = Path(folder) / (name or source.name)
    shutil.copyfile(source, target)
    return target


def python() -> str:
    """The interpreter to start child processes with: the one running the benchmarks."""
    return sys.executable


def elapsed_ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000
