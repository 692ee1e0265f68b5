"""Issue 14, problem 8 (hostile inputs), with real files and the real command line: a
decompression bomb costs a few MB, a FIFO named like a bundle does not hang `join`, symbolic
links are not followed, control characters in file names are escaped, bad arguments give one
line and never a traceback, weak passphrases are refused, new files are owner-only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tracemalloc
import zlib

import pytest

from onsite.cli import main
from onsite.store.db import Store
from onsite.sync import bundle_reading, bundles, teamkey
from onsite.sync import exchange as sync

POSIX = os.name == "posix"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def team(tmp_path, capsys):
    folder = tmp_path / "shared"
    folder.mkdir()
    lead = tmp_path / "lead.onsite"
    assert (
        run(capsys, "new", str(lead), "--name", "Calder Vale", "--start", "2026-03-02", "--plain")[
            0
        ]
        == 0
    )
    assert run(capsys, "sync", str(lead), str(folder))[0] == 0
    return folder, lead


def _bomb(path, engagement: str, inflated: int = 256 * 1024 * 1024) -> None:
    """A bundle whose body is ~250 KB that inflates to `inflated` bytes of one repeated change:
    a thousand times over, where real changes inflate about ten (256 MB rather than 1 GB, as
    compressing a gigabyte costs the test 4 s of CPU and proves no more)."""
    compressor = zlib.compressobj(9)
    piece = b"\x00" * (16 * 1024 * 1024)
    body = b"".join(compressor.compress(piece) for _ in range(inflated // len(piece)))
    body += compressor.flush()
    stamp = "1772438400000.000001.bomber"
    fields = {
        "format": 1,
        "engagement": engagement,
        "site": "bomber",
        "peer": "",
        "first": stamp,
        "last": stamp,
        "count": 1,
        "written": 0,
        "sealed": False,
    }
    header = {**fields, "sha256": bundles.checksum(fields, body)}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        b"ONSITE-BUNDLE 1\n" + json.dumps(header, sort_keys=True).encode() + b"\n" + body
    )


def test_a_decompression_bomb_costs_a_few_megabytes_and_a_moment(team):
    folder, lead = team
    store = Store.open(lead)
    engagement = store.engagement().id
    store.close()
    path = folder / "bomber" / "1772438400000-000001-abcdef.onsync"
    _bomb(path, engagement)
    assert path.stat().st_size < 2 * 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(bundles.BundleError, match="decompression bomb"):
        bundle_reading.read(path, "bomber/" + path.name, engagement)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"\nbomb: {path.stat().st_size:,} bytes -> refused after {seconds:.3f} s, "
        f"peak {peak / 2**20:.1f} MB"
    )
    assert peak < 16 * 1024 * 1024
    assert seconds < 5  # measured: well under a second; generous for a loaded machine


@pytest.mark.skipif(not POSIX, reason="FIFOs and symbolic links as POSIX makes them")
def test_a_fifo_and_symbolic_links_in_the_folder_are_passed_over(team, tmp_path, capsys):
    folder, lead = team
    site = next(p for p in folder.iterdir() if p.is_dir())
    real = next(site.glob("*.onsync")).read_bytes()  # before the FIFO is there to block a read
    os.mkfifo(site / "1772438400000-000001-ffffff.onsync")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "1772438400000-000002-eeeeee.onsync").write_bytes(real)
    (site / "1772438400000-000003-dddddd.onsync").symlink_to(
        outside / "1772438400000-000002-eeeeee.onsync"
    )
    (folder / "linkedsite").symlink_to(outside, target_is_directory=True)
    # A real `onsite join` in a process of its own: a FIFO opened for reading would block it.
    done = subprocess.run(
        [sys.executable, "-m", "onsite", "join", str(folder), str(tmp_path / "peer"), "--plain"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "-ffffff.onsync: not a regular file" in done.stderr
    assert "-dddddd.onsync: a symbolic link; not followed" in done.stderr
    assert "linkedsite: a symbolic link; not followed" in done.stderr
    assert "Traceback" not in done.stderr


def test_control_characters_in_file_names_are_escaped(team, capsys):
    folder, lead = team
    site = folder / "othersite"
    site.mkdir()
    (site / "\x1b]0;owned\x07\x1b[2J.onsync").write_bytes(b"x")
    code, out, err = run(capsys, "sync", str(lead), str(folder))
    assert code == 0
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "\\x1b]0;owned\\x07\\x1b[2J.onsync" in err


def test_bad_arguments_give_one_line_and_no_traceback(team, tmp_path, capsys, monkeypatch):
    folder, lead = team
    big = tmp_path / "big.csv"
    big.write_text("a" * 10_000_000, encoding="utf-8")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(os.urandom(4096))
    text_file = tmp_path / "notes.txt"
    text_file.write_text("hello", encoding="utf-8")
    missing = tmp_path / "missing"
    cases = [
        ("timetable", "import", str(lead), str(big)),
        ("timetable", "import", str(lead), str(binary)),
        ("timetable", "import", str(lead), str(missing / "t.csv")),
        ("invite", str(lead), "--write", str(missing / "sub" / "x.onsite-invite")),
        ("invite", "accept", str(lead), "NOT-A-CODE"),
        ("invite", "accept", str(missing / "x.onsite"), "NOT-A-CODE"),
        ("sync", str(lead), str(missing)),
        ("sync", str(lead), str(text_file)),
        ("sync", str(text_file), str(folder)),
        ("join", str(missing), str(tmp_path / "j")),
        ("join", str(tmp_path), str(tmp_path / "j2")),
        ("open", str(text_file)),
        ("search", str(lead), "--limit", "0", "word"),
        ("search", str(missing / "x.onsite"), "word"),
        ("export", str(lead), "--to", str(missing)),
        ("export", str(lead), "--to", str(tmp_path), "--format", "pdf"),
        ("guard", str(lead), str(missing / "x.md")),
        ("guard", str(text_file), str(text_file)),
        ("purge", str(lead), "--as", "ZZ", "--yes"),
        ("audit", str(missing / "x.onsite")),
        ("encrypt", str(text_file)),
        ("new", str(missing / "sub" / "x"), "--name", "X", "--start", "2026-03-02", "--plain"),
        ("move", str(missing / "x.onsite")),
    ]
    for argv in cases:
        try:
            code, out, err = run(capsys, *argv)
        except SystemExit as e:  # argparse's own usage errors: a message, exit 2
            code, (out, err) = e.code, capsys.readouterr()
        assert code != 0, argv
        assert "Traceback" not in out + err, argv
        assert err.strip(), argv
        assert len(err.strip().splitlines()) <= 4, (argv, err)
    # The invite into a missing folder made no key.
    store = Store.open(lead)
    assert teamkey.team_key(store) is None
    store.close()
    # Nothing was created by the commands that failed.
    assert not missing.exists()


def test_passphrases_need_eight_characters_not_all_spaces(tmp_path, capsys, monkeypatch):
    for weak in (" " * 8, " " * 12, "\t" * 9, "short"):
        monkeypatch.setenv("ONSITE_PASSPHRASE", weak)
        code, _, err = run(
            capsys, "new", str(tmp_path / "weak"), "--name", "X", "--start", "2026-03-02"
        )
        assert code == 1 and "passphrase" in err
        assert not (tmp_path / "weak.onsite").exists()


@pytest.mark.skipif(not POSIX, reason="file modes are POSIX; Windows uses the folder's ACL")
def test_engagement_files_bundles_and_joined_files_are_owner_only(team, tmp_path, capsys):
    folder, lead = team
    old = os.umask(0o022)
    try:
        store, _ = sync.join(folder, tmp_path / "peer.onsite")
        store.close()
        modes = {
            p.name: p.stat().st_mode & 0o777
            for p in [lead, tmp_path / "peer.onsite", *folder.glob("*/*.onsync")]
        }
    finally:
        os.umask(old)
    assert set(modes.values()) == {0o600}, modes
