"""Helpers for sync tests: laptops with their own wall clocks, a shared folder, and an oracle
that computes from a set of changes what every laptop must end up holding."""

from __future__ import annotations

import json
import secrets
import shutil
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from onsite.clock import Clock
from onsite.model import TABLE_BY_NAME, TABLES, Change, Peer
from onsite.store import materialize, merge
from onsite.store.db import LONG_TEXTS, Store
from onsite.sync import bundle_reading, bundles
from onsite.sync import exchange as sync

HOUR = 3_600_000
START = time.time_ns() // 1_000_000


@dataclass
class TimeLine:
    """One "real" time for the whole team; each laptop reads it through its own offset."""

    now: int = START

    def advance(self, ms: int) -> None:
        self.now += ms


@dataclass
class Laptop:
    name: str
    store: Store
    offset: int = 0  # how far this laptop's wall clock is from the team's real time
    stale: dict[str, object] = field(default_factory=dict)  # records as loaded a while ago

    def wall(self, timeline: TimeLine):
        return lambda: timeline.now + self.offset


class Team:
    """Laptops sharing a folder; bundles land in `folder`, and tests choose who gets what."""

    def __init__(self, root: Path, timeline: TimeLine | None = None) -> None:
        self.root = root
        self.folder = root / "shared"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.timeline = timeline or TimeLine()
        self.laptops: list[Laptop] = []
        self.engagement = ""

    def found(self, offset: int = 0) -> Laptop:
        """The first laptop: creates the engagement and a peer, and sends them."""
        laptop = Laptop("site0", Store.create_empty(self.root / "site0.onsite"), offset)
        self._identity(laptop, 0)
        from onsite.model import Engagement

        laptop.store.add(
            Engagement(name="Calder Vale", start=date(2026, 3, 2)),
            Peer(name="Ann Bee", initials="AB", role="lead peer"),
        )
        self.engagement = laptop.store.engagement().id
        self.laptops.append(laptop)
        self.send(laptop)
        return laptop

    def join(self, offset: int = 0) -> Laptop:
        name = f"site{len(self.laptops)}"
        laptop = Laptop(name, None, offset)  # type: ignore[arg-type]
        laptop.store, _ = sync.join(
            self.folder, self.root / f"{name}.onsite", wall=laptop.wall(self.timeline)
        )
        self._identity(laptop, len(self.laptops))
        self.laptops.append(laptop)
        return laptop

    def _identity(self, laptop: Laptop, n: int) -> None:
        """A site id and a clock of the test's choosing, before the laptop writes anything.

        Fixed ids, not random ones: equal stamps are ordered by site id, and Hypothesis must
        be able to replay a run exactly."""
        s = laptop.store
        s.site = f"{n + 1:016x}"
        s.set_meta("site", s.site)
        s.clock = Clock(s.site, s.clock.last, wall=laptop.wall(self.timeline))

    def send(self, laptop: Laptop) -> str | None:
        file, _ = sync.write_bundle(laptop.store, self.folder, self.engagement)
        return file

    def files(self) -> list[tuple[str, Path]]:
        """Every bundle in the folder, in an order that does not depend on random ids (so
        Hypothesis can replay a run): by clock, then by laptop."""
        found, skipped = bundle_reading.scan(self.folder, None, set())
        assert not skipped, skipped
        laptop = {lap.store.site: n for n, lap in enumerate(self.laptops)}
        return sorted(found, key=lambda f: (f[0].split("/")[1][:20], laptop[f[0].split("/")[0]]))

    def deliver(self, laptop: Laptop, files: list[tuple[str, Path]]) -> sync.SyncReport:
        return sync.merge_files(laptop.store, files, self.engagement)

    def duplicate(self, file: str, path: Path) -> tuple[str, Path]:
        """The same bundle under another valid name (a re-sent copy): merged as a new file."""
        site, name = file.split("/")
        copy_name = f"{name[:21]}{secrets.token_hex(3)}{bundles.SUFFIX}"  # <ms>-<counter>-<new id>
        copy = self.root / "duplicates" / site / copy_name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
        return f"{site}/{copy_name}", copy

    def close(self) -> None:
        for laptop in self.laptops:
            laptop.store.close()


# -- what a laptop holds, canonically --------------------------------------------------------


def canonical(store: Store) -> dict:
    """The canonical JSON export's records (every table, tombstones too, sorted by id) plus
    the open conflicts: what must be identical on every laptop once all have every bundle.
    Per-laptop bookkeeping (meta, bundles merged, the conflict cache) is not in it."""
    from onsite.leaders.archive import canonical_dump

    dump = dict(canonical_dump(store)["tables"])
    dump["conflicts"] = merge.refresh_conflicts(store)
    return json.loads(json.dumps(dump, sort_keys=True, default=list))


def changes(store: Store) -> set[tuple]:
    with store._session() as s:
        from sqlmodel import select

        return {
            (c.stamp, c.record_table, c.record_id, c.field, c.value, c.site, c.base)
            for c in s.exec(select(Change))
        }


def bundle_rows(files: list[tuple[str, Path]], engagement: str) -> set[tuple]:
    rows = set()
    for file, path in files:
        rows |= set(bundle_reading.read(path, file, engagement).rows)
    return rows


def expected(rows: set[tuple]) -> dict:
    """The oracle: records and open conflicts computed straight from a set of changes."""
    latest: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}
    first: dict[tuple[str, str], str] = {}
    versions: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for stamp, table, record_id, fld, value, _site, base in rows:
        key = (table, record_id)
        fields = latest.setdefault(key, {})
        if fld not in fields or stamp > fields[fld][1]:
            fields[fld] = (value, stamp)
        first[key] = min(first.get(key, stamp), stamp)
        if (table, fld) in LONG_TEXTS:
            versions.setdefault((table, record_id, fld), []).append((stamp, base))
    dump = {t.__tablename__: [] for t in TABLES}
    conflicts = []
    for (table, record_id), fields in sorted(latest.items(), key=lambda kv: kv[0][1]):
        model = TABLE_BY_NAME[table]
        own = [
            c.name
            for c in model.__table__.columns
            if c.name not in ("id", "created", "updated", "site")
        ]
        if {n for n in own if model.model_fields[n].is_required()} <= set(fields):
            updated = max(s for _, s in fields.values())
            record = {
                name: json.loads(fields[name][0])
                if name in fields
                else model.model_fields[name].get_default(call_default_factory=True)
                for name in own
            }
            record.update(
                id=record_id,
                created=first[table, record_id],
                updated=updated,
                site=updated.split(".", 2)[2],
            )
            dump[table].append(record)
        deleted = fields.get("deleted")
        if (
            deleted
            and deleted[0] == "true"
            and any(s > deleted[1] for f, (_, s) in fields.items() if f != "deleted")
        ):
            conflicts.append((table, record_id, "deleted", "deleted"))
    for (table, record_id, fld), v in versions.items():
        if len(materialize.heads(v)) > 1:
            conflicts.append((table, record_id, fld, "text"))
    dump["conflicts"] = sorted(conflicts)
    return json.loads(json.dumps(dump, sort_keys=True))
