"""The synthetic engagement generator: sizes, determinism, and evidence that really anchors."""

import json
import random
import sqlite3
from dataclasses import asdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onsite.cli import main
from onsite.synth.generate import Counts, generate
from onsite.synth.prose import NoteWriter, World, count_words, note_text
from onsite.synth.text import THEMES
from tests.properties import examples

TABLES = (
    "theme",
    "peer",
    "session",
    "participant",
    "document",
    "note",
    "excerpt",
    "finding",
    "recommendation",
    "dailyupdate",
)
STAMPED = ("created", "updated", "site")


def rows(path, table):
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return sorted(
            (dict(r) for r in conn.execute(f"SELECT * FROM {table}")), key=lambda r: r["id"]
        )
    finally:
        conn.close()


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("synth") / "small.onsite"
    seen = []
    held = generate(path, scale=0.05, seed=7, progress=lambda *a: seen.append(a))
    return path, held, seen


def test_counts_follow_the_scale(small):
    path, held, _ = small
    c = Counts.at(0.05)
    expected = {
        "peer": c.peers,
        "session": c.sessions,
        "participant": c.participants,
        "document": c.documents,
        "note": c.notes,
        "excerpt": c.excerpts,
        "finding": c.findings,
        "recommendation": c.recommendations,
        "dailyupdate": c.days,
        "theme": len(THEMES),
        "engagement": 1,
    }
    assert {k: held[k] for k in expected} == expected
    assert (c.sessions, c.notes, c.words, c.excerpts) == (3, 30, 20_000, 150)
    words = sum(count_words(n["body"]) for n in rows(path, "note"))
    assert words == c.words


def test_scale_one_is_the_heavy_week_and_ten_is_ten_times():
    one, ten = Counts.at(1), Counts.at(10)
    assert asdict(one) == dict(
        peers=10,
        days=5,
        sessions=60,
        participants=160,
        documents=300,
        notes=600,
        words=400_000,
        excerpts=3_000,
        findings=150,
        recommendations=15,
    )
    assert all(getattr(ten, k) == 10 * v for k, v in asdict(one).items() if k != "days")
    assert ten.days == 5
    with pytest.raises(ValueError):
        Counts.at(0)


def test_progress_is_reported_up_to_the_whole(small):
    _, _, seen = small
    assert seen and seen[-1][1] == seen[-1][2]
    assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)


def test_every_reference_points_at_a_record(small):
    path, _, _ = small
    ids = {t: {r["id"] for r in rows(path, t)} for t in TABLES}
    themes = {r["key"] for r in rows(path, "theme")}
    for s in rows(path, "session"):
        assert set(json.loads(s["peer_ids"])) <= ids["peer"]
    assert {p["session_id"] for p in rows(path, "participant")} <= ids["session"]
    for n in rows(path, "note"):
        assert (n["session_id"] in ids["session"]) != (n["document_id"] in ids["document"])
        assert n["author_id"] in ids["peer"]
    for e in rows(path, "excerpt"):
        assert e["finding_id"] is None or e["finding_id"] in ids["finding"]
    assert {f["theme_key"] for f in rows(path, "finding")} <= themes
    for r in rows(path, "recommendation"):
        assert set(json.loads(r["finding_ids"])) <= ids["finding"]


def test_excerpts_anchor_in_their_notes_and_say_what_they_are_tagged(small):
    path, _, _ = small
    notes = {n["id"]: n["body"] for n in rows(path, "note")}
    excerpts = rows(path, "excerpt")
    assert excerpts
    for e in excerpts:
        body, start, quote = notes[e["note_id"]], e["start"], e["quote"]
        assert body[start : start + len(quote)] == quote
        assert body[:start].endswith(e["prefix"]) and len(e["prefix"]) == min(32, start)
        assert body[start + len(quote) :].startswith(e["suffix"])
        assert body[:start].endswith("\n- ")  # a whole bullet, as inline tagging marks it
        marker = {"strength": "[+] ", "area for consideration": "[-] "}.get(e["polarity"])
        assert quote.startswith(marker) if marker else not quote.startswith(("[+]", "[-]"))
        for key in json.loads(e["theme_keys"]):
            assert f"#{key}" in quote


def test_the_apps_own_tagging_and_anchoring_agree_with_the_excerpts(small):
    """Reading the notes' inline tags finds exactly the excerpts, with their themes and
    polarity, and each excerpt's anchor finds its passage where it says."""
    from onsite.evidence.anchor import Anchor, find
    from onsite.evidence.tags import find_tags, theme_lookup
    from onsite.model import Theme

    path, _, _ = small
    lookup = theme_lookup(
        [
            Theme(key=t["key"], name=t["name"], aliases=json.loads(t["aliases"]))
            for t in rows(path, "theme")
        ]
    )
    notes = {n["id"]: n["body"] for n in rows(path, "note")}
    by_note: dict[str, list] = {}
    for e in rows(path, "excerpt"):
        by_note.setdefault(e["note_id"], []).append(e)
        found = find(Anchor(e["quote"], e["prefix"], e["suffix"], e["start"]), notes[e["note_id"]])
        assert not found.orphaned and found.start == e["start"]
    for note_id, body in notes.items():
        tags = [(t.start, t.end, t.theme_keys, t.polarity) for t in find_tags(body, lookup)]
        expected = sorted(
            (e["start"], e["start"] + len(e["quote"]), json.loads(e["theme_keys"]), e["polarity"])
            for e in by_note.get(note_id, [])
        )
        assert tags == expected


def test_same_seed_same_records_other_seed_other_records(small, tmp_path):
    path, _, _ = small
    again = tmp_path / "again.onsite"
    other = tmp_path / "other.onsite"
    generate(again, scale=0.05, seed=7)
    generate(other, scale=0.05, seed=8)
    for table in TABLES:
        a = [{k: v for k, v in r.items() if k not in STAMPED} for r in rows(path, table)]
        b = [{k: v for k, v in r.items() if k not in STAMPED} for r in rows(again, table)]
        assert a == b, table
    assert rows(path, "note")[0]["body"] != rows(other, "note")[0]["body"]
    assert {r["id"] for r in rows(path, "note")}.isdisjoint(r["id"] for r in rows(other, "note"))


def test_ids_are_uuid7_shaped_and_sorted_by_creation(small):
    import uuid

    path, _, _ = small
    ids = [r["id"] for r in rows(path, "excerpt")]
    for value in ids:
        u = uuid.UUID(value)
        assert u.version == 7 and u.variant == uuid.RFC_4122


def test_text_reads_like_notes_with_a_wide_vocabulary():
    import re
    import zlib

    text = note_text(20_000, seed=1)
    assert count_words(text) == 20_000
    words = set(re.findall(r"[a-z][a-z'-]+", text.lower()))
    assert len(words) > 1_000
    for term in ("discharge", "icb", "workforce", "domiciliary", "vcse"):
        assert term in words or any(w.startswith(term) for w in words), term
    assert "lorem" not in words
    ratio = len(text.encode()) / len(zlib.compress(text.encode()))
    assert ratio < 6  # not a handful of sentences repeated


@settings(max_examples=examples(60), deadline=None)
@given(
    words=st.integers(0, 800),
    tags=st.lists(
        st.tuples(
            st.lists(st.sampled_from([t[0] for t in THEMES]), min_size=1, max_size=2, unique=True),
            st.sampled_from(["strength", "area for consideration", "neutral"]),
        ),
        max_size=6,
    ),
    seed=st.integers(0, 2**32),
)
def test_a_note_has_its_word_budget_and_its_tagged_passages_where_it_says(words, tags, seed):
    rng = random.Random(seed)
    writer = NoteWriter(rng, World(rng, places=10))
    body, spans = writer.note("Chief executive, ICB", "interview", words, tags)
    floor = count_words("Chief executive, ICB") + sum(count_words(body[a:b]) for a, b in spans)
    assert count_words(body) == max(words, floor)
    assert len(spans) == len(tags)
    for (start, end), (keys, _) in zip(spans, tags):
        assert body[start - 2 : start] == "- " and body[end] == "\n"
        assert all(f"#{k}" in body[start:end] for k in keys)


def test_cli_writes_an_engagement_and_reports_progress(tmp_path, capsys):
    assert main(["synth", str(tmp_path / "big week"), "--scale", "0.02", "--seed", "3"]) == 0
    out, err = capsys.readouterr()
    assert (tmp_path / "big week.onsite").is_file()
    assert "Wrote" in out and "words of notes" in out
    assert "notes and excerpts" in err and "(100%)" in err
    assert main(["synth", str(tmp_path / "big week.onsite")]) == 1
    assert "already exists" in capsys.readouterr().err


def test_a_failed_generation_leaves_no_file(tmp_path, monkeypatch):
    from onsite.store import db

    def broken(self, peer_id):
        raise OSError("disk full")

    monkeypatch.setattr(db.Store, "set_me", broken)  # the last write
    target = tmp_path / "half.onsite"
    with pytest.raises(OSError):
        generate(target, scale=0.02)
    assert not target.exists()


@pytest.mark.slow
def test_scale_one_holds_a_heavy_week(tmp_path):
    path = tmp_path / "week.onsite"
    held = generate(path, scale=1, seed=0)
    assert held["note"] == 600 and held["excerpt"] == 3_000 and held["session"] == 60
    assert sum(count_words(n["body"]) for n in rows(path, "note")) == 400_000
    from onsite.store.db import Store

    store = Store.open(path)
    try:
        from onsite.evidence.search import search

        assert search(store, "discharge")
    finally:
        store.close()


def test_each_peer_has_at_most_one_note_per_session_or_document(small):
    path, _, _ = small
    seen = set()
    for n in rows(path, "note"):
        key = (n["session_id"] or n["document_id"], n["author_id"])
        assert key not in seen
        seen.add(key)
