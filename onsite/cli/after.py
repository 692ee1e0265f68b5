"""The progress review on the command line: making it from the original challenge, the
system's action plan, the team's progress per recommendation, the lead's report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from onsite.cli.common import UserError, iso_date, new_file, opened, positive

REVIEW_USAGE = """\
onsite review ORIGINAL NEW --start YYYY-MM-DD [--days 2] [--team AB,CD] [--plain]
       onsite review import-plan FILE PLAN.xlsx
       onsite review progress FILE R1 [--rag green] [--changed TEXT] [--evidence TEXT]
       onsite review write FILE {introduction,next-steps} TEXT   (TEXT - reads stdin)
       onsite review show FILE
       onsite review export FILE --to DIR [--format md,html,docx] [--accept WORDS]"""


def register(commands) -> None:
    review = commands.add_parser(
        "review",
        help="the progress review: make it, import the action plan, record progress, "
        "export its report",
        usage=REVIEW_USAGE,
        description="A progress review about ten months after a peer challenge: a new "
        "engagement of kind 'progress review' that carries the original's "
        "recommendations and the returning peers (none of the raw notes). Its "
        "lines of enquiry are the recommendations (tag #r1, #r2...).",
    )
    review.add_argument("words", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    review.set_defaults(func=cmd_review)


def _review_parsers() -> dict[str, argparse.ArgumentParser]:
    def parser(name: str, description: str) -> argparse.ArgumentParser:
        return argparse.ArgumentParser(
            prog=f"onsite review {name}".strip(), description=description
        )

    create = parser("", "Make a progress review engagement from the original peer challenge.")
    create.add_argument("original", type=Path, metavar="ORIGINAL")
    create.add_argument("new", type=Path, metavar="NEW")
    create.add_argument("--start", required=True, type=iso_date, help="first day, YYYY-MM-DD")
    create.add_argument("--days", type=positive, default=2, help="days on site (default 2)")
    create.add_argument(
        "--team",
        default="",
        metavar="AB,CD",
        help="the returning peers, by initials (default: the whole team)",
    )
    create.add_argument("--name", default=None, help="the review's name")
    create.add_argument("--plain", action="store_true", help="do not encrypt")

    plan = parser(
        "import-plan",
        "Import the system's action plan (.xlsx): actions, lead, "
        "forum, milestones, success measures and RAG per recommendation.",
    )
    plan.add_argument("file", type=Path, metavar="FILE")
    plan.add_argument("plan", type=Path, metavar="PLAN.xlsx")

    progress = parser("progress", "Record the team's view of one recommendation.")
    progress.add_argument("file", type=Path, metavar="FILE")
    progress.add_argument("number", metavar="R1")
    progress.add_argument("--rag", default=None, help="red, amber, green or blue (complete)")
    progress.add_argument("--changed", default=None, help="what has changed")
    progress.add_argument("--evidence", default=None, help="what the team saw and heard")

    write = parser("write", "Write the report's introduction or next steps (the lead peer's).")
    write.add_argument("file", type=Path, metavar="FILE")
    write.add_argument("section", choices=("introduction", "next-steps"))
    write.add_argument("text", help="the text; - reads it from standard input")

    show = parser("show", "Each recommendation with the system's and the team's rating.")
    show.add_argument("file", type=Path, metavar="FILE")

    export = parser("export", "Export the progress review report behind the attribution guard.")
    add_export_arguments(export)
    return {
        "": create,
        "import-plan": plan,
        "progress": progress,
        "write": write,
        "show": show,
        "export": export,
    }


def add_export_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--to", type=Path, required=True, metavar="DIR")
    p.add_argument(
        "--format",
        default="md,html,docx",
        metavar="LIST",
        help="any of md,html,docx, comma separated (default: all three)",
    )
    p.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar="WORDS",
        help="as the lead peer, accept the guard's hits on these words",
    )
    p.add_argument("--by", metavar="PEER", default=None, help="the lead peer accepting")


def cmd_review(args) -> int:
    from onsite.after.review import ReviewError

    words = list(args.words)
    parsers = _review_parsers()
    verb = words[0] if words and words[0] in parsers else ""
    sub = parsers[verb].parse_args(words[1:] if verb else words)
    try:
        return {
            "": _create,
            "import-plan": _import_plan,
            "progress": _progress,
            "write": _write,
            "show": _show,
            "export": _export_review,
        }[verb](sub)
    except ReviewError as e:
        raise UserError(str(e)) from None


def _create(args) -> int:
    from onsite.after import review
    from onsite.confidential.passphrase import ask_new

    file = new_file(args.new)
    team = [t for t in args.team.replace(";", ",").split(",") if t.strip()]
    with opened(args.original) as original:
        review.choose_team(original, team)  # a typo in --team: say so before any passphrase
        passphrase = None if args.plain else ask_new(file.name)
        store = review.create(
            original,
            file,
            start=args.start,
            days=args.days,
            team=team,
            passphrase=passphrase,
            name=args.name,
        )
    try:
        e = store.engagement()
        peers = ", ".join(p.initials for p in store.peers())
        n = len(store.recommendations())
    finally:
        store.close()
    print(
        f"Created {file}: {e.name}, {e.start:%a %d %b %Y}, {e.days} day(s); "
        f"{n} recommendations as lines of enquiry (#r1...); team {peers}"
    )
    print(f"Next: onsite review import-plan {file} PLAN.xlsx")
    return 0


def _import_plan(args) -> int:
    from onsite.after import plan

    plan.read(args.plan)  # a file that is no workbook: say so before asking for a passphrase
    with opened(args.file) as store:
        done = plan.import_plan(store, args.plan)
    print(
        f"Imported the action plan from {args.plan.name} (sheet '{done.sheet}', {done.rows} "
        f"rows): " + ", ".join(f"R{n}" for n in done.recommendations)
    )
    if done.missing:
        print("Not in the plan: " + ", ".join(f"R{n}" for n in done.missing))
    return 0


def _read_text(text: str) -> str:
    return sys.stdin.read() if text == "-" else text


def _progress(args) -> int:
    from onsite.after import review

    with opened(args.file) as store:
        p = review.record(
            store,
            args.number,
            rag=args.rag,
            changed=None if args.changed is None else _read_text(args.changed),
            evidence=None if args.evidence is None else _read_text(args.evidence),
        )
    print(
        f"R{p.number}: the team's rating {p.team_rag or 'not given'}; system's "
        f"{p.system_rag or 'not given'}"
    )
    return 0


def _write(args) -> int:
    from onsite.after import review

    with opened(args.file) as store:
        review.write_section(store, args.section, _read_text(args.text))
    print(f"Saved the {args.section.replace('-', ' ')}.")
    return 0


def _show(args) -> int:
    from onsite.after import review

    with opened(args.file) as store:
        e = store.engagement()
        o = review.origin(store)
        print(f"{e.name} ({e.kind})" + (f", following {o.name}" if o else ""))
        for it in review.items(store):
            p = it.progress
            print(
                f"{it.label:>4}  system {p.system_rag or '-':<6} team {p.team_rag or '-':<6} "
                f"{'changed: yes' if p.changed else 'changed: -'}  "
                f"{review.theme_name(p.number, it.recommendation.text)}"
            )
    return 0


def _export_review(args) -> int:
    from onsite.after import review_report

    return export_with_guard(args, review_report.outputs)


def export_with_guard(args, outputs) -> int:
    """Export documents for system leaders, as `onsite export` does: stop on a guard hit,
    unless the lead peer accepts the words (--accept)."""
    from onsite.after.output import export_documents, leader_formats
    from onsite.cli.leaders import _accept
    from onsite.confidential import clearance
    from onsite.leaders.export import ExportError

    try:
        formats = leader_formats(args.format)
    except ExportError as e:
        raise UserError(str(e)) from None
    with opened(args.file) as store:
        try:
            try:
                result = export_documents(store, args.to, formats, outputs(store))
            except clearance.GuardStopped as stopped:
                accepted = (
                    _accept(store, stopped.flags, args.accept, args.by) if args.accept else []
                )
                remaining = [f for f in stopped.flags if f not in accepted]
                if remaining:
                    print(
                        f"onsite: nothing written: the attribution guard found {len(remaining)} "
                        "place(s) that could identify a participant:",
                        file=sys.stderr,
                    )
                    for flag in remaining:
                        print(
                            f"  {flag.where}: \u201c{flag.hit.shown}\u201d ({flag.hit.kind}: "
                            f"{flag.hit.about})",
                            file=sys.stderr,
                        )
                    print(
                        "Fix each text, or, as the lead peer, accept words that identify "
                        "nobody: --accept WORDS",
                        file=sys.stderr,
                    )
                    return 1
                result = export_documents(store, args.to, formats, outputs(store))
        except ExportError as e:
            raise UserError(str(e)) from None
    print(f"Wrote {len(result.written)} file(s) to {result.folder}:")
    for written in result.written:
        print(f"  {written}")
    return 0
