"""The final-day feedback: compiled from agreed findings, edited by the lead peer, checked.

The lead peer chooses, rewords and reorders findings for each line of enquiry (a
FeedbackItem per finding touched; untouched agreed findings are in, in board order),
writes the texts (onsite.leaders.texts: executive summary, key messages, each line's
narrative, next steps; Onsite offers a draft of each until the lead writes their own), and
numbers recommendations R1..Rn, each resting on findings. Only agreed findings reach the
documents for system leaders: a finding the lead chose that is not agreed stays out until it
is. Before export the lead sees warnings; those that would put something unagreed or
unsaid in front of system leaders block the export: a recommendation resting on no finding,
or on one that is not agreed or was left out, and a line of enquiry with nothing agreed and
no sentence from the lead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from onsite.evidence.support import Support, finding_support, support_of
from onsite.leaders import texts as lead_texts
from onsite.leaders.daily import bullet
from onsite.vocab import FindingStatus, Polarity

if TYPE_CHECKING:
    from onsite.confidential.clearance import Source
    from onsite.model import Engagement, Finding, Peer, Recommendation, Theme
    from onsite.store.db import Store

KEY_MESSAGES, NEXT_STEPS = lead_texts.KEY_MESSAGES, lead_texts.NEXT_STEPS
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

    @property
    def in_documents(self) -> bool:
        """Chosen by the lead and agreed by the team: only these reach system leaders."""
        return self.included and self.finding.status == FindingStatus.AGREED


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
    blocking: bool = False  # the documents for system leaders wait until it is resolved

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
    draft_key_messages: str = ""
    texts: dict[str, lead_texts.Text] = field(default_factory=dict)
    presented: str = ""  # when the lead marked the feedback presented (ISO 8601), if so
    final: bool = False  # the lead marked the report final

    @property
    def candidates(self) -> list[Item]:
        """Findings not in the documents that the lead could add (or the team could agree)."""
        return [i for i in self.items.values() if not i.in_documents]

    @property
    def blocked(self) -> list[Warning]:
        return [w for w in self.warnings if w.blocking]

    def text(self, key: str) -> str:
        return self.texts[key].body.strip() if key in self.texts else ""


def compile_feedback(store: Store) -> Feedback:
    from onsite.confidential.clearance import Source

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
        for item in sorted(
            (i for i in items.values() if i.in_documents and i.finding.theme_key == theme.key),
            key=lambda i: (i.position, i.finding.position, i.finding.created),
        ):
            (tf.strengths if item.finding.polarity == Polarity.STRENGTH else tf.areas).append(item)
        by_theme.append(tf)
    recs = [
        RecommendationView(r, [items[i] for i in r.finding_ids if i in items])
        for r in store.recommendations()
    ]
    sections = store.feedback_sections()
    own = {k: s.body for k, s in sections.items() if s.body.strip()}
    milestones = store.milestones()
    presented = milestones.get(lead_texts.PRESENTED)
    feedback = Feedback(
        engagement,
        store.peers(),
        by_theme,
        recs,
        "",
        "",
        set(),
        items,
        [],
        [],
        draft_key_messages(by_theme, recs),
        presented=presented.at if presented else "",
        final=lead_texts.FINAL in milestones,
    )
    feedback.texts = {t.key: t for t in lead_texts.texts(store, feedback)}
    feedback.key_messages = feedback.text(KEY_MESSAGES)
    feedback.next_steps = feedback.text(NEXT_STEPS)
    feedback.drafted = {k for k, t in feedback.texts.items() if t.drafted}

    sources = [
        Source.of(engagement, "name", "Engagement name"),
        Source.of(engagement, "system", "System name"),
        Source.of(engagement, "scope", "Engagement scope"),
    ]
    sources += [
        Source.of(t.theme, "name", f"Line of enquiry name ({t.theme.name})") for t in by_theme
    ]
    sources += [
        Source.of(t.theme, "description", f"Guiding question ({t.theme.name})")
        for t in by_theme
        if t.theme.description.strip()
    ]
    for key, text in feedback.texts.items():
        if key in sections and key in own:
            sources.append(Source.of(sections[key], "body", text.label))
    used = {i.id: i for t in by_theme for i in (*t.strengths, *t.areas)}
    for r in recs:
        used.update({i.id: i for i in r.findings if i.in_documents})
        sources.append(Source.of(r.recommendation, "text", f"Recommendation {r.label}"))
    for item in used.values():
        sources.append(_item_source(item, chosen, {t.key: t.name for t in themes}))
    # Drafted texts are made of finding texts already listed above.
    feedback.sources = sources
    feedback.warnings = warnings(feedback)
    return feedback


def _item_source(item: Item, chosen: dict, theme_names: dict[str, str]) -> Source:
    from onsite.confidential.clearance import Source

    theme = theme_names.get(item.finding.theme_key, item.finding.theme_key)
    short = " ".join(item.text.split())[:50]
    if item.reworded:
        return Source.of(
            chosen[item.id], "text", f"Feedback wording of a finding ({theme}): \u201c{short}\u201d"
        )
    return Source.of(item.finding, "statement", f"Finding ({theme}): \u201c{short}\u201d")


def warnings(feedback: Feedback) -> list[Warning]:
    out: list[Warning] = []
    for r in feedback.recommendations:
        missing = [i for i in r.recommendation.finding_ids if i not in feedback.items]
        if not r.findings:
            out.append(
                Warning(
                    "recommendation",
                    f"{r.label} rests on no finding"
                    + (" (its findings were dropped or deleted)" if missing else ""),
                    True,
                )
            )
            continue
        if missing:
            out.append(
                Warning(
                    "recommendation",
                    f"{r.label} cites {len(missing)} dropped or deleted finding(s)",
                )
            )
        for item in r.findings:
            short = " ".join(item.text.split())[:60]
            if item.finding.status != FindingStatus.AGREED:
                out.append(
                    Warning(
                        "recommendation",
                        f"{r.label} rests on \u201c{short}\u201d, "
                        f"which is {item.finding.status}, not agreed",
                        True,
                    )
                )
            elif not item.included:
                out.append(
                    Warning(
                        "recommendation",
                        f"{r.label} rests on \u201c{short}\u201d, "
                        "which is left out of the feedback",
                        True,
                    )
                )
    used: dict[str, Item] = {}
    for t in feedback.themes:
        used.update({i.id: i for i in (*t.strengths, *t.areas)})
    for r in feedback.recommendations:
        used.update({i.id: i for i in r.findings if i.in_documents})
    for item in used.values():
        short = " ".join(item.text.split())[:70]
        if item.support.single_voice:
            out.append(
                Warning(
                    "finding", f"\u201c{short}\u201d is single voice ({item.support.describe()})"
                )
            )
    for item in feedback.items.values():
        if item.included and not item.in_documents:
            short = " ".join(item.text.split())[:70]
            out.append(
                Warning(
                    "finding",
                    f"\u201c{short}\u201d is {item.finding.status}, not "
                    "agreed: it stays out of the documents until the team agrees it",
                )
            )
    for t in feedback.themes:
        text = feedback.texts.get(lead_texts.line_key(t.theme.key))
        if t.empty and (text is None or text.drafted):
            out.append(
                Warning(
                    "line of enquiry",
                    f"Nothing agreed on {t.theme.name}: write the "
                    "lead peer's sentence for this line of enquiry",
                    True,
                )
            )
    return out


def draft_key_messages(themes: list[ThemeFeedback], recs: list[RecommendationView]) -> str:
    """The findings recommendations rest on most, then each line of enquiry's first: a start."""
    cited: dict[str, int] = {}
    for r in recs:
        for item in r.findings:
            cited[item.id] = cited.get(item.id, 0) + 1
    included = [i for t in themes for i in (*t.strengths, *t.areas)]
    ranked = sorted(included, key=lambda i: -cited.get(i.id, 0))
    firsts = [t.strengths[0] for t in themes if t.strengths] + [
        t.areas[0] for t in themes if t.areas
    ]
    chosen: list[Item] = []
    for item in [*(i for i in ranked if cited.get(i.id)), *firsts]:
        if item not in chosen and len(chosen) < MAX_KEY_MESSAGES:
            chosen.append(item)
    return "\n".join(bullet(i.text) for i in chosen) or "- (Key messages to come.)"


# -- the lead's edits ----------------------------------------------------------------------


def _item_record(store: Store, finding: Finding):
    from onsite.model import FeedbackItem

    item = store.feedback_items().get(finding.id)
    if item is None:
        item = FeedbackItem(
            finding_id=finding.id,
            included=finding.status == FindingStatus.AGREED,
            position=100_000 + finding.position,
        )
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
    """The lead's own text (key messages, next steps, any of onsite.leaders.texts); empty text
    goes back to Onsite's draft."""
    lead_texts.save(store, key, body)


# -- recommendations ---------------------------------------------------------------------------


def add_recommendation(
    store: Store, text: str, finding_ids: list[str] | None = None
) -> Recommendation:
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
