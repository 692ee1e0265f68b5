"""Sealed bundles: AES-GCM under the team key; tampering is caught; invite codes."""

from __future__ import annotations

from datetime import date

import pytest

from onsite.store.db import Store
from onsite.sync import teamkey
from onsite.sync.teamkey import BundleRejected, TeamKeyError, seal, unseal

PHRASE = b"the finance director expects a 40m gap next year"


def test_seal_round_trips_and_hides_the_text():
    key = teamkey.new_key()
    sealed = seal(PHRASE * 10, key, b"site-a/0001.bundle")
    assert PHRASE not in sealed and teamkey.is_sealed(sealed)
    assert unseal(sealed, key, b"site-a/0001.bundle") == PHRASE * 10
    assert seal(PHRASE, key) != seal(PHRASE, key)  # a fresh nonce every time


@pytest.mark.parametrize("position", [0, 4, 10, 20, -1])
def test_a_tampered_bundle_is_rejected(position):
    key = teamkey.new_key()
    sealed = bytearray(seal(PHRASE, key, b"name"))
    sealed[position] ^= 0x01
    with pytest.raises(BundleRejected):
        unseal(bytes(sealed), key, b"name")


def test_another_key_another_name_or_a_cut_bundle_is_rejected():
    key = teamkey.new_key()
    sealed = seal(PHRASE, key, b"site-a/0001.bundle")
    with pytest.raises(BundleRejected, match="failed authentication"):
        unseal(sealed, teamkey.new_key(), b"site-a/0001.bundle")
    with pytest.raises(BundleRejected, match="failed authentication"):
        unseal(sealed, key, b"site-a/0002.bundle")  # replayed under another name
    with pytest.raises(BundleRejected, match="cut short"):
        unseal(sealed[:20], key, b"site-a/0001.bundle")
    with pytest.raises(BundleRejected):
        unseal(sealed + b"x", key, b"site-a/0001.bundle")
    with pytest.raises(TeamKeyError, match="32 bytes"):
        seal(PHRASE, b"short")


def test_an_invite_code_carries_the_key_and_catches_typos():
    key = teamkey.new_key()
    code = teamkey.invite_code(key)
    groups = code.split("-")
    assert len(groups) == 14 and all(len(g) == 4 for g in groups)
    assert not set(code) & set("ILOU")
    assert teamkey.key_from_code(code) == key
    assert teamkey.key_from_code(" " + code.lower().replace("-", " ")) == key  # as typed
    assert teamkey.key_from_code(code.replace("0", "O").replace("1", "l")) == key
    typo = code[:7] + ("A" if code[7] != "A" else "B") + code[8:]
    with pytest.raises(TeamKeyError, match="typo"):
        teamkey.key_from_code(typo)
    with pytest.raises(TeamKeyError, match="56 letters"):
        teamkey.key_from_code(code[:-5])


def test_the_lead_makes_the_key_once_and_a_peer_joins_by_code_or_file(tmp_path):
    lead = Store.create(tmp_path / "lead.onsite", name="Week", start=date(2026, 3, 2))
    assert teamkey.team_key(lead) is None
    key = teamkey.team_key(lead, create=True)
    assert teamkey.team_key(lead, create=True) == key
    invite = tmp_path / f"week{teamkey.INVITE_SUFFIX}"
    invite.write_text(teamkey.invite_text(key, "Week", lead.engagement().id), encoding="utf-8")
    assert teamkey.read_invite(invite) == (key, lead.engagement().id)

    peer = Store.create(tmp_path / "peer.onsite", name="Week", start=date(2026, 3, 2))
    assert teamkey.join(peer, str(invite)) == key
    assert teamkey.join(peer, teamkey.invite_code(key)) == key
    with pytest.raises(TeamKeyError, match="different team key"):
        teamkey.join(peer, teamkey.invite_code(teamkey.new_key()))
    sealed = seal(PHRASE, teamkey.team_key(lead), b"b1")
    assert unseal(sealed, teamkey.team_key(peer), b"b1") == PHRASE
    lead.close(), peer.close()
