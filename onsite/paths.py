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


_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


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


# Folders that a sync client manages, by name (any ancestor of the file) and by the marker
# files it leaves at the top of what it syncs. A sync client that copies a live SQLite file
# and its WAL separately corrupts the engagement or makes conflict copies of it.
_CLIENT_NAMES = (
    ("OneDrive", lambda n: n == "onedrive" or n.startswith(("onedrive - ", "onedrive-"))),
    ("Dropbox", lambda n: n == "dropbox" or n.startswith("dropbox (")),
    (
        "iCloud Drive",
        lambda n: (
            n
            in (
                "icloud drive",
                "icloud~com~apple~clouddocs",
                "com~apple~clouddocs",
                "mobile documents",
            )
        ),
    ),
    (
        "Google Drive",
        lambda n: (
            n in ("google drive", "googledrive", "my drive", "shared drives")
            or n.startswith("googledrive-")
        ),
    ),
)
_CLIENT_MARKERS = (
    (".stfolder", "Syncthing"),
    (".dropbox", "Dropbox"),
    (".dropbox.cache", "Dropbox"),
    (".tmp.drivedownload", "Google Drive"),
    (".sync", "Resilio Sync"),
)
_CLIENT_VARIABLES = (
    ("OneDrive", "OneDrive"),
    ("OneDriveCommercial", "OneDrive"),
    ("OneDriveConsumer", "OneDrive"),
)


def sync_client(path: Path) -> tuple[str, Path] | None:
    """(which sync client, the folder it manages) if the file at `path` sits in a folder that
    OneDrive, Dropbox, iCloud Drive, Google Drive or Syncthing keeps in step; else None."""
    try:
        folder = Path(path).expanduser().absolute().parent
    except (OSError, RuntimeError):
        return None
    for variable, client in _CLIENT_VARIABLES:  # Windows: where OneDrive says it lives
        root = os.environ.get(variable)
        if root and (folder == Path(root) or Path(root) in folder.parents):
            return client, Path(root)
    for ancestor in (folder, *folder.parents):
        name = ancestor.name.casefold()
        for client, matches in _CLIENT_NAMES:
            if name and matches(name):
                return client, ancestor
        for marker, client in _CLIENT_MARKERS:
            try:
                if (ancestor / marker).exists():
                    return client, ancestor
            except OSError:
                continue
    return None


def sync_client_warning(path: Path) -> str:
    """One paragraph for people if the engagement file sits in a sync client's folder; ""."""
    found = sync_client(path)
    if found is None:
        return ""
    client, root = found
    return (
        f"{Path(path).name} is in a folder that {client} keeps in step ({printable(root)}): a "
        "sync client copying a live engagement file can damage it. Move it to Onsite's own "
        f'folder: onsite move "{printable(path)}"'
    )
