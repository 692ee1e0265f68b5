"""The week's timetable."""

from __future__ import annotations

import sys
from pathlib import Path

from onsite.cli.common import UserError, opened, shown


def register(commands) -> None:
    tt = commands.add_parser("timetable", help="import the system's timetable",
                             description="Work with the session timetable.")
    tt_commands = tt.add_subparsers(dest="action", metavar="ACTION", required=True)
    tt_import = tt_commands.add_parser(
        "import", help="import a timetable CSV (all rows or none)",
        description="Import sessions from a CSV saved from Excel. Columns: day, start, end, "
                    "kind, title, participants, location, peers. Re-importing updates sessions "
                    "in place (matched by day, start and title) and keeps their notes.")
    tt_import.add_argument("file", type=Path, metavar="FILE", help="the engagement file")
    tt_import.add_argument("csv", type=Path, metavar="CSV", help="the timetable CSV")
    tt.set_defaults(func=cmd_timetable)


def cmd_timetable(args) -> int:
    from onsite.week import timetable

    if not args.csv.is_file():
        raise UserError(f"{args.csv}: no such file")
    with opened(args.file) as store:
        try:
            result = timetable.import_file(store, args.csv)
        except timetable.TimetableError as e:
            print(f"onsite: {args.csv.name}: nothing imported; {len(e.errors)} bad row(s):",
                  file=sys.stderr)
            for error in e.errors:
                print(shown(f"  {error}"), file=sys.stderr)
            return 1
    print(f"Imported {args.csv.name}: {result.added} sessions added, {result.updated} updated, "
          f"{result.unchanged} unchanged, {result.participants} participants.")
    return 0
