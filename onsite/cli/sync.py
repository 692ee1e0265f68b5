"""Team sync through a shared folder: sync, join, the invite."""

from __future__ import annotations

import sys
from pathlib import Path

from onsite.cli.common import UserError, merge_progress, new_file, opened, shown


def register(commands) -> None:
    sync = commands.add_parser(
        "sync",
        help="exchange changes with the team through a shared folder",
        description="Write this laptop's new changes as a bundle into FOLDER (in a subfolder of "
        "its own), then merge every bundle there not merged yet. FOLDER is the "
        "team's shared folder (OneDrive, SharePoint, Syncthing, a USB stick); keep "
        "the engagement file itself outside it.",
    )
    sync.add_argument("file", type=Path, metavar="FILE", help="the engagement file")
    sync.add_argument("folder", type=Path, metavar="FOLDER", help="the team's shared folder")
    sync.set_defaults(func=cmd_sync)

    join = commands.add_parser(
        "join",
        help="start this laptop's copy of an engagement from the shared folder",
        description="Build a new engagement file from every bundle in the team's shared folder.",
    )
    join.add_argument("folder", type=Path, metavar="FOLDER", help="the team's shared folder")
    join.add_argument("file", type=Path, metavar="FILE", help="the engagement file to create")
    join.add_argument(
        "--invite",
        metavar="CODE",
        default=None,
        help="the invite code (or invite file) from the lead peer: the team key "
        "that opens the team's sealed bundles",
    )
    join.add_argument(
        "--plain",
        action="store_true",
        help="do not encrypt the new file (by default a passphrase is asked for, "
        "or taken from ONSITE_PASSPHRASE)",
    )
    join.add_argument(
        "--as",
        dest="who",
        metavar="INITIALS",
        help="who is using this laptop (else nobody until `onsite me`)",
    )
    join.set_defaults(func=cmd_join)

    invite = commands.add_parser(
        "invite",
        help="show the team key's invite code; or accept one: invite accept FILE CODE",
        usage="onsite invite FILE [--write PATH]\n       onsite invite accept FILE CODE",
        description="Print the invite code that gives a peer the team key (sync bundles are "
        "encrypted under it); only the lead peer makes the key. Pass it privately: "
        "whoever has it can read the team's bundles. `onsite invite accept FILE CODE` "
        "takes the team key into an existing copy (CODE: the code or an invite file); "
        "a copy that held another key sends its changes again under the team's.",
    )
    invite.add_argument(
        "words", nargs="+", metavar="FILE", help="the engagement file (or: accept FILE CODE)"
    )
    invite.add_argument(
        "--write",
        type=Path,
        metavar="PATH",
        help="also write an invite file (NAME.onsite-invite) to PATH",
    )
    invite.set_defaults(func=cmd_invite)


def _print_sync(report) -> None:
    from onsite.sync.status import TABLE_NAMES

    for m in report.merged:
        counts = ", ".join(
            f"{n} {what} {TABLE_NAMES.get(table, (table, table))[n != 1]}"
            for table, c in sorted(m.summary.items())
            for n, what in zip(c, ("new", "edited", "deleted"))
            if n
        )
        print(shown(f"Merged {m.file}: {m.changes} changes" + (f" ({counts})" if counts else "")))
    for s in report.held:
        print(shown(f"onsite: {s.file}: {s.reason}"), file=sys.stderr)
    for s in report.skipped:
        print(shown(f"onsite: {s.file}: {s.reason}"), file=sys.stderr)
    for note in report.notes:
        print(shown(note))
    if not report.sealed:
        print(
            "Note: this engagement has no team key, so its bundles are not encrypted: anyone "
            "who can open the shared folder can read them. The lead peer's `onsite invite` "
            "makes the key (or use an encrypted engagement)."
        )
    advice = report.key_advice()
    if advice:
        print(f"onsite: {advice}", file=sys.stderr)


def cmd_sync(args) -> int:
    from onsite.sync import exchange as sync
    from onsite.sync.status import open_conflicts

    with opened(args.file) as store:
        report = sync.sync(store, args.folder, progress=merge_progress)
        _print_sync(report)
        conflicts = open_conflicts(store)
    sent = (
        f"sent {report.sent} changes in {report.written}"
        if report.written
        else "nothing new to send"
    )
    print(
        f"Synced {args.file.name}: {sent}; merged {len(report.merged)} bundles "
        f"({report.received} changes); {len(conflicts)} open conflicts."
    )
    return 1 if report.refused else 0


def cmd_join(args) -> int:
    from onsite.confidential.passphrase import ask_new
    from onsite.sync import exchange as sync

    file = new_file(args.file)
    sync.check_join(args.folder, file)
    passphrase = None if args.plain else ask_new(file.name)
    store, report = sync.join(
        args.folder, file, progress=merge_progress, invite=args.invite, passphrase=passphrase
    )
    try:
        _print_sync(report)
        name = store.engagement().name
        if args.who:
            from onsite.engagement.team import set_me_to

            try:
                peer = set_me_to(store, args.who)
            except ValueError as e:
                print(f"onsite: {e}; say who you are later with `onsite me`", file=sys.stderr)
            else:
                print(f"This laptop is {peer.name}'s ({peer.initials}).")
        from onsite import paths

        paths.remember(file)
    finally:
        store.close()
    print(
        f"Joined {name}: created {file} from {len(report.merged)} bundles "
        f"({report.received} changes)."
    )
    return 0


def cmd_invite(args) -> int:
    from onsite.sync import teamkey

    words = args.words
    if words[0] == "accept" and len(words) == 3:
        return _accept(Path(words[1]), words[2])
    if len(words) != 1:
        raise UserError("invite: give FILE (to show the code), or: accept FILE CODE")
    file = Path(words[0])
    target = args.write
    if target is not None and not (target.is_dir() or target.parent.is_dir()):
        raise UserError(
            f"{target}: no such folder; nothing was made (create it, or choose "
            "another place for the invite file)"
        )
    with opened(file) as store:
        try:
            key = teamkey.team_key_for_invite(store)
        except teamkey.TeamKeyError as e:
            raise UserError(str(e)) from None
        engagement = store.engagement()
        code = teamkey.invite_code(key)
        print(f"Invite code for {engagement.name}:\n\n    {code}\n")
        print(
            "Give it to each peer privately (not through the shared sync folder): anyone "
            "with it can read the team's sync bundles."
        )
        if not store.encrypted:
            print(
                f"Warning: {file.name} is not encrypted, so its team key is stored in "
                "plain; `onsite encrypt` protects it."
            )
        if target is not None:
            from onsite.paths import safe_file_name

            if target.is_dir():
                target = target / f"{safe_file_name(engagement.name)}{teamkey.INVITE_SUFFIX}"
            try:
                target.write_text(
                    teamkey.invite_text(key, engagement.name, engagement.id), encoding="utf-8"
                )
            except OSError as e:
                raise UserError(f"{target}: cannot be written ({e.strerror or e})") from None
            print(f"Wrote {target}")
    return 0


def _accept(file: Path, code: str) -> int:
    from onsite.sync import teamkey

    if not file.exists():
        raise UserError(f"{file}: no such file")
    with opened(file) as store:
        try:
            key, replaced = teamkey.accept(store, code)
        except teamkey.TeamKeyError as e:
            raise UserError(f"invite: {e}") from None
        if replaced is None and store.meta(teamkey.RESEAL_META) != "1":
            print(f"{file.name} already has this team key (key {teamkey.key_id(key)}).")
            return 0
    if replaced is not None:
        print(
            f"Replaced this laptop's team key (key {teamkey.key_id(replaced)}) with the team's "
            f"(key {teamkey.key_id(key)})."
        )
    else:
        print(f"Took the team key (key {teamkey.key_id(key)}) into {file.name}.")
    print(
        "At its next sync this laptop reads the team's sealed bundles and replaces its own "
        "earlier bundles with one sealed with the team's key."
    )
    return 0
