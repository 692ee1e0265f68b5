"""The `onsite` command: the command line, with the app for the commands that open it.

It lives here, outside the core, because starting the app means importing Textual.
"""

from __future__ import annotations

import sys
from pathlib import Path

from onsite import cli


def run_app(path: Path | None) -> int:
    from screens.app import make_app

    make_app(path).run()
    return 0


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, launch=run_app)


if __name__ == "__main__":
    sys.exit(main())
