"""The progress review: made from the demo challenge, the action plan imported, progress
recorded, the report exported behind the attribution guard."""

from datetime import date

import pytest

from onsite.after import plan, review, review_report
from onsite.after.output import export_documents
from onsite.cli import main
from onsite.confidential.clearance import GuardStopped
from onsite.model import Progress
from onsite.store.db import Store
from tests.unit.after_helpers import SYSTEM, demo_numbers, filled_plan, first_extra_row, rating


@pytest.fixture
def original(demo_file):
    store = Store.open(demo_file)  # a copy of the demo made once per run
    yield store
    store.close()


@pytest.fixture
def made(original, tmp_path):
    store = review.create(
        original, tmp_path / "review.onsite", start=date(2027, 1, 12), team=["DM", "GL"]
    )
    yield store
    store.close()


def test_a_review_carries_recommendations_team_and_link_but_no_raw_notes(original, made, tmp_path):
    e = made.engagement()
    assert e.kind == "progress review" and e.days == 2 and e.system == original.engagement().system
    assert review.origin(made).original_id == original.engagement().id
    assert [r.text for r in made.recommendations()] == [r.text for r in original.recommendations()]
    assert {p.initials for p in made.peers()} == {"DM", "GL"}
    assert [t.key for t in made.themes()] == [f"r{r.number}" for r in original.recommendations()]
    assert made.notes() == [] and made.findings() == [] and made.participants() == []
    # not one phrase of any original note is in the new file, nor in its WAL
    phrases = [n.body.strip().splitlines()[-1][:40] for n in original.notes() if n.body.strip()]
    assert phrases
    path = made.path
    made.close()
    raw = b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())
    for phrase in phrases:
        assert phrase.encode("utf-8") not in raw, phrase


def test_a_review_refuses_an_unknown_peer_and_a_start_before_the_challenge_ends(original, tmp_path):
    with pytest.raises(review.ReviewError, match="ZZ not in the original team"):
        review.create(original, tmp_path / "a.onsite", start=date(2027, 1, 12), team=["ZZ"])
    with pytest.raises(review.ReviewError, match="not after the peer challenge"):
        review.create(original, tmp_path / "b.onsite", start=date(2026, 3, 4))
    assert not (tmp_path / "a.onsite").exists() and not (tmp_path / "b.onsite").exists()


def test_the_action_plan_is_matched_by_recommendation_whatever_the_column_order(made, tmp_path):
    numbers = [r.number for r in made.recommendations()]
    assert numbers == demo_numbers() and len(numbers) > 6  # every rating in the sheet, and more
    done = plan.import_plan(made, filled_plan(tmp_path / "plan.xlsx"))
    assert done.recommendations == numbers and done.missing == []
    by_number = {it.recommendation.number: it.progress for it in review.items(made)}
    assert [by_number[n].system_rag for n in numbers] == [rating(n) for n in numbers]
    assert [by_number[n].system_rag for n in range(1, 7)] == [
        "amber",
        "green",
        "red",
        "amber",
        "blue",
        "green",
    ]
    assert by_number[2].actions == "Action 2a\nAction 2b: seven-day working"
    assert by_number[3].lead == f"Director of strategy, NHS {SYSTEM} ICB (3)"
    assert by_number[4].forum == "Integrated Care Partnership board"
    assert by_number[5].measures == "Measure 5" and by_number[6].milestones == "By month 8"
    last = numbers[-1]
    assert by_number[last].actions == f"Action {last}a"


def test_a_plan_without_some_recommendations_says_which(made, tmp_path):
    numbers = demo_numbers()
    done = plan.import_plan(made, filled_plan(tmp_path / "plan.xlsx", numbers[:-2]))
    assert done.recommendations == numbers[:-2] and done.missing == numbers[-2:]


def test_the_plan_as_onsite_exported_it_is_read_column_for_column(made, tmp_path):
    """The system fills in the workbook onsite.leaders.action_plan wrote: every column counts."""
    from openpyxl import Workbook

    from onsite.leaders.action_plan import COLUMNS

    book = Workbook()
    book.active.append(list(COLUMNS))
    book.active.append(["R1", "Act", "Lead", "Forum", "March", "Fewer groups", "Red"])
    book.save(tmp_path / "exported.xlsx")
    plan.import_plan(made, tmp_path / "exported.xlsx")
    p = review.item(made, 1).progress
    assert (p.actions, p.lead, p.forum, p.milestones, p.measures, p.system_rag) == (
        "Act",
        "Lead",
        "Forum",
        "March",
        "Fewer groups",
        "red",
    )


def test_a_bad_plan_names_every_bad_row_and_column_and_imports_nothing(made, tmp_path):
    bad = filled_plan(
        tmp_path / "bad.xlsx",
        extra_rows=[["Purple", "R3", "x", "y"], ["Green", "R9. Not ours"], ["Red", "Next year"]],
    )
    with pytest.raises(plan.PlanError) as caught:
        plan.import_plan(made, bad)
    problems = caught.value.problems
    row = first_extra_row()
    said = "\n".join(problems)
    assert f"row {row}, column A (RAG progress): 'Purple' is not a RAG rating" in said
    assert f"row {row + 1}, column B (Recommendation): R9 is not one of this review's" in said
    assert f"row {row + 2}, column B (Recommendation): 'Next year' does not start" in said
    assert all(p.system_rag == "" and p.actions == "" for p in made.every(Progress))


def test_not_an_xlsx_is_one_clear_message(made, tmp_path):
    (tmp_path / "plan.xlsx").write_text("not a workbook")
    with pytest.raises(review.ReviewError, match="not an Excel workbook"):
        plan.import_plan(made, tmp_path / "plan.xlsx")


def test_progress_and_the_report_beside_the_original_text_and_the_systems_rating(made, tmp_path):
    plan.import_plan(made, filled_plan(tmp_path / "plan.xlsx"))
    review.record(
        made,
        "R1",
        rag="green",
        changed="Governance has been cut to 12 groups.",
        evidence="Terms of reference of the new board",
    )
    with pytest.raises(review.ReviewError, match="'pink' is not a RAG rating"):
        review.record(made, "R2", rag="pink")
    review.write_section(made, "introduction", "The system invited the team back.")
    text, _ = review_report.markdown(made)
    assert text.startswith(
        f"# {made.engagement().system}: progress review report, 12-13 January 2027"
    )
    assert made.engagement().system.startswith(SYSTEM)
    for heading in (
        "## 1. Introduction",
        "## 2. Summary of the approach",
        "## 3. Progress recommendation by recommendation",
        "## 4. Next steps",
    ):
        assert heading in text
    r1 = text[text.index("### R1.") : text.index("### R2.")]
    assert made.recommendations()[0].text.split()[0] in r1
    assert "| Amber | Green |" in r1 and "Governance has been cut to 12 groups." in r1
    assert f"Director of strategy, NHS {SYSTEM} ICB (1)" in r1


def test_the_report_passes_the_attribution_guard_before_anything_is_written(made, tmp_path):
    from onsite.model import Participant, Session

    session = Session(day=1, start="09:00", title="Board")
    made.add(session, Participant(session_id=session.id, role="chair", name="Wendy Oakshott"))
    review.record(made, 1, changed="Wendy Oakshott told us the board now meets monthly.")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(GuardStopped):
        export_documents(made, out, ["md", "html", "docx"], review_report.outputs(made))
    assert list(out.iterdir()) == []
    review.record(made, 1, changed="The board now meets monthly.")
    result = export_documents(made, out, ["md", "html", "docx"], review_report.outputs(made))
    assert sorted(p.path.suffix for p in result.written) == [".docx", ".html", ".md"]


def test_the_newcomers_path_on_the_command_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--create", "demo.onsite"]) == 0
    assert (
        main(
            [
                "review",
                "demo.onsite",
                "review",
                "--start",
                "2027-01-12",
                "--team",
                "DM,GL,HA",
                "--plain",
            ]
        )
        == 0
    )
    assert (
        main(["review", "import-plan", "review.onsite", str(filled_plan(tmp_path / "p.xlsx"))]) == 0
    )
    numbers = demo_numbers()
    for n in numbers:
        assert (
            main(
                [
                    "review",
                    "progress",
                    "review.onsite",
                    f"R{n}",
                    "--rag",
                    "amber",
                    "--changed",
                    f"Progress on {n}.",
                    "--evidence",
                    "Board papers",
                ]
            )
            == 0
        )
    assert (
        main(["review", "write", "review.onsite", "next-steps", "Publish within 12 months."]) == 0
    )
    (tmp_path / "out").mkdir()
    assert main(["review", "export", "review.onsite", "--to", "out"]) == 0
    md = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert md.count("| Amber |") == len(numbers) and "Publish within 12 months." in md
    assert main(["review", "progress", "review.onsite", "R9"]) == 1
    assert "R9: no such recommendation" in capsys.readouterr().err
    store = Store.open(tmp_path / "review.onsite")
    assert {it.progress.team_rag for it in review.items(store)} == {"amber"}
    store.close()


def test_a_review_syncs_like_a_challenge(made, tmp_path):
    from onsite.sync import exchange

    plan.import_plan(made, filled_plan(tmp_path / "plan.xlsx"))
    shared = tmp_path / "shared"
    shared.mkdir()
    exchange.sync(made, shared)
    other, _ = exchange.join(shared, tmp_path / "laptop2.onsite")
    try:
        assert review.origin(other).name == review.origin(made).name
        review.record(other, 3, rag="red", changed="Nothing yet on pooled funding.")
        exchange.sync(other, shared)
        exchange.sync(made, shared)
        p = review.item(made, 3).progress
        assert (p.system_rag, p.team_rag, p.changed) == (
            "red",
            "red",
            "Nothing yet on pooled funding.",
        )
        assert [t.key for t in other.themes()] == [t.key for t in made.themes()]
    finally:
        other.close()
