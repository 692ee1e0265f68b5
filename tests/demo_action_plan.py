"""Rebuilds data/demo/action-plan-filled-in.xlsx, the demo system's action plan as it might
come back filled in for the progress review: a title row, the exported plan's columns
(onsite.leaders.action_plan.COLUMNS), one row per recommendation of the demo engagement.

    uv run python -m tests.demo_action_plan

The recommendation text is read from the demo itself, so a changed demo only needs the
system's entries below (one per recommendation) brought in line and the file rebuilt."""

from __future__ import annotations

import tempfile
from pathlib import Path

from onsite.leaders.action_plan import COLUMNS
from onsite.paths import data_dir
from onsite.synth import demo

TITLE = (
    "Rennick Vale Health and Care System: action plan in response to the peer challenge "
    "(updated December 2026)"
)

# (actions, lead, oversight forum, milestones, success measures, RAG progress), by number.
ENTRIES = {
    1: (
        "Review of system governance completed; 43 groups reduced to 19. System Urgent Care and "
        "Flow Board established with a delegated budget. Place delegation schedule agreed for "
        "Hebbleton; Marlowby in draft.",
        "Director of strategy and partnerships, NHS Rennick Vale ICB",
        "Rennick Vale Integrated Care Partnership",
        "Board terms of reference agreed Sept 2026; Marlowby delegation by March 2027",
        "Fewer groups; decisions on flow made in one forum within one meeting cycle",
        "Amber",
    ),
    2: (
        "Transfer of Care Hub at Rennick Vale General Hospital extended to six days from "
        "October 2026; seventh day from April 2027. Joint trusted assessor protocol agreed with "
        "both councils.",
        "Chief operating officer, Rennick Vale Hospitals NHS Foundation Trust, with the directors "
        "of adult social services of both councils",
        "System Urgent Care and Flow Board",
        "Six-day working Oct 2026; seven-day April 2027",
        "Average delay for pathway 1 below 2 days; no criteria to reside under 60",
        "Green",
    ),
    3: (
        "Open-book review commissioned from an independent facilitator; first phase (escalation "
        "beds, step-down) reported. Pooled funding agreement not yet drafted.",
        "Chief finance officer, NHS Rennick Vale ICB",
        "System Finance and Investment Committee",
        "Review complete Dec 2026; pooled agreement from April 2027",
        "Three-year pooled agreement signed by the trust, both councils and the ICB",
        "Red",
    ),
    4: (
        "Joint workforce plan drafted with the Rennick Vale care association; rural travel "
        "supplement agreed in Marlowby for the Upper Rennick valley; common fee framework under "
        "consultation.",
        "Director of adult social services, Marlowby Council",
        "Joint Workforce Board",
        "Plan published Nov 2026; fee framework April 2027",
        "Domiciliary care vacancy rate under 10%",
        "Amber",
    ),
    5: (
        "Marlowby Lives Well funded recurrently for three years from April 2026; spread to two "
        "Hebbleton neighbourhoods started with the integrated neighbourhood teams.",
        "Director of public health, Marlowby Council",
        "Health and Wellbeing Boards",
        "Recurrent funding April 2026; spread by Sept 2027",
        "Hypertension detection rates in target neighbourhoods",
        "Complete",
    ),
    6: (
        "Vale Together VCSE Alliance given a seat on the Integrated Care Partnership; three-year "
        "grants for Home from Hospital and The Lantern agreed.",
        "Chief officer, Vale Together VCSE Alliance, with the ICB director of strategy",
        "Rennick Vale Integrated Care Partnership",
        "Seat from June 2026; grants from April 2027",
        "VCSE services on three-year agreements",
        "Green",
    ),
    7: (
        "System improvement network formed from the trusts' and councils' improvement teams; "
        "two system priorities chosen (discharge, hypertension) with evaluation plans. Route "
        "from pilot to recurrent funding drafted for the Finance and Investment Committee.",
        "Chief nurse, NHS Rennick Vale ICB, with Rennick Vale Community Health NHS Trust",
        "Rennick Vale Integrated Care Partnership",
        "Network launched Oct 2026; funding route agreed by June 2027",
        "Every system priority has an evaluation plan; pilots decided on within 12 months",
        "Amber",
    ),
}


def rows() -> list[list[str]]:
    """The plan's rows: each demo recommendation with the system's entries for it."""
    with tempfile.TemporaryDirectory() as tmp:
        store = demo.create(Path(tmp) / "demo.onsite")
        try:
            recs = [(r.number, r.text) for r in store.recommendations()]
        finally:
            store.close()
    if sorted(ENTRIES) != [n for n, _ in recs]:
        raise SystemExit(
            f"the demo has recommendations {[n for n, _ in recs]}, the entries here "
            f"{sorted(ENTRIES)}: bring ENTRIES in line with the demo"
        )
    return [[f"R{n}. {text}", *ENTRIES[n]] for n, text in recs]


def build(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Action plan"
    sheet.append([TITLE])
    sheet.append(list(COLUMNS))
    for row in rows():
        sheet.append(row)
    book.save(path)
    return path


if __name__ == "__main__":
    print(build(data_dir() / "demo" / "action-plan-filled-in.xlsx"))
