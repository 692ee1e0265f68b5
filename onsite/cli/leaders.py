"""Exports for the shared drive, behind the attribution guard."""

from __future__ import annotations

import sys
from pathlib import Path

from onsite.cli.common import UserError, ensure_folder, opened


def register(commands) -> None:
    export = commands.add_parser(
        "export",
        help="export the feedback, report, daily updates and archive to a folder",
        description="Write the feedback, the report (draft) and the delivered daily updates as "
        "Markdown, HTML and Word, the final-day slide deck (pptx), the action plan "
        "(docx, xlsx), the team's evidence pack and the whole engagement as JSON, to "
        "a folder such as the team's shared drive. Nothing for system leaders is "
        "written while a recommendation rests on a finding that is not agreed, or "
        "the attribution guard finds a participant's name or a role only one person "
        "holds, unless the lead peer accepts it (--accept). Earlier exports are "
        "never overwritten.",
    )
    export.add_argument("file", type=Path, metavar="FILE", help="the engagement file")
    export.add_argument(
        "--to", type=Path, required=True, metavar="DIR", help="the folder to write to"
    )
    export.add_argument(
        "--format",
        default="md,html,docx,pptx,xlsx,json",
        metavar="LIST",
        help="any of md,html,docx,pptx,xlsx,json, comma separated (default: all)",
    )
    export.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar="WORDS",
        help="accept the guard's hits on these words (as the lead peer), e.g. "
        "--accept 'Ward' for a hospital ward; repeat for more",
    )
    export.add_argument(
        "--by",
        metavar="PEER",
        default=None,
        help="the lead peer accepting, by initials or name (default: the lead peer)",
    )
    export.set_defaults(func=cmd_export)


def cmd_export(args) -> int:
    from onsite.confidential import clearance
    from onsite.leaders.export import ExportError, export, parse_formats

    try:
        formats = parse_formats(args.format)
    except ExportError as e:
        raise UserError(str(e)) from None

    def progress(message: str, done: int, total: int) -> None:
        print(f"[{done}/{total}] {message}", file=sys.stderr)

    ensure_folder(args.to)  # a missing folder is offered to be created
    with opened(args.file) as store:
        try:
            result = export(store, args.to, formats, progress)
        except clearance.GuardStopped as stopped:
            accepted = _accept(store, stopped.flags, args.accept, args.by) if args.accept else []
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
                    "Fix each text in Onsite (Ctrl+E, Export), or, as the lead peer, accept "
                    "words that identify nobody: --accept WORDS",
                    file=sys.stderr,
                )
                return 1
            result = export(store, args.to, formats, progress)
        except ExportError as e:
            raise UserError(str(e)) from None
        names = {p.id: p.name for p in store.peers()}
    for flag in result.accepted:
        a = flag.accepted
        if a is None:  # result.accepted holds only flags with their acceptance
            continue
        print(
            f"Accepted by {names.get(a.accepted_by, 'the lead peer')} on {a.accepted_at[:10]}: "
            f"\u201c{flag.hit.shown}\u201d in {flag.where}"
        )
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
