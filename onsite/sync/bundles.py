"""Bundle files: how one laptop's changes travel to the others through a shared folder.

A bundle lives in FOLDER/<site>/ and is named <ms>-<counter>-<random>.onsync after the last
clock stamp it carries, so a folder listing is in time order:

    ONSITE-BUNDLE 1\\n     magic and format version
    {header}\\n            JSON: engagement, site, peer, clock range, count, written, sha256
    <zlib body>           one change per line: [stamp, table, record id, field, value, base]

The header stays uncompressed so that another engagement's bundle, or one from a clock far
in the future, is refused without inflating it. The sha256 covers the rest of the header and
the body: a file cut short by a sync client, or changed, is refused whole.

When the engagement has a team key (onsite.teamkey), the compressed body is sealed with it
(AES-256-GCM, the rest of the header bound to it as associated data) and the header says
"sealed": a reader without the key, or a body or header changed by anyone without it, is
refused. The header itself (ids, clock range, count) stays readable: it holds no notes.
It also names the key by a short id (`key_id`), so a laptop holding another key can say so
plainly rather than report a failed authentication.

Finding bundles in the folder and reading them, with care for hostile folders, is
onsite.sync.bundle_reading's.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import zlib
from dataclasses import dataclass
from pathlib import Path

from onsite.clock import parse_stamp
from onsite.store.changes import ChangeRow

FORMAT = 1
MAGIC = b"ONSITE-BUNDLE"
SUFFIX = ".onsync"
KEY = "key"  # Skipped.kind of a bundle refused for a team-key or authentication reason

NAME = re.compile(r"^\d{13}-\d{6}-[0-9a-f]{6}\.onsync$")
SITE = re.compile(r"^[0-9A-Za-z_-]{1,64}$")  # never a path: no dots, no separators
STAMP = re.compile(r"^\d{13}\.\d{6}\.[0-9A-Za-z_-]{1,64}$")


class BundleError(Exception):
    """A bundle that cannot be merged; the message says which file and why. kind is KEY when
    the reason is the team key (unsealed, another key, failed authentication)."""

    def __init__(self, message: str, kind: str = "") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Header:
    engagement: str
    site: str
    peer: str
    first: str
    last: str
    count: int
    written: int  # Unix ms, by the writer's wall clock
    sha256: str
    sealed: bool = False  # the body is sealed with the team key
    key_id: str = ""  # which team key (a short digest of it); "" in a plain bundle


@dataclass(frozen=True)
class Bundle:
    file: str  # "<site>/<name>": the key a laptop remembers it by
    header: Header
    rows: list[ChangeRow]  # as stored
    values: list  # each row's value, decoded (so the merge need not parse it again)


@dataclass(frozen=True)
class Skipped:
    file: str
    reason: str
    kind: str = ""  # KEY: refused for a team-key or authentication reason


# -- writing ---------------------------------------------------------------------------------


def write(
    folder: Path,
    *,
    engagement: str,
    site: str,
    peer: str,
    rows: list[ChangeRow],
    written: int,
    key: bytes | None = None,
    name: str | None = None,
) -> tuple[str, Header]:
    """Write rows (as stored in the change table, oldest first) into FOLDER/<site>/.

    Under a temporary name, flushed to the disk, then renamed: a sync client or another
    laptop never sees half a bundle under a bundle's name. `name` rewrites an existing
    bundle in place (a purge blanking old text); by default the name is new.
    """
    if not SITE.match(site):
        raise BundleError(f"site id {site!r} cannot name a folder")
    stamps = [r[0] for r in rows]
    body = zlib.compress("\n".join(_line(r) for r in rows).encode("utf-8"), 6)
    fields = {
        "format": FORMAT,
        "engagement": engagement,
        "site": site,
        "peer": peer,
        "first": min(stamps),
        "last": max(stamps),
        "count": len(rows),
        "written": written,
        "sealed": key is not None,
    }
    if key is not None:
        from onsite.sync import teamkey

        fields["key_id"] = teamkey.key_id(key)
        body = teamkey.seal(body, key, canonical(fields))
    header = {**fields, "sha256": checksum(fields, body)}
    if name is None:
        ms, counter, _ = parse_stamp(header["last"])
        name = f"{ms:013d}-{counter:06d}-{secrets.token_hex(3)}{SUFFIX}"
    target = Path(folder) / site
    target.mkdir(parents=True, exist_ok=True)
    temporary = target / f"{name}.tmp"
    try:
        with owner_only(temporary) as f:
            f.write(MAGIC + f" {FORMAT}\n".encode())
            f.write(json.dumps(header, sort_keys=True).encode("ascii") + b"\n")
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, target / name)
    except OSError as e:
        temporary.unlink(missing_ok=True)
        raise BundleError(f"{target / name}: could not be written ({e.strerror or e})") from None
    return f"{site}/{name}", Header(**{k: header.get(k, "") for k in Header.__dataclass_fields__})


def owner_only(path: Path):
    """A new file opened for writing that only its owner can read (0o600 where the system has
    modes; on Windows the mode is ignored and the folder's permissions apply)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    return os.fdopen(os.open(path, flags, 0o600), "wb")


def _line(row: ChangeRow) -> str:
    stamp, table, record_id, field, value, _site, base = row
    d = json.dumps
    return f"[{d(stamp)},{d(table)},{d(record_id)},{d(field)},{value},{d(base)}]"


def canonical(fields: dict) -> bytes:
    return json.dumps(fields, sort_keys=True).encode("ascii")


def checksum(fields: dict, body: bytes) -> str:
    digest = hashlib.sha256(canonical(fields))
    digest.update(b"\n")
    digest.update(body)
    return digest.hexdigest()
