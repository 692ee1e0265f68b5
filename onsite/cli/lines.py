"""Lines of enquiry and the scope: lines (list, add, rename, retire, restore, move, questions),
scope."""

from __future__ import annotations

import sys
from pathlib import Path

from onsite.cli.common import UserError, opened

ACTIONS = ("list", "add", "rename", "retire", "restore", "move", "questions")


def register(commands) -> None:
    lines = commands.add_parser(
        "lines",
        help="lines of enquiry: list, add, rename, retire, move, guiding questions",
        usage="onsite lines FILE | lines add FILE NAME [--question Q ...] | "
        "lines rename FILE LINE NEW_NAME | lines retire FILE LINE | "
        "lines restore FILE LINE | lines move FILE LINE PLACE | "
        "lines questions FILE LINE --question Q [--question Q ...]",
        description="The lines of enquiry. LINE is its name, its #tag or its number in the "
        "list. A renamed line keeps its old name as a #tag alias, so notes tagged "
        "with it still count. A retired line keeps its evidence and findings.",
    )
    lines.add_argument("words", nargs="+", metavar="ARG")
    lines.add_argument(
        "--question", action="append", default=None, help="a guiding question (repeat for several)"
    )
    lines.set_defaults(func=cmd_lines)

    scope = commands.add_parser(
        "scope",
        help="show or set the scope (Markdown)",
        description="The engagement's scope, as agreed with the system (Markdown). Without "
        "--from, prints it.",
    )
    scope.add_argument("file", type=Path, metavar="FILE")
    scope.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="SCOPE.md",
        help="set the scope from this file ('-' reads standard input)",
    )
    scope.set_defaults(func=cmd_scope)


def cmd_lines(args) -> int:
    from onsite.engagement import themes

    words = args.words
    action = words[0] if words[0] in ACTIONS else "list"
    if action != "list" or words[0] == "list":
        words = words[1:]
    if not words:
        raise UserError(f"lines {action}: give the engagement FILE")
    file, rest = Path(words[0]), words[1:]
    need = {"list": 0, "add": 1, "rename": 2, "retire": 1, "restore": 1, "move": 2, "questions": 1}
    if len(rest) != need[action]:
        raise UserError(
            f"lines {action}: expected {need[action]} argument(s) after FILE, got "
            f"{len(rest)} (quote a name with spaces)"
        )
    with opened(file) as store:
        try:
            if action == "add":
                theme = themes.add(store, rest[0], args.question)
                print(f"Added {theme.name} (#{theme.key}).")
            elif action != "list":
                theme = themes.find(store, rest[0])
                if action == "rename":
                    old = theme.name
                    theme = themes.rename(store, theme, rest[1])
                    print(
                        f"Renamed {old} to {theme.name}; #{theme.key} and "
                        f"{', '.join('#' + a for a in theme.aliases)} still tag it."
                    )
                elif action in ("retire", "restore"):
                    themes.retire(store, theme, action == "retire")
                    print(
                        f"{theme.name}: {'retired (its evidence is kept)' if action == 'retire' else 'restored'}."
                    )
                elif action == "move":
                    if not rest[1].isdigit():
                        raise UserError(f"lines move: '{rest[1]}' is not a place (1 is the first)")
                    themes.move_to(store, theme, int(rest[1]))
                elif action == "questions":
                    if not args.question:
                        raise UserError("lines questions: give --question (repeat for several)")
                    themes.set_questions(store, theme, args.question)
            _list(store)
        except ValueError as e:
            raise UserError(str(e)) from None
    return 0


def _list(store) -> None:
    from onsite.engagement import themes

    lines = store.themes(include_retired=True)
    if not lines:
        print("No lines of enquiry yet: add them with `onsite lines add FILE NAME`.")
        return
    live = [t for t in lines if not t.retired]
    for n, theme in enumerate(live + [t for t in lines if t.retired], start=1):
        place = f"{n}." if not theme.retired else "-"
        tags = " ".join("#" + k for k in (theme.key, *theme.aliases))
        print(f"{place:<4}{theme.name}  {tags}" + ("  [retired]" if theme.retired else ""))
        for q in themes.questions(theme):
            print(f"      ? {q}")


def cmd_scope(args) -> int:
    with opened(args.file) as store:
        engagement = store.engagement()
        if args.source is None:
            print(
                engagement.scope or "No scope yet: set it with `onsite scope FILE --from scope.md`."
            )
            return 0
        if str(args.source) == "-":
            text = sys.stdin.read()
        else:
            try:
                text = args.source.read_bytes().decode("utf-8-sig")
            except OSError as e:
                raise UserError(f"{args.source}: cannot be read ({e.strerror})") from None
            except UnicodeDecodeError:
                raise UserError(f"{args.source}: not UTF-8 text; save it as UTF-8") from None
        store.update(engagement, scope=text.strip() + "\n")
    print(f"Scope set ({len(text.split())} words).")
    return 0
