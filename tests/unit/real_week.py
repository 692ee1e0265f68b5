"""Files a newcomer brings to a real engagement, written as the system and the LGA make them:
a team list (CSV and .xlsx), the system's timetable workbook (title rows above the header,
real Excel dates and times, a cover sheet first), a messy CSV version of it, a re-issued
timetable (one session moved, one renamed, one dropped, one added), a Word document and a
PDF for the pre-reading."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

START = date(2026, 3, 2)

TEAM = [
    # initials, name, job title, team role, email, political group
    ("HA", "Helen Achebe", "former council chief executive", "lead peer", "helen@example.org", ""),
    ("TR", "Tom Rees", "acute trust chief executive", "peer", "", ""),
    ("SH", "Sara Hughes", "director of adult social services", "peer", "", ""),
    ("GP", "Cllr Gita Patel", "councillor, cabinet member for health", "peer", "", "Labour"),
    ("MO", "Martin Okafor", "ICB accountable officer", "peer", "", ""),
    ("LW", "Lucy Walsh", "LGA peer challenge manager", "challenge manager", "lucy@example.org", ""),
]
TEAM_HEADER = ["Initials", "Name", "Role", "Team role", "Email", "Political group"]

TIMETABLE_HEADER = [
    "Ref",
    "Date",
    "Start",
    "End",
    "Session type",
    "Session",
    "Attendees",
    "Venue",
    "Peers",
    "Notes for peers",
    "Catering",
]
SESSIONS = [
    (
        "T01",
        1,
        time(8, 45),
        time(9, 30),
        "team meeting",
        "Team briefing",
        "",
        "Civic Centre",
        "HA; TR; SH; GP; MO; LW",
        "Lunch provided",
        "tea",
    ),
    (
        "T02",
        1,
        time(9, 30),
        time(10, 30),
        "interview",
        "ICB chief executive",
        "chief executive, Calder Vale ICB, ICB",
        "Calder House",
        "HA; MO",
        "New in post since January",
        "",
    ),
    (
        "T03",
        1,
        time(11, 0),
        time(12, 0),
        "focus group",
        "Ward sisters and charge nurses",
        "ward sister, Calder General, NHS acute",
        "Calder General",
        "TR; SH",
        "",
        "sandwiches",
    ),
    (
        "T04",
        2,
        time(9, 0),
        time(10, 0),
        "interview",
        "Director of public health",
        "director of public health, Hebbleton Council, local government",
        "Town Hall",
        "SH; GP",
        "",
        "",
    ),
    (
        "T05",
        2,
        time(14, 0),
        time(15, 30),
        "site visit",
        "Discharge hub visit",
        "",
        "Calder General",
        "TR; MO",
        "Wear sensible shoes",
        "",
    ),
    (
        "T06",
        3,
        time(10, 0),
        time(11, 0),
        "interview",
        "Leader of the council",
        "leader, Larkholme Council, local government",
        "Larkholme",
        "HA; GP",
        "",
        "",
    ),
]
# The re-issued timetable: T03 moved to 13:00, T04 renamed, T05 dropped, T07 added.
REISSUED = [s for s in SESSIONS if s[0] not in ("T03", "T04", "T05")] + [
    (
        "T03",
        1,
        time(13, 0),
        time(14, 0),
        "focus group",
        "Ward sisters and charge nurses",
        "ward sister, Calder General, NHS acute",
        "Calder General",
        "TR; SH",
        "",
        "sandwiches",
    ),
    (
        "T04",
        2,
        time(9, 0),
        time(10, 0),
        "interview",
        "Director of public health and deputy",
        "director of public health, Hebbleton Council, local government",
        "Town Hall",
        "SH; GP",
        "",
        "",
    ),
    (
        "T07",
        3,
        time(14, 0),
        time(15, 0),
        "focus group",
        "Carers' forum",
        "carer, Calder Carers, voluntary sector",
        "Library",
        "SH; LW",
        "",
        "",
    ),
]

MESSY_CSV = (
    "\ufeffCalder Vale peer challenge: timetable (draft 2)\r\n"
    ",,,,,\r\n"
    "Date,Time,What,Who,Where,Peer team,Notes\r\n"
    'Mon 2 March,9:30am - 10:30am,ICB chief executive,"chief executive, Calder Vale ICB, ICB",'
    "Calder House,HA;MO,\r\n"
    "02/03/2026,11.00-12.00,Ward sisters and charge nurses,,Calder General,tr; sh,\r\n"
    ",,,,,,\r\n"
    "Day 2,14:00,Discharge hub visit,,Calder General,TR;MO;ZZ,\r\n"
    "Tuesday 3rd March,15:00,Voluntary sector leaders,,Library,SH;ZZ;QQ,\r\n"
)


def write_team_csv(path: Path) -> Path:
    import csv

    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(TEAM_HEADER)
        writer.writerows(TEAM)
    return path


def write_team_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Team"
    sheet.append(["Peer team: Calder Vale"])
    sheet.append([])
    sheet.append(TEAM_HEADER)
    for row in TEAM:
        sheet.append(list(row))
    book.save(path)
    return path


def write_timetable_xlsx(path: Path, sessions=SESSIONS) -> Path:
    """The system's workbook: a cover sheet, then the timetable under two title rows, with
    real date and time cells formatted as Excel shows them."""
    from openpyxl import Workbook

    book = Workbook()
    cover = book.active
    cover.title = "Cover"
    cover.append(["Calder Vale health and care system peer challenge"])
    cover.append(["Contact: the programme office"])
    sheet = book.create_sheet("Timetable")
    sheet.append(["Calder Vale peer challenge: on-site timetable"])
    sheet.append(["Issued", datetime(2026, 2, 20)])
    sheet.append([])
    sheet.append(TIMETABLE_HEADER)
    for ref, day, start, end, *rest in sessions:
        when = datetime.combine(START + timedelta(days=day - 1), time())
        sheet.append([ref, when, start, end, *rest])
        row = sheet.max_row
        sheet.cell(row, 2).number_format = "dd/mm/yyyy"
        sheet.cell(row, 3).number_format = "hh:mm"
        sheet.cell(row, 4).number_format = "hh:mm"
    book.save(path)
    return path


def write_docx(path: Path, phrase: str = "virtual ward occupancy") -> Path:
    from docx import Document

    doc = Document()
    doc.add_heading("Calder Vale position statement", 1)
    doc.add_paragraph(f"Our {phrase} has risen to 85% since the autumn.")
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Delayed discharges"
    table.rows[0].cells[1].text = "112 a week"
    doc.save(path)
    return path


def write_pdf(path: Path, phrase: str = "reablement waiting list") -> Path:
    """A one-page PDF with a line of text, written by hand (pypdf reads but cannot write text)."""
    text = f"The {phrase} fell by a third in 2025."
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def write_all(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "messy.csv").write_bytes(MESSY_CSV.encode("utf-8"))
    (folder / "scope.md").write_text(
        "# Scope\n\nHow well do partners work together on **hospital discharge**?\n",
        encoding="utf-8",
    )
    return {
        "team_csv": write_team_csv(folder / "team.csv"),
        "team_xlsx": write_team_xlsx(folder / "team.xlsx"),
        "timetable": write_timetable_xlsx(folder / "timetable.xlsx"),
        "reissued": write_timetable_xlsx(folder / "timetable v2.xlsx", REISSUED),
        "messy": folder / "messy.csv",
        "scope": folder / "scope.md",
        "docx": write_docx(folder / "position statement.docx"),
        "pdf": write_pdf(folder / "performance.pdf"),
    }
