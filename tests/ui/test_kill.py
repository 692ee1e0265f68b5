"""A kill -9 mid-sentence loses at most the last second of typing: for real, in tmux."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from onsite.store.db import Store

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None or os.name == "nt", reason="needs tmux (a real terminal)"
)


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_kill_9_mid_sentence_keeps_what_was_typed(demo_file, tmp_path):
    store = Store.open(demo_file)
    me = next(p for p in store.peers() if p.initials == "HA")
    store.set_me(me.id)
    store.close()
    name = f"onsite-kill-{os.getpid()}"
    env = f"ONSITE_HOME='{tmp_path}' TEXTUAL_ANIMATIONS=none"
    command = f"{env} '{sys.executable}' -m screens open '{demo_file}'"
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "36", command)
    try:
        pane_pid = int(tmux("list-panes", "-t", name, "-F", "#{pane_pid}").split()[0])
        assert wait_for(lambda: "Day 1" in tmux("capture-pane", "-p", "-t", name)), (
            "week never showed"
        )
        tmux("send-keys", "-t", name, "Enter")
        assert wait_for(lambda: "My notes" in tmux("capture-pane", "-p", "-t", name)), tmux(
            "capture-pane", "-p", "-t", name
        )
        sentence = "the discharge hub is the thing everyone mentions and"
        tmux("send-keys", "-t", name, "-l", sentence)
        time.sleep(1.5)  # within a second of the last key the text is on disk
        tmux("send-keys", "-t", name, "-l", " then")
        os.kill(_app_pid(pane_pid), signal.SIGKILL)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    store = Store.open(demo_file)
    try:
        bodies = [n.body for n in store.notes() if n.author_id == me.id]
        assert any(sentence in body for body in bodies)
        assert store.engagement()  # the file opens cleanly: not corrupt
    finally:
        store.close()


def _app_pid(pane_pid: int) -> int:
    """The Python process in the pane (the shell may have exec'd it, or be its parent)."""
    out = subprocess.run(
        ["ps", "-o", "pid=,args=", "--ppid", str(pane_pid)], capture_output=True, text=True
    ).stdout
    for line in out.splitlines():
        pid, _, args = line.strip().partition(" ")
        if "onsite" in args:
            return int(pid)
    return pane_pid
