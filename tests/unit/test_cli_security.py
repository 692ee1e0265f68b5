"""The security commands, run in-process as a peer would from a terminal."""

from __future__ import annotations

import getpass

import pytest

from onsite.cli import main
from onsite.model import Peer
from onsite.store.db import Store
from onsite.store.files import file_kind
from onsite.sync import teamkey

PASSPHRASE = "plums in the icebox"


@pytest.fixture
def typed(monkeypatch):
    """What the peer types at getpass prompts, in order (the terminal itself is not here)."""
    answers: list[str] = []
    prompts: list[str] = []

    def fake_getpass(prompt=""):
        prompts.append(prompt)
        if not answers:
            raise EOFError
        return answers.pop(0)

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    monkeypatch.delenv("ONSITE_PASSPHRASE", raising=False)
    return answers, prompts


def _new(tmp_path, *extra):
    return main(["new", str(tmp_path / "week"), "--name", "Week", "--start", "2026-03-02", *extra])


def test_new_engagements_are_encrypted_unless_plain(tmp_path, typed, capsys):
    answers, prompts = typed
    answers += [PASSPHRASE, PASSPHRASE]
    assert _new(tmp_path) == 0
    assert file_kind(tmp_path / "week.onsite") == "encrypted"
    assert "(encrypted, with a team key that seals its sync bundles)" in capsys.readouterr().out
    assert prompts == ["New passphrase for week.onsite: ", "The same again: "]
    assert (
        main(["new", str(tmp_path / "open"), "--name", "Open", "--start", "2026-03-02", "--plain"])
        == 0
    )
    assert file_kind(tmp_path / "open.onsite") == "plain"


def test_a_mistyped_confirmation_is_asked_again(tmp_path, typed):
    answers, _ = typed
    answers += [PASSPHRASE, "plums in the icebax", "short", PASSPHRASE, PASSPHRASE]
    assert _new(tmp_path) == 0
    Store.open(tmp_path / "week.onsite", PASSPHRASE).close()


def test_commands_take_the_passphrase_from_the_environment_or_three_tries(
    tmp_path, typed, monkeypatch, capsys
):
    answers, _ = typed
    monkeypatch.setenv("ONSITE_PASSPHRASE", PASSPHRASE)
    assert _new(tmp_path) == 0
    assert main(["search", str(tmp_path / "week.onsite"), "anything"]) == 0
    monkeypatch.setenv("ONSITE_PASSPHRASE", "not it at all")
    assert main(["search", str(tmp_path / "week.onsite"), "anything"]) == 1
    assert "wrong passphrase for" in capsys.readouterr().err
    monkeypatch.delenv("ONSITE_PASSPHRASE")
    answers += ["wrong one", "wrong two", PASSPHRASE]
    assert main(["search", str(tmp_path / "week.onsite"), "anything"]) == 0
    assert capsys.readouterr().err.count("try again") == 2
    assert main(["search", str(tmp_path / "week.onsite"), "anything"]) == 1  # nothing typed
    assert "ONSITE_PASSPHRASE" in capsys.readouterr().err


def test_encrypt_then_change_the_passphrase(tmp_path, typed, monkeypatch, capsys):
    assert _new(tmp_path, "--plain") == 0
    path = tmp_path / "week.onsite"
    monkeypatch.setenv("ONSITE_PASSPHRASE", PASSPHRASE)
    assert main(["encrypt", str(path)]) == 0
    assert file_kind(path) == "encrypted"
    assert main(["encrypt", str(path)]) == 1
    assert "already encrypted" in capsys.readouterr().err
    monkeypatch.setenv("ONSITE_NEW_PASSPHRASE", "a brand new passphrase")
    assert main(["passphrase", str(path)]) == 0
    Store.open(path, "a brand new passphrase").close()


def test_invite_prints_the_code_and_writes_the_file(tmp_path, typed, capsys):
    assert _new(tmp_path, "--plain") == 0
    path = tmp_path / "week.onsite"
    assert main(["invite", str(path), "--write", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    store = Store.open(path)
    key = teamkey.team_key(store)
    store.close()
    assert teamkey.invite_code(key) in out and "not encrypted" in out
    assert teamkey.read_invite(tmp_path / f"Week{teamkey.INVITE_SUFFIX}")[0] == key
    assert main(["invite", str(path)]) == 0
    assert teamkey.invite_code(key) in capsys.readouterr().out  # the same key, not a new one


def test_purge_asks_for_the_lead_and_a_confirmation_then_the_audit_shows_it(
    tmp_path, typed, monkeypatch, capsys
):
    assert _new(tmp_path, "--plain") == 0
    path = tmp_path / "week.onsite"
    store = Store.open(path)
    store.add(
        Peer(name="Ann Bee", initials="AB", role="lead peer"), Peer(name="Cy Dee", initials="CD")
    )
    store.close()
    assert main(["purge", str(path), "--as", "CD", "--yes"]) == 1
    assert "only the lead peer" in capsys.readouterr().err
    monkeypatch.setattr("builtins.input", lambda prompt="": "Wrong name")
    assert main(["purge", str(path), "--as", "AB"]) == 1
    monkeypatch.setattr("builtins.input", lambda prompt="": "Week")
    assert main(["purge", str(path), "--as", "ab"]) == 0
    assert main(["audit", str(path)]) == 0
    out = capsys.readouterr().out
    assert "purge" in out and "Ann Bee" in out
