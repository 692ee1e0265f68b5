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

A laptop that has the team key reads sealed bundles only: a plain one could have been put in
the folder by anyone who can write to it, so nothing in it is used, not even its header's
site or peer name (Skipped.kind is KEY for these, and for every key or authentication
failure, so that sync can exit non-zero and the app can warn).

Reading is careful with hostile folders: only regular files, never through a symbolic link
(a FIFO named like a bundle would block a read forever); the body is inflated in pieces and
given up as soon as it grows far beyond what real changes compress to (a zip bomb costs a
few megabytes, not gigabytes).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import stat
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
# Real change lines compress about 5 to 15 times (measured on the synthetic week: ~8); a body
# that inflates to more than this many times what it has consumed, beyond a small allowance,
# is a bomb, and is given up before it costs memory or time.
MAX_RATIO = 100
RATIO_ALLOWANCE = 4 * 1024 * 1024
INFLATE_PIECE = 1024 * 1024
KEY = "key"  # Skipped.kind of a bundle refused for a team-key or authentication reason

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


def write(folder: Path, *, engagement: str, site: str, peer: str, rows: list[ChangeRow],
          written: int, key: bytes | None = None, name: str | None = None) -> tuple[str, Header]:
    """Write rows (as stored in the change table, oldest first) into FOLDER/<site>/.

    Under a temporary name, flushed to the disk, then renamed: a sync client or another
    laptop never sees half a bundle under a bundle's name. `name` rewrites an existing
    bundle in place (a purge blanking old text); by default the name is new.
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

        fields["key_id"] = teamkey.key_id(key)
        body = teamkey.seal(body, key, _canonical(fields))
    header = {**fields, "sha256": _checksum(fields, body)}
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
        if entry.is_symlink():
            skipped.append(Skipped(entry.name, "a symbolic link; not followed"))
            continue
        if not entry.is_dir(follow_symlinks=False):
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
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0) \
        | getattr(os, "O_NONBLOCK", 0)
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
            raise BundleError(f"{file}: too large ({info.st_size:,} bytes; a bundle may be at most "
                              f"{limit:,}); skipped")
        return f.read(min(upto or limit, info.st_size))  # read(n) reserves n bytes


def read_header(path: Path, file: str) -> Header:
    """The header alone, checked for form (not the checksum, which needs the body)."""
    head = _read_regular(path, file, MAX_FILE_BYTES, upto=MAX_HEADER_BYTES)
    header, _ = _split(head, file, whole=False)
    return header


def read(path: Path, file: str, engagement: str, *, key: bytes | None = None,
         max_bytes: int = MAX_FILE_BYTES, max_body: int = MAX_BODY_BYTES) -> Bundle:
    """A bundle, checked in full (and unsealed with the team key if it is sealed);
    BundleError saying what is wrong otherwise."""
    data = _read_regular(Path(path), file, max_bytes)
    header, body = _split(data, file, whole=True)
    if key is not None and not header.sealed:
        # Anyone who can write to the shared folder can write a plain bundle: nothing in it,
        # the site and the peer named in its header included, is taken.
        raise BundleError(f"{file}: not sealed with the team key, so it may come from anyone "
                          "who can write to the shared folder; refused, nothing read from it",
                          KEY)
    if key is not None:
        from onsite.sync import teamkey

        if header.key_id and header.key_id != teamkey.key_id(key):
            raise BundleError(
                f"{file}: sealed with another team key (key {header.key_id}; this laptop has "
                f"key {teamkey.key_id(key)}); skipped", KEY)
    site_folder = file.split("/", 1)[0]
    if header.site != site_folder:
        raise BundleError(f"{file}: written by site {header.site} but found in folder "
                          f"{site_folder}/; skipped")
    if header.engagement != engagement:
        raise BundleError(f"{file}: belongs to another engagement ({header.engagement}); skipped")
    fields = header_fields(header)
    if _checksum(fields, body) != header.sha256:
        raise BundleError(f"{file}: fails its checksum (cut short or changed on the way); skipped")
    if header.sealed:
        body = _unseal(body, key, fields, file)
    return Bundle(file, header, *_rows(_inflate(body, file, max_body), header, file))


def header_fields(header: Header) -> dict:
    """The header as written, without its checksum (what the checksum and the seal cover)."""
    fields = {"format": FORMAT, **{k: getattr(header, k) for k in Header.__dataclass_fields__
                                   if k != "sha256"}}
    if not fields["key_id"]:
        del fields["key_id"]  # bundles written before key ids existed
    return fields


def _unseal(body: bytes, key: bytes | None, fields: dict, file: str) -> bytes:
    from onsite.sync import teamkey

    if key is None:
        raise BundleError(f"{file}: sealed with the team key, which this laptop does not have; "
                          "ask the lead peer for an invite (onsite invite accept FILE CODE); "
                          "skipped", KEY)
    try:
        return teamkey.unseal(body, key, _canonical(fields))
    except teamkey.BundleRejected as e:
        raise BundleError(f"{file}: {e}; skipped", KEY) from None


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
        header = Header(**{k: raw[k] for k in Header.__dataclass_fields__
                           if k not in ("sealed", "key_id")},
                        sealed=raw.get("sealed", False), key_id=raw.get("key_id", ""))
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
                raise BundleError(f"{file}: too large once decompressed (over {limit:,} bytes); "
                                  "skipped")
            if size > RATIO_ALLOWANCE + MAX_RATIO * consumed:
                raise BundleError(f"{file}: inflates more than {MAX_RATIO} times its size, as no "
                                  "real bundle does (a decompression bomb?); skipped")
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
