"""The team's briefing pack: brief."""

from __future__ import annotations

from pathlib import Path

from onsite.cli.common import UserError, ensure_folder, opened


def register(commands) -> None:
    brief = commands.add_parser(
        "brief",
        help="write the team's briefing pack (scope, lines, team, timetable, reading)",
        description="The briefing pack for the peer team: scope, lines of enquiry with their "
        "guiding questions, the team with roles, the timetable and each peer's own "
        "schedule, the reading list. For the team only: it may name participants.",
    )
    brief.add_argument("file", type=Path, metavar="FILE")
    brief.add_argument(
        "--to", type=Path, required=True, metavar="DIR", help="the folder to write to"
    )
    brief.add_argument("--format", default="md,html,docx", help="md, html, docx (default: all)")
    brief.set_defaults(func=cmd_brief)


def cmd_brief(args) -> int:
    from onsite.leaders import brief

    formats = tuple(f.strip().lower() for f in args.format.split(",") if f.strip())
    ensure_folder(args.to)
    with opened(args.file) as store:
        try:
            written = brief.write(store, args.to, formats)
        except (ValueError, FileNotFoundError) as e:
            raise UserError(str(e)) from None
    print(f"Wrote the briefing pack to {args.to} (for the team only):")
    for w in written:
        print(f"  {w.path.name}")
    return 0
