"""No store call on the UI thread: every screen method that asks the store (or a core function
handed the store) is a thread worker (`@work(thread=True)`) or is called only from one.

An AST walk over screens/, in the spirit of the layer test. A call "touches the store" when it
calls a method on a store (`self.store.x()`, `store.x()`, `Store.open()`), or hands a store to
a function (`daily.save(self.store, ...)`); handing it to a class (a screen's constructor)
does not. A function is worker-only when it is a thread worker, or when every mention of its
name in screens/ is a call made from worker-only code (a callback passed along is a mention
that is not a call: the UI thread may run it).
"""

from __future__ import annotations

import ast
from pathlib import Path

SCREENS = Path(__file__).parents[2] / "screens"

# The one store call the UI thread may make, and why.
ALLOWED = {
    (
        "app_engagement.py",
        "_dispose",
    ): "closing the store as the app ends: there is no next frame to keep",
}


def _is_thread_worker(node: ast.AST) -> bool:
    for decorator in getattr(node, "decorator_list", []):
        if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "work":
            if any(
                k.arg == "thread" and getattr(k.value, "value", False) is True
                for k in decorator.keywords
            ):
                return True
    return False


def _is_store(node: ast.AST) -> bool:
    return (isinstance(node, ast.Name) and node.id == "store") or (
        isinstance(node, ast.Attribute) and node.attr == "store"
    )


def _callee_name(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


# Textual's own plumbing: handing the store through it runs nothing on it.
PLUMBING = {"dismiss", "post_message", "call_from_thread", "call_later", "call_next", "push_screen"}


def _imported(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return names


def _touches_store(call: ast.Call, local: set[str], imported: set[str]) -> bool:
    """local: the functions defined in screens/ (their own bodies are judged by themselves);
    imported: the names a module imports (`daily.save` is the core's, not a screen's)."""
    func = call.func
    owner = getattr(func, "value", None)
    if isinstance(func, ast.Attribute) and (
        _is_store(owner) or getattr(owner, "id", "") == "Store"
    ):
        return True
    name = _callee_name(func)
    own = name in local and getattr(owner, "id", "") not in imported
    if isinstance(func, ast.Name) and name in imported:
        own = False
    if name[:1].isupper() or own or name in PLUMBING or name == "__init__":
        return False  # a class (a screen keeps the store), a screen's own function, plumbing
    return any(_is_store(a) for a in [*call.args, *(k.value for k in call.keywords)])


class _Function:
    def __init__(self, file: str, node: ast.AST) -> None:
        self.file, self.node, self.name = file, node, node.name
        self.worker = _is_thread_worker(node)
        self.store_calls: list[int] = []
        self.mentions: list[tuple[str, bool]] = []  # (name mentioned, as the callee of a call)


def _tops(tree: ast.Module) -> list[ast.AST]:
    tops = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        tops += [n for n in cls.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    return tops


def _functions(files: dict[str, ast.Module]) -> list[_Function]:
    """Top-level functions and methods; nested functions and lambdas count as their parent."""
    found = []
    local = {top.name for tree in files.values() for top in _tops(tree)}
    for file, tree in files.items():
        imported = _imported(tree)
        for top in _tops(tree):
            f = _Function(file, top)
            callees = set()
            for node in ast.walk(top):
                if isinstance(node, ast.Call):
                    callees.add(id(node.func))
                    if _touches_store(node, local, imported):
                        f.store_calls.append(node.lineno)
            for node in ast.walk(top):
                if isinstance(node, ast.Attribute):
                    f.mentions.append((node.attr, id(node) in callees))
                elif isinstance(node, ast.Name):
                    f.mentions.append((node.id, id(node) in callees))
            found.append(f)
    return found


def ui_thread_store_calls(folder: Path) -> list[str]:
    files = {
        str(p.relative_to(folder)): ast.parse(p.read_text(encoding="utf-8"))
        for p in sorted(folder.rglob("*.py"))
    }
    functions = _functions(files)
    worker_only = {f.name for f in functions if f.worker}
    changed = True
    while changed:  # grow the worker-only set until nothing more qualifies
        changed = False
        for name in {f.name for f in functions} - worker_only:
            mentions = [(f, as_call) for f in functions for n, as_call in f.mentions if n == name]
            if mentions and all(
                as_call and (f.worker or f.name in worker_only) for f, as_call in mentions
            ):
                worker_only.add(name)
                changed = True
    return [
        f"{f.file}:{line} {f.name}"
        for f in functions
        if f.store_calls
        and not f.worker
        and f.name not in worker_only
        and (f.file, f.name) not in ALLOWED
        for line in f.store_calls
    ]


def test_no_screen_calls_the_store_on_the_ui_thread():
    assert ui_thread_store_calls(SCREENS) == []


def test_the_walk_finds_a_store_call_on_the_ui_thread(tmp_path):
    (tmp_path / "bad.py").write_text(
        """
from textual import work

class Bad:
    def on_key(self):
        self.store.findings()                # a store method on the UI thread
        daily.save(self.store, None, "x")     # a core function handed the store
        self.app.push_screen(Other(self.store))  # fine: a screen keeps the store
        self.helper()
        self.app.call_from_thread(self.callback)

    def helper(self):
        return self.store.peers()            # called from the UI thread above

    def only_from_worker(self):
        return self.store.themes()           # fine: only ever called from the worker

    def callback(self):
        self.store.me()                      # passed along, so the UI thread may call it

    @work(thread=True)
    def load(self):
        self.store.engagement()
        self.only_from_worker()
        self.app.call_from_thread(self.callback)
""",
        encoding="utf-8",
    )
    found = ui_thread_store_calls(tmp_path)
    assert [f.split(" ")[1] for f in found] == ["on_key", "on_key", "helper", "callback"]


def test_the_screens_of_before_had_store_calls_on_the_ui_thread():
    """The walk would have caught the calls this work moved into workers (a control)."""
    import subprocess

    root = Path(__file__).parents[2]
    old = subprocess.run(
        ["git", "show", "f74fe22:screens/finding.py"], capture_output=True, text=True, cwd=root
    )
    if old.returncode != 0:
        import pytest

        pytest.skip("the history is not here")
    folder = Path(__file__).parent / "__old_screens__"
    try:
        folder.mkdir(exist_ok=True)
        (folder / "finding.py").write_text(old.stdout, encoding="utf-8")
        found = ui_thread_store_calls(folder)
    finally:
        for p in folder.glob("*"):
            p.unlink()
        folder.rmdir()
    assert {f.split(" ")[1] for f in found} >= {"save", "action_drop", "action_merge", "_merge"}
