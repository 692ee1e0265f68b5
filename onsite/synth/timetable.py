"""The timetable of a synthetic engagement: its sessions (interviews, focus groups, site
visits, document reviews, and each team's meeting at the end of every day), the peers who go
to each, in pairs that share the load, and the participants they meet (see
onsite.synth.build, which stores them)."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from onsite.model import Participant, Peer, Session
from onsite.synth.text import (
    DOCUMENT_TITLES,
    FIRST_NAMES,
    LAST_NAMES,
    LOCATIONS,
    ORG_PATTERNS,
    SECTORS,
    WARD_NAMES,
)
from onsite.vocab import SessionKind

if TYPE_CHECKING:
    from onsite.synth.generate import Counts, Ids
    from onsite.synth.prose import World


class Timetable:
    """Makes the sessions and their participants; `teams`: the peers who meet each evening."""

    def __init__(self, counts: Counts, world: World, ids: Ids) -> None:
        self.counts, self.world, self.ids = counts, world, ids
        self.teams: list[list[Peer]] = []

    def sessions(
        self, rng: random.Random, peers: list[Peer]
    ) -> tuple[list[Session], list[Participant]]:
        """The sessions of the week, each with the peers who go and the people they meet."""
        c = self.counts
        n = c.sessions
        team = min(c.days, n) if n >= 2 * c.days else 0
        team = max(team, round(n * 5 / 60))
        shares = {
            SessionKind.FOCUS_GROUP: 12 / 60,
            SessionKind.SITE_VISIT: 6 / 60,
            SessionKind.DOCUMENT_REVIEW: 2 / 60,
        }
        kinds = [SessionKind.TEAM_MEETING] * team
        for kind, share in shares.items():
            kinds += [kind] * min(round(n * share), n - len(kinds))
        kinds += [SessionKind.INTERVIEW] * (n - len(kinds))
        rng.shuffle(kinds)
        # Team meetings close each day; the rest spread evenly over the days.
        others = [k for k in kinds if k != SessionKind.TEAM_MEETING]
        days = [1 + i % c.days for i in range(len(others))]
        rng.shuffle(days)
        plan = [(1 + i % c.days, SessionKind.TEAM_MEETING) for i in range(team)] + list(
            zip(days, others)
        )
        # Each team of about ten peers meets every evening; scale 10 has ten such teams.
        teams = max(1, round(len(peers) / 10))
        self.teams = [peers[t::teams] for t in range(teams)]
        meeting = [i // c.days % teams for i in range(team)]

        met = (
            SessionKind.INTERVIEW,
            SessionKind.FOCUS_GROUP,
            SessionKind.SITE_VISIT,
        )  # sessions with people from the system
        eligible = [i for i, (_, kind) in enumerate(plan) if kind in met]
        weight = {
            SessionKind.INTERVIEW: 1.5,
            SessionKind.FOCUS_GROUP: 8.0,
            SessionKind.SITE_VISIT: 2.5,
        }
        per_session = [0] * len(plan)
        if eligible:
            firsts = (
                eligible
                if c.participants >= len(eligible)
                else rng.sample(eligible, c.participants)
            )
            for i in firsts:
                per_session[i] = 1
            rest = c.participants - len(firsts)
            for i in rng.choices(eligible, [weight[plan[i][1]] for i in eligible], k=rest):
                per_session[i] += 1

        pairs = self._pairs(rng, peers)
        sessions, participants, keys = [], [], set()
        for i, (day, kind) in enumerate(plan):
            people = [self._participant(rng, kind) for _ in range(per_session[i])]
            group = self.teams[meeting[i]] if kind == SessionKind.TEAM_MEETING else peers
            title, peer_ids, (start, end) = self._session_shape(
                rng, kind, day, people, group, pairs
            )
            n_same = 2
            base = title
            while (day, start, title) in keys:
                title = f"{base} ({n_same})"
                n_same += 1
            keys.add((day, start, title))
            cancelled = kind in met and rng.random() < 0.03
            session = Session(
                id=self.ids(),
                day=day,
                start=start,
                end=end,
                kind=kind,
                title=title,
                location=rng.choice(LOCATIONS),
                peer_ids=peer_ids,
                cancelled=cancelled,
            )
            sessions.append(session)
            for role, organisation, sector, name in people:
                participants.append(
                    Participant(
                        id=self.ids(),
                        session_id=session.id,
                        role=role,
                        organisation=organisation,
                        sector=sector,
                        name=name,
                    )
                )
        return sessions, participants

    @staticmethod
    def _pairs(rng: random.Random, peers: list[Peer]):
        """Peers interview in pairs; an endless rotation that shares the load evenly."""
        ids = [p.id for p in peers]
        while True:
            rng.shuffle(ids)
            for i in range(0, len(ids) - 1, 2):
                yield [ids[i], ids[i + 1]]

    def _participant(self, rng: random.Random, kind: str) -> tuple[str, str, str, str]:
        sector, roles = rng.choice(SECTORS)
        role = rng.choice(roles)
        if kind == SessionKind.FOCUS_GROUP:
            role = rng.choice(
                ("front-line staff", "manager", "volunteer", "resident", "carer", role)
            )
        organisation = rng.choice(ORG_PATTERNS[sector]).format(
            place=rng.choice(self.world.places), system=self.world.system
        )
        return role, organisation, sector, f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"

    def _session_shape(self, rng, kind, day, people, peers, pairs):
        start_minutes = rng.randrange(8 * 60 + 30, 16 * 60 + 31, 15)
        length = {
            SessionKind.INTERVIEW: rng.choice((45, 60)),
            SessionKind.FOCUS_GROUP: rng.choice((60, 90)),
            SessionKind.SITE_VISIT: rng.choice((90, 120)),
            SessionKind.DOCUMENT_REVIEW: 60,
        }.get(kind, 60)
        if kind == SessionKind.TEAM_MEETING:
            start_minutes, length = 17 * 60 + 30, 60
        times = (
            f"{start_minutes // 60:02d}:{start_minutes % 60:02d}",
            f"{(start_minutes + length) // 60:02d}:{(start_minutes + length) % 60:02d}",
        )
        if kind == SessionKind.TEAM_MEETING:
            team = f", team {self.teams.index(peers) + 1}" if len(self.teams) > 1 else ""
            return f"Team meeting: day {day} emerging findings{team}", [p.id for p in peers], times
        if kind == SessionKind.DOCUMENT_REVIEW:
            return f"Document review: {rng.choice(DOCUMENT_TITLES).lower()}", [peers[1].id], times
        peer_ids = next(pairs)
        if kind == SessionKind.INTERVIEW:
            role, organisation, _, _ = (
                people[0] if people else ("Chief executive", self.world.system, "", "")
            )
            return f"{role[0].upper()}{role[1:]}, {organisation}", peer_ids, times
        if kind == SessionKind.FOCUS_GROUP:
            sector = people[0][2] if people else "mixed"
            group = rng.choice(
                (
                    "front-line staff",
                    "managers",
                    "partners",
                    "residents and carers",
                    "newly qualified staff",
                    "volunteers",
                )
            )
            return f"Focus group: {group} ({sector})", peer_ids, times
        place = people[0][1] if people else self.world.places[0]
        where = f"{rng.choice(WARD_NAMES)} {rng.choice(('ward', 'unit', 'hub', 'centre'))}"
        return f"Site visit: {where}, {place}", peer_ids, times
