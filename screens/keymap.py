"""Every binding id in Onsite, for checking a user keymap (settings.toml, [keys])."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import cache

import screens


@cache
def binding_ids() -> frozenset[str]:
    """The ids of every Binding declared by the app, its screens, dialogs and widgets."""
    from textual.binding import Binding

    ids = set()
    for info in pkgutil.walk_packages(screens.__path__, prefix="screens."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            for binding in getattr(cls, "BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    ids.add(binding.id)
    return frozenset(ids)
