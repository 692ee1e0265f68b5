"""Writing a set of files into a shared folder all at once: into a hidden folder beside
them first, then moved into place together, so a killed or failed export leaves nothing or
everything, never part of a set (the JSON archive alone, say)."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

TEMP_PREFIX, TEMP_SUFFIX = ".onsite-export-", ".tmp"


@dataclass(frozen=True)
class Written:
    path: Path
    format: str
    title: str
    wanted: str = ""  # the name it would have had, if a file of that name was already there

    def __str__(self) -> str:
        note = (
            f" (\u201c{self.wanted}\u201d was already there, so this is a new file)"
            if self.wanted
            else ""
        )
        return f"{self.path}{note}"


def free_name(folder: Path, name: str) -> Path:
    """name in folder, or "name (2)", "name (3)"... if a file is already there."""
    target = folder / name
    stem, dot, ext = name.rpartition(".") if "." in name else (name, "", "")
    n = 2
    while target.exists():
        target = folder / f"{stem} ({n}){dot}{ext}"
        n += 1
    return target


LEFTOVER_SECONDS = 10 * 60  # a hidden export folder this old was left by a killed export


class Batch:
    """The files of one export: written into a hidden folder in the target folder, then moved
    into place together by `commit` (or thrown away by `abandon`). Safe to `add` from threads."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        _remove_leftovers(folder)
        self.temp = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder))
        self._files: list[tuple[Path, str, str, str]] = []  # (temp file, name, format, title)
        self._lock = threading.Lock()

    def add(self, name: str, data: bytes, fmt: str, title: str) -> None:
        with self._lock:
            temp = self.temp / f"{len(self._files):03d}{TEMP_SUFFIX}"
            self._files.append((temp, name, fmt, title))
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(temp, flags, 0o600), "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())

    def commit(self) -> list[Written]:
        """Move every file into place; if one cannot be moved, take back those that were. A
        name "sub/file" goes into the subfolder sub, made if need be."""
        moved: list[Written] = []
        made: list[Path] = []
        try:
            for temp, name, fmt, title in self._files:
                sub, _, leaf = name.rpartition("/")
                folder = self.folder / sub if sub else self.folder
                if not folder.is_dir():
                    folder.mkdir(mode=0o700)  # owner-only, like the files
                    made.append(folder)
                target = free_name(folder, leaf)
                os.replace(temp, target)
                moved.append(
                    Written(target, fmt, title, wanted=leaf if target.name != leaf else "")
                )
        except BaseException:
            for w in moved:
                w.path.unlink(missing_ok=True)
            for folder in made:
                folder.rmdir()
            raise
        finally:
            self.abandon()
        for folder in {w.path.parent for w in moved} | {self.folder}:
            _sync_folder(folder)
        return moved

    def abandon(self) -> None:
        shutil.rmtree(self.temp, ignore_errors=True)


def _remove_leftovers(folder: Path) -> None:
    """Hidden folders of exports killed before they finished (not one running elsewhere now)."""
    now = time.time()
    for leftover in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        try:
            if (
                leftover.is_dir()
                and not leftover.is_symlink()
                and now - leftover.stat().st_mtime > LEFTOVER_SECONDS
            ):
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            continue


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to flush."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
