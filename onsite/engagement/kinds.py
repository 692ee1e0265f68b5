"""Kinds of engagement: what each brings with it when a new engagement is made.

A kind names its default lines of enquiry (each with its guiding questions and the #tag
aliases peers are likely to type), the kinds of session its timetables hold, and the rule
for the report's next steps (used by the report): a corporate peer challenge's are set by
the LGA (publish within 3 months, an action plan within 5, a progress review at about 10);
a health and care system's are agreed locally.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from onsite.model import SESSION_KINDS

DEFAULT = "health and care system peer challenge"
CUSTOM = "custom"

# Next-steps rules, by id: the report issue words them.
NEXT_STEPS_MANDATED = "corporate"  # publish in 3 months, action plan in 5, progress review ~10
NEXT_STEPS_LOCAL = "agreed locally"  # agreed with the system, not mandated


@dataclass(frozen=True)
class Line:
    key: str
    name: str
    aliases: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Kind:
    name: str
    lines: tuple[Line, ...]
    session_kinds: tuple[str, ...] = SESSION_KINDS
    next_steps: str = NEXT_STEPS_LOCAL
    about: str = ""
    aliases: tuple[str, ...] = field(default=())


HEALTH_AND_CARE = Kind(
    DEFAULT,
    (
        Line(
            "vision",
            "Shared vision and strategy",
            ("strategy",),
            (
                "Do partners share a clear, ambitious vision for the health and wellbeing of the "
                "population, and is it owned beyond the leaders who wrote it?",
            ),
        ),
        Line(
            "leadership",
            "System leadership and relationships",
            ("relationships",),
            (
                "How well do leaders across the NHS, councils and the voluntary sector work "
                "together, and how do they handle disagreement?",
            ),
        ),
        Line(
            "governance",
            "Governance and decision making",
            ("decisions",),
            (
                "Are decisions made in the right place, at the right pace, with clear "
                "accountability across partners?",
            ),
        ),
        Line(
            "integration",
            "Integration and care pathways",
            ("discharge", "pathways"),
            ("How well do services join up around people, for example on leaving hospital?",),
        ),
        Line(
            "prevention",
            "Prevention and health inequalities",
            ("inequalities",),
            (
                "Is there a shared understanding of inequalities, and action on prevention that "
                "reaches the people who need it most?",
            ),
        ),
        Line(
            "workforce",
            "Workforce",
            ("staff",),
            ("Is there a shared plan to recruit, keep and develop staff across health and care?",),
        ),
        Line(
            "finance",
            "Finance and resources",
            ("money",),
            ("Do partners plan money and resources together and share risk?",),
        ),
        Line(
            "improvement",
            "Capacity for improvement",
            ("capacity",),
            ("Does the system have the capacity and culture to keep improving?",),
        ),
    ),
    about="the LGA's health and care system peer challenge, with NHS partners",
    aliases=("health and care system", "health and care", "hcs", "system"),
)

CORPORATE = Kind(
    "corporate peer challenge",
    (
        Line(
            "priorities",
            "Local priorities and outcomes",
            ("outcomes",),
            (
                "Are the council's priorities clear and informed by the local context, and is "
                "it delivering effective outcomes for residents?",
            ),
        ),
        Line(
            "leadership",
            "Organisational and place leadership",
            ("place",),
            (
                "Does the council provide effective local leadership, and are there good "
                "relationships with partners and communities?",
            ),
        ),
        Line(
            "governance",
            "Governance and culture",
            ("culture",),
            (
                "Are there clear and robust governance arrangements, and a culture of respect, "
                "challenge and scrutiny?",
            ),
        ),
        Line(
            "finance",
            "Financial planning and management",
            ("money",),
            (
                "Does the council understand its financial position and have a plan to "
                "address its financial challenges?",
            ),
        ),
        Line(
            "improvement",
            "Capacity for improvement",
            ("capacity",),
            (
                "Is the organisation able to support delivery of local priorities, and does it "
                "have the capacity to improve?",
            ),
        ),
    ),
    next_steps=NEXT_STEPS_MANDATED,
    about="the LGA's corporate peer challenge of a council",
    aliases=("corporate", "cpc"),
)

ADULT_SOCIAL_CARE = Kind(
    "adult social care peer challenge",
    (
        Line(
            "people",
            "Working with people",
            ("assessment", "carers"),
            (
                "How well does the council assess needs, support carers and help people live "
                "the lives they want?",
            ),
        ),
        Line(
            "support",
            "Providing support",
            ("commissioning", "market"),
            ("Does the council shape a market of good care and work with partners to provide it?",),
        ),
        Line(
            "safety",
            "Ensuring safety",
            ("safeguarding", "transitions"),
            (
                "Are people kept safe, including through safeguarding and when moving between "
                "services?",
            ),
        ),
        Line(
            "leadership",
            "Leadership",
            ("governance", "learning"),
            ("Is there strong leadership, governance and learning that improves care?",),
        ),
    ),
    session_kinds=(*SESSION_KINDS, "case file review"),
    next_steps=NEXT_STEPS_LOCAL,
    about="the LGA's adult social care peer challenge",
    aliases=("adult social care", "asc"),
)

CUSTOM_KIND = Kind(
    CUSTOM, (), about="your own lines of enquiry, agreed with the system", aliases=("own", "other")
)

KINDS: tuple[Kind, ...] = (HEALTH_AND_CARE, CORPORATE, ADULT_SOCIAL_CARE, CUSTOM_KIND)


def find(name: str) -> Kind:
    """The kind a person named (its name, a short name, any case); ValueError listing them."""
    key = " ".join(name.casefold().replace("-", " ").split())
    for kind in KINDS:
        if key == kind.name or key in kind.aliases:
            return kind
    raise ValueError(
        f"'{name}' is not a kind of engagement; choose one of: " + ", ".join(k.name for k in KINDS)
    )


def of(engagement_kind: str) -> Kind:
    """The kind an engagement was made as; a kind this Onsite does not know counts as custom."""
    try:
        return find(engagement_kind)
    except ValueError:
        return CUSTOM_KIND
