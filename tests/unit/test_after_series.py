"""A peer-to-peer series of three sessions over months: notes and a summary per session, the
running list of issues, a summary after each session and at the end."""

from datetime import date

import pytest

from onsite.after import series
from onsite.after.output import export_documents
from onsite.cli import main
from onsite.store.db import Store


@pytest.fixture
def kept(tmp_path):
    store = series.create(
        tmp_path / "p2p.onsite", name="Peer support", system="Calder Vale", start=date(2026, 9, 1)
    )
    yield store
    store.close()


def test_three_sessions_over_months_with_a_running_list(kept, tmp_path):
    one = series.add_session(kept, date(2026, 9, 1), "Understanding flow")
    series.write(kept, 1, notes="Team notes: the ward heard...", summary="We agreed the issues.")
    series.add_issue(kept, "No single view of discharge delays")
    series.add_issue(kept, "Fee rates differ across the boundary")
    series.add_session(kept, date(2026, 10, 20), "Testing our understanding")
    series.move(kept, 1, "shared")
    series.add_issue(kept, "Intermediate care used as a place to wait")
    series.add_session(kept, date(2027, 1, 12), "Exploring solutions")
    series.move(kept, 1, "solution", solutions="A shared dashboard owned by the discharge board")
    with pytest.raises(series.SeriesError, match="before session 3"):
        series.add_session(kept, date(2026, 12, 1))
    with pytest.raises(series.SeriesError, match="choose raised"):
        series.move(kept, 2, "parked")
    assert [s.number for s in series.sessions(kept)] == [1, 2, 3] and one.number == 1
    assert [i.stage for i in series.issues(kept)] == ["solution explored", "raised", "raised"]
    assert [i.raised_in for i in series.issues(kept)] == [1, 1, 2]

    text, _ = series.session_markdown(kept, 1)
    assert "session 1: Understanding flow" in text and "We agreed the issues." in text
    assert "Team notes" not in text  # the notes stay with the team
    assert "Intermediate care used as a place to wait" not in text  # raised later
    end, _ = series.series_markdown(kept)
    assert "3 sessions from 1 September 2026 to 12 January 2027" in end
    assert end.index("### Solution explored") < end.index("### Raised")
    assert "A shared dashboard owned by the discharge board" in end
    out = tmp_path / "out"
    out.mkdir()
    written = export_documents(kept, out, ["md", "docx"], series.outputs(kept, 2)).written
    written += export_documents(kept, out, ["md"], series.outputs(kept)).written
    assert sorted(w.path.name for w in written) == [
        "Peer support - session 2 summary.docx",
        "Peer support - session 2 summary.md",
        "Peer support - summary of the series.md",
    ]


def test_a_series_on_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    f = "p2p.onsite"
    assert main(["series", "new", "p2p", "--name", "P2P", "--start", "2026-09-01", "--plain"]) == 0
    for n, day in enumerate(("2026-09-01", "2026-10-20", "2027-01-12"), 1):
        assert main(["series", "session", f, "--date", day, "--title", f"Session {n}"]) == 0
        assert main(["series", "notes", f, str(n), f"notes {n}"]) == 0
        assert main(["series", "summary", f, str(n), f"summary {n}"]) == 0
        assert main(["series", "issue", f, f"issue from {n}"]) == 0
    assert main(["series", "move", f, "1", "shared understanding"]) == 0
    assert main(["series", "move", f, "9", "raised"]) == 1
    assert "issue 9: the list has 3 issues" in capsys.readouterr().err
    (tmp_path / "out").mkdir()
    assert main(["series", "export", f, "--to", "out", "--format", "md"]) == 0
    assert main(["series", "export", f, "--to", "out", "--format", "md", "--session", "3"]) == 0
    assert len(list((tmp_path / "out").iterdir())) == 2
    store = Store.open(tmp_path / f)
    assert [s.notes for s in series.sessions(store)] == ["notes 1", "notes 2", "notes 3"]
    assert [i.raised_in for i in series.issues(store)] == [1, 2, 3]
    store.close()
