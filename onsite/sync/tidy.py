"""Keeping the shared folder clean: after a purge, and after a laptop takes the team key.

Bundles are written once and never changed in the ordinary way of things. Two events are
the exceptions, because old bundles would otherwise keep in the cloud folder, for good, what
the team means to be gone or shut:
- a purge: every laptop, at its first sync after merging the purge, replaces its own bundles
  with one new bundle made from its change log (where the purge erased the old versions);
  the lead's laptop also rewrites every bundle in the folder with the purged fields blanked
  (it holds the team key that opens them all), so laptops that have not synced yet leave
  nothing behind in the folder either (their own files keep the words until they sync);
- the team key reaching a laptop that had none, or had another (`onsite invite accept`):
  its own bundles, plain or sealed with the wrong key, are replaced by one sealed bundle.
A laptop that merged an old bundle before it was replaced has its changes already; one that
had not merges the replacement (a duplicate change adds nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from onsite.confidential import purge
from onsite.model import Peer
from onsite.store import history, merge
from onsite.store.db import Store
from onsite.sync import bundle_reading, bundles, teamkey

REWRITTEN_META = "bundles_rewritten_upto"  # the purge marker this laptop's bundles reflect
COMPACTED_META = "folder_compacted_upto"  # the purge marker the whole folder reflects


@dataclass
class Tidied:
    rewritten_own: int = 0  # own old bundles replaced by one
    compacted: int = 0  # bundles in the folder rewritten with purged fields blanked
    left: list[str] = field(default_factory=list)  # bundles that could not be cleaned, and why
    done: bool = False  # the whole folder was gone through

    def lines(self) -> list[str]:
        out = []
        if self.rewritten_own:
            out.append(
                f"Replaced this laptop's {self.rewritten_own} earlier bundle(s) in the "
                "shared folder with one."
            )
        if self.compacted:
            out.append(
                f"Blanked the purged text in {self.compacted} bundle(s) in the shared folder."
            )
        out += [f"Not cleaned: {why}" for why in self.left]
        return out


def after_sync(store: Store, folder: Path, engagement: str) -> Tidied:
    """What this laptop owes the folder after a sync (nothing, most of the time)."""
    tidied = Tidied()
    marker = purge.marker(store)
    reseal = store.meta(teamkey.RESEAL_META) == "1"
    if reseal or (marker and (store.meta(REWRITTEN_META) or "") < marker):
        tidied.rewritten_own = rewrite_own(store, folder, engagement)
        if marker:
            store.set_meta(REWRITTEN_META, marker)
        if reseal:
            store.set_meta(teamkey.RESEAL_META, "")
    if marker and (store.meta(COMPACTED_META) or "") < marker and _purged_here(store, marker):
        compact_folder(store, folder, engagement, marker, tidied)
    return tidied


def _purged_here(store: Store, marker: str) -> bool:
    """Was the purge with this marker made on this laptop (the lead's)?"""
    return any(
        a.action == "purge" and purge.marker_of(a.detail) == marker and a.site == store.site
        for a in store.audit_log()
    )


def _own_files(folder: Path, site: str) -> list[Path]:
    own = Path(folder) / site
    if not own.is_dir() or own.is_symlink():
        return []
    return [
        p
        for p in own.iterdir()
        if bundles.NAME.match(p.name) and p.is_file() and not p.is_symlink()
    ]


def rewrite_own(store: Store, folder: Path, engagement: str) -> int:
    """Replace this laptop's bundles in the folder with one, sealed with the team key (if the
    engagement has one), from what its change log holds now; how many were replaced."""
    old = _own_files(folder, store.site)
    rows = merge.own_rows(store)
    written = None
    if rows:
        written, header = bundles.write(
            folder,
            engagement=engagement,
            site=store.site,
            peer=store.meta("me") or "",
            rows=rows,
            written=store.clock.wall_ms(),
            key=teamkey.team_key(store),
        )
        merge.record_bundle(store, written, header)
    gone = []
    for path in old:
        key = f"{store.site}/{path.name}"
        if key == written:
            continue
        try:
            path.unlink()
            gone.append(key)
        except OSError:
            continue  # a sync client holding it: the next sync tries again
    merge.forget_bundles(store, gone)
    return len(gone)


def compact_folder(
    store: Store, folder: Path, engagement: str, marker: str, tidied: Tidied | None = None
) -> Tidied:
    """Rewrite every bundle in the folder that holds a purged field at or before the marker,
    with the field blanked (the lead's purge): same name, same changes, no words."""
    tidied = tidied if tidied is not None else Tidied()
    key = teamkey.team_key(store)
    found, _ = bundle_reading.scan(folder, None, set())
    for file, path in found:
        try:
            header = bundle_reading.read_header(path, file)
            if header.first > marker:
                continue  # written after the purge: nothing in it to blank
            if key is not None and not header.sealed:
                tidied.left.append(f"{file}: not sealed with the team key (not opened)")
                continue
            bundle = bundle_reading.read(path, file, engagement, key=key if header.sealed else None)
            rows, _, blanked = purge.blank_purged(bundle.rows, bundle.values, marker)
            if blanked:
                bundles.write(
                    folder,
                    engagement=engagement,
                    site=header.site,
                    peer=header.peer,
                    rows=rows,
                    written=header.written,
                    key=key if header.sealed else None,
                    name=Path(path).name,
                )
                tidied.compacted += 1
        except (bundles.BundleError, OSError) as e:
            tidied.left.append(str(e))
    store.set_meta(COMPACTED_META, marker)
    tidied.done = True
    return tidied


def after_purge(store: Store, folder: Path | None) -> Tidied:
    """The lead's purge, in the shared folder (the one given, else the one last synced with):
    every bundle rewritten with the purged fields blanked."""
    marker = purge.marker(store)
    kept = store.meta("sync_folder")
    folder = folder or (Path(kept) if kept else None)
    if marker is None or folder is None or not Path(folder).is_dir():
        return Tidied()
    return compact_folder(store, Path(folder), store.engagement().id, marker)


def other_laptops(store: Store) -> list[str]:
    """Where the raw notes may still be, until the purge reaches it: each other peer's laptop
    ("Raj Patel's laptop"), and any laptop heard from whose peer is not known (by site id)."""
    me = store.me()
    peers = {p.id: p.name for p in store.every(Peer)}
    out = {f"{p.name}'s laptop" for p in store.peers() if p.id != me}
    for _file, site, peer, *_ in history.bundles(store):
        if site != store.site and peer not in peers:
            out.add(f"laptop {site}")
    return sorted(out)
