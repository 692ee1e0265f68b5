"""Text areas that save as you type, for the screens beside the week: the texts of one
record at a time, saved every half second while they differ from what was last saved, and
at once when the record changes, the screen is left or the app quits."""

from __future__ import annotations

import threading
from collections.abc import Callable

from textual.widgets import TextArea

SAVE_EVERY = 0.5


class Texts:
    def __init__(self, screen, fields: tuple[str, ...],
                 save: Callable[[object, dict[str, str]], None]) -> None:
        """fields: ids of the screen's TextAreas (and the record's field names);
        save(key, changed fields) runs in a thread, or in the caller's on flush."""
        self.screen, self.fields, self._save = screen, fields, save
        self.key: object = None
        self.saved: dict[str, str] = {}
        self._lock = threading.Lock()
        screen.set_interval(SAVE_EVERY, self.tick)

    def show(self, key: object, values: dict[str, str]) -> None:
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
        changed = self.pending()
        if changed:
            self.saved.update(changed)
            key = self.key
            self.screen.run_worker(lambda: self._locked(key, changed), thread=True,
                                   group="save", exit_on_error=False, description="save")

    def _locked(self, key, changed) -> None:
        with self._lock:  # one save at a time, in order
            self._save(key, changed)

    def flush(self) -> None:
        changed = self.pending()
        if changed:
            self.saved.update(changed)
            self._locked(self.key, changed)
