"""The core never imports Textual; the app's first screen does not need the database layer."""

import pkgutil
import subprocess
import sys

import onsite

CORE_MODULES = sorted(  # __main__ would start the app
    m.name for m in pkgutil.walk_packages(onsite.__path__, prefix="onsite.")
    if not m.name.endswith("__main__")
)


def _imported_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         timeout=60, stdin=subprocess.DEVNULL)
    return set(out.stdout.split())


def test_core_modules_are_found():
    assert "onsite.store.db" in CORE_MODULES and "onsite.cli" in CORE_MODULES


def test_no_core_module_imports_textual():
    for name in CORE_MODULES:
        loaded = _imported_after(f"import {name}")
        assert not any(m == "textual" or m.startswith("textual.") for m in loaded), name


def test_home_screen_and_cli_do_not_import_the_database_layer():
    loaded = _imported_after("import onsite.cli, screens.app, screens.home, screens.week")
    assert "sqlalchemy" not in loaded
    assert "sqlmodel" not in loaded
