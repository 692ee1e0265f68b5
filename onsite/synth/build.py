"""The records of a synthetic engagement: the team, the timetable, documents, findings,
recommendations, notes with their excerpts, and daily updates (see onsite.synth.generate)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from onsite.evidence.anchor import anchor_at
from onsite.model import (
    DailyUpdate,
    Document,
    Excerpt,
    Finding,
    Note,
    Peer,
    Recommendation,
    Session,
    Theme,
)
from onsite.synth.prose import NoteWriter, World, count_words
from onsite.synth.text import (
    DOCUMENT_KINDS,
    DOCUMENT_SENTENCES,
    DOCUMENT_TITLES,
    FIRST_NAMES,
    LAST_NAMES,
    ORG_PATTERNS,
    PLACE_ENDS,
    PLACE_STARTS,
    QUESTIONS,
    SECTORS,
    THEMES,
)
from onsite.synth.timetable import Timetable
from onsite.vocab import EvidenceKind, FindingStatus, Polarity, Role, SessionKind

if TYPE_CHECKING:
    from onsite.synth.generate import Counts, Ids

CHUNK = 2_000  # notes and excerpts per transaction: memory stays flat, progress moves


def _allocate(total: int, weights: list[float], caps: list[int] | None = None) -> list[int]:
    """Split total into whole parts in proportion to weights (largest remainder), under caps."""
    n = len(weights)
    caps = caps or [total] * n
    parts = [0] * n
    left = min(total, sum(caps))
    open_ = [i for i in range(n) if caps[i] > 0]
    while left > 0 and open_:
        weight = sum(weights[i] for i in open_) or 1.0
        shares = {i: left * weights[i] / weight for i in open_}
        given = 0
        for i in open_:
            add = min(int(shares[i]), caps[i] - parts[i])
            parts[i] += add
            given += add
        left -= given
        by_remainder = sorted(open_, key=lambda i: shares[i] - int(shares[i]), reverse=True)
        for i in by_remainder:
            if left == 0:
                break
            if parts[i] < caps[i]:
                parts[i] += 1
                left -= 1
        open_ = [i for i in open_ if parts[i] < caps[i]]
    return parts


class Builder:
    """Makes the records; text is written only as its batch is about to be stored."""

    def __init__(self, counts: Counts, seed: int, world: World, ids: Ids, start: date) -> None:
        self.counts, self.seed, self.world, self.ids, self.start = counts, seed, world, ids, start
        self.text = NoteWriter(random.Random(f"{seed}:text"), world)
        self.words = 0  # in the notes written so far

    def rng(self, part: str) -> random.Random:
        # One generator per part, so changing how one part is made leaves the others alone.
        return random.Random(f"{self.seed}:{part}")

    def batches(self) -> Iterator[tuple[str, list]]:
        """(stage, records) in the order a team would write them; notes come in batches as
        they are written, so that memory stays flat and progress moves at scale 10."""
        themes = self.themes()
        peers = self.peers()
        self.lead = peers[0]
        yield "team and lines of enquiry", [*themes, *peers]
        timetable = Timetable(self.counts, self.world, self.ids)
        sessions, participants = timetable.sessions(self.rng("timetable"), peers)
        yield "timetable", [*sessions, *participants]
        documents = self.documents()
        yield "documents", documents
        findings = self.findings([t.key for t in themes])
        yield "findings", [*findings, *self.recommendations(findings)]
        yield from self.notes(sessions, documents, peers, findings)
        yield "daily updates", self.daily_updates(findings, peers[0])

    # -- the team --------------------------------------------------------------------------

    def themes(self) -> list[Theme]:
        return [
            Theme(
                id=self.ids(),
                key=key,
                name=name,
                aliases=list(aliases),
                position=i,
                description=f"What we ask about {name.lower()}.",
            )
            for i, (key, name, aliases) in enumerate(THEMES)
        ]

    def peers(self) -> list[Peer]:
        rng = self.rng("peers")
        titles = (
            "Chief executive, {p} Hospitals NHS Foundation Trust",
            "Chief executive, {p} Partnership NHS Foundation Trust",
            "Chief executive, {p} Council",
            "Director of adult social services, {p} Council",
            "Councillor, {p} Council (member peer)",
            "Accountable officer, {p} ICB",
            "Clinical chair, {p} ICB",
            "System director, {p} ICS",
            "Former chief executive, {p} Community Health Services",
        )
        peers, names, initials = [], set(), set()
        for i in range(self.counts.peers):
            while True:
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                if f"{first} {last}" not in names:
                    break
            names.add(f"{first} {last}")
            mark = first[0] + last[0]
            n = 2
            while mark in initials:
                mark = f"{first[0]}{last[0]}{n}"
                n += 1
            initials.add(mark)
            role = Role.LEAD_PEER if i == 0 else Role.CHALLENGE_MANAGER if i == 1 else Role.PEER
            home = rng.choice(PLACE_STARTS) + rng.choice(PLACE_ENDS)  # peers come from elsewhere
            title = (
                "Peer challenge manager, LGA"
                if role == Role.CHALLENGE_MANAGER
                else rng.choice(titles).format(p=home)
            )
            peers.append(
                Peer(id=self.ids(), name=f"{first} {last}", initials=mark, role=role, title=title)
            )
        return peers

    # -- reading ---------------------------------------------------------------------------

    def documents(self) -> list[Document]:
        rng = self.rng("documents")
        docs = []
        for _ in range(self.counts.documents):
            sector = rng.choice(SECTORS)[0]
            source = rng.choice(ORG_PATTERNS[sector]).format(
                place=rng.choice(self.world.places), system=self.world.system
            )
            year = rng.randint(2019, 2026)
            title = f"{rng.choice(DOCUMENT_TITLES)} {year}/{(year + 1) % 100:02d}"
            kind = next(
                (k for k in DOCUMENT_KINDS if k.split()[-1] in title.lower()),
                rng.choice(DOCUMENT_KINDS),
            )
            summary = " ".join(
                self.text.fill(rng.choice(DOCUMENT_SENTENCES)) for _ in range(rng.randint(2, 6))
            )
            docs.append(
                Document(id=self.ids(), title=title, kind=kind, source=source, summary=summary)
            )
        return docs

    # -- findings --------------------------------------------------------------------------

    STRENGTHS = (
        "{subject_cap} share a clear commitment to {topic}, heard across sectors",
        "{topic_cap} is a genuine strength, valued by staff and partners alike",
        "Strong, trusting relationships underpin {topic}",
        "Good progress on {topic}, with data to show it ({metric}: {number})",
        "{topic_cap} is well led and widely understood below director level",
        "Partners speak positively about {topic}; the VCSE feels an equal partner in it",
    )
    AREAS = (
        "{topic_cap} is not yet owned across the system; nobody could say who decides",
        "There is no shared view of {topic}; organisations describe it differently",
        "{topic_cap} depends on a few individuals and would not survive their leaving",
        "Front-line staff do not recognise the picture of {topic} that leaders describe",
        "{topic_cap} lacks measurable outcomes ({metric}: {number}, no target)",
        "Pressure on {topic} is crowding out work on {topic2}",
    )
    RECOMMENDATIONS = (
        "Agree a single owner and a shared plan for {topic}, reported to the health and wellbeing board",
        "Develop a shared outcomes framework that covers {topic} and {topic2}",
        "Reset the governance of {topic} so decisions are made once, at the right level",
        "Invest in the capacity behind {topic} before starting new initiatives",
        "Co-produce the next phase of {topic} with people who use services and carers",
        "Build on {topic} as a model for {topic2} across the system",
    )

    def _statement(self, rng: random.Random, template: str, theme: str) -> str:
        text = self.text
        topic, topic2 = text.topic(theme), text.topic()
        metric, number, _ = text.metric()
        subject = rng.choice(
            ("system leaders", "partners", "the chief executives", "front-line staff")
        )
        return template.format(
            topic=topic,
            topic_cap=topic[0].upper() + topic[1:],
            topic2=topic2,
            metric=metric,
            number=number,
            subject_cap=subject[0].upper() + subject[1:],
        )

    def findings(self, theme_keys: list[str]) -> list[Finding]:
        rng = self.rng("findings")
        found, positions = [], dict.fromkeys(theme_keys, 0)
        for i in range(self.counts.findings):
            theme = (
                theme_keys[i % len(theme_keys)] if i < len(theme_keys) else rng.choice(theme_keys)
            )
            polarity = Polarity.STRENGTH if rng.random() < 0.45 else Polarity.AREA
            status = rng.choices(
                (
                    FindingStatus.EMERGING,
                    FindingStatus.TESTED,
                    FindingStatus.AGREED,
                    FindingStatus.DROPPED,
                ),
                (30, 25, 35, 10),
            )[0]
            template = rng.choice(self.STRENGTHS if polarity == Polarity.STRENGTH else self.AREAS)
            questions = (
                f"Test: {rng.choice(QUESTIONS)}?"
                if status in (FindingStatus.EMERGING, FindingStatus.TESTED)
                else ""
            )
            found.append(
                Finding(
                    id=self.ids(),
                    theme_key=theme,
                    polarity=polarity,
                    status=status,
                    statement=self._statement(rng, template, theme),
                    day=rng.randint(1, self.counts.days),
                    position=positions[theme],
                    questions=questions,
                )
            )
            positions[theme] += 1
        return found

    def recommendations(self, findings: list[Finding]) -> list[Recommendation]:
        rng = self.rng("recommendations")
        basis = [
            f for f in findings if f.status in (FindingStatus.AGREED, FindingStatus.TESTED)
        ] or findings
        recs = []
        for number in range(1, self.counts.recommendations + 1):
            anchor = rng.choice(basis)
            related = [f for f in basis if f.theme_key == anchor.theme_key and f is not anchor]
            chosen = [anchor, *rng.sample(related, min(len(related), rng.randint(0, 3)))]
            text = self._statement(rng, rng.choice(self.RECOMMENDATIONS), anchor.theme_key)
            recs.append(
                Recommendation(
                    id=self.ids(), number=number, text=text, finding_ids=[f.id for f in chosen]
                )
            )
        return recs

    def daily_updates(self, findings: list[Finding], lead: Peer) -> list[DailyUpdate]:
        updates = []
        for day in range(1, self.counts.days + 1):
            today = [f for f in findings if f.day == day and f.status != FindingStatus.DROPPED][:12]
            lines = [f"# Daily update, day {day}", "", "Emerging strengths:"]
            lines += [f"- {f.statement}" for f in today if f.polarity == Polarity.STRENGTH]
            lines += ["", "Emerging areas for consideration:"]
            lines += [f"- {f.statement}" for f in today if f.polarity != Polarity.STRENGTH]
            last = day == self.counts.days
            when = self.start + timedelta(days=day - 1)
            updates.append(
                DailyUpdate(
                    id=self.ids(),
                    day=day,
                    body="\n".join(lines) + "\n",
                    status="draft" if last else "delivered",
                    delivered_by="" if last else lead.id,
                    delivered_at="" if last else f"{when.isoformat()}T17:45",
                )
            )
        return updates

    # -- notes and tagged evidence ---------------------------------------------------------

    def notes(
        self,
        sessions: list[Session],
        documents: list[Document],
        peers: list[Peer],
        findings: list[Finding],
    ) -> Iterator[tuple[str, list]]:
        rng = self.rng("notes")
        c = self.counts
        slots: list[tuple[Session | None, Document | None, str]] = []  # (session, document, author)
        for s in sessions:
            if s.cancelled:
                continue
            # One note of a team meeting (its first peer's) and of a document review.
            authors = (
                s.peer_ids[:1]
                if s.kind in (SessionKind.TEAM_MEETING, SessionKind.DOCUMENT_REVIEW)
                else s.peer_ids
            )
            slots += [(s, None, a) for a in authors]
        rng.shuffle(slots)
        slots = slots[: max(1, c.notes // 2)]  # tiny scales: leave room for reading notes
        reading = c.notes - len(slots)
        readers = [p.id for p in peers]
        order = list(documents)
        rng.shuffle(order)
        read_by: dict[str, set[str]] = {}
        for i in range(reading):
            document = order[i % len(order)]
            done = read_by.setdefault(document.id, set())
            # A peer keeps one note per document (the app opens "my note" on it).
            reader = rng.choice([p for p in readers if p not in done] or readers)
            done.add(reader)
            slots.append((None, document, reader))

        weights = []
        for session, _, _ in slots:
            kind = session.kind if session else "reading"
            base = {SessionKind.TEAM_MEETING: 3.0, "reading": 1.0}.get(kind, 4.5)
            weights.append(base * rng.lognormvariate(0, 0.35))
        budgets = _allocate(c.words, weights)
        titles = [self._note_title(s, d) for s, d, _ in slots]
        caps = [max(0, (b - count_words(t) - 5) // 20) for b, t in zip(budgets, titles)]
        per_note = _allocate(c.excerpts, [float(b) for b in budgets], caps)

        themes = sorted({f.theme_key for f in findings})
        finding_weights = [
            rng.paretovariate(1.3) * (0.3 if f.status == FindingStatus.DROPPED else 1.0)
            for f in findings
        ]
        batch: list = []
        for (session, document, author), words, title, k in zip(slots, budgets, titles, per_note):
            specs = []
            for _ in range(k):
                if rng.random() < 0.8:
                    finding = rng.choices(findings, finding_weights)[0]
                    keys = [finding.theme_key]
                    polarity = finding.polarity
                else:
                    finding = None
                    keys = [rng.choice(themes)]
                    polarity = rng.choice(
                        (Polarity.STRENGTH, Polarity.AREA, Polarity.NEUTRAL, Polarity.NEUTRAL)
                    )
                if rng.random() < 0.25:
                    other = rng.choice(themes)
                    if other not in keys:
                        keys.append(other)
                specs.append((keys, polarity, finding))
            kind = session.kind if session else "reading"
            body, spans = self.text.note(title, kind, words, [(k_, p) for k_, p, _ in specs])
            self.words += count_words(body)
            note = Note(
                id=self.ids(),
                session_id=session.id if session else None,
                document_id=document.id if document else None,
                author_id=author,
                body=body,
            )
            batch.append(note)
            evidence = {
                SessionKind.SITE_VISIT: EvidenceKind.SEEN,
                SessionKind.DOCUMENT_REVIEW: EvidenceKind.READ,
                "reading": EvidenceKind.READ,
            }.get(kind, EvidenceKind.HEARD)
            for (keys, polarity, finding), (start, end) in zip(specs, spans):
                anchor = anchor_at(body, start, end)  # quote and context, as tagging keeps them
                batch.append(
                    Excerpt(
                        id=self.ids(),
                        note_id=note.id,
                        quote=anchor.quote,
                        prefix=anchor.prefix,
                        suffix=anchor.suffix,
                        start=start,
                        theme_keys=keys,
                        polarity=polarity,
                        evidence=evidence,
                        finding_id=finding.id if finding else None,
                    )
                )
            if len(batch) >= CHUNK:
                yield "notes and excerpts", batch
                batch = []
        if batch:
            yield "notes and excerpts", batch

    @staticmethod
    def _note_title(session: Session | None, document: Document | None) -> str:
        if session is not None:
            return f"{session.title} (day {session.day}, {session.start})"
        assert document is not None  # a note is on a session or on a document
        return f"Reading: {document.title}"
