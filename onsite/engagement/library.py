"""The pre-reading library: documents added from files, their words kept for search and reading.

Markdown and text are read as they are; Word documents through python-docx (paragraphs and
tables, in order); PDFs through pypdf, page by page. The text is stored in the engagement
(and travels with sync), so every peer can search and read it offline; the file itself is
not kept. A scanned PDF has no text to extract: it is added with that said, not refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from onsite.model import Document

if TYPE_CHECKING:
    from onsite.store.db import Store

KINDS = {".md": "Markdown", ".markdown": "Markdown", ".txt": "text", ".docx": "Word", ".pdf": "PDF"}


class LibraryError(ValueError):
    """A document that cannot be read: the message names the file and why."""


@dataclass(frozen=True)
class Extracted:
    title: str
    kind: str
    text: str
    note: str = ""  # e.g. "no text found: a scanned PDF?"


def extract(path: Path | str) -> Extracted:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in KINDS:
        raise LibraryError(
            f"{path.name}: not a document Onsite reads (Markdown, text, Word "
            ".docx or PDF); save it as one of those"
        )
    if not path.is_file():
        raise LibraryError(f"{path}: no such file")
    title = path.stem
    try:
        if suffix in (".md", ".markdown", ".txt"):
            from onsite.sheets import decode

            text = decode(path.read_bytes())
            first = next((ln.strip("# ").strip() for ln in text.splitlines() if ln.strip()), "")
            if suffix != ".txt" and text.lstrip().startswith("#") and first:
                title = first
        elif suffix == ".docx":
            text, docx_title = _docx(path)
            title = docx_title or title
        else:
            text = _pdf(path)
    except OSError as e:
        raise LibraryError(f"{path.name}: cannot be read ({e.strerror})") from None
    text = text.replace("\r\n", "\n").strip()
    note = "" if text else "no text found in it (a scanned document?); it is listed by title only"
    return Extracted(title, KINDS[suffix], text, note)


def _docx(path: Path) -> tuple[str, str]:
    from docx import Document as Docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = Docx(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as e:
        raise LibraryError(f"{path.name}: not a Word .docx document ({e})") from None
    except Exception as e:  # zipfile.BadZipFile and lxml's errors on a damaged file
        raise LibraryError(
            f"{path.name}: not a readable Word document ({type(e).__name__})"
        ) from None
    parts = []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            parts.append(text)
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iterchildren():
                        if cell.tag.endswith("}tc"):
                            cells.append(
                                "".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                            )
                    parts.append(" | ".join(cells))
    title = (doc.core_properties.title or "").strip()
    return "\n".join(parts), title


def _pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise LibraryError(
                f"{path.name}: the PDF is password-protected; save an unprotected copy first"
            )
        return "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)
    except LibraryError:
        raise
    except (PdfReadError, ValueError, KeyError) as e:
        raise LibraryError(f"{path.name}: not a readable PDF ({e})") from None


def add_documents(store: Store, paths: list[Path], source: str = "") -> list[tuple[Document, str]]:
    """Read every file first, then add them all in one go: one unreadable file adds none.
    A file already in the library (same file name) has its text replaced, not doubled."""
    read = [(Path(p), extract(p)) for p in paths]
    existing = {d.file.casefold(): d for d in store.documents() if d.file}
    out = []
    with store.writing() as w:
        for path, found in read:
            document = existing.get(path.name.casefold())
            if document is None:
                document = Document(
                    title=found.title,
                    kind=found.kind,
                    source=source,
                    text=found.text,
                    file=path.name,
                )
                w.add(document)
            else:
                w.update(document, text=found.text, kind=found.kind)
            out.append((document, found.note))
    return out


def find_document(store: Store, name: str) -> Document:
    key = name.casefold().strip()
    documents = store.documents()
    for d in documents:
        if key in (d.title.casefold(), d.file.casefold()):
            return d
    partial = [d for d in documents if key in d.title.casefold()]
    if len(partial) == 1:
        return partial[0]
    raise LibraryError(
        f"'{name}': no such document in the library"
        + (f" ({len(partial)} titles contain it; give more)" if partial else "")
    )
