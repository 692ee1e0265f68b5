"""One autosave text for everything a person writes: notes, daily updates, findings.

The text widget saves nothing itself. While its text differs from what was last saved it
posts SaveRequested at a steady rhythm (one request in flight at a time); the host (the
screen or pane that owns the record) writes it in a thread worker and answers with
`saved` or `failed`. The text counts as unsaved until the store has taken it, so a failed
write never drops a word: it says at once what failed and why, and is tried again on a timer
until it lands. Leaving or quitting with unsaved text asks first (see OnsiteApp.leave).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from time import monotonic
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.message import Message
from textual.widgets import Static, TextArea

if TYPE_CHECKING:
    from textual.worker import Worker

SAVE_EVERY = 0.5  # seconds between a change and its save
RETRY_EVERY = 2.0  # seconds between attempts after a failed save
STUCK_AFTER = 30.0  # a save with no answer this long (its worker lost) is asked for again

# One write at a time, in the order asked, whichever window or thread asks.
_SAVE_LOCK = threading.Lock()


def why_not_saved(error: BaseException) -> str:
    """A failed write in words a peer can act on, with the system's own reason after it."""
    original = getattr(error, "orig", None) or error  # SQLAlchemy wraps the sqlite error
    text = " ".join(str(original).split()) or type(original).__name__
    lowered = text.lower()
    if "disk is full" in lowered or "no space" in lowered:
        return f"the disk is full ({text})"
    if "readonly" in lowered or "read-only" in lowered or "permission" in lowered:
        return f"the engagement file cannot be written: it is read-only ({text})"
    if "locked" in lowered or "busy" in lowered:
        return f"another program is writing the engagement file ({text})"
    if "disk i/o" in lowered or isinstance(original, OSError):
        return f"the disk could not be written ({text})"
    return text


@dataclass
class Pending:
    """Text not yet in the store, and where it belongs (for a recovery file)."""

    editor: AutosaveText
    text: str
    generation: int
    label: str


class AutosaveText(Vertical):
    """A TextArea that asks its host to save it, and shows whether that worked."""

    AREA: type[TextArea] = TextArea  # the Markdown text area (the note editor colours tags)

    DEFAULT_CSS = """
    AutosaveText { height: 1fr; }
    AutosaveText TextArea { height: 1fr; }
    AutosaveText .problem { color: $error; text-style: bold; height: auto; padding: 0 1;
                            display: none; }
    AutosaveText.failing .problem { display: block; }
    AutosaveText .warning { color: $warning; height: auto; padding: 0 1; }
    AutosaveText .status { color: $text-muted; height: 1; padding: 0 1; }
    AutosaveText.compact .status { display: none; }
    """

    @dataclass
    class SaveRequested(Message):
        editor: AutosaveText
        text: str
        generation: int

        @property
        def control(self) -> AutosaveText:
            return self.editor

    @dataclass
    class Outcome(Message):
        """A save finished; the host's worker posts it to the editor."""

        generation: int
        text: str
        problem: str = ""  # why it failed; empty when saved
        notice: str = ""  # said after a save that worked: a name in a note, a conflict

    def __init__(
        self,
        text: str = "",
        *,
        label: str = "text",
        read_only: bool = False,
        markdown: bool = True,
        area_id: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.initial = text
        self.label = label  # what this text is, in a recovery file: "My notes on DPH"
        self.read_only = read_only
        self.markdown = markdown
        self.area_id = area_id
        self.baseline = text  # what the store holds, as far as this editor knows
        self.generation = 0  # counts edits: an older save finishing late changes nothing
        self.in_flight = False
        self._requested_at = 0.0
        self._saved_generation = -1
        self.problem = ""
        self._retry_at = 0.0
        self._alerted = False
        self._shown: dict[str, str] = {}  # selector -> the text its Static shows

    def compose(self) -> ComposeResult:
        if self.markdown:
            area = self.AREA.code_editor(
                self.initial,
                language="markdown",
                soft_wrap=True,
                show_line_numbers=False,
                read_only=self.read_only,
                theme="monokai",
                id=self.area_id,
            )
        else:
            area = TextArea(self.initial, soft_wrap=True, read_only=self.read_only, id=self.area_id)
        area.cursor_blink = False
        yield area
        yield Static("", classes="problem", markup=False)
        yield Static("", classes="warning", markup=False)
        yield Static("read only" if self.read_only else "", classes="status", markup=False)
        self._shown = {".problem": "", ".warning": "", ".status": "read only" * self.read_only}

    def on_mount(self) -> None:
        self.set_interval(SAVE_EVERY, self._tick, name="autosave")

    @property
    def text_area(self) -> TextArea:
        return self.query_one(TextArea)

    @property
    def text(self) -> str:
        return self.text_area.text

    @property
    def dirty(self) -> bool:
        """Typed but not yet known to be in the store."""
        return not self.read_only and self.text_area.text != self.baseline

    def load_text(self, text: str, *, read_only: bool | None = None) -> None:
        """Show text that came from the store: nothing to save, any old problem gone."""
        if read_only is not None:
            self.read_only = read_only
            self.text_area.read_only = read_only
        self.baseline = text
        self.generation += 1
        self._saved_generation = self.generation
        self._clear_problem()
        if self.text_area.text != text:
            self.text_area.load_text(text)
        self._status("read only" if self.read_only else "")

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        if event.text_area is not self.text_area or self.read_only:
            return
        self.generation += 1
        if self.dirty and not self.problem:
            self._status("editing…")

    def _tick(self) -> None:
        if self.in_flight and monotonic() - self._requested_at > STUCK_AFTER:
            self.in_flight = False  # never wait forever on an answer that will not come
        if self.in_flight or not self.dirty:
            return
        if self.problem and monotonic() < self._retry_at:
            return
        self.request_save()

    def request_save(self) -> None:
        """Ask the host to save now (if there is anything to save and no save is running)."""
        if self.in_flight or not self.dirty:
            return
        self.in_flight = True
        self._requested_at = monotonic()
        self.post_message(self.SaveRequested(self, self.text, self.generation))

    def pending(self) -> Pending | None:
        return Pending(self, self.text, self.generation, self.label) if self.dirty else None

    @on(Outcome)
    def _outcome(self, message: Outcome) -> None:
        message.stop()
        self.in_flight = False
        if message.generation < self._saved_generation:
            return  # a save of older words that finished after a newer one
        if message.problem:
            self.failed(message.problem)
        else:
            self._saved_generation = message.generation
            self.saved(message.text, message.notice)
            if self.dirty:
                self.request_save()  # typed while that save ran: catch up now, not next tick

    def saved(self, text: str, notice: str = "") -> None:
        self.baseline = text
        was_failing = bool(self.problem)
        self._clear_problem()
        if was_failing:
            self.app.notify(f"Saved {self.label} after all: the store took it.", markup=False)
        self._status("editing…" if self.dirty else f"saved {datetime.now():%H:%M:%S}")
        if notice.startswith("!"):  # a sync conflict: say so at once, not only in the status
            notice = notice[1:]
            self.app.notify(notice, title="Conflict", severity="warning", timeout=12, markup=False)
        self.warn(notice)

    def failed(self, problem: str) -> None:
        self.problem = problem
        self._retry_at = monotonic() + RETRY_EVERY
        self.add_class("failing")
        self._show(
            ".problem",
            f"NOT SAVED: {problem}. Your text is kept here and saving is "
            f"tried again every {RETRY_EVERY:g} s. Free the disk or fix the file; leaving "
            "or quitting offers to write it to a recovery file.",
        )
        self._status(f"not saved (last try {datetime.now():%H:%M:%S})")
        if not self._alerted:  # once per failure streak: a toast every two seconds is noise
            self._alerted = True
            self.app.notify(
                f"Could not save {self.label}: {problem}. Retrying.",
                title="Not saved",
                severity="error",
                timeout=15,
                markup=False,
            )

    def warn(self, message: str) -> None:
        self._show(".warning", message)

    def _clear_problem(self) -> None:
        self.problem = ""
        self._alerted = False
        self.remove_class("failing")
        self._show(".problem", "")

    def _status(self, text: str) -> None:
        self._show(".status", text)

    def _show(self, selector: str, text: str) -> None:
        """Update a line under the text only when it says something new: a Static's update
        lays the screen out again, and "editing…" is said again on every key. The status is
        one line the width of the editor whatever it says, so it needs no layout at all."""
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            self.query_one(selector, Static).update(text, layout=selector != ".status")


class AutosaveHost:
    """Mixed into the screen or pane that owns AutosaveText editors and their records.

    `save_text` runs in a thread worker and writes one editor's text to the store; it may
    return a notice to show under the text ("!" first: a conflict, said at once).
    """

    def save_text(self, editor: AutosaveText, text: str) -> str:
        raise NotImplementedError

    def on_autosave_text_save_requested(self, event: AutosaveText.SaveRequested) -> None:
        event.stop()
        self.autosave(event.editor, event.text, event.generation)

    @work(thread=True, group="autosave", exit_on_error=False, description="save the text")
    def autosave(self, editor: AutosaveText, text: str, generation: int) -> None:
        editor.post_message(self._save_one(editor, text, generation))

    def _save_one(self, editor: AutosaveText, text: str, generation: int) -> AutosaveText.Outcome:
        with _SAVE_LOCK:
            try:
                notice = self.save_text(editor, text) or ""
            except Exception as e:  # every failure is shown and retried, never swallowed
                return AutosaveText.Outcome(generation, text, problem=why_not_saved(e))
        return AutosaveText.Outcome(generation, text, notice=notice)

    def save_first(self, pending: list[Pending]) -> bool:
        """In a worker, before a change that needs the saved text (a delivery, a tag): save
        what is typed; False if the store would not take it (its editor says why)."""
        ok = True
        for item in pending:
            outcome = self._save_one(item.editor, item.text, item.generation)
            item.editor.post_message(outcome)
            ok = ok and not outcome.problem
        return ok

    def editors(self) -> list[AutosaveText]:
        if not isinstance(self, DOMNode):  # mixed only into screens and widgets
            return []
        return [e for e in self.query(AutosaveText) if _host_of(e) is self]

    def pending(self) -> list[Pending]:
        return [p for p in (e.pending() for e in self.editors()) if p is not None]

    @work(
        thread=True, group="autosave-flush", exit_on_error=False, description="save before leaving"
    )
    def save_pending(self, pending: list[Pending]) -> list[tuple[Pending, str]]:
        """Save the given texts now; returns those that failed, with why. Awaited by the app
        before a screen is left or the app quits."""
        failures = []
        for item in pending:
            outcome = self._save_one(item.editor, item.text, item.generation)
            item.editor.post_message(outcome)
            if outcome.problem:
                failures.append((item, outcome.problem))
        return failures


def _host_of(editor: AutosaveText) -> AutosaveHost | None:
    for node in editor.ancestors:
        if isinstance(node, AutosaveHost):
            return node
    return None


async def save_everything(hosts: list[AutosaveHost]) -> list[tuple[Pending, str]]:
    """Save what every host has pending, each in its worker; the failures, with why."""
    from textual.worker import WorkerCancelled, WorkerFailed

    failures: list[tuple[Pending, str]] = []
    for host in hosts:
        pending = host.pending()
        if pending:
            worker: Worker = host.save_pending(pending)
            try:
                await worker.wait()
            except (WorkerCancelled, WorkerFailed) as e:
                failures += [(p, f"the save was interrupted ({e})") for p in pending]
                continue
            failures += worker.result or []
    return failures
