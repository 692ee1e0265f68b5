"""Benchmark (not a test): export of everything at ten times a heavy week.

A heavy week is 60 sessions, 160 people, 300 documents, about 600 notes and 400,000 words;
at scale 10 this builds 600 sessions, 1,600 participants, 3,000 documents, 6,000 notes (about
4 million words), 15,000 tagged excerpts, 1,500 findings and 150 recommendations, with every
write logged as the store always does, then times the whole export: feedback, report and
daily updates through the attribution guard into Markdown, HTML and Word, plus the JSON
archive. Target: under 1 s at scale 10.

    uv run python -m tests.bench.bench_export          # scale 10
    uv run python -m tests.bench.bench_export 1 10     # several scales
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

if not __package__:  # run as a file: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench import common  # noqa: E402

WORDS = (
    "discharge hub partners system board place council trust ward staff pathway care home "
    "domiciliary capacity funding leadership vision strategy prevention inequalities data "
    "workforce vacancies recruitment retention governance decisions meeting culture trust "
    "relationships community neighbourhood team integrated urgent primary mental health "
    "housing voluntary sector budget risk outcome residents carers families people slow "
    "strong clear weak shared joint plan review timely flow weekend beds demand"
).split()
FORENAMES = (
    "Aisha Bronwen Ciaran Delyth Eamon Fenella Gwilym Hamish Ifeoma Jolanta Kwame "
    "Leocadia Morwenna Niamh Oluwaseun Pranav Rhiannon Saoirse Tadhg Ulrika"
).split()
SURNAMES = (
    "Ashworth Blenkinsop Cholmondeley Dunstable Eversleigh Fothergill Grimshaw Hetherington "
    "Illingworth Jagielka Kettlewell Lockwood Mottershead Nuttall Oldroyd Pilkington "
    "Quarmby Rawcliffe Sutcliffe Thistlethwaite Umpleby Varley Whitworth Yardley"
).split()
ROLES = (
    "chief executive",
    "director of finance",
    "medical director",
    "chief nurse",
    "director of adult social services",
    "director of public health",
    "ward manager",
    "social worker",
    "GP",
    "councillor",
    "housing officer",
    "care home manager",
)
ORGS = (
    "Calder ICB",
    "Hebbleton Council",
    "Larkholme Council",
    "Calder General",
    "Vale Community Trust",
    "Pennine Mental Health",
)
THEMES = (
    "vision",
    "leadership",
    "governance",
    "integration",
    "prevention",
    "workforce",
    "finance",
    "improvement",
)


def _n(count: int, scale: float) -> int:
    """count heavy-week records at this scale; the runner's --quick passes a fraction."""
    return max(1, round(count * scale))


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


BEST = "export of everything, best of 3"
# For the runner (tests/bench/run.py): one call per scale, as each call builds its own
# engagement and takes the best of three exports itself.
RUNS = 1
TARGETS = {BEST: "< 1"}


def build(path: Path, scale: float, seed: int = 6) -> None:
    """An engagement of `scale` heavy weeks, written through the store like the app writes."""
    from onsite.leaders.daily import DELIVERED
    from onsite.model import (
        DailyUpdate,
        Document,
        Excerpt,
        FeedbackSection,
        Finding,
        Note,
        Participant,
        Peer,
        Recommendation,
        Session,
        Theme,
    )
    from onsite.store.db import Store

    rng = random.Random(seed)
    store = Store.create(
        path, name="Calder Vale benchmark", start=date(2026, 3, 2), days=5, scope=_text(rng, 200)
    )
    peers = [
        Peer(name=f"Peer {i}", initials=f"P{i}", role="lead peer" if i == 0 else "peer")
        for i in range(10)
    ]
    themes = [Theme(key=k, name=k.capitalize(), position=i) for i, k in enumerate(THEMES)]
    records: list = [*peers, *themes]
    sessions = []
    for i in range(_n(60, scale)):
        hour = 9 + i % 8
        s = Session(
            day=1 + i % 5,
            start=f"{hour:02d}:00",
            end=f"{hour:02d}:50",
            title=f"Session {i}",
            kind=rng.choice(("interview", "interview", "focus group", "site visit")),
            peer_ids=[p.id for p in rng.sample(peers, 2)],
        )
        sessions.append(s)
    records += sessions
    for i in range(_n(160, scale)):
        records.append(
            Participant(
                session_id=sessions[i % len(sessions)].id,
                role=ROLES[i % len(ROLES)],
                organisation=ORGS[i % len(ORGS)],
                sector="NHS",
                name=f"{FORENAMES[i % len(FORENAMES)]} {SURNAMES[i % len(SURNAMES)]}"
                f"-{SURNAMES[(i // len(SURNAMES)) % len(SURNAMES)]}",
            )
        )
    documents = [
        Document(title=f"Document {i}", summary=_text(rng, 60)) for i in range(_n(300, scale))
    ]
    records += documents
    notes = [
        Note(
            session_id=sessions[i % len(sessions)].id,
            author_id=peers[i % 10].id,
            body=_text(rng, 650),
        )
        for i in range(_n(600, scale))
    ]
    records += notes
    findings = [
        Finding(
            theme_key=THEMES[i % len(THEMES)],
            day=1 + i % 5,
            position=i,
            polarity=rng.choice(("strength", "area for consideration")),
            status=rng.choice(("emerging", "tested", "agreed", "agreed")),
            statement=_text(rng, 25),
            questions="- " + _text(rng, 10),
        )
        for i in range(_n(150, scale))
    ]
    records += findings
    for i in range(_n(1500, scale)):
        note = notes[i % len(notes)]
        records.append(
            Excerpt(
                note_id=note.id,
                quote=note.body[:40],
                finding_id=findings[i % len(findings)].id,
                theme_keys=[findings[i % len(findings)].theme_key],
            )
        )
    agreed = [f for f in findings if f.status == "agreed"]  # what the leaders' export allows
    records += [
        Recommendation(
            number=i + 1,
            text=_text(rng, 30),
            finding_ids=[f.id for f in rng.sample(agreed, min(3, len(agreed)))],
        )
        for i in range(_n(15, scale))
    ]
    # The lead peer's narrative for each line of enquiry, as a finished report has.
    records += [FeedbackSection(key=f"line:{k}", body=_text(rng, 120)) for k in THEMES]
    records += [
        DailyUpdate(
            day=d,
            body=_text(rng, 400),
            status=DELIVERED,
            delivered_by=peers[0].id,
            delivered_at="2026-03-02T17:00:00+00:00",
        )
        for d in range(1, 6)
    ]
    store.add_all(records)
    store.close()


def figures(scale: float) -> list[tuple[str, float, str]]:
    """(name, value, unit) for an export of everything at `scale` heavy weeks."""
    from onsite.confidential.clearance import check
    from onsite.leaders.archive import archive_json, canonical_dump
    from onsite.leaders.export import all_sources, documents, export
    from onsite.leaders.feedback import compile_feedback
    from onsite.store.db import Store

    with tempfile.TemporaryDirectory(prefix="onsite-bench-") as tmp:
        folder = Path(tmp)
        path = folder / "bench.onsite"
        started = time.perf_counter()
        build(path, scale)
        built = time.perf_counter() - started
        out = folder / "out"
        out.mkdir()
        store = Store.open(path)
        try:
            timings = {}
            for label, call in (
                ("compile feedback", lambda: compile_feedback(store)),
                ("feedback, report and updates as Markdown", lambda: documents(store)),
                ("guard, every text", lambda: check(store, all_sources(documents(store)))),
                ("JSON archive text", lambda: archive_json(store)),
                ("canonical_dump (for comparing laptops)", lambda: canonical_dump(store)),
            ):
                t = time.perf_counter()
                call()
                timings[label] = time.perf_counter() - t
            runs, cpu = [], []
            for _ in range(1 if common.quick() else 3):  # quick: the code runs, no figure
                target = out / f"run {len(runs)}"
                target.mkdir()
                t, c = time.perf_counter(), time.process_time()
                result = export(store, target)
                runs.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
            size = sum(w.path.stat().st_size for w in result.written)
        finally:
            store.close()
    rows = [("export: build engagement", built, "s")]
    rows += [(f"export: {label}", value, "s") for label, value in timings.items()]
    rows += [
        (BEST, min(runs), "s"),
        ("export of everything, worst of 3", max(runs), "s"),
        ("export of everything, CPU time, best of 3", min(cpu), "s"),
        ("export: files written", len(result.written), "files"),
        ("export: bytes written", size / 1e6, "MB"),
    ]
    return rows


def main(argv: list[str] | None = None) -> None:
    scales = [float(a) for a in (argv if argv is not None else sys.argv[1:])] or [10]
    for scale in scales:
        for name, value, unit in figures(scale):
            print(f"{name:<55} {value:10.3f} {unit}")


if __name__ == "__main__":
    main()
