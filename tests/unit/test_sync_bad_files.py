"""Files in the shared folder that must not be merged: each is named with a clear reason,
and the engagement is left exactly as it was."""

from __future__ import annotations

import hashlib
import json
import os
import zlib

import pytest

from onsite.model import Note
from onsite.sync import bundle_reading, bundles
from onsite.sync import exchange as sync
from tests.unit.syncing import HOUR, Team, canonical, changes


@pytest.fixture
def team(tmp_path):
    team = Team(tmp_path)
    team.found()
    team.join()
    sender = team.laptops[0]
    peer = sender.store.peers()[0]
    sender.store.add(*(Note(author_id=peer.id, body=f"note {n}") for n in range(3)))
    team.send(sender)
    yield team
    team.close()


def newest(team) -> tuple[str, bytes]:
    file, path = team.files()[-1]
    return file, path.read_bytes()


def parts(data: bytes) -> tuple[bytes, dict, bytes]:
    magic, header, body = data.split(b"\n", 2)
    return magic, json.loads(header), body


def signed(magic: bytes, header: dict, body: bytes) -> bytes:
    """A bundle with a valid checksum over whatever header and body it is given, computed
    here from the format's description rather than with Onsite's own function."""
    fields = {k: v for k, v in header.items() if k != "sha256"}
    digest = hashlib.sha256(json.dumps(fields, sort_keys=True).encode() + b"\n" + body).hexdigest()
    return (
        magic
        + b"\n"
        + json.dumps({**fields, "sha256": digest}, sort_keys=True).encode()
        + b"\n"
        + body
    )


def reject(team, name: str, data: bytes | None, site: str | None = None, *, expect: str) -> str:
    """Drop a file in the shared folder (None: it is there already); the receiver's sync must
    skip it, say why, and change nothing. The reason given."""
    receiver = team.laptops[1]
    folder = team.folder / (site or team.laptops[0].store.site)
    folder.mkdir(parents=True, exist_ok=True)
    if data is not None:
        (folder / name).write_bytes(data)
    before, state = changes(receiver.store), canonical(receiver.store)
    report = sync.sync(receiver.store, team.folder)
    reasons = [s.reason for s in report.skipped if s.file.endswith(name)]
    assert len(reasons) == 1 and expect in reasons[0], (reasons, report.skipped)
    assert not report.merged
    assert changes(receiver.store) == before and canonical(receiver.store) == state
    return reasons[0]


def bundle_name() -> str:
    return "1700000000000-000000-abcdef.onsync"


@pytest.fixture(autouse=True)
def _receiver_has_the_rest(team):
    """The receiver merges the good bundle first, so only the bad file is new to it."""
    good = sync.sync(team.laptops[1].store, team.folder)
    assert good.merged and not good.skipped


@pytest.mark.parametrize("cut", [5, 40, 200, -30, -1])
def test_a_truncated_bundle_is_refused(team, cut):
    _, data = newest(team)
    reason = reject(team, bundle_name(), data[:cut], expect="skipped")
    assert reason.removesuffix("; skipped") in {
        "fails its checksum (cut short or changed on the way)",
        "damaged header",
        "not an Onsite bundle (no ONSITE-BUNDLE line)",
        "cut short (no body after the header)",
    }


def test_garbage_is_not_a_bundle(team):
    reject(team, bundle_name(), os.urandom(5000), expect="not an Onsite bundle")


def test_an_empty_file_is_refused(team):
    reject(team, bundle_name(), b"", expect="empty file")


def test_a_bundle_of_a_newer_format_asks_for_an_upgrade(team):
    _, data = newest(team)
    reject(
        team,
        bundle_name(),
        data.replace(b"ONSITE-BUNDLE 1", b"ONSITE-BUNDLE 2", 1),
        expect="bundle format '2'; this Onsite reads format 1 (if it is newer, upgrade Onsite)",
    )


def test_a_bundle_of_another_engagement_is_refused(team, tmp_path):
    other = Team(tmp_path / "other")
    other.found()
    try:
        _, data = newest(other)
        reject(
            team,
            bundle_name(),
            data,
            site=other.laptops[0].store.site,
            expect="belongs to another engagement",
        )
    finally:
        other.close()


def test_a_changed_bundle_fails_its_checksum(team):
    magic, header, body = parts(newest(team)[1])
    header["count"] += 1  # the header claims more than the body holds, checksum not redone
    reject(
        team,
        bundle_name(),
        magic + b"\n" + json.dumps(header).encode() + b"\n" + body,
        expect="fails its checksum",
    )


def test_a_huge_file_is_refused_without_being_read(team):
    folder = team.folder / team.laptops[0].store.site
    with (folder / bundle_name()).open("wb") as f:
        f.truncate(bundle_reading.MAX_FILE_BYTES + 1)  # sparse where the file system allows
    reject(
        team,
        bundle_name(),
        None,
        expect=f"too large ({bundle_reading.MAX_FILE_BYTES + 1:,} bytes; "
        f"a bundle may be at most {bundle_reading.MAX_FILE_BYTES:,})",
    )


def test_a_bundle_that_inflates_beyond_the_limit_is_refused(team):
    file, path = team.files()[-1]
    with pytest.raises(bundles.BundleError, match="too large once decompressed"):
        bundle_reading.read(path, file, team.engagement, max_body=100)


def test_a_bundle_with_a_path_for_a_site_id_is_refused(team):
    magic, header, body = parts(newest(team)[1])
    header["site"] = "../../evil"
    reject(team, bundle_name(), signed(magic, header, body), expect="is not a site id")


@pytest.mark.skipif(os.name == "nt", reason="Windows cannot create such names at all")
def test_names_with_path_separators_are_passed_over(team):
    _, data = newest(team)
    reject(team, "..\\" + bundle_name(), data, expect="not an Onsite bundle")
    odd_folder = team.folder / "a\\b"
    odd_folder.mkdir()
    (odd_folder / bundle_name()).write_bytes(data)
    reasons = {s.file: s.reason for s in sync.sync(team.laptops[1].store, team.folder).skipped}
    assert reasons["a\\b/"].startswith("not a laptop's folder")


def test_a_bundle_in_another_sites_folder_is_refused(team):
    _, data = newest(team)
    reject(team, bundle_name(), data, site="someoneelse", expect="written by site")


def test_changes_the_model_does_not_know_are_refused_whole(team):
    magic, header, body = parts(newest(team)[1])
    lines = zlib.decompress(body).split(b"\n")
    row = json.loads(lines[-1])
    lines[-1] = json.dumps([row[0], "../note", *row[2:]]).encode()
    reject(
        team,
        bundle_name(),
        signed(magic, header, zlib.compress(b"\n".join(lines))),
        expect="unknown table",
    )
    row[3], row[4] = "deleted", "yes"
    lines[-1] = json.dumps(row).encode()
    reject(
        team,
        bundle_name().replace("abcdef", "abcde0"),
        signed(magic, header, zlib.compress(b"\n".join(lines))),
        expect="value is not true or false",
    )


@pytest.mark.parametrize(
    ("name", "expect"),
    [
        ("1700000000000-000000-abcdef (1).onsync", "a sync client's conflict copy"),
        ("1700000000000-000000-abcdef-conflict-laptop.onsync", "a sync client's conflict copy"),
        (
            "1700000000000-000000-abcdef.sync-conflict-20260302-101010-ABCDEFG.onsync",
            "a sync client's conflict copy",
        ),
        ("1700000000000-000000-abcdef.onsync.tmp", "a temporary file"),
        ("~1700000000000-000000-abcdef.onsync", "a temporary file"),
        ("notes.txt", "not an Onsite bundle"),
    ],
)
def test_temporary_files_and_sync_client_copies_are_passed_over(team, name, expect):
    _, data = newest(team)
    reject(team, name, data, expect=expect)


def test_a_bundle_from_a_clock_far_in_the_future_is_held_back_until_the_clock_catches_up(team):
    sender, receiver = team.laptops
    sender.offset = 30 * HOUR
    sender.store.add(Note(author_id=sender.store.peers()[0].id, body="from the future"))
    team.send(sender)
    before = changes(receiver.store)
    report = sync.sync(receiver.store, team.folder)
    assert not report.merged and len(report.held) == 1
    assert "held back: stamped 30 hours ahead" in report.held[0].reason
    assert changes(receiver.store) == before
    team.timeline.advance(7 * HOUR)  # within a day of the sender's clock now
    report = sync.sync(receiver.store, team.folder)
    assert [m.file for m in report.merged] == [report.merged[0].file] and not report.held


def test_a_failure_inside_the_merge_rolls_the_whole_bundle_back(team):
    sender, receiver = team.laptops
    peer = sender.store.peers()[0].id
    sender.store.add(Note(author_id=peer, body="fine"), Note(author_id=peer, body="boom"))
    team.send(sender)
    with receiver.store.engine.begin() as conn:  # a real SQLite failure, half way through
        conn.exec_driver_sql(
            "CREATE TRIGGER refuse BEFORE INSERT ON note WHEN new.body = 'boom' "
            "BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
        )
    before = changes(receiver.store)
    report = sync.sync(receiver.store, team.folder)
    assert "could not be merged, nothing changed (disk says no)" in report.skipped[0].reason
    assert changes(receiver.store) == before
    assert "fine" not in {n.body for n in receiver.store.notes()}
    with receiver.store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER refuse")
    report = sync.sync(receiver.store, team.folder)  # retried, now merged
    assert report.merged and {"fine", "boom"} <= {n.body for n in receiver.store.notes()}
