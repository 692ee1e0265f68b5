"""The tag dialog: lines of enquiry, polarity, kind of evidence, who said it, which finding.

It fills the terminal up to a comfortable size, so at 80x24 every part is on screen and at
200x50 the finding statements have room. It starts from what the note already says: the
passage's inline #tags tick their lines of enquiry, `[+]`/`[-]` set the polarity, and the
session's kind sets the evidence (heard, read or seen).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.option_list import Option

from onsite.vocab import EvidenceKind, Polarity

NEW = "__new__"
POLARITIES = ("strength", "area for consideration", "neutral")
SIGN = {"strength": "+", "area for consideration": "−"}


@dataclass
class TagChoices:
    """What the dialog offers and what it starts with."""

    quote: str
    themes: list[tuple[str, str]]  # (key, name)
    findings: list[tuple[str, str, str, str]]  # (id, theme key, polarity, statement)
    evidence: str = "heard"
    theme_keys: list[str] = field(default_factory=list)  # pre-ticked, from inline #tags
    polarity: str = "neutral"  # from a [+] or [-] marker
    speakers: list[tuple[str, str]] = field(default_factory=list)  # (participant id, role...)
    unknown: list[str] = field(default_factory=list)  # hashtags that name no line of enquiry


@dataclass(frozen=True)
class Tagging:
    """What the peer chose: onsite.evidence.tagging.tag takes these as they are."""

    theme_keys: list[str]
    polarity: Polarity
    evidence: EvidenceKind
    participant_id: str | None  # who said it, or None: the session is one voice
    finding_id: str | None  # None: start a new finding with new_statement
    new_statement: str = ""


class TagDialog(ModalScreen[Tagging | None]):
    """Returns the Tagging, or None if cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="tag.cancel"),
        Binding("ctrl+s", "save", "Tag", id="tag.save", priority=True),
    ]

    def __init__(self, choices: TagChoices) -> None:
        super().__init__()
        self.choices = choices
        self.theme_names = dict(choices.themes)

    def compose(self) -> ComposeResult:
        c = self.choices
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Tag this passage"
            dialog.border_subtitle = "Tab: next part · Space: choose · Ctrl+S: tag · Esc: cancel"
            yield Static(f"“{c.quote[:400]}”", id="quote", markup=False)
            themes = SelectionList[str](
                *((name, key, key in c.theme_keys) for key, name in c.themes), id="themes"
            )
            themes.border_title = "Lines of enquiry (Space ticks)"
            yield themes
            with Horizontal(classes="row"):
                yield Label("Polarity")
                with RadioSet(id="polarity", compact=True):
                    for p in POLARITIES:
                        yield RadioButton(p, value=p == c.polarity, name=p)
            with Horizontal(classes="row"):
                yield Label("Evidence")
                with RadioSet(id="evidence", compact=True):
                    for kind in ("heard", "read", "seen"):
                        yield RadioButton(kind, value=kind == c.evidence, name=kind)
                if c.speakers:
                    yield Label("Said by", id="speaker-label")
                    yield Select(
                        [(label, pid) for pid, label in c.speakers],
                        id="speaker",
                        prompt="not named: the session is one voice",
                        compact=True,
                    )
            listing = OptionList(*self._options(c.findings), id="findings")
            listing.border_title = "Attach to a finding (Enter), or start a new one"
            yield listing
            yield Input(
                placeholder="New finding: one sentence, non-attributable",
                id="statement",
                compact=True,
            )
            with Horizontal(id="buttons", classes="row"):
                yield Static("", id="error")
                yield Button("Tag", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def _options(self, findings) -> list[Option]:
        options = [Option(Text("+ New finding (write it below)", style="bold"), id=NEW)]
        for fid, key, polarity, statement in findings:
            # one line each, so several fit at 80x24; the width of the terminal shows more
            label = Text(
                f"{SIGN.get(polarity, '·')} ", style="bold", no_wrap=True, overflow="ellipsis"
            )
            label.append(f"{key}: ", style="italic")
            label.append(statement)
            options.append(Option(label, id=fid))
        return options

    def on_resize(self) -> None:
        """Short terminals show one line per finding, so several fit; tall ones wrap them."""
        self.set_class(self.size.height < 36, "-short")

    def on_mount(self) -> None:
        self.query_one("#findings", OptionList).highlighted = 0
        if self.choices.theme_keys:
            self._order_findings()
        if self.choices.unknown:
            self.query_one("#error", Static).update(
                f"Not a line of enquiry: #{', #'.join(self.choices.unknown)}"
            )
        self.query_one("#themes", SelectionList).focus()

    @on(SelectionList.SelectedChanged)
    def _order_findings(self) -> None:
        """Offer the chosen lines' findings first."""
        chosen = set(self.query_one("#themes", SelectionList).selected)
        ordered = sorted(self.choices.findings, key=lambda f: f[1] not in chosen)
        listing = self.query_one("#findings", OptionList)
        listing.clear_options()
        listing.add_options(self._options(ordered))
        listing.highlighted = 0

    @on(Input.Changed, "#statement")
    def _writing_a_new_one(self, event: Input.Changed) -> None:
        if event.value.strip():
            self.query_one("#findings", OptionList).highlighted = 0

    @on(OptionList.OptionSelected, "#findings")
    def _finding_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == NEW:
            self.query_one("#statement", Input).focus()
        else:
            self.action_save()

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        themes = list(self.query_one("#themes", SelectionList).selected)
        listing = self.query_one("#findings", OptionList)
        option = (
            listing.get_option_at_index(listing.highlighted)
            if listing.highlighted is not None
            else None
        )
        finding_id = option.id if option else NEW
        statement = self.query_one("#statement", Input).value.strip()
        error = self.query_one("#error", Static)
        if not themes:
            error.update("Tick a line of enquiry (Space).")
            self.query_one("#themes").focus()
            return
        if finding_id == NEW and not statement:
            error.update("Write the new finding, or pick one.")
            self.query_one("#statement").focus()
            return
        polarity = self.query_one("#polarity", RadioSet).pressed_button
        evidence = self.query_one("#evidence", RadioSet).pressed_button
        speaker = self.query("#speaker").first(Select).value if self.choices.speakers else None
        self.dismiss(
            Tagging(
                theme_keys=themes,
                polarity=Polarity(
                    polarity.name if polarity and polarity.name else Polarity.NEUTRAL
                ),
                evidence=EvidenceKind(
                    evidence.name if evidence and evidence.name else self.choices.evidence
                ),
                participant_id=speaker if isinstance(speaker, str) else None,
                finding_id=None if finding_id == NEW else finding_id,
                new_statement=statement if finding_id == NEW else "",
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
