"""Text areas that save as you type, for the screens beside the week: the texts of one
record at a time, saved every half second while they differ from what was last saved, and
at once when the record changes, the screen is left or the app quits."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Generic, TypeVar

from textual.widgets import TextArea

if TYPE_CHECKING:
    from textual.worker import Worker

SAVE_EVERY = 0.5
K = TypeVar("K")  # what names the record shown: a session's number, a session's id


class Texts(Generic[K]):
    def __init__(self, screen, fields: tuple[str, ...]) -> None:
        """fields: ids of the screen's TextAreas (and the record's field names). The screen's
        `save_texts(key, changed fields)` is a thread worker that writes them holding `lock`
        (the store is never asked on the UI thread)."""
        self.screen, self.fields = screen, fields
        self.key: K | None = None
        self.saved: dict[str, str] = {}
        self.lock = threading.Lock()  # one save at a time, in order
        screen.set_interval(SAVE_EVERY, self.tick)

    def show(self, key: K, values: dict[str, str]) -> None:
        self.flush()
        self.key = key
        for name in self.fields:
            area = self.screen.query_one(f"#{name}", TextArea)
            area.load_text(values.get(name, ""))
            area.move_cursor(area.document.end)  # carry on writing where the text ends
        self.saved = {name: values.get(name, "") for name in self.fields}

    def pending(self) -> dict[str, str]:
        if self.key is None:
            return {}
        current = {name: self.screen.query_one(f"#{name}", TextArea).text for name in self.fields}
        return {k: v for k, v in current.items() if v != self.saved.get(k)}

    def tick(self) -> None:
        self.flush()

    def flush(self) -> Worker | None:
        """Save what differs now, in the screen's worker; the worker (to wait for) or None."""
        changed = self.pending()
        if not changed:
            return None
        self.saved.update(changed)
        return self.screen.save_texts(self.key, changed)
