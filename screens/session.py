"""A session: who was met (by role; names confidential), my notes, and the other peers' notes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, LoadingIndicator, Static, TabbedContent, TabPane

from screens.dialogs import PickDialog
from screens.note_screen import NoteScreen
from screens.widgets.footer import KeysFooter
from screens.widgets.note_editor import NoteEditor
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from onsite.model import Note
    from onsite.store.db import Store
    from onsite.week.sessions import SessionView
    from screens.forms import FormAnswer
    from screens.tag import Tagging
    from screens.widgets.autosave import Pending


class ParticipantsTable(DataTable):
    """The session's participants; a adds, e (or Enter) edits, x removes the highlighted one."""

    BINDINGS = [
        Binding(
            "a",
            "add",
            "Add participant",
            id="participants.add",
            tooltip="Add someone met in this session (a group with how many)",
        ),
        Binding(
            "e,enter",
            "edit",
            "Edit",
            id="participants.edit",
            tooltip="Edit the highlighted participant",
        ),
        Binding(
            "x,delete",
            "remove",
            "Remove",
            id="participants.remove",
            tooltip="Remove the highlighted participant",
        ),
    ]

    def _current(self):
        people = getattr(self.screen, "people", [])
        return people[self.cursor_row] if people and self.cursor_row < len(people) else None

    @property
    def session_screen(self) -> SessionScreen:
        return cast(SessionScreen, self.screen)  # the table lives only on the session screen

    def action_add(self) -> None:
        if self.session_screen.view is not None:
            self.session_screen.participant_form()

    def action_edit(self) -> None:
        p = self._current()
        if p is not None:
            self.session_screen.participant_form(p)

    def action_remove(self) -> None:
        p = self._current()
        if p is not None:
            self.session_screen.remove_participant(p)


class SessionScreen(NoteScreen):
    BINDINGS = [
        Binding(
            "ctrl+t",
            "tag",
            "Tag",
            id="session.tag",
            tooltip="Tag the selected passage as evidence for a finding",
        ),
        Binding(
            "ctrl+n",
            "participants",
            "People",
            id="session.participants",
            tooltip="Show or hide the participants, to give the notes more room",
        ),
    ]
    SHARES = (("Role", 30), ("Organisation", 36), ("Sector", 14), ("Name", 20))
    TALL = 30  # below this many lines the participants start folded to one line

    @dataclass
    class Loaded(Message):
        view: SessionView
        lookup: dict[str, str]  # hashtag spellings, for highlighting
        check: Callable[[str], list[str]]  # names and unknown tags, while typing

    def __init__(self, store: Store, session_id: str) -> None:
        super().__init__(store)
        self.session_id = session_id
        self.view: SessionView | None = None
        self.people: list = []
        self._lookup: dict[str, str] = {}

    @property
    def loaded(self) -> SessionView:
        """The session as loaded: its forms and dialogs open only once it is."""
        if self.view is None:
            raise ValueError("the session is still opening")
        return self.view

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="heading", markup=False)
        yield Static(
            "Participants (names are confidential to the team)",
            id="people-label",
            classes="label",
            markup=False,
        )
        yield ParticipantsTable(id="participants", cursor_type="row")
        yield LoadingIndicator(id="opening")  # opening takes a moment on a busy laptop
        yield TabbedContent(id="notes")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.people_shown: bool | None = None  # None: by the terminal's height
        self._columns()
        self.load()

    def _columns(self) -> None:
        """Columns share the width, and a long organisation wraps rather than being cut."""
        table = self.query_one("#participants", DataTable)
        room = max(40, (self.size.width or 80) - 2 - 2 * len(self.SHARES))
        table.clear(columns=True)
        for name, share in self.SHARES:
            table.add_column(name, key=name, width=room * share // 100)
        self._width = self.size.width
        if self.view is not None:
            self._fill_participants(self.people)

    def _fill_participants(self, participants) -> None:
        table = self.query_one("#participants", DataTable)
        row = table.cursor_row
        table.clear()
        self.people = list(participants)
        for p in self.people:
            role = p.role + (f" ({p.headcount})" if p.headcount > 1 else "")
            table.add_row(
                Text(role),
                Text(p.organisation),
                Text(p.sector),
                Text(p.name),
                height=None,
                key=p.id,
            )
        if self.people:
            table.move_cursor(row=min(row, len(self.people) - 1))
        self._show_people()

    def _show_people(self) -> None:
        people = self.people
        shown = self.people_shown
        if shown is None:  # fold a long list on a short terminal; one or two rows cost little
            shown = self.size.height >= self.TALL or len(people) <= 2
        self.query_one("#participants").display = shown and bool(people)
        label = "Participants (names are confidential to the team)"
        if not people:
            label = "No participants recorded for this session"
        elif not shown:
            label = f"{len(people)} participant{'s' * (len(people) != 1)}: " + "; ".join(
                p.role for p in people
            )
        hint = Text("Ctrl+N " + ("hides" if shown else "shows") + " · ", style="italic")
        self.query_one("#people-label", Static).update(
            Text.assemble(hint, label, no_wrap=True, overflow="ellipsis")
        )

    def on_resize(self) -> None:
        if getattr(self, "_width", None) != self.size.width:
            self._columns()
        elif self.view is not None:
            self._show_people()

    def action_participants(self) -> None:
        self.people_shown = not self.query_one("#participants").display
        self._show_people()

    @work(
        thread=True,
        exclusive=True,
        group="load",
        exit_on_error=False,
        description="open the session",
    )
    def load(self) -> None:
        from onsite.week.sessions import session_view
        from screens.note_screen import note_checker

        self.post_message(
            self.Loaded(session_view(self.store, self.session_id), *note_checker(self.store))
        )

    @on(Loaded)
    async def show(self, message: Loaded) -> None:
        self.view = view = message.view
        for indicator in self.query("#opening"):
            await indicator.remove()
        s = view.session
        self.sub_title = s.title
        self.query_one("#heading", Static).update(
            f"Day {s.day} · {s.start}–{s.end} · {s.kind} · {s.title}"
            + (f" · {s.location}" if s.location else "")
            + (f" · peers: {view.peers}" if view.peers else "")
        )
        self._fill_participants(view.participants)
        if view.me is None or view.mine is None:  # mine: None only while nobody is `me`
            self.app.push_screen(
                PickDialog(
                    "Who is using this laptop? Your notes are saved under your name.",
                    [(p.id, f"{p.initials}  {p.name} ({p.role})") for p in view.team],
                ),
                self._chose_me,
            )
            return
        self.note, self.participants = view.mine, view.participants
        # Every tab mounted at once, and another peer's note only when its tab is chosen:
        # each editor highlights its Markdown, and at scale 10 a session holds ten notes.
        tabs = TabbedContent(id="notes", initial="tab-mine")
        label = f"My notes on {s.title} (day {s.day} {s.start})"  # in a recovery file
        tabs.compose_add_child(
            TabPane(
                f"My notes ({view.me.initials})",
                NoteEditor(
                    view.mine.body,
                    id="mine",
                    label=label,
                    lookup=message.lookup,
                    check=message.check,
                ),
                id="tab-mine",
            )
        )
        for initials, note in view.others:
            tabs.compose_add_child(TabPane(f"{initials}'s notes", id=f"tab-{note.id}"))
        self._lookup = message.lookup  # for the other peers' notes, mounted when first shown
        await self.query_one("#notes", TabbedContent).remove()
        await self.mount(tabs, before=self.query_one(KeysFooter))
        self.query_one("#mine", NoteEditor).text_area.focus()

    @on(TabbedContent.TabActivated, "#notes")
    async def _show_other(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane
        if self.view is None or pane.id == "tab-mine" or pane.query(NoteEditor):
            return
        note = next((n for _, n in self.view.others if f"tab-{n.id}" == pane.id), None)
        if note is not None:
            await pane.mount(NoteEditor(note.body, read_only=True, lookup=self._lookup))

    # -- participants: interviewees change on the day ---------------------------------------

    @dataclass
    class PeopleChanged(Message):
        participants: list
        summary: str = ""
        form: tuple | None = None  # (participant, answer, problem) to reopen the form with

    def participant_form(
        self, participant=None, answer: dict | None = None, problem: str = ""
    ) -> None:
        from screens.forms import FormDialog

        p = participant
        values = answer or (
            dict(
                role=p.role,
                organisation=p.organisation,
                sector=p.sector,
                name=p.name,
                headcount=str(p.headcount),
            )
            if p
            else {}
        )
        fields = [
            ("role", "Role", values.get("role", "")),
            ("organisation", "Organisation", values.get("organisation", "")),
            ("sector", "Sector", values.get("sector", "")),
            ("name", "Name (confidential)", values.get("name", "")),
            ("headcount", "How many people", values.get("headcount", "1")),
        ]
        heading = "Edit the participant" if p else "Add a participant (a group: give how many)"

        def done(result: FormAnswer | None) -> None:
            if result is not None:
                self.save_participant(participant, result.texts)

        self.app.push_screen(FormDialog(heading, fields, problem=problem), done)

    @work(thread=True, exit_on_error=False, description="save the participant")
    def save_participant(self, participant, answer: dict) -> None:
        from onsite.week.schedule import save_participant

        session = self.loaded.session
        try:
            saved = save_participant(self.store, session, answer, participant)
        except ValueError as e:
            self.post_message(self.PeopleChanged([], form=(participant, answer, str(e))))
            return
        self.post_message(
            self.PeopleChanged(self.store.participants(session.id), f"Saved: {saved.role}")
        )

    @work(thread=True, exit_on_error=False, description="remove the participant")
    def remove_participant(self, participant) -> None:
        from onsite.week.schedule import remove_participant

        remove_participant(self.store, participant)
        self.post_message(
            self.PeopleChanged(
                self.store.participants(self.loaded.session.id), f"Removed: {participant.role}"
            )
        )

    @on(PeopleChanged)
    def _people_changed(self, message: PeopleChanged) -> None:
        if message.form is not None:
            self.participant_form(*message.form)
            return
        self._fill_participants(message.participants)
        if self.view is not None:
            self.participants = message.participants  # the name check in notes uses them
            self.renew_check()
        if message.summary:
            self.notify(message.summary)

    @work(
        thread=True,
        exclusive=True,
        group="check",
        exit_on_error=False,
        description="check the note for names",
    )
    def renew_check(self) -> None:
        """The typing check knows the names of people met: renew it when they change."""
        from screens.note_screen import note_checker

        _, check = note_checker(self.store)
        self.app.call_from_thread(self._use_check, check)

    def _use_check(self, check) -> None:
        for editor in self.query("#mine").results(NoteEditor):
            editor.check = check
            editor.check_soon()

    def _chose_me(self, peer_id: str | None) -> None:
        if peer_id is None:
            self.app.pop_screen()
            return
        self.set_me(peer_id)

    @work(thread=True, group="write", exit_on_error=False, description="say who you are")
    def set_me(self, peer_id: str) -> None:
        self.store.set_me(peer_id)
        self.app.call_from_thread(self.load)

    def note_shown(self) -> Note | None:
        tabs = self.query_one("#notes", TabbedContent)
        if self.view is None or tabs.active == "tab-mine":
            return self.note
        return next((n for _, n in self.view.others if f"tab-{n.id}" == tabs.active), None)

    def action_tag(self) -> None:
        """Tag the selection or, with nothing selected, the bullet or paragraph at the cursor."""
        from onsite.evidence.tags import passage_at

        note = self.note_shown()
        pane = self.query_one("#notes", TabbedContent).active_pane
        if note is None or pane is None or self.view is None:
            return
        editor = pane.query_one(NoteEditor)
        area = editor.text_area
        start, end = sorted(editor.index_of(loc) for loc in area.selection)
        text = area.text
        if start == end:
            span = passage_at(text, start)
            if span is None:
                self.notify(
                    "Put the cursor in a bullet or paragraph, or select a passage "
                    "(Shift+arrows, Ctrl+L for the whole bullet), then Ctrl+T.",
                    severity="warning",
                )
                return
            start, end = span
        self.open_tag_dialog(note, editor.pending(), text, start, end)

    @work(thread=True, group="write", exit_on_error=False, description="open the tag dialog")
    def open_tag_dialog(
        self, note: Note, pending: Pending | None, text: str, start: int, end: int
    ) -> None:
        """Save what is typed first (the passage is anchored in the saved text), then ask,
        starting from the passage's inline tags and the session's participants."""
        from onsite.evidence.tagging import default_evidence
        from onsite.evidence.tags import tags_in, theme_lookup
        from screens.tag import TagChoices

        if pending is not None and not self.save_first([pending]):
            return  # the editor says why; tagging waits until the note is saved
        themes = self.store.themes()
        inline = tags_in(text, start, end, theme_lookup(themes))
        findings = [
            (f.id, f.theme_key, f.polarity, f.statement)
            for f in self.store.findings()
            if f.status != "dropped"
        ]
        choices = TagChoices(
            text[start:end],
            [(t.key, t.name) for t in themes],
            findings,
            default_evidence(self.loaded.session.kind),
            inline.theme_keys,
            inline.polarity,
            [(p.id, ", ".join(x for x in (p.role, p.organisation) if x)) for p in self.people],
            inline.unknown,
        )  # as edited today
        self.app.call_from_thread(self._ask_tag, note, start, end, choices)

    def _ask_tag(self, note: Note, start: int, end: int, choices) -> None:
        from screens.tag import TagDialog

        def answered(answer: Tagging | None) -> None:
            if answer:
                self.tag(note, start, end, answer)

        self.app.push_screen(TagDialog(choices), answered)

    @work(thread=True, group="write", exit_on_error=False, description="tag the passage")
    def tag(self, note, start: int, end: int, answer: Tagging) -> None:
        from onsite.evidence.tagging import tag

        stored = self.store.get(type(note), note.id)
        if stored is None:
            raise ValueError("Write something in the note before tagging it.")
        tag(
            self.store,
            stored,
            start,
            end,
            day=self.loaded.session.day,
            theme_keys=answer.theme_keys,
            polarity=answer.polarity,
            evidence=answer.evidence,
            participant_id=answer.participant_id,
            finding_id=answer.finding_id,
            new_statement=answer.new_statement,
        )
        self.app.call_from_thread(self.notify, "Tagged.")
