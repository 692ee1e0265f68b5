"""Lines of enquiry: the defaults for each kind of challenge, and changes to them.

A line's guiding questions are kept in its description, one question a line: the report
names each line with its question, and the briefing pack lists them for the team.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onsite.engagement import kinds
from onsite.evidence.tags import slug
from onsite.model import Theme

if TYPE_CHECKING:
    from onsite.store.db import Store


def add_defaults(store: Store, kind: str) -> list[Theme]:
    """The kind's own lines of enquiry with their guiding questions (none for a custom kind)."""
    themes = [
        Theme(
            key=line.key,
            name=line.name,
            aliases=list(line.aliases),
            description="\n".join(line.questions),
            position=i,
        )
        for i, line in enumerate(kinds.of(kind).lines)
    ]
    store.add_all(themes)
    return themes


def questions(theme: Theme) -> list[str]:
    return [q.strip() for q in theme.description.splitlines() if q.strip()]


def find(store: Store, name: str, include_retired: bool = True) -> Theme:
    """The line of enquiry a person named: its key, name, an alias, or its number in the list
    (1 is the first); ValueError naming what was typed and what there is."""
    themes = store.themes(include_retired=include_retired)
    text = name.strip()
    if text.isdigit() and 1 <= int(text) <= len(themes):
        return themes[int(text) - 1]
    key = " ".join(text.casefold().split())
    for theme in themes:
        if key in (theme.key, theme.name.casefold(), slug(theme.name), *theme.aliases):
            return theme
    known = ", ".join(t.name for t in themes) or "none yet"
    raise ValueError(f"'{name}' is not a line of enquiry of this engagement (there are: {known})")


def add(store: Store, name: str, questions: list[str] | None = None) -> Theme:
    name = " ".join(name.split())
    if not name:
        raise ValueError("name: give the line of enquiry a name")
    existing = store.themes(include_retired=True)
    if any(t.name.casefold() == name.casefold() for t in existing):
        raise ValueError(f"'{name}' is already a line of enquiry")
    key = slug(name).split("-")[0] or "theme"
    taken = {t.key for t in existing} | {a for t in existing for a in t.aliases}
    base, n = key, 2
    while key in taken:
        key, n = f"{base}{n}", n + 1
    theme = Theme(
        key=key,
        name=name,
        description="\n".join(questions or []),
        position=max((t.position for t in existing), default=-1) + 1,
    )
    store.add(theme)
    return theme


def rename(store: Store, theme: Theme, name: str) -> Theme:
    """The old name becomes an alias, so hashtags written with it still count."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("name: give the line of enquiry a name")
    others = [t for t in store.themes(include_retired=True) if t.id != theme.id]
    if any(t.name.casefold() == name.casefold() for t in others):
        raise ValueError(f"'{name}' is already a line of enquiry")
    aliases = list(dict.fromkeys([*theme.aliases, slug(theme.name)]))
    return store.update(theme, name=name, aliases=aliases)


def set_questions(store: Store, theme: Theme, questions: list[str]) -> Theme:
    return store.update(theme, description="\n".join(q.strip() for q in questions if q.strip()))


def move(store: Store, theme: Theme, step: int) -> None:
    themes = store.themes()
    i = next(i for i, t in enumerate(themes) if t.id == theme.id)
    j = min(max(i + step, 0), len(themes) - 1)
    themes.insert(j, themes.pop(i))
    with store.writing() as w:
        for position, t in enumerate(themes):
            w.update(t, position=position)


def move_to(store: Store, theme: Theme, place: int) -> None:
    """Put a line at a place in the list, 1 being the first."""
    themes = store.themes()
    i = next((i for i, t in enumerate(themes) if t.id == theme.id), None)
    if i is None:
        raise ValueError(f"'{theme.name}' is retired; restore it before moving it")
    move(store, theme, min(max(place, 1), len(themes)) - 1 - i)


def retire(store: Store, theme: Theme, retired: bool = True) -> Theme:
    """Retired lines keep their evidence and findings but leave the board and the coverage."""
    return store.update(theme, retired=retired)
