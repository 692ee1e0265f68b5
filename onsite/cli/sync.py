"""Team sync through a shared folder: sync, join, the invite."""

from __future__ import annotations

import sys
from pathlib import Path

from onsite.cli.common import UserError, merge_progress, new_file, opened


def register(commands) -> None:
    sync = commands.add_parser(
        "sync", help="exchange changes with the team through a shared folder",
        description="Write this laptop's new changes as a bundle into FOLDER (in a subfolder of "
                    "its own), then merge every bundle there not merged yet. FOLDER is the "
                    "team's shared folder (OneDrive, SharePoint, Syncthing, a USB stick); keep "
                    "the engagement file itself outside it.")
    sync.add_argument("file", type=Path, metavar="FILE", help="the engagement file")
    sync.add_argument("folder", type=Path, metavar="FOLDER", help="the team's shared folder")
    sync.set_defaults(func=cmd_sync)

    join = commands.add_parser(
        "join", help="start this laptop's copy of an engagement from the shared folder",
        description="Build a new engagement file from every bundle in the team's shared folder.")
    join.add_argument("folder", type=Path, metavar="FOLDER", help="the team's shared folder")
    join.add_argument("file", type=Path, metavar="FILE", help="the engagement file to create")
    join.add_argument("--invite", metavar="CODE", default=None,
                      help="the invite code (or invite file) from the lead peer: the team key "
                           "that opens the team's sealed bundles")
    join.add_argument("--plain", action="store_true",
                      help="do not encrypt the new file (by default a passphrase is asked for, "
                           "or taken from ONSITE_PASSPHRASE)")
    join.set_defaults(func=cmd_join)

    invite = commands.add_parser(
        "invite", help="show the team key's invite code for peers to join sync",
        description="Print the invite code that gives a peer the team key (sync bundles are "
                    "encrypted under it); the lead peer's first invite makes the key. Pass it "
                    "privately: whoever has it can read the team's bundles.")
    invite.add_argument("file", type=Path, metavar="FILE")
    invite.add_argument("--write", type=Path, metavar="PATH",
                        help="also write an invite file (NAME.onsite-invite) to PATH")
    invite.set_defaults(func=cmd_invite)


def _print_sync(report) -> None:
    from onsite.sync.status import TABLE_NAMES

    for m in report.merged:
        counts = ", ".join(
            f"{n} {what} {TABLE_NAMES.get(table, (table, table))[n != 1]}"
            for table, c in sorted(m.summary.items()) for n, what in zip(c, ("new", "edited", "deleted")) if n)
        print(f"Merged {m.file}: {m.changes} changes" + (f" ({counts})" if counts else ""))
    for s in report.held:
        print(f"onsite: {s.file}: {s.reason}", file=sys.stderr)
    for s in report.skipped:
        print(f"onsite: {s.file}: {s.reason}", file=sys.stderr)


def cmd_sync(args) -> int:
    from onsite.sync import exchange as sync
    from onsite.sync.status import open_conflicts

    with opened(args.file) as store:
        report = sync.sync(store, args.folder, progress=merge_progress)
        _print_sync(report)
        conflicts = open_conflicts(store)
    sent = f"sent {report.sent} changes in {report.written}" if report.written else "nothing new to send"
    print(f"Synced {args.file.name}: {sent}; merged {len(report.merged)} bundles "
          f"({report.received} changes); {len(conflicts)} open conflicts.")
    return 0


def cmd_join(args) -> int:
    from onsite.confidential.passphrase import ask_new
    from onsite.sync import exchange as sync

    file = new_file(args.file)
    passphrase = None if args.plain else ask_new(file.name)
    store, report = sync.join(args.folder, file, progress=merge_progress, invite=args.invite,
                              passphrase=passphrase)
    try:
        _print_sync(report)
        name = store.engagement().name
    finally:
        store.close()
    print(f"Joined {name}: created {file} from {len(report.merged)} bundles "
          f"({report.received} changes).")
    return 0


def cmd_invite(args) -> int:
    from onsite.sync import teamkey

    with opened(args.file) as store:
        try:
            key = teamkey.team_key_for_invite(store)
        except teamkey.TeamKeyError as e:
            raise UserError(str(e)) from None
        engagement = store.engagement()
        code = teamkey.invite_code(key)
        print(f"Invite code for {engagement.name}:\n\n    {code}\n")
        print("Give it to each peer privately (not through the shared sync folder): anyone "
              "with it can read the team's sync bundles.")
        if not store.encrypted:
            print(f"Warning: {args.file.name} is not encrypted, so its team key is stored in "
                  "plain; `onsite encrypt` protects it.")
        if args.write:
            from onsite.paths import safe_file_name

            target = args.write
            if target.is_dir():
                target = target / f"{safe_file_name(engagement.name)}{teamkey.INVITE_SUFFIX}"
            target.write_text(teamkey.invite_text(key, engagement.name, engagement.id),
                              encoding="utf-8")
            print(f"Wrote {target}")
    return 0
