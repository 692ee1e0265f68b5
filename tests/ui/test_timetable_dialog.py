"""Importing the timetable from the week screen as a person does: `i`, the file dialog, the
folder typed, the file picked in the folder tree, the preview, then the store read back."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DirectoryTree, Input

from onsite.store.db import Store
from screens.app import make_app
from screens.forms import FileDialog, PreviewDialog
from screens.week import WeekScreen
from tests.ui.helpers import settle

SIZE = (120, 36)
DEMO_TIMETABLE = Path(__file__).resolve().parents[2] / "data" / "demo" / "timetable.csv"
MOVED = "ICB chief finance officer"  # day 1 13:30-14:30 in the demo, moved to 14:00-15:00
ADDED = "Healthwatch volunteers focus group"


def reissued(folder: Path) -> Path:
    """The demo's timetable as the system sends it again: one interview later, one focus group more."""
    lines = DEMO_TIMETABLE.read_text(encoding="utf-8").splitlines()
    [row] = [
        i for i, line in enumerate(lines) if line.startswith(f"1,13:30,14:30,interview,{MOVED},")
    ]
    lines[row] = lines[row].replace("1,13:30,14:30,", "1,14:00,15:00,", 1)
    lines.append(f'2,16:00,17:00,focus group,{ADDED},,"Hebbleton Civic Centre, Room 5",HA;TR')
    folder.mkdir()
    (folder / "notes.txt").write_text("not a timetable", encoding="utf-8")
    path = folder / "timetable.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def pick_in_tree(pilot, tree: DirectoryTree, name: str) -> None:
    """Down the tree to the file called name, then Enter, as a person does."""
    for _ in range(len(tree.root.children) + 1):
        node = tree.cursor_node
        if node is not None and node.data is not None and node.data.path.name == name:
            break
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)


async def test_i_on_the_week_screen_picks_the_timetable_in_the_dialog_and_imports_it(
    demo_file, tmp_path
):
    timetable = reissued(tmp_path / "from the system")
    before = Store.open(demo_file)
    [moved] = [s for s in before.sessions() if s.title == MOVED]
    count = len(before.sessions())
    before.close()
    app = make_app(demo_file, home=demo_file.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        week = app.screen
        assert isinstance(week, WeekScreen)
        await pilot.press("i")
        await settle(pilot)  # returns with the dialog open: its folder tree is read, not waited on
        dialog = app.screen
        assert isinstance(dialog, FileDialog)
        assert isinstance(app.focused, Input) and app.focused.id == "path"
        tree = dialog.query_one(DirectoryTree)
        # a folder typed moves the tree there, and Enter goes down into it
        app.focused.value = str(timetable.parent)
        await pilot.press("enter")
        await settle(pilot)
        assert tree.path == timetable.parent and app.focused is tree
        assert [node.data.path.name for node in tree.root.children if node.data] == [
            "notes.txt",
            "timetable.csv",
        ]
        await pick_in_tree(pilot, tree, "notes.txt")  # refused, and the dialog stays
        assert app.screen is dialog
        error = str(dialog.query_one("#error").render())
        assert "notes.txt: not one of .xlsx, .xlsm, .csv" in error
        await pick_in_tree(pilot, tree, "timetable.csv")
        preview = app.screen
        assert isinstance(preview, PreviewDialog)
        assert preview.heading == "timetable.csv: 1 to add, 1 to move, 44 unchanged. Apply?"
        assert preview.lines == [
            f"move     day 1 14:00-15:00  {MOVED}  (from day 1 13:30-14:30)",
            f"add      day 2 16:00-17:00  {ADDED}",
        ]
        unchanged = Store.open(demo_file)  # the preview writes nothing
        assert [(s.start, s.end) for s in unchanged.sessions() if s.id == moved.id] == [
            ("13:30", "14:30")
        ]
        unchanged.close()
        await pilot.press("a")
        await settle(pilot)
        assert app.screen is week
    store = Store.open(demo_file)
    sessions = store.sessions()
    assert len(sessions) == count + 1
    [after] = [s for s in sessions if s.id == moved.id]  # the same session, its notes with it
    assert (after.day, after.start, after.end) == (1, "14:00", "15:00")
    [added] = [s for s in sessions if s.title == ADDED]
    assert (added.day, added.start, added.end, added.kind) == (2, "16:00", "17:00", "focus group")
    store.close()
