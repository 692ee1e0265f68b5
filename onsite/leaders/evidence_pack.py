"""The team's evidence pack: what each recommendation rests on and the evidence behind each
finding. For the peer team only (and the challenge manager drafting the report), never for
system leaders: it names sessions and shows findings that were not agreed. It names no
participant: sessions by title, documents by title.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onsite.leaders.daily import bullet
from onsite.leaders.dates import date_range, last_day

if TYPE_CHECKING:
    from onsite.leaders.feedback import Feedback
    from onsite.store.db import Store

TEAM_ONLY = (
    "**Confidential to the peer team.** Not for system leaders: it shows what each "
    "recommendation rests on, and findings that were not agreed."
)


def evidence_pack_markdown(store: Store, feedback: Feedback) -> str:
    e = feedback.engagement
    sessions = {s.id: s for s in store.sessions()}
    documents = {d.id: d for d in store.documents()}
    sources: dict[str, set[str]] = {}
    for _, finding_id, _evidence, session_id, document_id, *_ in store.evidence_rows():
        if finding_id is None:
            continue
        if session_id in sessions:
            s = sessions[session_id]
            sources.setdefault(finding_id, set()).add(f"day {s.day} {s.start}, {s.kind}: {s.title}")
        elif document_id in documents:
            sources.setdefault(finding_id, set()).add(f"document: {documents[document_id].title}")
    names = {t.theme.key: t.theme.name for t in feedback.themes}
    out = [
        f"# {e.system or e.name}: evidence pack (team only)",
        "",
        f"{date_range(e.start, last_day(e))}",
        "",
        TEAM_ONLY,
        "",
        "## Recommendations",
        "",
    ]
    for r in feedback.recommendations:
        out.append(bullet(f"**{r.label}.** {' '.join(r.recommendation.text.split())}"))
        for item in r.findings:
            out.append(
                f"  - Rests on ({item.finding.status}; {item.support.describe()}): "
                + " ".join(item.text.split())
            )
        if not r.findings:
            out.append("  - Rests on no finding.")
    out += ["", "## Findings and the evidence behind them", ""]
    for item in sorted(
        feedback.items.values(),
        key=lambda i: (i.finding.theme_key, i.finding.polarity, i.finding.position),
    ):
        f = item.finding
        where = "in the documents" if item.in_documents else "not in the documents"
        out.append(
            bullet(
                f"**{names.get(f.theme_key, f.theme_key)}, {f.polarity}, {f.status}** "
                f"({where}; {item.support.describe()}): {' '.join(item.text.split())}"
            )
        )
        out += [f"  - {s}" for s in sorted(sources.get(f.id, ()))]
    return "\n".join(out).rstrip() + "\n"
