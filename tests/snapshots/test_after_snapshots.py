"""How the screens after and beside the week look, at 80x24 and wide. Look at a changed
SVG before accepting it (--snapshot-update)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from screens.app import make_app
from tests.snapshots.test_snapshots import steady


@pytest.fixture
def folder(demo_master, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = Path("engagements")
    folder.mkdir()
    shutil.copyfile(demo_master, folder / "demo.onsite")
    return folder


def test_progress_review_at_80x24(snap_compare, folder):
    from onsite.after import plan, review
    from onsite.paths import data_dir
    from onsite.store.db import Store

    original = Store.open(folder / "demo.onsite")
    made = review.create(
        original, folder / "review.onsite", start=date(2027, 1, 12), team=["HA", "DM", "TR"]
    )
    original.close()
    plan.import_plan(made, data_dir() / "demo" / "action-plan-filled-in.xlsx")
    review.record(made, 1, rag="amber", changed="Nineteen groups now, from forty-three.")
    made.close()

    async def open_progress(pilot):
        await steady(pilot)
        await pilot.press("f6")
        await steady(pilot)

    app = make_app(folder / "review.onsite", home=folder)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_progress)


def test_workshop_wide(snap_compare, folder):
    from onsite.after import workshop

    ws = workshop.create(
        folder / "ws.onsite",
        name="Calder Vale integration workshop",
        system="Calder Vale Health and Care System",
        held=date(2026, 6, 10),
    )
    for area, dim, score in (
        ("hosp", "ambition", 4),
        ("hosp", "capacity", 2),
        ("hosp", "capability", 3),
        ("intermediate", "ambition", 3),
        ("mental", "commitment", 1),
        ("prevention", "ambition", 5),
    ):
        workshop.rate(ws, area, dim, score)
    workshop.rate(ws, "hosp", "ambition", discussion="Home first is shared by every partner.")
    workshop.add_step(ws, "Agree one discharge dashboard", "Director of strategy, ICB", "September")
    ws.close()
    app = make_app(folder / "ws.onsite", home=folder)
    assert snap_compare(app, terminal_size=(160, 48), run_before=steady)
