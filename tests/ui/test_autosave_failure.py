"""A save that fails for real: the engagement on a small file system that fills up while a
peer types. The warning shows at once, the words stay, leaving asks (a recovery file), and
once space is freed the retry saves them: read back from the store.

Filling a disk needs a file system of its own: as root, the test runs itself again inside
`unshare -m` with an 8 MB tmpfs mounted; elsewhere it is skipped.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from onsite.store.db import Store
from screens.app import make_app
from screens.dialogs import UnsavedDialog
from screens.session import SessionScreen
from screens.widgets.note_editor import NoteEditor
from tests.ui.helpers import screen_text, settle
from tests.unit.small_engagement import build

SIZE = (120, 36)
ROOT = Path(__file__).parents[2]
FULL_DISK = "ONSITE_TEST_FULL_DISK"


def test_a_full_disk_while_typing(tmp_path):
    if os.environ.get(FULL_DISK):
        pytest.skip("already inside the small file system")
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("filling a disk needs root and unshare (a tmpfs of its own)")
    disk = tmp_path / "disk"
    disk.mkdir()
    test = f"{Path(__file__).relative_to(ROOT)}::test_inside_the_small_file_system"
    code = (
        f"mount -t tmpfs -o size=8m none '{disk}' && '{sys.executable}' -m pytest -q -x "
        f"-p no:cacheprovider -n 0 '{test}'"
    )  # -n 0: one test needs no pool of workers (pyproject's addopts would start three)
    env = {**os.environ, FULL_DISK: str(disk), "TEXTUAL_ANIMATIONS": "none"}
    run = subprocess.run(
        ["unshare", "-m", "sh", "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    if "mount:" in run.stderr:
        pytest.skip(f"cannot mount a tmpfs here: {run.stderr.strip()}")
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "1 passed" in run.stdout


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as f:  # unbuffered: close has nothing left to write
        for chunk in (65536, 512):  # then the last crumbs, so that even a page cannot be written
            try:
                while True:
                    f.write(b"\0" * chunk)
            except OSError:
                pass
    return filler


async def _wait_for(pilot, predicate, seconds: float = 10.0) -> bool:
    for _ in range(int(seconds / 0.1)):
        if predicate():
            return True
        await pilot.pause(0.1)
    return predicate()


@pytest.mark.skipif(not os.environ.get(FULL_DISK), reason="runs inside unshare only")
async def test_inside_the_small_file_system(tmp_path):
    disk = Path(os.environ[FULL_DISK])
    path = disk / "week.onsite"
    store = build(path)
    lead = next(p for p in store.peers() if p.initials == "AB")
    store.set_me(lead.id)
    store.close()
    app = make_app(path, home=tmp_path / "home", idle_minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # day 1, first session: the DPH
        await settle(pilot)
        session = app.screen
        assert isinstance(session, SessionScreen)
        editor = session.query_one("#mine", NoteEditor)
        await pilot.press(*"Before the disk filled.")
        assert await _wait_for(pilot, lambda: not editor.dirty), "the first words never saved"

        filler = _fill(disk)
        await pilot.press(*" Typed on a full disk.")
        assert await _wait_for(pilot, lambda: editor.has_class("failing"), 5)
        problem = str(editor.query_one(".problem").content)
        assert "NOT SAVED" in problem and "disk is full" in problem
        # on the screen, under the text, from the next repaint (the class comes first)
        assert await _wait_for(pilot, lambda: "NOT SAVED: the disk is full" in screen_text(app), 2)
        assert editor.dirty and editor.text.endswith("Typed on a full disk.")

        # leaving asks; staying keeps the words and the retries
        await pilot.press("escape")
        assert await _wait_for(pilot, lambda: isinstance(app.screen, UnsavedDialog))
        await pilot.click("#stay")
        await settle(pilot)
        assert app.screen is session and editor.text.endswith("Typed on a full disk.")

        filler.unlink()  # space again: the next retry saves it
        assert await _wait_for(
            pilot, lambda: not editor.dirty and not editor.has_class("failing"), 8
        ), editor.problem
        check = Store.open(path)
        body = next(n.body for n in check.notes() if n.author_id == lead.id)
        check.close()
        assert body.endswith("Before the disk filled. Typed on a full disk.")

        # full again, and this time the peer leaves: the words go to a recovery file, which
        # lands in the Onsite folder because the engagement's own folder is full too
        filler = _fill(disk)
        await pilot.press(*" Only in the recovery file.")
        assert await _wait_for(pilot, lambda: editor.has_class("failing"), 5)
        await pilot.press("escape")
        assert await _wait_for(pilot, lambda: isinstance(app.screen, UnsavedDialog))
        await pilot.click("#recover")
        assert await _wait_for(
            pilot, lambda: not isinstance(app.screen, (UnsavedDialog, SessionScreen))
        )
        [recovery] = list((tmp_path / "home").glob("week.onsite-recovery-*.md"))
        text = recovery.read_text(encoding="utf-8")
        assert "Typed on a full disk. Only in the recovery file." in text
        assert "My notes on DPH" in text and "disk is full" in text
        assert stat.S_IMODE(recovery.stat().st_mode) == 0o600
        filler.unlink()
