"""Driving the real app headless."""

from __future__ import annotations


async def settle(pilot) -> None:
    """Let workers finish and their messages be handled: until no worker runs and the same
    screen has been up, with nothing left to process, for three rounds in a row (a screen
    pushed by a handler lands a round later; under load, several). No fixed sleep. A file
    dialog's folder loader, which never finishes, is not waited for (_waits_for_ever)."""
    from textual.worker import WorkerCancelled, WorkerState

    app = pilot.app
    still = 0
    for _ in range(200):
        working = [w for w in app.workers if not _waits_for_ever(w)]
        try:
            if working:  # wait_for_complete([]) would wait for every worker, the loader too
                await app.workers.wait_for_complete(working)
        except WorkerCancelled:
            pass  # an exclusive worker replaced by a newer one, which the next round waits for
        screen = app.screen
        await pilot.pause()
        busy = any(
            w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for w in app.workers
            if not _waits_for_ever(w)
        )
        still = 0 if busy or app.screen is not screen else still + 1
        if still == 3:
            return


def _waits_for_ever(worker) -> bool:
    """A DirectoryTree (the file dialog's folder tree) runs one loader for as long as it is
    mounted, asleep on a queue of folders to read: it never finishes, so waiting for it would
    never return while a file dialog is open. It uses no CPU while it waits, and the reading
    itself is done by a thread worker of its own, which settle does wait for; the tree's
    handler that queued the folder is busy until it is read, and pilot.pause() waits for that."""
    from textual.widgets import DirectoryTree

    return worker.group == "_loader" and isinstance(worker.node, DirectoryTree)


def screen_text(app) -> str:
    """What the terminal shows, as text: the screenshot's SVG text runs, line by line."""
    import html
    import re

    lines: dict[int, list[str]] = {}
    for line, text in re.findall(
        r'<text [^>]*clip-path="url\(#terminal-\d+-line-(\d+)\)"[^>]*>(.*?)</text>',
        app.export_screenshot(),
    ):
        lines.setdefault(int(line), []).append(html.unescape(text).replace("\xa0", " "))
    return "\n".join("".join(parts) for _, parts in sorted(lines.items()))
