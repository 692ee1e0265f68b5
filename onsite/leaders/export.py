"""Export to the shared drive: the feedback, the report and the daily updates as Markdown,
HTML and Word; the final-day slide deck (PowerPoint); the action plan (Word and Excel); the
team's evidence pack (Markdown, team only); and the whole engagement as canonical JSON.

Markdown is the canonical text; HTML and Word are rendered from it. Everything meant for
system leaders passes two checks first, and export writes nothing while either fails: the
feedback's blocking warnings (a recommendation resting on a finding that is not agreed or
was left out, a line of enquiry with nothing said), and the attribution guard (a hit neither
fixed nor accepted by the lead peer). Every document says DRAFT until the report is final. The JSON archive holds every record,
participants' names included: it is for the team's archive (and for checking that two
laptops hold the same engagement), never for system leaders, so the guard does not apply.

All or nothing: every file of one export is written into a hidden temporary folder inside
the target folder (owner-only; same disk, so a rename moves a file without copying it),
flushed to disk, and only when all are written are they moved into place together; a failure
while moving takes back the ones already moved. A killed export leaves none of its files in
view, only its hidden folder, which the next export there removes. Any writer (Markdown, HTML,
Word, or a format added later) hands `Batch.add` its bytes. An earlier export is never
overwritten (the new file gets " (2)", " (3)"...), and the result says where everything went.
Every export is in the audit log, including one that failed or that the guard stopped.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from onsite.confidential import team_files
from onsite.confidential.team_files import TEAM_ONLY
from onsite.leaders.archive import archive_json
from onsite.leaders.batch import (  # noqa: F401 (TEMP_PREFIX, LEFTOVER_SECONDS: the tests)
    LEFTOVER_SECONDS,
    TEMP_PREFIX,
    TEMP_SUFFIX,
    Batch,
    Written,
)
from onsite.paths import safe_file_name

if TYPE_CHECKING:
    from onsite.confidential.clearance import Flag, Source
    from onsite.leaders.feedback import Feedback, Warning
    from onsite.store.db import Store

FORMATS = ("md", "html", "docx", "pptx", "xlsx", "json")
FOR_LEADERS = ("md", "html", "docx", "pptx", "xlsx")
TEXT_FORMATS = ("md", "html", "docx")  # the Markdown documents are written in these

Progress = Callable[[str, int, int], None]


class ExportError(Exception):
    """The export cannot be written; the message says why and what to do."""


class ExportBlocked(ExportError):
    """The feedback has warnings that must be resolved before system leaders see it."""

    def __init__(self, warnings: list) -> None:
        self.warnings = warnings
        super().__init__(
            "nothing written for system leaders until these are resolved (in the "
            "feedback):\n" + "\n".join(f"  - {w}" for w in warnings)
        )


@dataclass(frozen=True)
class OutDocument:
    key: str  # "feedback", "report", "daily updates"
    title: str
    markdown: str
    sources: list[Source]


@dataclass
class ExportResult:
    folder: Path
    written: list[Written] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    accepted: list[Flag] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    steps: int = 0


def parse_formats(text: str | Iterable[str]) -> tuple[str, ...]:
    """ "md,html" or ["md", "html"] -> ("md", "html"); ExportError for anything else."""
    items = text.split(",") if isinstance(text, str) else list(text)
    chosen = [f.strip().lower().lstrip(".") for f in items if f.strip()]
    aliases = {
        "word": "docx",
        "markdown": "md",
        "powerpoint": "pptx",
        "slides": "pptx",
        "excel": "xlsx",
    }
    chosen = [aliases.get(f, f) for f in chosen]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ExportError(
            f"format: {', '.join(unknown) or 'none given'}; choose from {', '.join(FORMATS)}"
        )
    return tuple(dict.fromkeys(chosen))


# -- what leaves ---------------------------------------------------------------------------


def documents(store: Store, feedback: Feedback | None = None) -> list[OutDocument]:
    """The documents for system leaders, as Markdown, with the texts each is made of."""
    from onsite.leaders.feedback import compile_feedback
    from onsite.leaders.report import feedback_markdown, report_markdown

    feedback = feedback or compile_feedback(store)
    report = "report" if feedback.final else "report (draft)"
    docs = [
        OutDocument("feedback", "feedback", feedback_markdown(feedback), feedback.sources),
        OutDocument("report", report, report_markdown(store, feedback), feedback.sources),
    ]
    updates = daily_updates_document(store)
    if updates is not None:
        docs.append(updates)
    return docs


def daily_updates_document(store: Store) -> OutDocument | None:
    """Every day's delivered update, as system leaders received it; None if none was delivered."""
    from onsite.leaders import daily

    delivered = daily.delivered_updates(store)
    if not delivered:
        return None
    from onsite.leaders.dates import date_range, last_day

    peers = {p.id: p.name for p in store.peers()}
    engagement = store.engagement()
    out = [
        f"# {engagement.system or engagement.name}: daily updates",
        "",
        f"**The lead peer's daily updates to system leaders, "
        f"{date_range(engagement.start, last_day(engagement))}.** Emerging findings, shared "
        "so that there are no surprises; not conclusions.",
        "",
    ]
    sources = []
    for u in delivered:
        out += [
            shift_headings(u.body.strip(), 1),
            "",
            f"*Delivered by {peers.get(u.delivered_by, 'the lead peer')} on "
            f"{_on(u.delivered_at)}" + (f" (version {u.version})" if u.version > 1 else "") + ".*",
            "",
        ]
        sources += daily.sources(store, u)
    return OutDocument("daily updates", "daily updates", "\n".join(out).rstrip() + "\n", sources)


def _on(stamp: str) -> str:
    """ "2026-03-02T18:40:00+00:00" -> "Monday 2 March 2026"."""
    from datetime import date

    from onsite.leaders.daily import long_date

    try:
        return long_date(date.fromisoformat(stamp[:10]))
    except ValueError:
        return stamp


def shift_headings(markdown: str, by: int) -> str:
    """Move every ATX heading down a level or more (# -> ##), leaving code blocks alone."""
    from onsite.leaders.render_html import parser

    lines = markdown.split("\n")
    for token in parser().parse(markdown):
        if token.type == "heading_open" and token.markup.startswith("#") and token.map:
            i = token.map[0]
            stripped = lines[i].lstrip()
            lines[i] = lines[i][: len(lines[i]) - len(stripped)] + "#" * by + stripped
    return "\n".join(lines)


def all_sources(docs: Iterable[OutDocument]) -> list[Source]:
    seen, out = set(), []
    for doc in docs:
        for s in doc.sources:
            if s.key not in seen:
                seen.add(s.key)
                out.append(s)
    return out


# -- writing ---------------------------------------------------------------------------------


def check_folder(folder: Path) -> Path:
    """The folder, if files can be written in it; ExportError saying why not otherwise."""
    folder = Path(folder).expanduser()
    if not folder.exists():
        raise ExportError(f"{folder}: no such folder; create it first or choose another")
    if not folder.is_dir():
        raise ExportError(f"{folder}: is a file, not a folder")
    try:
        fd, probe = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        raise ExportError(
            f"{folder}: cannot write there ({_reason(e)}); is it read-only, "
            "or a synced folder that is offline? Choose another folder"
        ) from None
    return folder


def _reason(e: OSError) -> str:
    return e.strerror or type(e).__name__


def export(
    store: Store,
    folder: Path | str,
    formats: Iterable[str] = FORMATS,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the chosen formats to folder, all of them or none. GuardStopped (nothing written)
    if a text for system leaders has an attribution-guard hit that is neither fixed nor
    accepted. Logged in the audit log whether it succeeds or not."""
    from onsite.confidential import audit
    from onsite.confidential.clearance import GuardStopped

    try:
        result = _export(store, folder, formats, progress)
    except GuardStopped as e:
        audit.record(
            store,
            audit.EXPORT,
            f"{_formats_text(formats)} (stopped)",
            f"nothing written to {folder}: the attribution guard found "
            f"{len(e.flags)} place(s) to fix or accept",
        )
        raise
    except (ExportError, OSError) as e:
        audit.record(
            store,
            audit.EXPORT,
            f"{_formats_text(formats)} (failed)",
            f"nothing written to {folder}: {e}",
        )
        raise
    audit.record(
        store,
        audit.EXPORT,
        ", ".join(parse_formats(formats)),
        f"{len(result.written)} file(s) to {result.folder}: "
        + "; ".join(w.path.name for w in result.written),
    )
    if progress:
        progress("Done", result.steps, result.steps)
    return result


def _formats_text(formats: Iterable[str] | str) -> str:
    return formats if isinstance(formats, str) else ", ".join(formats)


def _export(
    store: Store,
    folder: Path | str,
    formats: Iterable[str] = FORMATS,
    progress: Progress | None = None,
) -> ExportResult:
    from onsite.confidential.clearance import require_clear
    from onsite.engagement import follow_up as kinds
    from onsite.leaders.feedback import compile_feedback

    formats = parse_formats(formats)
    engagement = store.engagement()
    if kinds.is_private(engagement.kind):  # not even the archive: it would hold the notes
        raise ExportError(kinds.PRIVATE_EXPORT)
    folder = check_folder(Path(folder))
    leaders = [f for f in formats if f in FOR_LEADERS]
    text_formats = [f for f in formats if f in TEXT_FORMATS]
    result = ExportResult(folder)
    step = 0
    docs: list[OutDocument] = []
    jobs: list[tuple[str, str, str, Callable[[], bytes]]] = []  # name, format, title, bytes

    def say(message: str) -> None:
        if progress:
            progress(message, step, total)

    total = (2 if leaders else 0) + ("json" in formats)
    if leaders:
        say("Compiling the feedback, report and daily updates")
        feedback = compile_feedback(store)
        if feedback.blocked:
            raise ExportBlocked(feedback.blocked)
        result.warnings = feedback.warnings
        docs = documents(store, feedback)
        if not any(d.key == "daily updates" for d in docs):
            result.notes.append("No daily update has been delivered yet, so none was exported.")
        jobs = _jobs(store, feedback, docs, formats, text_formats)
        total += len(jobs)
        step += 1
        say("Checking for names and roles that identify participants")
        result.accepted = require_clear(store, all_sources(docs))
        step += 1
    archive_name = (
        f"{TEAM_ONLY}/"
        + safe_file_name(f"{engagement.name} - archive", fallback="export")
        + ".json"
    )
    try:
        batch = Batch(folder)
    except OSError as e:
        raise ExportError(f"{folder}: cannot write there ({_reason(e)})") from None

    def write_archive() -> None:
        batch.add(archive_name, archive_json(store).encode("utf-8"), "json", "archive")

    try:
        # The archive is read and written in a thread of its own while the documents are
        # rendered: SQLite and the disk release the interpreter, so the two overlap.
        with ThreadPoolExecutor(max_workers=1) as pool:
            archive = pool.submit(write_archive) if "json" in formats else None
            for name, fmt, title, produce in jobs:
                say(f"Writing the {title} ({fmt})")
                batch.add(name, produce(), fmt, title)
                step += 1
            if archive is not None:
                say("Writing the archive (JSON)")
                archive.result()
                step += 1
                result.notes.append(
                    f"The JSON archive (in \u201c{TEAM_ONLY}\u201d) holds "
                    "participants' names and every note: keep it with the team's "
                    "confidential records; the purge destroys it with the notes."
                )
        say("Moving the files into place")
        result.written = batch.commit()
        team_files.remember(
            store, [w.path for w in result.written if w.path.parent.name == TEAM_ONLY]
        )
    except OSError as e:
        batch.abandon()
        raise ExportError(
            f"{folder}: writing stopped ({_reason(e)}); nothing was written"
        ) from None
    except BaseException:
        batch.abandon()
        raise
    if leaders:
        result.notes.append(
            f"The evidence pack (in \u201c{TEAM_ONLY}\u201d) shows what each "
            "recommendation rests on: keep it with the team, never send it to "
            "system leaders; the purge destroys it with the notes."
        )
    result.steps = total
    return result


def _jobs(
    store: Store,
    feedback: Feedback,
    docs: list[OutDocument],
    formats: tuple[str, ...],
    text_formats: list[str],
) -> list[tuple[str, str, str, Callable[[], bytes]]]:
    """Every file to write for system leaders (and the team's evidence pack), in order."""
    from onsite.leaders import action_plan, render_docx, render_html, render_pptx
    from onsite.leaders.approach import figures
    from onsite.leaders.dates import deadlines
    from onsite.leaders.evidence_pack import evidence_pack_markdown
    from onsite.leaders.marks import marking

    engagement = store.engagement()
    place = engagement.system or engagement.name
    mark = marking(store)
    jobs = []

    def file_name(title: str, fmt: str) -> str:
        return safe_file_name(f"{engagement.name} - {title}", fallback="export") + f".{fmt}"

    for doc in docs:
        heading = f"{place}: {doc.title.replace(' (draft)', '')}"
        # The daily updates are a record of what was said, delivered and frozen: not a draft.
        doc_mark = "" if doc.key == "daily updates" else mark
        tokens = render_html.parser().parse(doc.markdown) if set(text_formats) - {"md"} else None
        producers = {
            "md": lambda d=doc: d.markdown.encode("utf-8"),
            "html": lambda d=doc, t=tokens, h=heading, m=doc_mark: render_html.render(
                d.markdown, h, footer=h + (f" \u00b7 {m}" if m else ""), tokens=t
            ).encode("utf-8"),
            "docx": lambda d=doc, t=tokens, h=heading, m=doc_mark: render_docx.render(
                d.markdown, h, tokens=t, marking=m
            ),
        }
        jobs += [
            (file_name(doc.title, fmt), fmt, doc.title, producers[fmt]) for fmt in text_formats
        ]
    if "pptx" in formats:
        jobs.append(
            (
                file_name("final-day feedback slides", "pptx"),
                "pptx",
                "slide deck",
                lambda: render_pptx.render(feedback, figures(store), mark),
            )
        )
    d = deadlines(store)
    if "docx" in formats:
        jobs.append(
            (
                file_name("action plan", "docx"),
                "docx",
                "action plan",
                lambda: render_docx.render(
                    action_plan.markdown(feedback, d),
                    action_plan.title(feedback),
                    marking=mark,
                    landscape=True,
                ),
            )
        )
    if "xlsx" in formats:
        jobs.append(
            (
                file_name("action plan", "xlsx"),
                "xlsx",
                "action plan",
                lambda: action_plan.xlsx(feedback, d, mark),
            )
        )
    jobs.append(
        (
            f"{TEAM_ONLY}/" + file_name("evidence pack", "md"),
            "md",
            "evidence pack (team only)",
            lambda: evidence_pack_markdown(store, feedback).encode("utf-8"),
        )
    )
    return jobs
