from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onsite.model import Note, Peer
from onsite.store.db import Store
from onsite.week import reimport, timetable
from onsite.week.timetable import TimetableError, parse_time

START = date(2026, 3, 2)


@pytest.fixture
def store(tmp_path):
    s = Store.create(tmp_path / "t.onsite", name="T", start=START, days=5)
    s.add(Peer(name="Ann Bee", initials="AB", role="lead peer"), Peer(name="Cy Dee", initials="CD"))
    yield s
    s.close()


MESSY = (
    "\ufeffTitle,Day,Start,END,Kind,Participants,Location,Peers,Notes for admin\r\n"
    '"ICB chief executive, and chair",02/03/2026,9am,10.00,Interview,'
    '"chief executive, Calder ICB, ICB, Jane Roe",Room 1,AB;CD,x\r\n'
    '"Staff focus group",2,14:00,15:30,focus groups,"ward sister, General, NHS acute; '
    'porter, General, NHS acute",Café,cd,\r\n'
    '"Visit, with a\r\nline break",2026-03-04,9:30,,site visit,,,,\r\n'
    ",,,,,,,,\r\n,,,,,,,,\r\n"
)


def test_a_messy_excel_file_imports(store, tmp_path):
    csv_file = tmp_path / "timetable.csv"
    csv_file.write_bytes(MESSY.encode("utf-8"))
    result = reimport.import_file(store, csv_file)
    assert (result.added, result.participants) == (3, 3)
    sessions = store.sessions()
    first = sessions[0]
    assert (first.day, first.start, first.end, first.kind) == (1, "09:00", "10:00", "interview")
    assert first.title == "ICB chief executive, and chair"
    assert len(first.peer_ids) == 2
    assert store.participants(first.id)[0].name == "Jane Roe"
    assert sessions[1].kind == "focus group" and sessions[1].location == "Café"
    assert sessions[2].title == "Visit, with a\nline break" and sessions[2].day == 3


def test_cp1252_from_older_excel(store, tmp_path):
    csv_file = tmp_path / "old excel.csv"
    csv_file.write_bytes("day,start,title,location\n1,9:00,Visit,Caf\xe9 Nero\n".encode("latin-1"))
    reimport.import_file(store, csv_file)
    assert store.sessions()[0].location == "Café Nero"


def test_every_bad_row_is_reported_and_nothing_is_written(store, tmp_path):
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text(
        "day,start,end,kind,title,peers\n"
        "1,09:00,10:00,interview,Good row,AB\n"
        "9,09:00,10:00,interview,Day out of range,AB\n"
        "1,25:00,10:00,interview,Bad time,AB\n"
        "1,11:00,10:00,lecture,Ends before it starts,ZZ\n"
        "1,09:00,10:00,interview,Good row,AB\n",
        encoding="utf-8",
    )
    with pytest.raises(TimetableError) as caught:
        reimport.import_file(store, csv_file)
    found = {(e.line, e.column) for e in caught.value.errors}
    assert found == {(3, "day"), (4, "start"), (5, "end"), (5, "kind"), (6, "title")}
    assert caught.value.unknown_peers == {"ZZ": [5]}  # one message per unknown peer
    assert caught.value.summary() == "6 problems in 4 rows"
    assert "bad.csv, line 3, column day" in str(caught.value)
    assert store.sessions() == []


def test_missing_required_column_names_the_header(store, tmp_path):
    csv_file = tmp_path / "nohead.csv"
    csv_file.write_text("when,which\n1,x\n", encoding="utf-8")
    with pytest.raises(TimetableError, match="no column named day, start, title"):
        reimport.import_file(store, csv_file)


def test_reimport_updates_in_place_and_keeps_notes(store, tmp_path):
    csv_file = tmp_path / "t.csv"
    csv_file.write_text(
        "day,start,end,title,location\n1,09:00,10:00,ICB,Room 1\n", encoding="utf-8"
    )
    reimport.import_file(store, csv_file)
    session = store.sessions()[0]
    store.add(Note(session_id=session.id, author_id="x", body="kept"))
    csv_file.write_text(
        "day,start,end,title,location\n1,09:00,10:30,ICB,Room 2\n", encoding="utf-8"
    )
    result = reimport.import_file(store, csv_file)
    assert (result.added, result.updated) == (0, 1)
    [again] = store.sessions()
    assert again.id == session.id and again.end == "10:30" and again.location == "Room 2"
    assert store.notes(session_id=session.id)[0].body == "kept"
    assert reimport.import_file(store, csv_file).unchanged == 1


@pytest.mark.parametrize(
    "text,expected",
    [
        ("09:00", "09:00"),
        ("9:00", "09:00"),
        ("9.00", "09:00"),
        ("9am", "09:00"),
        ("2pm", "14:00"),
        ("2.30pm", "14:30"),
        ("12pm", "12:00"),
        ("12am", "00:00"),
        ("1400", "14:00"),
        (" 9 ", "09:00"),
        ("noon", None),
        ("24:00", None),
        ("9:60", None),
    ],
)
def test_times(text, expected):
    assert parse_time(text) == expected


@given(st.integers(0, 23), st.integers(0, 59))
def test_every_clock_time_reads_back_in_each_spelling(hour, minute):
    want = f"{hour:02d}:{minute:02d}"
    assert parse_time(f"{hour}:{minute:02d}") == want
    assert parse_time(f"{hour}.{minute:02d}") == want
    half = "am" if hour < 12 else "pm"
    assert parse_time(f"{(hour % 12) or 12}:{minute:02d}{half}") == want


@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=30), max_size=8))
def test_any_cell_content_survives_csv_quoting_or_is_reported(titles):
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["day", "start", "title"])
    for i, title in enumerate(titles):
        writer.writerow(["1", f"{9 + i % 8}:{i:02d}", title])
    try:
        rows = timetable.parse(out.getvalue(), "x.csv", START, 5, {})
    except TimetableError as e:
        assert all(err.line >= 2 and err.column in ("title", "") for err in e.errors)
    else:

        def cleaned(t):  # line breaks inside a cell come back as \n, whatever Excel wrote
            return t.replace("\r\n", "\n").replace("\r", "\n").strip()

        assert [r.title for r in rows] == [cleaned(t) for t in titles if cleaned(t)]


def test_a_group_written_with_its_size_counts_that_many_people():
    from onsite.week.timetable import parse_participants

    group, person, plain = parse_participants(
        "6 ward sisters and charge nurses, General, NHS acute; chief executive, ICB, ICB, Jo Bloggs; "
        "porters, General"
    )
    assert (group.role, group.headcount, group.organisation) == (
        "ward sisters and charge nurses",
        6,
        "General",
    )
    assert (person.role, person.headcount, person.name) == ("chief executive", 1, "Jo Bloggs")
    assert (plain.role, plain.headcount) == ("porters", 1)
