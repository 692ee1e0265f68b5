"""Issue 14, problem 6 (frozen means frozen): a delivered daily update survives a conflicting
edit from another laptop unchanged, through real files and `onsite sync`; the edit becomes
a new draft version on every laptop (once), and the audit log names whose edit it was."""

from __future__ import annotations

import pytest

from onsite.cli import main
from onsite.confidential.audit import audit_entries
from onsite.leaders import daily
from onsite.model import DailyUpdate, Peer
from onsite.store.db import Store
from onsite.sync.status import open_conflicts


def run(capsys, *argv: str) -> int:
    code = main(list(argv))
    capsys.readouterr()
    return code


def _updates(path):
    store = Store.open(path)
    try:
        return sorted((u.day, u.version, u.status, u.body) for u in store.every(DailyUpdate))
    finally:
        store.close()


def test_a_delivered_update_survives_a_conflicting_edit_from_another_laptop(tmp_path, capsys):
    folder = tmp_path / "shared"
    folder.mkdir()
    lead, raj = tmp_path / "lead.onsite", tmp_path / "raj.onsite"
    assert (
        run(capsys, "new", str(lead), "--name", "Calder Vale", "--start", "2026-03-02", "--plain")
        == 0
    )
    store = Store.open(lead)
    ann, raj_peer = (
        Peer(name="Ann Bee", initials="AB", role="lead peer"),
        Peer(name="Raj Patel", initials="RP"),
    )
    store.add(ann, raj_peer)
    store.set_me(ann.id)
    update = daily.open_update(store, 1)
    daily.save(store, update, "## Day 1\n\nStaff are proud of their services.\n")
    store.close()
    assert run(capsys, "sync", str(lead), str(folder)) == 0
    assert run(capsys, "join", str(folder), str(raj), "--plain") == 0

    # Raj, offline, rewrites the draft; meanwhile the lead delivers the text they have.
    store = Store.open(raj)
    store.set_me(raj_peer.id)
    with pytest.raises(daily.UpdateError, match="only the lead peer"):
        daily.deliver(store, store.get(DailyUpdate, update.id), raj_peer.id)
    daily.save(
        store, store.get(DailyUpdate, update.id), "## Day 1\n\nRaj's rewrite: all is well.\n"
    )
    store.close()
    store = Store.open(lead)
    delivered, _ = daily.deliver(store, store.get(DailyUpdate, update.id), ann.id)
    told = delivered.body
    store.close()

    for path in (raj, lead, raj, lead):
        assert run(capsys, "sync", str(path), str(folder)) == 0
    expected = [
        (1, 1, "delivered", told),
        (1, 2, "draft", "## Day 1\n\nRaj's rewrite: all is well.\n"),
    ]
    assert _updates(lead) == expected
    assert _updates(raj) == expected  # the same on both laptops, one new version, not two
    for path in (lead, raj):
        store = Store.open(path)
        try:
            assert not [c for c in open_conflicts(store) if c.record_id == update.id]
            frozen = [e for e in audit_entries(store) if e["action"] == "frozen"]
            assert len(frozen) == 1 and frozen[0]["who"] == "Raj Patel"
            assert "kept as version 2" in frozen[0]["detail"]
        finally:
            store.close()

    # On Raj's laptop the update is now delivered: an edit is refused, and logged.
    store = Store.open(raj)
    with pytest.raises(daily.UpdateError, match="frozen"):
        daily.save(store, store.get(DailyUpdate, update.id), "changed after all")
    assert [e["who"] for e in audit_entries(store) if e["action"] == "frozen"][-1] == "Raj Patel"
    # Even a change written underneath (not through the daily update's own save) is undone by
    # the next merge on every laptop, and logged.
    store.update(store.get(DailyUpdate, update.id), body="forced", status="draft")
    store.close()
    for path in (raj, lead, raj):
        assert run(capsys, "sync", str(path), str(folder)) == 0
    for path in (lead, raj):
        rows = _updates(path)
        assert rows[0] == (1, 1, "delivered", told), path.name
        assert rows[2] == (1, 3, "draft", "forced"), path.name  # not lost: a new draft
        store = Store.open(path)
        details = [e["detail"] for e in audit_entries(store) if e["action"] == "frozen"]
        store.close()
        assert any("change to its status was not applied" in d for d in details)


def test_only_the_lead_accepts_a_guard_hit(tmp_path):
    from datetime import date

    from onsite.confidential import clearance
    from onsite.model import Finding, Participant, Session

    store = Store.create(tmp_path / "e.onsite", name="Calder Vale", start=date(2026, 3, 2))
    ann, raj = (
        Peer(name="Ann Bee", initials="AB", role="lead peer"),
        Peer(name="Raj Patel", initials="RP"),
    )
    session = Session(day=1, start="09:00", title="Interviews")
    finding = Finding(theme_key="workforce", statement="Kevin Okafor said so")
    store.add(
        ann,
        raj,
        session,
        finding,
        Participant(session_id=session.id, role="ward manager", name="Kevin Okafor"),
    )
    flags = clearance.check(store, [clearance.Source.of(finding, "statement", "Finding")])
    with pytest.raises(ValueError, match="only the lead peer"):
        clearance.accept(store, flags, raj.id)
    assert clearance.accept(store, flags, ann.id)
    store.close()
