"""Reading a spreadsheet as a person made it: a CSV saved from Excel, or the .xlsx itself.

Either way the result is rows of cells with the line (row number) a person sees in Excel,
and a header row found wherever it is: a system's timetable usually has a title, a date
and a blank row or two above its column headings, and a workbook may have several sheets
(a cover sheet, the timetable, a contacts list). Cells from an .xlsx keep their type (a
real date or time stays a date or time); `text()` turns any cell into what Excel shows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

HEADER_SEARCH_ROWS = 30  # a header further down than this is not a header


class SheetError(ValueError):
    """The file cannot be read as a table: the message names the file and why."""


@dataclass
class Table:
    file: str
    sheet: str  # "" for a CSV
    header: list[str]  # the header row's cells, as typed
    header_line: int
    rows: list[tuple[int, list]]  # (line, cells) after the header, blank rows left out

    @property
    def where(self) -> str:
        return f"{self.file}" + (f", sheet '{self.sheet}'" if self.sheet else "")


def decode(raw: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes), else Windows-1252 from older Excel."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def text(cell) -> str:
    """A cell as text: dates as 2026-03-02, times as 09:30, whole numbers without '.0'."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        if cell.time() == time(0, 0):
            return cell.date().isoformat()
        if cell.date() <= date(1900, 1, 1):  # a time typed into a cell Excel stored as a date
            return f"{cell:%H:%M}"
        return f"{cell:%Y-%m-%d %H:%M}"
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, time):
        return f"{cell:%H:%M}"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else f"{cell:.2f}"
    return str(cell).replace("\r\n", "\n").replace("\r", "\n").strip()


def _csv_rows(path: Path) -> list[tuple[int, list]]:
    try:
        content = decode(path.read_bytes())
    except OSError as e:
        raise SheetError(f"{path.name}: cannot be read ({e.strerror})") from None
    reader = csv.reader(io.StringIO(content, newline=""))
    rows = []
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            raise SheetError(f"{path.name}, line {line}: not valid CSV ({e})") from None
        rows.append((line, cells))
    return rows


def _workbook(path: Path):
    from openpyxl import load_workbook

    try:
        # read_only: a large workbook streams; data_only: a formula's value, not its text.
        return load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError) as e:
        raise SheetError(f"{path.name}: cannot be read as an Excel workbook ({e})") from None
    except Exception as e:  # zipfile.BadZipFile and openpyxl's own errors
        raise SheetError(f"{path.name}: not an Excel .xlsx workbook ({type(e).__name__})") from None


def read(
    path: Path | str,
    is_header: Callable[[list[str]], bool],
    sheet: str | None = None,
    what: str = "table",
) -> Table:
    """The table in a CSV or .xlsx file: the first row `is_header` accepts is the header.
    In a workbook, the named sheet, else the first sheet that has such a row."""
    path = Path(path)
    if not path.is_file():
        raise SheetError(f"{path}: no such file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        book = _workbook(path)
        try:
            names = book.sheetnames
            if sheet is not None:
                match = [n for n in names if n.casefold() == sheet.strip().casefold()]
                if not match:
                    raise SheetError(
                        f"{path.name}: no sheet named '{sheet}' (it has: {', '.join(names)})"
                    )
                names = match
            for name in names:
                rows = [
                    (i, list(cells))
                    for i, cells in enumerate(book[name].iter_rows(values_only=True), start=1)
                ]
                table = _table(path.name, name, rows, is_header)
                if table is not None:
                    return table
        finally:
            book.close()
        where = (
            f"sheet '{names[0]}'"
            if sheet is not None
            else f"any of its sheets ({', '.join(names)})"
        )
        raise SheetError(
            f"{path.name}: no {what} header row in {where}; give --sheet NAME "
            "or check the column headings"
        )
    if path.suffix.lower() == ".xls":
        raise SheetError(f"{path.name}: an old Excel .xls file; save it as .xlsx or CSV first")
    table = _table(path.name, "", _csv_rows(path), is_header)
    if table is None:
        raise SheetError(
            f"{path.name}: no {what} header row in the first {HEADER_SEARCH_ROWS} "
            "rows; check the column headings"
        )
    return table


def _table(
    file: str, sheet: str, rows: list[tuple[int, list]], is_header: Callable[[list[str]], bool]
) -> Table | None:
    for k, (line, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        header = [text(c) for c in cells]
        if is_header(header):
            body = [(n, c) for n, c in rows[k + 1 :] if any(text(x) for x in c)]
            return Table(file, sheet, header, line, body)
    return None


def heading(cell: str) -> str:
    """A column heading folded for matching: no case, no punctuation, single spaces."""
    cleaned = "".join(c if c.isalnum() else " " for c in cell.casefold())
    return " ".join(cleaned.split())
