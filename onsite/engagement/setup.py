"""Making a new engagement: the file, its kind's lines of enquiry, and remembering where it is."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from onsite.engagement import kinds, themes

if TYPE_CHECKING:
    from onsite.store.db import Store


def new_engagement(
    path: Path,
    *,
    name: str,
    start: date,
    days: int = 5,
    system: str = "",
    kind: str = kinds.DEFAULT,
    scope: str = "",
    passphrase: str | None = None,
    home: Path | None = None,
) -> Store:
    """A new engagement of a kind (ValueError for a kind Onsite does not know), with that
    kind's default lines of enquiry and their guiding questions; listed among the
    engagements on this laptop wherever the file is."""
    from onsite import paths
    from onsite.store.db import Store

    chosen = kinds.find(kind)
    store = Store.create(
        path,
        name=name,
        start=start,
        days=days,
        system=system,
        kind=chosen.name,
        scope=scope.strip() + "\n" if scope.strip() else "",
        passphrase=passphrase,
    )
    themes.add_defaults(store, chosen.name)
    paths.remember(Path(path), home)
    return store
