"""Issue 14, problems 1-3 (sealed only, one team key), through the real command line and real
files: an unsealed bundle from an invented site changes nothing and is reported; a plain
engagement says its bundles are not encrypted; a laptop with another key gets one line
naming the fix, and `onsite invite accept` mends it."""

from __future__ import annotations

import json

from onsite.cli import main
from onsite.confidential.passphrase import open_store
from onsite.model import Finding, Peer
from onsite.store import history
from onsite.sync import bundle_reading, bundles, teamkey

PASS = "correct horse battery staple"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _team(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ONSITE_PASSPHRASE", PASS)
    folder = tmp_path / "shared"
    folder.mkdir()
    lead, peer = tmp_path / "lead.onsite", tmp_path / "peer.onsite"
    assert run(capsys, "new", str(lead), "--name", "Calder Vale", "--start", "2026-03-02")[0] == 0
    store = open_store(lead)
    ann = Peer(name="Ann Bee", initials="AB", role="lead peer")
    store.add(ann, Finding(theme_key="workforce", statement="Staff are proud of their services"))
    store.set_me(ann.id)
    assert teamkey.team_key(store) is not None  # made with the encrypted engagement
    store.close()
    code, out, _ = run(capsys, "sync", str(lead), str(folder))
    assert code == 0 and "not encrypted" not in out
    code, out, _ = run(capsys, "invite", str(lead))
    invite = out.split("\n\n")[1].strip()
    assert run(capsys, "join", str(folder), str(peer), "--invite", invite)[0] == 0
    return folder, lead, peer, invite


def test_an_unsealed_bundle_from_an_invented_site_changes_nothing_and_is_reported(
    tmp_path, capsys, monkeypatch
):
    folder, lead, peer, _ = _team(tmp_path, capsys, monkeypatch)
    store = open_store(peer)
    engagement = store.engagement()
    finding = store.findings()[0]
    store.close()
    # The attacker can write to the shared folder but has no key: a plain bundle that renames
    # the engagement and drops a finding, from a site nobody has seen.
    stamp = f"{int(engagement.updated[:13]) + 1000:013d}.000001.evilsite"
    rows = [
        (stamp, "engagement", engagement.id, "name", json.dumps("Hacked"), "evilsite", ""),
        (stamp, "finding", finding.id, "deleted", "true", "evilsite", ""),
    ]
    file, _ = bundles.write(
        folder,
        engagement=engagement.id,
        site="evilsite",
        peer="Mallory",
        rows=rows,
        written=0,
        key=None,
    )
    code, out, err = run(capsys, "sync", str(peer), str(folder))
    assert code == 1
    assert f"onsite: {file}: not sealed with the team key" in err
    assert "refused" in err and "Mallory" not in out + err
    store = open_store(peer)
    try:
        assert store.engagement().name == "Calder Vale"
        assert not store.get(Finding, finding.id).deleted
        assert all(site != "evilsite" for _, site, *_ in history.bundles(store))
    finally:
        store.close()
    # Every laptop refuses it, every time, and says so.
    code, _, err = run(capsys, "sync", str(lead), str(folder))
    assert code == 1 and file in err


def test_a_plain_engagement_says_its_bundles_are_not_encrypted(tmp_path, capsys):
    folder = tmp_path / "shared"
    folder.mkdir()
    demo = tmp_path / "plain.onsite"
    assert (
        run(capsys, "new", str(demo), "--name", "Demo", "--start", "2026-03-02", "--plain")[0] == 0
    )
    code, out, _ = run(capsys, "sync", str(demo), str(folder))
    assert code == 0 and "its bundles are not encrypted" in out


def test_one_team_key_only_the_lead_makes_it_and_accept_mends_a_split(
    tmp_path, capsys, monkeypatch
):
    folder, lead, peer, invite = _team(tmp_path, capsys, monkeypatch)
    # A third laptop joins without the key (the plain way no longer works: all is sealed)...
    third = tmp_path / "third.onsite"
    code, _, err = run(capsys, "join", str(folder), str(third))
    assert code == 1 and "invite" in err
    # ...and a copy of the lead's file made before the key (restored from a backup) gets a key
    # of its own: the split brain. Here: the peer's laptop is given a different key.
    store = open_store(peer)
    store.add(Peer(name="Raj Patel", initials="RP"))
    raj = [p for p in store.peers() if p.initials == "RP"][0]
    store.set_me(raj.id)
    # Only the lead makes a key: a peer's laptop with none cannot mint one.
    store.set_meta(teamkey.META_KEY, "")
    try:
        teamkey.team_key_for_invite(store)
        raise AssertionError("a peer made a team key")
    except teamkey.TeamKeyError as e:
        assert "lead peer" in str(e)
    store.set_me("")  # nobody set on a joined laptop: still not the lead, still no key
    try:
        teamkey.team_key_for_invite(store)
        raise AssertionError("a joined laptop made a team key")
    except teamkey.TeamKeyError as e:
        assert "lead peer" in str(e)
    store.set_me(raj.id)
    store.set_meta(teamkey.META_KEY, teamkey.new_key().hex())
    store.close()
    code, _, err = run(capsys, "sync", str(peer), str(folder))  # sends under the wrong key
    code, out, err = run(capsys, "sync", str(lead), str(folder))
    assert code == 1
    assert err.count("different team key") == 1 and "onsite invite accept FILE CODE" in err
    # The fix the message names.
    code, out, _ = run(capsys, "invite", "accept", str(peer), invite)
    assert code == 0 and "Replaced this laptop's team key" in out
    code, out, err = run(capsys, "sync", str(peer), str(folder))
    assert code == 0, err
    assert "Replaced this laptop's" in out
    code, out, err = run(capsys, "sync", str(lead), str(folder))
    assert code == 0, err
    store = open_store(lead)
    try:
        assert "Raj Patel" in {p.name for p in store.peers()}
    finally:
        store.close()
    # No bundle of the old key is left in the folder.
    store = open_store(lead)
    key = bytes.fromhex(store.meta(teamkey.META_KEY))
    store.close()
    ids = {bundle_reading.read_header(p, p.name).key_id for p in folder.glob("*/*.onsync")}
    assert ids == {teamkey.key_id(key)}


def test_bundles_written_before_the_key_are_sealed_again_once_it_is_made(tmp_path, capsys):
    """Problem 2: a team that began plain leaves no readable bundle once the key exists."""
    folder = tmp_path / "shared"
    folder.mkdir()
    lead = tmp_path / "lead.onsite"
    assert (
        run(capsys, "new", str(lead), "--name", "Calder Vale", "--start", "2026-03-02", "--plain")[
            0
        ]
        == 0
    )
    store = open_store(lead)
    ann = Peer(name="Ann Bee", initials="AB", role="lead peer")
    store.add(ann, Finding(theme_key="workforce", statement="Staff feel unheard at night"))
    store.set_me(ann.id)
    store.close()
    assert run(capsys, "sync", str(lead), str(folder))[0] == 0
    plain = list(folder.glob("*/*.onsync"))
    assert plain and all(
        b"Staff feel unheard" in bundle_reading.inflate(p, p.name, None) for p in plain
    )
    assert run(capsys, "invite", str(lead))[0] == 0  # the lead makes the key
    code, out, _ = run(capsys, "sync", str(lead), str(folder))
    assert code == 0 and "Replaced this laptop's 1 earlier bundle(s)" in out
    left = list(folder.glob("*/*.onsync"))
    assert left and not set(left) & set(plain)
    assert all(bundle_reading.read_header(p, p.name).sealed for p in left)
