"""Issue 13, done when: every file system leaders receive, read back from disk in its own
format, holds no "rests on", no participant's name, no finding that is not agreed (final
documents) or that rests on a single voice (daily updates), and the approach's figures as
computed here, independently, from the demo's timetable CSV."""

from __future__ import annotations

import csv
import re
import shutil
import tomllib
from collections import defaultdict

import docx
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from onsite.evidence.support import finding_support, support_of
from onsite.leaders import feedback as fb
from onsite.leaders import marks, texts
from onsite.leaders.export import ExportBlocked, export
from onsite.paths import data_dir

DEMO = data_dir() / "demo"
FINAL = ("feedback", "report", "slides", "action plan")


def docx_text(path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    for s in d.sections:
        parts += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    return "\n".join(parts)


def pptx_text(path) -> str:
    prs = Presentation(str(path))
    parts = []
    for slide in prs.slides:
        parts += [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert not (slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip())
    return "\n".join(parts)


def xlsx_text(path) -> str:
    wb = load_workbook(str(path))
    return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)


READERS = {
    ".md": lambda p: p.read_text(encoding="utf-8"),
    ".html": lambda p: re.sub(r"<[^>]+>", " ", p.read_text(encoding="utf-8")),
    ".docx": docx_text,
    ".pptx": pptx_text,
    ".xlsx": xlsx_text,
}


def flat(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split()).casefold()


def more_than(n: float) -> int:
    """The round number below n, computed here on its own: steps of 5 below 50, then 10."""
    whole = int(n)
    step = 5 if whole < 50 else 10
    return (whole - 1) // step * step if whole == n else whole // step * step


def expected_figures() -> tuple[int, int, float]:
    """People, meetings and peer hours from the timetable CSV and the team in engagement.toml."""
    team = [
        p["initials"] for p in tomllib.loads((DEMO / "engagement.toml").read_text("utf-8"))["peer"]
    ]
    people: set[str] = set()
    groups = meetings = 0
    spans: dict[tuple[str, str], list[int]] = defaultdict(list)
    with open(DEMO / "timetable.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            start = [int(x) for x in row["start"].split(":")]
            end = [int(x) for x in row["end"].split(":")]
            minutes = (start[0] * 60 + start[1], end[0] * 60 + end[1])
            who = team if row["kind"] == "team meeting" else row["peers"].split(";")
            for peer in who:
                spans[(peer, row["day"])] += minutes
            if row["kind"] not in ("interview", "focus group", "site visit"):
                continue
            meetings += 1
            for part in filter(None, (p.strip() for p in row["participants"].split(";"))):
                bits = [b.strip() for b in part.split(",")]
                if len(bits) > 3:
                    people.add(", ".join(bits[3:]).casefold())
                else:
                    size = re.match(r"(\d+) ", bits[0])
                    groups += int(size.group(1)) if size else 1
    hours = sum(max(m) - min(m) for m in spans.values()) / 60
    return len(people) + groups, meetings, hours


@pytest.fixture(scope="module")
def exported(demo_master, tmp_path_factory):
    """The demo exported once for the tests that only read what was written (an export of
    every format takes a second)."""
    from onsite.store.db import Store

    folder = tmp_path_factory.mktemp("exported")
    path = folder / "demo.onsite"
    shutil.copyfile(demo_master, path)
    store = Store.open(path)
    out = folder / "shared drive"
    out.mkdir()
    try:
        yield store, export(store, out)  # all formats, no --accept
    finally:
        store.close()


def test_every_leader_facing_file_reads_as_published_reports_do(exported):
    store, result = exported
    kinds = sorted((w.title, w.format) for w in result.written)
    for needed in [
        ("feedback", "docx"),
        ("report (draft)", "docx"),
        ("daily updates", "docx"),
        ("slide deck", "pptx"),
        ("action plan", "xlsx"),
        ("action plan", "docx"),
    ]:
        assert needed in kinds
    names = {" ".join(p.name.split()) for p in store.participants() if p.name}
    support = finding_support(store)
    not_agreed = [f.statement for f in store.findings() if f.status != "agreed"]
    single = [f.statement for f in store.findings() if support_of(support, f.id).single_voice]
    people, meetings, hours = expected_figures()
    assert 150 <= people <= 220 and 300 <= hours <= 400  # a realistic week, counted right
    leaders = [w for w in result.written if w.format != "json" and "team only" not in w.title]
    assert len(leaders) == 12
    for w in leaders:
        text = READERS[w.path.suffix](w.path)
        low = flat(text)
        assert "rests on" not in low, w.path.name
        assert not [n for n in names if n.casefold() in low], w.path.name
        assert "nothing to report" not in low and "for agreement" not in low
        if w.title != "daily updates":  # delivered and frozen: a record, not a draft
            assert "draft" in low, w.path.name  # the report is not final yet
        assert not re.search(r"\b(saturday|sunday)\b", low), w.path.name
        if w.title == "daily updates":
            assert not [s for s in single if flat(s)[:60] in low]
        else:
            assert not [s for s in not_agreed if flat(s)[:60] in low], w.path.name
        if w.title.startswith("report") and w.format == "md":
            assert f"spoke to more than {more_than(people)} people" in low
            assert f"from more than {more_than(meetings)} meetings, visits and focus groups" in low
            assert f"collectively spent more than {more_than(hours)} hours" in low
            assert f"spending more than {int(hours / 37.5)} weeks" in low
            assert "including the system's position statement" in low
            headings = re.findall(r"^## (.+)$", text, re.M)
            assert headings == [
                "1. Executive summary",
                "2. Key recommendations",
                "3. Summary of the peer challenge approach",
                "4. Feedback",
                "5. Next steps",
            ]
            assert text.startswith("# Rennick Vale Health and Care System\n")
            assert "2\u20136 March 2026" in text.split("## 1.")[0]
            assert "factual accuracy check" in low
            assert "agreed locally" in low  # not the corporate deadlines
        if w.title == "feedback" and w.format == "md":
            assert "presented to system leaders on friday 6 march 2026" in low


def test_word_is_a4_with_running_head_page_numbers_and_header_rows(exported):
    _, result = exported
    for w in (w for w in result.written if w.format == "docx"):
        d = docx.Document(str(w.path))
        s = d.sections[0]
        assert sorted((round(s.page_width.mm), round(s.page_height.mm))) == [210, 297]
        assert ("DRAFT" in s.header.paragraphs[0].text) != ("daily updates" in w.path.name)
        assert "PAGE" in s.footer._element.xml and "NUMPAGES" in s.footer._element.xml
        assert any(p.style.name.startswith("Heading") for p in d.paragraphs)
        for table in d.tables:
            assert "w:tblHeader" in table.rows[0]._tr.xml and "w:shd" in table.rows[0]._tr.xml


def test_slides_and_action_plan(exported):
    store, result = exported
    deck = next(w.path for w in result.written if w.format == "pptx")
    prs = Presentation(str(deck))
    assert round(prs.slide_width / prs.slide_height, 2) == round(16 / 9, 2)
    titles = [s.shapes[0].text_frame.text for s in prs.slides]
    assert titles[1:3] == ["Our approach", "Key messages"]
    assert titles[-1] == "Next steps" and any(t.startswith("Recommendations") for t in titles)
    plan = next(w.path for w in result.written if w.format == "xlsx")
    ws = load_workbook(str(plan)).active
    header = [c.value for c in ws[4]]
    assert header == [
        "Recommendation",
        "Actions",
        "Lead (role and organisation)",
        "Oversight forum",
        "Milestones",
        "Success measures",
        "Progress (RAG)",
    ]
    recs = store.recommendations()
    assert [ws.cell(row=5 + i, column=1).value.split(".")[0] for i in range(len(recs))] == [
        str(n) for n in range(1, len(recs) + 1)
    ]
    validation = ws.data_validations.dataValidation[0]
    assert validation.type == "list" and "Amber" in validation.formula1
    assert str(validation.sqref) == f"G5:G{4 + len(recs)}"


def test_a_recommendation_on_an_unagreed_finding_blocks_the_export(demo_store, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    emerging = next(f for f in demo_store.findings() if f.status == "emerging")
    fb.link(demo_store, demo_store.recommendations()[0], emerging)
    with pytest.raises(ExportBlocked) as blocked:
        export(demo_store, out)
    assert list(out.iterdir()) == []
    assert "R1 rests on" in str(blocked.value) and "emerging, not agreed" in str(blocked.value)
    assert [w.format for w in export(demo_store, out, ["json"]).written] == ["json"]  # the archive


def test_a_line_with_nothing_agreed_needs_the_leads_sentence(demo_store):
    workforce = next(
        f for f in demo_store.findings() if f.theme_key == "workforce" and f.status == "agreed"
    )
    fb.include(demo_store, workforce, False)
    for r in demo_store.recommendations():
        if workforce.id in r.finding_ids:
            fb.link(demo_store, r, workforce, False)
    texts.save(demo_store, texts.line_key("workforce"), "")  # back to the draft, which is empty
    blocked = [str(w) for w in fb.compile_feedback(demo_store).blocked]
    assert blocked == [
        "Nothing agreed on Workforce: write the lead peer's sentence for this line of enquiry"
    ]
    texts.save(demo_store, texts.line_key("workforce"), "The team heard too little to say more.")
    assert fb.compile_feedback(demo_store).blocked == []


def test_final_only_when_every_text_is_the_leads(demo_store):
    lead = next(p for p in demo_store.peers() if p.role == "lead peer")
    texts.save(demo_store, texts.EXECUTIVE_SUMMARY, "")
    with pytest.raises(ValueError, match="Executive summary"):
        marks.mark(demo_store, texts.FINAL, lead.id)
    f = fb.compile_feedback(demo_store)
    summary = f.texts[texts.EXECUTIVE_SUMMARY]
    assert summary.drafted and "There is much to build on." in summary.draft
    texts.accept_draft(demo_store, summary)
    marks.mark(demo_store, texts.FINAL, lead.id)
    assert marks.marking(demo_store) == "" and fb.compile_feedback(demo_store).final
    marks.unmark(demo_store, texts.FINAL)
    assert marks.marking(demo_store) == "DRAFT"


def test_next_steps_by_kind_never_on_a_weekend_and_presented_only_once_marked(demo_store):
    from datetime import date

    from onsite.leaders.dates import deadlines, working_day
    from onsite.leaders.report import feedback_markdown

    assert working_day(date(2026, 6, 6)) == date(2026, 6, 5)  # a Saturday: the Friday before
    assert (
        working_day(date(2026, 6, 7)) == date(2026, 6, 5) and working_day(date(2026, 6, 8)).day == 8
    )
    engagement = demo_store.engagement()
    local = texts.draft_next_steps(engagement, deadlines(demo_store))
    assert "agreed locally" in local and "within three months" not in local
    demo_store.update(engagement, kind="corporate peer challenge", start=date(2026, 3, 4))
    d = deadlines(demo_store)  # last day Sunday 8 March: + 3 months is a Monday, + 5 a Saturday
    assert d.action_plan == date(2026, 8, 7) and d.action_plan.weekday() == 4
    corporate = texts.draft_next_steps(demo_store.engagement(), d)
    assert "by Friday 7 August 2026, within five months" in corporate
    assert "within twelve months" in corporate and "agreed locally" not in corporate
    marks.unmark(demo_store, texts.PRESENTED)
    text = feedback_markdown(fb.compile_feedback(demo_store))
    assert "To be presented to system leaders on Sunday 8 March 2026" in text
    assert "Presented to system leaders" not in text
