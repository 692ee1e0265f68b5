"""Beside the challenge, on the command line: peer mentoring notes, the facilitated
integration workshop and the peer-to-peer series."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from onsite.cli.common import UserError, iso_date, new_file, opened


def _text(value: str | None) -> str | None:
    return sys.stdin.read() if value == "-" else value


def register(commands) -> None:
    _register_mentoring(commands)


# -- mentoring ---------------------------------------------------------------------------------

def _register_mentoring(commands) -> None:
    m = commands.add_parser(
        "mentoring", help="a mentor's private, encrypted notes of one-to-one sessions",
        description="Peer mentoring notes: always encrypted, never synced, never exported "
                    "(only the mentor's own encrypted copy), purged on request.")
    sub = m.add_subparsers(dest="verb", metavar="VERB", required=True)
    new = sub.add_parser("new", help="start a mentoring log (asks for a passphrase)")
    new.add_argument("file", type=Path, metavar="FILE")
    new.add_argument("--mentor", required=True, help="your name")
    new.add_argument("--name", default="", help="the log's name (default: Mentoring notes: MENTOR)")
    new.set_defaults(func=_mentoring_new)

    add = sub.add_parser("add", help="add a session's notes")
    add.add_argument("file", type=Path, metavar="FILE")
    add.add_argument("--date", type=iso_date, default=None, help="YYYY-MM-DD (default today)")
    add.add_argument("--mentee", default="", help="how you refer to the mentee (a role will do)")
    add.add_argument("--notes", required=True, help="the notes; - reads standard input")
    add.add_argument("--actions", default="", help="actions agreed")
    add.set_defaults(func=_mentoring_add)

    show = sub.add_parser("show", help="read the log on screen")
    show.add_argument("file", type=Path, metavar="FILE")
    show.set_defaults(func=_mentoring_show)

    purge = sub.add_parser("purge", help="destroy one session (--session N) or all of them")
    purge.add_argument("file", type=Path, metavar="FILE")
    group = purge.add_mutually_exclusive_group(required=True)
    group.add_argument("--session", type=int, metavar="N", help="the session's number in `show`")
    group.add_argument("--all", action="store_true", help="every session")
    purge.set_defaults(func=_mentoring_purge)

    copy = sub.add_parser("copy", help="your own encrypted copy (a backup), same passphrase")
    copy.add_argument("file", type=Path, metavar="FILE")
    copy.add_argument("target", type=Path, metavar="TARGET")
    copy.set_defaults(func=_mentoring_copy)


def _mentoring_new(args) -> int:
    from onsite.after import mentoring
    from onsite.confidential.passphrase import ask_new

    file = new_file(args.file)
    store = mentoring.create(file, mentor=args.mentor, passphrase=ask_new(file.name),
                             start=date.today(), name=args.name)
    store.close()
    print(f"Created {file} (encrypted; it never syncs and is never exported)")
    return 0


def _mentoring_add(args) -> int:
    from onsite.after import mentoring

    with opened(args.file) as store:
        mentoring.add(store, held=args.date or date.today(), mentee=args.mentee,
                      notes=_text(args.notes) or "", actions=args.actions)
        n = len(mentoring.sessions(store))
    print(f"Saved session {n}.")
    return 0


def _mentoring_show(args) -> int:
    from onsite.after import mentoring

    with opened(args.file) as store:
        print(mentoring.markdown(store), end="")
    return 0


def _mentoring_purge(args) -> int:
    from onsite.after import mentoring

    with opened(args.file) as store:
        chosen = None if args.all else [mentoring.session_by_number(store, args.session)]
        n = mentoring.purge(store, chosen)
    print(f"Destroyed {n} session(s); the file is compacted, so nothing of them can be read back.")
    return 0


def _mentoring_copy(args) -> int:
    from onsite.after import mentoring

    with opened(args.file) as store:
        target = mentoring.copy(store, args.target)
    print(f"Wrote your own encrypted copy to {target} (the same passphrase opens it)")
    return 0
