"""Tagging evidence: a passage of a note tagged by hand (`tag`), and, at every save of a note,
its excerpts re-anchored and its inline #tags followed (`after_edit`). The evidence kind a
session gives by default (heard, seen, read) is decided here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onsite.evidence.anchor import Anchor, anchor_at, edited_span, reanchor
from onsite.evidence.tags import find_tags, theme_lookup
from onsite.model import Excerpt, Finding
from onsite.vocab import EvidenceKind, Polarity, SessionKind

if TYPE_CHECKING:
    from onsite.model import Note
    from onsite.store.db import Store, Writer
    from onsite.store.queries import Queries

EVIDENCE_BY_SESSION_KIND: dict[str, str] = {
    SessionKind.INTERVIEW: EvidenceKind.HEARD,
    SessionKind.FOCUS_GROUP: EvidenceKind.HEARD,
    SessionKind.TEAM_MEETING: EvidenceKind.HEARD,
    SessionKind.SITE_VISIT: EvidenceKind.SEEN,
    SessionKind.DOCUMENT_REVIEW: EvidenceKind.READ,
}


def default_evidence(session_kind: str | None) -> str:
    return EVIDENCE_BY_SESSION_KIND.get(
        session_kind or "", EvidenceKind.READ if session_kind is None else EvidenceKind.HEARD
    )


def tag(
    store: Store,
    note: Note,
    start: int,
    end: int,
    *,
    theme_keys: list[str],
    polarity: str,
    evidence: str,
    finding_id: str | None = None,
    new_statement: str = "",
    day: int = 1,
    participant_id: str | None = None,
) -> Excerpt:
    """Tag a passage of a saved note; attach it to a finding, or start a new one.
    `participant_id`: who said it, when the peer names a participant of the note's session."""
    if not 0 <= start < end <= len(note.body):
        raise ValueError("select the passage to tag first")
    if participant_id is not None and participant_id not in {
        p.id for p in store.participants(note.session_id or "")
    }:
        raise ValueError("the speaker must be someone met in this note's session")
    a = anchor_at(note.body, start, end)
    excerpt = Excerpt(
        note_id=note.id,
        quote=a.quote,
        prefix=a.prefix,
        suffix=a.suffix,
        start=a.start,
        theme_keys=theme_keys,
        polarity=polarity,
        evidence=evidence,
        participant_id=participant_id,
    )
    with store.writing() as w:
        if new_statement.strip():
            finding = Finding(
                theme_key=theme_keys[0] if theme_keys else "",
                polarity=polarity if polarity != Polarity.NEUTRAL else Polarity.STRENGTH,
                statement=new_statement.strip(),
                day=day,
                position=len(w.findings()),
            )
            w.add(finding)
            finding_id = finding.id
        excerpt.finding_id = finding_id
        w.add(excerpt)
    return excerpt


def after_edit(w: Writer, note: Note, old: str, new: str) -> None:
    """Re-anchor the note's excerpts and follow its inline tags; inside the save's transaction
    (read through it too: an excerpt added or moved in it, or by a merge since, is seen)."""
    excerpts = w.excerpts(note_id=note.id)
    p, old_end, new_end = edited_span(old, new)

    def mapped(x: int) -> int:  # where an old position lands in the new text
        return x if x <= p else x + new_end - old_end if x >= old_end else p

    spans = {e.id: (mapped(e.start), mapped(e.start + len(e.quote))) for e in excerpts}
    inline: list[Excerpt] = []
    for e in excerpts:
        was = Anchor(e.quote, e.prefix, e.suffix, e.start, e.orphaned)
        now = reanchor(was, old, new, (p, old_end, new_end))
        if now != was:
            w.update(
                e,
                quote=now.quote,
                prefix=now.prefix,
                suffix=now.suffix,
                start=now.start,
                orphaned=now.orphaned,
            )
        if e.origin == "inline":
            inline.append(e)
    if not _tags_may_have_changed(old, new, (p, old_end, new_end), inline, spans):
        return
    tags = find_tags(new, theme_lookup(w.themes(include_retired=True)))
    unmatched = {e.id: e for e in inline}
    for t in tags:
        if not t.theme_keys and t.polarity == Polarity.NEUTRAL:
            continue
        span = anchor_at(new, t.start, t.end)
        # the same passage: its old span, carried through the edit, overlaps the tag's
        match = next(
            (e for e in unmatched.values() if _overlaps(spans[e.id], t.start, t.end)), None
        )
        match = match or next((e for e in unmatched.values() if e.quote == span.quote), None)
        if match is None:
            w.add(
                Excerpt(
                    note_id=note.id,
                    quote=span.quote,
                    prefix=span.prefix,
                    suffix=span.suffix,
                    start=span.start,
                    theme_keys=t.theme_keys,
                    polarity=t.polarity,
                    evidence=_evidence_for(w, note),
                    origin="inline",
                )
            )
            continue
        del unmatched[match.id]
        w.update(
            match,
            quote=span.quote,
            prefix=span.prefix,
            suffix=span.suffix,
            start=span.start,
            theme_keys=t.theme_keys,
            polarity=t.polarity,
            orphaned=False,
        )
    for e in unmatched.values():
        if e.finding_id:
            w.update(e, origin="selection")  # evidence a finding rests on is kept
        else:
            w.delete(e)


_TAG_CHARACTERS = set("#[]`\n")


def _tags_may_have_changed(
    old: str, new: str, span: tuple[int, int, int], inline: list[Excerpt], spans: dict
) -> bool:
    """Parsing a long note for tags at every autosave is the costly part of saving; skip it
    when the edit's line holds nothing of a tag and no tagged passage (positions are
    already mapped). The whole line, because typing 'kforce' completes '#wor'."""
    p, old_end, new_end = span
    if not inline and "#" not in new and "[+]" not in new and "[-]" not in new:
        return False
    start = max(0, p - 1)
    changed = (
        new[new.rfind("\n", 0, start) + 1 : _line_end(new, new_end)]
        + old[old.rfind("\n", 0, start) + 1 : _line_end(old, old_end)]
    )
    if _TAG_CHARACTERS & set(changed):
        return True
    return any(_overlaps(spans[e.id], p, new_end) for e in inline)


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end == -1 else end


def _overlaps(span: tuple[int, int], start: int, end: int) -> bool:
    a, b = span
    return (a < end and b > start) if a < b else start <= a <= end


def _evidence_for(reader: Queries, note: Note) -> str:
    from onsite.model import Session

    if note.session_id:
        session = reader.get(Session, note.session_id)
        return default_evidence(session.kind if session else SessionKind.INTERVIEW)
    return EvidenceKind.READ
