"""Daily updates: drafted from findings, edited by the lead, refreshed without overwriting,
delivered and frozen, superseded by versions; the evening wash-up agenda."""

import pytest

from onsite.confidential.clearance import GuardStopped, accept, check, lead_peer
from onsite.leaders import daily
from onsite.model import DailyUpdate, Excerpt
from tests.unit.small_engagement import build


@pytest.fixture
def store(tmp_path):
    s = build(tmp_path / "small.onsite")
    yield s
    s.close()


def test_day_1_draft_is_a_brief_of_supported_findings_strengths_first(store):
    text = daily.draft(store, 1)
    assert text.startswith("# Daily update: day 1, Monday 2 March 2026")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Headlines", "## No surprises", "## Requests", "## Timetable"]
    headlines = text.split("## Headlines")[1].split("## No surprises")[0]
    assert (
        "- Discharge at weekends is slow and depends on a few people." in headlines
    )  # triangulated
    assert "Transfer of Care Hub" not in text  # a single voice stays with the team
    assert "Boards duplicate" not in text  # a day-2 finding


def test_questions_stay_with_the_team_and_the_last_day_says_feedback(store):
    day2 = daily.draft(store, 2)
    assert "- Boards duplicate one another." in day2.split("## No surprises")[0]  # supported
    assert "place boards see it too" not in day2 and "weekend discharge" not in day2
    assert "presents its feedback" in daily.draft(store, 3)


def test_tomorrows_cancelled_sessions_are_timetable_changes(store):
    assert "- Cancelled tomorrow: 09:00 Cancelled" in daily.draft(store, 2).split("## Timetable")[1]
    assert "- No changes." in daily.draft(store, 1).split("## Timetable")[1]


def test_open_update_creates_the_draft_once_and_saving_keeps_the_leads_words(store):
    first = daily.open_update(store, 1)
    assert first.version == 1 and first.status == "draft" and first.body == first.draft
    daily.save(store, first, "My own words.")
    again = daily.open_update(store, 1)
    assert again.id == first.id and again.body == "My own words."
    with pytest.raises(daily.UpdateError, match="days 1 to 3"):
        daily.open_update(store, 4)


def test_refresh_never_overwrites_and_merges_the_drafts_changes(store):
    update = daily.open_update(store, 2)
    edited = update.body.replace(
        "Boards duplicate one another.", "Boards duplicate one another, we hear."
    )
    daily.save(store, update, edited)
    assert daily.refresh(store, update).unchanged
    hub = next(f for f in store.findings() if "Hub" in f.statement)
    notes = [n for n in store.notes() if n.session_id]
    store.add_all(
        [
            Excerpt(note_id=n.id, quote=n.body[:10], finding_id=hub.id, theme_keys=["integration"])
            for n in notes[:2]
        ]
    )  # now supported
    result = daily.refresh(store, update)
    assert store.get(DailyUpdate, update.id).body == edited  # nothing saved yet
    assert "+ - The Transfer of Care Hub is valued by staff." in [str(c) for c in result.changes]
    assert "+- The Transfer of Care Hub is valued by staff." in result.diff
    assert result.clashes == 0
    assert "we hear." in result.merged and "Transfer of Care Hub" in result.merged
    applied = daily.apply_refresh(store, result)
    assert applied.body == result.merged and applied.draft == result.draft
    assert daily.refresh(store, applied).unchanged


def test_delivering_freezes_and_only_a_new_version_supersedes(store):
    lead = lead_peer(store)
    update = daily.open_update(store, 1)
    delivered, flags = daily.deliver(store, update, lead.id)
    assert flags == []
    assert delivered.status == "delivered" and delivered.delivered_by == lead.id
    assert delivered.delivered_at.endswith("+00:00")
    with pytest.raises(daily.UpdateError, match="frozen"):
        daily.save(store, delivered, "changed")
    with pytest.raises(daily.UpdateError, match="already delivered"):
        daily.deliver(store, delivered, lead.id)
    with pytest.raises(daily.UpdateError, match="new version"):
        daily.apply_refresh(store, daily.refresh(store, delivered))
    v2 = daily.new_version(store, 1)
    assert (v2.version, v2.status, v2.body) == (2, "draft", delivered.body)
    assert daily.new_version(store, 1).id == v2.id  # a draft already open is returned
    daily.save(store, v2, delivered.body + "\nA correction.\n")
    assert [u.version for u in daily.versions(store, 1)] == [1, 2]
    assert store.get(DailyUpdate, delivered.id).body == delivered.body  # still readable, unchanged
    assert "+A correction." in daily.compare(delivered, store.get(DailyUpdate, v2.id))


def test_compare_today_with_yesterday(store):
    lead = lead_peer(store)
    d1, _ = daily.deliver(store, daily.open_update(store, 1), lead.id)
    d2 = daily.open_update(store, 2)
    diff = daily.compare(d1, d2)
    assert diff.startswith("--- day 1 v1 (delivered)\n+++ day 2 v1 (draft)")
    assert "+- Boards duplicate one another." in diff


def test_delivery_is_stopped_by_the_guard_until_accepted(store):
    lead = lead_peer(store)
    update = daily.open_update(store, 1)
    daily.save(store, update, update.body + "\nThe director of public health, Jane Roe, agreed.\n")
    with pytest.raises(GuardStopped) as stopped:
        daily.deliver(store, update, lead.id)
    assert [f.hit.shown for f in stopped.value.flags] == ["director of public health", "Jane Roe"]
    assert "Daily update, day 1 (version 1), line" in stopped.value.flags[0].where
    assert store.get(DailyUpdate, update.id).status == "draft"
    accept(store, stopped.value.flags, lead.id, reason="test")
    delivered, flags = daily.deliver(store, update, lead.id)
    assert delivered.status == "delivered" and len(flags) == 2
    assert all(f.accepted.accepted_by == lead.id for f in flags)
    assert check(store, daily.sources(store, delivered))[0].accepted is not None


def test_only_the_lead_peer_accepts(store):
    with pytest.raises(ValueError, match="not the lead peer"):
        lead_peer(store, "CD")
    assert lead_peer(store, "ab").name == "Ann Bee" and lead_peer(store).name == "Ann Bee"


def test_delivered_updates_are_the_latest_delivered_per_day(store):
    lead = lead_peer(store)
    daily.deliver(store, daily.open_update(store, 1), lead.id)
    v2 = daily.new_version(store, 1)
    assert [u.version for u in daily.delivered_updates(store)] == [1]
    daily.deliver(store, v2, lead.id)
    daily.open_update(store, 2)  # a draft: not delivered, not listed
    assert [(u.day, u.version) for u in daily.delivered_updates(store)] == [(1, 2)]


def test_washup_agenda(store):
    text = daily.washup(store, 2)
    new = text.split("## New findings today")[1].split("##")[0]
    assert "Boards duplicate one another." in new and "Transfer of Care" not in new
    single = text.split("## Single-voice findings to test")[1].split("##")[0]
    assert "Relationships between chief executives are strong." in single
    assert "Boards duplicate" not in single  # two sessions, two organisations
    gaps = text.split("## Lines of enquiry with little evidence")[1].split("##")[0]
    assert "- Workforce: 0 tagged excerpts, 0 findings" in gaps
    assert "Integration" not in gaps
    assert "0 sessions on day 3" in text  # the only one is cancelled
