"""The week's timetable: import (with a preview), show; participants; a note from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

from onsite.cli.common import UserError, opened, positive, shown


def register(commands) -> None:
    tt = commands.add_parser(
        "timetable",
        help="import or show the timetable",
        description="Work with the session timetable.",
    )
    tt_commands = tt.add_subparsers(dest="action", metavar="ACTION", required=True)
    tt_import = tt_commands.add_parser(
        "import",
        help="import a timetable (.xlsx or CSV; all rows or none)",
        description="Import sessions from the system's timetable: an .xlsx workbook or a CSV "
        "saved from Excel; the header row may sit below title rows. Columns (many "
        "spellings): day/date, start/time, end, kind/type, title/session, "
        "participants/attendees, location/venue, peers, ref/id, notes for peers. "
        "Re-importing matches sessions (by ref, else day and title, else day and "
        "start), keeps their notes, and cancels those gone from the sheet. Prints "
        "what it will add, update, move and cancel first.",
    )
    tt_import.add_argument("file", type=Path, metavar="FILE", help="the engagement file")
    tt_import.add_argument("csv", type=Path, metavar="TIMETABLE", help="the .xlsx or .csv")
    tt_import.add_argument(
        "--sheet", help="the workbook's sheet (default: the first with a header)"
    )
    tt_import.add_argument(
        "--add-peers",
        action="store_true",
        help="add peers the engagement does not know, by their initials",
    )
    tt_import.add_argument(
        "--dry-run", action="store_true", help="show what would change; change nothing"
    )
    tt_show = tt_commands.add_parser(
        "show",
        help="print the week, or one peer's schedule",
        description="The timetable as a table, one line a session; cancelled ones marked.",
    )
    tt_show.add_argument("file", type=Path, metavar="FILE")
    tt_show.add_argument("--peer", metavar="INITIALS", help="only this peer's sessions")
    tt_show.add_argument("--day", type=positive, metavar="N", help="only this day")
    tt.set_defaults(func=cmd_timetable)

    people = commands.add_parser(
        "participant",
        help="add, list or remove a session's participants",
        usage="onsite participant add FILE SESSION --role ROLE [--organisation O] [--sector S] "
        "[--name N] [--headcount N] | participant list FILE SESSION | "
        "participant remove FILE SESSION ROLE",
        description="SESSION is 'DAY HH:MM' (e.g. '2 09:30'), its reference or words of its "
        "title. Record people by role and organisation; a name is optional and "
        "never leaves the team. A group ('ward sisters') has a headcount.",
    )
    people.add_argument("action", choices=("add", "list", "remove"))
    people.add_argument("file", type=Path, metavar="FILE")
    people.add_argument("session", metavar="SESSION")
    people.add_argument("role_to_remove", nargs="?", metavar="ROLE")
    people.add_argument("--role", default="")
    people.add_argument("--organisation", default="")
    people.add_argument("--sector", default="")
    people.add_argument("--name", default="")
    people.add_argument("--headcount", default="1")
    people.set_defaults(func=cmd_participant)

    note = commands.add_parser(
        "note",
        help="write to your note on a session",
        description="Add text to this laptop's peer's note on a session (set who with "
        "`onsite me`). SESSION as for `participant`.",
    )
    note.add_argument("file", type=Path, metavar="FILE")
    note.add_argument("session", metavar="SESSION")
    note.add_argument("text", nargs="+", metavar="TEXT")
    note.set_defaults(func=cmd_note)


def cmd_timetable(args) -> int:
    return _show(args) if args.action == "show" else _import(args)


def _import(args) -> int:
    from onsite.week import reimport, timetable

    if not args.csv.is_file():
        raise UserError(f"{args.csv}: no such file")
    with opened(args.file) as store:
        try:
            sheet = timetable.read_for(store, args.csv, args.sheet, args.add_peers)
        except timetable.TimetableError as e:
            print(f"onsite: {args.csv.name}: nothing imported; {e.summary()}:", file=sys.stderr)
            for message in e.messages():
                print(shown(f"  {message}"), file=sys.stderr)
            if e.unknown_peers:
                print(
                    f"  (add a peer: onsite team add {args.file} --initials XY --name NAME)",
                    file=sys.stderr,
                )
            return 1
        plan = reimport.plan(store, sheet)
        print(f"{sheet.file}: {len(sheet.rows)} sessions; {plan.summary()}.")
        for line in plan.lines():
            print(shown(f"  {line}"))
        if args.dry_run:
            print("Dry run: nothing changed.")
            return 0
        if plan.empty:
            print("Nothing to change.")
            return 0
        result = reimport.apply(store, plan)
    print(
        f"Imported {args.csv.name}: {result.added} added, {result.updated} updated, "
        f"{result.moved} moved, {result.renamed} renamed, {result.cancelled} cancelled, "
        f"{result.unchanged} unchanged, {result.participants} participants"
        + (f", {result.peers_added} peers added" if result.peers_added else "")
        + "."
    )
    return 0


def _show(args) -> int:
    from onsite.engagement.team import find_peer
    from onsite.week import schedule

    with opened(args.file) as store:
        try:
            peer = find_peer(store, args.peer) if args.peer else None
        except ValueError as e:
            raise UserError(str(e)) from None
        if args.day and args.day > store.engagement().days:
            raise UserError(f"--day {args.day}: the engagement has {store.engagement().days} days")
        rows = schedule.lines(store, peer, args.day)
    if peer is not None:
        print(f"{peer.name} ({peer.initials}): {sum(not r.cancelled for r in rows)} sessions")
    print(
        shown(schedule.table(rows))
        if rows
        else "No sessions."
        + ("" if peer else " Import the timetable: onsite timetable import FILE TIMETABLE.xlsx")
    )
    return 0


def cmd_participant(args) -> int:
    from onsite.week import schedule

    with opened(args.file) as store:
        try:
            session = schedule.find_session(store, args.session)
            if args.action == "add":
                schedule.save_participant(store, session, vars(args))
            elif args.action == "remove":
                key = (args.role_to_remove or "").casefold()
                found = [
                    p
                    for p in store.participants(session.id)
                    if key in (p.role.casefold(), p.name.casefold())
                ]
                if len(found) != 1:
                    raise UserError(
                        f"participant remove: {len(found)} participants match "
                        f"'{args.role_to_remove}'; give their role exactly"
                    )
                schedule.remove_participant(store, found[0])
        except ValueError as e:
            raise UserError(str(e)) from None
        print(f"Day {session.day} {session.start} {session.title}:")
        for p in store.participants(session.id):
            who = ", ".join(x for x in (p.role, p.organisation, p.sector) if x)
            print(
                f"  {who}"
                + (f" ({p.headcount} people)" if p.headcount > 1 else "")
                + (f"  [{p.name}]" if p.name else "")
            )
    return 0


def cmd_note(args) -> int:
    from onsite.engagement.team import me
    from onsite.week import notes, schedule

    with opened(args.file) as store:
        peer = me(store)
        if peer is None:
            raise UserError(
                "nobody is set as using this laptop; say who you are first "
                f"(onsite me {args.file} INITIALS)"
            )
        try:
            session = schedule.find_session(store, args.session)
        except ValueError as e:
            raise UserError(str(e)) from None
        note = notes.my_note(store, peer.id, session_id=session.id)
        body = (
            (note.body.rstrip() + "\n\n" if note.body.strip() else "") + " ".join(args.text) + "\n"
        )
        notes.save(store, note, body)
    print(f"Saved to {peer.initials}'s note on day {session.day} {session.start} {session.title}.")
    return 0
