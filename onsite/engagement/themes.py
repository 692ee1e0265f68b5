"""Lines of enquiry: the defaults for each kind of challenge, and changes to them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onsite.model import Theme
from onsite.evidence.tags import slug

if TYPE_CHECKING:
    from onsite.store.db import Store

DEFAULTS = {
    "health and care system": [
        ("vision", "Shared vision and strategy", ["strategy"]),
        ("leadership", "System leadership and relationships", ["relationships"]),
        ("governance", "Governance and decision making", ["decisions"]),
        ("integration", "Integration and care pathways", ["discharge", "pathways"]),
        ("prevention", "Prevention and health inequalities", ["inequalities"]),
        ("workforce", "Workforce", ["staff"]),
        ("finance", "Finance and resources", ["money"]),
        ("improvement", "Capacity for improvement", ["capacity"]),
    ],
    "corporate peer challenge": [
        ("priorities", "Local priorities and outcomes", ["outcomes"]),
        ("leadership", "Organisational and place leadership", ["place"]),
        ("governance", "Governance and culture", ["culture"]),
        ("finance", "Financial planning and management", ["money"]),
        ("improvement", "Capacity for improvement", ["capacity"]),
    ],
}


def add_defaults(store: Store, kind: str) -> list[Theme]:
    themes = [Theme(key=key, name=name, aliases=aliases, position=i)
              for i, (key, name, aliases) in enumerate(DEFAULTS[kind])]
    store.add_all(themes)
    return themes


def add(store: Store, name: str) -> Theme:
    existing = store.themes(include_retired=True)
    key = slug(name).split("-")[0] or "theme"
    taken = {t.key for t in existing}
    base, n = key, 2
    while key in taken:
        key, n = f"{base}{n}", n + 1
    theme = Theme(key=key, name=name.strip(), position=max((t.position for t in existing), default=-1) + 1)
    store.add(theme)
    return theme


def rename(store: Store, theme: Theme, name: str) -> Theme:
    """The old name becomes an alias, so hashtags written with it still count."""
    aliases = list(dict.fromkeys([*theme.aliases, slug(theme.name)]))
    return store.update(theme, name=name.strip(), aliases=aliases)


def move(store: Store, theme: Theme, step: int) -> None:
    themes = store.themes()
    i = next(i for i, t in enumerate(themes) if t.id == theme.id)
    j = min(max(i + step, 0), len(themes) - 1)
    themes.insert(j, themes.pop(i))
    with store.writing() as w:
        for position, t in enumerate(themes):
            w.update(t, position=position)


def retire(store: Store, theme: Theme, retired: bool = True) -> Theme:
    """Retired lines keep their evidence and findings but leave the board and the coverage."""
    return store.update(theme, retired=retired)
