"""The final-day feedback: compiled from agreed findings, edited by the lead peer, checked.

The lead peer chooses, rewords and reorders findings for each line of enquiry (a
FeedbackItem per finding touched; untouched agreed findings are in, in board order),
writes the key messages and next steps (FeedbackSection; Onsite offers a draft of each
until the lead writes their own), and numbers recommendations R1..Rn, each resting on
findings. Before export the lead sees warnings: a recommendation with no finding behind
it, a finding used that is single voice or not yet agreed, a line of enquiry with nothing
said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from onsite.leaders.daily import bullet, long_date
from onsite.evidence.support import Support, finding_support, support_of
from onsite.vocab import FindingStatus, Polarity

if TYPE_CHECKING:
    from onsite.confidential.clearance import Source
    from onsite.model import Engagement, Finding, Peer, Recommendation, Theme
    from onsite.store.db import Store

KEY_MESSAGES, NEXT_STEPS = "key messages", "next steps"
SECTIONS = (KEY_MESSAGES, NEXT_STEPS)
MAX_KEY_MESSAGES = 6


@dataclass
class Item:
    """A finding as the feedback uses it."""

    finding: Finding
    text: str
    included: bool
    position: int
    support: Support
    reworded: bool = False

    @property
    def id(self) -> str:
        return self.finding.id


@dataclass
class ThemeFeedback:
    theme: Theme
    strengths: list[Item] = field(default_factory=list)
    areas: list[Item] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.strengths and not self.areas


@dataclass
class RecommendationView:
    recommendation: Recommendation
    findings: list[Item]  # live findings it rests on, as the feedback words them

    @property
    def label(self) -> str:
        return f"R{self.recommendation.number}"


@dataclass(frozen=True)
class Warning:
    kind: str  # "recommendation", "finding", "line of enquiry"
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass
class Feedback:
    engagement: Engagement
    peers: list[Peer]
    themes: list[ThemeFeedback]
    recommendations: list[RecommendationView]
    key_messages: str
    next_steps: str
    drafted: set[str]  # sections still Onsite's draft, not the lead's words
    items: dict[str, Item]  # every live, not dropped finding by id: in or out of the feedback
    warnings: list[Warning]
    sources: list[Source]

    @property
    def candidates(self) -> list[Item]:
        """Findings not in the feedback that the lead could add."""
        return [i for i in self.items.values() if not i.included]


def compile_feedback(store: Store) -> Feedback:
    from onsite.confidential.clearance import Source
    from onsite.leaders.dates import deadlines

    engagement = store.engagement()
    themes = store.themes()
    findings = [f for f in store.findings() if f.status != FindingStatus.DROPPED]
    support = finding_support(store)
    chosen = store.feedback_items()
    items: dict[str, Item] = {}
    for f in findings:
        c = chosen.get(f.id)
        items[f.id] = Item(
            finding=f,
            text=(c.text if c and c.text.strip() else f.statement).strip(),
            included=c.included if c else f.status == FindingStatus.AGREED,
            position=c.position if c else 100_000 + f.position,
            support=support_of(support, f.id),
            reworded=bool(c and c.text.strip()),
        )
    by_theme = []
    for theme in themes:
        tf = ThemeFeedback(theme)
        for item in sorted((i for i in items.values() if i.included and i.finding.theme_key == theme.key),
                           key=lambda i: (i.position, i.finding.position, i.finding.created)):
            (tf.strengths if item.finding.polarity == Polarity.STRENGTH else tf.areas).append(item)
        by_theme.append(tf)
    recs = [RecommendationView(r, [items[i] for i in r.finding_ids if i in items])
            for r in store.recommendations()]
    sections = store.feedback_sections()
    own = {k: s.body for k, s in sections.items() if s.body.strip()}
    key_messages = own.get(KEY_MESSAGES) or draft_key_messages(by_theme, recs)
    next_steps = own.get(NEXT_STEPS) or draft_next_steps(deadlines(store))
    drafted = {k for k in SECTIONS if k not in own}

    sources = [Source.of(engagement, "name", "Engagement name"),
               Source.of(engagement, "system", "System name"),
               Source.of(engagement, "scope", "Engagement scope")]
    sources += [Source.of(t.theme, "name", f"Line of enquiry name ({t.theme.name})") for t in by_theme]
    for key in SECTIONS:
        if key in sections and key in own:
            sources.append(Source.of(sections[key], "body", key.capitalize()))
    used = {i.id: i for t in by_theme for i in (*t.strengths, *t.areas)}
    for r in recs:
        used.update({i.id: i for i in r.findings})
        sources.append(Source.of(r.recommendation, "text", f"Recommendation {r.label}"))
    for item in used.values():
        sources.append(_item_source(item, chosen, {t.key: t.name for t in themes}))
    # Drafted sections are made of finding texts already listed above.
    feedback = Feedback(engagement, store.peers(), by_theme, recs, key_messages, next_steps, drafted,
                        items, [], sources)
    feedback.warnings = warnings(feedback)
    return feedback


def _item_source(item: Item, chosen: dict, theme_names: dict[str, str]) -> Source:
    from onsite.confidential.clearance import Source

    theme = theme_names.get(item.finding.theme_key, item.finding.theme_key)
    short = " ".join(item.text.split())[:50]
    if item.reworded:
        return Source.of(chosen[item.id], "text", f"Feedback wording of a finding ({theme}): \u201c{short}\u201d")
    return Source.of(item.finding, "statement", f"Finding ({theme}): \u201c{short}\u201d")


def warnings(feedback: Feedback) -> list[Warning]:
    out: list[Warning] = []
    for r in feedback.recommendations:
        missing = [i for i in r.recommendation.finding_ids if i not in feedback.items]
        if not r.findings:
            out.append(Warning("recommendation", f"{r.label} rests on no finding"
                               + (" (its findings were dropped or deleted)" if missing else "")))
        elif missing:
            out.append(Warning("recommendation", f"{r.label} cites {len(missing)} dropped or "
                               "deleted finding(s)"))
    used: dict[str, Item] = {}
    for t in feedback.themes:
        used.update({i.id: i for i in (*t.strengths, *t.areas)})
    for r in feedback.recommendations:
        used.update({i.id: i for i in r.findings})
    for item in used.values():
        short = " ".join(item.text.split())[:70]
        if item.support.single_voice:
            out.append(Warning("finding", f"\u201c{short}\u201d is single voice ({item.support.describe()})"))
        if item.finding.status == FindingStatus.EMERGING:
            out.append(Warning("finding", f"\u201c{short}\u201d is still emerging"))
        elif item.finding.status == FindingStatus.TESTED:
            out.append(Warning("finding", f"\u201c{short}\u201d is tested but not yet agreed"))
    for t in feedback.themes:
        if t.empty:
            out.append(Warning("line of enquiry", f"Nothing is said on {t.theme.name}"))
    return out


def draft_key_messages(themes: list[ThemeFeedback], recs: list[RecommendationView]) -> str:
    """The findings recommendations rest on most, then each line of enquiry's first: a start."""
    cited: dict[str, int] = {}
    for r in recs:
        for item in r.findings:
            cited[item.id] = cited.get(item.id, 0) + 1
    included = [i for t in themes for i in (*t.strengths, *t.areas)]
    ranked = sorted(included, key=lambda i: -cited.get(i.id, 0))
    firsts = [t.strengths[0] for t in themes if t.strengths] + [t.areas[0] for t in themes if t.areas]
    chosen: list[Item] = []
    for item in [*(i for i in ranked if cited.get(i.id)), *firsts]:
        if item not in chosen and len(chosen) < MAX_KEY_MESSAGES:
            chosen.append(item)
    return "\n".join(bullet(i.text) for i in chosen) or "- (Key messages to come.)"


def draft_next_steps(d) -> str:
    return (
        "The peer team will support the system's leaders as they consider the feedback and "
        "decide what to do with it.\n\n"
        f"- The written report follows by {long_date(d.report)} (about three months after the "
        "peer challenge).\n"
        f"- The system publishes its response and action plan by {long_date(d.action_plan)} "
        "(about five months after).\n"
        f"- A progress review, to see how far the system has come, around "
        f"{long_date(d.progress_review)} (about ten months after).\n"
    )


# -- the lead's edits ----------------------------------------------------------------------

def _item_record(store: Store, finding: Finding):
    from onsite.model import FeedbackItem

    item = store.feedback_items().get(finding.id)
    if item is None:
        item = FeedbackItem(finding_id=finding.id, included=finding.status == FindingStatus.AGREED,
                            position=100_000 + finding.position)
        store.add(item)
    return item


def include(store: Store, finding: Finding, included: bool = True) -> None:
    store.update(_item_record(store, finding), included=included)


def reword(store: Store, finding: Finding, text: str) -> None:
    """The feedback's wording of a finding; empty text goes back to the finding's own."""
    text = "" if text.strip() == finding.statement.strip() else text
    store.update(_item_record(store, finding), text=text)


def move(store: Store, finding: Finding, step: int) -> None:
    """Move a finding up (step < 0) or down among those of its line of enquiry and kind."""
    feedback = compile_feedback(store)
    theme = next(t for t in feedback.themes if t.theme.key == finding.theme_key)
    row = theme.strengths if finding.polarity == Polarity.STRENGTH else theme.areas
    ids = [i.id for i in row]
    if finding.id not in ids:
        raise ValueError("only findings in the feedback can be moved")
    i = ids.index(finding.id)
    j = min(max(i + step, 0), len(ids) - 1)
    ids.insert(j, ids.pop(i))
    findings = {i.id: i.finding for i in row}
    records = [_item_record(store, findings[fid]) for fid in ids]
    with store.writing() as w:
        for position, record in enumerate(records):
            w.update(record, position=position)


def save_section(store: Store, key: str, body: str) -> None:
    """The lead's key messages or next steps; empty text goes back to Onsite's draft."""
    from onsite.model import FeedbackSection

    if key not in SECTIONS:
        raise ValueError(f"section: one of {', '.join(SECTIONS)}")
    section = store.feedback_sections().get(key)
    if section is None:
        store.add(FeedbackSection(key=key, body=body))
    else:
        store.update(section, body=body)


# -- recommendations ---------------------------------------------------------------------------

def add_recommendation(store: Store, text: str, finding_ids: list[str] | None = None) -> Recommendation:
    """A new recommendation, numbered after the last."""
    from onsite.model import Recommendation

    if not text.strip():
        raise ValueError("a recommendation needs some words")
    number = max((r.number for r in store.recommendations()), default=0) + 1
    rec = Recommendation(number=number, text=text.strip(), finding_ids=list(finding_ids or []))
    store.add(rec)
    return rec


def reword_recommendation(store: Store, rec: Recommendation, text: str) -> None:
    if not text.strip():
        raise ValueError("a recommendation needs some words; remove it instead")
    store.update(rec, text=text.strip())


def link(store: Store, rec: Recommendation, finding: Finding, linked: bool = True) -> None:
    """Rest a recommendation on a finding, or no longer."""
    ids = [i for i in rec.finding_ids if i != finding.id] + ([finding.id] if linked else [])
    store.update(rec, finding_ids=ids)


def move_recommendation(store: Store, rec: Recommendation, step: int) -> None:
    """Move a recommendation up or down; all are numbered R1..Rn again in the new order."""
    recs = store.recommendations()
    ids = [r.id for r in recs]
    i = ids.index(rec.id)
    recs.insert(min(max(i + step, 0), len(recs) - 1), recs.pop(i))
    _renumber(store, recs)


def remove_recommendation(store: Store, rec: Recommendation) -> None:
    with store.writing() as w:
        w.delete(rec)
    _renumber(store, store.recommendations())


def _renumber(store: Store, recs: list[Recommendation]) -> None:
    with store.writing() as w:
        for number, r in enumerate(recs, start=1):
            w.update(r, number=number)


# -- Markdown ------------------------------------------------------------------------------

def theme_markdown(t: ThemeFeedback, level: int = 2) -> list[str]:
    h = "#" * level
    out = [f"{h} {t.theme.name}", ""]
    if t.empty:
        return out + ["Nothing to report on this line of enquiry.", ""]
    for heading, items in (("Strengths", t.strengths), ("Areas for consideration", t.areas)):
        if items:
            out += [f"{h}# {heading}", "", *(bullet(i.text) for i in items), ""]
    return out


def recommendation_markdown(r: RecommendationView, with_findings: bool = True) -> list[str]:
    text = " ".join(r.recommendation.text.split())
    out = [f"- **{r.label}.** {text}"]
    if with_findings and r.findings:
        out.append("  - Rests on: " + "; ".join(" ".join(i.text.split()) for i in r.findings))
    return out


def feedback_markdown(feedback: Feedback) -> str:
    e = feedback.engagement
    from onsite.leaders.dates import last_day

    out = [f"# {e.name}: feedback", "",
           f"Presented to system leaders on {long_date(last_day(e))}. These are the peer team's "
           "findings and recommendations, offered as critical friends.", "",
           "## Key messages", "", feedback.key_messages.strip(), ""]
    for t in feedback.themes:
        out += theme_markdown(t)
    out += ["## Recommendations", ""]
    for r in feedback.recommendations:
        out += recommendation_markdown(r)
    if not feedback.recommendations:
        out.append("No recommendations yet.")
    out += ["", "## Next steps", "", feedback.next_steps.strip(), ""]
    return "\n".join(out).rstrip() + "\n"
