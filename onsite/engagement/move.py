"""Moving an engagement file out of a sync client's folder into Onsite's own data folder.

A live SQLite file in OneDrive, Dropbox, iCloud Drive, Google Drive or a Syncthing folder is
copied by the sync client while it changes, WAL apart from the file: a damaged engagement or
conflict copies. `onsite move FILE` puts it in the data folder (onsite.paths.home), which no
sync client manages; team sync goes through a shared folder of bundles instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from onsite import paths
from onsite.store.errors import StoreError
from onsite.store.files import file_kind


def move_engagement(path: Path | str, folder: Path | None = None) -> Path:
    """Move the engagement (with its WAL) into `folder` (default: the data folder); the new
    path. Copied, flushed, then the originals removed: a failure midway leaves the original."""
    source = Path(path)
    if not source.is_file():
        raise StoreError(f"{paths.printable(source)}: no such file")
    file_kind(source)  # StoreError if it is not an engagement
    folder = Path(folder) if folder is not None else paths.home()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    n = 2
    while target.exists():
        target = folder / f"{source.stem} ({n}){source.suffix}"
        n += 1
    if target.resolve() == source.resolve():
        raise StoreError(f"{paths.printable(source)}: is already in Onsite's folder")
    wal = source.with_name(source.name + "-wal")
    moves = [(wal, target.with_name(target.name + "-wal"))] if wal.exists() else []
    moves.append((source, target))  # the WAL first: the file never arrives without it
    done: list[Path] = []
    try:
        for old, new in moves:
            shutil.copy2(old, new)
            os.chmod(new, 0o600)
            done.append(new)
            with open(new, "rb+") as f:
                os.fsync(f.fileno())
    except OSError as e:
        for new in done:
            new.unlink(missing_ok=True)
        raise StoreError(
            f"{paths.printable(source)}: could not be moved to {folder} "
            f"({e.strerror or e}); nothing was changed"
        ) from None
    for old in (source, wal, source.with_name(source.name + "-shm")):
        old.unlink(missing_ok=True)
    return target
