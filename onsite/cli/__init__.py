"""The command line: argument parsing only; each command calls the core.

One module per capability (engagement, week, evidence, leaders, confidential, sync, synth),
each with a `register(commands)` that adds its sub-commands and binds each to its handler
with `set_defaults(func=...)`. Policy (who may do what) lives in the core, not here.

The app is started through a `launch` callable that the entry point (`screens.__main__`)
hands in, so that the core never imports the UI. argparse (standard library) rather than a
CLI library: it costs nothing at start-up, and the first screen must paint before anything
heavy is imported.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path

from onsite.cli import (
    after,
    beside,
    brief,
    confidential,
    engagement,
    evidence,
    leaders,
    library,
    lines,
    sync,
    synth,
    team,
    week,
)
from onsite.cli.common import UserError
from onsite.store.files import StoreError

Launch = Callable[[Path | None], int]
MODULES = (
    engagement,
    team,
    lines,
    week,
    library,
    evidence,
    sync,
    synth,
    confidential,
    leaders,
    brief,
    after,
    beside,
)


def _console_safe(stream) -> None:
    """Never fail to print a name with accents on a console that is not UTF-8 (old Windows)."""
    if hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="replace")


# Built once per process: 30 ms of argparse work (its messages looked up through gettext for
# every option), which a test suite calling main() hundreds of times would pay each time.
# A parser is not changed by parsing (append options copy their default list).
@functools.cache
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="onsite",
        description="Onsite: notes, findings and feedback for a peer challenge team's week. "
        "With no command, opens the list of engagements.",
    )
    parser.set_defaults(func=engagement.cmd_home)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in MODULES:
        module.register(commands)
    return parser


def _no_app(path: Path | None) -> int:
    raise UserError("the app starts with the `onsite` command (or `python -m screens`)")


def main(argv: list[str] | None = None, launch: Launch | None = None) -> int:
    _console_safe(sys.stdout)
    _console_safe(sys.stderr)
    args = build_parser().parse_args(argv)
    args.launch = launch or _no_app
    try:
        return args.func(args) or 0
    except (UserError, StoreError) as e:
        print(f"onsite: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
