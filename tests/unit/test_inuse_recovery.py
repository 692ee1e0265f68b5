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
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE,
                            text=True)
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
    target = write_recovery(engagement, [("My notes on DPH", "The hub is valued.")],
                            "the disk is full", when)
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
