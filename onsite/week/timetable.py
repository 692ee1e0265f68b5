"""The system's timetable, from a CSV saved from Excel or the .xlsx itself, read into sessions.

Reading is all-or-nothing: every problem is reported at once and nothing is written until
the whole sheet is good. Each bad cell is reported with its line and column; a peer the
engagement does not know is reported once, with every line that names them, since a team
that is not set up yet would otherwise get one message per row. Re-importing is planned
first (see onsite.week.reimport): sessions are matched, so notes stay with their session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from onsite import sheets
from onsite.model import SESSION_KINDS
from onsite.vocab import SessionKind

if TYPE_CHECKING:
    from onsite.store.db import Store

COLUMNS = (
    "day",
    "start",
    "end",
    "kind",
    "title",
    "participants",
    "location",
    "peers",
    "ref",
    "briefing",
)
REQUIRED = ("day", "start", "title")
# What systems call the columns, folded by sheets.heading(): the first heading that matches
# a column is used, and any other heading is reported once as not read.
HEADINGS = {
    "day": ("day", "date", "day number", "on site day"),
    "start": ("start", "start time", "from", "time", "times", "begins", "starts"),
    "end": ("end", "end time", "to", "until", "finish", "finish time", "ends"),
    "kind": ("kind", "type", "session type", "format"),
    "title": ("title", "session", "session title", "meeting", "subject", "what"),
    "participants": ("participants", "attendees", "interviewees", "who", "people"),
    "location": ("location", "venue", "room", "where", "place"),
    "peers": ("peers", "peer", "peer team", "interviewers", "peers attending", "team"),
    "ref": ("ref", "id", "reference", "session id", "session ref", "no", "number"),
    "briefing": (
        "notes for peers",
        "briefing",
        "briefing note",
        "peer notes",
        "notes for the team",
        "notes to peers",
        "notes",
    ),
}
_BY_HEADING = {alias: column for column, aliases in HEADINGS.items() for alias in aliases}
KIND_ALIASES = {
    "focus": SessionKind.FOCUS_GROUP,
    "visit": SessionKind.SITE_VISIT,
    "site": SessionKind.SITE_VISIT,
    "meeting": SessionKind.TEAM_MEETING,
    "review": SessionKind.DOCUMENT_REVIEW,
}
_WORDY_DATES = [
    f"{name}%d {month}{year}"
    for name in ("%A ", "%a ", "")
    for month in ("%B", "%b")
    for year in (" %Y", "")
]
_RANGE = re.compile(r"^\s*(.+?)\s*(?:-|–|—|to)\s*(.+?)\s*$")


@dataclass
class ParticipantRow:
    role: str
    organisation: str = ""
    sector: str = ""
    name: str = ""
    headcount: int = 1


# A group written with its size first ("8 ward sisters and charge nurses") counts as that many
# people in the approach's figures; the number is not part of the role.
GROUP_SIZE = re.compile(r"^(\d{1,4})\s+(?=\D)")


@dataclass
class SessionRow:
    line: int
    day: int
    start: str
    end: str
    kind: str
    title: str
    location: str
    peers: list[str]
    participants: list[ParticipantRow] = field(default_factory=list)
    ref: str = ""
    briefing: str = ""


@dataclass(frozen=True)
class RowError:
    file: str
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = (
            self.file
            + (f", line {self.line}" if self.line else "")
            + (f", column {self.column}" if self.column else "")
        )
        return f"{where}: {self.reason}"


class TimetableError(Exception):
    """Every problem in a sheet. `unknown_peers`: what was typed -> the lines naming it."""

    def __init__(
        self,
        errors: list[RowError],
        unknown_peers: dict[str, list[int]] | None = None,
        file: str = "",
    ) -> None:
        self.errors = errors
        self.unknown_peers = unknown_peers or {}
        self.file = file
        super().__init__("\n".join(self.messages()))

    @property
    def problems(self) -> int:
        return len(self.errors) + len(self.unknown_peers)

    @property
    def rows(self) -> int:
        return len(
            {e.line for e in self.errors if e.line}
            | {n for lines in self.unknown_peers.values() for n in lines}
        )

    def summary(self) -> str:
        p, r = self.problems, self.rows
        return (
            f"{p} problem{'s' * (p != 1)} in {r} row{'s' * (r != 1)}"
            if r
            else f"{p} problem{'s' * (p != 1)}"
        )

    def messages(self) -> list[str]:
        out = [str(e) for e in self.errors]
        for key, lines in self.unknown_peers.items():
            shown = ", ".join(map(str, lines[:8])) + (", …" if len(lines) > 8 else "")
            out.append(
                f"{self.file}: '{key}' is not a peer of this engagement (line"
                f"{'s' * (len(lines) != 1)} {shown}); add them to the team first, or "
                "import with add peers (--add-peers) to add them by initials"
            )
        return out


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    participants: int
    moved: int = 0
    renamed: int = 0
    cancelled: int = 0
    peers_added: int = 0


@dataclass
class Sheet:
    """A timetable read and checked: its rows, and what was in it that is not read."""

    file: str
    rows: list[SessionRow]
    ignored_columns: list[str] = field(default_factory=list)
    unknown_peers: dict[str, list[int]] = field(default_factory=dict)  # with add_peers only


decode = sheets.decode


def parse_time(text: str) -> str | None:
    """09:00, 9:00, 9.00, 9am, 2pm, 2.30pm, 1400 -> 'HH:MM'; None if not a time."""
    t = text.strip().lower().replace(" ", "")
    m = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?(am|pm)?", t) or re.fullmatch(
        r"(\d{2})(\d{2})()", t
    )
    if not m:
        return None
    hour, minute, half = int(m.group(1)), int(m.group(2) or 0), m.group(3)
    if half == "pm" and hour < 12:
        hour += 12
    if half == "am" and hour == 12:
        hour = 0
    if not half and m.group(2) is None and len(t) > 2:
        return None
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def parse_day(text: str, start: date, days: int) -> int | str:
    """A day number 1..days, or a date (2026-03-02 or UK 02/03/2026); else the reason."""
    t = " ".join(text.strip().replace(",", " ").split())
    if re.fullmatch(r"(?i)day\s*\d+", t):
        t = t[3:].strip()
    if t.isdigit():
        n = int(t)
        return n if 1 <= n <= days else f"day {n} is outside the engagement's days 1-{days}"
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            d = datetime.strptime(t, fmt).date()
        except ValueError:
            continue
        n = (d - start).days + 1
        if 1 <= n <= days:
            return n
        return f"{d:%d/%m/%Y} is not one of the engagement's days ({start:%d/%m/%Y} + {days})"
    # "Monday 2 March 2026", "Tue 3 Mar": how people write dates in a timetable's cells
    words = re.sub(r"(\d+)(st|nd|rd|th)\b", r"\1", t)
    for fmt in _WORDY_DATES:
        try:
            d = datetime.strptime(words, fmt).date()
        except ValueError:
            continue
        if "%Y" not in fmt:
            d = d.replace(year=start.year)
        n = (d - start).days + 1
        if 1 <= n <= days:
            return n
        return f"{d:%d/%m/%Y} is not one of the engagement's days ({start:%d/%m/%Y} + {days})"
    return f"'{t}' is not a day number or a date (2026-03-02 or 02/03/2026)"


def parse_kind(text: str, kinds: tuple[str, ...] = SESSION_KINDS) -> str | None:
    t = " ".join(text.strip().lower().replace("-", " ").split())
    if not t:
        return SessionKind.INTERVIEW
    if t in kinds:
        return t
    if t.endswith("s") and t[:-1] in kinds:
        return t[:-1]
    return KIND_ALIASES.get(t.split()[0])


def parse_participants(text: str) -> list[ParticipantRow] | str:
    found = []
    for part in text.split(";"):
        bits = [b.strip() for b in part.split(",")]
        if not any(bits):
            continue
        if not bits[0]:
            return f"participant '{part.strip()}' has no role"
        headcount, size = 1, GROUP_SIZE.match(bits[0])
        if size:
            headcount, bits[0] = max(1, int(size.group(1))), bits[0][size.end() :]
        found.append(
            ParticipantRow(
                *(bits + ["", "", ""])[:3], name=", ".join(bits[3:]), headcount=headcount
            )
        )
    return found


def is_header(cells: list[str]) -> bool:
    found = {_BY_HEADING.get(sheets.heading(c)) for c in cells}
    return all(c in found for c in REQUIRED)


def _columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    index: dict[str, int] = {}
    ignored = []
    for i, h in enumerate(header):
        column = _BY_HEADING.get(sheets.heading(h))
        if column is not None and column not in index:
            index[column] = i
        elif h.strip():
            ignored.append(h.strip())
    return index, ignored


def read(
    path: Path | str,
    start: date,
    days: int,
    peer_keys: dict[str, str],
    sheet: str | None = None,
    kinds: tuple[str, ...] = SESSION_KINDS,
    add_peers: bool = False,
) -> Sheet:
    """Read and check a timetable (.csv or .xlsx); TimetableError lists every problem.
    peer_keys: lower-cased initials and names -> peer id. add_peers: a peer the engagement
    does not know is not a problem but listed in Sheet.unknown_peers, to be added."""
    path = Path(path)
    try:
        table = sheets.read(path, is_header, sheet, what="timetable")
    except sheets.SheetError as e:
        missing = _missing(path)
        error = RowError(path.name, *missing) if missing else RowError("", 0, "", str(e))
        raise TimetableError([error]) from None
    return check(table, start, days, peer_keys, kinds, add_peers)


def _missing(path: Path) -> tuple[int, str, str] | None:
    """Which required columns a CSV's first row lacks, when that is why no header was found."""
    if path.suffix.lower() != ".csv" or not path.is_file():
        return None
    try:
        table = sheets.read(path, lambda cells: any(c.strip() for c in cells))
    except sheets.SheetError:
        return None
    index, _ = _columns(table.header)
    missing = [c for c in REQUIRED if c not in index]
    return (
        table.header_line,
        "",
        f"no column named {', '.join(missing)} "
        f"(the header row has: {_clip(', '.join(h for h in table.header if h))})",
    )


def _clip(text: str, most: int = 200) -> str:
    return text if len(text) <= most else text[:most] + "…"


def parse(
    text: str, file: str, start: date, days: int, peer_keys: dict[str, str]
) -> list[SessionRow]:
    """Rows from a CSV's text (the header in its first rows); TimetableError on any problem."""
    import csv
    import io

    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    while True:
        line = reader.line_num + 1
        try:
            rows.append((line, next(reader)))
        except StopIteration:
            break
        except csv.Error as e:
            raise TimetableError([RowError(file, line, "", f"not valid CSV ({e})")]) from None
    table = sheets._table(file, "", rows, is_header)
    if table is None:
        raise TimetableError([RowError(file, 1, "", "no header row with day, start and title")])
    return check(table, start, days, peer_keys).rows


def check(
    table: sheets.Table,
    start: date,
    days: int,
    peer_keys: dict[str, str],
    kinds: tuple[str, ...] = SESSION_KINDS,
    add_peers: bool = False,
) -> Sheet:
    file = table.file
    index, ignored = _columns(table.header)
    errors: list[RowError] = []
    unknown: dict[str, list[int]] = {}
    rows: list[SessionRow] = []
    seen: dict[tuple[int, str, str], int] = {}
    refs: dict[str, int] = {}
    for line, cells in table.rows:

        def cell(name: str, cells: list = cells) -> str:
            i = index.get(name)
            return sheets.text(cells[i]) if i is not None and i < len(cells) else ""

        def bad(column: str, reason: str, line: int = line) -> None:
            errors.append(RowError(file, line, column, reason))

        before = len(errors)
        day = parse_day(cell("day"), start, days) if cell("day") else "empty"
        if isinstance(day, str):
            bad("day", day)
        start_text, end_text = cell("start"), cell("end")
        span = _RANGE.match(start_text)
        if span and not end_text and parse_time(start_text) is None:
            start_text, end_text = span.group(1), span.group(2)  # "09:30 - 10:30" in one cell
        begin = parse_time(start_text)
        if begin is None:
            bad("start", f"'{start_text}' is not a time (09:00, 9.00 or 9am)")
        end = parse_time(end_text) if end_text else ""
        if end is None:
            bad("end", f"'{end_text}' is not a time (09:00, 9.00 or 9am)")
        elif begin and end and end <= begin:
            bad("end", f"ends at {end}, not after it starts ({begin})")
        kind = parse_kind(cell("kind"), kinds)
        if kind is None:
            bad("kind", f"'{cell('kind')}' is not one of: {', '.join(kinds)}")
        title = cell("title")
        if not title:
            bad("title", "empty")
        participants = parse_participants(cell("participants"))
        if isinstance(participants, str):
            bad("participants", participants)
        peers = []
        for key in filter(None, (p.strip() for p in cell("peers").replace(",", ";").split(";"))):
            if key.lower() in peer_keys:
                peers.append(peer_keys[key.lower()])
            else:
                lines = unknown.setdefault(key, [])
                if line not in lines:
                    lines.append(line)
                peers.append("?" + key)  # resolved once the peer is added
        if isinstance(day, int) and begin and title:
            first = seen.setdefault((day, begin, title.lower()), line)
            if first != line:
                bad("title", f"same day, start and title as line {first}")
        ref = cell("ref")
        if ref:
            first = refs.setdefault(ref.casefold(), line)
            if first != line:
                bad("ref", f"'{ref}' is also line {first}'s reference")
        # the isinstance/None checks restate "no error on this line" so the types narrow
        if (
            len(errors) == before
            and isinstance(day, int)
            and begin is not None
            and kind is not None
            and not isinstance(participants, str)
        ):
            rows.append(
                SessionRow(
                    line,
                    day,
                    begin,
                    end or "",
                    kind,
                    title,
                    cell("location"),
                    peers,
                    participants,
                    ref=ref,
                    briefing=cell("briefing"),
                )
            )
    if errors or (unknown and not add_peers):
        raise TimetableError(errors, {} if add_peers else unknown, file=table.where)
    return Sheet(table.where, rows, ignored, unknown)


def peer_keys(store: Store) -> dict[str, str]:
    keys = {}
    for peer in store.peers():
        keys[peer.initials.lower()] = peer.id
        keys[peer.name.lower()] = peer.id
    return keys


def read_for(
    store: Store, path: Path | str, sheet: str | None = None, add_peers: bool = False
) -> Sheet:
    """Read a timetable for this engagement: its days, its team, its kinds of session."""
    from onsite.engagement import kinds

    engagement = store.engagement()
    return read(
        path,
        engagement.start,
        engagement.days,
        peer_keys(store),
        sheet,
        kinds.of(engagement.kind).session_kinds,
        add_peers,
    )
