"""The lead peer's own words for system leaders: the executive summary, the key messages, each
line of enquiry's narrative, next steps, thanks and contacts; and the marks (feedback
presented, report final).

Each text starts as Onsite's draft from the agreed findings, marked as a draft until the lead
edits it or accepts it as it stands. Edits are saved as the lead types (a second after the
last key, in a worker, in the order typed) and when the lead leaves the text or the screen.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from screens.base import OnsiteScreen
from screens.widgets.footer import KeysFooter
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from onsite.leaders.texts import Text
    from onsite.store.db import Store

SAVE_AFTER = 1.0  # seconds after the last key press


class ReportTextsScreen(OnsiteScreen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="texts.back", tooltip="Save and go back"),
        Binding("ctrl+s", "save", "Save", id="texts.save", tooltip="Save the text now"),
        Binding(
            "f3",
            "accept",
            "Accept draft",
            id="texts.accept",
            tooltip="Take Onsite's draft as the lead peer's own words",
        ),
        Binding(
            "f8",
            "presented",
            "Presented",
            id="texts.presented",
            tooltip="Mark the final-day feedback presented (or not yet)",
        ),
        Binding(
            "f9",
            "final",
            "Final",
            id="texts.final",
            tooltip="Mark the report final: DRAFT leaves every document (or back to draft)",
        ),
    ]

    @dataclass
    class Loaded(Message):
        texts: list[Text]
        presented: str  # when, or ""
        final: bool
        blockers: list[str]

    @dataclass
    class Saved(Message):
        edits: dict[str, str]  # what was saved, by text

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.texts: list[Text] = []
        self.current: str | None = None  # the key of the text in the editor
        self.pending: dict[str, str] = {}  # typed and not yet saved
        self._lock = threading.Lock()  # saves run one at a time, in the order asked
        self._timer = None
        self._loading = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal():
            with Vertical(id="list-side"):
                yield OptionList(id="texts")
                yield Static("", id="marks", markup=False)
            with Vertical(id="edit-side"):
                yield Static("", id="state", markup=False)
                yield TextArea("", id="body", soft_wrap=True, show_line_numbers=False)
                with Horizontal(id="buttons"):
                    yield Button("Accept draft F3", id="accept")
                    yield Button("Back to draft", id="revert")
                    yield Button("Presented F8", id="presented")
                    yield Button("Final F9", id="final")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "The lead peer's texts for system leaders"
        self.load()

    # -- loading ---------------------------------------------------------------------------

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="load",
        description="compile the texts",
    )
    def load(self) -> None:
        from onsite.leaders import texts
        from onsite.leaders.feedback import compile_feedback
        from onsite.leaders.marks import final_blockers

        with self._lock:  # after any save in flight, so the list shows what was typed
            feedback = compile_feedback(self.store)
            self.post_message(
                self.Loaded(
                    texts.texts(self.store, feedback),
                    feedback.presented,
                    feedback.final,
                    final_blockers(self.store, feedback),
                )
            )

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        self.texts = message.texts
        options = self.query_one("#texts", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(
            [
                Option(("\u25cb " if t.drafted else "\u25cf ") + t.label, id=t.key)
                for t in message.texts
            ]
        )
        keys = [t.key for t in message.texts]
        index = keys.index(self.current) if self.current in keys else (highlighted or 0)
        options.highlighted = min(index, len(keys) - 1) if keys else None
        marks = [
            f"Feedback: presented {message.presented[:10]}"
            if message.presented
            else "Feedback: not yet presented",
            "Report: FINAL" if message.final else "Report: DRAFT",
        ]
        if not message.final and message.blockers:
            marks.append("Before final:\n" + "\n".join(f"- {b}" for b in message.blockers))
        marks.append("\u25cf the lead's words  \u25cb Onsite's draft")
        self.query_one("#marks", Static).update("\n".join(marks))
        self.query_one("#presented", Button).label = (
            "Not presented F8" if message.presented else "Presented F8"
        )
        self.query_one("#final", Button).label = "DRAFT again F9" if message.final else "Final F9"
        self._open(self.current or (keys[0] if keys else None))

    def _text(self, key: str | None) -> Text | None:
        return next((t for t in self.texts if t.key == key), None)

    def _open(self, key: str | None) -> None:
        text = self._text(key)
        if text is None:
            return
        self.current = text.key
        body = self.pending.get(text.key, text.body)
        area = self.query_one("#body", TextArea)
        if area.text != body:
            self._loading = True
            area.load_text(body)
        drafted = text.drafted and key not in self.pending
        self.query_one("#state", Static).update(
            f"{text.label}: Onsite's DRAFT from the agreed findings, not yet the lead's words. "
            "Edit it, or accept it as it stands (F3)."
            if drafted and text.draft.strip()
            else f"{text.label}: nothing agreed to draft from. Write the lead peer's own sentence."
            if drafted
            else f"{text.label}: the lead peer's words."
        )
        self.query_one("#accept", Button).disabled = not drafted or not text.draft.strip()
        self.query_one("#revert", Button).disabled = drafted

    @on(OptionList.OptionHighlighted, "#texts")
    def _choose(self, event: OptionList.OptionHighlighted) -> None:
        key = event.option.id
        if key != self.current:
            self._flush()
            self._open(key)

    # -- saving ------------------------------------------------------------------------------

    @on(TextArea.Changed, "#body")
    def _typed(self, event: TextArea.Changed) -> None:
        if self._loading:
            self._loading = False
            return
        text = self._text(self.current)
        if text is None or event.text_area.text == text.body and text.key not in self.pending:
            return
        self.pending[text.key] = event.text_area.text
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_AFTER, self._flush)

    def _flush(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.pending:
            self.save(dict(self.pending))

    @work(thread=True, exit_on_error=False, group="save", description="save the text")
    def save(self, edits: dict[str, str]) -> None:
        from onsite.leaders import texts

        with self._lock:
            for key, body in edits.items():
                texts.save(self.store, key, body)
        self.post_message(self.Saved(edits))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        for key, body in message.edits.items():
            if self.pending.get(key) == body:  # nothing typed since: saved as it stands
                del self.pending[key]
        self.load()

    def action_save(self) -> None:
        self._flush()
        self.notify("Saved.")

    def action_back(self) -> None:
        self._flush()  # the worker finishes even after the screen has gone
        self.app.pop_screen()

    # -- accepting and marking ---------------------------------------------------------------

    @on(Button.Pressed, "#accept")
    def action_accept(self) -> None:
        text = self._text(self.current)
        if (
            text is not None
            and text.drafted
            and text.draft.strip()
            and self.current not in self.pending
        ):
            self.pending[text.key] = text.draft
            self._flush()

    @on(Button.Pressed, "#revert")
    def _revert(self) -> None:
        if self.current is not None:
            self.pending[self.current] = ""
            self._flush()

    @on(Button.Pressed, "#presented")
    def action_presented(self) -> None:
        from onsite.leaders.texts import PRESENTED

        self._flush()
        self.toggle_mark(PRESENTED)

    @on(Button.Pressed, "#final")
    def action_final(self) -> None:
        from onsite.leaders.texts import FINAL

        self._flush()
        self.toggle_mark(FINAL)

    @work(thread=True, exit_on_error=False, group="save", description="mark it")
    def toggle_mark(self, key: str) -> None:
        from onsite.confidential.clearance import lead_peer
        from onsite.leaders import marks

        with self._lock:
            if marks.marked(self.store, key):
                marks.unmark(self.store, key)
            else:
                marks.mark(self.store, key, lead_peer(self.store).id)
        self.post_message(self.Saved({}))
