"""The demo engagement: a fictional system's week, kept in data/demo as TOML, CSV and Markdown."""

from __future__ import annotations

import tomllib
from pathlib import Path

from onsite.model import Document, Finding, Note, Peer, Recommendation, Theme
from onsite.paths import data_dir
from onsite.store.db import Store
from onsite.vocab import FindingStatus, Role
from onsite.week import reimport


def split_front_matter(text: str, file: str) -> tuple[dict, str]:
    """A Markdown file that opens with a TOML block between +++ lines -> (fields, body)."""
    if not text.startswith("+++"):
        raise ValueError(f"{file}: does not start with a +++ front-matter block")
    _, head, body = text.split("+++", 2)
    try:
        return tomllib.loads(head), body.strip() + "\n"
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{file}: front matter is not valid TOML ({e})") from None


def create(path: Path | str, source: Path | None = None) -> Store:
    """Write a fresh demo engagement to path."""
    source = source or data_dir() / "demo"
    spec = tomllib.loads((source / "engagement.toml").read_text(encoding="utf-8"))
    store = Store.create(
        path,
        name=spec["name"],
        start=spec["start"],
        days=spec["days"],
        system=spec.get("system", ""),
        kind=spec.get("kind", ""),
        scope=spec.get("scope", "").strip(),
    )
    themes = [
        Theme(
            key=t["key"],
            name=t["name"],
            aliases=t.get("aliases", []),
            description=t.get("description", ""),
            position=i,
        )
        for i, t in enumerate(spec["theme"])
    ]
    peers = [
        Peer(
            name=p["name"],
            initials=p["initials"],
            role=p.get("role", "peer"),
            title=p.get("title", ""),
        )
        for p in spec["peer"]
    ]
    store.add_all([*themes, *peers])
    reimport.import_file(store, source / "timetable.csv")

    by_initials = {p.initials: p.id for p in peers}
    sessions = {(s.day, s.start, s.title): s.id for s in store.sessions()}
    records: list = []
    for file in sorted((source / "notes").glob("*.md")):
        fields, body = split_front_matter(file.read_text(encoding="utf-8"), file.name)
        key = (fields["day"], fields["start"], fields["title"])
        if key not in sessions:
            raise ValueError(
                f"{file.name}: no session on day {key[0]} at {key[1]} named {key[2]!r}"
            )
        records.append(
            Note(session_id=sessions[key], author_id=by_initials[fields["author"]], body=body)
        )
    lead = next((p.id for p in peers if p.role == Role.LEAD_PEER), peers[0].id)
    for file in sorted((source / "documents").glob("*.md")):
        fields, body = split_front_matter(file.read_text(encoding="utf-8"), file.name)
        summary, _, reading = body.partition("## Notes")
        document = Document(
            title=fields["title"],
            kind=fields.get("kind", ""),
            source=fields.get("source", ""),
            summary=summary.strip(),
        )
        records.append(document)
        if reading.strip():
            records.append(
                Note(
                    document_id=document.id,
                    author_id=lead,
                    body="## Notes" + reading.rstrip() + "\n",
                )
            )
    findings_spec = tomllib.loads((source / "findings.toml").read_text(encoding="utf-8"))
    findings = [
        Finding(
            theme_key=f["theme"],
            polarity=f["polarity"],
            status=f["status"],
            day=f["day"],
            statement=f["statement"].strip(),
            position=i,
        )
        for i, f in enumerate(findings_spec.get("finding", []))
    ]
    records += findings
    records += [
        Recommendation(
            number=r["number"],
            text=r["text"].strip(),
            finding_ids=[findings[i - 1].id for i in r.get("findings", [])],
        )
        for r in findings_spec.get("recommendation", [])
    ]
    store.add_all(records)
    _evidence_from_inline_tags(store, [r for r in records if isinstance(r, Note)], findings)
    _leaders(store, source, lead)
    return store


def _leaders(store: Store, source: Path, lead: str) -> None:
    """The lead peer's texts, the feedback marked presented, and the daily updates delivered on
    days 1 to 4, as the lead peer wrote and said them (data/demo/report.toml, daily/)."""
    from onsite.model import DailyUpdate, FeedbackSection, Milestone

    report = source / "report.toml"
    records: list = []
    if report.exists():
        spec = tomllib.loads(report.read_text(encoding="utf-8"))
        records += [
            FeedbackSection(key=key, body=body.strip())
            for key, body in spec.get("text", {}).items()
        ]
        records += [
            FeedbackSection(key=f"line:{key}", body=body.strip())
            for key, body in spec.get("line", {}).items()
        ]
        records += [Milestone(key=m["key"], by=lead, at=m["at"]) for m in spec.get("milestone", [])]
    for file in sorted((source / "daily").glob("*.md")):
        fields, body = split_front_matter(file.read_text(encoding="utf-8"), file.name)
        records.append(
            DailyUpdate(
                day=fields["day"],
                version=1,
                body=body,
                draft="",
                status="delivered",
                delivered_by=lead,
                delivered_at=fields["delivered_at"],
            )
        )
    store.add_all(records)


def _evidence_from_inline_tags(store: Store, notes: list[Note], findings: list[Finding]) -> None:
    """Turn the notes' #tags into excerpts, as typing them would, and attach each to the demo
    finding of the same line of enquiry and polarity, so the demo board has evidence."""
    from onsite.evidence.tagging import after_edit

    with store.writing() as w:
        for note in notes:
            after_edit(w, note, "", note.body)
    # Each tag goes to the agreed finding of its line and polarity where there is one: the
    # findings the team is still testing have no evidence of their own yet.
    live: dict[tuple[str, str], str] = {}
    for f in sorted(findings, key=lambda f: f.status != FindingStatus.AGREED):
        if f.status != FindingStatus.DROPPED:
            live.setdefault((f.theme_key, f.polarity), f.id)
    with store.writing() as w:
        for excerpt in w.excerpts():
            key = (excerpt.theme_keys[0] if excerpt.theme_keys else "", excerpt.polarity)
            if key in live:
                w.update(excerpt, finding_id=live[key])
