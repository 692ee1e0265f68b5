"""Reading the system's action plan (.xlsx) into a progress review.

The action plan is the system's own spreadsheet: one row per recommendation (Onsite's
template, onsite.leaders), with the columns Recommendation (R1... and its text), Actions,
Lead (role and organisation), Oversight forum, Milestones, Success measures and RAG
progress. Systems move, rename and add columns, add a title above the header and split a
recommendation's actions over several rows, so:

- the header is the first row (of the first ten, on the first sheet that has one) with a
  Recommendation column; columns are found by name, in any order; others are ignored;
- a row with no recommendation continues the one above (its actions are added);
- rows are matched to the review's recommendations by number (R3, 3, "Recommendation 3").

Any bad row (no such recommendation, an unknown RAG rating, two ratings for one
recommendation) stops the import: nothing is changed, and every problem is listed with its
sheet, row and column, as the system would find it in Excel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from onsite.after.review import ReviewError, items, parse_rag

if TYPE_CHECKING:
    from onsite.store.db import Store

HEADER_ROWS = 10
# Field -> the header words that name it (matched after folding case and spacing).
COLUMNS = {
    "recommendation": ("recommendation", "recommendations", "rec", "ref", "no", "number"),
    "actions": ("actions", "action", "actions agreed", "what we will do"),
    "lead": (
        "lead",
        "lead role and organisation",
        "lead (role and organisation)",
        "owner",
        "responsible",
        "lead officer",
    ),
    "forum": ("oversight forum", "forum", "oversight", "governance", "reporting to"),
    "milestones": ("milestones", "milestone", "timescale", "timescales", "by when"),
    "measures": (
        "success measures",
        "success measure",
        "measures",
        "measures of success",
        "outcome measures",
        "how we will know",
    ),
    "system_rag": (
        "rag progress",
        "rag",
        "rag rating",
        "rag status",
        "progress rag",
        "status",
        "progress",
        "progress (rag)",
    ),  # the last as onsite.leaders.action_plan heads it
}
TEXT_FIELDS = ("actions", "lead", "forum", "milestones", "measures")
_NUMBER = re.compile(r"\s*(?:R|Rec\.?|Recommendation)?\s*(\d+)\b", re.IGNORECASE)


class PlanError(ReviewError):
    def __init__(self, file: str, problems: list[str]) -> None:
        self.problems = problems
        n = len(problems)
        super().__init__(
            f"{file}: nothing imported; {n} problem{'s' * (n != 1)}:\n"
            + "\n".join(f"  {p}" for p in problems)
        )


@dataclass
class PlanRow:
    number: int
    row: int
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Imported:
    sheet: str
    rows: int
    recommendations: list[int]
    missing: list[int]  # recommendations of the review the plan does not mention


def _fold(text) -> str:
    return " ".join(str(text or "").casefold().replace("\n", " ").split()).strip(" :*")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return f"{value:%d %B %Y}".lstrip("0")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _find_header(sheet) -> tuple[int, dict[str, int]] | None:
    for r, row in enumerate(sheet.iter_rows(min_row=1, max_row=HEADER_ROWS, values_only=True), 1):
        found: dict[str, int] = {}
        for c, value in enumerate(row):
            name = _fold(value)
            for key, names in COLUMNS.items():
                if key not in found and (
                    name in names or (key == "recommendation" and name.startswith("recommendation"))
                ):
                    found[key] = c
                    break
        if "recommendation" in found:
            return r, found
    return None


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def read(path: Path | str) -> tuple[str, list[PlanRow], list[str], dict[str, int]]:
    """(sheet name, rows, problems, columns) of an action plan file."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    if not path.is_file():
        raise ReviewError(f"{path}: no such file")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError) as e:
        raise ReviewError(
            f"{path.name}: not an Excel workbook (.xlsx) that can be read ({e}); "
            "save it from Excel as .xlsx and try again"
        ) from None
    try:
        for sheet in book.worksheets:
            header = _find_header(sheet)
            if header is not None:
                break
        else:
            raise ReviewError(
                f"{path.name}: no sheet has a header row with a Recommendation "
                f"column in its first {HEADER_ROWS} rows"
            )
        header_row, columns = header
        problems: list[str] = []
        rows: list[PlanRow] = []
        where = f"sheet '{sheet.title}'"
        for r, values in enumerate(
            sheet.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1
        ):
            cells = {
                k: _cell_text(values[c]) if c < len(values) else "" for k, c in columns.items()
            }
            if not any(cells.values()):
                continue
            rec = cells.pop("recommendation")
            col = column_letter(columns["recommendation"])
            if not rec:
                if not rows:
                    problems.append(
                        f"{where}, row {r}, column {col} (Recommendation): empty, and "
                        "no recommendation above it to continue"
                    )
                    continue
                rows.append(PlanRow(rows[-1].number, r, cells))
                continue
            m = _NUMBER.match(rec)
            if not m:
                problems.append(
                    f"{where}, row {r}, column {col} (Recommendation): {rec[:40]!r} "
                    "does not start with a recommendation number (R1, R2...)"
                )
                continue
            rows.append(PlanRow(int(m.group(1)), r, cells))
        return sheet.title, rows, problems, columns
    finally:
        book.close()


def import_plan(store: Store, path: Path | str) -> Imported:
    """Put the action plan's rows and RAG ratings on the review's recommendations: all of
    them, or (PlanError listing every problem) none."""
    path = Path(path)
    sheet, rows, problems, columns = read(path)
    by_number = {it.recommendation.number: it for it in items(store)}
    where = f"sheet '{sheet}'"
    merged: dict[int, dict[str, list[str]]] = {}
    rag: dict[int, tuple[str, int]] = {}
    for row in rows:
        if row.number not in by_number:
            col = column_letter(columns["recommendation"])
            known = ", ".join(f"R{n}" for n in sorted(by_number))
            problems.append(
                f"{where}, row {row.row}, column {col} (Recommendation): R{row.number} "
                f"is not one of this review's recommendations ({known})"
            )
            continue
        texts = merged.setdefault(row.number, {k: [] for k in TEXT_FIELDS})
        for k in TEXT_FIELDS:
            if row.values.get(k):
                texts[k].append(row.values[k])
        raw = row.values.get("system_rag", "")
        if raw:
            col = column_letter(columns["system_rag"])
            try:
                value = parse_rag(raw, f"{where}, row {row.row}, column {col} (RAG progress)")
            except ReviewError as e:
                problems.append(str(e))
                continue
            if row.number in rag and rag[row.number][0] != value:
                problems.append(
                    f"{where}, row {row.row}, column {col} (RAG progress): "
                    f"R{row.number} is rated {value} here but "
                    f"{rag[row.number][0]} in row {rag[row.number][1]}; "
                    "give it one rating"
                )
                continue
            rag[row.number] = (value, row.row)
    if problems:
        raise PlanError(path.name, problems)
    with store.writing() as w:
        for number, texts in merged.items():
            fields = {k: "\n".join(v) for k, v in texts.items() if k in columns}
            if number in rag:
                fields["system_rag"] = rag[number][0]
            w.update(by_number[number].progress, **fields)
    return Imported(sheet, len(rows), sorted(merged), sorted(set(by_number) - set(merged)))
