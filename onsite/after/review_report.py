"""The progress review report, as system leaders receive it: introduction, summary of the
approach, progress recommendation by recommendation (the original text beside the system's
own RAG rating and the team's), next steps. Markdown; exported like the report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onsite.after import review
from onsite.after.output import Output
from onsite.confidential.clearance import Source
from onsite.leaders.export import OutDocument

if TYPE_CHECKING:
    from onsite.store.db import Store

RAG_WORDS = {
    "red": "Red",
    "amber": "Amber",
    "green": "Green",
    "blue": "Blue (complete)",
    "": "not rated",
}


def date_range(start, days: int) -> str:
    """ "2-6 March 2026", "30 March-1 April 2027", "12 January 2027"."""
    from datetime import timedelta

    end = start + timedelta(days=days - 1)
    if days <= 1:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B}-{end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y}-{end.day} {end:%B %Y}"


def _team(store: Store) -> list[str]:
    order = {"lead peer": 0, "peer": 1, "challenge manager": 2}
    out = []
    for p in sorted(store.peers(), key=lambda p: (order.get(p.role, 1), p.name)):
        role = (
            "LGA peer challenge manager"
            if p.role == "challenge manager"
            else ("lead peer" if p.role == "lead peer" else "")
        )
        if p.role in p.title.casefold():  # "Peer challenge manager, LGA" says it already
            role = ""
        what = ", ".join(x for x in (p.title, role) if x)
        out.append(f"- {p.name}" + (f", {what}" if what else ""))
    return out


def approach(store: Store) -> list[str]:
    from onsite.leaders.report import figures

    e = store.engagement()
    o = review.origin(store)
    f = figures(store)
    n = len(store.recommendations())
    then = (
        f"the peer challenge held on {date_range(o.start, o.days)}" if o else "the peer challenge"
    )
    out = [
        f"The progress review took place on {date_range(e.start, e.days)}. It returned to "
        f"{then}, to take stock of progress against each of its {n} recommendations. "
        "Before arriving, the team read the system's action plan, including the actions, "
        "leads, oversight forums, milestones and success measures it set itself, and its "
        "own RAG rating of progress against each recommendation.",
        "",
    ]
    met = []
    if f.people_met:
        met.append(
            f"spoke to more than {max(f.people_met - 1, 1)} people"
            if f.people_met > 5
            else f"spoke to {f.people_met} people"
        )
    if f.sessions_held:
        met.append(f"took part in {f.sessions_held} meetings, visits and focus groups")
    if met:
        out += [
            f"On site the team {' and '.join(met)}, hearing from system leaders, "
            "partners and staff what has changed.",
            "",
        ]
    out += ["The peer team was:", "", *_team(store), ""]
    return out


def progress_markdown(it: review.Item) -> list[str]:
    r, p = it.recommendation, it.progress
    out = [
        f"### {it.label}. {review.theme_name(r.number, r.text).split(': ', 1)[1]}",
        "",
        f"**The recommendation:** {' '.join(r.text.split())}",
        "",
        "| The system's own rating | The peer team's view |",
        "|---|---|",
        f"| {RAG_WORDS.get(p.system_rag, p.system_rag)} | "
        f"{RAG_WORDS.get(p.team_rag, p.team_rag)} |",
        "",
    ]
    plan = [
        (label, getattr(p, name))
        for label, name in (
            ("Actions", "actions"),
            ("Lead", "lead"),
            ("Oversight forum", "forum"),
            ("Milestones", "milestones"),
            ("Success measures", "measures"),
        )
        if getattr(p, name).strip()
    ]
    if plan:
        out += ["The action plan:", ""]
        out += [f"- **{label}:** {' '.join(value.split())}" for label, value in plan]
        out.append("")
    if p.changed.strip():
        out += ["**What has changed.** " + p.changed.strip(), ""]
    else:
        out += ["The team has not yet recorded what has changed.", ""]
    if p.evidence.strip():
        out += ["**What the team saw and heard.** " + p.evidence.strip(), ""]
    return out


def markdown(store: Store) -> tuple[str, list[Source]]:
    e = store.engagement()
    intro = review.section(store, "introduction")
    steps = review.section(store, "next steps")
    its = review.items(store)
    out = [
        f"# {e.system or e.name}: progress review report, {date_range(e.start, e.days)}",
        "",
        "DRAFT for a factual accuracy check by system leaders.",
        "",
        "## 1. Introduction",
        "",
        intro or ("*The lead peer's introduction is still to be written.*"),
        "",
        "## 2. Summary of the approach",
        "",
        *approach(store),
        "## 3. Progress recommendation by recommendation",
        "",
    ]
    for it in its:
        out += progress_markdown(it)
    out += [
        "## 4. Next steps",
        "",
        steps
        or (
            "The system will publish this progress review report alongside its "
            "updated action plan. The team thanks everyone who gave their time."
        ),
        "",
    ]
    sources = [
        Source.of(e, "name", "The engagement's name"),
        Source.of(e, "system", "The system's name"),
    ]
    for key, label in (
        ("review introduction", "Introduction"),
        ("review next steps", "Next steps"),
    ):
        s = store.feedback_sections().get(key)
        if s is not None:
            sources.append(Source.of(s, "body", label))
    for it in its:
        sources.append(Source.of(it.recommendation, "text", f"{it.label}: the recommendation"))
        for name, label in (
            ("changed", "what has changed"),
            ("evidence", "evidence"),
            ("actions", "actions"),
            ("lead", "lead"),
            ("forum", "oversight forum"),
            ("milestones", "milestones"),
            ("measures", "success measures"),
        ):
            sources.append(Source.of(it.progress, name, f"{it.label}: {label}"))
    return "\n".join(out).rstrip() + "\n", sources


def outputs(store: Store) -> list[Output]:
    text, sources = markdown(store)
    return [Output(OutDocument("progress review", "progress review report (draft)", text, sources))]
