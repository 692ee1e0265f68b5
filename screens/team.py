"""The team: who is on it, their roles, and who is using this laptop. Keyboard first: a adds,
e edits, l makes the lead peer, r retires or restores, m says "this is me", i imports a list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from screens.base import OnsiteScreen
from screens.forms import FileDialog, FormAnswer, FormDialog
from screens.widgets.footer import KeysFooter
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from onsite.engagement.team import TeamPlan
    from onsite.model import Peer
    from onsite.store.db import Store

FIELDS = [
    ("initials", "Initials"),
    ("name", "Full name"),
    ("title", "Role (their job)"),
    ("email", "E-mail"),
    ("group", "Political group"),
]


class TeamScreen(OnsiteScreen):
    BINDINGS = [
        Binding("a", "add", "Add", id="team.add", tooltip="Add a peer"),
        Binding("e", "edit", "Edit", id="team.edit", tooltip="Edit the highlighted peer"),
        Binding(
            "l",
            "lead",
            "Make lead",
            id="team.lead",
            tooltip="Make the highlighted peer the lead peer (there is only ever one)",
        ),
        Binding(
            "g",
            "manager",
            "Manager",
            id="team.manager",
            tooltip="Mark the highlighted peer as the challenge manager, or a peer again",
        ),
        Binding(
            "r",
            "retire",
            "Retire/restore",
            id="team.retire",
            tooltip="Retire the peer (their notes are kept), or bring them back",
        ),
        Binding(
            "m",
            "me",
            "This is me",
            id="team.me",
            tooltip="Say the highlighted peer is using this laptop",
        ),
        Binding(
            "i",
            "import_team",
            "Import",
            id="team.import",
            tooltip="Import the team from a CSV or .xlsx list",
        ),
        Binding("escape", "app.pop_screen", "Back", id="team.back"),
    ]

    @dataclass
    class Loaded(Message):
        peers: list[Peer]
        me: str | None

    @dataclass
    class Changed(Message):
        summary: str = ""
        form: tuple | None = None  # (heading, answer, peer, problem) to reopen the form with

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.peers: list[Peer] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="me", markup=False)
        yield DataTable(id="team", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "The team"
        self.query_one(DataTable).add_columns(
            "", "Initials", "Name", "On the team", "Role", "Group", "E-mail"
        )
        self.load()

    @work(
        thread=True, exclusive=True, group="load", exit_on_error=False, description="list the team"
    )
    def load(self) -> None:
        self.post_message(self.Loaded(self.store.peers(include_retired=True), self.store.me()))

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        order = {"lead peer": 0, "challenge manager": 2}
        table = self.query_one(DataTable)
        was = self.current()
        self.peers = sorted(message.peers, key=lambda p: (p.retired, order.get(p.role, 1), p.name))
        row = table.cursor_row
        if was is not None:  # the highlight follows the peer as the order changes
            row = next((i for i, p in enumerate(self.peers) if p.id == was.id), row)
        table.clear()
        for p in self.peers:
            table.add_row(
                "▶" if p.id == message.me else "",
                p.initials,
                p.name,
                p.role + (" (retired)" if p.retired else ""),
                p.title,
                p.political_group,
                p.email,
                key=p.id,
            )
        if self.peers:
            table.move_cursor(row=min(row, len(self.peers) - 1))
        me = next((p for p in self.peers if p.id == message.me), None)
        leads = [p for p in self.peers if p.role == "lead peer" and not p.retired]
        self.query_one("#me", Static).update(
            (
                f"This laptop: {me.initials} {me.name}."
                if me
                else "This laptop: nobody yet. Highlight yourself and press m."
            )
            + ("" if leads or not self.peers else "  No lead peer yet: highlight one and press l.")
        )
        table.focus()

    def current(self) -> Peer | None:
        table = self.query_one(DataTable)
        if not self.peers or table.cursor_row >= len(self.peers):
            return None
        return self.peers[table.cursor_row]

    def action_add(self) -> None:
        self._form("Add a peer", {}, None)

    def action_edit(self) -> None:
        p = self.current()
        if p is not None:
            self._form(
                f"Edit {p.name}",
                dict(
                    initials=p.initials,
                    name=p.name,
                    title=p.title,
                    email=p.email,
                    group=p.political_group,
                ),
                p,
            )

    def _form(self, heading: str, values: dict, peer: Peer | None, problem: str = "") -> None:
        fields = [(k, label, values.get(k, "")) for k, label in FIELDS]
        checks = (
            []
            if peer
            else [
                ("lead", "Lead peer", bool(values.get("lead"))),
                ("manager", "Challenge manager (LGA)", bool(values.get("manager"))),
            ]
        )

        def done(answer: FormAnswer | None) -> None:
            if answer is not None:
                self.save(heading, answer, peer)

        self.app.push_screen(FormDialog(heading, fields, checks, problem), done)

    @work(thread=True, exit_on_error=False, description="save the peer")
    def save(self, heading: str, answer: FormAnswer, peer: Peer | None) -> None:
        from onsite.engagement import team

        text = answer.text
        try:
            if peer is None:
                saved, note = team.add_peer(
                    self.store,
                    initials=text("initials"),
                    name=text("name"),
                    title=text("title"),
                    lead=answer.checks.get("lead", False),
                    manager=answer.checks.get("manager", False),
                    email=text("email"),
                    group=text("group"),
                )
            else:
                saved, note = team.edit_peer(
                    self.store,
                    peer,
                    initials=text("initials"),
                    name=text("name"),
                    title=text("title"),
                    email=text("email"),
                    group=text("group"),
                )
        except ValueError as e:
            self.post_message(self.Changed(form=(heading, answer, peer, str(e))))
            return
        self.post_message(
            self.Changed(f"Saved {saved.initials} {saved.name}." + (f" {note}." if note else ""))
        )

    @on(Changed)
    def _changed(self, message: Changed) -> None:
        if message.form is not None:
            heading, answer, peer, problem = message.form
            self._form(heading, answer.texts | answer.checks, peer, problem)
            return
        if message.summary:
            self.notify(message.summary)
        self.load()

    def action_lead(self) -> None:
        self._role("lead peer")

    def action_manager(self) -> None:
        p = self.current()
        if p is not None:
            self._role("peer" if p.role == "challenge manager" else "challenge manager")

    def _role(self, role: str) -> None:
        p = self.current()
        if p is not None:
            self.set_role(p, role)

    @work(thread=True, exit_on_error=False, description="change the peer's role")
    def set_role(self, peer: Peer, role: str) -> None:
        from onsite.engagement import team

        saved, note = team.edit_peer(self.store, peer, role=role)
        self.post_message(
            self.Changed(f"{saved.name}: {saved.role}." + (f" {note}." if note else ""))
        )

    def action_retire(self) -> None:
        p = self.current()
        if p is not None:
            self.retire(p)

    @work(thread=True, exit_on_error=False, description="retire the peer")
    def retire(self, peer: Peer) -> None:
        from onsite.engagement import team

        team.retire_peer(self.store, peer, not peer.retired)
        self.post_message(
            self.Changed(
                f"{peer.name}: "
                + ("back on the team." if not peer.retired else "retired; their notes are kept.")
            )
        )

    def action_me(self) -> None:
        p = self.current()
        if p is not None and not p.retired:
            self.set_me(p)

    @work(thread=True, exit_on_error=False, description="say who is using this laptop")
    def set_me(self, peer: Peer) -> None:
        self.store.set_me(peer.id)
        self.post_message(self.Changed(f"This laptop is now {peer.name}'s."))

    def action_import_team(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.import_team(path)

        self.app.push_screen(
            FileDialog("Team list to import (CSV or .xlsx):", (".csv", ".xlsx", ".xlsm")), chosen
        )

    @dataclass
    class Planned(Message):
        path: Path
        plan: TeamPlan | None  # None when the list has problems
        problems: list[str]

    @work(thread=True, exit_on_error=False, description="read the team list")
    def import_team(self, path: Path) -> None:
        """Read the list and show what it would change, as the timetable import does."""
        from onsite.engagement import team

        try:
            plan = team.plan_team(self.store, path)
        except ValueError as e:
            self.post_message(self.Planned(path, None, str(e).splitlines()))
            return
        self.post_message(self.Planned(path, plan, []))

    @on(Planned)
    def _preview(self, message: Planned) -> None:
        from screens.forms import PreviewDialog

        plan = message.plan
        if plan is None:
            self.app.push_screen(
                PreviewDialog(
                    f"{message.path.name}: cannot be imported",
                    [p.strip() for p in message.problems],
                    can_apply=False,
                )
            )
            return

        def apply(yes: bool | None) -> None:
            if yes:
                self.apply_team(message.path, plan)

        self.app.push_screen(
            PreviewDialog(
                f"{plan.file}: {plan.summary()}. Apply?", plan.lines(), can_apply=bool(plan.lines())
            ),
            apply,
        )

    @work(thread=True, exit_on_error=False, description="import the team")
    def apply_team(self, path: Path, plan: TeamPlan) -> None:
        from onsite.engagement import team

        result = team.apply_team(self.store, plan)
        self.post_message(
            self.Changed(
                f"Imported {path.name}: {len(result.added)} added, {len(result.updated)} updated."
            )
        )
