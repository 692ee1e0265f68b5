"""Team sync through a shared folder, with no server: `sync` and `join`.

`sync` writes this laptop's new changes as one bundle into FOLDER/<site>/, then merges every
bundle in the folder that this laptop has not merged yet, one transaction per bundle. What
the app shows about it (who sent what, open conflicts) is in onsite.sync_status.

Never keep the engagement file itself in the shared folder: a sync client copying a live
SQLite file mid-write corrupts it, and two laptops would fight over one file.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from onsite.clock import stamp_ms
from onsite.store.db import Store
from onsite.store.files import StoreError
from onsite.sync import bundle_reading, bundles
from onsite.sync.bundles import BundleError, Skipped

# A bundle stamped this far ahead of our wall clock comes from a laptop whose clock is wrong;
# merging it would drag every later stamp of ours into its future, so it waits for a person.
FUTURE_LIMIT_MS = 24 * 60 * 60 * 1000

Progress = Callable[[int, int, str], None]  # (done, total, what) while merging


class SyncError(StoreError):
    """A sync that cannot start (no folder, the engagement file inside it, ...)."""


@dataclass(frozen=True)
class Merged:
    file: str
    site: str
    peer: str
    changes: int
    summary: dict[str, list[int]]  # table -> [new, edited, deleted]; empty if all known


@dataclass
class SyncReport:
    written: str | None = None  # "<site>/<name>" of this laptop's new bundle
    sent: int = 0  # changes in it
    merged: list[Merged] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # files passed over, and why
    held: list[Skipped] = field(default_factory=list)  # bundles from a clock in the future
    seconds: float = 0.0
    sealed: bool = True  # False: the engagement has no team key, its bundles are plain
    blanked: int = 0  # purged text in late bundles, blanked before it reached the disk
    notes: list[str] = field(default_factory=list)  # purge applied, folder tidied: for people

    @property
    def received(self) -> int:
        return sum(m.changes for m in self.merged)

    @property
    def refused(self) -> list[Skipped]:
        """Bundles skipped for a team-key or authentication reason: sync exits non-zero."""
        return [s for s in self.skipped if s.kind == bundles.KEY]

    def key_advice(self) -> str:
        """One line naming the fix when bundles were refused for the key; "" otherwise."""
        refused = self.refused
        if not refused:
            return ""
        other_key = [s for s in refused if "another team key" in s.reason]
        if other_key:
            sites = sorted({s.file.split("/", 1)[0] for s in other_key})
            return (
                f"{len(other_key)} bundle(s) from {len(sites)} laptop(s) are sealed with a "
                "different team key: a team has one key, the lead peer's. On each laptop whose "
                "key is not the lead's, run: onsite invite accept FILE CODE (the lead peer's "
                "invite); its bundles are then sealed again with the team's key."
            )
        if any("does not have" in s.reason for s in refused):
            return (
                "bundles are sealed with the team key, which this laptop does not have: ask "
                "the lead peer for an invite, then: onsite invite accept FILE CODE"
            )
        return (
            f"{len(refused)} bundle(s) refused: not sealed with the team key, or changed "
            "after sealing. Nothing from them was used; tell the lead peer (someone other "
            "than the team may be writing to the shared folder)."
        )


def _quiet(done: int, total: int, what: str) -> None:
    pass


def check_folder(store_path: Path, folder: Path) -> Path:
    folder = Path(folder).expanduser().absolute()  # remembered: must not depend on the cwd
    if folder.is_file():
        raise SyncError(f"{folder}: is a file; give the team's shared folder")
    if not folder.is_dir():
        raise SyncError(f"{folder}: no such folder; create it, or choose the team's shared folder")
    resolved, engagement = folder.resolve(), Path(store_path).resolve()
    if resolved == engagement.parent or resolved in engagement.parents:
        raise SyncError(
            f"{folder}: holds the engagement file itself ({engagement.name}); keep "
            "the engagement outside the shared folder and sync into a folder of its own"
        )
    return folder


def sync(store: Store, folder: Path | str, progress: Progress = _quiet) -> SyncReport:
    """Send this laptop's new changes, then take in everyone else's."""
    started = time.perf_counter()
    refuse_private(store)
    folder = check_folder(store.path, Path(folder))
    engagement = store.engagement().id
    report = SyncReport()
    report.written, report.sent = write_bundle(store, folder, engagement)
    merge_folder(store, folder, engagement, report, progress)
    _after_merge(store, report)
    from onsite.sync import tidy

    report.notes += tidy.after_sync(store, folder, engagement).lines()
    if store.meta("sync_folder") != str(folder):
        store.set_meta("sync_folder", str(folder))
    report.seconds = time.perf_counter() - started
    return report


def _after_merge(store: Store, report: SyncReport) -> None:
    """A purge merged from the lead's laptop takes effect here and now; late old versions
    blanked on the way in are erased from the log."""
    from onsite.confidential import purge
    from onsite.sync import teamkey

    report.sealed = teamkey.team_key(store) is not None
    applied = purge.catch_up(store)
    if applied:
        report.notes.append(
            "Applied the lead peer's purge: the raw notes are gone from this laptop's file."
        )
    elif report.blanked and (marker := purge.marker(store)) is not None:
        purge.apply_marker(store, marker)
    from onsite.confidential.frozen import keep_frozen

    report.notes += keep_frozen(store)


def write_bundle(store: Store, folder: Path, engagement: str) -> tuple[str | None, int]:
    """This laptop's unsent changes as one new bundle; (its key, its size), or (None, 0)."""
    from onsite.store import merge
    from onsite.sync import teamkey

    now = store.clock.wall_ms()
    peer = store.meta("me") or ""
    key = teamkey.team_key(store)
    count = 0

    def write(rows):
        nonlocal count
        count = len(rows)
        return bundles.write(
            folder,
            engagement=engagement,
            site=store.site,
            peer=peer,
            rows=rows,
            written=now,
            key=key,
        )

    return merge.send(store, write, now=now, peer=peer), count


def merge_folder(
    store: Store, folder: Path, engagement: str, report: SyncReport, progress: Progress = _quiet
) -> SyncReport:
    """Merge every bundle in the folder not merged before (not this laptop's own)."""
    from onsite.store import merge

    found, skipped = bundle_reading.scan(folder, store.site, merge.known_files(store))
    report.skipped += skipped
    return merge_files(store, found, engagement, report, progress)


def merge_files(
    store: Store,
    files: list[tuple[str, Path]],
    engagement: str,
    report: SyncReport | None = None,
    progress: Progress = _quiet,
) -> SyncReport:
    """Merge bundle files ("<site>/<name>", path) in the order given."""
    from onsite.store import merge
    from onsite.sync import teamkey

    report = report if report is not None else SyncReport()
    if not files:
        return report
    from onsite.confidential import purge

    key = teamkey.team_key(store)
    purged_upto = purge.marker(store)
    with merge.intake(store) as intake:
        for done, (file, _path, reading) in enumerate(_read_ahead(files, engagement, key)):
            progress(done, len(files), file)
            try:
                bundle = reading.result()
            except BundleError as e:
                report.skipped.append(Skipped(file, str(e).removeprefix(f"{file}: "), e.kind))
                continue
            if purged_upto is not None:
                rows, values, blanked = purge.blank_purged(bundle.rows, bundle.values, purged_upto)
                if blanked:
                    bundle = bundles.Bundle(bundle.file, bundle.header, rows, values)
                    report.blanked += blanked
            now = store.clock.wall_ms()
            ahead = stamp_ms(bundle.header.last) - now
            if ahead > FUTURE_LIMIT_MS:
                report.held.append(
                    Skipped(
                        file,
                        f"held back: stamped {ahead / 3_600_000:.0f} hours "
                        "ahead of this laptop's clock; check that laptop's "
                        "date and time, then sync again",
                    )
                )
                continue
            try:
                summary = intake.take_in(bundle, now=now)
            except merge.BundleRefused as e:
                report.skipped.append(Skipped(file, f"could not be merged, nothing changed ({e})"))
                continue
            store.clock.observe(bundle.header.last)
            if summary is not None:
                h = bundle.header
                report.merged.append(Merged(file, h.site, h.peer, h.count, summary))
    progress(len(files), len(files), "")
    return report


def _read_ahead(files: list[tuple[str, Path]], engagement: str, key):
    """(file, path, the bundle being read) in order, the next one read in a thread while
    this one merges: reading (decrypting, inflating, checking every row) is half the work
    of a first merge, and SQLite and the decryption release the interpreter lock, so on two
    cores the two overlap. One bundle ahead at most, to hold no more than two in memory."""
    from concurrent.futures import ThreadPoolExecutor

    def read(file: str, path: Path):
        return bundle_reading.read(path, file, engagement, key=key)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bundle-reader") as pool:
        ahead = pool.submit(read, *files[0])
        for i, (file, path) in enumerate(files):
            current = ahead
            if i + 1 < len(files):
                ahead = pool.submit(read, *files[i + 1])
            yield file, path, current


def join(
    folder: Path | str,
    file: Path | str,
    progress: Progress = _quiet,
    wall: Callable[[], int] | None = None,
    *,
    invite: str | Path | None = None,
    passphrase: str | None = None,
) -> tuple[Store, SyncReport]:
    """A new laptop's engagement file, built from every bundle in the team's folder.

    `invite` (a code, or an invite file) gives the team key that opens sealed bundles;
    `passphrase` encrypts the new file.
    """
    from onsite.clock import Clock
    from onsite.sync import teamkey

    file = Path(file)
    folder = check_folder(file, Path(folder))
    key = None
    if invite is not None:
        try:
            key, invited_to = teamkey.read_invite(invite)
        except teamkey.TeamKeyError as e:
            raise SyncError(f"invite: {e}") from None
    engagement = _the_engagement(folder, key)
    if invite is not None:
        if invited_to is not None and invited_to != engagement:
            raise SyncError(
                f"{invite}: is an invite to another engagement than the one in {folder}"
            )
    store = Store.create_empty(file, passphrase=passphrase)
    try:
        if key is not None:
            store.set_meta(teamkey.META_KEY, key.hex())
        if wall is not None:
            store.clock = Clock(store.site, store.clock.last, wall=wall)
        report = merge_folder(store, folder, engagement, SyncReport(), progress)
        _after_merge(store, report)
        try:
            store.engagement()
        except StoreError:
            if any("sealed with the team key" in s.reason for s in report.skipped):
                raise SyncError(
                    f"{folder}: the team's bundles are sealed with its team key; "
                    "join with the invite code from the lead peer (--invite CODE)"
                ) from None
            raise SyncError(
                f"{folder}: no bundle there creates the engagement; ask whoever "
                "created it to sync first, then join again"
            ) from None
        refuse_private(store)  # the file is removed below: nothing of it stays here
        store.set_meta("sync_folder", str(folder))
    except BaseException:
        store.close()
        for leftover in (
            file,
            file.with_name(file.name + "-wal"),
            file.with_name(file.name + "-shm"),
        ):
            leftover.unlink(missing_ok=True)
        raise
    return store, report


def refuse_private(store: Store) -> None:
    """A mentoring engagement is the mentor's alone (onsite.engagement.follow_up): it never syncs."""
    from onsite.engagement import follow_up as kinds

    if kinds.is_private(store.engagement().kind):
        raise SyncError(f"{store.path.name}: {kinds.PRIVATE_SYNC}")


def check_join(folder: Path | str, file: Path | str) -> None:
    """What `join` would refuse at once (no folder, no bundles), before a passphrase is asked."""
    _the_engagement(check_folder(Path(file), Path(folder)))


def _the_engagement(folder: Path, key: bytes | None = None) -> str:
    """The engagement the folder's bundles belong to; with a team key, only bundles sealed
    with it count (a plain header could have been written by anyone)."""
    from onsite.sync import teamkey

    found, _ = bundle_reading.scan(folder, None, set())
    engagements = set()
    for file, path in found:
        try:
            header = bundle_reading.read_header(path, file)
        except (BundleError, OSError):
            continue  # reported when the bundles are merged
        if key is not None and not (header.sealed and header.key_id in ("", teamkey.key_id(key))):
            continue
        engagements.add(header.engagement)
    if not engagements:
        raise SyncError(f"{folder}: holds no Onsite bundles; is this the team's sync folder?")
    if len(engagements) > 1:
        raise SyncError(
            f"{folder}: holds bundles of {len(engagements)} engagements "
            f"({', '.join(sorted(engagements))}); give each engagement its own folder"
        )
    return engagements.pop()
