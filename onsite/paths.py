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


def printable(text: object) -> str:
    """Text safe to show: control and format characters (a terminal escape sequence in a file
    name someone put in the shared folder) written as escapes, never sent to the terminal."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in str(text))
