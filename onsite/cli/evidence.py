"""Full-text search from the command line."""

from __future__ import annotations

from pathlib import Path

from onsite.cli.common import UserError, opened, positive


def register(commands) -> None:
    search = commands.add_parser(
        "search",
        help="search notes, reading, findings and recommendations",
        description='Full-text search. Words must all appear; "a phrase" matches exactly; '
        "a prefix* matches word starts; OR and NOT work between words.",
    )
    search.add_argument("file", type=Path, metavar="FILE")
    search.add_argument("query", nargs="+", metavar="QUERY")
    search.add_argument("--limit", type=positive, default=20, help="most results (default 20)")
    search.set_defaults(func=cmd_search)


def cmd_search(args) -> int:
    from onsite.evidence.search import MARK_END, MARK_START, SearchError, search

    with opened(args.file) as store:
        try:
            hits = search(store, " ".join(args.query), limit=args.limit)
        except SearchError as e:
            raise UserError(str(e)) from None
    if not hits:
        print("Nothing found.")
    for hit in hits:
        print(hit.place)
        print("    " + hit.snippet.replace(MARK_START, "[").replace(MARK_END, "]"))
    return 0
