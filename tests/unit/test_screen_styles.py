"""Each screen's styles are in a .tcss file beside it, as the README says: no screen
or dialog carries CSS in a Python string. Reusable widgets (screens/widgets/) keep theirs in
DEFAULT_CSS, where Textual lets an app override them. Read from the source (AST), so a new
screen is checked without being imported."""

from __future__ import annotations

import ast
from pathlib import Path

SCREENS = Path(__file__).resolve().parents[2] / "screens"


def _class_assignments(path: Path):
    """(class name, attribute, value node) of each assignment in a class body."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.Assign):
                    for target in item.targets:
                        if isinstance(target, ast.Name):
                            yield node.name, target.id, item.value


def _screen_modules() -> list[Path]:
    return sorted(p for p in SCREENS.rglob("*.py") if "widgets" not in p.relative_to(SCREENS).parts)


def test_no_screen_carries_inline_css():
    inline = [
        f"{path.relative_to(SCREENS)}: {cls}.{name}"
        for path in _screen_modules()
        for cls, name, _ in _class_assignments(path)
        if name in ("CSS", "DEFAULT_CSS")
    ]
    assert inline == []


def test_the_app_loads_every_style_file_and_no_screen_loads_its_own():
    """Loaded once at start (screens/app.py says why), never on a screen's first showing."""
    from screens.app import OnsiteApp

    own = [
        f"{path.relative_to(SCREENS)}: {cls}"
        for path in _screen_modules()
        for cls, name, _ in _class_assignments(path)
        if name == "CSS_PATH" and cls != "OnsiteApp"
    ]
    assert own == []
    files = sorted(SCREENS.rglob("*.tcss"))
    assert len(files) > 20
    assert sorted(Path(p) for p in OnsiteApp.CSS_PATH) == files


def test_every_rule_sits_under_a_screen_or_dialog_of_onsite():
    """Loading every file at start is safe only because no rule reaches past its own screen:
    each top-level selector starts with the name of a class defined in screens/."""
    import re

    classes = {
        cls
        for path in SCREENS.rglob("*.py")
        for cls in re.findall(r"^class (\w+)", path.read_text(encoding="utf-8"), re.M)
    }
    loose = []
    for path in sorted(SCREENS.rglob("*.tcss")):
        text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        depth = 0
        for line_no, line in enumerate(text.splitlines(), start=1):
            if depth == 0 and "{" in line:
                for selector in line.split("{", 1)[0].split(","):
                    name = re.match(r"\s*([A-Za-z_]\w*)", selector)
                    if not name or name.group(1) not in classes:
                        loose.append(f"{path.relative_to(SCREENS)}:{line_no}: {selector.strip()}")
            depth += line.count("{") - line.count("}")
    assert loose == []
