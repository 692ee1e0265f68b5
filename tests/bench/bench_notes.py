"""The peer's day and the findings, at scale: search against grep, saving a long note,
keystrokes in the editor, the findings board after a tag, re-anchoring after an edit.

Search is compared with `grep -ri` over the same notes written out as text files, in one
run each, as a peer would grep a folder of notes. The editor figure drives the real app
through Pilot: a key press, then the screen's refresh, on a 10,000-word note.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from tests.bench import common

SEARCH = "search: median of 8 queries"
GREP = "search: grep -ri over the notes as files"
SAVE = "autosave of a 10,000-word note (with re-anchoring and tags)"
KEY = "keystroke to screen, 10,000-word note"
KEY_BASE = "keystroke to screen, bare TextArea with the same note (Pilot's own cost)"
BOARD = "findings board after a tag (the findings it touched, triangulation)"
WHOLE_BOARD = "findings board, built whole (opening it)"
REANCHOR = "re-anchor a 10,000-word note's excerpts after an edit"

TARGETS = {SEARCH: "< 20", KEY: "< 16", BOARD: "< 50", REANCHOR: "< 100", SAVE: "< 100"}
COMPARE = {SEARCH: GREP, KEY: KEY_BASE}
QUERIES = [
    "discharge",
    "domiciliary care",
    '"transfer of care"',
    "workforce",
    "ICB",
    "recruit*",
    "carers respite",
    "VCSE",
]


def _words() -> int:
    """The long note's length: 10,000 words; 2,000 under --quick, which proves the code
    works (still many screens of text) and times nothing."""
    return 2_000 if common.quick() else 10_000


def figures(scale: float) -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory() as folder:
        path = common.copy_of(scale, Path(folder), name="bench notes.onsite")
        found = _search(path, Path(folder))
        found += _long_note(path)
        found.append((KEY, asyncio.run(_keystrokes(path, Path(folder))), "ms"))
        found.append((KEY_BASE, asyncio.run(_bare_keystrokes()), "ms"))
    return found


def _search(path: Path, folder: Path) -> list[tuple[str, float, str]]:
    from onsite.evidence.search import search
    from onsite.store.db import Store

    store = Store.open(path)
    try:
        notes_dir = folder / "notes as files"
        notes_dir.mkdir()
        for note in store.notes():
            (notes_dir / f"{note.id}.md").write_text(note.body, encoding="utf-8")
        search(store, "warm up")
        times = []
        for query in QUERIES:
            t = time.perf_counter()
            search(store, query, limit=50)
            times.append(common.elapsed_ms(t))
    finally:
        store.close()
    found = [(SEARCH, statistics.median(times), "ms")]
    grep = shutil.which("grep")
    if grep:
        t = time.perf_counter()
        subprocess.run([grep, "-ril", "discharge", str(notes_dir)], capture_output=True)
        found.append((GREP, common.elapsed_ms(t), "ms"))
    return found


def _long_note(path: Path) -> list[tuple[str, float, str]]:
    from onsite.evidence import findings, tagging
    from onsite.model import Note
    from onsite.store.db import Store
    from onsite.synth.prose import note_text
    from onsite.week import notes

    store = Store.open(path)
    try:
        session = store.sessions()[0]
        peer = store.peers()[0]
        body = note_text(_words())
        note = notes.save(store, Note(session_id=session.id, author_id=peer.id), body)
        # forty tagged passages spread through the note, as a heavy tagger would leave them
        # (quick: four, and one edit below rather than five: the code runs, no figure)
        step = len(body) // 41
        for i in range(1, 5 if common.quick() else 41):
            tagging.tag(
                store,
                note,
                i * step,
                i * step + 60,
                theme_keys=["workforce"],
                polarity="strength",
                evidence="heard",
                new_statement="" if i > 1 else "Long note finding",
                finding_id=None if i == 1 else store.excerpts(note_id=note.id)[0].finding_id,
            )
        saves, anchors = [], []
        for i in range(1 if common.quick() else 5):
            edited = note.body[:100] + f" inserted words {i} " + note.body[100:]
            t = time.perf_counter()
            notes.save(store, note, edited)
            saves.append(common.elapsed_ms(t))
            old = note.body
            excerpts = store.excerpts(note_id=note.id)
            from onsite.evidence.anchor import Anchor, edited_span, reanchor

            new = old[:50] + "x" + old[50:]
            t = time.perf_counter()
            span = edited_span(old, new)
            for e in excerpts:
                reanchor(Anchor(e.quote, e.prefix, e.suffix, e.start), old, new, span)
            anchors.append(common.elapsed_ms(t))
        t = time.perf_counter()
        shown = findings.board(store)  # as the board screen holds it when a tag is made
        whole_ms = common.elapsed_ms(t)
        finding_id = store.excerpts(note_id=note.id)[0].finding_id
        tagging.tag(
            store,
            note,
            20 * step + 100,
            20 * step + 160,
            theme_keys=["workforce"],
            polarity="strength",
            evidence="heard",
            finding_id=finding_id,
        )
        t = time.perf_counter()
        after, changed = findings.refresh(store, shown)
        board_ms = common.elapsed_ms(t)
        if (
            changed != {finding_id}
            or sum(c.excerpts for c in after.cards) != sum(c.excerpts for c in shown.cards) + 1
        ):
            raise RuntimeError(f"the board after a tag rebuilt {changed}, not {finding_id}")
    finally:
        store.close()
    return [
        (SAVE, statistics.median(saves), "ms"),
        (REANCHOR, statistics.median(anchors), "ms"),
        (BOARD, board_ms, "ms"),
        (WHOLE_BOARD, whole_ms, "ms"),
    ]


KEYS = "the hub works well and the staff say so"


async def _press_all(pilot) -> float:
    times = []
    for ch in KEYS[:8] if common.quick() else KEYS * 2:  # quick: the code runs, no figure
        t = time.perf_counter()
        await pilot.press(ch if ch != " " else "space")
        await pilot.pause()  # the key handled and the screen refreshed
        times.append(common.elapsed_ms(t))
    return statistics.median(times)


async def _bare_keystrokes() -> float:
    """The same presses into a lone TextArea: what Pilot's press-and-wait costs by itself."""
    from textual.app import App
    from textual.widgets import TextArea

    from onsite.synth.prose import note_text

    class Bare(App):
        def compose(self):
            yield TextArea.code_editor(note_text(_words()), language="markdown", soft_wrap=True)

    async with Bare().run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        return await _press_all(pilot)


async def _keystrokes(path: Path, folder: Path) -> float:
    from onsite.store.db import Store
    from onsite.synth.prose import note_text
    from onsite.week import notes
    from screens.app import make_app
    from screens.session import SessionScreen

    store = Store.open(path)
    peer = store.peers()[0]
    store.set_me(peer.id)
    session = store.sessions()[1]
    notes.save(store, notes.my_note(store, peer.id, session_id=session.id), note_text(_words()))
    store.close()
    app = make_app(path, home=folder)
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.screen.open_session(session.id)
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        return await _press_all(pilot)
