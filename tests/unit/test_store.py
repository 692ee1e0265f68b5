import json
import shutil
import sqlite3
from datetime import date

import pytest
from sqlmodel import select

from onsite.model import (
    TABLES,
    Audit,
    DailyUpdate,
    Document,
    Engagement,
    Excerpt,
    FeedbackItem,
    FeedbackSection,
    Finding,
    GuardAcceptance,
    Milestone,
    Note,
    Participant,
    Peer,
    Recommendation,
    Session,
    Theme,
)
from onsite.store import migrations
from onsite.store.db import Store, _statements
from onsite.store.files import StoreError, list_engagements, peek


@pytest.fixture
def store(tmp_path):
    s = Store.create(tmp_path / "Réunion week.onsite", name="Test", start=date(2026, 3, 2), days=5)
    yield s
    s.close()


def one_of_each(engagement_id: str) -> list:
    session = Session(
        day=2, start="09:30", end="10:30", kind="focus group", title="Staff", peer_ids=["p1", "p2"]
    )
    note = Note(session_id=session.id, author_id="p1", body="- [+] strong *hub*\n- ? test")
    finding = Finding(theme_key="workforce", polarity="area for consideration", statement="Gaps")
    return [
        Theme(key="workforce", name="Workforce", aliases=["staff"], position=3),
        Peer(name="Ann Bee", initials="AB", role="lead peer", title="Former CEO"),
        session,
        Participant(
            session_id=session.id,
            role="ward sister",
            organisation="General",
            sector="NHS acute",
            name="Zed",
            headcount=1,
        ),
        Document(title="Position statement", kind="strategy", summary="Summary"),
        note,
        Excerpt(
            note_id=note.id,
            quote="strong *hub*",
            prefix="- [+] ",
            theme_keys=["workforce"],
            polarity="strength",
            finding_id=finding.id,
        ),
        finding,
        Recommendation(number=1, text="Do it", finding_ids=[finding.id]),
        DailyUpdate(day=1, body="Hearing...", draft="Hearing"),
        FeedbackSection(key="key messages", body="- One"),
        FeedbackItem(finding_id=finding.id, text="Gaps, reworded", position=2),
        GuardAcceptance(
            source=f"finding:{finding.id}",
            kind="distinct surname",
            text="gaps",
            shown="Gaps",
            accepted_by="p1",
            accepted_at="2026-03-06T16:00:00+00:00",
        ),
        Audit(
            at="2026-03-06T16:00:00+00:00", action="export", who="Ann Bee", subject="feedback.docx"
        ),
        Milestone(key="feedback presented", by="p1", at="2026-03-06T15:30:00+00:00"),
        *after_the_week(),
    ]


def after_the_week() -> list:
    from onsite.model import NextStep, Origin, Progress, SeriesIssue, SeriesSession, WorkshopRating

    return [
        Origin(
            original_id="e0",
            name="Calder Vale",
            kind="health and care system",
            start=date(2026, 3, 2),
        ),
        Progress(
            recommendation_id="r1",
            number=1,
            actions="Act",
            system_rag="amber",
            team_rag="green",
            changed="Much",
            evidence="Minutes",
        ),
        WorkshopRating(theme_key="discharge", dimension="ambition", score=4, discussion="Yes"),
        NextStep(text="Agree a plan", owner="ICB chief executive", due="June"),
        SeriesSession(number=1, held=date(2026, 5, 1), title="One", notes="n", summary="s"),
        SeriesIssue(text="Flow", stage="shared understanding", raised_in=1, solutions="Hub"),
    ]


def test_every_table_round_trips_through_a_reopened_file(store):
    records = one_of_each(store.engagement().id)
    assert {type(r) for r in records} | {Engagement} == set(TABLES)
    store.add_all(records)
    path = store.path
    store.close()
    reopened = Store.open(path)
    for record in records:
        back = reopened.get(type(record), record.id)
        assert back is not None, type(record).__name__
        assert back.model_dump() == record.model_dump(), type(record).__name__
        assert back.site == reopened.site and back.created and back.updated
    reopened.close()


def test_every_write_is_logged_field_by_field_with_later_stamps(store):
    note = Note(author_id="p1", body="first")
    store.add(note)
    created = note.updated
    store.update(note, body="second", session_id="s1")
    assert note.updated > created
    versions = store.versions(note, "body")
    assert versions[-1].value == '"second"'


def test_delete_is_a_tombstone(store):
    note = Note(author_id="p1", body="gone")
    store.add(note)
    store.delete(note)
    assert store.notes() == []
    kept = store.get(Note, note.id)
    assert kept.deleted and kept.body == "gone"


def test_update_rejects_unknown_and_bookkeeping_fields(store):
    note = Note(author_id="p1")
    store.add(note)
    with pytest.raises(ValueError, match="cannot set"):
        store.update(note, colour="red")
    with pytest.raises(ValueError, match="cannot set id"):
        store.update(note, id="x")


def test_long_text_versions_are_kept_once_sent(store):
    note = Note(author_id="p1", body="v1")
    store.add(note)
    store.set_meta("sent_upto", store.clock.last)  # as if a sync bundle carried v1
    store.update(note, body="v2")
    store.update(note, body="v3")  # replaces v2: same site, recent, not yet sent
    assert [v.value for v in store.versions(note, "body")] == ['"v1"', '"v3"']
    assert store.versions(note, "body")[-1].base == store.versions(note, "body")[0].stamp


def test_a_file_copied_elsewhere_gets_a_new_site(store, tmp_path):
    store.close()
    copy = tmp_path / "copy.onsite"
    shutil.copyfile(store.path, copy)
    again, copied = Store.open(store.path), Store.open(copy)
    assert again.site == store.site
    assert copied.site != store.site
    again.close(), copied.close()


def test_files_that_are_not_engagements_are_refused_clearly(tmp_path):
    text = tmp_path / "notes.onsite"
    text.write_text("hello")
    with pytest.raises(StoreError, match="not an SQLite file"):
        Store.open(text)
    other = tmp_path / "other.onsite"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.close()
    with pytest.raises(StoreError, match="another program"):
        Store.open(other)
    with pytest.raises(StoreError, match="no such file"):
        Store.open(tmp_path / "missing.onsite")
    with pytest.raises(StoreError, match="already exists"):
        Store.create(text, name="x", start=date(2026, 1, 1))


def test_a_file_from_a_newer_onsite_is_refused_unchanged(store):
    store.close()
    conn = sqlite3.connect(store.path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    before = store.path.read_bytes()
    with pytest.raises(StoreError, match="newer Onsite"):
        Store.open(store.path)
    assert store.path.read_bytes() == before


def _version_1_file(path):
    """A file as Onsite's first schema wrote it, with a note in it."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1330533204")
    for statement in _statements(migrations.V1):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO engagement VALUES ('e1','0000000000001.000000.s','0000000000001.000000.s','s',0,"
        "'Old week','Old system','health and care system','2025-01-06',5,'')"
    )
    conn.execute(
        "INSERT INTO note VALUES ('n1','0000000000002.000000.s','0000000000002.000000.s','s',0,"
        "NULL,NULL,'p1','The discharge lounge was calm; \"we are proud of it\"')"
    )
    conn.commit()
    conn.close()


def test_a_version_1_file_is_upgraded_in_place_with_nothing_lost(tmp_path):
    path = tmp_path / "old.onsite"
    _version_1_file(path)
    store = Store.open(path)
    assert peek(path).schema_version == migrations.LATEST
    assert store.engagement().name == "Old week"
    assert store.notes()[0].body.startswith("The discharge lounge")
    # version 2 added full-text search; the old note is found by it
    with store.engine.connect() as conn:
        hits = conn.exec_driver_sql(
            "SELECT record_id FROM search WHERE search MATCH 'discharge'"
        ).all()
    assert hits == [("n1",)]
    store.close()
    assert (tmp_path / "old.onsite.v1.bak").exists()  # the pre-upgrade copy is kept


def test_the_latest_schema_matches_the_models(store):
    from onsite.model import SYNC_TABLES

    with store.engine.connect() as conn:
        for table in (*TABLES, *SYNC_TABLES):
            columns = [
                row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table.__tablename__})")
            ]
            assert columns == list(table.__table__.columns.keys()), table.__tablename__


def test_listing_skips_unreadable_files_and_puts_newest_first(tmp_path):
    folder = tmp_path / "engagements"
    folder.mkdir()
    a = Store.create(folder / "a.onsite", name="A", start=date(2026, 1, 5))
    a.close()
    b = Store.create(folder / "b.onsite", name="B", start=date(2026, 2, 2))
    b.close()
    (folder / "junk.onsite").write_text("not a database")
    import os

    os.utime(folder / "a.onsite", (2_000_000_000, 2_000_000_000))
    assert [i.name for i in list_engagements(folder)] == ["A", "B"]


def test_an_edit_of_a_stale_copy_names_the_version_it_saw(store):
    """A merge (here: a second copy saving first) moved the text on since the caller loaded
    it: the caller's save must not silently replace what it never saw."""
    note = Note(author_id="p1", body="v1")
    store.add(note)
    store.set_meta("sent_upto", store.clock.last)
    stale = store.get(Note, note.id)
    store.update(note, body="newer")
    store.update(stale, body="from the stale copy")
    v1, newer, stale_save = store.versions(note, "body")
    assert stale_save.base == v1.stamp  # two heads: newer and the stale save
    assert newer.base == v1.stamp
    from onsite.store.merge import refresh_conflicts

    assert refresh_conflicts(store) == [("note", note.id, "body", "text")]


def test_an_update_compares_with_the_stored_record_not_the_callers_copy(store):
    note = Note(author_id="p1", body="a")
    store.add(note)
    stale = store.get(Note, note.id)
    store.update(note, body="b")
    store.update(stale, body="a")  # the caller's copy already says "a"; the store says "b"
    assert store.get(Note, note.id).body == "a"


def test_put_writes_even_an_unchanged_value_with_its_bases(store):
    note = Note(author_id="p1", body="a")
    store.add(note)
    with store.writing() as w:
        w.put(note, "body", "a", base="0000000000001.000000.x 0000000000002.000000.y")
    assert store.versions(note, "body")[-1].base.split() == [
        "0000000000001.000000.x",
        "0000000000002.000000.y",
    ]


def test_editing_a_deleted_record_is_flagged(store):
    from onsite.model import ConflictFlag

    note = Note(author_id="p1", body="a")
    store.add(note)
    store.delete(note)
    store.update(note, body="still writing")
    with store._session() as s:
        flags = s.exec(select(ConflictFlag)).all()
    assert [(f.record_id, f.kind) for f in flags] == [(note.id, "deleted")]
    assert store.get(Note, note.id).body == "still writing"


def test_a_copy_inherits_what_the_original_never_sent(store, tmp_path):
    store.add(Note(author_id="p1", body="written before the copy"))
    old_site = store.site
    store.close()
    copy = tmp_path / "restored.onsite"
    shutil.copyfile(store.path, copy)
    restored = Store.open(copy)
    assert restored.site != old_site
    assert json.loads(restored.meta("inherited"))[0][0] == old_site
    restored.close()


def test_a_version_3_file_gains_the_export_tables_and_keeps_its_daily_updates(tmp_path):
    path = tmp_path / "v3.onsite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1330533204")
    for script in migrations.MIGRATIONS[:3]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 3")
    conn.execute(
        "INSERT INTO engagement VALUES ('e1','1','1','s',0,'Week','','health and care system',"
        "'2025-01-06',5,'')"
    )
    conn.execute(
        "INSERT INTO dailyupdate VALUES ('u1','1','1','s',0,1,1,'Day one.','delivered','p1','x')"
    )
    conn.commit()
    conn.close()
    store = Store.open(path)
    [update] = store.daily_updates()
    assert (update.body, update.status, update.draft) == ("Day one.", "delivered", "")
    assert store.feedback_sections() == {} and store.acceptances() == []
    store.close()


def test_a_version_6_file_gains_headcounts_and_milestones(tmp_path):
    path = tmp_path / "v6.onsite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1330533204")
    for script in migrations.MIGRATIONS[:6]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 6")
    conn.execute(
        "INSERT INTO engagement VALUES ('e1','1','1','s',0,'Week','','health and care system',"
        "'2025-01-06',5,'')"
    )
    conn.execute(
        "INSERT INTO participant VALUES ('p1','1','1','s',0,'s1','ward sisters','General',"
        "'NHS acute','')"
    )
    conn.commit()
    conn.close()
    store = Store.open(path)
    [person] = store.participants()
    assert (person.role, person.headcount) == ("ward sisters", 1)
    assert store.milestones() == {}
    store.add(Milestone(key="report final", by="p1", at="2026-03-27T09:00:00+00:00"))
    assert store.milestones()["report final"].by == "p1"
    store.close()


def test_after_edit_reads_inside_the_writers_transaction(tmp_path):
    """A note and its excerpt written in the same transaction as the edit: after_edit must
    see the excerpt (it is not committed yet, so another connection would not) and move it."""
    from onsite.evidence.tagging import after_edit
    from onsite.model import Excerpt

    store = Store.create(tmp_path / "t.onsite", name="T", start=date(2026, 3, 2))
    peer = Peer(name="Ann Bee", initials="AB")
    store.add(peer)
    old, new = "the hub works", "Seen today: the hub works"
    with store.writing() as w:
        note = Note(author_id=peer.id, body=old)
        w.add(note)
        w.add(Excerpt(note_id=note.id, quote="hub", prefix="the ", suffix=" works", start=4))
        w.update(note, body=new)
        after_edit(w, note, old, new)
    [excerpt] = store.excerpts(note.id)
    assert new[excerpt.start : excerpt.start + len(excerpt.quote)] == "hub"
    assert excerpt.start == new.index("hub") and not excerpt.orphaned
    store.close()


def test_a_writer_holds_the_write_lock_from_its_first_read(tmp_path):
    """What a writer reads cannot be changed by another connection before it writes."""
    from onsite.store import cipher

    path = tmp_path / "t.onsite"
    store = Store.create(path, name="T", start=date(2026, 3, 2))
    other = cipher.connect(path, timeout=0, isolation_level=None)
    try:
        with store.writing() as w:
            w.peers()
            with pytest.raises(cipher.Error, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # released once the writer is done
        other.execute("ROLLBACK")
    finally:
        other.close()
        store.close()
