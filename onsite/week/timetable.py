"""The system's timetable, as a CSV saved from Excel, read into sessions and participants.

Reading is all-or-nothing: every bad row is reported at once (line, column, reason) and
nothing is written until the whole file is good. Re-importing updates sessions in place,
matched by day, start and title, so notes already written stay with their session.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from onsite.model import SESSION_KINDS
from onsite.vocab import SessionKind

if TYPE_CHECKING:
    from onsite.store.db import Store

COLUMNS = ("day", "start", "end", "kind", "title", "participants", "location", "peers")
REQUIRED = ("day", "start", "title")
KIND_ALIASES = {"focus": SessionKind.FOCUS_GROUP, "visit": SessionKind.SITE_VISIT, "site": SessionKind.SITE_VISIT,
                "meeting": SessionKind.TEAM_MEETING, "review": SessionKind.DOCUMENT_REVIEW}


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


@dataclass(frozen=True)
class RowError:
    file: str
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


class TimetableError(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    participants: int


def decode(raw: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes), else Windows-1252 from older Excel."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def parse_time(text: str) -> str | None:
    """09:00, 9:00, 9.00, 9am, 2pm, 2.30pm, 1400 -> 'HH:MM'; None if not a time."""
    t = text.strip().lower().replace(" ", "")
    m = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?(am|pm)?", t) or re.fullmatch(r"(\d{2})(\d{2})()", t)
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
    t = text.strip()
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
    return f"'{t}' is not a day number or a date (2026-03-02 or 02/03/2026)"


def parse_kind(text: str) -> str | None:
    t = " ".join(text.strip().lower().replace("-", " ").split())
    if not t:
        return SessionKind.INTERVIEW
    if t in SESSION_KINDS:
        return t
    if t.endswith("s") and t[:-1] in SESSION_KINDS:
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
            headcount, bits[0] = max(1, int(size.group(1))), bits[0][size.end():]
        found.append(ParticipantRow(*(bits + ["", "", ""])[:3], name=", ".join(bits[3:]),
                                    headcount=headcount))
    return found


def read(path: Path | str, start: date, days: int, peer_keys: dict[str, str]) -> list[SessionRow]:
    """Parse a timetable file; TimetableError lists every bad row. peer_keys: lower-cased
    initials and names -> peer id."""
    path = Path(path)
    try:
        text = decode(path.read_bytes())
    except OSError as e:
        raise TimetableError([RowError(path.name, 0, "", f"cannot be read ({e.strerror})")]) from None
    return parse(text, path.name, start, days, peer_keys)


def _clip(text: str, most: int = 200) -> str:
    return text if len(text) <= most else text[:most] + "…"


def parse(text: str, file: str, start: date, days: int, peer_keys: dict[str, str]) -> list[SessionRow]:
    reader = csv.reader(io.StringIO(text, newline=""))
    errors: list[RowError] = []
    try:
        head = next(reader)
    except StopIteration:
        raise TimetableError([RowError(file, 1, "", "the file is empty")]) from None
    except csv.Error as e:  # a header cell over the csv module's limit: not a timetable
        raise TimetableError([RowError(file, 1, "", f"not valid CSV ({e})")]) from None
    index = {h.strip().lower(): i for i, h in enumerate(head) if h.strip().lower() in COLUMNS}
    missing = [c for c in REQUIRED if c not in index]
    if missing:
        raise TimetableError([RowError(file, 1, "", f"no column named {', '.join(missing)} "
                                       f"(the header row has: {_clip(', '.join(h for h in head if h))})")])
    rows: list[SessionRow] = []
    seen: dict[tuple[int, str, str], int] = {}
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            errors.append(RowError(file, line, "", f"not valid CSV ({e})"))
            break
        if not any(c.strip() for c in cells):
            continue

        def cell(name: str) -> str:
            i = index.get(name)
            if i is None or i >= len(cells):
                return ""
            return cells[i].replace("\r\n", "\n").replace("\r", "\n").strip()

        def bad(column: str, reason: str) -> None:
            errors.append(RowError(file, line, column, reason))

        day = parse_day(cell("day"), start, days) if cell("day") else "empty"
        if isinstance(day, str):
            bad("day", day)
        begin = parse_time(cell("start"))
        if begin is None:
            bad("start", f"'{cell('start')}' is not a time (09:00, 9.00 or 9am)")
        end = parse_time(cell("end")) if cell("end") else ""
        if end is None:
            bad("end", f"'{cell('end')}' is not a time (09:00, 9.00 or 9am)")
        elif begin and end and end <= begin:
            bad("end", f"ends at {end}, not after it starts ({begin})")
        kind = parse_kind(cell("kind"))
        if kind is None:
            bad("kind", f"'{cell('kind')}' is not one of: {', '.join(SESSION_KINDS)}")
        title = cell("title")
        if not title:
            bad("title", "empty")
        participants = parse_participants(cell("participants"))
        if isinstance(participants, str):
            bad("participants", participants)
        peers = []
        for key in filter(None, (p.strip() for p in cell("peers").split(";"))):
            if key.lower() in peer_keys:
                peers.append(peer_keys[key.lower()])
            else:
                bad("peers", f"'{key}' is not a peer of this engagement (initials or name)")
        if isinstance(day, int) and begin and title:
            first = seen.setdefault((day, begin, title.lower()), line)
            if first != line:
                bad("title", f"same day, start and title as line {first}")
        if not errors or errors[-1].line != line:
            rows.append(SessionRow(line, day, begin, end or "", kind, title, cell("location"),
                                   peers, participants))
    if errors:
        raise TimetableError(errors)
    return rows


def peer_keys(store: Store) -> dict[str, str]:
    keys = {}
    for peer in store.peers():
        keys[peer.initials.lower()] = peer.id
        keys[peer.name.lower()] = peer.id
    return keys


def import_file(store: Store, path: Path | str) -> ImportResult:
    """Read a timetable and write it into the engagement; nothing is written if any row is bad."""
    engagement = store.engagement()
    rows = read(path, engagement.start, engagement.days, peer_keys(store))
    return apply(store, rows)


def apply(store: Store, rows: list[SessionRow]) -> ImportResult:
    from onsite.model import Participant, Session

    existing = {(s.day, s.start, s.title.lower()): s for s in store.sessions()}
    new_records: list = []
    added = updated = unchanged = people = 0
    updates = []
    for row in rows:
        fields = dict(day=row.day, start=row.start, end=row.end, kind=row.kind, title=row.title,
                      location=row.location, peer_ids=row.peers)
        session = existing.get((row.day, row.start, row.title.lower()))
        if session is None:
            session = Session(**fields)
            new_records.append(session)
            added += 1
            for p in row.participants:
                new_records.append(Participant(session_id=session.id, role=p.role,
                                               organisation=p.organisation, sector=p.sector,
                                               name=p.name, headcount=p.headcount))
                people += 1
        else:
            changed = {k: v for k, v in fields.items() if getattr(session, k) != v}
            if changed:
                updates.append((session, changed))
                updated += 1
            else:
                unchanged += 1
    store.import_records(new_records, updates)
    return ImportResult(added, updated, unchanged, people)
