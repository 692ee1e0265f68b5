"""Shared by the tests of onsite.after: a filled-in action plan as a system would send it."""

from __future__ import annotations

from pathlib import Path

RATINGS = ["Amber", "Green", "Red", "amber", "Complete", "G"]


def filled_plan(path: Path, numbers=range(1, 7), *, extra_rows=(), title=True) -> Path:
    """An action plan .xlsx: a title row above the header, columns in the system's own order,
    R2's actions split over two rows (the second with no recommendation)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Action plan"
    if title:
        sheet.append(["Calder Vale: action plan in response to the peer challenge"])
    sheet.append(["RAG progress", "Recommendation", "Lead (role and organisation)", "Actions",
                  "Oversight forum", "Milestones", "Success measures", "Comments"])
    for n in numbers:
        sheet.append([RATINGS[(n - 1) % len(RATINGS)], f"R{n}. The recommendation {n}",
                      f"Director of strategy, NHS Calder Vale ICB ({n})", f"Action {n}a",
                      "Integrated Care Partnership board", f"By month {n + 2}",
                      f"Measure {n}", "ignored"])
        if n == 2:
            sheet.append([None, None, None, "Action 2b: seven-day working", None, None, None])
    for row in extra_rows:
        sheet.append(list(row))
    book.save(path)
    return path
