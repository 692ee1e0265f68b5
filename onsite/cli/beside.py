"""Beside the challenge, on the command line: peer mentoring notes, the facilitated
integration workshop and the peer-to-peer series."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from onsite.cli.common import iso_date, new_file, opened


def _text(value: str | None) -> str | None:
    return sys.stdin.read() if value == "-" else value


def register(commands) -> None:
    _register_workshop(commands)
    _register_series(commands)
    _register_mentoring(commands)


# -- mentoring ---------------------------------------------------------------------------------


def _register_mentoring(commands) -> None:
    m = commands.add_parser(
        "mentoring",
        help="a mentor's private, encrypted notes of one-to-one sessions",
        description="Peer mentoring notes: always encrypted, never synced, never exported "
        "(only the mentor's own encrypted copy), purged on request.",
    )
    sub = m.add_subparsers(dest="verb", metavar="VERB", required=True)
    new = sub.add_parser("new", help="start a mentoring log (asks for a passphrase)")
    new.add_argument("file", type=Path, metavar="FILE")
    new.add_argument("--mentor", required=True, help="your name")
    new.add_argument("--name", default="", help="the log's name (default: Mentoring notes: MENTOR)")
    new.set_defaults(func=_mentoring_new)

    add = sub.add_parser("add", help="add a session's notes")
    add.add_argument("file", type=Path, metavar="FILE")
    add.add_argument("--date", type=iso_date, default=None, help="YYYY-MM-DD (default today)")
    add.add_argument("--mentee", default="", help="how you refer to the mentee (a role will do)")
    add.add_argument("--notes", required=True, help="the notes; - reads standard input")
    add.add_argument("--actions", default="", help="actions agreed")
    add.set_defaults(func=_mentoring_add)

    show = sub.add_parser("show", help="read the log on screen")
    show.add_argument("file", type=Path, metavar="FILE")
    show.set_defaults(func=_mentoring_show)

    purge = sub.add_parser("purge", help="destroy one session (--session N) or all of them")
    purge.add_argument("file", type=Path, metavar="FILE")
    group = purge.add_mutually_exclusive_group(required=True)
    group.add_argument("--session", type=int, metavar="N", help="the session's number in `show`")
    group.add_argument("--all", action="store_true", help="every session")
    purge.set_defaults(func=_mentoring_purge)

    copy = sub.add_parser("copy", help="your own encrypted copy (a backup), same passphrase")
    copy.add_argument("file", type=Path, metavar="FILE")
    copy.add_argument("target", type=Path, metavar="TARGET")
    copy.set_defaults(func=_mentoring_copy)


def _mentoring_new(args) -> int:
    from onsite.after import mentoring
    from onsite.confidential.passphrase import ask_new

    file = new_file(args.file)
    store = mentoring.create(
        file, mentor=args.mentor, passphrase=ask_new(file.name), start=date.today(), name=args.name
    )
    store.close()
    print(f"Created {file} (encrypted; it never syncs and is never exported)")
    return 0


def _mentoring_add(args) -> int:
    from onsite.after import mentoring

    with opened(args.file) as store:
        mentoring.add(
            store,
            held=args.date or date.today(),
            mentee=args.mentee,
            notes=_text(args.notes) or "",
            actions=args.actions,
        )
        n = len(mentoring.sessions(store))
    print(f"Saved session {n}.")
    return 0


def _mentoring_show(args) -> int:
    from onsite.after import mentoring

    with opened(args.file) as store:
        print(mentoring.markdown(store), end="")
    return 0


def _mentoring_purge(args) -> int:
    from onsite.after import mentoring

    with opened(args.file) as store:
        chosen = None if args.all else [mentoring.session_by_number(store, args.session)]
        n = mentoring.purge(store, chosen)
    print(f"Destroyed {n} session(s); the file is compacted, so nothing of them can be read back.")
    return 0


def _mentoring_copy(args) -> int:
    from onsite.after import mentoring

    with opened(args.file) as store:
        target = mentoring.copy(store, args.target)
    print(f"Wrote your own encrypted copy to {target} (the same passphrase opens it)")
    return 0


# -- the integration workshop ------------------------------------------------------------------


def _register_workshop(commands) -> None:
    from onsite.cli.after import add_export_arguments

    w = commands.add_parser(
        "workshop",
        help="a facilitated integration workshop: ratings, analysis, next steps",
        description="A facilitated integration workshop: where system leaders place themselves "
        "on ambition, capacity, capability and commitment for each area of "
        "integration (1 not yet - 5 strong), the shared analysis and the next steps "
        "agreed; its summary exported with the ratings as a chart.",
    )
    sub = w.add_subparsers(dest="verb", metavar="VERB", required=True)
    new = sub.add_parser("new", help="a new workshop engagement")
    new.add_argument("file", type=Path, metavar="FILE")
    new.add_argument("--name", required=True)
    new.add_argument("--system", default="")
    new.add_argument("--date", type=iso_date, required=True, help="YYYY-MM-DD")
    new.add_argument("--areas", default="", help="areas of integration, separated by ;")
    new.add_argument("--plain", action="store_true", help="do not encrypt")
    new.set_defaults(func=_workshop_new)

    rate = sub.add_parser("rate", help="record a rating (1-5) and/or its discussion")
    rate.add_argument("file", type=Path, metavar="FILE")
    rate.add_argument("area", help="the area of integration (its name, or the start of it)")
    rate.add_argument("dimension", help="ambition, capacity, capability or commitment")
    rate.add_argument("score", type=int, nargs="?", default=None, help="1 (not yet) to 5 (strong)")
    rate.add_argument("--discussion", default=None, help="what was said; - reads standard input")
    rate.set_defaults(func=_workshop_rate)

    analysis = sub.add_parser("analysis", help="write the shared analysis")
    analysis.add_argument("file", type=Path, metavar="FILE")
    analysis.add_argument("text", help="the analysis; - reads standard input")
    analysis.set_defaults(func=_workshop_analysis)

    step = sub.add_parser("step", help="add an agreed next step with its owner")
    step.add_argument("file", type=Path, metavar="FILE")
    step.add_argument("text")
    step.add_argument("--owner", default="", help="who owns it (a role and organisation)")
    step.add_argument("--due", default="", help="by when")
    step.set_defaults(func=_workshop_step)

    show = sub.add_parser("show", help="the ratings as a heat map, the next steps")
    show.add_argument("file", type=Path, metavar="FILE")
    show.set_defaults(func=_workshop_show)

    export = sub.add_parser("export", help="the workshop summary with the ratings chart")
    add_export_arguments(export)
    export.set_defaults(func=_workshop_export)


def _workshop_new(args) -> int:
    from onsite.after import workshop
    from onsite.confidential.passphrase import ask_new

    file = new_file(args.file)
    areas = [a.strip() for a in args.areas.split(";") if a.strip()]
    store = workshop.create(
        file,
        name=args.name,
        system=args.system,
        held=args.date,
        areas=areas,
        passphrase=None if args.plain else ask_new(file.name),
    )
    names = [t.name for t in store.themes()]
    store.close()
    print(f"Created {file}: {len(names)} areas of integration: {'; '.join(names)}")
    return 0


def _workshop_rate(args) -> int:
    from onsite.after import workshop

    with opened(args.file) as store:
        r = workshop.rate(store, args.area, args.dimension, args.score, _text(args.discussion))
        name = workshop.area(store, args.area).name
    print(
        f"{name}, {r.dimension}: {r.score or 'not rated'}"
        + (" (with discussion)" if r.discussion else "")
    )
    return 0


def _workshop_analysis(args) -> int:
    from onsite.after import workshop

    with opened(args.file) as store:
        workshop.check(store)
        workshop.set_analysis(store, _text(args.text) or "")
    print("Saved the shared analysis.")
    return 0


def _workshop_step(args) -> int:
    from onsite.after import workshop

    with opened(args.file) as store:
        workshop.check(store)
        s = workshop.add_step(store, args.text, args.owner, args.due)
    print(f"Next step {s.position + 1} agreed" + (f", owned by {s.owner}" if s.owner else ""))
    return 0


def heat_map(rows) -> object:
    """The ratings as a Rich table with coloured cells (plain numbers when not a terminal)."""
    from rich.table import Table
    from rich.text import Text

    from onsite.after.workshop import COLOURS, SCORES
    from onsite.model import WORKSHOP_DIMENSIONS

    table = Table(
        title="Where leaders placed themselves (1 not yet - 5 strong)", title_justify="left"
    )
    table.add_column("Area of integration")
    for d in WORKSHOP_DIMENSIONS:
        table.add_column(d.capitalize(), justify="center")
    for row in rows:
        cells = []
        for d in WORKSHOP_DIMENSIONS:
            s = row.score(d)
            cells.append(Text(f" {s or '-'} ", style=f"black on {COLOURS[s]}"))
        table.add_row(row.area.name, *cells)
    table.caption = "  ".join(f"{k} {v}" for k, v in SCORES.items())
    return table


def _workshop_show(args) -> int:
    from rich.console import Console

    from onsite.after import workshop

    with opened(args.file) as store:
        workshop.check(store)
        rows = workshop.grid(store)
        steps = workshop.steps(store)
        e = store.engagement()
    console = Console()
    console.print(f"{e.name}, {e.start:%d %B %Y}", markup=False)
    console.print(heat_map(rows))
    for s in steps:
        console.print(
            f"{s.position + 1}. {s.text} (owner: {s.owner or 'to agree'}; "
            f"by {s.due or 'to agree'})",
            markup=False,
        )
    return 0


def _workshop_export(args) -> int:
    from onsite.after import workshop
    from onsite.cli.after import export_with_guard

    return export_with_guard(args, workshop.outputs)


# -- the peer-to-peer series -------------------------------------------------------------------


def _register_series(commands) -> None:
    from onsite.cli.after import add_export_arguments

    s = commands.add_parser(
        "series",
        help="peer-to-peer support: sessions over weeks or months, the issues list",
        description="A peer-to-peer series: sessions on dates weeks or months apart, notes and "
        "a summary per session, and a running list of issues moving from raised to "
        "a shared understanding to solutions explored.",
    )
    sub = s.add_subparsers(dest="verb", metavar="VERB", required=True)
    new = sub.add_parser("new", help="a new series")
    new.add_argument("file", type=Path, metavar="FILE")
    new.add_argument("--name", required=True)
    new.add_argument("--system", default="")
    new.add_argument("--start", type=iso_date, required=True, help="the first session's date")
    new.add_argument("--plain", action="store_true", help="do not encrypt")
    new.set_defaults(func=_series_new)

    add = sub.add_parser("session", help="add the next session")
    add.add_argument("file", type=Path, metavar="FILE")
    add.add_argument("--date", type=iso_date, required=True, help="YYYY-MM-DD")
    add.add_argument("--title", default="")
    add.set_defaults(func=_series_session)

    for verb, what in (
        ("notes", "the team's notes of a session"),
        ("summary", "a session's summary for system leaders"),
    ):
        p = sub.add_parser(verb, help=f"write {what}")
        p.add_argument("file", type=Path, metavar="FILE")
        p.add_argument("number", type=int, metavar="N", help="the session's number")
        p.add_argument("text", help="the text; - reads standard input")
        p.set_defaults(func=_series_write, field=verb)

    issue = sub.add_parser("issue", help="add an issue to the running list")
    issue.add_argument("file", type=Path, metavar="FILE")
    issue.add_argument("text")
    issue.add_argument(
        "--session",
        type=int,
        default=None,
        metavar="N",
        help="the session it was raised in (default: the latest)",
    )
    issue.set_defaults(func=_series_issue)

    move = sub.add_parser("move", help="move an issue on, or note the solutions explored")
    move.add_argument("file", type=Path, metavar="FILE")
    move.add_argument("number", type=int, metavar="ISSUE")
    move.add_argument(
        "stage", nargs="?", default=None, help="raised, shared understanding or solution explored"
    )
    move.add_argument("--solutions", default=None, help="the solutions explored")
    move.set_defaults(func=_series_move)

    show = sub.add_parser("show", help="the sessions and the running list")
    show.add_argument("file", type=Path, metavar="FILE")
    show.set_defaults(func=_series_show)

    export = sub.add_parser("export", help="a session's summary (--session N) or the series'")
    add_export_arguments(export)
    export.add_argument("--session", type=int, default=None, metavar="N")
    export.set_defaults(func=_series_export)


def _series_new(args) -> int:
    from onsite.after import series
    from onsite.confidential.passphrase import ask_new

    file = new_file(args.file)
    series.create(
        file,
        name=args.name,
        system=args.system,
        start=args.start,
        passphrase=None if args.plain else ask_new(file.name),
    ).close()
    print(f"Created {file}. Next: onsite series session {file} --date YYYY-MM-DD")
    return 0


def _series_session(args) -> int:
    from onsite.after import series

    with opened(args.file) as store:
        s = series.add_session(store, args.date, args.title)
    print(f"Session {s.number} on {s.held:%a %d %b %Y}")
    return 0


def _series_write(args) -> int:
    from onsite.after import series

    with opened(args.file) as store:
        series.check(store)
        series.write(store, args.number, **{args.field: _text(args.text)})
    print(f"Saved session {args.number}'s {args.field}.")
    return 0


def _series_issue(args) -> int:
    from onsite.after import series

    with opened(args.file) as store:
        i = series.add_issue(store, args.text, args.session)
        n = len(series.issues(store))
    print(f"Issue {n} (raised in session {i.raised_in})")
    return 0


def _series_move(args) -> int:
    from onsite.after import series

    with opened(args.file) as store:
        series.check(store)
        i = series.move(store, args.number, args.stage, args.solutions)
    print(f"Issue {args.number}: {i.stage}")
    return 0


def _series_show(args) -> int:
    from onsite.after import series

    with opened(args.file) as store:
        series.check(store)
        print(store.engagement().name)
        for s in series.sessions(store):
            print(
                f"Session {s.number}  {s.held:%a %d %b %Y}  {s.title}"
                f"{'  notes' if s.notes else ''}{'  summary' if s.summary else ''}"
            )
        for n, i in enumerate(series.issues(store), 1):
            print(f"  issue {n}: [{i.stage}] {i.text} (session {i.raised_in})")
    return 0


def _series_export(args) -> int:
    from onsite.after import series
    from onsite.cli.after import export_with_guard

    return export_with_guard(args, lambda s: series.outputs(s, args.session))
