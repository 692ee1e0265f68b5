"""Starting the app, and making engagements: new, the demo."""

from __future__ import annotations

import sys
from pathlib import Path

from onsite.cli.common import UserError, iso_date, new_file, positive
from onsite.store.files import SUFFIX


def register(commands) -> None:
    demo = commands.add_parser(
        "demo",
        help="open the demo engagement (created on first use)",
        description="Open the demo engagement, creating it in the data folder if absent.",
    )
    demo.add_argument(
        "--create", metavar="PATH", type=Path, help="write a fresh demo engagement to PATH and exit"
    )
    demo.set_defaults(func=cmd_demo)

    open_ = commands.add_parser(
        "open",
        help="open an engagement file",
        description="Open an engagement file (*.onsite) in the app.",
    )
    open_.add_argument("file", type=Path, metavar="FILE")
    open_.set_defaults(func=cmd_open)

    new = commands.add_parser(
        "new",
        help="create a new engagement file",
        description="Create a new, empty engagement file.",
    )
    new.add_argument("file", type=Path, metavar="FILE")
    new.add_argument("--name", required=True, help="the engagement's name")
    new.add_argument("--start", required=True, type=iso_date, help="first on-site day, YYYY-MM-DD")
    new.add_argument("--days", type=positive, default=5, help="on-site days (default 5)")
    new.add_argument("--system", default="", help="the health and care system or council")
    new.add_argument(
        "--kind",
        default="health and care system peer challenge",
        help="health and care system peer challenge (default), corporate peer "
        "challenge, adult social care peer challenge, or custom; each brings "
        "its own lines of enquiry (custom: none)",
    )
    new.add_argument(
        "--scope",
        default="",
        help="the agreed scope (Markdown; or set it later "
        "with `onsite scope FILE --from scope.md`)",
    )
    new.add_argument(
        "--plain",
        action="store_true",
        help="do not encrypt (by default a passphrase is asked for, or taken "
        "from ONSITE_PASSPHRASE)",
    )
    new.set_defaults(func=cmd_new)

    move = commands.add_parser(
        "move",
        help="move an engagement file into Onsite's own folder",
        description="Move an engagement file (with its WAL) out of a folder that OneDrive, "
        "Dropbox, iCloud Drive, Google Drive or Syncthing keeps in step, into "
        "Onsite's data folder (ONSITE_HOME, or the platform's). Close it in the app "
        "first. The team keeps syncing through its shared folder as before.",
    )
    move.add_argument("file", type=Path, metavar="FILE")
    move.set_defaults(func=cmd_move)


def cmd_home(args) -> int:
    return args.launch(None)


def cmd_open(args) -> int:
    from onsite.store.files import PLAIN, file_kind, header

    # A clear message now, rather than an error dialog later; the app asks for a passphrase.
    if file_kind(args.file) == PLAIN:
        header(args.file)
    from onsite import paths

    paths.remember(args.file)
    return args.launch(args.file)


def cmd_demo(args) -> int:
    from onsite import paths
    from onsite.synth import demo

    if args.create:
        target = args.create
        if target.exists():
            raise UserError(f"{target}: already exists; choose another path")
        if not target.parent.is_dir():
            raise UserError(f"{target.parent}: no such folder")
        demo.create(target).close()
        print(f"Wrote the demo engagement to {target}")
        return 0
    target = paths.home() / f"demo{SUFFIX}"
    if not target.exists():
        print("Creating the demo engagement…", file=sys.stderr)
        demo.create(target).close()
    return args.launch(target)


def cmd_new(args) -> int:
    from onsite.confidential.passphrase import ask_new
    from onsite.engagement import kinds
    from onsite.engagement.setup import new_engagement

    file = new_file(args.file)
    try:
        kind = kinds.find(args.kind)
    except ValueError as e:
        raise UserError(str(e)) from None
    passphrase = None if args.plain else ask_new(file.name)
    store = new_engagement(
        file,
        name=args.name,
        start=args.start,
        days=args.days,
        system=args.system,
        kind=kind.name,
        scope=args.scope,
        passphrase=passphrase,
    )
    lines = len(store.themes())
    store.close()
    print(
        f"Created {file}"
        + (
            " (not encrypted; its sync bundles will not be either)"
            if args.plain
            else " (encrypted, with a team key that seals its sync bundles)"
        )
        + f"; kind: {kind.name}, {lines} lines of enquiry. Next: `onsite team import` or "
        "`onsite team add`, then `onsite timetable import`."
    )
    from onsite.paths import sync_client_warning

    warning = sync_client_warning(file)
    if warning:
        print(f"Warning: {warning}", file=sys.stderr)
    return 0


def cmd_move(args) -> int:
    from onsite.engagement.move import move_engagement

    target = move_engagement(args.file)
    print(f'Moved {args.file} to {target}; open it from there (onsite open "{target}").')
    return 0
