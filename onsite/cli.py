"""The command line: argument parsing only; each command calls the core or starts the app.

argparse (standard library) rather than a CLI library: it costs nothing at start-up, and the
first screen must paint before anything heavy is imported.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from onsite.store.files import SUFFIX, StoreError


class UserError(Exception):
    """A mistake the user can fix; printed as one line, no traceback."""


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return int(text)


def _console_safe(stream) -> None:
    """Never fail to print a name with accents on a console that is not UTF-8 (old Windows)."""
    if hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="replace")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="onsite",
        description="Onsite: notes, findings and feedback for a peer challenge team's week. "
                    "With no command, opens the list of engagements.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="open the demo engagement (created on first use)",
                               description="Open the demo engagement, creating it in the data "
                                           "folder if absent.")
    demo.add_argument("--create", metavar="PATH", type=Path,
                      help="write a fresh demo engagement to PATH and exit")

    open_ = commands.add_parser("open", help="open an engagement file",
                                description="Open an engagement file (*.onsite) in the app.")
    open_.add_argument("file", type=Path, metavar="FILE")

    new = commands.add_parser("new", help="create a new engagement file",
                              description="Create a new, empty engagement file.")
    new.add_argument("file", type=Path, metavar="FILE")
    new.add_argument("--name", required=True, help="the engagement's name")
    new.add_argument("--start", required=True, type=_date, help="first on-site day, YYYY-MM-DD")
    new.add_argument("--days", type=_positive, default=5, help="on-site days (default 5)")
    new.add_argument("--system", default="", help="the health and care system or council")

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

    sync = commands.add_parser(
        "sync", help="exchange changes with the team through a shared folder",
        description="Write this laptop's new changes as a bundle into FOLDER (in a subfolder of "
                    "its own), then merge every bundle there not merged yet. FOLDER is the "
                    "team's shared folder (OneDrive, SharePoint, Syncthing, a USB stick); keep "
                    "the engagement file itself outside it.")
    sync.add_argument("file", type=Path, metavar="FILE", help="the engagement file")
    sync.add_argument("folder", type=Path, metavar="FOLDER", help="the team's shared folder")

    join = commands.add_parser(
        "join", help="start this laptop's copy of an engagement from the shared folder",
        description="Build a new engagement file from every bundle in the team's shared folder.")
    join.add_argument("folder", type=Path, metavar="FOLDER", help="the team's shared folder")
    join.add_argument("file", type=Path, metavar="FILE", help="the engagement file to create")

    search = commands.add_parser(
        "search", help="search notes, reading, findings and recommendations",
        description='Full-text search. Words must all appear; "a phrase" matches exactly; '
                    "a prefix* matches word starts; OR and NOT work between words.")
    search.add_argument("file", type=Path, metavar="FILE")
    search.add_argument("query", nargs="+", metavar="QUERY")
    search.add_argument("--limit", type=_positive, default=20, help="most results (default 20)")
    export = commands.add_parser(
        "export", help="export the feedback, report, daily updates and archive to a folder",
        description="Write the feedback, the report (draft) and the delivered daily updates as "
                    "Markdown, HTML and Word, and the whole engagement as JSON, to a folder such "
                    "as the team's shared drive. Nothing for system leaders is written while "
                    "the attribution guard finds a participant's name or a role only one person "
                    "holds, unless the lead peer accepts it (--accept). Earlier exports are "
                    "never overwritten.")
    export.add_argument("file", type=Path, metavar="FILE", help="the engagement file")
    export.add_argument("--to", type=Path, required=True, metavar="DIR", help="the folder to write to")
    export.add_argument("--format", default="md,html,docx,json", metavar="LIST",
                        help="any of md,html,docx,json, comma separated (default: all)")
    export.add_argument("--accept", action="append", default=[], metavar="WORDS",
                        help="accept the guard's hits on these words (as the lead peer), e.g. "
                             "--accept 'Ward' for a hospital ward; repeat for more")
    export.add_argument("--by", metavar="PEER", default=None,
                        help="the lead peer accepting, by initials or name (default: the lead peer)")
    return parser


def main(argv: list[str] | None = None) -> int:
    _console_safe(sys.stdout)
    _console_safe(sys.stderr)
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command or "home"](args) or 0
    except (UserError, StoreError) as e:
        print(f"onsite: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _run_app(path: Path | None) -> int:
    from screens.app import make_app

    make_app(path).run()
    return 0


def cmd_home(args) -> int:
    return _run_app(None)


def cmd_open(args) -> int:
    from onsite.store.files import header

    header(args.file)  # a clear message now, rather than an error dialog later
    return _run_app(args.file)


def cmd_demo(args) -> int:
    from onsite import demo, paths

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
    return _run_app(target)


def cmd_new(args) -> int:
    from onsite.store.db import Store

    file = args.file if args.file.suffix == SUFFIX else args.file.with_name(args.file.name + SUFFIX)
    Store.create(file, name=args.name, start=args.start, days=args.days, system=args.system).close()
    print(f"Created {file}")
    return 0


def cmd_timetable(args) -> int:
    from onsite import timetable
    from onsite.store.db import Store

    if not args.csv.is_file():
        raise UserError(f"{args.csv}: no such file")
    store = Store.open(args.file)
    try:
        result = timetable.import_file(store, args.csv)
    except timetable.TimetableError as e:
        print(f"onsite: {args.csv.name}: nothing imported; {len(e.errors)} bad row(s):",
              file=sys.stderr)
        for error in e.errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"Imported {args.csv.name}: {result.added} sessions added, {result.updated} updated, "
          f"{result.unchanged} unchanged, {result.participants} participants.")
    return 0


def _progress(done: int, total: int, what: str) -> None:
    if total and what:
        print(f"  merging {done + 1}/{total}: {what}", file=sys.stderr)


def _print_sync(report) -> None:
    from onsite.sync_status import TABLE_NAMES

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
    from onsite import sync
    from onsite.store.db import Store
    from onsite.sync_status import open_conflicts

    store = Store.open(args.file)
    try:
        report = sync.sync(store, args.folder, progress=_progress)
        _print_sync(report)
        conflicts = open_conflicts(store)
    finally:
        store.close()
    sent = f"sent {report.sent} changes in {report.written}" if report.written else "nothing new to send"
    print(f"Synced {args.file.name}: {sent}; merged {len(report.merged)} bundles "
          f"({report.received} changes); {len(conflicts)} open conflicts.")
    return 0


def cmd_join(args) -> int:
    from onsite import sync

    file = args.file if args.file.suffix == SUFFIX else args.file.with_name(args.file.name + SUFFIX)
    store, report = sync.join(args.folder, file, progress=_progress)
    try:
        _print_sync(report)
        name = store.engagement().name
    finally:
        store.close()
    print(f"Joined {name}: created {file} from {len(report.merged)} bundles "
          f"({report.received} changes).")
    return 0


def cmd_search(args) -> int:
    from onsite.search import MARK_END, MARK_START, SearchError, search
    from onsite.store.db import Store

    store = Store.open(args.file)
    try:
        hits = search(store, " ".join(args.query), limit=args.limit)
    except SearchError as e:
        raise UserError(str(e)) from None
    finally:
        store.close()
    if not hits:
        print("Nothing found.")
    for hit in hits:
        print(hit.place)
        print("    " + hit.snippet.replace(MARK_START, "[").replace(MARK_END, "]"))
    return 0


def cmd_export(args) -> int:
    from onsite import clearance
    from onsite.export import ExportError, export, parse_formats
    from onsite.store.db import Store

    try:
        formats = parse_formats(args.format)
    except ExportError as e:
        raise UserError(str(e)) from None

    def progress(message: str, done: int, total: int) -> None:
        print(f"[{done}/{total}] {message}", file=sys.stderr)

    store = Store.open(args.file)
    try:
        try:
            result = export(store, args.to, formats, progress)
        except clearance.GuardStopped as stopped:
            accepted = _accept(store, stopped.flags, args.accept, args.by) if args.accept else []
            remaining = [f for f in stopped.flags if f not in accepted]
            if remaining:
                print(f"onsite: nothing written: the attribution guard found {len(remaining)} "
                      "place(s) that could identify a participant:", file=sys.stderr)
                for flag in remaining:
                    print(f"  {flag.where}: \u201c{flag.hit.shown}\u201d ({flag.hit.kind}: "
                          f"{flag.hit.about})", file=sys.stderr)
                print("Fix each text in Onsite (Ctrl+E, Export), or, as the lead peer, accept "
                      "words that identify nobody: --accept WORDS", file=sys.stderr)
                return 1
            result = export(store, args.to, formats, progress)
        except ExportError as e:
            raise UserError(str(e)) from None
        names = {p.id: p.name for p in store.peers()}
    finally:
        store.close()
    for flag in result.accepted:
        a = flag.accepted
        print(f"Accepted by {names.get(a.accepted_by, 'the lead peer')} on {a.accepted_at[:10]}: "
              f"\u201c{flag.hit.shown}\u201d in {flag.where}")
    if result.warnings:
        print("Warnings (the export went ahead):")
        for warning in result.warnings:
            print(f"  - {warning}")
    print(f"Wrote {len(result.written)} file(s) to {result.folder}:")
    for written in result.written:
        print(f"  {written}")
    for note in result.notes:
        print(note)
    return 0


def _accept(store, flags, words: list[str], by: str | None):
    from onsite import clearance

    try:
        lead = clearance.lead_peer(store, by)
    except ValueError as e:
        raise UserError(str(e)) from None
    chosen = clearance.matching(flags, words)
    clearance.accept(store, chosen, lead.id, reason="accepted on the command line")
    for flag in chosen:
        print(f"Accepted by {lead.name}: \u201c{flag.hit.shown}\u201d in {flag.where}")
    unmatched = [w for w in words if not clearance.matching(flags, [w])]
    for w in unmatched:
        print(f"onsite: --accept {w!r} matched no hit", file=sys.stderr)
    return chosen


COMMANDS = {"home": cmd_home, "open": cmd_open, "demo": cmd_demo, "new": cmd_new,
            "timetable": cmd_timetable, "search": cmd_search, "export": cmd_export, "sync": cmd_sync,
            "join": cmd_join}
