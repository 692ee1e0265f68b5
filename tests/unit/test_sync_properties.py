"""Property tests of team sync: any team, any edits, any delivery, any clocks: one state.

2-12 laptops make random creates, edits (of fresh and of stale copies), deletes and
restores, send bundles, receive random subsets of the folder, shuffled and duplicated, with
wall clocks hours apart that jump backwards. At the end everyone sends and everyone
receives everything (in their own order, with duplicates), a late laptop joins, and all of
them must hold exactly what an oracle computes from the union of the bundles: the same
records, every version of every text, and every conflict flagged.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from onsite.leaders.archive import archive_json
from onsite.model import Finding, Note, Peer, Session
from onsite.store.errors import StoreError
from onsite.sync import status as sync_status
from tests.properties import examples
from tests.unit.syncing import HOUR, Team, bundle_rows, canonical, changes, expected

MODELS = {"note": Note, "finding": Finding, "session": Session, "peer": Peer}
SETTINGS = settings(
    max_examples=examples(30),
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
# Weighted so that laptops often edit the same texts between exchanges: that makes conflicts.
ACTIONS = (
    ["create"] * 2
    + ["edit"] * 5
    + ["stale edit", "delete", "restore"]
    + ["send"] * 3
    + ["deliver"] * 3
    + ["clock", "damaged", "both edit", "resolve"]
)


class Run:
    """One random team history, drawn step by step (so choices can depend on the state)."""

    def __init__(self, data, root: Path) -> None:
        self.data, self.team = data, Team(root)
        self.ids: dict[str, list[str]] = {name: [] for name in MODELS}
        self.counter = 0
        self.resolved = 0

    def draw(self, strategy, label=None):
        return self.data.draw(strategy, label=label)

    def text(self, who: str) -> str:
        self.counter += 1
        lines = self.draw(
            st.lists(st.sampled_from(["We heard", "discharge", "the ICB", "staff"]), max_size=3),
            label="lines",
        )
        return "\n".join([f"{who} version {self.counter}", *lines])

    def start(self) -> None:
        n = self.draw(st.integers(2, 12), label="laptops")
        offsets = [self.draw(st.integers(-6 * HOUR, 6 * HOUR), label="skew") for _ in range(n)]
        first = self.team.found(offsets[0])
        self.ids["peer"] += [p.id for p in first.store.peers()]
        for offset in offsets[1:]:
            self.team.join(offset)

    def step(self) -> None:
        team = self.team
        team.timeline.advance(self.draw(st.integers(0, 20 * 60_000), label="minutes pass"))
        # A few laptops do most of the work, as in a real team (and so their edits meet).
        busy = self.draw(st.booleans(), label="a busy laptop")
        laptop = self.draw(
            st.sampled_from(team.laptops[:3] if busy else team.laptops), label="laptop"
        )
        action = self.draw(st.sampled_from(ACTIONS), label="action")
        getattr(self, action.replace(" ", "_"))(laptop)

    def create(self, laptop) -> None:
        self.create_kind(laptop, self.draw(st.sampled_from(sorted(MODELS)), label="kind"))

    def create_kind(self, laptop, kind: str) -> None:
        text = self.text(laptop.name)
        record = {
            "note": lambda: Note(author_id=self.ids["peer"][0], body=text),
            "finding": lambda: Finding(theme_key="workforce", statement=text),
            "session": lambda: Session(day=1, start="09:00", title=text),
            "peer": lambda: Peer(name=text, initials="XY"),
        }[kind]()
        laptop.store.add(record)
        self.ids[kind].append(record.id)

    def _pick(self, laptop):
        kind = self.draw(st.sampled_from([k for k in sorted(MODELS) if self.ids[k]]), label="kind")
        recent = self.draw(st.booleans(), label="a recent record")
        record_id = self.draw(
            st.sampled_from(self.ids[kind][-2:] if recent else self.ids[kind]), label="record"
        )
        return kind, laptop.store.get(MODELS[kind], record_id)

    def _edit(self, laptop, kind, record) -> None:
        text = self.text(laptop.name)
        field = self.draw(
            st.sampled_from(
                {
                    "note": ["body", "body", "author_id"],
                    "finding": ["statement", "statement", "status"],
                    "session": ["title", "peer_ids", "cancelled"],
                    "peer": ["name", "role"],
                }[kind]
            ),
            label="field",
        )
        value = {
            "author_id": self.ids["peer"][-1],
            "status": "tested",
            "cancelled": True,
            "peer_ids": [laptop.name],
            "role": laptop.name,
        }.get(field, text)
        laptop.store.update(record, **{field: value})

    def edit(self, laptop) -> None:
        kind, record = self._pick(laptop)
        if record is None:
            return  # not arrived on this laptop yet
        if self.draw(st.booleans(), label="remember a copy"):
            laptop.stale[record.id] = (kind, laptop.store.get(MODELS[kind], record.id))
        self._edit(laptop, kind, record)

    def stale_edit(self, laptop) -> None:
        if laptop.stale:
            record_id = self.draw(st.sampled_from(list(laptop.stale)), label="stale copy")
            kind, record = laptop.stale[record_id]
            self._edit(laptop, kind, record)

    def both_edit(self, laptop) -> None:
        """This laptop and another edit the same text before either hears of the other."""
        step = self.draw(st.integers(1, len(self.team.laptops) - 1), label="other laptop")
        other = self.team.laptops[(self.team.laptops.index(laptop) + step) % len(self.team.laptops)]
        kind = self.draw(st.sampled_from(["note", "finding"]), label="kind")
        self.create_kind(laptop, kind)
        self.team.send(laptop)
        self.team.deliver(other, self.team.files())
        record_id = self.ids[kind][-1]
        field = "body" if kind == "note" else "statement"
        if self.draw(st.booleans(), label="one deletes it"):
            laptop.store.delete(laptop.store.get(MODELS[kind], record_id))
            self.team.timeline.advance(self.draw(st.integers(0, HOUR), label="then, later"))
            other.store.update(
                other.store.get(MODELS[kind], record_id), **{field: self.text(other.name)}
            )
        else:
            for who in (laptop, other):
                who.store.update(
                    who.store.get(MODELS[kind], record_id), **{field: self.text(who.name)}
                )
        if self.draw(st.booleans(), label="exchange at once"):
            self.team.send(other)
            self.team.deliver(laptop, self.team.files())
            flagged = {c.record_id for c in sync_status.open_conflicts(laptop.store)}
            assert record_id in flagged or laptop.store.get(MODELS[kind], record_id).deleted

    def resolve(self, laptop) -> None:
        """A person settles a conflict (on this laptop, or the next one that has any); the
        resolution travels like any edit."""
        laptops = self.team.laptops
        start = laptops.index(laptop)
        for laptop in laptops[start:] + laptops[:start]:
            conflicts = sync_status.open_conflicts(laptop.store)
            if conflicts:
                break
        else:
            return
        # In the order the records were made (record ids are random: a replay must choose alike).
        made = {
            record_id: n for n, record_id in enumerate(i for ids in self.ids.values() for i in ids)
        }
        conflicts.sort(key=lambda c: (made.get(c.record_id, -1), c.field))
        conflict = conflicts[self.draw(st.integers(0, len(conflicts) - 1), label="conflict")]
        try:
            if conflict.kind == "text":
                sync_status.resolve(laptop.store, conflict, text=conflict.proposal)
            else:
                sync_status.resolve(
                    laptop.store, conflict, restore=self.draw(st.booleans(), label="restore")
                )
        except StoreError as e:
            # Edits of a record whose creation is still on its way: listed, and refused with
            # the person told to sync first (found by this test: a laptop that joined late).
            assert "has not fully arrived yet" in str(e)
            assert laptop.store.get(MODELS[conflict.record_table], conflict.record_id) is None
            return
        self.resolved += 1
        assert conflict.record_id not in {
            c.record_id
            for c in sync_status.open_conflicts(laptop.store)
            if c.field == conflict.field
        }

    def delete(self, laptop) -> None:
        _, record = self._pick(laptop)
        if record is not None and not record.deleted:
            laptop.store.delete(record)

    def restore(self, laptop) -> None:
        _, record = self._pick(laptop)
        if record is not None and record.deleted:
            laptop.store.update(record, deleted=False)

    def send(self, laptop) -> None:
        self.team.send(laptop)

    def deliver(self, laptop) -> None:
        files = self.team.files()
        if self.draw(st.booleans(), label="deliver all"):
            some = self.draw(st.permutations(files), label="order")
        else:
            some = self.draw(st.lists(st.sampled_from(files), max_size=len(files)), label="some")
        copies = self.draw(st.lists(st.sampled_from(files), max_size=2), label="duplicated")
        report = self.team.deliver(laptop, some + [self.team.duplicate(*f) for f in copies])
        assert not report.skipped and not report.held

    def clock(self, laptop) -> None:
        jump = self.draw(st.integers(-3 * HOUR, 3 * HOUR), label="clock jump")
        laptop.offset = max(-8 * HOUR, min(8 * HOUR, laptop.offset + jump))

    def damaged(self, laptop) -> None:
        """A bundle cut short by a sync client: refused whole, nothing changes."""
        files = self.team.files()
        file, path = self.draw(st.sampled_from(files), label="damaged bundle")
        copy_file, copy = self.team.duplicate(file, path)
        data = copy.read_bytes()
        # A share of the length, not a length: the same draws must replay the same run.
        cut = self.draw(st.integers(0, 999), label="cut at, per mille") * len(data) // 1000
        copy.write_bytes(data[:cut])
        before = changes(laptop.store)
        report = self.team.deliver(laptop, [(copy_file, copy)])
        assert [s.file for s in report.skipped] == [copy_file] and not report.merged
        assert changes(laptop.store) == before

    def converge(self) -> None:
        team = self.team
        for laptop in team.laptops:
            team.send(laptop)
        files = team.files()
        for laptop in team.laptops:
            order = self.draw(st.permutations(files), label="final order")
            copies = self.draw(
                st.lists(st.sampled_from(files), max_size=3), label="final duplicates"
            )
            team.deliver(laptop, list(order) + [team.duplicate(*f) for f in copies] + list(order))
        team.join()  # a laptop that arrives late, from the folder alone


@pytest.mark.slow
@SETTINGS
@given(st.data())
def test_every_laptop_ends_with_the_same_state_whatever_the_order_clocks_and_duplicates(data):
    with tempfile.TemporaryDirectory() as tmp:
        run = Run(data, Path(tmp))
        try:
            run.start()
            for _ in range(data.draw(st.integers(5, 40), label="steps")):
                run.step()
            run.converge()
            sent = bundle_rows(run.team.files(), run.team.engagement)
            oracle = expected(sent)
            for kind in sorted({c[3] for c in oracle["conflicts"]}):
                event(f"{kind} conflict")
            if run.resolved:
                event("a conflict resolved")
            n = len(run.team.laptops)
            event("2-3 laptops" if n < 4 else "4-7 laptops" if n < 8 else "8-13 laptops")
            for laptop in run.team.laptops:
                assert changes(laptop.store) == sent, laptop.name  # every version, nothing more
                assert canonical(laptop.store) == oracle, laptop.name
            assert len({archive_json(laptop.store) for laptop in run.team.laptops}) == 1
        finally:
            run.team.close()
