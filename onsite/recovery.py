"""Recovery files: text that could not be saved into its engagement, written beside it.

When a save keeps failing (a full disk, a read-only file) and the peer leaves or quits, the
words they typed go into a plain Markdown file next to the engagement,
`NAME.onsite-recovery-YYYYMMDD-HHMMSS.md`, readable only by its owner where the system
supports it. If that folder cannot be written either (the same full disk), the file goes to
the next place that takes it: the Onsite folder, the home folder, the temporary folder.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path


class RecoveryError(OSError):
    """No folder would take the recovery file; the message lists where it was tried."""


def recovery_name(engagement: Path, when: datetime) -> str:
    stem = engagement.name.removesuffix(engagement.suffix) if engagement.suffix else engagement.name
    return f"{stem}.onsite-recovery-{when:%Y%m%d-%H%M%S}.md"


def recovery_text(
    engagement: Path, texts: Iterable[tuple[str, str]], why: str, when: datetime
) -> str:
    parts = [
        f"# Onsite recovery file for {engagement.name}",
        "",
        f"Written {when:%A %d %B %Y at %H:%M:%S} because these texts could not be saved "
        f"into the engagement ({why}). Nothing here is in the engagement yet: copy each "
        "text back into its place in Onsite. This file is as confidential as the notes: "
        "delete it once they are back in.",
        "",
    ]
    for label, text in texts:
        parts += [f"## {label}", "", text.rstrip(), ""]
    return "\n".join(parts)


def _folders(engagement: Path) -> list[Path]:
    folders = [engagement.parent]
    try:
        from onsite.paths import home

        folders.append(home())
    except OSError:
        pass
    folders += [Path.home(), Path(tempfile.gettempdir())]
    unique: list[Path] = []
    for folder in folders:
        if folder not in unique:
            unique.append(folder)
    return unique


def write_recovery(
    engagement: Path, texts: list[tuple[str, str]], why: str, when: datetime | None = None
) -> Path:
    """Write the texts (label, text) to a new recovery file; returns where it went."""
    when = when or datetime.now()
    data = recovery_text(engagement, texts, why, when).encode("utf-8")
    tried = []
    for folder in _folders(Path(engagement)):
        target = folder / recovery_name(Path(engagement), when)
        try:
            _write_private(target, data)
        except OSError as e:
            tried.append(f"{folder}: {e.strerror or e}")
            continue
        return target
    raise RecoveryError("could not write a recovery file anywhere (" + "; ".join(tried) + ")")


def _write_private(target: Path, data: bytes) -> None:
    # O_EXCL: never overwrite another recovery file; 0o600: only the owner can read it
    # (Windows ignores the mode; the file inherits the folder's permissions there).
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(target, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except OSError:
        target.unlink(missing_ok=True)  # a half-written file would look like a whole one
        raise
