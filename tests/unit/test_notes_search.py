import pytest
from hypothesis import given
from hypothesis import strategies as st

from onsite.evidence.search import SearchError, search, to_fts
from onsite.model import Document, Finding, Note, Participant, Peer, Session
from onsite.week import notes


@pytest.fixture
def store(tmp_path):
    from datetime import date

    from onsite.store.db import Store

    s = Store.create(tmp_path / "s.onsite", name="S", start=date(2026, 3, 2))
    yield s
    s.close()


def _session(store):
    peer = Peer(name="Ann Bee", initials="AB")
    session = Session(day=1, start="09:00", title="ICB chief executive")
    store.add(peer, session)
    return peer, session


def test_first_save_creates_then_updates_keep_one_note(store):
    peer, session = _session(store)
    note = notes.my_note(store, peer.id, session_id=session.id)
    notes.save(store, note, "first words")
    notes.save(store, note, "first words and more")
    again = notes.my_note(store, peer.id, session_id=session.id)
    assert again.id == note.id and again.body == "first words and more"
    assert len(store.notes(session_id=session.id)) == 1


def test_search_finds_notes_documents_and_findings_ranked_with_highlights(store):
    peer, session = _session(store)
    store.add(
        Note(
            session_id=session.id,
            author_id=peer.id,
            body='Discharge lounge is calm. "We are proud of the discharge hub"',
        ),
        Document(title="Discharge data", summary="Delayed discharge figures by week"),
        Finding(theme_key="integration", statement="Discharge hub is a strength"),
    )
    hits = search(store, "discharge")
    assert {h.kind for h in hits} == {"note", "document", "finding"}
    note_hit = next(h for h in hits if h.kind == "note")
    assert note_hit.session_id == session.id
    assert "Day 1 09:00 · ICB chief executive · notes by AB" == note_hit.place
    assert "\x02Discharge\x03" in note_hit.snippet
    assert [h.kind for h in search(store, '"discharge hub"')] in (
        ["note", "finding"],
        ["finding", "note"],
    )
    assert search(store, "disch*")
    assert search(store, "proud NOT lounge") == []


def test_search_follows_edits_and_leaves_out_tombstones(store):
    peer, session = _session(store)
    note = Note(session_id=session.id, author_id=peer.id, body="workforce gaps")
    store.add(note)
    store.update(note, body="recruitment pipeline")
    assert search(store, "workforce") == []
    assert len(search(store, "recruitment")) == 1
    store.delete(note)
    assert search(store, "recruitment") == []


def test_a_query_fts_cannot_parse_is_never_an_exception_but_empty_is_explained(store):
    for query in ["director's view", "(unbalanced", 'say "hello', "NEAR(", "a AND", "* ^ -"]:
        search(store, query)
    with pytest.raises(SearchError, match="Type a word"):
        search(store, '  "" ')


@given(st.text(max_size=40))
def test_to_fts_never_builds_a_query_sqlite_rejects(text):
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    try:
        query = to_fts(text)
    except SearchError:
        return
    conn.execute("SELECT * FROM t WHERE t MATCH ?", (query,)).fetchall()


def test_names_mentioned_finds_full_names_and_surnames_in_any_case(store):
    people = [
        Participant(session_id="s", role="ICB CFO", name="Jane Roe-Smith"),
        Participant(session_id="s", role="DASS", name="Bo Li"),
        Participant(session_id="s", role="ward sister"),
    ]
    assert notes.names_mentioned("JANE ROE-SMITH said", people) == ["Jane Roe-Smith"]
    assert notes.names_mentioned("roe-smith's view", people) == ["Jane Roe-Smith"]
    assert notes.names_mentioned("Bo\nLi thinks", people) == ["Bo Li"]
    assert notes.names_mentioned("the library is open", people) == []  # 'Li' is too short alone
