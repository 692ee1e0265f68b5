"""Onsite's own commands in the command palette (Ctrl+P): days, sessions, screens."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from screens.base import InOnsite


class OnsiteCommands(InOnsite, Provider):
    def _commands(self) -> list[tuple[str, Callable, str]]:
        from screens.week import WeekScreen

        app = self.app
        commands: list[tuple[str, Callable, str]] = [
            ("Engagements", app.action_home, "Back to the list of engagements"),
            ("Help", app.action_help, "Keys and how Onsite works"),
            ("Lock", app.action_lock, "Hide everything until the passphrase is given (F12)"),
        ]
        if app.check_action("follow_up", ()):
            commands.append(
                (
                    "Progress review (F6)",
                    app.action_follow_up,
                    "On a peer challenge: make its progress review; on a review: "
                    "progress per recommendation, the report",
                )
            )
        week_screen = next((s for s in app.screen_stack if isinstance(s, WeekScreen)), None)
        if week_screen is None or week_screen.week is None:
            return commands
        commands += [
            (
                "Findings board",
                partial(self._week_action, week_screen, "findings"),
                "Strengths and areas for consideration by line of enquiry",
            ),
            (
                "Search",
                partial(self._week_action, week_screen, "search"),
                "Search everything written",
            ),
            (
                "Pre-reading library",
                partial(self._week_action, week_screen, "library"),
                "Documents and reading notes",
            ),
            (
                "Import timetable",
                partial(self._week_action, week_screen, "import_timetable"),
                "Import or update sessions from the system's .xlsx or a CSV, with a preview",
            ),
            (
                "Team",
                partial(self._week_action, week_screen, "team"),
                "Add, edit and retire peers; the lead peer; the challenge manager",
            ),
            (
                "Switch peer",
                partial(self._week_action, week_screen, "switch_peer"),
                "Say who is using this laptop",
            ),
            (
                "Lines of enquiry and scope",
                partial(self._week_action, week_screen, "lines"),
                "Add, rename, reorder and retire lines; guiding questions; the scope",
            ),
            (
                "Report texts",
                partial(self._week_action, week_screen, "report_texts"),
                "The lead peer's executive summary, key messages and narratives; mark final",
            ),
            (
                "Audit log",
                partial(self._week_action, week_screen, "audit"),
                "Exports, deliveries, guard acceptances and purges",
            ),
        ]
        for plan in week_screen.week.days:
            commands.append(
                (
                    f"Go to {plan.label}",
                    partial(self._go_day, week_screen, plan.day),
                    f"{len(plan.sessions)} sessions",
                )
            )
            for line in plan.sessions:
                s = line.session
                commands.append(
                    (
                        f"Session: {s.title}",
                        partial(self._open_session, week_screen, s.id),
                        f"Day {s.day} {s.start} · {s.kind}",
                    )
                )
        return commands

    def _week_action(self, week_screen, action: str) -> None:
        self._back_to(week_screen, getattr(week_screen, f"action_{action}"))

    def _go_day(self, week_screen, day: int) -> None:
        self._back_to(week_screen, partial(week_screen.action_go_day, day))

    def _open_session(self, week_screen, session_id: str) -> None:
        self._back_to(week_screen, partial(week_screen.open_session, session_id))

    def _back_to(self, screen, then: Callable[[], object]) -> None:
        """Back to the week, saving what the screens above it hold (asking if that fails)."""
        app = self.app
        above = app.screen_stack[app.screen_stack.index(screen) + 1 :]

        def gone() -> None:
            while app.screen is not screen and len(app.screen_stack) > 1:
                app.pop_screen()
            then()

        app.leave(above, gone)

    async def discover(self) -> Hits:
        for title, callback, help_text in self._commands()[:12]:
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
