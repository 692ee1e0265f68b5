"""The claim that tells a second window the engagement is already open, and recovery files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import datetime

from onsite.recovery import recovery_name, write_recovery
from onsite.store.inuse import claim, lock_path

HOLD = """
import sys, time
from pathlib import Path
from onsite.store.inuse import claim
c = claim(Path(sys.argv[1]))
print("held" if c.held else "not held", flush=True)
time.sleep(60)
"""


def _holder(path):
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_window_is_told_who_has_the_file(tmp_path):
    path = tmp_path / "week.onsite"
    path.write_bytes(b"")
    other = _holder(path)
    try:
        mine = claim(path)
        assert not mine.held
        assert mine.other is not None and mine.other.pid == other.pid
        assert "this computer" in mine.other.describe()
    finally:
        other.kill()
        other.wait()


def test_a_killed_window_leaves_no_lock_that_blocks(tmp_path):
    path = tmp_path / "week.onsite"
    path.write_bytes(b"")
    other = _holder(path)
    other.kill()  # SIGKILL on POSIX: no clean-up runs
    other.wait()
    assert lock_path(path).exists()  # the file stays behind...
    mine = claim(path)
    try:
        assert mine.held and mine.other is None  # ...but does not block
    finally:
        mine.release()


def test_releasing_lets_the_next_window_open_quietly(tmp_path):
    path = tmp_path / "week.onsite"
    first = claim(path)
    assert first.held
    first.release()
    second = claim(path)
    assert second.held and second.other is None
    second.release()


def test_a_recovery_file_beside_the_engagement_readable_by_its_owner_only(tmp_path):
    engagement = tmp_path / "Calder Vale.onsite"
    when = datetime(2026, 3, 3, 14, 5, 9)
    target = write_recovery(
        engagement, [("My notes on DPH", "The hub is valued.")], "the disk is full", when
    )
    assert target == tmp_path / "Calder Vale.onsite-recovery-20260303-140509.md"
    assert target.name == recovery_name(engagement, when)
    text = target.read_text(encoding="utf-8")
    assert "## My notes on DPH\n\nThe hub is valued." in text and "the disk is full" in text
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    # never overwrites: a second one in the same second goes elsewhere, not over it
    again = write_recovery(engagement, [("x", "other words")], "why", when)
    assert again != target and "The hub is valued." in target.read_text(encoding="utf-8")


def test_a_recovery_file_goes_elsewhere_when_the_folder_cannot_be_written(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("ONSITE_HOME", str(home))
    engagement = tmp_path / "gone" / "week.onsite"  # its folder does not exist
    target = write_recovery(engagement, [("note", "words")], "read-only")
    assert target.parent == home and target.read_text(encoding="utf-8").count("words") == 1


def test_releasing_removes_the_claim_file(tmp_path):
    path = tmp_path / "week.onsite"
    mine = claim(path)
    assert mine.held and lock_path(path).exists()
    mine.release()
    assert not lock_path(path).exists()
    mine.release()  # twice is harmless


def test_a_second_windows_claim_is_not_removed_by_it(tmp_path):
    path = tmp_path / "week.onsite"
    path.write_bytes(b"")
    other = _holder(path)
    try:
        mine = claim(path)
        assert not mine.held
        mine.release()
        assert lock_path(path).exists()  # the other window's, still held by it
        assert claim(path).other is not None
    finally:
        other.kill()
        other.wait()


def test_a_claim_file_removed_while_claiming_is_made_afresh(tmp_path, monkeypatch):
    """The window before closes (and removes its claim file) between this one opening the
    file and locking it: this one must not keep a lock on a file no longer there, or a third
    window would lock a new file and neither would know of the other."""
    if os.name == "nt":
        return  # Windows cannot remove a file another process has open: the race cannot occur
    from onsite.store import inuse

    real, calls = inuse._try_lock, []

    def closing_meanwhile(fd: int) -> bool:
        calls.append(fd)
        if len(calls) == 1:
            lock_path(path).unlink()
        return real(fd)

    path = tmp_path / "week.onsite"
    monkeypatch.setattr(inuse, "_try_lock", closing_meanwhile)
    mine = claim(path)
    assert len(calls) == 2 and mine.held and lock_path(path).exists()
    monkeypatch.undo()
    third = claim(path)
    assert not third.held and third.other is not None  # told: the file at the path is locked
    mine.release()
    assert not lock_path(path).exists()
