"""Shared by the tests of onsite.after: a filled-in action plan as a system would send it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from onsite.paths import data_dir

RATINGS = ["Amber", "Green", "Red", "amber", "Complete", "G"]
# RATINGS as the review stores them
PARSED = ["amber", "green", "red", "amber", "blue", "green"]
# The demo's system, as its own spreadsheet names it
SYSTEM = "Rennick Vale"


def demo_numbers() -> list[int]:
    """The demo engagement's recommendation numbers, as onsite.synth.demo loads them."""
    spec = tomllib.loads((data_dir() / "demo" / "findings.toml").read_text(encoding="utf-8"))
    return [r["number"] for r in spec.get("recommendation", [])]


def rating(n: int) -> str:
    """The system's rating that filled_plan gives recommendation n, as the review stores it."""
    return PARSED[(n - 1) % len(PARSED)]


def first_extra_row(numbers=None, title=True) -> int:
    """The sheet row of the first of filled_plan's extra_rows."""
    numbers = demo_numbers() if numbers is None else list(numbers)
    return int(title) + 1 + len(numbers) + (2 in numbers) + 1


def filled_plan(path: Path, numbers=None, *, extra_rows=(), title=True) -> Path:
    """An action plan .xlsx: a title row above the header, columns in the system's own order,
    R2's actions split over two rows (the second with no recommendation). One row per
    recommendation of the demo unless numbers are given."""
    from openpyxl import Workbook

    numbers = demo_numbers() if numbers is None else list(numbers)
    book = Workbook()
    sheet = book.active
    sheet.title = "Action plan"
    if title:
        sheet.append([f"{SYSTEM}: action plan in response to the peer challenge"])
    sheet.append(
        [
            "RAG progress",
            "Recommendation",
            "Lead (role and organisation)",
            "Actions",
            "Oversight forum",
            "Milestones",
            "Success measures",
            "Comments",
        ]
    )
    for n in numbers:
        sheet.append(
            [
                RATINGS[(n - 1) % len(RATINGS)],
                f"R{n}. The recommendation {n}",
                f"Director of strategy, NHS {SYSTEM} ICB ({n})",
                f"Action {n}a",
                "Integrated Care Partnership board",
                f"By month {n + 2}",
                f"Measure {n}",
                "ignored",
            ]
        )
        if n == 2:
            sheet.append([None, None, None, "Action 2b: seven-day working", None, None, None])
    for row in extra_rows:
        sheet.append(list(row))
    book.save(path)
    return path
