"""The documents system leaders receive, as Markdown: the written report and the final-day
feedback. Both follow the shape of published LGA peer challenge reports:

- the title with the system and the on-site dates; DRAFT until the lead marks it final;
- 1 Executive summary (the lead's prose), 2 Key recommendations (numbered, a bold lead-in),
  3 Summary of the peer challenge approach (the team, the scope with each line's guiding
  question, the process in figures), 4 Feedback by line of enquiry (the lead's narrative),
  5 Next steps, with acknowledgements and contact details.

Only agreed findings appear, and never what a recommendation "rests on": that is the
team's evidence pack. The action plan is the system's own document (action_plan.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from onsite.leaders import texts as lead_texts
from onsite.leaders.approach import Figures, figures, process_markdown
from onsite.leaders.daily import bullet, long_date
from onsite.leaders.dates import date_range, kind_label, last_day

if TYPE_CHECKING:
    from onsite.leaders.feedback import Feedback, ThemeFeedback
    from onsite.model import Engagement, Peer
    from onsite.store.db import Store

# Kept for older callers: the figures moved to approach.py.
__all__ = ["Figures", "figures", "feedback_markdown", "report_markdown", "title_lines"]

LEAD_IN_MAX = 90  # a recommendation's bold lead-in is its first clause, when that is short


def place(e: Engagement) -> str:
    return e.system or e.name


def short_place(e: Engagement) -> str:
    """ "Rennick Vale Health and Care System" -> "Rennick Vale", for "in ..." and "to ..."."""
    name = place(e)
    for suffix in (" health and care system", " integrated care system", " system"):
        if name.casefold().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


REPORT_DRAFT = (
    "**DRAFT** for a factual accuracy check by system leaders: the findings are the "
    "peer team's own."
)
FEEDBACK_DRAFT = "**DRAFT** until the peer team's written report is final."


def title_lines(final: bool, e: Engagement, document: str, draft: str = REPORT_DRAFT) -> list[str]:
    """# System / the document and its dates / the DRAFT line until the report is final."""
    dates = date_range(e.start, last_day(e))
    out = [f"# {place(e)}", "", f"**{kind_label(e).capitalize()}: {document}, {dates}**", ""]
    if not final:
        out += [draft, ""]
    return out


def lead_in(text: str) -> tuple[str, str]:
    """("Simplify system governance within six months.", "Reduce the number of groups ...")."""
    text = " ".join(text.split())
    m = re.match(r"(.{8," + str(LEAD_IN_MAX) + r"}?)(?::\s+|\.\s+)(?=\S)", text)
    if not m:
        return "", text
    head, rest = m.group(1).rstrip(".") + ".", text[m.end() :]
    return head, rest[:1].upper() + rest[1:]


def recommendations_markdown(feedback: Feedback) -> list[str]:
    out = []
    for n, r in enumerate(feedback.recommendations, start=1):
        head, rest = lead_in(r.recommendation.text)
        out.append(f"{n}. **{head}** {rest}" if head else f"{n}. {rest}")
    return out + [""] if out else ["The peer team makes no recommendations.", ""]


def _peer_line(peer: Peer) -> str:
    lead = (
        " (lead peer)"
        if peer.role == "lead peer" and "lead peer" not in peer.title.casefold()
        else ""
    )
    return f"- {peer.name}" + (f", {peer.title}" if peer.title else "") + lead


def team_order(peers: list[Peer]) -> list[Peer]:
    """Lead peer first, the LGA's challenge manager last, the others as the team lists them."""
    rank = {"lead peer": 0, "challenge manager": 2}
    return sorted(peers, key=lambda p: rank.get(p.role, 1))


def approach_markdown(store: Store, feedback: Feedback, f: Figures, level: int = 2) -> list[str]:
    e = feedback.engagement
    h = "#" * (level + 1)
    out = [
        f"{h} The peer team",
        "",
        "Peer challenges are delivered by experienced elected member and officer peers from "
        "local government and the NHS, chosen for the expertise the focus of the challenge "
        "needed. The peers were:",
        "",
    ]
    out += [_peer_line(p) for p in team_order(feedback.peers)]
    out += ["", f"{h} Scope and focus", ""]
    if e.scope.strip():
        out += [e.scope.strip(), ""]
    out += ["The peer team considered these lines of enquiry, agreed with system leaders:", ""]
    for t in feedback.themes:
        question = " ".join(t.theme.description.split())
        out.append(f"- **{t.theme.name}**" + (f": {question}" if question else ""))
    out += [
        "",
        f"{h} The peer challenge process",
        "",
        "A peer challenge is improvement-focused and is not an inspection. The peers used "
        "their experience and knowledge of health and care to reflect on what they read, "
        "heard and saw, acting as critical friends.",
        "",
    ]
    out += process_markdown(f, short_place(e))
    return out


def narrative_markdown(feedback: Feedback, t: ThemeFeedback) -> list[str]:
    body = feedback.text(lead_texts.line_key(t.theme.key))
    return [body, ""] if body else []


def report_markdown(store: Store, feedback: Feedback) -> str:
    e = feedback.engagement
    out = title_lines(feedback.final, e, "feedback report")
    out += [
        "## 1. Executive summary",
        "",
        feedback.text(lead_texts.EXECUTIVE_SUMMARY),
        "",
        "## 2. Key recommendations",
        "",
        "There are a number of observations and suggestions within the main section of this "
        f"report. These are the peer team's key recommendations to {short_place(e)}:",
        "",
    ]
    out += recommendations_markdown(feedback)
    out += ["## 3. Summary of the peer challenge approach", ""]
    out += approach_markdown(store, feedback, figures(store))
    out += ["## 4. Feedback", ""]
    for n, t in enumerate(feedback.themes, start=1):
        out += [f"### 4.{n} {t.theme.name}", ""]
        out += narrative_markdown(feedback, t)
    out += [
        "## 5. Next steps",
        "",
        feedback.text(lead_texts.NEXT_STEPS),
        "",
        "### Acknowledgements",
        "",
        feedback.text(lead_texts.ACKNOWLEDGEMENTS),
        "",
        "### Contact details",
        "",
        feedback.text(lead_texts.CONTACTS),
        "",
    ]
    return "\n".join(out).rstrip() + "\n"


def _presented_line(feedback: Feedback) -> str:
    e = feedback.engagement
    if feedback.presented:
        return (
            f"Presented to system leaders on {long_date(_day(feedback.presented, e))}. These "
            "are the peer team's findings and recommendations, offered as critical friends."
        )
    return (
        f"To be presented to system leaders on {long_date(last_day(e))}. These are the peer "
        "team's findings and recommendations, offered as critical friends."
    )


def _day(stamp: str, e: Engagement):
    from datetime import date

    try:
        return date.fromisoformat(stamp[:10])
    except ValueError:
        return last_day(e)


def feedback_markdown(feedback: Feedback) -> str:
    """The final-day feedback as a document: the slides' content, for those not in the room."""
    e = feedback.engagement
    out = title_lines(feedback.final, e, "final-day feedback", FEEDBACK_DRAFT)
    out += [
        _presented_line(feedback),
        "",
        "## Key messages",
        "",
        feedback.text(lead_texts.KEY_MESSAGES),
        "",
    ]
    out += ["## Feedback by line of enquiry", ""]
    for t in feedback.themes:
        out += [f"### {t.theme.name}", ""]
        if t.empty:
            out += narrative_markdown(feedback, t)
            continue
        for heading, items in (("Strengths", t.strengths), ("Areas for consideration", t.areas)):
            if items:
                out += [f"#### {heading}", "", *(bullet(i.text) for i in items), ""]
    out += ["## Recommendations", ""]
    out += recommendations_markdown(feedback)
    out += ["## Next steps", "", feedback.text(lead_texts.NEXT_STEPS), ""]
    return "\n".join(out).rstrip() + "\n"
