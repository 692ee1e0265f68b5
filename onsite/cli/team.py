"""The team and who is using this laptop: team (list, add, edit, retire, restore, import), me."""

from __future__ import annotations

from pathlib import Path

from onsite.cli.common import UserError, opened, shown

ACTIONS = ("list", "add", "edit", "retire", "restore", "import")


def register(commands) -> None:
    team = commands.add_parser(
        "team",
        help="the peer team: list, add, edit, retire, import",
        usage="onsite team FILE | team add FILE --initials AB --name NAME [--role R] [--lead] "
        "[--manager] [--email E] [--group G] | team edit FILE PEER [...] | "
        "team retire FILE PEER | team restore FILE PEER | team import FILE TEAM.csv|.xlsx "
        "[--sheet S] [--dry-run]",
        description="The team: exactly one lead peer, the LGA's challenge manager marked as "
        "such. PEER is initials or full name. `team import` reads a CSV or .xlsx "
        "with columns initials, name, role, team role (lead peer, peer or "
        "challenge manager), email, political group; peers are matched by initials.",
    )
    team.add_argument("words", nargs="+", metavar="ARG")
    team.add_argument("--initials")
    team.add_argument("--name")
    team.add_argument("--role", help="their job, e.g. 'council chief executive'")
    team.add_argument("--lead", action="store_true", help="the lead peer (hands the role over)")
    team.add_argument("--manager", action="store_true", help="the LGA's challenge manager")
    team.add_argument("--peer", action="store_true", help="(edit) a peer again, not the manager")
    team.add_argument("--email")
    team.add_argument("--group", help="a member peer's political group")
    team.add_argument("--sheet", help="(import) the workbook's sheet to read")
    team.add_argument(
        "--dry-run",
        action="store_true",
        help="(import) say what the list would add and update; change nothing",
    )
    team.set_defaults(func=cmd_team)

    me = commands.add_parser(
        "me",
        help="say who is using this laptop",
        description="Say who is using this laptop for this engagement: notes are written as "
        "them, and only the lead peer's laptop delivers and accepts. Without "
        "INITIALS, says who it is now; --nobody sets nobody (the laptop acts for "
        "no one).",
    )
    me.add_argument("file", type=Path, metavar="FILE")
    me.add_argument("who", nargs="?", metavar="INITIALS")
    me.add_argument("--nobody", action="store_true")
    me.set_defaults(func=cmd_me)


def _split(words: list[str]) -> tuple[str, Path, list[str]]:
    if words[0] in ACTIONS:
        if len(words) < 2:
            raise UserError(f"team {words[0]}: give the engagement FILE")
        return words[0], Path(words[1]), words[2:]
    return "list", Path(words[0]), words[1:]


def cmd_team(args) -> int:
    from onsite.engagement import team

    action, file, rest = _split(args.words)
    with opened(file) as store:
        try:
            if action == "list":
                _list(store)
            elif action == "add":
                if rest:
                    raise UserError(
                        f"team add: unexpected {' '.join(rest)}; use --initials, --name"
                    )
                if not args.name:
                    raise UserError("team add: give --name (and --initials, else from the name)")
                peer, note = team.add_peer(
                    store,
                    initials=args.initials or "",
                    name=args.name,
                    title=args.role or "",
                    lead=args.lead,
                    manager=args.manager,
                    email=args.email or "",
                    group=args.group or "",
                )
                print(
                    f"Added {peer.initials} {peer.name} ({peer.role})."
                    + (f" {note}." if note else "")
                )
            elif action == "import":
                if len(rest) != 1:
                    raise UserError("team import: give FILE and the team list (CSV or .xlsx)")
                plan = team.plan_team(store, Path(rest[0]), args.sheet)
                print(
                    f"{plan.file}: {plan.summary()}"
                    + (" (dry run: nothing changed)" if args.dry_run else "")
                )
                for line in plan.lines():
                    print("  " + shown(line))
                if not args.dry_run:
                    team.apply_team(store, plan)
                    _list(store)
            else:
                if len(rest) != 1:
                    raise UserError(f"team {action}: give FILE and the peer's initials or name")
                peer = team.find_peer(store, rest[0], include_retired=True)
                if action == "edit":
                    role = (
                        "lead peer"
                        if args.lead
                        else "challenge manager"
                        if args.manager
                        else ("peer" if args.peer else None)
                    )
                    peer, note = team.edit_peer(
                        store,
                        peer,
                        initials=args.initials,
                        name=args.name,
                        title=args.role,
                        role=role,
                        email=args.email,
                        group=args.group,
                    )
                    print(
                        f"Saved {peer.initials} {peer.name} ({peer.role})."
                        + (f" {note}." if note else "")
                    )
                else:
                    team.retire_peer(store, peer, retired=action == "retire")
                    print(
                        f"{peer.name}: {'retired (their notes are kept)' if action == 'retire' else 'back on the team'}."
                    )
        except ValueError as e:
            raise UserError(str(e)) from None
    return 0


def _list(store) -> None:
    from onsite.engagement import team

    peers = store.peers(include_retired=True)
    if not peers:
        print(
            "No team yet: add peers with `onsite team add FILE --initials AB --name NAME "
            "--role ROLE [--lead]`, or `onsite team import FILE team.csv`."
        )
        return
    me = store.me()
    order = {team.LEAD: 0, team.PEER: 1, team.MANAGER: 2}
    for p in sorted(peers, key=lambda p: (p.retired, order.get(p.role, 1), p.name)):
        mark = "*" if p.id == me else " "
        extra = [x for x in (p.political_group, p.email) if x]
        print(
            f"{mark} {p.initials:<5}{p.name:<24}{p.role:<19}{p.title}"
            + (f"  ({', '.join(extra)})" if extra else "")
            + ("  [retired]" if p.retired else "")
        )
    live = [p for p in peers if not p.retired]
    leads = [p for p in live if p.role == team.LEAD]
    if not leads:
        print("No lead peer yet: mark one with `onsite team edit FILE INITIALS --lead`.")
    who = team.me(store)
    print(
        f"Using this laptop: {who.initials} {who.name}"
        if who
        else "Using this laptop: nobody yet (`onsite me FILE INITIALS`)"
    )


def cmd_me(args) -> int:
    from onsite.engagement import team

    with opened(args.file) as store:
        try:
            if args.nobody:
                team.set_me(store, None)
                print("This laptop now acts for nobody.")
            elif args.who:
                peer = team.set_me_to(store, args.who)
                print(f"This laptop is now {peer.name}'s ({peer.initials}, {peer.role}).")
            else:
                peer = team.me(store)
                print(
                    f"{peer.initials} {peer.name} ({peer.role})"
                    if peer
                    else "Nobody: say who you are with `onsite me FILE INITIALS`."
                )
        except ValueError as e:
            raise UserError(str(e)) from None
    return 0
