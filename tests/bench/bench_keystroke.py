"""Keystroke to screen inside the app, on a 10,000-word note, while autosave runs.

The session screen of the real app (headless, 120x36) holds my 10,000-word note with forty
tagged passages. Keys are posted to the app as the terminal driver posts them, one every
80 ms (a quick typist), for 150 keys: the note editor asks for a save every 0.5 s of
change, so about twenty saves (each re-anchoring the excerpts, re-reading the tags and
updating the search index, in a worker thread) run among them. Each figure is from the key
event's creation to the end of the first refresh after the text area has handled it
(`TextArea.Changed` seen through the app's `message_signal`, then `call_after_refresh`).
The same keys into a bare TextArea holding the same text give the yardstick.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from tests.bench import common

KEY_P95 = "keystroke in the app, 10,000-word note, autosave running: 95th percentile"
KEY_MEDIAN = "keystroke in the app, 10,000-word note, autosave running: median"
BARE_P95 = "keystroke in a bare TextArea, same note: 95th percentile"
SAVES = "keystroke benchmark: autosaves during the typing"
TARGETS = {KEY_P95: "< 16"}
COMPARE = {KEY_P95: BARE_P95}
RUNS = 2
TEXT = "the hub works well and the staff say so. "
INTERVAL = 0.08


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


async def _type(app, area, keys: int) -> list[float]:
    from textual import events
    from textual.widgets import TextArea

    times: list[float] = []
    pending: dict[str, float] = {}

    def painted() -> None:
        if "sent" in pending:
            times.append((time.perf_counter() - pending.pop("sent")) * 1000)

    def seen(message) -> None:
        if isinstance(message, TextArea.Changed) and "sent" in pending:
            app.call_after_refresh(painted)

    app.message_signal.subscribe(app, seen, immediate=True)
    area.focus()
    for i in range(keys):
        ch = TEXT[i % len(TEXT)]
        key = "space" if ch == " " else ("full_stop" if ch == "." else ch)
        pending["sent"] = time.perf_counter()
        app.post_message(events.Key(key, ch))
        await asyncio.sleep(INTERVAL)
    await asyncio.sleep(0.5)
    return times


async def _app_keys(path: Path, home: Path, session_id: str, keys: int) -> tuple[list[float], int]:
    from screens.app import make_app
    from screens.session import SessionScreen
    from screens.widgets.note_editor import NoteEditor

    app = make_app(path, home=home, idle_minutes=0)
    saves = []
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(600):
            if app.store is not None:
                break
            await pilot.pause(0.05)
        app.screen.open_session(session_id)
        for _ in range(600):
            if isinstance(app.screen, SessionScreen) and app.screen.query("#mine"):
                break
            await pilot.pause(0.05)
        await pilot.pause(0.3)
        screen = app.screen
        save = screen.save_text  # what the autosave's worker runs, in the app

        def counted(editor, text: str):
            saves.append(1)
            return save(editor, text)

        screen.save_text = counted
        area = screen.query_one("#mine", NoteEditor).text_area
        times = await _type(app, area, keys)
    return times, len(saves)


async def _bare_keys(text: str, keys: int) -> list[float]:
    from textual.app import App
    from textual.widgets import TextArea

    class Bare(App):
        def compose(self):
            area = TextArea.code_editor(
                text, language="markdown", soft_wrap=True, show_line_numbers=False, theme="monokai"
            )
            area.cursor_blink = False
            yield area

    app = Bare()
    async with app.run_test(size=(120, 36)) as pilot:
        area = app.query_one(TextArea)
        area.move_cursor(area.document.end)
        await pilot.pause(0.3)
        return await _type(app, area, keys)


def figures(scale: float) -> list[tuple[str, float, str]]:
    from onsite.evidence import tagging
    from onsite.store.db import Store
    from onsite.synth.prose import note_text
    from onsite.week import notes

    keys = 10 if common.quick() else 150
    with tempfile.TemporaryDirectory(prefix="onsite-bench-keys-") as tmp:
        folder = Path(tmp)
        path = common.copy_of(scale, folder, name="keystrokes.onsite")
        store = Store.open(path)
        try:
            peer = store.peers()[0]
            store.set_me(peer.id)
            session = store.sessions()[1]
            # quick: 2,000 words, still many screens of text (it proves the code, times nothing)
            body = note_text(2_000 if common.quick() else 10_000)
            note = notes.save(store, notes.my_note(store, peer.id, session_id=session.id), body)
            step = len(body) // 41
            first = None
            # forty tagged passages, as a heavy tagger leaves them (quick: four)
            for i in range(1, 5 if common.quick() else 41):
                excerpt = tagging.tag(
                    store,
                    note,
                    i * step,
                    i * step + 60,
                    theme_keys=["workforce"],
                    polarity="strength",
                    evidence="heard",
                    finding_id=first,
                    new_statement="" if first else "Long note finding",
                )
                first = first or excerpt.finding_id
            text = store.get(type(note), note.id).body
        finally:
            store.close()
        times, saves = asyncio.run(_app_keys(path, folder, session.id, keys))
        bare = asyncio.run(_bare_keys(text, keys))
    return [
        (KEY_P95, _p95(times), "ms"),
        (KEY_MEDIAN, statistics.median(times), "ms"),
        (BARE_P95, _p95(bare), "ms"),
        (SAVES, saves, "saves"),
    ]


if __name__ == "__main__":
    import sys

    for name, value, unit in figures(float(sys.argv[1]) if len(sys.argv) > 1 else 1):
        print(f"{value:10.1f} {unit}  {name}")
