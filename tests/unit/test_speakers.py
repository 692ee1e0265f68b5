"""Trust counts the organisations and sectors of the people heard, not of everyone met."""

from datetime import date

import pytest

from onsite.evidence import findings, tagging
from onsite.evidence.support import finding_support
from onsite.model import Finding, Participant, Peer, Session, Theme
from onsite.store.db import Store
from onsite.week import notes


@pytest.fixture
def store(tmp_path):
    store = Store.create(tmp_path / "w.onsite", name="W", start=date(2026, 3, 2))
    store.add(Theme(key="workforce", name="Workforce"))
    yield store
    store.close()


def _visit(store, title, people):
    """A session with participants (role, organisation, sector) and a note saying a lot."""
    peer = store.peers()[0] if store.peers() else Peer(name="Ann Bee", initials="AB")
    session = Session(day=1, start="09:00", kind="site visit", title=title)
    met = [
        Participant(session_id=session.id, role=r, organisation=o, sector=s) for r, o, s in people
    ]
    if not store.peers():
        store.add(peer)
    store.add(session, *met)
    note = notes.save(
        store,
        notes.my_note(store, peer.id, session_id=session.id),
        "The ward manager said the hub saves a day per discharge.",
    )
    return note, met


ROOM = [
    ("ward manager", "Calder Acute", "NHS acute"),
    ("social worker", "Calder Council", "local authority"),
    ("carer", "Carers Hub", "voluntary"),
]


def test_one_remark_at_a_site_visit_is_one_voice_not_every_organisation(store):
    note, _ = _visit(store, "Discharge lounge", ROOM)
    e = tagging.tag(
        store,
        note,
        0,
        20,
        theme_keys=["workforce"],
        polarity="strength",
        evidence="seen",
        new_statement="The hub saves time",
    )
    card = next(c for c in findings.board(store).cards if c.finding.id == e.finding_id)
    assert len(card.organisations) == 1 and card.triangulation == findings.SINGLE_VOICE
    assert finding_support(store)[e.finding_id].organisations == 1


def test_named_speakers_count_their_own_organisation_and_sector(store):
    note, met = _visit(store, "Discharge lounge", ROOM)
    other, met2 = _visit(store, "Council offices", ROOM)
    third, _ = _visit(store, "Ward round", ROOM)
    first = tagging.tag(
        store,
        note,
        0,
        20,
        theme_keys=["workforce"],
        polarity="strength",
        evidence="seen",
        new_statement="The hub saves time",
        participant_id=met[0].id,
    )
    tagging.tag(
        store,
        other,
        0,
        20,
        theme_keys=["workforce"],
        polarity="strength",
        evidence="heard",
        finding_id=first.finding_id,
        participant_id=met2[1].id,
    )
    tagging.tag(
        store,
        third,
        0,
        20,
        theme_keys=["workforce"],
        polarity="strength",
        evidence="heard",
        finding_id=first.finding_id,
    )  # nobody named: one voice
    stored = store.excerpts(note_id=note.id)[0]
    assert stored.participant_id == met[0].id
    card = next(c for c in findings.board(store).cards if c.finding.id == first.finding_id)
    assert card.organisations == {"Calder Acute", "Calder Council", f"session:{third.session_id}"}
    assert card.sectors == {"NHS acute", "local authority"}
    support = finding_support(store)[first.finding_id]
    assert (support.organisations, support.sectors) == (3, 2)
    assert support.triangulation == card.triangulation == findings.SUPPORTED  # one kind: site visit


def test_a_speaker_from_another_session_is_refused_and_nothing_is_written(store):
    note, _ = _visit(store, "Discharge lounge", ROOM)
    _, elsewhere = _visit(store, "Council offices", ROOM)
    with pytest.raises(ValueError, match="met in this note's session"):
        tagging.tag(
            store,
            note,
            0,
            20,
            theme_keys=["workforce"],
            polarity="strength",
            evidence="seen",
            new_statement="x",
            participant_id=elsewhere[0].id,
        )
    assert store.excerpts() == [] and store.findings() == []


def test_a_single_organisation_session_counts_that_organisation(store):
    note, _ = _visit(
        store, "ICB board", [("chair", "Calder ICB", "ICB"), ("CFO", "Calder ICB", "ICB")]
    )
    e = tagging.tag(
        store,
        note,
        0,
        20,
        theme_keys=["workforce"],
        polarity="strength",
        evidence="heard",
        new_statement="Board is united",
    )
    card = next(c for c in findings.board(store).cards if c.finding.id == e.finding_id)
    assert card.organisations == {"Calder ICB"} and card.sectors == {"ICB"}
    assert store.get(Finding, e.finding_id).statement == "Board is united"


def test_the_evidence_list_names_the_speaker_by_role_only(store):
    note, met = _visit(store, "Discharge lounge", ROOM)
    e = tagging.tag(
        store,
        note,
        0,
        20,
        theme_keys=["workforce"],
        polarity="strength",
        evidence="seen",
        new_statement="The hub saves time",
        participant_id=met[2].id,
    )
    [item] = findings.evidence(store, store.get(Finding, e.finding_id))
    assert item.who == "said by carer, Carers Hub (voluntary)"
