"""What every command shares: the user's mistakes as one line, argument types, opening an
engagement for one command, progress lines on stderr."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from onsite.store.files import SUFFIX

if TYPE_CHECKING:
    from onsite.store.db import Store


class UserError(Exception):
    """A mistake the user can fix; printed as one line, no traceback."""


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return int(text)


def scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a scale between 0 and 1000, e.g. 1 or 10"
        )
    return value


def engagement_file(file: Path) -> Path:
    """FILE with the engagement suffix added when it has none."""
    return file if file.suffix == SUFFIX else file.with_name(file.name + SUFFIX)


def new_file(file: Path) -> Path:
    """The file a command is about to create: it must not exist yet."""
    file = engagement_file(file)
    if file.exists():
        raise UserError(f"{file}: already exists; choose another file name")
    return file


def ensure_folder(folder: Path) -> None:
    """A folder to write to: one that is missing is offered to be created (asked at a
    terminal; elsewhere the message says how)."""
    if folder.is_dir():
        return
    if folder.exists():
        raise UserError(f"{folder}: is a file, not a folder")
    if not sys.stdin.isatty():
        raise UserError(f"{folder}: no such folder; create it first (mkdir) or choose another")
    answer = input(f"{folder} does not exist. Create it? [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        raise UserError(f"{folder}: no such folder; nothing written")
    try:
        folder.mkdir(parents=True)
    except OSError as e:
        raise UserError(f"{folder}: cannot be created ({e.strerror})") from None


@contextmanager
def opened(path: Path) -> Iterator[Store]:
    """The engagement, opened for one command (asking for its passphrase if encrypted) and
    always closed afterwards."""
    from onsite.confidential.passphrase import open_store
    from onsite.paths import sync_client_warning

    warning = sync_client_warning(path)
    if warning:
        print(f"Warning: {warning}", file=sys.stderr)
    store = open_store(path)
    try:
        yield store
    finally:
        store.close()


def shown(text: object) -> str:
    """Text safe to print (onsite.paths.printable): no terminal escape sequence gets through;
    its own line breaks stay line breaks (a table prints as a table)."""
    from onsite.paths import printable

    return "\n".join(printable(line) for line in str(text).split("\n"))


def merge_progress(done: int, total: int, what: str) -> None:
    if total and what:
        print(f"  merging {done + 1}/{total}: {shown(what)}", file=sys.stderr)
