"""Issue 14 (the live file never in a sync client's folder), with real folders and the real
command line: `onsite new` and every command that opens the file warn when it sits in a
folder OneDrive, Dropbox, iCloud Drive, Google Drive or Syncthing keeps in step, and
`onsite move` puts it in Onsite's own folder, whole."""

from __future__ import annotations

import pytest

from onsite.cli import main
from onsite.paths import sync_client
from onsite.store.db import Store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "folder, client",
    [
        ("OneDrive - Calder Council/Documents", "OneDrive"),
        ("OneDrive/Desktop", "OneDrive"),
        ("Library/CloudStorage/OneDrive-Personal/Work", "OneDrive"),
        ("Dropbox (Calder)/peer challenge", "Dropbox"),
        ("Library/Mobile Documents/com~apple~CloudDocs/Work", "iCloud Drive"),
        ("iCloud Drive/Work", "iCloud Drive"),
        ("Google Drive/My Drive/Work", "Google Drive"),
        ("GoogleDrive-ann@calder.gov.uk/My Drive", "Google Drive"),
    ],
)
def test_sync_client_folders_are_known_by_name(tmp_path, folder, client):
    assert sync_client(tmp_path / folder / "x.onsite")[0] == client


@pytest.mark.parametrize("marker, client", [(".stfolder", "Syncthing"), (".dropbox", "Dropbox")])
def test_sync_client_folders_are_known_by_their_marker_files(tmp_path, marker, client):
    (tmp_path / "shared" / "deep").mkdir(parents=True)
    (tmp_path / "shared" / marker).write_text("", encoding="utf-8")
    assert sync_client(tmp_path / "shared" / "deep" / "x.onsite") == (client, tmp_path / "shared")


def test_plain_folders_are_not_sync_clients(tmp_path):
    assert sync_client(tmp_path / "Documents" / "Work" / "x.onsite") is None
    assert sync_client(tmp_path / "drive notes" / "x.onsite") is None


def test_new_and_every_open_warn_and_move_puts_it_in_onsites_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ONSITE_HOME", str(tmp_path / "home"))
    synced = tmp_path / "OneDrive - Calder Council" / "Documents"
    synced.mkdir(parents=True)
    file = synced / "calder.onsite"
    code, out, err = run(
        capsys, "new", str(file), "--name", "Calder Vale", "--start", "2026-03-02", "--plain"
    )
    assert code == 0 and "Created" in out
    assert "OneDrive keeps in step" in err and f'onsite move "{file}"' in err
    code, _, err = run(capsys, "audit", str(file))
    assert code == 0 and "OneDrive keeps in step" in err
    code, out, err = run(capsys, "move", str(file))
    assert code == 0
    moved = tmp_path / "home" / "calder.onsite"
    assert moved.is_file() and not file.exists()
    assert not file.with_name("calder.onsite-wal").exists()
    store = Store.open(moved)
    assert store.engagement().name == "Calder Vale"
    store.close()
    code, _, err = run(capsys, "audit", str(moved))
    assert code == 0 and "keeps in step" not in err
