"""The architecture holds: the core never imports Textual, the app's first screen does not
need the database layer, no import circle, and the import contracts in pyproject.toml."""

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import onsite

ROOT = Path(__file__).resolve().parents[2]
CORE_MODULES = sorted(  # __main__ would start the app
    m.name
    for m in pkgutil.walk_packages(onsite.__path__, prefix="onsite.")
    if not m.name.endswith("__main__")
)


def _run(code: str):
    """Run code in a fresh interpreter (nothing imported yet); its printed JSON."""
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
    )
    return json.loads(out.stdout)


def test_core_modules_are_found():
    assert "onsite.store.db" in CORE_MODULES and "onsite.cli" in CORE_MODULES
    assert len(CORE_MODULES) > 40


def test_no_core_module_imports_textual():
    """One fresh interpreter imports every core module in turn and notes, for each, which
    modules its import brought in. What a module loads is the same whatever was loaded
    before it, so a Textual import anywhere in the core shows up, named by the first core
    module that reaches it: the power of one interpreter per module, at the cost of one."""
    code = (
        "import importlib, json, sys\n"
        f"names = {CORE_MODULES!r}\n"
        "found = {}\n"
        "for name in names:\n"
        "    before = set(sys.modules)\n"
        "    importlib.import_module(name)\n"
        "    new = set(sys.modules) - before\n"
        "    ui = sorted(m for m in new if m.split('.')[0] in ('textual', 'screens'))\n"
        "    if ui:\n"
        "        found[name] = ui[:3]\n"
        "print(json.dumps({'found': found, 'loaded': sorted(sys.modules)}))\n"
    )
    result = _run(code)
    assert result["found"] == {}
    assert set(CORE_MODULES) <= set(result["loaded"])  # every module was really imported


def test_home_screen_and_cli_do_not_import_the_database_layer():
    loaded = set(
        _run(
            "import json, sys, onsite.cli, screens.app, screens.home, screens.week; "
            "print(json.dumps(sorted(sys.modules)))"
        )
    )
    assert "screens.home" in loaded
    assert "sqlalchemy" not in loaded
    assert "sqlmodel" not in loaded


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (or a self-import)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in edges[v]:
                found.append(sorted(component))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return found


def test_the_cycle_finder_finds_one():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert _cycles(edges) == [["a", "b", "c"], ["e"]]


def test_no_import_circle_among_project_modules():
    """Every import counts, those inside functions too; only imports made for the type
    checker (under TYPE_CHECKING) are left out, as they never run."""
    import grimp

    graph = grimp.build_graph(
        "onsite", "screens", exclude_type_checking_imports=True, cache_dir=None
    )
    modules = set(graph.modules)
    assert "onsite.store.db" in modules and "screens.app" in modules
    edges = {m: graph.find_modules_directly_imported_by(m) & modules for m in modules}
    assert "onsite.leaders.feedback" in edges["onsite.leaders.marks"]  # the graph sees imports
    assert _cycles(edges) == []


def test_the_import_contracts_in_pyproject_hold():
    """import-linter's contracts: the core never imports Textual or the UI, the store no
    capability package, and the layers from screens down to the foundation. None of them
    excuses an import (ignore_imports): an import that breaks a layer is moved, not allowed."""
    import tomllib

    from importlinter.cli import lint_imports

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "importlinter"
    ]["contracts"]
    assert len(contracts) >= 3
    assert [c["name"] for c in contracts if c.get("ignore_imports")] == []

    assert (
        lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True) == 0
    )
