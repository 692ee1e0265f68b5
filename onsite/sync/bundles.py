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
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import JSON, Boolean, Date, Integer

from onsite.clock import parse_stamp
from onsite.model import TABLE_BY_NAME
from onsite.store.changes import BOOKKEEPING, ChangeRow, encode

FORMAT = 1
MAGIC = b"ONSITE-BUNDLE"
SUFFIX = ".onsync"
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_BODY_BYTES = 1024 * 1024 * 1024  # inflated: a small file must not fill the memory
MAX_HEADER_BYTES = 64 * 1024

NAME = re.compile(r"^\d{13}-\d{6}-[0-9a-f]{6}\.onsync$")
SITE = re.compile(r"^[0-9A-Za-z_-]{1,64}$")  # never a path: no dots, no separators
STAMP = re.compile(r"^\d{13}\.\d{6}\.[0-9A-Za-z_-]{1,64}$")
# Sync clients' copies of a file two machines changed at once (OneDrive, Dropbox, Syncthing).
CONFLICT_COPY = re.compile(r" \(\d+\)|-conflict-|\.sync-conflict-|conflicted copy", re.IGNORECASE)
TEMPORARY = re.compile(r"(^~|\.tmp$|\.part$|\.partial$|\.download$)", re.IGNORECASE)
# Files the operating system or a sync client keeps in any folder: passed over in silence.
IGNORED = {"desktop.ini", "thumbs.db", "icon\r", ".ds_store", ".stfolder", ".stignore",
           ".stversions", ".dropbox", ".dropbox.attr", ".dropbox.cache"}


class BundleError(Exception):
    """A bundle that cannot be merged; the message says which file and why."""


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


# -- writing ---------------------------------------------------------------------------------


def write(folder: Path, *, engagement: str, site: str, peer: str, rows: list[ChangeRow],
          written: int, key: bytes | None = None) -> tuple[str, Header]:
    """Write rows (as stored in the change table, oldest first) into FOLDER/<site>/.

    Under a temporary name, flushed to the disk, then renamed: a sync client or another
    laptop never sees half a bundle under a bundle's name.
    """
    if not SITE.match(site):
        raise BundleError(f"site id {site!r} cannot name a folder")
    stamps = [r[0] for r in rows]
    body = zlib.compress("\n".join(_line(r) for r in rows).encode("utf-8"), 6)
    fields = {"format": FORMAT, "engagement": engagement, "site": site, "peer": peer,
              "first": min(stamps), "last": max(stamps), "count": len(rows), "written": written,
              "sealed": key is not None}
    if key is not None:
        from onsite.sync import teamkey

        body = teamkey.seal(body, key, _canonical(fields))
    header = {**fields, "sha256": _checksum(fields, body)}
    ms, counter, _ = parse_stamp(header["last"])
    name = f"{ms:013d}-{counter:06d}-{secrets.token_hex(3)}{SUFFIX}"
    target = Path(folder) / site
    target.mkdir(parents=True, exist_ok=True)
    temporary = target / f"{name}.tmp"
    try:
        with temporary.open("wb") as f:
            f.write(MAGIC + f" {FORMAT}\n".encode())
            f.write(json.dumps(header, sort_keys=True).encode("ascii") + b"\n")
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, target / name)
    except OSError as e:
        temporary.unlink(missing_ok=True)
        raise BundleError(f"{target / name}: could not be written ({e.strerror or e})") from None
    return f"{site}/{name}", Header(**{k: header[k] for k in Header.__dataclass_fields__})


def _line(row: ChangeRow) -> str:
    stamp, table, record_id, field, value, _site, base = row
    d = json.dumps
    return f"[{d(stamp)},{d(table)},{d(record_id)},{d(field)},{value},{d(base)}]"


def _canonical(fields: dict) -> bytes:
    return json.dumps(fields, sort_keys=True).encode("ascii")


def _checksum(fields: dict, body: bytes) -> str:
    digest = hashlib.sha256(_canonical(fields))
    digest.update(b"\n")
    digest.update(body)
    return digest.hexdigest()


# -- finding ---------------------------------------------------------------------------------


def scan(folder: Path, own_site: str | None, known: set[str]) -> tuple[list[tuple[str, Path]], list[Skipped]]:
    """Bundles in the folder that are not known yet, in time order, and what was passed over.

    This laptop's own subfolder is not read: its changes are already here.
    """
    found: list[tuple[str, str, Path]] = []
    skipped: list[Skipped] = []
    with os.scandir(folder) as entries:
        subfolders = sorted((e for e in entries if not _ignored(e.name)), key=lambda e: e.name)
    for entry in subfolders:
        if not entry.is_dir():
            skipped.append(Skipped(entry.name, "not in a laptop's subfolder; bundles live in "
                                               "FOLDER/<site>/"))
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


def read_header(path: Path, file: str) -> Header:
    """The header alone, checked for form (not the checksum, which needs the body)."""
    with Path(path).open("rb") as f:
        head = f.read(MAX_HEADER_BYTES)
    header, _ = _split(head, file, whole=False)
    return header


def read(path: Path, file: str, engagement: str, *, key: bytes | None = None,
         max_bytes: int = MAX_FILE_BYTES, max_body: int = MAX_BODY_BYTES) -> Bundle:
    """A bundle, checked in full (and unsealed with the team key if it is sealed);
    BundleError saying what is wrong otherwise."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size == 0:
            raise BundleError(f"{file}: empty file; skipped")
        if size > max_bytes:
            raise BundleError(f"{file}: too large ({size:,} bytes; a bundle may be at most "
                              f"{max_bytes:,}); skipped")
        data = path.read_bytes()
    except OSError as e:
        raise BundleError(f"{file}: cannot be read ({e.strerror or e})") from None
    header, body = _split(data, file, whole=True)
    site_folder = file.split("/", 1)[0]
    if header.site != site_folder:
        raise BundleError(f"{file}: written by site {header.site} but found in folder "
                          f"{site_folder}/; skipped")
    if header.engagement != engagement:
        raise BundleError(f"{file}: belongs to another engagement ({header.engagement}); skipped")
    fields = {"format": FORMAT, **{k: getattr(header, k) for k in Header.__dataclass_fields__
                                   if k != "sha256"}}
    if _checksum(fields, body) != header.sha256:
        raise BundleError(f"{file}: fails its checksum (cut short or changed on the way); skipped")
    if header.sealed:
        body = _unseal(body, key, fields, file)
    return Bundle(file, header, *_rows(_inflate(body, file, max_body), header, file))


def _unseal(body: bytes, key: bytes | None, fields: dict, file: str) -> bytes:
    from onsite.sync import teamkey

    if key is None:
        raise BundleError(f"{file}: sealed with the team key, which this laptop does not have; "
                          "ask the lead peer for an invite (onsite join FOLDER FILE --invite "
                          "CODE); skipped")
    try:
        return teamkey.unseal(body, key, _canonical(fields))
    except teamkey.BundleRejected as e:
        raise BundleError(f"{file}: {e}; skipped") from None


def _split(data: bytes, file: str, whole: bool) -> tuple[Header, bytes]:
    magic, _, rest = data.partition(b"\n")
    if not magic.startswith(MAGIC + b" "):
        raise BundleError(f"{file}: not an Onsite bundle (no ONSITE-BUNDLE line); skipped")
    version = magic[len(MAGIC) + 1:].decode("ascii", "replace")
    if version != str(FORMAT):
        raise BundleError(f"{file}: bundle format {version!r}; this Onsite reads format {FORMAT} "
                          "(if it is newer, upgrade Onsite); skipped")
    line, newline, body = rest.partition(b"\n")
    if not newline and whole:
        raise BundleError(f"{file}: cut short (no body after the header); skipped")
    try:
        raw = json.loads(line)
        header = Header(**{k: raw[k] for k in Header.__dataclass_fields__ if k != "sealed"},
                        sealed=raw.get("sealed", False))
    except (ValueError, TypeError, KeyError):
        raise BundleError(f"{file}: damaged header; skipped") from None
    problem = _header_problem(header)
    if problem:
        raise BundleError(f"{file}: {problem}; skipped")
    return header, body


def _header_problem(h: Header) -> str:
    if not all(isinstance(v, str) for v in (h.engagement, h.site, h.peer, h.first, h.last, h.sha256)):
        return "damaged header (a text field is not text)"
    if not isinstance(h.sealed, bool):
        return "damaged header (sealed is not true or false)"
    if not isinstance(h.count, int) or not isinstance(h.written, int) or h.count < 1:
        return "damaged header (count or time is not a number)"
    if not SITE.match(h.site):
        return f"site id {h.site!r} is not a site id (letters, digits, - and _ only)"
    if not (STAMP.match(h.first) and STAMP.match(h.last)) or h.first > h.last:
        return "damaged header (clock range)"
    return ""


def _inflate(body: bytes, file: str, limit: int) -> bytes:
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(body, limit)
    except zlib.error:
        raise BundleError(f"{file}: body cannot be decompressed (damaged); skipped") from None
    if inflater.unconsumed_tail:
        raise BundleError(f"{file}: too large once decompressed (over {limit:,} bytes); skipped")
    if not inflater.eof:
        raise BundleError(f"{file}: cut short (the compressed body is incomplete); skipped")
    return text


def _rows(text: bytes, header: Header, file: str) -> tuple[list[ChangeRow], list]:
    """The changes, checked against the model, as rows for the change table; their values."""
    try:
        # One parse for the whole body (the lines never hold a raw newline: JSON escapes it).
        changes = json.loads(b"[" + text.replace(b"\n", b",") + b"]")
    except ValueError:
        raise BundleError(f"{file}: a change is damaged; skipped") from None
    if len(changes) != header.count:
        raise BundleError(f"{file}: holds {len(changes)} changes, its header says {header.count}; skipped")
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
            kind = ("a list" if isinstance(t, JSON) else "true or false" if isinstance(t, Boolean)
                    else "a date" if isinstance(t, Date) else "a whole number"
                    if isinstance(t, Integer) else "text")
            kinds[table][column.name] = (kind, bool(column.nullable))
    return kinds


FIELD_KINDS = _field_kinds()
