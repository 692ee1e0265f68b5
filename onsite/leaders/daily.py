"""Daily updates for system leaders, and the team's evening wash-up agenda.

Each on-site day the lead peer tells system leaders what the team is hearing ("no
surprises"). Onsite drafts the update from the findings; the lead edits it. A draft never
overwrites the lead's words: `refresh` generates the draft again and returns what changed
and the lead's text with those changes merged in, and nothing is saved until the lead
applies it. Delivering freezes an update (who, when); a delivered update is superseded by
a new version, never edited, and every version stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from onsite.evidence.support import Support, finding_support, support_of
from onsite.leaders import textdiff
from onsite.vocab import FindingStatus, Polarity, Role, UpdateStatus

if TYPE_CHECKING:
    from onsite.confidential.clearance import Flag, Source
    from onsite.model import DailyUpdate, Engagement, Finding, Theme
    from onsite.store.db import Store

DRAFT, DELIVERED = UpdateStatus.DRAFT, UpdateStatus.DELIVERED
CHANGE_FIELDS = ("statement", "status", "polarity", "theme_key")
HEADINGS = {
    Polarity.STRENGTH: "Emerging strengths",
    Polarity.AREA: "Emerging areas for consideration",
    Polarity.NEUTRAL: "Also hearing",
}
FEW_EXCERPTS = 3  # a line of enquiry with fewer tagged excerpts than this is a gap
MAX_HEADLINES = 5


class UpdateError(Exception):
    """A daily update cannot be changed that way; the message says why and what to do."""


def day_date(engagement: Engagement, day: int) -> date:
    return engagement.start + timedelta(days=day - 1)


def long_date(d: date) -> str:
    return f"{d:%A} {d.day} {d:%B %Y}"


def bullet(text: str) -> str:
    """A Markdown list item; a text of several lines stays inside the item."""
    lines = text.strip().splitlines() or [""]
    return "- " + "\n  ".join(line.rstrip() for line in lines)


# -- drafting --------------------------------------------------------------------------------


def previous_delivered(
    store: Store, day: int, before: DailyUpdate | None = None
) -> DailyUpdate | None:
    """The last update delivered before this day's (or before a given version of it)."""
    delivered = [
        u
        for u in store.daily_updates()
        if u.status == DELIVERED
        and (u.day < day or (before is not None and u.day == day and u.version < before.version))
    ]
    return max(delivered, key=lambda u: (u.day, u.version), default=None)


def _questions(finding: Finding) -> list[str]:
    out = []
    for line in finding.questions.splitlines():
        line = line.strip().lstrip("-*?").strip()
        if line:
            out.append(line)
    return out


def draft(store: Store, day: int, update: DailyUpdate | None = None) -> str:
    """The day's update as the lead peer would say it to the lead chief executive (Markdown): a
    brief, not a report. Three to five headlines, strengths first, from findings that more
    than one source supports (a single voice stays with the team until it is tested); "no
    surprises" flags for the areas for consideration the feedback is likely to carry; requests
    and timetable changes for the lead to fill in. Questions to test stay with the team."""
    engagement = store.engagement()
    support = finding_support(store)
    findings = [
        f
        for f in store.findings()
        if f.status != FindingStatus.DROPPED
        and f.day <= day
        and not support_of(support, f.id).single_voice
    ]
    order = {"triangulated": 0, "supported": 1}
    ranked = sorted(
        findings,
        key=lambda f: (
            order.get(support_of(support, f.id).triangulation, 2),
            f.status != FindingStatus.AGREED,
            f.position,
        ),
    )
    strengths = [f for f in ranked if f.polarity == Polarity.STRENGTH]
    areas = [f for f in ranked if f.polarity == Polarity.AREA]
    headlines = strengths[:3]
    headlines += areas[: MAX_HEADLINES - len(headlines)]
    flags = [
        f
        for f in areas
        if f not in headlines and support_of(support, f.id).triangulation == "triangulated"
    ]
    out = [
        f"# Daily update: day {day}, {long_date(day_date(engagement, day))}",
        "",
        "What the peer team is hearing so far: emerging findings, not conclusions.",
        "",
        "## Headlines",
        "",
    ]
    out += [bullet(f.statement) for f in headlines] or [
        "- Too early to say: nothing yet rests on more than one source."
    ]
    out += ["", "## No surprises", ""]
    out += [bullet(f.statement) for f in flags] or ["- Nothing beyond the headlines."]
    out += ["", "## Requests", "", "- None today.", "", "## Timetable", ""]
    if day < engagement.days:
        changed = [s for s in store.sessions(day + 1) if s.cancelled]
        out += [bullet(f"Cancelled tomorrow: {s.start} {s.title}") for s in changed] or [
            "- No changes."
        ]
    else:
        out += ["- The team presents its feedback to system leaders today."]
    return "\n".join(out).rstrip() + "\n"


def _since(
    store: Store,
    day: int,
    findings: list[Finding],
    since: DailyUpdate | None,
    theme_names: dict[str, str],
) -> list[str]:
    if since is None:
        return ["This is the team's first update.", ""]
    changed = store.changed_since("finding", since.updated, CHANGE_FIELDS)
    new = [f for f in findings if f.day > since.day or f.created > since.updated]
    new_ids = {f.id for f in new}
    edited = [f for f in findings if f.id in changed and f.id not in new_ids]
    dropped = [
        f
        for f in store.findings()
        if f.status == FindingStatus.DROPPED and f.id in changed and f.created <= since.updated
    ]
    lines = [
        bullet(f"New ({theme_names.get(f.theme_key, f.theme_key)}): {f.statement}") for f in new
    ]
    lines += [
        bullet(f"Changed ({theme_names.get(f.theme_key, f.theme_key)}): {f.statement}")
        for f in edited
    ]
    lines += [bullet(f"No longer a finding: {f.statement}") for f in dropped]
    when = f"day {since.day}" + (f" (version {since.version})" if since.version > 1 else "")
    return [
        f"Since the update on {when}:",
        "",
        *(lines or ["- Nothing new: the picture holds."]),
        "",
    ]


# -- the lead's update: edit, refresh, deliver, supersede ------------------------------------------


def versions(store: Store, day: int) -> list[DailyUpdate]:
    return [u for u in store.daily_updates() if u.day == day]


def current(store: Store, day: int) -> DailyUpdate | None:
    """The latest version of a day's update."""
    return max(versions(store, day), key=lambda u: u.version, default=None)


def open_update(store: Store, day: int) -> DailyUpdate:
    """The day's latest version; the first time, a new draft from the findings."""
    engagement = store.engagement()
    if not 1 <= day <= engagement.days:
        raise UpdateError(f"day {day}: the engagement has days 1 to {engagement.days}")
    update = current(store, day)
    if update is None:
        from onsite.model import DailyUpdate

        text = draft(store, day)
        update = DailyUpdate(day=day, version=1, body=text, draft=text, status=DRAFT)
        store.add(update)
    return update


def save(store: Store, update: DailyUpdate, body: str) -> DailyUpdate:
    if update.status == DELIVERED:
        from onsite.confidential.frozen import refuse

        raise UpdateError(refuse(store, update, "an edit"))
    return store.update(update, body=body)


@dataclass(frozen=True)
class Refresh:
    update: DailyUpdate
    draft: str  # the new draft from the findings as they are now
    changes: list[textdiff.LineChange]  # between the draft the lead started from and the new one
    diff: str  # the same, as a unified diff
    merged: str  # the lead's text with those changes applied where the lead had not edited
    clashes: int  # changes the lead must make by hand (their own edits were kept)

    @property
    def unchanged(self) -> bool:
        return not self.changes


def refresh(store: Store, update: DailyUpdate) -> Refresh:
    """What the draft would say now, and how that would change the lead's text. Saves nothing."""
    new = draft(store, update.day, update)
    merged = textdiff.merge3(update.draft, update.body, new)
    return Refresh(
        update,
        new,
        textdiff.changes(update.draft, new),
        textdiff.unified(update.draft, new, "draft before", "draft now"),
        merged.text,
        merged.clashes,
    )


def apply_refresh(store: Store, result: Refresh, body: str | None = None) -> DailyUpdate:
    """Take the refreshed draft: the merged text (or the lead's own resolution) becomes the body."""
    update = result.update
    if update.status == DELIVERED:
        raise UpdateError(
            f"day {update.day} version {update.version} was delivered; start a "
            "new version to bring it up to date"
        )
    return store.update(update, body=result.merged if body is None else body, draft=result.draft)


def sources(store: Store, update: DailyUpdate) -> list[Source]:
    from onsite.confidential.clearance import Source

    return [Source.of(update, "body", f"Daily update, day {update.day} (version {update.version})")]


def deliver(store: Store, update: DailyUpdate, by: str) -> tuple[DailyUpdate, list[Flag]]:
    """Freeze an update as delivered by a peer, now; the guard must be clear (or accepted)."""
    from onsite.confidential.clearance import require_clear

    if update.status == DELIVERED:
        raise UpdateError(f"day {update.day} version {update.version} was already delivered")
    if not by:
        raise UpdateError("say who delivered it: the lead peer")
    _only_the_lead(store, by)
    flags = require_clear(store, sources(store, update))
    from onsite.confidential import audit
    from onsite.store import history, materialize

    now = datetime.now(UTC).isoformat(timespec="seconds")
    heads = materialize.heads((s, b) for s, b, _ in history.versions(store, update.id, "body"))
    with store.writing() as w:
        # The text as delivered, written again as this laptop's version replacing those it
        # shows: the merge freezes the update at it (onsite.store.frozen), not at a version
        # written elsewhere that the lead never saw.
        w.put(update, "body", update.body, base=" ".join(heads))
        delivered = w.update(update, status=DELIVERED, delivered_by=by, delivered_at=now)
        audit.record(
            store,
            audit.DELIVERY,
            f"daily update, day {update.day} (version {update.version})",
            update.id,
            peer_id=by,
            writer=w,
        )
    return delivered, flags


def _only_the_lead(store: Store, by: str) -> None:
    """Only the lead peer delivers, when the team has one."""
    from onsite.model import Peer

    peer = store.get(Peer, by)
    leads = [p for p in store.peers() if p.role == Role.LEAD_PEER]
    if peer is None or (leads and peer.role != Role.LEAD_PEER):
        who = peer.name if peer else "that peer"
        raise UpdateError(
            f"only the lead peer ({', '.join(p.name for p in leads) or 'none set'}) "
            f"delivers daily updates, and {who} is not"
        )


def new_version(store: Store, day: int) -> DailyUpdate:
    """Supersede a delivered update with a new draft version, starting from its words."""
    from onsite.model import DailyUpdate

    latest = current(store, day)
    if latest is None:
        return open_update(store, day)
    if latest.status != DELIVERED:
        return latest
    update = DailyUpdate(
        day=day, version=latest.version + 1, body=latest.body, draft=latest.draft, status=DRAFT
    )
    store.add(update)
    return update


def compare(older: DailyUpdate, newer: DailyUpdate) -> str:
    """A unified diff of two updates (yesterday's and today's, or two versions of one day)."""
    return textdiff.unified(older.body, newer.body, _name(older), _name(newer))


def _name(update: DailyUpdate) -> str:
    return f"day {update.day} v{update.version} ({update.status})"


def delivered_updates(store: Store) -> list[DailyUpdate]:
    """The latest delivered version of each day, in day order: what system leaders were told."""
    latest: dict[int, DailyUpdate] = {}
    for u in store.daily_updates():
        if u.status == DELIVERED and (u.day not in latest or u.version > latest[u.day].version):
            latest[u.day] = u
    return [latest[d] for d in sorted(latest)]


# -- the evening wash-up -----------------------------------------------------------------------


def washup(store: Store, day: int) -> str:
    """The team's agenda for the evening (Markdown); team-only, never exported."""
    engagement = store.engagement()
    themes = store.themes()
    names = {t.key: t.name for t in themes}
    findings = [f for f in store.findings() if f.status != FindingStatus.DROPPED and f.day <= day]
    support = finding_support(store)
    out = [
        f"# Evening wash-up: day {day}, {long_date(day_date(engagement, day))}",
        "",
        "## New findings today",
        "",
    ]
    today = [f for f in findings if f.day == day]
    out += [_agenda_line(f, names, support_of(support, f.id)) for f in today] or ["- None yet."]
    out += ["", "## Single-voice findings to test", ""]
    single = [
        f
        for f in findings
        if f.status != FindingStatus.AGREED and support_of(support, f.id).single_voice
    ]
    for f in single:
        out.append(_agenda_line(f, names, support_of(support, f.id)))
        out += [f"  - test: {q}" for q in _questions(f)]
    if not single:
        out.append("- None: every open finding rests on more than one source.")
    out += ["", "## Lines of enquiry with little evidence", ""]
    out += _gaps(store, themes, findings) or ["- None: every line of enquiry has evidence."]
    tomorrow = (
        [s for s in store.sessions(day + 1) if not s.cancelled] if day < engagement.days else []
    )
    out += ["", "## Tomorrow", ""]
    out.append(
        f"- {len(tomorrow)} sessions on day {day + 1}."
        if day < engagement.days
        else "- Final feedback to system leaders."
    )
    return "\n".join(out) + "\n"


def _agenda_line(f: Finding, names: dict[str, str], support: Support) -> str:
    return bullet(
        f"{f.statement} ({names.get(f.theme_key, f.theme_key)}; {f.polarity}; "
        f"{f.status}; {support.describe()})"
    )


def _gaps(store: Store, themes: list[Theme], findings: list[Finding]) -> list[str]:
    excerpts = store.evidence_by_theme()
    lines = []
    for theme in themes:
        n = excerpts.get(theme.key, 0)
        count = sum(f.theme_key == theme.key for f in findings)
        if n < FEW_EXCERPTS or not count:
            lines.append(
                f"- {theme.name}: {n} tagged excerpt{'s' * (n != 1)}, "
                f"{count} finding{'s' * (count != 1)}"
            )
    return lines
