"""Peer-to-peer support: a series of sessions on dates spread over weeks or months, first
to reach a shared understanding of the issues, then a couple exploring solutions.

Each session has the peers' notes (for the team) and a summary (for system leaders). The
running list of issues moves each one from raised to a shared understanding to solutions
explored. A summary goes to system leaders after each session, and one at the end.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from onsite.after.output import Output
from onsite.after.review import live
from onsite.confidential.clearance import Source
from onsite.engagement.follow_up import SERIES
from onsite.leaders.export import OutDocument
from onsite.model import ISSUE_STAGES, SeriesIssue, SeriesSession
from onsite.store.errors import StoreError

if TYPE_CHECKING:
    from onsite.store.db import Store


class SeriesError(StoreError):
    """Refused; nothing was changed."""


def create(
    path: Path | str,
    *,
    name: str,
    system: str,
    start: date,
    passphrase: str | None = None,
    scope: str = "",
) -> Store:
    from onsite.store.db import Store

    return Store.create(
        path,
        name=name,
        start=start,
        days=1,
        system=system,
        kind=SERIES,
        scope=scope,
        passphrase=passphrase,
    )


def check(store: Store) -> None:
    if store.engagement().kind != SERIES:
        raise SeriesError(
            f"{store.path.name}: is a {store.engagement().kind}, not a peer-to-peer series"
        )


def sessions(store: Store) -> list[SeriesSession]:
    return sorted(live(store, SeriesSession), key=lambda s: (s.number, s.created))


def session(store: Store, number: int) -> SeriesSession:
    for s in sessions(store):
        if s.number == number:
            return s
    known = ", ".join(str(s.number) for s in sessions(store)) or "none yet"
    raise SeriesError(f"session {number}: no such session (sessions: {known})")


def add_session(store: Store, held: date, title: str = "") -> SeriesSession:
    check(store)
    current = sessions(store)
    if current and held < current[-1].held:
        raise SeriesError(
            f"{held.isoformat()}: is before session {current[-1].number} "
            f"({current[-1].held.isoformat()}); sessions are added in date order"
        )
    s = SeriesSession(
        number=(current[-1].number + 1) if current else 1, held=held, title=title.strip()
    )
    store.add(s)
    return s


def write(
    store: Store,
    number: int,
    *,
    notes: str | None = None,
    summary: str | None = None,
    title: str | None = None,
) -> SeriesSession:
    s = session(store, number)
    fields = {
        k: v.strip()
        for k, v in (("notes", notes), ("summary", summary), ("title", title))
        if v is not None
    }
    return store.update(s, **fields) if fields else s


def issues(store: Store) -> list[SeriesIssue]:
    return sorted(live(store, SeriesIssue), key=lambda i: (i.position, i.created))


def issue(store: Store, number: int) -> SeriesIssue:
    found = issues(store)
    if not 1 <= number <= len(found):
        raise SeriesError(f"issue {number}: the list has {len(found)} issues")
    return found[number - 1]


def add_issue(store: Store, text: str, raised_in: int | None = None) -> SeriesIssue:
    check(store)
    if not text.strip():
        raise SeriesError("issue: say what the issue is")
    current = sessions(store)
    if raised_in is None:
        if not current:
            raise SeriesError("issue: add the first session before its issues")
        raised_in = current[-1].number
    session(store, raised_in)
    i = SeriesIssue(text=text.strip(), raised_in=raised_in, position=len(issues(store)))
    store.add(i)
    return i


def move(
    store: Store, number: int, stage: str | None = None, solutions: str | None = None
) -> SeriesIssue:
    """Move an issue on (raised -> shared understanding -> solution explored), and/or note the
    solutions explored."""
    i = issue(store, number)
    fields: dict = {}
    if stage is not None:
        key = " ".join(stage.casefold().replace("-", " ").split())
        found = [s for s in ISSUE_STAGES if s.startswith(key) or s.split()[0] == key] if key else []
        if len(found) != 1:
            raise SeriesError(f"stage {stage!r}: choose {', '.join(ISSUE_STAGES)}")
        fields["stage"] = found[0]
    if solutions is not None:
        fields["solutions"] = solutions.strip()
    return store.update(i, **fields) if fields else i


# -- the summaries -----------------------------------------------------------------------------


def _issue_lines(
    items: list[tuple[int, SeriesIssue]], sources: list[Source], with_stage: bool = False
) -> list[str]:
    out = []
    for n, i in items:
        stage = f"{i.stage}; " if with_stage else ""
        line = f"{n}. {i.text} *({stage}raised in session {i.raised_in})*"
        if i.solutions:
            line += f"\n\n   Solutions explored: {i.solutions}"
        out.append(line)
        sources.append(Source.of(i, "text", f"Issue {n}"))
        sources.append(Source.of(i, "solutions", f"Issue {n}: solutions explored"))
    return out


def _running_list(store: Store, sources: list[Source], upto: int | None = None) -> list[str]:
    numbered = [
        (n, i) for n, i in enumerate(issues(store), 1) if upto is None or i.raised_in <= upto
    ]
    if not numbered:
        return ["No issues have been listed yet.", ""]
    out = []
    for stage in reversed(ISSUE_STAGES):
        group = [(n, i) for n, i in numbered if i.stage == stage]
        if group:
            out += [f"### {stage.capitalize()}", "", *_issue_lines(group, sources), ""]
    return out


def session_markdown(store: Store, number: int) -> tuple[str, list[Source]]:
    e = store.engagement()
    s = session(store, number)
    total = len(sessions(store))
    sources = [
        Source.of(e, "name", "The series' name"),
        Source.of(e, "system", "The system"),
        Source.of(s, "title", f"Session {number}: title"),
        Source.of(s, "summary", f"Session {number}: summary"),
    ]
    title = f": {s.title}" if s.title else ""
    out = [
        f"# {e.system or e.name}: peer-to-peer support, session {number}{title}",
        "",
        f"Session {number} of {total} so far, held on {s.held.day} {s.held:%B %Y}.",
        "",
        "## Summary",
        "",
        s.summary or "*The summary of this session is still to be written.*",
        "",
        "## Issues raised in this session",
        "",
    ]
    raised = [(n, i) for n, i in enumerate(issues(store), 1) if i.raised_in == number]
    out += _issue_lines(raised, sources, with_stage=True) or ["No new issues were raised."]
    out += ["", "## The running list of issues", "", *_running_list(store, sources, number)]
    return "\n".join(out).rstrip() + "\n", sources


def series_markdown(store: Store) -> tuple[str, list[Source]]:
    e = store.engagement()
    held = sessions(store)
    sources = [Source.of(e, "name", "The series' name"), Source.of(e, "system", "The system")]
    span = (
        (
            f"from {held[0].held.day} {held[0].held:%B %Y} to {held[-1].held.day} "
            f"{held[-1].held:%B %Y}"
        )
        if len(held) > 1
        else (f"on {held[0].held.day} {held[0].held:%B %Y}" if held else "")
    )
    out = [
        f"# {e.system or e.name}: peer-to-peer support, summary of the series",
        "",
        f"The peers met system leaders in {len(held)} session{'s' * (len(held) != 1)} {span}, "
        "first to reach a shared understanding of the issues, then to explore solutions.",
        "",
        "## The sessions",
        "",
    ]
    for s in held:
        out += [
            f"### Session {s.number}, {s.held.day} {s.held:%B %Y}"
            + (f": {s.title}" if s.title else ""),
            "",
            s.summary or "*No summary was written for this session.*",
            "",
        ]
        sources += [
            Source.of(s, "title", f"Session {s.number}: title"),
            Source.of(s, "summary", f"Session {s.number}: summary"),
        ]
    out += ["## Where the issues stand", "", *_running_list(store, sources)]
    return "\n".join(out).rstrip() + "\n", sources


def outputs(store: Store, number: int | None = None) -> list[Output]:
    check(store)
    if number is None:
        text, sources = series_markdown(store)
        return [Output(OutDocument("series", "summary of the series", text, sources))]
    text, sources = session_markdown(store, number)
    return [Output(OutDocument("series session", f"session {number} summary", text, sources))]
