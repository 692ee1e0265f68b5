"""The integration workshop: live ratings, the shared analysis, next steps with owners, and
a summary with the ratings as a chart (inline SVG in HTML, a shaded table in Word)."""

import io
import re
from datetime import date

import pytest

from onsite.after import workshop
from onsite.after.output import export_documents
from onsite.cli import main
from onsite.store.db import Store


@pytest.fixture
def ws(tmp_path):
    store = workshop.create(
        tmp_path / "ws.onsite",
        name="Integration workshop",
        system="Calder Vale",
        held=date(2026, 6, 10),
        areas=["Hospital discharge", "Mental health"],
    )
    yield store
    store.close()


def test_ratings_are_captured_per_area_and_dimension(ws):
    workshop.rate(ws, "hosp", "amb", 4, "A clear ambition for home first.")
    workshop.rate(ws, "Hospital discharge", "capacity", 2)
    workshop.rate(ws, "hosp", "amb", 5)  # rated again: the same record, the discussion kept
    rows = workshop.grid(ws)
    assert [r.area.name for r in rows] == ["Hospital discharge", "Mental health"]
    assert [rows[0].score(d) for d in ("ambition", "capacity", "capability", "commitment")] == [
        5,
        2,
        0,
        0,
    ]
    assert rows[0].ratings["ambition"].discussion == "A clear ambition for home first."
    with pytest.raises(workshop.WorkshopError, match="give 1 .* to 5"):
        workshop.rate(ws, "mental", "ambition", 7)
    with pytest.raises(workshop.WorkshopError, match="choose ambition, capacity"):
        workshop.rate(ws, "mental", "courage", 3)
    with pytest.raises(workshop.WorkshopError, match="is not an area"):
        workshop.rate(ws, "housing", "ambition", 3)


def test_the_summary_has_the_chart_in_html_and_a_shaded_table_in_word(ws, tmp_path):
    from docx import Document

    workshop.rate(ws, "hosp", "ambition", 4, "Home first.")
    workshop.rate(ws, "mental", "commitment", 1)
    workshop.set_analysis(ws, "Ambition runs ahead of capacity.")
    workshop.add_step(ws, "Agree one discharge dashboard", "Director of strategy, ICB", "September")
    out = tmp_path / "out"
    out.mkdir()
    result = export_documents(ws, out, ["md", "html", "docx"], workshop.outputs(ws))
    by = {w.format: w.path for w in result.written}
    md = by["md"].read_text(encoding="utf-8")
    assert "[[picture]]" not in md
    assert "| Hospital discharge | 4 (established) | not rated | not rated | not rated |" in md
    assert "| Agree one discharge dashboard | Director of strategy, ICB | September |" in md
    html = by["html"].read_text(encoding="utf-8")
    assert "<figure><svg" in html and "[[picture]]" not in html
    assert len(re.findall(r'<rect [^>]*fill="#91cf60"', html)) == 2  # the one 4, and the legend's
    assert len(re.findall(r'<rect [^>]*fill="#d73027"', html)) == 2  # the 1, and the legend's
    doc = Document(io.BytesIO(by["docx"].read_bytes()))
    assert all("[[picture]]" not in p.text for p in doc.paragraphs)
    chart = doc.tables[0]
    assert (
        chart.cell(1, 0).text == "Hospital discharge" and chart.cell(1, 1).text == "4 established"
    )
    assert len(doc.tables) == 2  # the shaded ratings and the next steps: no plain copy
    fill = chart.cell(1, 1)._tc.xpath("./w:tcPr/w:shd/@w:fill")
    assert fill == ["91CF60"]


def test_a_workshop_on_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert (
        main(
            [
                "workshop",
                "new",
                "ws",
                "--name",
                "Workshop",
                "--date",
                "2026-06-10",
                "--plain",
                "--areas",
                "Discharge; Prevention",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "workshop",
                "rate",
                "ws.onsite",
                "disch",
                "capability",
                "3",
                "--discussion",
                "Skills are there",
            ]
        )
        == 0
    )
    assert main(["workshop", "rate", "ws.onsite", "nowhere", "capability", "3"]) == 1
    assert "is not an area" in capsys.readouterr().err
    assert main(["workshop", "step", "ws.onsite", "Pool the budgets", "--owner", "ICB"]) == 0
    assert main(["workshop", "show", "ws.onsite"]) == 0
    shown = capsys.readouterr().out
    assert "Discharge" in shown and "Capability" in shown and "Pool the budgets" in shown
    store = Store.open(tmp_path / "ws.onsite")
    assert workshop.grid(store)[0].ratings["capability"].discussion == "Skills are there"
    assert [s.owner for s in workshop.steps(store)] == ["ICB"]
    store.close()
