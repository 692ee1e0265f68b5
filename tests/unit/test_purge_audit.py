"""Purge after the report: no recoverable note text in the file or its WAL; the audit log."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from onsite.confidential import audit, purge
from onsite.evidence.search import search
from onsite.model import (
    DailyUpdate,
    Excerpt,
    Finding,
    GuardAcceptance,
    Note,
    Participant,
    Peer,
    Recommendation,
    Session,
)
from onsite.store.db import Store

NOTE_PHRASE = "the chief executive admitted the winter plan was fiction"
QUOTE = "we borrowed beds from the hospice"
NAME = "Philippa Wendover-Smythe"
FINDING = "Discharge to assess works well across the system"


def _raw(path: Path) -> bytes:
    parts = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    return b"".join(p.read_bytes() for p in parts if p.exists())


def _week(tmp_path: Path):
    store = Store.create(tmp_path / "week.onsite", name="Calder Vale", start=date(2026, 3, 2))
    lead = Peer(name="Ann Bee", initials="AB", role="lead peer")
    peer = Peer(name="Cy Dee", initials="CD")
    session = Session(day=1, start="09:00", title="Interview: chief executive")
    note = Note(session_id=session.id, author_id=peer.id, body=f"First draft: {NOTE_PHRASE}.")
    finding = Finding(theme_key="discharge", statement=FINDING, status="agreed")
    excerpt = Excerpt(
        note_id=note.id,
        quote=QUOTE,
        prefix="Later: ",
        suffix=" in January",
        theme_keys=["discharge"],
        finding_id=finding.id,
    )
    gone = Note(session_id=session.id, author_id=peer.id, body=f"Deleted: {NOTE_PHRASE}")
    store.add(
        lead,
        peer,
        session,
        note,
        finding,
        excerpt,
        gone,
        Participant(
            session_id=session.id,
            role="chief executive",
            organisation="Trust",
            sector="NHS acute",
            name=NAME,
        ),
        Recommendation(number=1, text="Keep discharge to assess", finding_ids=[finding.id]),
        DailyUpdate(day=1, body="Day one: what we heard about discharge"),
        GuardAcceptance(
            source=f"finding:{finding.id}:statement",
            kind="participant name",
            text=NAME.lower(),
            shown=NAME,
            accepted_by=lead.id,
        ),
    )
    store.set_meta("sent_upto", store.clock.last)  # sent: the next edit keeps this version
    store.update(note, body=f"Second draft: {NOTE_PHRASE}; {QUOTE} in January.")
    store.delete(gone)
    return store, lead, peer


def test_purge_leaves_no_recoverable_note_text_in_the_file_or_wal(tmp_path):
    store, lead, _ = _week(tmp_path)
    raw = _raw(store.path)
    for planted in (NOTE_PHRASE, QUOTE, NAME):
        assert planted.encode() in raw, planted  # the control: the test can see them before
    done = purge.purge(store, lead.id)
    assert (done.notes, done.excerpts, done.participants) == (2, 1, 1)
    assert done.versions >= 4
    for planted in (
        NOTE_PHRASE,
        QUOTE,
        NAME,
        NAME.lower(),
        "First draft",
        "Second draft",
        "hospice",
    ):
        assert planted.encode() not in _raw(store.path), planted
    assert search(store, "fiction", limit=5) == []
    # the conclusions stay, with their evidence links
    assert store.findings()[0].statement == FINDING
    assert store.recommendations()[0].text == "Keep discharge to assess"
    assert store.daily_updates()[0].body.startswith("Day one")
    kept = store.excerpts()[0]
    assert kept.theme_keys == ["discharge"] and kept.finding_id == store.findings()[0].id
    assert store.participants()[0].role == "chief executive"
    assert FINDING.encode() in _raw(store.path)
    # recorded: who, when, what
    entry = audit.audit_entries(store)[-1]
    assert (entry["action"], entry["who"], entry["peer_id"]) == ("purge", "Ann Bee", lead.id)
    assert json.loads(entry["detail"])["marker"] == done.marker == purge.marker(store)
    store.close()
    assert NOTE_PHRASE.encode() not in _raw(store.path)


def test_only_the_lead_peer_can_purge(tmp_path):
    store, _, peer = _week(tmp_path)
    with pytest.raises(purge.PurgeError, match="only the lead peer"):
        purge.purge(store, peer.id)
    assert NOTE_PHRASE in store.notes()[0].body
    store.close()


def test_a_purge_marker_erases_older_versions_on_another_laptop_and_keeps_later_edits(tmp_path):
    """What a laptop does when the lead's purge reaches it through sync."""
    store, _, peer = _week(tmp_path)
    marker = store.clock.now()
    later = Note(author_id=peer.id, body="Written after the purge")
    store.add(later)
    purge.apply_marker(store, marker)
    assert [n.body for n in store.every(Note)] == ["", "", "Written after the purge"]
    assert NOTE_PHRASE.encode() not in _raw(store.path)
    assert purge.dropped_on_merge("note", "body", marker, marker)
    assert not purge.dropped_on_merge("note", "body", later.updated, marker)
    assert not purge.dropped_on_merge("finding", "statement", marker, marker)
    store.close()


def test_audit_entries_are_recorded_with_who_and_are_json_ready(tmp_path):
    store, lead, _ = _week(tmp_path)
    store.set_me(lead.id)
    audit.record(store, audit.EXPORT, "feedback.docx", "docx, 14 findings")
    with store.writing() as w:
        audit.record(store, audit.DELIVERY, "daily update day 1", writer=w)
    with pytest.raises(ValueError, match="not one of"):
        audit.record(store, "shred", "x")
    entries = audit.audit_entries(store)
    assert [(e["action"], e["who"], e["subject"]) for e in entries] == [
        ("export", "Ann Bee", "feedback.docx"),
        ("delivery", "Ann Bee", "daily update day 1"),
    ]
    json.dumps(entries)
    assert entries[0]["at"].endswith("+00:00")
    store.close()


def test_deliveries_guard_acceptances_and_exports_are_logged_without_the_accepted_words(tmp_path):
    from onsite.confidential.clearance import GuardStopped, accept, lead_peer
    from onsite.leaders import daily
    from onsite.leaders.export import export
    from tests.unit.small_engagement import build, ready_for_leaders

    store = ready_for_leaders(build(tmp_path / "small.onsite"))
    lead = lead_peer(store)
    daily.deliver(store, daily.open_update(store, 1), lead.id)
    slow = next(f for f in store.findings() if "weekends" in f.statement)
    store.update(slow, statement="Discharge at weekends is slow, said Kowalczyk.")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(GuardStopped) as stopped:
        export(store, out, ["md"])
    accept(store, stopped.value.flags, lead.id)
    export(store, out, ["md"])
    entries = audit.audit_entries(store)
    # The stopped export is logged too (issue 14), saying nothing was written.
    assert [e["action"] for e in entries] == ["delivery", "export", "guard", "export"]
    assert entries[1]["subject"] == "md (stopped)" and "nothing written" in entries[1]["detail"]
    assert entries[0]["who"] == lead.name and entries[2]["who"] == lead.name
    assert entries[2]["detail"] == f"finding:{slow.id}:statement"
    assert "Kowalczyk" not in json.dumps(entries)  # the log outlives the purge: no names in it
    store.close()
