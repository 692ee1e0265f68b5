"""Writing a follow-up document for system leaders (the progress review report, the workshop
summary, the series summaries): the same formats, the same attribution guard, the same
atomic writes and audit entry as the feedback and report (onsite.leaders.export), reused.

A document may carry a picture: Markdown is the canonical text (with a table of the same
figures), and a hook per format swaps the picture in for a placeholder paragraph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from onsite.engagement import follow_up as kinds
from onsite.leaders.export import (
    FOR_LEADERS,
    Batch,
    ExportError,
    ExportResult,
    OutDocument,
    all_sources,
    check_folder,
    parse_formats,
)

if TYPE_CHECKING:
    from onsite.store.db import Store

PICTURE = "[[picture]]"  # a paragraph of its own where a format may put a picture


@dataclass(frozen=True)
class Picture:
    """A document's picture: an inline SVG for HTML, a docx hook for Word."""

    svg: str = ""
    docx: Callable[[bytes], bytes] | None = None


@dataclass(frozen=True)
class Output:
    document: OutDocument
    picture: Picture | None = None
    extra_sources: list = field(default_factory=list)


def leader_formats(text: str | Iterable[str]) -> tuple[str, ...]:
    formats = parse_formats(text)
    if "json" in formats:
        raise ExportError(
            "format: json is the team's archive (`onsite export`), not a document "
            f"for system leaders; choose from {', '.join(FOR_LEADERS)}"
        )
    return formats


def export_documents(
    store: Store, folder: Path | str, formats: Iterable[str], outputs: list[Output]
) -> ExportResult:
    """Write each document in each format; GuardStopped (nothing written) while a text in
    them could identify a participant and is neither fixed nor accepted."""
    from onsite.confidential import audit
    from onsite.confidential.clearance import require_clear
    from onsite.leaders import render_docx, render_html
    from onsite.paths import safe_file_name

    engagement = store.engagement()
    if kinds.is_private(engagement.kind):
        raise ExportError(kinds.PRIVATE_EXPORT)
    formats = leader_formats(formats)
    folder = check_folder(Path(folder))
    result = ExportResult(folder)
    result.accepted = require_clear(store, all_sources(o.document for o in outputs))
    try:
        batch = Batch(folder)
    except OSError as e:
        raise ExportError(
            f"{folder}: cannot write there ({e.strerror or type(e).__name__})"
        ) from None
    try:
        for out in outputs:
            doc = out.document
            name = safe_file_name(f"{engagement.name} - {doc.title}", fallback="export")
            tokens = render_html.parser().parse(doc.markdown)
            for fmt in formats:
                if fmt == "md":
                    data = doc.markdown.replace(f"\n{PICTURE}\n", "\n").encode("utf-8")
                elif fmt == "html":
                    page = render_html.render(
                        doc.markdown,
                        f"{engagement.name}: {doc.title}",
                        footer=f"{engagement.name} · {doc.title}",
                        tokens=tokens,
                    )
                    svg = out.picture.svg if out.picture else ""
                    page = page.replace(
                        f"<p>{PICTURE}</p>", f"<figure>{svg}</figure>" if svg else ""
                    )
                    data = page.encode("utf-8")
                else:
                    data = render_docx.render(
                        doc.markdown, f"{engagement.name}: {doc.title}", tokens=tokens
                    )
                    if out.picture and out.picture.docx:
                        data = out.picture.docx(data)
                batch.add(f"{name}.{fmt}", data, fmt, doc.title)
        result.written = batch.commit()  # all the files, or none of them
    except OSError as e:
        batch.abandon()
        raise ExportError(
            f"{folder}: writing stopped ({e.strerror or type(e).__name__}); nothing was written"
        ) from None
    except BaseException:
        batch.abandon()
        raise
    audit.record(
        store,
        audit.EXPORT,
        ", ".join(formats),
        f"{len(result.written)} file(s) to {folder}: "
        + "; ".join(w.path.name for w in result.written),
    )
    return result
