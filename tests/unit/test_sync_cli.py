"""End to end: three engagement files stand for three laptops, one folder for the team's
OneDrive; everything goes through the command line, as a peer would type it. The files are
encrypted (the passphrase comes from ONSITE_PASSPHRASE, as in a script) and the bundles are
sealed with the team key that the challenge manager's invite code hands to the peers."""

from __future__ import annotations

from onsite.cli import main
from onsite.confidential.passphrase import open_store
from onsite.model import Note, Peer
from onsite.sync import status as sync_status
from tests.unit.syncing import canonical

TIMETABLE = """day,start,end,kind,title,participants,location,peers
1,09:00,10:00,interview,ICB chief executive,"ICB chief executive, ICB, NHS",HQ,
1,10:30,11:30,focus group,Front-line staff,"ward sisters, General, NHS acute",Ward 7,
"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_three_laptops_share_a_week_through_one_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ONSITE_PASSPHRASE", "correct horse battery staple")
    folder = tmp_path / "OneDrive" / "Calder Vale"
    folder.mkdir(parents=True)
    laptops = tmp_path / "laptops"
    laptops.mkdir()
    lead, peer, manager = (laptops / f"{who}.onsite" for who in ("lead", "peer", "manager"))

    # The challenge manager sets up the engagement and the timetable, and syncs.
    assert (
        run(capsys, "new", str(manager), "--name", "Calder Vale", "--start", "2026-03-02")[0] == 0
    )
    csv = tmp_path / "timetable.csv"
    csv.write_text(TIMETABLE, encoding="utf-8")
    assert run(capsys, "timetable", "import", str(manager), str(csv))[0] == 0
    store = open_store(manager)
    store.add(
        Peer(name="Ann Bee", initials="AB", role="lead peer"), Peer(name="Raj Patel", initials="RP")
    )
    store.close()
    code, out, _ = run(capsys, "invite", str(manager))
    invite = out.split("\n\n")[1].strip()
    code, out, _ = run(capsys, "sync", str(manager), str(folder))
    assert code == 0 and "Synced manager.onsite: sent" in out
    assert b"ICB chief executive" not in b"".join(p.read_bytes() for p in folder.glob("*/*"))

    # Two peers join from the folder, with the invite; without it the bundles stay shut.
    code, _, err = run(capsys, "join", str(folder), str(laptops / "stranger"))
    assert code == 1 and "join with the invite code from the lead peer" in err
    assert not (laptops / "stranger.onsite").exists()
    code, out, err = run(capsys, "join", str(folder), str(laptops / "lead"), "--invite", invite)
    assert code == 0 and "Joined Calder Vale: created" in out and "merging 1/1" in err
    assert run(capsys, "join", str(folder), str(peer), "--invite", invite)[0] == 0

    # On site, offline: both write notes on the same interview; the lead edits the manager's.
    session_id = open_store(lead).sessions()[0].id
    notes = {}
    for path, who in ((lead, "AB"), (peer, "RP")):
        store = open_store(path)
        author = next(p for p in store.peers() if p.initials == who)
        note = Note(session_id=session_id, author_id=author.id, body=f"{who}: the ICB is candid\n")
        store.add(note)
        notes[who] = note.id
        store.close()
    for path in (manager, lead, peer, manager, lead):  # as each finds some network
        code, out, err = run(capsys, "sync", str(path), str(folder))
        assert code == 0, err
    store = open_store(manager)
    assert {n.body for n in store.notes()} == {"AB: the ICB is candid\n", "RP: the ICB is candid\n"}
    store.close()

    # Both the lead and the manager edit the peer's note before hearing of each other.
    for path, text in (
        (lead, "RP: the ICB is candid about the deficit\n"),
        (manager, "RP: the ICB is candid; staff less so\n"),
    ):
        store = open_store(path)
        store.update(store.get(Note, notes["RP"]), body=text)
        store.close()
    for _ in range(2):
        for path in (lead, peer, manager):
            assert run(capsys, "sync", str(path), str(folder))[0] == 0
    _, out, _ = run(capsys, "sync", str(peer), str(folder))
    assert "nothing new to send; merged 0 bundles (0 changes); 1 open conflicts." in out

    # The peer resolves it on their laptop; it reaches everyone.
    store = open_store(peer)
    [conflict] = sync_status.open_conflicts(store)
    assert {v.text for v in conflict.versions} == {
        "RP: the ICB is candid about the deficit\n",
        "RP: the ICB is candid; staff less so\n",
    }
    sync_status.resolve(
        store, conflict, text="RP: the ICB is candid about the deficit; staff less so\n"
    )
    store.close()
    for _ in range(2):
        for path in (peer, lead, manager):
            assert run(capsys, "sync", str(path), str(folder))[0] == 0

    dumps = []
    for path in (lead, peer, manager):
        store = open_store(path)
        assert sync_status.open_conflicts(store) == []
        assert (
            store.get(Note, notes["RP"]).body
            == "RP: the ICB is candid about the deficit; staff less so\n"
        )
        dumps.append(canonical(store))
        store.close()
    assert dumps[0] == dumps[1] == dumps[2]
    sites = set()
    for path in (lead, peer, manager):
        store = open_store(path)
        assert store.encrypted
        sites.add(store.site)
        store.close()
    assert {p.parent.name for p in folder.glob("*/*.onsync")} == sites  # a subfolder per laptop


def test_sync_errors_are_one_clear_line(tmp_path, capsys):
    file = tmp_path / "week.onsite"
    assert (
        run(capsys, "new", str(file), "--name", "Week", "--start", "2026-03-02", "--plain")[0] == 0
    )
    code, _, err = run(capsys, "sync", str(file), str(tmp_path / "nowhere"))
    assert (
        code == 1
        and err
        == f"onsite: {tmp_path / 'nowhere'}: no such folder; create it, or choose the team's shared folder\n"
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, "join", str(empty), str(tmp_path / "other"), "--plain")
    assert code == 1 and "holds no Onsite bundles" in err
