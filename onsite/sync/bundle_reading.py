"""Finding and reading bundle files (their format is onsite.sync.bundles').

Finding: the bundles in the shared folder that this laptop has not merged yet, in time order,
and what was passed over and why (a sync client's conflict copy, a temporary file, something
that is not a laptop's subfolder). Files the system or a sync client keeps anywhere are
passed over in silence.

A laptop that has the team key reads sealed bundles only: a plain one could have been put in
the folder by anyone who can write to it, so nothing in it is used, not even its header's
site or peer name (Skipped.kind is KEY for these, and for every key or authentication
failure, so that sync can exit non-zero and the app can warn).

Reading is careful with hostile folders: only regular files, never through a symbolic link
(a FIFO named like a bundle would block a read forever); the body is inflated in pieces and
given up as soon as it grows far beyond what real changes compress to (a zip bomb costs a
few megabytes, not gigabytes). Every change is checked against the model before it is used.
"""

from __future__ import annotations

import json
import os
import re
import stat
import zlib
from datetime import date
from pathlib import Path

from sqlalchemy import JSON, Boolean, Date, Integer

from onsite.model import TABLE_BY_NAME
from onsite.store.changes import BOOKKEEPING, ChangeRow, encode
from onsite.sync.bundles import (
    FORMAT,
    KEY,
    MAGIC,
    NAME,
    SITE,
    STAMP,
    Bundle,
    BundleError,
    Header,
    Skipped,
    canonical,
    checksum,
)

MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_BODY_BYTES = 1024 * 1024 * 1024  # inflated: a small file must not fill the memory
MAX_HEADER_BYTES = 64 * 1024
# Real change lines compress about 5 to 15 times (measured on the synthetic week: ~8); a body
# that inflates to more than this many times what it has consumed, beyond a small allowance,
# is a bomb, and is given up before it costs memory or time.
MAX_RATIO = 100
RATIO_ALLOWANCE = 4 * 1024 * 1024
INFLATE_PIECE = 1024 * 1024

# Sync clients' copies of a file two machines changed at once (OneDrive, Dropbox, Syncthing).
CONFLICT_COPY = re.compile(r" \(\d+\)|-conflict-|\.sync-conflict-|conflicted copy", re.IGNORECASE)
TEMPORARY = re.compile(r"(^~|\.tmp$|\.part$|\.partial$|\.download$)", re.IGNORECASE)
# Files the operating system or a sync client keeps in any folder: passed over in silence.
IGNORED = {
    "desktop.ini",
    "thumbs.db",
    "icon\r",
    ".ds_store",
    ".stfolder",
    ".stignore",
    ".stversions",
    ".dropbox",
    ".dropbox.attr",
    ".dropbox.cache",
}


# -- finding ---------------------------------------------------------------------------------


def scan(
    folder: Path, own_site: str | None, known: set[str]
) -> tuple[list[tuple[str, Path]], list[Skipped]]:
    """Bundles in the folder that are not known yet, in time order, and what was passed over.

    This laptop's own subfolder is not read: its changes are already here.
    """
    found: list[tuple[str, str, Path]] = []
    skipped: list[Skipped] = []
    with os.scandir(folder) as entries:
        subfolders = sorted((e for e in entries if not _ignored(e.name)), key=lambda e: e.name)
    for entry in subfolders:
        if entry.is_symlink():
            skipped.append(Skipped(entry.name, "a symbolic link; not followed"))
            continue
        if not entry.is_dir(follow_symlinks=False):
            skipped.append(
                Skipped(entry.name, "not in a laptop's subfolder; bundles live in FOLDER/<site>/")
            )
            continue
        if not SITE.match(entry.name):
            skipped.append(Skipped(entry.name + "/", _why_not_a_site(entry.name)))
            continue
        if entry.name == own_site:
            continue
        with os.scandir(entry.path) as files:
            for f in files:
                key = f"{entry.name}/{f.name}"
                if key in known or _ignored(f.name):
                    continue
                reason = _why_not_a_bundle(f.name)
                if not reason and f.is_symlink():
                    reason = "a symbolic link; not followed"
                elif not reason and not f.is_file(follow_symlinks=False):
                    reason = "not a regular file (a folder, a pipe or a device); skipped"
                if reason:
                    skipped.append(Skipped(key, reason))
                else:
                    found.append((f.name, key, Path(f.path)))
    return [(key, path) for _, key, path in sorted(found)], skipped


def _ignored(name: str) -> bool:
    return name.lower() in IGNORED


def _why_not_a_site(name: str) -> str:
    if CONFLICT_COPY.search(name):
        return "a sync client's conflict copy of a laptop's folder; skipped"
    return "not a laptop's folder (a folder name is a site id: letters, digits, - and _)"


def _why_not_a_bundle(name: str) -> str:
    if TEMPORARY.search(name):
        return "a temporary file, still being written or copied; skipped"
    if CONFLICT_COPY.search(name):
        return "a sync client's conflict copy; skipped (the original is read)"
    if not NAME.match(name):
        return "not an Onsite bundle (the name is not <ms>-<counter>-<id>.onsync)"
    return ""


# -- reading ---------------------------------------------------------------------------------


def _read_regular(path: Path, file: str, limit: int, upto: int | None = None) -> bytes:
    """Up to `limit` bytes of a regular file, never through a symbolic link and never
    blocking on a pipe: the checks are made on the opened file itself."""
    flags = (
        os.O_RDONLY
        | getattr(os, "O_BINARY", 0)
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
    )
    try:
        if Path(path).is_symlink():
            raise BundleError(f"{file}: a symbolic link; not followed")
        fd = os.open(path, flags)
    except OSError as e:
        raise BundleError(f"{file}: cannot be read ({e.strerror or e}); skipped") from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise BundleError(f"{file}: not a regular file (a pipe, a device or a folder); skipped")
        if info.st_size == 0:
            raise BundleError(f"{file}: empty file; skipped")
        if info.st_size > limit:
            raise BundleError(
                f"{file}: too large ({info.st_size:,} bytes; a bundle may be at most "
                f"{limit:,}); skipped"
            )
        return f.read(min(upto or limit, info.st_size))  # read(n) reserves n bytes


def read_header(path: Path, file: str) -> Header:
    """The header alone, checked for form (not the checksum, which needs the body)."""
    head = _read_regular(path, file, MAX_FILE_BYTES, upto=MAX_HEADER_BYTES)
    header, _ = _split(head, file, whole=False)
    return header


def read(
    path: Path,
    file: str,
    engagement: str,
    *,
    key: bytes | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    max_body: int = MAX_BODY_BYTES,
) -> Bundle:
    """A bundle, checked in full (and unsealed with the team key if it is sealed);
    BundleError saying what is wrong otherwise."""
    data = _read_regular(Path(path), file, max_bytes)
    header, body = _split(data, file, whole=True)
    if key is not None and not header.sealed:
        # Anyone who can write to the shared folder can write a plain bundle: nothing in it,
        # the site and the peer named in its header included, is taken.
        raise BundleError(
            f"{file}: not sealed with the team key, so it may come from anyone "
            "who can write to the shared folder; refused, nothing read from it",
            KEY,
        )
    if key is not None:
        from onsite.sync import teamkey

        if header.key_id and header.key_id != teamkey.key_id(key):
            raise BundleError(
                f"{file}: sealed with another team key (key {header.key_id}; this laptop has "
                f"key {teamkey.key_id(key)}); skipped",
                KEY,
            )
    site_folder = file.split("/", 1)[0]
    if header.site != site_folder:
        raise BundleError(
            f"{file}: written by site {header.site} but found in folder {site_folder}/; skipped"
        )
    if header.engagement != engagement:
        raise BundleError(f"{file}: belongs to another engagement ({header.engagement}); skipped")
    fields = header_fields(header)
    if checksum(fields, body) != header.sha256:
        raise BundleError(f"{file}: fails its checksum (cut short or changed on the way); skipped")
    if header.sealed:
        body = _unseal(body, key, fields, file)
    return Bundle(file, header, *_rows(_inflate(body, file, max_body), header, file))


def header_fields(header: Header) -> dict:
    """The header as written, without its checksum (what the checksum and the seal cover)."""
    fields = {
        "format": FORMAT,
        **{k: getattr(header, k) for k in Header.__dataclass_fields__ if k != "sha256"},
    }
    if not fields["key_id"]:
        del fields["key_id"]  # bundles written before key ids existed
    return fields


def _unseal(body: bytes, key: bytes | None, fields: dict, file: str) -> bytes:
    from onsite.sync import teamkey

    if key is None:
        raise BundleError(
            f"{file}: sealed with the team key, which this laptop does not have; "
            "ask the lead peer for an invite (onsite invite accept FILE CODE); "
            "skipped",
            KEY,
        )
    try:
        return teamkey.unseal(body, key, canonical(fields))
    except teamkey.BundleRejected as e:
        raise BundleError(f"{file}: {e}; skipped", KEY) from None


def _split(data: bytes, file: str, whole: bool) -> tuple[Header, bytes]:
    magic, _, rest = data.partition(b"\n")
    if not magic.startswith(MAGIC + b" "):
        raise BundleError(f"{file}: not an Onsite bundle (no ONSITE-BUNDLE line); skipped")
    version = magic[len(MAGIC) + 1 :].decode("ascii", "replace")
    if version != str(FORMAT):
        raise BundleError(
            f"{file}: bundle format {version!r}; this Onsite reads format {FORMAT} "
            "(if it is newer, upgrade Onsite); skipped"
        )
    line, newline, body = rest.partition(b"\n")
    if not newline and whole:
        raise BundleError(f"{file}: cut short (no body after the header); skipped")
    try:
        raw = json.loads(line)
        header = Header(
            **{k: raw[k] for k in Header.__dataclass_fields__ if k not in ("sealed", "key_id")},
            sealed=raw.get("sealed", False),
            key_id=raw.get("key_id", ""),
        )
    except (ValueError, TypeError, KeyError):
        raise BundleError(f"{file}: damaged header; skipped") from None
    problem = _header_problem(header)
    if problem:
        raise BundleError(f"{file}: {problem}; skipped")
    return header, body


def _header_problem(h: Header) -> str:
    if not all(
        isinstance(v, str) for v in (h.engagement, h.site, h.peer, h.first, h.last, h.sha256)
    ):
        return "damaged header (a text field is not text)"
    if not isinstance(h.sealed, bool):
        return "damaged header (sealed is not true or false)"
    if not isinstance(h.key_id, str) or len(h.key_id) > 64:
        return "damaged header (key id)"
    if not isinstance(h.count, int) or not isinstance(h.written, int) or h.count < 1:
        return "damaged header (count or time is not a number)"
    if not SITE.match(h.site):
        return f"site id {h.site!r} is not a site id (letters, digits, - and _ only)"
    if not (STAMP.match(h.first) and STAMP.match(h.last)) or h.first > h.last:
        return "damaged header (clock range)"
    return ""


def _inflate(body: bytes, file: str, limit: int) -> bytes:
    """The body inflated a piece at a time, given up as soon as it outgrows `limit` or
    inflates far beyond what real changes compress to (a bomb stops within a few MB)."""
    inflater = zlib.decompressobj()
    pieces: list[bytes] = []
    size, pending = 0, body
    try:
        while True:
            piece = inflater.decompress(pending, INFLATE_PIECE)
            pending = inflater.unconsumed_tail
            size += len(piece)
            pieces.append(piece)
            consumed = len(body) - len(pending) - len(inflater.unused_data)
            if size > limit:
                raise BundleError(
                    f"{file}: too large once decompressed (over {limit:,} bytes); skipped"
                )
            if size > RATIO_ALLOWANCE + MAX_RATIO * consumed:
                raise BundleError(
                    f"{file}: inflates more than {MAX_RATIO} times its size, as no "
                    "real bundle does (a decompression bomb?); skipped"
                )
            if inflater.eof or (not pending and not piece):
                break
    except zlib.error:
        raise BundleError(f"{file}: body cannot be decompressed (damaged); skipped") from None
    if not inflater.eof:
        raise BundleError(f"{file}: cut short (the compressed body is incomplete); skipped")
    return b"".join(pieces)


def inflate(path: Path, file: str, key: bytes | None) -> bytes:
    """A bundle's body as text, whatever the engagement (for checks and tests: no merge)."""
    data = _read_regular(Path(path), file, MAX_FILE_BYTES)
    header, body = _split(data, file, whole=True)
    if header.sealed:
        body = _unseal(body, key, header_fields(header), file)
    return _inflate(body, file, MAX_BODY_BYTES)


def _rows(text: bytes, header: Header, file: str) -> tuple[list[ChangeRow], list]:
    """The changes, checked against the model, as rows for the change table; their values."""
    try:
        # One parse for the whole body (the lines never hold a raw newline: JSON escapes it).
        changes = json.loads(b"[" + text.replace(b"\n", b",") + b"]")
    except ValueError:
        raise BundleError(f"{file}: a change is damaged; skipped") from None
    if len(changes) != header.count:
        raise BundleError(
            f"{file}: holds {len(changes)} changes, its header says {header.count}; skipped"
        )
    rows, values = [], []
    for n, change in enumerate(changes, start=1):
        if type(change) is not list or len(change) != 6:
            raise BundleError(f"{file}: change {n} is damaged; skipped")
        stamp, table, record_id, field, value, base = change
        problem = _change_problem(stamp, table, record_id, field, value, base, header)
        if problem:
            raise BundleError(f"{file}: change {n} ({table}.{field}): {problem}; skipped")
        rows.append(ChangeRow(stamp, table, record_id, field, encode(value), stamp[21:], base))
        values.append(value)
    return rows, values


def _change_problem(stamp, table, record_id, field, value, base, header: Header) -> str:
    if type(stamp) is not str or not header.first <= stamp <= header.last or not STAMP.match(stamp):
        return "clock stamp missing or outside the bundle's range"
    if type(record_id) is not str or not 0 < len(record_id) <= 100:
        return "bad record id"
    if type(base) is not str or (base and not all(STAMP.match(b) for b in base.split())):
        return "bad base version"
    if type(table) is not str or table not in FIELD_KINDS:
        return "unknown table (made by a newer Onsite? upgrade Onsite)"
    kind = FIELD_KINDS[table].get(field) if type(field) is str else None
    if kind is None:
        return "unknown field (made by a newer Onsite? upgrade Onsite)"
    kind, nullable = kind
    if value is None:
        return "" if nullable else "empty value where one is required"
    if kind == "text" and type(value) is str:
        return ""
    return "" if _fits(kind, value) else f"value is not {kind}"


def _fits(kind: str, value) -> bool:
    if kind == "a whole number":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "true or false":
        return isinstance(value, bool)
    if kind == "a date":
        try:
            return isinstance(value, str) and bool(date.fromisoformat(value))
        except ValueError:
            return False
    if kind == "a list":
        return isinstance(value, list)
    return isinstance(value, str)


def _field_kinds() -> dict[str, dict[str, tuple[str, bool]]]:
    kinds = {}
    for table, model in TABLE_BY_NAME.items():
        kinds[table] = {}
        for column in model.__table__.columns:
            if column.name in BOOKKEEPING:
                continue
            t = column.type
            kind = (
                "a list"
                if isinstance(t, JSON)
                else "true or false"
                if isinstance(t, Boolean)
                else "a date"
                if isinstance(t, Date)
                else "a whole number"
                if isinstance(t, Integer)
                else "text"
            )
            kinds[table][column.name] = (kind, bool(column.nullable))
    return kinds


FIELD_KINDS = _field_kinds()
