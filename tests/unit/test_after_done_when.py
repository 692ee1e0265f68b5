"""Issue 17, done when, on the command line as a newcomer would: from the demo challenge,
its progress review with the shipped filled-in action plan, progress on every
recommendation, the report exported; a workshop's summary with its chart; a three-session
series; mentoring notes that neither a sync nor an export carries (the folders are read)."""

from __future__ import annotations

import io

import docx

from onsite.cli import main
from onsite.paths import data_dir
from tests.demo_action_plan import ENTRIES
from tests.unit.after_helpers import demo_numbers

PASS = "a long enough passphrase"
SECRET = "wants to leave the NHS within the year"


def test_after_the_week_and_beside_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ONSITE_PASSPHRASE", PASS)
    drive = tmp_path / "shared drive"
    drive.mkdir()
    # the progress review
    assert main(["demo", "--create", "demo.onsite"]) == 0
    assert (
        main(["review", "demo.onsite", "review", "--start", "2027-01-12", "--team", "HA,DM,TR"])
        == 0
    )
    plan = data_dir() / "demo" / "action-plan-filled-in.xlsx"
    assert main(["review", "import-plan", "review.onsite", str(plan)]) == 0
    numbers = demo_numbers()
    assert sorted(ENTRIES) == numbers  # the shipped plan has a row for every recommendation
    rags = ("amber", "green", "red", "amber", "blue", "green")
    for n in numbers:
        rag = rags[(n - 1) % len(rags)]
        assert (
            main(
                [
                    "review",
                    "progress",
                    "review.onsite",
                    f"R{n}",
                    "--rag",
                    rag,
                    "--changed",
                    f"What changed on {n}.",
                    "--evidence",
                    "Board papers.",
                ]
            )
            == 0
        )
    assert main(["review", "export", "review.onsite", "--to", str(drive)]) == 0
    md = next(drive.glob("*progress review report*.md")).read_text(encoding="utf-8")
    assert md.count("**What has changed.**") == len(numbers) and "| Red | Red |" in md
    assert "Chief finance officer, NHS Rennick Vale ICB" in md  # from the spreadsheet
    assert f"What changed on {numbers[-1]}." in md and ENTRIES[numbers[-1]][0] in md
    # the workshop, its chart in HTML and Word
    assert main(["workshop", "new", "ws", "--name", "Workshop", "--date", "2026-06-10"]) == 0
    for area, dim, score in (
        ("hosp", "ambition", "4"),
        ("hosp", "capacity", "2"),
        ("mental", "commitment", "1"),
    ):
        assert main(["workshop", "rate", "ws.onsite", area, dim, score]) == 0
    assert main(["workshop", "step", "ws.onsite", "One dashboard", "--owner", "ICB"]) == 0
    assert main(["workshop", "export", "ws.onsite", "--to", str(drive)]) == 0
    assert "<svg" in next(drive.glob("*workshop summary.html")).read_text(encoding="utf-8")
    word = docx.Document(io.BytesIO(next(drive.glob("*workshop summary.docx")).read_bytes()))
    assert word.tables[0].cell(1, 1).text == "4 established"
    # a three-session series
    assert main(["series", "new", "p2p", "--name", "P2P", "--start", "2026-09-01"]) == 0
    for n, day in enumerate(("2026-09-01", "2026-11-03", "2027-02-02"), 1):
        assert main(["series", "session", "p2p.onsite", "--date", day]) == 0
        assert main(["series", "summary", "p2p.onsite", str(n), f"Summary {n}."]) == 0
        assert (
            main(
                [
                    "series",
                    "export",
                    "p2p.onsite",
                    "--to",
                    str(drive),
                    "--format",
                    "md",
                    "--session",
                    str(n),
                ]
            )
            == 0
        )
    assert main(["series", "export", "p2p.onsite", "--to", str(drive), "--format", "md"]) == 0
    assert len(list(drive.glob("P2P - *.md"))) == 4
    # mentoring notes that a sync and an export never carry
    assert main(["mentoring", "new", "mine", "--mentor", "Helen Ashdown"]) == 0
    assert (
        main(["mentoring", "add", "mine.onsite", "--mentee", "a director", "--notes", SECRET]) == 0
    )
    shared = tmp_path / "team folder"
    shared.mkdir()
    capsys.readouterr()
    assert main(["sync", "mine.onsite", str(shared)]) == 1
    assert main(["export", "mine.onsite", "--to", str(drive)]) == 1
    assert main(["invite", "mine.onsite"]) == 1
    assert "never syncs" in capsys.readouterr().err
    assert not any(shared.rglob("*"))
    everything = b"".join(p.read_bytes() for p in drive.rglob("*") if p.is_file())
    assert SECRET.encode() not in everything and b"a director" not in everything
    assert SECRET.encode() not in (tmp_path / "mine.onsite").read_bytes()  # encrypted
