"""Where things live: the engagements folder (per user) and the shipped sample data."""

from __future__ import annotations

import os
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def home() -> Path:
    """The folder of engagements: ONSITE_HOME, else the platform's user data folder."""
    override = os.environ.get("ONSITE_HOME")
    if override:
        folder = Path(override).expanduser()
    else:
        from platformdirs import user_data_dir

        folder = Path(user_data_dir("Onsite", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


RECENT = "recent.txt"
RECENT_MOST = 30


def recent(folder: Path | None = None) -> list[Path]:
    """Engagement files opened or created on this laptop, newest first, wherever they are
    (the engagements list shows them beside those in the data folder); gone ones left out."""
    listing = (folder or home()) / RECENT
    try:
        lines = listing.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [Path(line) for line in lines if line.strip() and Path(line).is_file()]


def remember(path: Path, folder: Path | None = None) -> None:
    """Put a file at the top of the recent list; a list that cannot be written is no loss."""
    folder = folder or home()
    path = Path(path).resolve()
    kept = [p for p in recent(folder) if p.resolve() != path]
    text = "\n".join(str(p) for p in [path, *kept][:RECENT_MOST]) + "\n"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / (RECENT + ".tmp")
        temp.write_text(text, encoding="utf-8")
        temp.replace(folder / RECENT)
    except OSError:
        pass


def data_dir() -> Path:
    """The demo engagement and sample files: inside the installed package, or the checkout."""
    for candidate in (_HERE / "data", _HERE.parent / "data"):
        if (candidate / "demo").is_dir():
            return candidate
    raise FileNotFoundError("Onsite's sample data folder is missing from this installation")


_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                     *(f"LPT{i}" for i in range(1, 10))}


def safe_file_name(name: str, fallback: str = "engagement") -> str:
    """A file name that Windows, macOS, OneDrive and SharePoint all accept; accents kept."""
    cleaned = "".join(" " if c in '<>:"/\\|?*#%' or ord(c) < 32 else c for c in name)
    cleaned = " ".join(cleaned.split()).strip(" .")[:120].strip(" .")
    if not cleaned or cleaned.split(".")[0].upper() in _WINDOWS_RESERVED:
        cleaned = f"{fallback} {cleaned}".strip()
    return cleaned
