"""The written report's skeleton and the action-plan table, from the feedback and the timetable.

The usual order of a peer challenge report: executive summary, key recommendations, the
approach (the team, the scope, what the team did: sessions held, people met, peer hours),
then each line of enquiry, next steps; the action plan follows as a table the system fills
in. Deadlines run from the last on-site day: report about 3 months, action plan about 5,
progress review about 10.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from onsite.leaders.daily import long_date
from onsite.leaders.dates import Deadlines, deadlines, last_day
from onsite.leaders.feedback import Feedback, recommendation_markdown, theme_markdown
from onsite.vocab import Role, SessionKind

if TYPE_CHECKING:
    from onsite.model import Engagement
    from onsite.store.db import Store

PEOPLE_SESSIONS = (SessionKind.INTERVIEW, SessionKind.FOCUS_GROUP, SessionKind.SITE_VISIT)
HOURS_PER_WORKING_WEEK = 37.5
UNTIMED_SESSION_HOURS = 1.0


@dataclass(frozen=True)
class Figures:
    days: int
    peers: int
    sessions_held: int  # interviews, focus groups and site visits not cancelled
    people_met: int
    peer_hours: float  # each session's length times the peers timetabled in it
    documents: int

    @property
    def peer_weeks(self) -> float:
        return self.peer_hours / HOURS_PER_WORKING_WEEK


def _hours(start: str, end: str) -> float:
    if not end:
        return UNTIMED_SESSION_HOURS
    (h1, m1), (h2, m2) = (map(int, start.split(":")), map(int, end.split(":")))
    return max(0, (h2 * 60 + m2) - (h1 * 60 + m1)) / 60


def figures(store: Store) -> Figures:
    sessions = [s for s in store.sessions() if not s.cancelled]
    held = {s.id for s in sessions if s.kind in PEOPLE_SESSIONS}
    people = set()
    for p in store.participants():
        if p.session_id in held:
            # one person met in two sessions counts once; an unnamed participant is one person
            people.add(" ".join(p.name.casefold().split()) or f"{p.id}")
    hours = sum(_hours(s.start, s.end) * len(s.peer_ids) for s in sessions if s.kind != SessionKind.TEAM_MEETING)
    engagement = store.engagement()
    return Figures(engagement.days, len(store.peers()), len(held), len(people), round(hours, 1),
                   len(store.documents()))


def approach_markdown(store: Store, feedback: Feedback, f: Figures) -> list[str]:
    e = feedback.engagement
    out = ["## The peer challenge approach", "",
           f"The peer challenge took place on site from {long_date(e.start)} to "
           f"{long_date(last_day(e))}. It is improvement-focused: a team of peers acting as "
           "critical friends, not an inspection.", "", "### The peer team", ""]
    for peer in sorted(feedback.peers, key=lambda p: (p.role != Role.LEAD_PEER, p.name)):
        role = peer.role if peer.role != "peer" and peer.role not in peer.title.casefold() else ""
        what = ", ".join(x for x in (peer.title, role) if x)
        out.append(f"- {peer.name}" + (f", {what}" if what else ""))
    out += ["", "### Scope and focus", ""]
    if e.scope.strip():
        out += [e.scope.strip(), ""]
    out += ["The lines of enquiry were:", ""]
    out += [f"- {t.theme.name}" for t in feedback.themes]
    out += ["", "### What the team did", "",
            "| | |", "|---|---|",
            f"| Days on site | {f.days} |",
            f"| Sessions held (interviews, focus groups, site visits) | {f.sessions_held} |",
            f"| People met | {f.people_met} |",
            f"| Peer hours | {f.peer_hours:g} (about {f.peer_weeks:.1f} working weeks) |",
            f"| Documents read | {f.documents} |", ""]
    return out


def action_plan_markdown(feedback: Feedback, d: Deadlines) -> list[str]:
    out = ["## Action plan", "",
           f"For the system to complete and publish by {long_date(d.action_plan)}; progress is "
           f"reviewed around {long_date(d.progress_review)}.", "",
           "| Recommendation | Action | Owner | Timescale |", "|---|---|---|---|"]
    for r in feedback.recommendations:
        text = " ".join(r.recommendation.text.split()).replace("|", "\\|")
        out.append(f"| {r.label}. {text} | | | |")
    return out + [""]


def report_markdown(store: Store, feedback: Feedback) -> str:
    e = feedback.engagement
    d = deadlines(store)
    out = [f"# {e.name}: report", "",
           f"Draft for agreement with system leaders; to be published by {long_date(d.report)}.", "",
           "## Executive summary", "", feedback.key_messages.strip(), "",
           "## Key recommendations", ""]
    for r in feedback.recommendations:
        out += recommendation_markdown(r, with_findings=False)
    if not feedback.recommendations:
        out.append("No recommendations yet.")
    out.append("")
    out += approach_markdown(store, feedback, figures(store))
    out += ["## Feedback", ""]
    for t in feedback.themes:
        out += theme_markdown(t, level=3)
    out += ["## Next steps", "", feedback.next_steps.strip(), ""]
    out += action_plan_markdown(feedback, d)
    return "\n".join(out).rstrip() + "\n"
