"""The lead peer's own texts for system leaders and Onsite's drafts of them.

A published peer challenge report is prose the lead peer writes: the executive summary,
the key messages, a few paragraphs on each line of enquiry, the next steps, the thanks and
the contacts. Each is a FeedbackSection keyed by name ("line:<theme key>" for a line of
enquiry). Until the lead saves their own words (or accepts the draft as theirs) the section
is Onsite's draft, made afresh from the agreed findings each time and marked as a draft.

The marks that say what has happened (the feedback presented, the report final) are in
onsite.leaders.marks: marking the report final compiles the feedback, which takes its texts
from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from onsite.leaders.daily import long_date
from onsite.leaders.dates import date_range, is_corporate, last_day

if TYPE_CHECKING:
    from onsite.leaders.dates import Deadlines
    from onsite.leaders.feedback import Feedback, ThemeFeedback
    from onsite.model import Engagement, Peer
    from onsite.store.db import Store

EXECUTIVE_SUMMARY, KEY_MESSAGES, NEXT_STEPS = "executive summary", "key messages", "next steps"
ACKNOWLEDGEMENTS, CONTACTS = "acknowledgements", "contacts"
LINE_PREFIX = "line:"
FIXED = (EXECUTIVE_SUMMARY, KEY_MESSAGES, NEXT_STEPS, ACKNOWLEDGEMENTS, CONTACTS)
LABELS = {
    EXECUTIVE_SUMMARY: "Executive summary",
    KEY_MESSAGES: "Key messages",
    NEXT_STEPS: "Next steps",
    ACKNOWLEDGEMENTS: "Acknowledgements",
    CONTACTS: "Contact details",
}
PRESENTED, FINAL = "feedback presented", "report final"


def line_key(theme_key: str) -> str:
    return f"{LINE_PREFIX}{theme_key}"


def is_section_key(key: str) -> bool:
    return key in FIXED or (key.startswith(LINE_PREFIX) and len(key) > len(LINE_PREFIX))


@dataclass(frozen=True)
class Text:
    key: str
    label: str
    body: str  # the lead's words, or the draft while there are none
    drafted: bool  # still Onsite's draft: marked so in the app and never taken for the lead's
    draft: str  # what Onsite would write now


# -- drafts -------------------------------------------------------------------------------


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def draft_narrative(t: ThemeFeedback) -> str:
    """A start for a line of enquiry's narrative: its agreed strengths, then its areas for
    consideration, as prose. Empty when nothing on the line is agreed: the lead must write."""
    paragraphs = []
    if t.strengths:
        paragraphs.append(" ".join(_sentence(i.text) for i in t.strengths))
    if t.areas:
        lead_in = "The team also saw things to consider. " if t.strengths else ""
        paragraphs.append(lead_in + " ".join(_sentence(i.text) for i in t.areas))
    return "\n\n".join(paragraphs)


def draft_executive_summary(
    engagement: Engagement, themes: list[ThemeFeedback], recommendations: int
) -> str:
    """Context, strengths first, then the big messages: a start for the lead's own prose."""
    system = engagement.system or engagement.name
    dates = date_range(engagement.start, last_day(engagement))
    strengths = [i for t in themes for i in t.strengths]
    areas = [i for t in themes for i in t.areas]
    out = [
        f"The peer team spent {engagement.days} days with {system} ({dates}), as critical "
        "friends, looking at the lines of enquiry that system leaders asked it to consider."
    ]
    if strengths:
        out.append(
            "There is much to build on. " + " ".join(_sentence(i.text) for i in strengths[:4])
        )
    if areas:
        out.append(
            "The team also found areas for the system to consider. "
            + " ".join(_sentence(i.text) for i in areas[:4])
        )
    if recommendations:
        out.append(
            f"The team makes {recommendations} recommendation{'s' * (recommendations != 1)}, "
            "set out in section 2, to help the system take these forward."
        )
    return "\n\n".join(out)


def draft_next_steps(engagement: Engagement, d: Deadlines) -> str:
    """What happens now, by the kind of challenge: mandated deadlines only where they apply."""
    system = engagement.system or engagement.name
    out = [
        f"The peer team appreciates that {system}'s leaders will want to consider and discuss "
        "this feedback and decide how to respond to the recommendations.",
        "This report is a draft for a factual accuracy check: system leaders are asked to "
        "point out any error of fact; the findings remain the peer team's own.",
    ]
    if is_corporate(engagement):
        out.append(
            f"The council publishes the final report by {long_date(d.report)}, within "
            "three months of the peer challenge, and an action plan by "
            f"{long_date(d.action_plan)}, within five months. A progress review, with "
            "part of the peer team for one or two days, follows around "
            f"{long_date(d.progress_review)}, about ten months on; its report is "
            "published within twelve months of the peer challenge."
        )
    else:
        out.append(
            "For a health and care system peer challenge, publication of the report, the "
            "system's action plan and any later progress review are agreed locally between "
            "system leaders and the Local Government Association and its NHS partners; the "
            "peer team offers a progress review, with part of the team, about ten months on."
        )
    return "\n\n".join(out)


def draft_acknowledgements(engagement: Engagement) -> str:
    system = engagement.system or engagement.name
    return (
        f"The peer team would like to thank everyone in {system} who gave their time, "
        "openness and hospitality during the peer challenge: system leaders, elected members, "
        "staff, partners, the voluntary and community sector and the people who use services, "
        "and in particular those who organised the timetable and the documents."
    )


def draft_contacts(peers: list[Peer]) -> str:
    managers = [p for p in peers if p.role == "challenge manager"]
    lines = [f"- {p.name}, {p.title or 'peer challenge manager'}" for p in managers]
    return "\n".join(lines or ["- The Local Government Association's peer challenge manager"])


# -- the texts as they stand ------------------------------------------------------------------


def texts(store: Store, feedback: Feedback) -> list[Text]:
    """Every text of the report and feedback, in the order the report uses them."""
    from onsite.leaders.dates import deadlines

    e = feedback.engagement
    own = {k: s.body for k, s in store.feedback_sections().items() if s.body.strip()}
    drafts = [
        (
            EXECUTIVE_SUMMARY,
            LABELS[EXECUTIVE_SUMMARY],
            draft_executive_summary(e, feedback.themes, len(feedback.recommendations)),
        ),
        (KEY_MESSAGES, LABELS[KEY_MESSAGES], feedback.draft_key_messages),
    ]
    drafts += [(line_key(t.theme.key), t.theme.name, draft_narrative(t)) for t in feedback.themes]
    drafts += [
        (NEXT_STEPS, LABELS[NEXT_STEPS], draft_next_steps(e, deadlines(store))),
        (ACKNOWLEDGEMENTS, LABELS[ACKNOWLEDGEMENTS], draft_acknowledgements(e)),
        (CONTACTS, LABELS[CONTACTS], draft_contacts(feedback.peers)),
    ]
    return [
        Text(key, label, own.get(key, draft), key not in own, draft) for key, label, draft in drafts
    ]


def save(store: Store, key: str, body: str) -> None:
    """The lead's own text; empty text goes back to Onsite's draft."""
    from onsite.model import FeedbackSection

    if not is_section_key(key):
        raise ValueError(f"text: one of {', '.join(FIXED)} or {LINE_PREFIX}<line of enquiry>")
    section = store.feedback_sections().get(key)
    if section is None:
        store.add(FeedbackSection(key=key, body=body))
    elif section.body != body:
        store.update(section, body=body)


def accept_draft(store: Store, text: Text) -> None:
    """The lead takes Onsite's draft as their own words, as it stands."""
    if not text.draft.strip():
        raise ValueError(f"{text.label}: there is no draft to accept; write the lead's own words")
    save(store, text.key, text.draft)
