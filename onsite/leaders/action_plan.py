"""The action plan: the system's own document in response to the peer challenge, not part of
the report. One row per recommendation, with the columns the system fills in (actions, lead
by role and organisation, oversight forum, milestones, success measures) and a RAG progress
rating that the progress review revisits. As Word (landscape A4) and as Excel, where the
rating is a drop-down.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from onsite.leaders.daily import long_date
from onsite.leaders.dates import date_range, is_corporate, kind_label, last_day

if TYPE_CHECKING:
    from onsite.leaders.dates import Deadlines
    from onsite.leaders.feedback import Feedback

COLUMNS = (
    "Recommendation",
    "Actions",
    "Lead (role and organisation)",
    "Oversight forum",
    "Milestones",
    "Success measures",
    "Progress (RAG)",
)
RAG = ("Red", "Amber", "Green", "Complete")
WIDTHS = (44, 36, 24, 22, 22, 28, 14)


def intro(feedback: Feedback, d: Deadlines) -> str:
    e = feedback.engagement
    system = e.system or e.name
    when = (
        f" It is published by {long_date(d.action_plan)}, within five months of the peer "
        f"challenge; the progress review around {long_date(d.progress_review)} revisits each "
        "rating."
        if is_corporate(e)
        else " Its timing and publication are agreed locally; a progress review about ten months "
        "on revisits each rating."
    )
    return (
        f"{system}'s response to the {kind_label(e)} ({date_range(e.start, last_day(e))}): "
        "for each of the peer team's recommendations, the actions the system will take, who "
        "leads them, where progress is overseen, the milestones and how success will be "
        "measured. This is the system's own document, not part of the peer team's report." + when
    )


def rows(feedback: Feedback) -> list[list[str]]:
    return [
        [f"{n}. {' '.join(r.recommendation.text.split())}", "", "", "", "", "", ""]
        for n, r in enumerate(feedback.recommendations, start=1)
    ]


def title(feedback: Feedback) -> str:
    e = feedback.engagement
    return f"{e.system or e.name}: action plan"


def markdown(feedback: Feedback, d: Deadlines) -> str:
    out = [
        f"# {title(feedback)}",
        "",
        intro(feedback, d),
        "",
        "Progress (RAG): Red, off track; Amber, at risk; Green, on track; Complete.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    for row in rows(feedback):
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
    return "\n".join(out) + "\n"


def xlsx(feedback: Feedback, d: Deadlines, marking: str = "") -> bytes:
    """The plan as an Excel workbook: a header row that stays in view, wrapped text, A4
    landscape when printed, and the RAG column as a drop-down."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws: Any = wb.active  # a new workbook's one worksheet (typed as maybe none, or a chart sheet)
    ws.title = "Action plan"
    ws["A1"] = title(feedback) + (f" ({marking})" if marking else "")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = intro(feedback, d)
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(COLUMNS))
    ws.row_dimensions[2].height = 48
    head = 4
    fill = PatternFill("solid", fgColor="DCE3EF")
    line = Side(style="thin", color="8A8A8A")
    box = Border(left=line, right=line, top=line, bottom=line)  # the grid shows when printed
    for c, name in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=head, column=c, value=name)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.border = box
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS[c - 1]
    body = rows(feedback)
    for r, row in enumerate(body, start=head + 1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value or None)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = box
        ws.row_dimensions[r].height = 90
    rag = DataValidation(
        type="list",
        formula1='"' + ",".join(RAG) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Progress (RAG)",
        error="Choose Red, Amber, Green or Complete",
    )
    rag.prompt, rag.promptTitle, rag.showInputMessage = (
        "Red, Amber, Green or Complete",
        "Progress",
        True,
    )
    ws.add_data_validation(rag)
    column = get_column_letter(len(COLUMNS))
    rag.add(f"{column}{head + 1}:{column}{head + max(len(body), 1)}")
    ws.freeze_panes = ws.cell(row=head + 1, column=2)
    ws.print_title_rows = f"{head}:{head}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "Page &P of &N"
    ws.oddHeader.right.text = marking
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
