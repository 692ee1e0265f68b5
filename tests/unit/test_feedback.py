"""Final-day feedback: compile, the lead's edits, warnings; the report skeleton and figures."""

from datetime import date

import pytest
from markdown_it import MarkdownIt

from onsite.leaders import feedback as fb
from onsite.leaders.dates import add_months, deadlines
from onsite.leaders.report import feedback_markdown as report_markdown_feedback
from onsite.leaders.report import figures, report_markdown
from onsite.model import Finding, Session
from tests.unit.small_engagement import build


@pytest.fixture
def store(tmp_path):
    s = build(tmp_path / "small.onsite")
    yield s
    s.close()


def finding(store, words):
    return next(f for f in store.findings() if words in f.statement)


def test_agreed_findings_are_in_by_default_grouped_by_line_and_polarity(store):
    f = fb.compile_feedback(store)
    integration = f.themes[0]
    assert [i.text for i in integration.strengths] == [
        "The Transfer of Care Hub is valued by staff."
    ]
    assert [i.text for i in integration.areas] == [
        "Discharge at weekends is slow and depends on a few people."
    ]
    assert f.themes[1].empty and f.themes[2].empty  # governance findings are not agreed yet
    assert {i.finding.statement for i in f.candidates} == {
        "Boards duplicate one another.",
        "Relationships between chief executives are strong.",
    }
    assert [r.label for r in f.recommendations] == ["R1", "R2", "R3"]
    assert [i.text for i in f.recommendations[1].findings] == ["Boards duplicate one another."]


def test_warnings_before_export(store):
    messages = [str(w) for w in fb.compile_feedback(store).warnings]
    assert "R3 rests on no finding" in messages
    assert (
        "R2 rests on \u201cBoards duplicate one another.\u201d, which is emerging, not agreed"
        in messages
    )
    assert any("Transfer of Care Hub" in m and "single voice" in m for m in messages)
    blocking = [str(w) for w in fb.compile_feedback(store).blocked]
    assert (
        "Nothing agreed on Governance and decision making: write the lead peer's sentence for "
        "this line of enquiry"
    ) in blocking
    assert any(m.startswith("Nothing agreed on Workforce") for m in blocking)
    assert "R3 rests on no finding" in blocking
    assert not any("Discharge at weekends" in m for m in messages)  # agreed and triangulated


def test_a_recommendation_whose_finding_was_dropped_warns(store):
    slow = finding(store, "weekends")
    store.update(slow, status="dropped")
    messages = [str(w) for w in fb.compile_feedback(store).warnings]
    assert "R1 rests on no finding (its findings were dropped or deleted)" in messages


def test_the_lead_chooses_rewords_and_reorders(store):
    tested = finding(store, "Relationships")
    emerging = finding(store, "Boards")
    fb.include(store, tested)
    fb.include(store, emerging)
    fb.reword(store, tested, "Relationships between leaders are strong and honest.")
    f = fb.compile_feedback(store)
    governance = f.themes[1]
    assert governance.strengths == []  # chosen, but only agreed findings reach system leaders
    assert f.items[tested.id].text == "Relationships between leaders are strong and honest."
    assert f.items[tested.id].reworded
    assert (
        finding(store, "Relationships").statement
        == "Relationships between chief executives are strong."
    )
    assert any("is tested, not agreed: it stays out" in str(w) for w in f.warnings)
    store.update(tested, status="agreed")
    governance = fb.compile_feedback(store).themes[1]
    assert [i.text for i in governance.strengths] == [
        "Relationships between leaders are strong and honest."
    ]
    fb.reword(store, tested, tested.statement)  # back to the finding's own words
    assert not fb.compile_feedback(store).themes[1].strengths[0].reworded
    fb.include(store, finding(store, "Hub"), False)
    assert fb.compile_feedback(store).themes[0].strengths == []

    store.add(
        Finding(
            theme_key="integration",
            polarity="area for consideration",
            status="agreed",
            statement="Care homes are not part of discharge planning.",
            position=5,
        )
    )
    areas = lambda: [i.text[:10] for i in fb.compile_feedback(store).themes[0].areas]  # noqa: E731
    assert areas() == ["Discharge ", "Care homes"]
    fb.move(store, finding(store, "Care homes"), -1)
    assert areas() == ["Care homes", "Discharge "]
    fb.move(store, finding(store, "Care homes"), 5)
    assert areas() == ["Discharge ", "Care homes"]
    with pytest.raises(ValueError, match="only findings in the feedback"):
        fb.move(store, finding(store, "Hub"), 1)


def test_sections_are_drafted_until_the_lead_writes_them(store):
    f = fb.compile_feedback(store)
    every = set(f.texts)
    assert f.drafted == every and {fb.KEY_MESSAGES, fb.NEXT_STEPS, "line:workforce"} <= every
    assert (
        f.key_messages.splitlines()[0]
        == "- Discharge at weekends is slow and depends on a few people."
    )
    assert "agreed locally" in f.next_steps and "factual accuracy check" in f.next_steps
    fb.save_section(store, fb.KEY_MESSAGES, "- Our own message.")
    f = fb.compile_feedback(store)
    assert f.key_messages == "- Our own message." and f.drafted == every - {fb.KEY_MESSAGES}
    assert any(s.label == "Key messages" for s in f.sources)
    fb.save_section(store, fb.KEY_MESSAGES, "")
    assert fb.compile_feedback(store).drafted == every
    with pytest.raises(ValueError):
        fb.save_section(store, "preface", "x")


def test_sources_cover_every_text_that_reaches_the_feedback(store):
    f = fb.compile_feedback(store)
    text = report_markdown_feedback(f)
    labels = {s.key.split(":")[0] for s in f.sources}
    assert labels == {"engagement", "theme", "recommendation", "finding"}
    for s in f.sources:
        if s.key.startswith(("finding", "recommendation")):
            assert " ".join(s.text.split()) in text


def test_feedback_markdown_is_in_the_usual_order_and_parses(store):
    text = report_markdown_feedback(fb.compile_feedback(store))
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    headings = [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h2"
    ]
    assert headings == [
        "Key messages",
        "Feedback by line of enquiry",
        "Recommendations",
        "Next steps",
    ]
    assert "1. Agree one discharge model for seven days." in text and "Rests on" not in text


def test_report_skeleton_order_figures_and_action_plan(store):
    text = report_markdown(store, fb.compile_feedback(store))
    h2 = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert h2 == [
        "1. Executive summary",
        "2. Key recommendations",
        "3. Summary of the peer challenge approach",
        "4. Feedback",
        "5. Next steps",
    ]
    assert "- gathered information and views from 3 meetings, visits and focus groups;" in text
    assert "- spoke to 4 people," in text
    assert "3. Invest in leadership development." in text
    assert (
        "- Ann Bee, Former chief executive (lead peer)\n- Cy Dee, Director of adult social services"
        in text
    )


def test_figures_count_people_once_and_leave_out_cancelled_sessions_and_team_meetings(store):
    f = figures(store)
    # each peer's day on site: day 1 AB 9-10, CD 9-12.30; day 2 AB 9-18 and CD 17-18 (every peer
    # at the team meeting); the cancelled session is not counted
    assert (f.sessions_held, f.people_met, f.peer_hours, f.days, f.peers, f.documents) == (
        3,
        4,
        14.5,
        3,
        2,
        1,
    )
    s = Session(day=3, start="14:00", end="15:00", kind="site visit", title="Hub", peer_ids=["x"])
    store.add(s)
    from onsite.model import Participant

    store.add(Participant(session_id=s.id, role="director of public health", name="jane  ROE"))
    f = figures(store)
    assert (f.sessions_held, f.people_met, f.peer_hours) == (4, 4, 15.5)


def test_deadlines_from_the_last_on_site_day(store):
    d = deadlines(store)
    assert d.last_day == date(2026, 3, 4)
    assert (d.report, d.action_plan, d.progress_review) == (
        date(2026, 6, 4),
        date(2026, 8, 4),
        date(2027, 1, 4),
    )


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 3, 6), 10, date(2027, 1, 6)),
        (date(2026, 12, 15), 12, date(2027, 12, 15)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def test_an_empty_engagement_compiles(tmp_path):
    from onsite.store.db import Store

    store = Store.create(tmp_path / "empty.onsite", name="Empty", start=date(2026, 5, 4), days=2)
    f = fb.compile_feedback(store)
    assert f.themes == [] and f.recommendations == [] and f.warnings == []
    assert "The peer team makes no recommendations." in report_markdown_feedback(f)
    assert "(Key messages to come.)" in report_markdown_feedback(f)
    store.close()


def test_support_agrees_with_the_findings_board(store):
    from onsite.evidence.findings import board
    from onsite.evidence.support import finding_support, support_of

    support = finding_support(store)
    for card in board(store).cards:
        s = support_of(support, card.finding.id)
        assert (s.triangulation, s.sources, s.organisations, s.excerpts) == (
            card.triangulation,
            len(card.sources),
            len(card.organisations),
            card.excerpts,
        )


def test_recommendations_are_added_linked_moved_and_removed_keeping_r1_to_rn(store):
    hub = finding(store, "Hub")
    rec = fb.add_recommendation(store, "  Spread the hub model.  ", [hub.id])
    assert (rec.number, rec.text, rec.finding_ids) == (4, "Spread the hub model.", [hub.id])
    with pytest.raises(ValueError):
        fb.add_recommendation(store, "  ")
    r3 = next(r for r in store.recommendations() if r.number == 3)
    fb.link(store, r3, hub)
    assert "R3 rests on no finding" not in [str(w) for w in fb.compile_feedback(store).warnings]
    fb.link(store, r3, hub, linked=False)
    assert "R3 rests on no finding" in [str(w) for w in fb.compile_feedback(store).warnings]
    fb.move_recommendation(store, rec, -3)
    assert [(r.number, r.text[:6]) for r in store.recommendations()] == [
        (1, "Spread"),
        (2, "Agree "),
        (3, "Simpli"),
        (4, "Invest"),
    ]
    fb.remove_recommendation(store, store.recommendations()[1])
    assert [(r.number, r.text[:6]) for r in store.recommendations()] == [
        (1, "Spread"),
        (2, "Simpli"),
        (3, "Invest"),
    ]
    fb.reword_recommendation(
        store, store.recommendations()[0], "Spread the hub model to Larkholme."
    )
    text = report_markdown_feedback(fb.compile_feedback(store))
    assert "1. Spread the hub model to Larkholme." in text and "Rests on" not in text
