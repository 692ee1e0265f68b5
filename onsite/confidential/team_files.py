"""The team's own exported files: where this laptop wrote them, and destroying them.

The export writes the evidence pack and the JSON archive (quotes, participants' names, every
note) into a subfolder of its own, never beside what system leaders receive, and notes each
file's path here (a setting of this laptop's copy, not synced: another laptop's paths mean
nothing here). The purge destroys them with the notes, on the lead's laptop and on every
laptop the purge reaches, and says which it could not reach (a drive not connected).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from onsite.store.db import Store

TEAM_ONLY = "Team only - not for system leaders"
META = "team_only_exports"


def remember(store: Store, paths: list[Path]) -> None:
    if paths:
        known = written(store)
        known += [str(p.resolve()) for p in paths if str(p.resolve()) not in known]
        store.set_meta(META, json.dumps(known))


def written(store: Store) -> list[str]:
    """The team-only files this laptop has exported (some may since have gone)."""
    try:
        known = json.loads(store.meta(META) or "[]")
    except ValueError:
        return []
    return [p for p in known if isinstance(p, str)] if isinstance(known, list) else []


@dataclass(frozen=True)
class Destroyed:
    removed: list[str]
    unreachable: list[str]  # still there, or on a drive not connected: delete them by hand


def destroy(store: Store) -> Destroyed:
    """Delete every team-only file this laptop exported. A file already gone is forgotten; one
    that cannot be reached or deleted is kept in the list, for the next purge to try again."""
    removed, unreachable = [], []
    for name in written(store):
        path = Path(name)
        try:
            if path.is_file():
                path.unlink()
                removed.append(name)
            elif not path.parent.is_dir():
                unreachable.append(name)  # the drive or folder is not there right now
        except OSError:
            unreachable.append(name)
            continue
        try:  # the team-only folder itself, once empty
            if path.parent.name == TEAM_ONLY and not any(path.parent.iterdir()):
                path.parent.rmdir()
        except OSError:
            pass
    store.set_meta(META, json.dumps(unreachable))
    return Destroyed(removed, unreachable)
