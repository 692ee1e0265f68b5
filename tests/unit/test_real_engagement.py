"""A newcomer's real engagement from a blank file, on the command line: each kind, the team,
lines of enquiry, scope, the system's .xlsx timetable and a messy CSV, a re-issued timetable,
a participant, Word and PDF pre-reading found by search, a peer's schedule, the briefing
pack, who is using the laptop, and a note."""

from __future__ import annotations

from pathlib import Path

import pytest

from onsite import cli, paths
from onsite.engagement import kinds
from onsite.store.db import Store
from tests.unit import real_week


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    return real_week.write_all(tmp_path / "from the system")


def new(capsys, path: Path, *extra) -> Path:
    code, out, err = run(
        capsys,
        "new",
        path,
        "--name",
        "Calder Vale peer challenge",
        "--start",
        "2026-03-02",
        "--system",
        "Calder Vale",
        "--plain",
        *extra,
    )
    assert code == 0, err
    return path.with_name(path.name + ".onsite")


@pytest.mark.parametrize("kind", [k.name for k in kinds.KINDS])
def test_each_kind_brings_its_lines_of_enquiry_and_questions(capsys, tmp_path, kind):
    file = new(capsys, tmp_path / "e", "--kind", kind, "--scope", "Discharge.")
    store = Store.open(file)
    engagement = store.engagement()
    assert engagement.kind == kind and engagement.scope == "Discharge.\n"
    lines = store.themes()
    assert [t.name for t in lines] == [line.name for line in kinds.find(kind).lines]
    assert all(t.description for t in lines)  # every default line has its guiding question
    store.close()
    assert file.resolve() in [p.resolve() for p in paths.recent()]  # listed wherever it is


def test_an_unknown_kind_is_refused_and_nothing_is_made(capsys, tmp_path):
    code, _, err = run(
        capsys,
        "new",
        tmp_path / "e",
        "--name",
        "E",
        "--start",
        "2026-03-02",
        "--plain",
        "--kind",
        "inspection",
    )
    assert code == 1 and "not a kind of engagement" in err and "corporate peer challenge" in err
    assert not (tmp_path / "e.onsite").exists()


def test_the_team_has_exactly_one_lead_and_a_marked_manager(capsys, tmp_path, files):
    file = new(capsys, tmp_path / "e")
    code, out, _ = run(capsys, "team", "import", file, files["team_xlsx"], "--dry-run")
    assert code == 0 and "to add" in out and "dry run: nothing changed" in out
    assert "add     HA Helen Achebe (lead peer)" in out
    store = Store.open(file)
    assert store.peers() == []  # the dry run wrote nothing
    store.close()
    assert run(capsys, "team", "import", file, files["team_xlsx"])[0] == 0
    code, out, _ = run(capsys, "team", "import", file, files["team_xlsx"], "--dry-run")
    assert "0 to add, 0 to update" in out  # the same list again changes nothing
    code, out, _ = run(capsys, "team", file)
    assert "HA   Helen Achebe" in out and "challenge manager" in out and "(Labour)" in out
    assert "nobody yet" in out
    code, out, _ = run(
        capsys,
        "team",
        "add",
        file,
        "--initials",
        "AB",
        "--name",
        "Amelia Brookes",
        "--role",
        "council chief executive",
        "--lead",
    )
    assert code == 0 and "Helen Achebe is now a peer" in out
    store = Store.open(file)
    assert [p.initials for p in store.peers() if p.role == "lead peer"] == ["AB"]
    assert [p.initials for p in store.peers() if p.role == "challenge manager"] == ["LW"]
    store.close()
    code, _, err = run(capsys, "team", "retire", file, "AB")
    assert code == 1 and "make another peer the lead" in err
    code, _, err = run(capsys, "team", "add", file, "--initials", "ha", "--name", "Hal Adams")
    assert code == 1 and "already Helen Achebe's" in err
    # a team list with two leads imports nothing
    code, _, err = run(capsys, "team", "import", file, files["team_csv"])
    assert code == 1 and "exactly one lead peer" in err


def test_nobody_on_the_laptop_never_acts_as_the_lead(capsys, tmp_path, files):
    from onsite.confidential import clearance

    file = new(capsys, tmp_path / "e")
    run(capsys, "team", "import", file, files["team_csv"])
    store = Store.open(file)
    with pytest.raises(ValueError, match="nobody is set"):
        clearance.lead_peer(store)
    store.close()
    assert run(capsys, "me", file, "TR")[0] == 0
    store = Store.open(file)
    with pytest.raises(ValueError, match="not the lead peer"):
        clearance.lead_peer(store)
    store.close()
    run(capsys, "me", file, "HA")
    store = Store.open(file)
    assert clearance.lead_peer(store).initials == "HA"
    store.close()


def test_lines_of_enquiry_rename_keeps_the_old_name_as_a_tag(capsys, tmp_path):
    file = new(capsys, tmp_path / "e", "--kind", "custom")
    code, out, _ = run(capsys, "lines", file)
    assert "No lines of enquiry yet" in out
    run(capsys, "lines", "add", file, "Hospital discharge", "--question", "Do people wait?")
    run(capsys, "lines", "add", file, "Workforce")
    run(capsys, "lines", "rename", file, "Hospital discharge", "Discharge and flow")
    run(capsys, "lines", "move", file, "Workforce", "1")
    run(capsys, "lines", "retire", file, "2")
    store = Store.open(file)
    [live] = store.themes()
    retired = [t for t in store.themes(include_retired=True) if t.retired][0]
    assert live.name == "Workforce"
    assert retired.name == "Discharge and flow" and "hospital-discharge" in retired.aliases
    assert retired.description == "Do people wait?"
    store.close()


def test_coverage_with_no_lines_says_so(tmp_path):
    from onsite.week.view import load_week

    store = Store.create(tmp_path / "e.onsite", name="E", start=real_week.START, kind="custom")
    assert "no lines of enquiry yet" in load_week(store).coverage.gaps()
    store.close()


def test_the_whole_run_up_to_the_week(capsys, tmp_path, files):
    file = new(capsys, tmp_path / "e")
    run(capsys, "team", "import", file, files["team_csv"])
    assert run(capsys, "scope", file, "--from", files["scope"])[0] == 0

    # the system's workbook: title rows, a cover sheet, real dates and times
    code, out, _ = run(capsys, "timetable", "import", file, files["timetable"], "--dry-run")
    assert code == 0 and "6 to add" in out and "Dry run" in out and "Catering" in out
    assert Store.open(file).sessions() == []
    code, out, _ = run(capsys, "timetable", "import", file, files["timetable"])
    assert code == 0 and "6 added" in out
    run(capsys, "me", file, "TR")
    run(capsys, "note", file, "1 11:00", "Ward sisters: discharge waits for pharmacy.")
    run(capsys, "note", file, "T05", "The hub visit, written before it was dropped.")

    # the re-issued timetable: one moved, one renamed, one dropped, one added
    code, out, _ = run(capsys, "timetable", "import", file, files["reissued"])
    assert code == 0
    assert "1 added, 0 updated, 1 moved, 1 renamed, 1 cancelled, 3 unchanged" in out
    assert "cancel   day 2 14:00-15:30  Discharge hub visit (1 note kept)" in out
    store = Store.open(file)
    sessions = store.sessions()
    assert len(sessions) == 7  # no duplicates
    ward = next(s for s in sessions if s.title == "Ward sisters and charge nurses")
    assert (ward.day, ward.start) == (1, "13:00")
    assert "pharmacy" in store.notes(session_id=ward.id)[0].body
    hub = next(s for s in sessions if s.title == "Discharge hub visit")
    assert hub.cancelled and store.notes(session_id=hub.id)[0].body.startswith("The hub visit")
    assert (
        next(s for s in sessions if s.ref == "T04").title == "Director of public health and deputy"
    )
    assert next(s for s in sessions if s.ref == "T02").briefing == "New in post since January"
    store.close()

    # a participant; the pre-reading; a peer's schedule; the briefing pack
    code, out, _ = run(
        capsys,
        "participant",
        "add",
        file,
        "1 13:00",
        "--role",
        "ward sisters and charge nurses",
        "--organisation",
        "Calder General",
        "--headcount",
        "8",
    )
    assert code == 0 and "(8 people)" in out
    code, out, _ = run(capsys, "library", "add", file, files["docx"], files["pdf"])
    assert code == 0 and "Word" in out and "PDF" in out
    assert "position statement" in run(capsys, "search", file, '"virtual ward occupancy"')[1]
    assert "performance" in run(capsys, "search", file, '"reablement waiting list"')[1]
    code, out, _ = run(capsys, "timetable", "show", file, "--peer", "SH")
    assert "Sara Hughes (SH): 4 sessions" in out and "Carers' forum" in out
    assert "Leader of the council" not in out
    out_dir = tmp_path / "pack"
    out_dir.mkdir()
    code, out, _ = run(capsys, "brief", file, "--to", out_dir)
    assert code == 0
    md = (out_dir / "Calder Vale peer challenge briefing pack.md").read_text(encoding="utf-8")
    for part in (
        "## Scope",
        "hospital discharge",
        "Integration and care pathways",
        "How well do services join up",
        "| HA | Helen Achebe | lead peer",
        "challenge manager",
        "~~Discharge hub visit~~",
        "### Sara Hughes (SH)",
        "## Reading list",
        "position statement",
    ):
        assert part in md, part
    assert (out_dir / "Calder Vale peer challenge briefing pack.docx").stat().st_size > 1000


def test_a_messy_csv_reports_each_unknown_peer_once(capsys, tmp_path, files):
    file = new(capsys, tmp_path / "e")
    run(capsys, "team", "import", file, files["team_csv"])
    code, _, err = run(capsys, "timetable", "import", file, files["messy"])
    assert code == 1 and "2 problems in 2 rows" in err
    assert err.count("'ZZ' is not a peer") == 1 and "lines 7, 8" in err
    code, out, _ = run(capsys, "timetable", "import", file, files["messy"], "--add-peers")
    assert code == 0 and "4 added" in out and "2 peers added" in out
    store = Store.open(file)
    first = store.sessions()[0]
    assert (first.day, first.start, first.end) == (1, "09:30", "10:30")
    assert {"ZZ", "QQ"} <= {p.initials for p in store.peers()}
    store.close()


def test_a_bad_document_adds_none(capsys, tmp_path, files):
    file = new(capsys, tmp_path / "e")
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip")
    code, _, err = run(capsys, "library", "add", file, files["pdf"], bad)
    assert code == 1 and "broken.docx" in err
    assert Store.open(file).documents() == []


def test_a_named_sheet_is_read_and_a_missing_one_is_named(capsys, tmp_path, files):
    file = new(capsys, tmp_path / "e")
    run(capsys, "team", "import", file, files["team_csv"])
    code, _, err = run(capsys, "timetable", "import", file, files["timetable"], "--sheet", "Week")
    assert code == 1 and "no sheet named 'Week' (it has: Cover, Timetable)" in err
    code, out, _ = run(
        capsys, "timetable", "import", file, files["timetable"], "--sheet", "timetable", "--dry-run"
    )
    assert code == 0 and "sheet 'Timetable': 6 sessions" in out
    code, _, err = run(capsys, "timetable", "import", file, files["timetable"], "--sheet", "Cover")
    assert code == 1 and "no timetable header row in sheet 'Cover'" in err


def test_an_adult_social_care_week_has_case_file_reviews(tmp_path):
    from onsite.week.sessions import FormError, SessionFields, save_session

    store = Store.create(
        tmp_path / "asc.onsite",
        name="ASC",
        start=real_week.START,
        kind="adult social care peer challenge",
    )
    session = save_session(
        store,
        SessionFields(day="1", start="10:00", kind="case file review", title="Twelve case files"),
    )
    assert session.kind == "case file review"
    with pytest.raises(FormError, match="case file review"):
        save_session(store, SessionFields(day="1", start="11:00", kind="lecture", title="X"))
    store.close()


def test_printed_tables_keep_their_line_breaks_and_lose_escapes():
    from onsite.cli.common import shown

    assert shown("Day 1\n  09:00 \x1b[31mred\x1b[0m").split("\n")[0] == "Day 1"
    assert "\x1b" not in shown("Day 1\n  09:00 \x1b[31mred")
