"""The pre-reading library: library (list, add, show)."""

from __future__ import annotations

from pathlib import Path

from onsite.cli.common import UserError, opened


def register(commands) -> None:
    library = commands.add_parser(
        "library",
        help="the pre-reading library: list, add documents, show one",
        usage="onsite library FILE | library add FILE DOC [DOC ...] [--source ORG] | "
        "library show FILE TITLE",
        description="Pre-reading: Markdown, text, Word (.docx) and PDF files. Their text is "
        "kept in the engagement, so `onsite search` finds it and every peer can "
        "read it offline.",
    )
    library.add_argument("words", nargs="+", metavar="ARG")
    library.add_argument("--source", default="", help="the organisation a document came from")
    library.set_defaults(func=cmd_library)


def cmd_library(args) -> int:
    from onsite.engagement import library

    words = args.words
    action = words[0] if words[0] in ("list", "add", "show") else "list"
    if words[0] == action:
        words = words[1:]
    if not words:
        raise UserError(f"library {action}: give the engagement FILE")
    file, rest = Path(words[0]), words[1:]
    if action == "add" and not rest:
        raise UserError("library add: give one or more documents after FILE")
    if action == "show" and len(rest) != 1:
        raise UserError("library show: give FILE and one document's title")
    with opened(file) as store:
        try:
            if action == "add":
                for document, note in library.add_documents(
                    store, [Path(p) for p in rest], args.source
                ):
                    words_in = len(document.text.split())
                    print(
                        f"Added {document.title} ({document.kind}, {words_in} words)"
                        + (f": {note}" if note else ".")
                    )
                return 0
            elif action == "show":
                document = library.find_document(store, rest[0])
                print(f"# {document.title}\n")
                if document.summary:
                    print(document.summary.strip() + "\n")
                print(document.text or "(no text)")
                return 0
            documents = store.documents()
            if not documents:
                print("No documents yet: `onsite library add FILE DOC...`")
            for d in documents:
                print(f"  {d.title:<44}{d.kind:<10}{len(d.text.split()):>7} words  {d.source}")
        except ValueError as e:
            raise UserError(str(e)) from None
    return 0
