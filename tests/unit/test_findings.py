from datetime import date

import pytest

from onsite.evidence import findings, tagging
from onsite.evidence.findings import SINGLE_VOICE, SUPPORTED, TRIANGULATED, triangulation
from onsite.evidence.tags import find_tags, theme_lookup
from onsite.model import Document, Finding, Note, Participant, Peer, Session, Theme
from onsite.store.db import Store
from onsite.week import notes


@pytest.fixture
def week(tmp_path):
    store = Store.create(tmp_path / "w.onsite", name="W", start=date(2026, 3, 2))
    store.add(
        Theme(key="workforce", name="Workforce", aliases=["staff"]),
        Theme(key="leadership", name="System leadership and relationships"),
    )
    peer = Peer(name="Ann Bee", initials="AB")
    sessions = [
        Session(day=1, start="09:00", kind="interview", title="ICB CEO"),
        Session(day=2, start="10:00", kind="focus group", title="Carers"),
        Session(day=3, start="11:00", kind="site visit", title="Discharge lounge"),
    ]
    people = [
        Participant(session_id=sessions[0].id, role="CEO", organisation="ICB", name="Pat Quill"),
        Participant(session_id=sessions[1].id, role="carers", organisation="Carers Hub"),
        Participant(session_id=sessions[2].id, role="ward staff", organisation="General"),
    ]
    store.add(peer, *sessions, *people)
    yield store, peer, sessions
    store.close()


def _note(store, peer, session, body):
    note = notes.my_note(store, peer.id, session_id=session.id)
    return notes.save(store, note, body)


def test_the_rule():
    assert triangulation({"s1"}, {"interview"}, {"ICB"}) == SINGLE_VOICE
    assert triangulation({"s1", "s2", "s3"}, {"interview"}, {"ICB"}) == SINGLE_VOICE
    assert triangulation({"s1", "s2"}, {"interview", "site visit"}, {"ICB", "Trust"}) == SUPPORTED
    assert triangulation({"s1", "s2", "s3"}, {"interview"}, {"ICB", "Trust"}) == SUPPORTED
    assert (
        triangulation({"s1", "s2", "s3"}, {"interview", "document"}, {"ICB", "Trust"})
        == TRIANGULATED
    )


def test_tagging_three_notes_into_two_findings(week):
    store, peer, sessions = week
    texts = [
        "Hub works well. Recruitment is the gap.",
        "Carers: the hub helped. Pay is poor.",
        "Saw the hub at work, calm and quick.",
    ]
    noted = [_note(store, peer, s, t) for s, t in zip(sessions, texts)]
    first = tagging.tag(
        store,
        noted[0],
        0,
        14,
        theme_keys=["workforce"],
        polarity="strength",
        evidence="heard",
        new_statement="The discharge hub works",
    )
    hub = store.get(Finding, first.finding_id)
    for note in noted[1:]:
        i = note.body.index("hub")
        tagging.tag(
            store,
            note,
            i,
            i + 3,
            theme_keys=["workforce"],
            polarity="strength",
            evidence="heard",
            finding_id=hub.id,
        )
    i = noted[0].body.index("Recruitment")
    tagging.tag(
        store,
        noted[0],
        i,
        len(noted[0].body),
        theme_keys=["workforce"],
        polarity="area for consideration",
        evidence="heard",
        new_statement="Recruitment gaps",
    )
    board = findings.board(store)
    cards = {c.finding.statement: c for c in board.cards}
    assert cards["The discharge hub works"].triangulation == TRIANGULATED
    assert cards["The discharge hub works"].excerpts == 3
    assert cards["Recruitment gaps"].triangulation == SINGLE_VOICE
    assert board.cell("workforce", "strength")[0].finding.id == hub.id
    # the board as of day 1 sees only day 1's evidence
    early = {c.finding.statement: c for c in findings.board(store, as_of_day=1).cards}
    assert early["The discharge hub works"].excerpts == 1
    # evidence shows roles and organisations, never names
    shown = findings.evidence(store, hub)
    assert len(shown) == 3 and all("Pat Quill" not in item.who for item in shown)
    assert "CEO, ICB" in shown[0].who


def test_inline_tags_make_and_follow_excerpts(week):
    store, peer, sessions = week
    note = _note(store, peer, sessions[0], "- [+] strong hub #staff\n- plain\n")
    [e] = store.excerpts(note_id=note.id)
    assert (e.theme_keys, e.polarity, e.origin, e.evidence) == (
        ["workforce"],
        "strength",
        "inline",
        "heard",
    )
    assert e.quote == "[+] strong hub #staff"
    notes.save(
        store, note, "- intro\n- [+] strong hub, well led #staff #system-leadership\n- plain\n"
    )
    [e2] = store.excerpts(note_id=note.id)
    assert e2.id == e.id and e2.theme_keys == ["workforce", "leadership"]
    notes.save(store, note, "- intro\n- plain\n")
    assert store.excerpts(note_id=note.id) == []


def test_hashtags_in_code_and_headings_are_not_tags():
    class T:
        key, name, aliases = "workforce", "Workforce", []

    body = "# Notes #workforce\n\nSee `#workforce` here\n\n```\n#workforce\n```\n"
    assert find_tags(body, theme_lookup([T])) == []


def test_a_selected_excerpt_survives_edits_or_is_flagged(week):
    store, peer, sessions = week
    note = _note(store, peer, sessions[0], "Morale is low on ward 7. Sickness high.")
    e = tagging.tag(
        store,
        note,
        0,
        23,
        theme_keys=["workforce"],
        polarity="area for consideration",
        evidence="heard",
        new_statement="Morale",
    )
    notes.save(store, note, "Seen first. Morale is low on ward 7. Sickness high.")
    moved = store.excerpts(note_id=note.id)[0]
    assert note.body[moved.start : moved.start + len(moved.quote)] == e.quote and not moved.orphaned
    notes.save(store, note, "Seen first. Sickness high.")
    assert store.excerpts(note_id=note.id)[0].orphaned


def test_merge_split_status_and_history(week):
    store, peer, sessions = week
    a_note = _note(store, peer, sessions[0], "one two three")
    b_note = _note(store, peer, sessions[1], "four five six")
    ea = tagging.tag(
        store,
        a_note,
        0,
        3,
        theme_keys=["workforce"],
        polarity="strength",
        evidence="heard",
        new_statement="A",
    )
    eb = tagging.tag(
        store,
        b_note,
        0,
        4,
        theme_keys=["workforce"],
        polarity="strength",
        evidence="heard",
        new_statement="B",
    )
    a, b = store.get(Finding, ea.finding_id), store.get(Finding, eb.finding_id)
    findings.merge(store, a, b)
    assert [f.statement for f in store.findings()] == ["A"]
    assert {e.finding_id for e in store.excerpts()} == {a.id}
    c = findings.split(store, a, [eb.id], "C")
    assert store.get(type(eb), eb.id).finding_id == c.id
    findings.set_status(store, a, "tested")
    with pytest.raises(ValueError):
        findings.set_status(store, a, "maybe")
    whats = [what for _, what in findings.history(store, a)]
    assert whats[0] == "created" and "status: tested" in whats


def test_read_evidence_counts_its_document_as_a_source(week):
    store, peer, sessions = week
    doc = Document(title="Workforce plan", source="Calder ICB")
    store.add(doc)
    reading = notes.save(store, Note(document_id=doc.id, author_id=peer.id), "Vacancy rate 12%")
    e = tagging.tag(
        store,
        reading,
        0,
        7,
        theme_keys=["workforce"],
        polarity="area for consideration",
        evidence="read",
        new_statement="Vacancies",
    )
    [card] = [c for c in findings.board(store).cards if c.finding.id == e.finding_id]
    assert card.kinds == {"document"} and card.organisations == {"Calder ICB"}


def test_a_hashtag_finished_in_a_later_autosave_is_still_found(week):
    store, peer, sessions = week
    note = _note(store, peer, sessions[0], "Plain words first.\n\n- carers want respite #wor")
    assert store.excerpts(note_id=note.id) == []
    notes.save(store, note, note.body + "kforce and more")
    [e] = store.excerpts(note_id=note.id)
    assert e.theme_keys == ["workforce"] and e.origin == "inline"
    notes.save(store, note, "Plain words first, edited.\n\n" + note.body.split("\n\n", 1)[1])
    [moved] = store.excerpts(note_id=note.id)
    assert moved.id == e.id and note.body[moved.start :].startswith("carers want respite")


def _cards(board):
    return sorted(
        (
            c.finding.id,
            c.finding.status,
            c.finding.deleted,
            c.excerpts,
            sorted(c.sources),
            sorted(c.kinds),
            sorted(c.evidence),
            sorted(c.organisations),
            sorted(c.sectors),
            c.first_day,
            c.triangulation,
        )
        for c in board.cards
    )


def test_the_board_refreshed_after_each_change_is_the_board_built_again(week):
    """refresh rebuilds only the findings a change touches; it must agree with a whole build
    after a tag, a split (excerpts moving between findings), a status, a merge and an edit
    of a session (which rebuilds everything)."""
    store, peer, sessions = week
    noted = [
        _note(store, peer, s, t)
        for s, t in zip(
            sessions,
            [
                "Hub works well. Recruitment is the gap.",
                "Carers: the hub helped. Pay is poor.",
                "Saw the hub at work, calm and quick.",
            ],
        )
    ]
    first = tagging.tag(
        store,
        noted[0],
        0,
        14,
        theme_keys=["workforce"],
        polarity="strength",
        evidence="heard",
        new_statement="The discharge hub works",
    )
    other = tagging.tag(
        store,
        noted[1],
        0,
        6,
        theme_keys=["workforce"],
        polarity="strength",
        evidence="heard",
        new_statement="Carers are heard",
    )
    shown = findings.board(store)

    def step(change):
        nonlocal shown
        change()
        shown, touched = findings.refresh(store, shown)
        assert _cards(shown) == _cards(findings.board(store))
        return touched

    i = noted[1].body.index("hub")
    touched = step(
        lambda: tagging.tag(
            store,
            noted[1],
            i,
            i + 3,
            theme_keys=["workforce"],
            polarity="strength",
            evidence="heard",
            finding_id=first.finding_id,
        )
    )
    assert touched == {first.finding_id}  # only the finding tagged, not the other
    hub = store.get(Finding, first.finding_id)
    moved = [e.id for e in store.excerpts() if e.finding_id == hub.id][:1]
    step(lambda: findings.split(store, hub, moved, "A split finding"))
    step(lambda: findings.set_status(store, store.get(Finding, other.finding_id), "tested"))
    step(
        lambda: findings.merge(
            store, store.get(Finding, first.finding_id), store.get(Finding, other.finding_id)
        )
    )
    assert step(lambda: store.update(sessions[2], kind="interview")) is None  # all rebuilt
    assert step(lambda: None) == set()  # nothing new: nothing rebuilt
    tagging.tag(
        store,
        noted[2],
        0,
        3,
        theme_keys=["workforce"],
        polarity="strength",
        evidence="seen",
        finding_id=first.finding_id,
    )
    note = store.get(Note, noted[2].id)
    assert first.finding_id in step(lambda: notes.save(store, note, "Saw it. " + note.body))
    assert findings.card(store, first.finding_id).excerpts == next(
        c.excerpts for c in shown.cards if c.finding.id == first.finding_id
    )
