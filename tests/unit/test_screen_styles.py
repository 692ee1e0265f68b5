"""Each screen's styles are in a .tcss file beside it (CSS_PATH), as the README says: no screen
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
    inline = [f"{path.relative_to(SCREENS)}: {cls}.{name}" for path in _screen_modules()
              for cls, name, _ in _class_assignments(path) if name in ("CSS", "DEFAULT_CSS")]
    assert inline == []


def test_every_css_path_names_a_file_beside_its_module():
    named = []
    for path in _screen_modules():
        for cls, name, value in _class_assignments(path):
            if name != "CSS_PATH":
                continue
            values = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
            for v in values:
                assert isinstance(v, ast.Constant) and isinstance(v.value, str), f"{cls}.CSS_PATH"
                named.append((cls, path.parent / v.value))
    assert len(named) > 20
    assert [f"{cls}: {p}" for cls, p in named if not p.is_file()] == []
