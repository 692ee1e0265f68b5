"""A small engagement for feedback and export tests: two days, named participants, evidence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from onsite.model import (
    Document,
    Excerpt,
    Finding,
    Note,
    Participant,
    Peer,
    Recommendation,
    Session,
    Theme,
)
from onsite.store.db import Store


def build(path: Path) -> Store:
    store = Store.create(
        path,
        name="Calder Vale peer challenge",
        start=date(2026, 3, 2),
        days=3,
        system="Calder Vale",
        scope="Discharge and governance.",
    )
    lead = Peer(name="Ann Bee", initials="AB", role="lead peer", title="Former chief executive")
    peer = Peer(name="Cy Dee", initials="CD", title="Director of adult social services")
    themes = [
        Theme(key="integration", name="Integration and care pathways", position=0),
        Theme(key="governance", name="Governance and decision making", position=1),
        Theme(key="workforce", name="Workforce", position=2),
    ]
    s1 = Session(
        day=1,
        start="09:00",
        end="10:00",
        kind="interview",
        title="DPH",
        peer_ids=[lead.id, peer.id],
    )
    s2 = Session(
        day=1,
        start="11:00",
        end="12:30",
        kind="focus group",
        title="Ward staff",
        peer_ids=[peer.id],
    )
    s3 = Session(
        day=2,
        start="09:00",
        end="10:00",
        kind="interview",
        title="ICB chief executive",
        peer_ids=[lead.id],
    )
    s4 = Session(
        day=2,
        start="17:00",
        end="18:00",
        kind="team meeting",
        title="Wash-up",
        peer_ids=[lead.id, peer.id],
    )
    s5 = Session(
        day=3,
        start="09:00",
        end="10:00",
        kind="interview",
        title="Cancelled",
        peer_ids=[lead.id],
        cancelled=True,
    )
    people = [
        Participant(
            session_id=s1.id,
            role="director of public health",
            organisation="Calder Council",
            sector="local government",
            name="Jane Roe",
        ),
        Participant(
            session_id=s2.id,
            role="ward sister",
            organisation="Calder General",
            sector="NHS acute",
            name="Priya Shah",
        ),
        Participant(
            session_id=s2.id,
            role="porter",
            organisation="Calder General",
            sector="NHS acute",
            name="Tom Kowalczyk",
        ),
        Participant(
            session_id=s3.id,
            role="chief executive",
            organisation="Calder ICB",
            sector="NHS",
            name="Dr Ahmed Khan",
        ),
    ]
    doc = Document(title="Position statement", source="Calder ICB")
    n1 = Note(session_id=s1.id, author_id=lead.id, body="Discharge is slow at weekends.")
    n2 = Note(
        session_id=s2.id, author_id=peer.id, body="Staff say discharge is slow; boards duplicate."
    )
    n3 = Note(session_id=s3.id, author_id=lead.id, body="Boards duplicate each other.")
    n4 = Note(document_id=doc.id, author_id=lead.id, body="The statement admits slow discharge.")
    f1 = Finding(
        theme_key="integration",
        polarity="area for consideration",
        status="agreed",
        day=1,
        statement="Discharge at weekends is slow and depends on a few people.",
        questions="- Is weekend discharge slow in both places?",
        position=0,
    )
    f2 = Finding(
        theme_key="integration",
        polarity="strength",
        status="agreed",
        day=1,
        statement="The Transfer of Care Hub is valued by staff.",
        position=1,
    )
    f3 = Finding(
        theme_key="governance",
        polarity="area for consideration",
        status="emerging",
        day=2,
        statement="Boards duplicate one another.",
        questions="Do the two place boards see it too?",
        position=0,
    )
    f4 = Finding(
        theme_key="governance",
        polarity="strength",
        status="tested",
        day=2,
        statement="Relationships between chief executives are strong.",
        position=1,
    )
    excerpts = [
        Excerpt(
            note_id=n1.id, quote="Discharge is slow", finding_id=f1.id, theme_keys=["integration"]
        ),
        Excerpt(
            note_id=n2.id, quote="discharge is slow", finding_id=f1.id, theme_keys=["integration"]
        ),
        Excerpt(
            note_id=n4.id,
            quote="slow discharge",
            finding_id=f1.id,
            evidence="read",
            theme_keys=["integration"],
        ),
        Excerpt(
            note_id=n2.id, quote="boards duplicate", finding_id=f3.id, theme_keys=["governance"]
        ),
        Excerpt(
            note_id=n3.id, quote="Boards duplicate", finding_id=f3.id, theme_keys=["governance"]
        ),
    ]
    recs = [
        Recommendation(
            number=1, text="Agree one discharge model for seven days.", finding_ids=[f1.id]
        ),
        Recommendation(number=2, text="Simplify the board structure.", finding_ids=[f3.id]),
        Recommendation(number=3, text="Invest in leadership development.", finding_ids=[]),
    ]
    store.add_all(
        [
            lead,
            peer,
            *themes,
            s1,
            s2,
            s3,
            s4,
            s5,
            *people,
            doc,
            n1,
            n2,
            n3,
            n4,
            f1,
            f2,
            f3,
            f4,
            *excerpts,
            *recs,
        ]
    )
    store.set_me(lead.id)  # the lead peer's laptop: a laptop set to nobody acts as nobody
    return store


def ready_for_leaders(store: Store) -> Store:
    """Resolve what blocks the documents for system leaders: every recommendation on agreed
    findings, a sentence from the lead for each line of enquiry with nothing agreed."""
    from onsite.leaders import texts

    agreed = [f.id for f in store.findings() if f.status == "agreed"]
    for rec in store.recommendations():
        store.update(rec, finding_ids=[i for i in rec.finding_ids if i in agreed] or agreed[-1:])
    for key in ("governance", "workforce"):
        texts.save(store, texts.line_key(key), f"The team heard too little on {key} to say more.")
    return store
