"""Keys that terminals deliver as other keys are never bound, and the help names none.

In a plain terminal Ctrl+H arrives as Backspace, Ctrl+M as Enter, Ctrl+I as Tab, Ctrl+J as
a newline and Ctrl+[ as Escape: a binding on one of them does something else than it says.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

import screens

UNDELIVERED = {"ctrl+h", "ctrl+m", "ctrl+i", "ctrl+j", "ctrl+left_square_bracket", "ctrl+["}


def _bound_classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(screens.__path__, "screens."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, DOMNode)
                and cls.__module__.startswith("screens")
                and cls not in found
            ):
                found.append(cls)
    return found


def _keys(cls: type) -> list[str]:
    keys = []
    for binding in cls.__dict__.get("BINDINGS", []):
        key = binding.key if isinstance(binding, Binding) else binding[0]
        keys += [k.strip().lower() for k in key.split(",")]
    return keys


def test_the_walk_finds_every_screen_and_the_app():
    names = {cls.__name__ for cls in _bound_classes()}
    assert {
        "OnsiteApp",
        "WeekScreen",
        "SessionScreen",
        "NoteScreen",
        "FindingScreen",
        "FindingsScreen",
        "TagDialog",
        "NoteEditor",
        "VersionsScreen",
    } <= names


def test_no_binding_on_a_key_terminals_turn_into_another():
    bad = [
        (cls.__qualname__, key)
        for cls in _bound_classes()
        for key in _keys(cls)
        if key in UNDELIVERED
    ]
    assert bad == []


def test_the_check_would_catch_one():
    class Careless(DOMNode):
        BINDINGS = [Binding("ctrl+s,ctrl+m", "merge", "Merge")]

    assert [k for k in _keys(Careless) if k in UNDELIVERED] == ["ctrl+m"]


def test_the_help_names_no_such_key():
    text = (Path(screens.__file__).parent / "help.md").read_text(encoding="utf-8")
    assert not re.findall(r"Ctrl\+[HMIJ\[]\b|Ctrl\+\[", text)
