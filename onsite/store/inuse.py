"""Is this engagement open in another window? A claim file beside the engagement.

`NAME.onsite.lock` holds who opened the file (process id, computer, when), and this process
holds an operating-system lock on it while the engagement is open. The lock goes with the
process: a window that was killed or crashed leaves the file behind but not the lock, so a
stale claim never blocks anyone. Two windows may still both open the file (SQLite keeps it
consistent); the second is told, because two people typing into the same note in two
windows would make conflicts to settle.

A window that closes normally removes its claim file, so the folder holds nothing but the
engagement. On POSIX the file is removed while still locked, and a claim that locked a
file which was removed or replaced meanwhile tries again with the file now at the path, so
two windows never lock two different files. Windows cannot remove a file another process
has open: there the file is removed after unlocking, and only if nobody else has it open.
"""

from __future__ import annotations

import json
import os
import platform
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

LOCK_OFFSET = 16  # Windows: the locked byte is not readable by others; the details follow it


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    since: str

    def describe(self) -> str:
        where = "this computer" if self.host == platform.node() else self.host
        return f"process {self.pid} on {where}, since {self.since}"


class Claim:
    """This process's claim on an engagement; `other` says who else has it open, if anyone."""

    def __init__(self, path: Path, fd: int | None, other: Holder | None) -> None:
        self.path, self._fd, self.other = path, fd, other

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Let go, and remove the claim file (a stale one left by a killed window too)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if os.name != "nt":
            _remove_if_ours(self.path, fd)  # while still locked: see the module's docstring
        try:
            _unlock(fd)
        finally:
            os.close(fd)
        if os.name == "nt":
            try:
                self.path.unlink(missing_ok=True)
            except OSError:
                pass  # another window has it open: it is theirs now


def lock_path(engagement: Path) -> Path:
    return engagement.with_name(engagement.name + ".lock")


def claim(engagement: Path) -> Claim:
    """Claim the engagement for this process. Never raises for a lock it cannot take: a
    read-only folder gives an unheld claim, another window's lock a claim naming it."""
    path = lock_path(Path(engagement))
    for _ in range(10):  # more than enough for windows closing while this one opens
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        except OSError:
            return Claim(path, None, None)  # a read-only folder: nobody can write a claim there
        if not _try_lock(fd):
            other = _read(fd)
            os.close(fd)
            return Claim(path, None, other or Holder(0, "another window", "unknown"))
        if os.name == "nt" or _is_at_path(path, fd):
            break
        _unlock(fd)  # locked a file the window before removed as it closed: take the new one
        os.close(fd)
    else:
        return Claim(path, None, None)
    me = {
        "pid": os.getpid(),
        "host": platform.node(),
        "since": datetime.now().strftime("%a %d %b %H:%M"),
    }
    try:
        os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
        os.write(fd, json.dumps(me).encode("utf-8").ljust(256))
    except OSError:
        pass  # a full disk: the lock itself still holds; the details are only for the message
    return Claim(path, fd, None)


def _is_at_path(path: Path, fd: int) -> bool:
    """Is the open file still the one at `path` (not removed, not replaced)?"""
    try:
        at_path = os.stat(path)
    except OSError:
        return False
    mine = os.fstat(fd)
    return (at_path.st_dev, at_path.st_ino) == (mine.st_dev, mine.st_ino)


def _remove_if_ours(path: Path, fd: int) -> None:
    if _is_at_path(path, fd):
        try:
            path.unlink()
        except OSError:
            pass  # a read-only folder now, say: the lock still goes with the process


def _read(fd: int) -> Holder | None:
    try:
        os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).decode("utf-8").strip() or "null")
        return Holder(int(data["pid"]), str(data["host"]), str(data["since"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None


if os.name == "nt":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
