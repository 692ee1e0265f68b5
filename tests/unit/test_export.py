"""Export: the four formats, the guard in front of them, atomic writes that never overwrite."""

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from markdown_it import MarkdownIt

from onsite.confidential.clearance import GuardStopped, accept, lead_peer
from onsite.leaders import daily
from onsite.leaders import export as ex
from onsite.leaders.archive import canonical_dump, canonical_json, digest
from onsite.leaders.export import ExportError, export
from onsite.leaders.render_docx import render as render_docx
from onsite.leaders.render_html import render as render_html
from onsite.model import TABLES, Finding
from tests.unit.small_engagement import build, ready_for_leaders

NAME = "Calder Vale peer challenge"


@pytest.fixture
def store(tmp_path):
    s = ready_for_leaders(build(tmp_path / "small.onsite"))
    daily.deliver(s, daily.open_update(s, 1), lead_peer(s).id)
    yield s
    s.close()


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "Shared drive" / "Peer challenge"
    folder.mkdir(parents=True)
    return folder


def test_everything_is_written_and_reported(store, out):
    steps = []
    result = export(store, out, progress=lambda m, i, n: steps.append((m, i, n)))
    names = sorted(p.name for p in out.iterdir())
    team = out / ex.TEAM_ONLY  # the team's own files, never beside what leaders receive
    assert names == sorted(
        [
            f"{NAME} - {doc}.{ext}"
            for doc in ("feedback", "report (draft)", "daily updates")
            for ext in ("md", "html", "docx")
        ]
        + [ex.TEAM_ONLY]
        + [
            f"{NAME} - final-day feedback slides.pptx",
            f"{NAME} - action plan.docx",
            f"{NAME} - action plan.xlsx",
        ]
    )
    assert sorted(p.name for p in team.iterdir()) == [
        f"{NAME} - archive.json",
        f"{NAME} - evidence pack.md",
    ]
    assert sorted(str(w.path.relative_to(out)) for w in result.written) == sorted(
        [n for n in names if n != ex.TEAM_ONLY] + [str(p.relative_to(out)) for p in team.iterdir()]
    )
    assert all(w.path.parent in (out, team) and not w.wanted for w in result.written)
    assert steps[0][1] == 0 and steps[-1] == ("Done", 16, 16)
    assert [i for _, i, _ in steps] == sorted(i for _, i, _ in steps)
    assert any("participants' names" in n for n in result.notes)
    assert not any(w.blocking for w in result.warnings)
    assert any("single voice" in str(w) for w in result.warnings)


def test_markdown_parses_and_is_the_canonical_text(store, out):
    export(store, out, ["md"])
    text = (out / f"{NAME} - feedback.md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert tokens[0].type == "heading_open" and tokens[1].content == "Calder Vale"
    assert "final-day feedback, 2\u20134 March 2026" in text
    report = (out / f"{NAME} - report (draft).md").read_text(encoding="utf-8")
    assert "## 1. Executive summary" in report and "## 5. Next steps" in report
    updates = (out / f"{NAME} - daily updates.md").read_text(encoding="utf-8")
    assert updates.startswith("# Calder Vale: daily updates\n\n")
    assert "## Daily update: day 1" in updates
    assert "### Headlines" in updates and "*Delivered by Ann Bee on " in updates


def test_word_has_real_headings_lists_and_tables(store, out):
    export(store, out, ["docx"])
    document = docx.Document(str(out / f"{NAME} - report (draft).docx"))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", "Calder Vale") in styles
    assert ("Heading 2", "2. Key recommendations") in styles
    assert ("Heading 3", "4.1 Integration and care pathways") in styles
    assert ("List Number", "Agree one discharge model for seven days.") in styles
    assert len(document.tables) == 0  # the action plan is the system's own document
    plan = docx.Document(str(out / f"{NAME} - action plan.docx")).tables[0]
    assert [c.text for c in plan.rows[0].cells][:3] == [
        "Recommendation",
        "Actions",
        "Lead (role and organisation)",
    ]
    assert plan.rows[0].cells[0].paragraphs[0].runs[0].bold
    assert plan.rows[3].cells[0].text == "3. Invest in leadership development."
    assert document.core_properties.title == "Calder Vale: report"


def test_word_walker_formats_inline_and_restarts_numbered_lists():
    md = (
        "Text with **bold**, *italic*, ~~gone~~, `code` and [a link](https://example.org).  \n"
        "After a hard break.\n\n1. one\n2. two\n\nBetween.\n\n3. three\n4. four\n\n"
        "- a\n  - b\n    - c\n\n  more of a\n\n> quoted\n\n```\ncode block\n```\n\n---\n\n"
        "<b>raw html</b>\n"
    )
    document = docx.Document(io.BytesIO(render_docx(md, "T")))
    first = document.paragraphs[0]
    runs = {r.text: r for r in first.runs}
    assert runs["bold"].bold and runs["italic"].italic and runs["gone"].font.strike
    assert runs["code"].font.name == "Consolas" and runs["a link"].underline
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("List Number", "one") in styles and ("List Number", "three") in styles
    nums = [p._p.pPr.numPr.numId.val for p in document.paragraphs if p.style.name == "List Number"]
    assert nums[0] == nums[1] != nums[2] == nums[3]  # two lists, two numberings
    assert [s for s, t in styles if t in ("a", "b", "c", "more of a")] == [
        "List Bullet",
        "List Bullet 2",
        "List Bullet 3",
        "List Continue",
    ]
    assert ("Quote", "quoted") in styles and ("Normal", "<b>raw html</b>") in styles


def test_html_is_one_printable_page_with_nothing_from_outside(store, out):
    export(store, out, ["html"])
    page = (out / f"{NAME} - feedback.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "@media print" in page
    lowered = page.lower()
    for outside in ("<link", "<script", "src=", "@import", "url(", "http://", "https://"):
        assert outside not in lowered
    assert "<h2>Recommendations</h2>" in page and "<ol>" in page
    report = (out / f"{NAME} - report (draft).html").read_text(encoding="utf-8")
    assert "<h2>3. Summary of the peer challenge approach</h2>" in report


def test_html_shows_raw_html_as_text():
    page = render_html('<script src="https://x.example/a.js"></script>\n\nText', "T")
    assert "<script src" not in page and "&lt;script" in page


def test_json_is_a_complete_stable_dump(store, out, tmp_path):
    from onsite.model import Note

    store.add(Note(author_id="x", body='Caf\u00e9 "quoted"\n\ttab \\ back \u2019 \U0001f600 \x7f'))
    one, two = canonical_dump(store), canonical_dump(store)
    assert canonical_json(one) == canonical_json(two)
    assert list(one["tables"]) == [t.__tablename__ for t in TABLES]
    counts = store.counts()
    for table, rows in one["tables"].items():
        assert len(rows) >= counts[table]
        assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    assert one["tables"]["participant"][0]["name"]  # names are in the archive
    gone = store.findings()[0]
    store.delete(gone)
    tombstone = next(r for r in canonical_dump(store)["tables"]["finding"] if r["id"] == gone.id)
    assert tombstone["deleted"] is True
    before = canonical_dump(store)  # the export is logged after the archive is written
    export(store, out, ["json"])
    written = json.loads(
        (out / ex.TEAM_ONLY / f"{NAME} - archive.json").read_text(encoding="utf-8")
    )
    assert written == json.loads(canonical_json(before))
    assert canonical_dump(store)["tables"]["audit"][-1]["action"] == "export"
    from onsite.leaders.archive import archive_json

    assert archive_json(store) == archive_json(store)
    assert json.loads(archive_json(store)) == canonical_dump(store)
    assert written["format"] == "onsite-archive" and written["engagement"]["name"] == NAME
    assert "changes" in canonical_dump(store, history=True)


def test_two_laptops_with_the_same_engagement_have_the_same_digest(store, tmp_path):
    path = store.path
    copy = tmp_path / "other laptop.onsite"
    store.close()
    shutil.copyfile(path, copy)
    from onsite.store.db import Store

    a, b = Store.open(path), Store.open(copy)
    assert digest(a) == digest(b)
    assert canonical_dump(a) == canonical_dump(b)
    b.add(Finding(theme_key="workforce", statement="Only on one laptop."))
    assert digest(a) != digest(b)
    a.close(), b.close()


def test_writes_are_atomic_and_leave_no_temporary_files(store, out):
    export(store, out)
    export(store, out, ["md", "json"])
    leftovers = [
        p.name for p in out.iterdir() if p.name.startswith(ex.TEMP_PREFIX) or p.suffix == ".tmp"
    ]
    assert leftovers == []


def test_an_earlier_export_is_never_overwritten(store, out):
    export(store, out, ["md"])
    first = (out / f"{NAME} - feedback.md").read_text(encoding="utf-8")
    (out / f"{NAME} - feedback (2).md").write_text("someone else's", encoding="utf-8")
    fb = next(f for f in store.findings() if "Hub" in f.statement)
    store.update(fb, statement="The Transfer of Care Hub is valued by everyone.")
    result = export(store, out, ["md"])
    assert (out / f"{NAME} - feedback.md").read_text(encoding="utf-8") == first
    assert (out / f"{NAME} - feedback (2).md").read_text(encoding="utf-8") == "someone else's"
    third = next(w for w in result.written if w.title == "feedback")
    assert third.path.name == f"{NAME} - feedback (3).md"
    assert third.wanted == f"{NAME} - feedback.md" and "already there" in str(third)
    assert "valued by everyone" in third.path.read_text(encoding="utf-8")


def test_file_names_are_safe_for_windows_and_sharepoint(tmp_path, out):
    from datetime import date

    from onsite.store.db import Store

    s = Store.create(
        tmp_path / "odd.onsite", name='Calder: "Vale"/Hebbleton? #1 | 50%', start=date(2026, 3, 2)
    )
    result = export(s, out, ["md", "json"])
    for w in result.written:
        assert not set(w.path.name) & set('<>:"/\\|?*#%')
        assert w.path.exists()
    s.close()


def test_a_missing_folder_or_a_file_gets_a_clear_message(store, tmp_path):
    with pytest.raises(ExportError, match="no such folder"):
        export(store, tmp_path / "not there")
    (tmp_path / "a file").write_text("x")
    with pytest.raises(ExportError, match="is a file, not a folder"):
        export(store, tmp_path / "a file")
    with pytest.raises(ExportError, match="choose from md, html, docx, pptx, xlsx, json"):
        export(store, tmp_path, ["pdf"])


def _cli(*args, **kw):
    return subprocess.run(
        [sys.executable, "-m", "onsite", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        **kw,
    )


def test_a_read_only_folder_gets_a_clear_message(store, tmp_path):
    folder = tmp_path / "read only"
    folder.mkdir()
    store.close()
    if os.name == "posix" and os.geteuid() == 0:
        # root writes through file modes, so use a real read-only file system instead
        if not shutil.which("unshare"):
            pytest.skip("running as root without unshare: cannot make a read-only folder")
        code = (
            f"mount -t tmpfs -o ro none '{folder}' && '{sys.executable}' -m onsite export "
            f"'{store.path}' --to '{folder}'"
        )
        run = subprocess.run(
            ["unshare", "-m", "sh", "-c", code],
            capture_output=True,
            text=True,
            cwd=Path(__file__).parents[2],
        )
        if "mount:" in run.stderr:
            pytest.skip(f"cannot mount a read-only file system here: {run.stderr.strip()}")
    else:
        folder.chmod(0o555)
        run = _cli("export", store.path, "--to", folder, cwd=Path(__file__).parents[2])
        folder.chmod(0o755)
    assert run.returncode == 1
    assert "cannot write there" in run.stderr and "read-only" in run.stderr
    assert "Traceback" not in run.stderr


def test_the_guard_stops_the_export_and_nothing_is_written(store, out):
    slow = next(f for f in store.findings() if "weekends" in f.statement)
    store.update(slow, statement="Discharge at weekends is slow, said J. Roe.")
    with pytest.raises(GuardStopped) as stopped:
        export(store, out)
    assert list(out.iterdir()) == []
    [flag] = stopped.value.flags
    assert flag.hit.shown == "J. Roe" and flag.hit.column == 37
    assert flag.where.startswith("Finding (Integration and care pathways)")
    # the JSON archive alone is not for system leaders: the guard does not apply
    assert [w.format for w in export(store, out, ["json"]).written] == ["json"]


def test_a_hit_in_a_delivered_daily_update_or_a_reworded_finding_also_stops_it(store, out):
    from onsite.leaders import feedback

    hub = next(f for f in store.findings() if "Hub" in f.statement)
    feedback.reword(store, hub, "The Hub, run by Dr Khan, is valued.")
    with pytest.raises(GuardStopped) as stopped:
        export(store, out, ["md"])
    assert stopped.value.flags[0].where.startswith("Feedback wording of a finding")
    feedback.reword(store, hub, "The Hub is valued.")
    v2 = daily.new_version(store, 1)
    daily.save(store, v2, v2.body + "\nPriya Shah's ward is calm.\n")
    accept(store, [f for f in _flags(store) if "Priya" in f.hit.shown], lead_peer(store).id)
    daily.deliver(store, v2, lead_peer(store).id)
    result = export(store, out, ["md"])
    assert [f.hit.shown for f in result.accepted] == ["Priya Shah's"]


def _flags(store):
    from onsite.confidential.clearance import check

    return check(store, daily.sources(store, daily.current(store, 1)))


def test_cli_export_stops_then_accepts(store, out, capsys):
    from onsite.cli import main

    slow = next(f for f in store.findings() if "weekends" in f.statement)
    store.update(slow, statement="Discharge at weekends is slow, said Kowalczyk.")
    store.close()
    args = ["export", str(store.path), "--to", str(out)]
    assert main(args) == 1 and list(out.iterdir()) == []
    err = capsys.readouterr().err
    assert (
        "line 1, column 37: \u201cKowalczyk\u201d (distinctive surname: porter, Calder General)"
        in err
    )
    assert main([*args, "--accept", "kowalczyk", "--by", "CD"]) == 1
    assert "not the lead peer" in capsys.readouterr().err
    assert main([*args, "--accept", "kowalczyk", "--format", "md,json"]) == 0
    run = capsys.readouterr()
    assert "Accepted by Ann Bee: \u201cKowalczyk\u201d" in run.out
    assert "Wrote 5 file(s)" in run.out and "participants' names" in run.out
    assert "[6/7] Writing the archive (JSON)" in run.err
    assert sorted(p.suffix for p in out.rglob("*") if p.is_file()) == [
        ".json",
        ".md",
        ".md",
        ".md",
        ".md",
    ]
    assert main([*args, "--format", "md"]) == 0  # the acceptance was recorded: no --accept needed
    assert "Accepted by Ann Bee on " in capsys.readouterr().out


def test_fix_replaces_the_words_in_the_text_they_came_from(store):
    from onsite.confidential.clearance import check, fix, replace_hit
    from onsite.leaders.feedback import compile_feedback

    slow = next(f for f in store.findings() if "weekends" in f.statement)
    store.update(slow, statement="Slow at weekends, as Dr Khan\nsaid.")
    sources = compile_feedback(store).sources
    [flag] = check(store, sources)
    assert (flag.hit.line, flag.hit.column, flag.hit.shown) == (1, 22, "Dr Khan")
    fix(store, flag.source, replace_hit(flag.source.text, flag.hit, "a system leader"))
    assert store.get(Finding, slow.id).statement == "Slow at weekends, as a system leader\nsaid."
    assert check(store, compile_feedback(store).sources) == []
    delivered = daily.current(store, 1)
    with pytest.raises(ValueError, match="frozen"):
        fix(store, daily.sources(store, delivered)[0], "new words")
