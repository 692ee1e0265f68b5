"""The week screen's import of the system's timetable: pick the file, preview what it would
add, update, move, rename and cancel, then apply it (onsite/week/reimport.py does the work)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

if TYPE_CHECKING:
    from onsite.store.db import Store
    from onsite.week.reimport import Plan


class TimetableImport:
    """Mixed into the week screen."""

    if TYPE_CHECKING:
        store: Store  # the week screen's; None only before the store opens (NEEDS_STORE waits)
        app: Any
        Changed: Any
        post_message: Any

    def action_import_timetable(self) -> None:
        from screens.forms import FileDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.plan_import(path)

        if self.store is not None:
            self.app.push_screen(
                FileDialog(
                    "The system's timetable (.xlsx, or CSV saved from Excel):",
                    (".xlsx", ".xlsm", ".csv"),
                ),
                chosen,
            )

    @work(thread=True, exit_on_error=False, description="read the timetable")
    def plan_import(self, path: Path, add_peers: bool = False) -> None:
        from onsite.week import reimport, timetable

        try:
            sheet = timetable.read_for(self.store, path, add_peers=add_peers)
        except timetable.TimetableError as e:
            self.app.call_from_thread(
                self._preview,
                path,
                None,
                [f"Nothing imported: {e.summary()}.", *e.messages()],
                bool(e.unknown_peers),
            )
            return
        self.app.call_from_thread(self._preview, path, reimport.plan(self.store, sheet), [])

    def _preview(
        self, path: Path, plan: Plan | None, problems: list[str], unknown_peers: bool = False
    ) -> None:
        """What the sheet would change, to apply or not; or why it cannot be imported."""
        from screens.forms import PreviewDialog

        if plan is None:
            if unknown_peers:

                def add(yes: bool | None) -> None:
                    if yes:
                        self.plan_import(path, add_peers=True)

                self.app.push_screen(
                    PreviewDialog(
                        f"{path.name}: press a to add the unknown peers by their initials "
                        "and preview again, or Escape and add them on the team screen (t)",
                        problems,
                    ),
                    add,
                )
                return
            self.app.push_screen(
                PreviewDialog(f"{path.name}: cannot be imported", problems, can_apply=False)
            )
            return

        def apply(yes: bool | None) -> None:
            if yes:
                self.apply_import(path, plan)

        self.app.push_screen(
            PreviewDialog(
                f"{plan.file}: {plan.summary()}. Apply?", plan.lines(), can_apply=not plan.empty
            ),
            apply,
        )

    @work(thread=True, exit_on_error=False, description="import the timetable")
    def apply_import(self, path: Path, plan) -> None:
        from onsite.week import reimport

        result = reimport.apply(self.store, plan)
        self.post_message(
            self.Changed(
                f"Imported {path.name}: {result.added} added, {result.updated} updated, "
                f"{result.moved} moved, {result.renamed} renamed, {result.cancelled} cancelled"
            )
        )
