"""Getting a passphrase on the command line: from the environment, or typed unseen.

ONSITE_PASSPHRASE serves scripts (and tests); otherwise `getpass` asks on the terminal and
never echoes. A new passphrase is typed twice. ONSITE_NEW_PASSPHRASE gives the new one to
`onsite passphrase` without a prompt.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from onsite.store.errors import StoreError, WrongPassphrase
from onsite.store.files import ENCRYPTED, file_kind

if TYPE_CHECKING:
    from onsite.store.db import Store

ENV = "ONSITE_PASSPHRASE"
ENV_NEW = "ONSITE_NEW_PASSPHRASE"
ATTEMPTS = 3


def _typed(prompt: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise StoreError(
            f"no passphrase was typed; set {ENV} to give it without a terminal"
        ) from None


def ask(prompt: str, env: str = ENV) -> str:
    return os.environ.get(env) or _typed(prompt)


def ask_new(what: str, env: str = ENV) -> str:
    """A new passphrase: from `env`, or typed twice (they must match)."""
    from onsite.store.cipher import check_passphrase_text

    if os.environ.get(env):
        passphrase = os.environ[env]
        check_passphrase_text(passphrase)
        return passphrase
    for _ in range(ATTEMPTS):
        first = _typed(f"New passphrase for {what}: ")
        try:
            check_passphrase_text(first)
        except StoreError as e:
            print(f"onsite: {e}", file=sys.stderr)
            continue
        if _typed("The same again: ") == first:
            return first
        print("onsite: the two passphrases differ; again", file=sys.stderr)
    raise StoreError("no new passphrase agreed; nothing was changed")


def open_store(path: Path) -> Store:
    """Open an engagement, asking for its passphrase if it is encrypted (three tries when
    typed; one when it comes from the environment)."""
    from onsite.store.db import Store

    path = Path(path)
    if file_kind(path) != ENCRYPTED:
        return Store.open(path)
    if os.environ.get(ENV):
        return Store.open(path, os.environ[ENV])
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return Store.open(path, _typed(f"Passphrase for {path.name}: "))
        except WrongPassphrase as e:
            if attempt == ATTEMPTS:
                raise
            print(f"onsite: {e}; try again", file=sys.stderr)
    raise AssertionError("unreachable")
