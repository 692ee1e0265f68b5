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


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError(f"'{text}' is not a scale between 0 and 1000, e.g. 1 or 10")
    return value


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
    new.add_argument("--plain", action="store_true",
                     help="do not encrypt (by default a passphrase is asked for, or taken "
                          "from ONSITE_PASSPHRASE)")

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
    join.add_argument("--invite", metavar="CODE", default=None,
                      help="the invite code (or invite file) from the lead peer: the team key "
                           "that opens the team's sealed bundles")
    join.add_argument("--plain", action="store_true",
                      help="do not encrypt the new file (by default a passphrase is asked for, "
                           "or taken from ONSITE_PASSPHRASE)")

    search = commands.add_parser(
        "search", help="search notes, reading, findings and recommendations",
        description='Full-text search. Words must all appear; "a phrase" matches exactly; '
                    "a prefix* matches word starts; OR and NOT work between words.")
    search.add_argument("file", type=Path, metavar="FILE")
    search.add_argument("query", nargs="+", metavar="QUERY")
    search.add_argument("--limit", type=_positive, default=20, help="most results (default 20)")

    synth = commands.add_parser(
        "synth", help="write a synthetic engagement for benchmarks",
        description="Write a realistic synthetic engagement. Scale 1 is a heavy week (10 peers, "
                    "60 sessions, 600 notes, 400,000 words); scale 10 is ten times that. The same "
                    "seed writes the same records.")
    synth.add_argument("file", type=Path, metavar="FILE")
    synth.add_argument("--scale", type=_scale, default=1.0, help="size, 1 = a heavy week (default 1)")
    synth.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    encrypt = commands.add_parser(
        "encrypt", help="encrypt a plain engagement file in place",
        description="Encrypt a plain engagement with a passphrase (typed twice, or from "
                    "ONSITE_PASSPHRASE). The file is copied encrypted, the copy checked, then "
                    "swapped in: the file is never half encrypted. Close the file in the app first.")
    encrypt.add_argument("file", type=Path, metavar="FILE")
    passphrase = commands.add_parser(
        "passphrase", help="change an encrypted engagement's passphrase",
        description="Change the passphrase: the old one from a prompt or ONSITE_PASSPHRASE, the "
                    "new one typed twice or from ONSITE_NEW_PASSPHRASE.")
    passphrase.add_argument("file", type=Path, metavar="FILE")
    invite = commands.add_parser(
        "invite", help="show the team key's invite code for peers to join sync",
        description="Print the invite code that gives a peer the team key (sync bundles are "
                    "encrypted under it); the lead peer's first invite makes the key. Pass it "
                    "privately: whoever has it can read the team's bundles.")
    invite.add_argument("file", type=Path, metavar="FILE")
    invite.add_argument("--write", type=Path, metavar="PATH",
                        help="also write an invite file (NAME.onsite-invite) to PATH")
    purge = commands.add_parser(
        "purge", help="after the report: destroy raw notes, keep findings",
        description="Once the report is agreed, the lead peer destroys the raw notes: note "
                    "text, excerpts' text and participants' names, with every earlier version. "
                    "Findings, recommendations, daily updates and feedback stay. The purge is "
                    "logged and travels to every laptop with sync. It cannot be undone.")
    purge.add_argument("file", type=Path, metavar="FILE")
    purge.add_argument("--as", dest="initials", metavar="INITIALS",
                       help="the lead peer's initials (default: whoever uses this laptop)")
    purge.add_argument("--yes", action="store_true", help="do not ask to confirm")
    audit = commands.add_parser("audit", help="show the audit log",
                                description="Exports, deliveries, guard acceptances and purges.")
    audit.add_argument("file", type=Path, metavar="FILE")
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
    export.add_argument("--format", default="md,html,docx,pptx,xlsx,json", metavar="LIST",
                        help="any of md,html,docx,pptx,xlsx,json, comma separated (default: all)")
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
    from onsite.store.files import PLAIN, file_kind, header

    # A clear message now, rather than an error dialog later; the app asks for a passphrase.
    if file_kind(args.file) == PLAIN:
        header(args.file)
    return _run_app(args.file)


def cmd_demo(args) -> int:
    from onsite import paths
    from onsite.engagement import demo

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

    from onsite.confidential.passphrase import ask_new

    file = args.file if args.file.suffix == SUFFIX else args.file.with_name(args.file.name + SUFFIX)
    if file.exists():
        raise UserError(f"{file}: already exists; choose another file name")
    passphrase = None if args.plain else ask_new(file.name)
    Store.create(file, name=args.name, start=args.start, days=args.days, system=args.system,
                 passphrase=passphrase).close()
    print(f"Created {file}" + (" (not encrypted)" if args.plain else " (encrypted)"))
    return 0


def cmd_timetable(args) -> int:
    from onsite.week import timetable
    from onsite.confidential.passphrase import open_store

    if not args.csv.is_file():
        raise UserError(f"{args.csv}: no such file")
    store = open_store(args.file)
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
    from onsite.confidential.passphrase import open_store
    from onsite.sync.status import open_conflicts

    store = open_store(args.file)
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
    from onsite.sync import exchange as sync
    from onsite.confidential.passphrase import ask_new

    file = args.file if args.file.suffix == SUFFIX else args.file.with_name(args.file.name + SUFFIX)
    if file.exists():
        raise UserError(f"{file}: already exists; choose another file name")
    passphrase = None if args.plain else ask_new(file.name)
    store, report = sync.join(args.folder, file, progress=_progress, invite=args.invite,
                              passphrase=passphrase)
    try:
        _print_sync(report)
        name = store.engagement().name
    finally:
        store.close()
    print(f"Joined {name}: created {file} from {len(report.merged)} bundles "
          f"({report.received} changes).")
    return 0


def cmd_search(args) -> int:
    from onsite.confidential.passphrase import open_store
    from onsite.evidence.search import MARK_END, MARK_START, SearchError, search

    store = open_store(args.file)
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


def cmd_synth(args) -> int:
    import time

    from onsite.synth.generate import generate

    file = args.file if args.file.suffix == SUFFIX else args.file.with_name(args.file.name + SUFFIX)
    if file.exists():
        raise UserError(f"{file}: already exists; choose another file name")
    started = time.perf_counter()
    shown = [""]

    def progress(stage: str, done: int, total: int) -> None:
        line = f"{stage}: {done:,} of {total:,} records ({done * 100 // total}%)"
        if line != shown[0]:
            print(line, file=sys.stderr, flush=True)
            shown[0] = line

    held = generate(file, scale=args.scale, seed=args.seed, progress=progress)
    words = held.pop("words")
    summary = ", ".join(f"{n:,} {table}" for table, n in held.items())
    print(f"Wrote {file} in {time.perf_counter() - started:.1f} s: {summary}; {words:,} words of notes")
    return 0


def _left_behind(result) -> None:
    for path in result.left_behind:
        print(f"  Note: {path.name} is an older copy kept by an upgrade, not protected by "
              "this passphrase; delete it when you no longer need it.")


def cmd_encrypt(args) -> int:
    from onsite.confidential.passphrase import ask_new
    from onsite.store.protect import encrypt_file

    if not args.file.exists():
        raise UserError(f"{args.file}: no such file")
    result = encrypt_file(args.file, ask_new(args.file.name))
    print(f"Encrypted {args.file} ({result.tables} tables, {result.rows} rows checked).")
    _left_behind(result)
    return 0


def cmd_passphrase(args) -> int:
    from onsite.confidential.passphrase import ENV_NEW, ask, ask_new
    from onsite.store.protect import change_passphrase

    if not args.file.exists():
        raise UserError(f"{args.file}: no such file")
    old = ask(f"Current passphrase for {args.file.name}: ")
    result = change_passphrase(args.file, old, ask_new(args.file.name, env=ENV_NEW))
    print(f"Changed the passphrase of {args.file}.")
    _left_behind(result)
    return 0


def cmd_invite(args) -> int:
    from onsite.sync import teamkey
    from onsite.model import Peer
    from onsite.confidential.passphrase import open_store

    store = open_store(args.file)
    try:
        key = teamkey.team_key(store)
        if key is None:
            me = store.get(Peer, store.me()) if store.me() else None
            if me is not None and me.role != "lead peer":
                raise UserError("the team key is made by the lead peer; ask them for an invite")
            key = teamkey.team_key(store, create=True)
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
    finally:
        store.close()
    return 0


def cmd_purge(args) -> int:
    from onsite.confidential import purge
    from onsite.confidential.passphrase import open_store

    store = open_store(args.file)
    try:
        if args.initials:
            lead = next((p for p in store.peers() if p.initials.lower() == args.initials.lower()), None)
            if lead is None:
                raise UserError(f"no peer with the initials {args.initials} in this engagement")
            lead_id = lead.id
        elif store.me():
            lead_id = store.me()
        else:
            raise UserError("say who is purging: --as INITIALS (the lead peer's)")
        name = store.engagement().name
        if not args.yes:
            print(f"This destroys the raw notes of {name}: note text, excerpts' text and "
                  "participants' names, on every laptop once it syncs. It cannot be undone.")
            try:
                typed = input("Type the engagement's name to go ahead: ").strip()
            except EOFError:
                typed = ""
            if typed != name:
                print("Not purged.")
                return 1
        done = purge.purge(store, lead_id)
    finally:
        store.close()
    print(f"Purged {done.notes} notes, {done.excerpts} excerpts and {done.participants} "
          f"participants' names ({done.versions} earlier versions); the file is compacted.")
    return 0


def cmd_audit(args) -> int:
    from onsite.confidential.audit import audit_entries
    from onsite.confidential.passphrase import open_store

    store = open_store(args.file)
    try:
        entries = audit_entries(store)
    finally:
        store.close()
    if not entries:
        print("The audit log is empty.")
    for e in entries:
        print(f"{e['at']}  {e['action']:<8}  {e['who'] or '(unknown)':<24}  {e['subject']}"
              + (f"  {e['detail']}" if e["detail"] else ""))
    return 0


def cmd_export(args) -> int:
    from onsite.confidential import clearance
    from onsite.leaders.export import ExportError, export, parse_formats
    from onsite.confidential.passphrase import open_store

    try:
        formats = parse_formats(args.format)
    except ExportError as e:
        raise UserError(str(e)) from None

    def progress(message: str, done: int, total: int) -> None:
        print(f"[{done}/{total}] {message}", file=sys.stderr)

    store = open_store(args.file)
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
    from onsite.confidential import clearance

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
            "timetable": cmd_timetable, "search": cmd_search, "export": cmd_export,
            "encrypt": cmd_encrypt, "passphrase": cmd_passphrase, "invite": cmd_invite,
            "purge": cmd_purge, "audit": cmd_audit, "synth": cmd_synth, "sync": cmd_sync,
            "join": cmd_join}
