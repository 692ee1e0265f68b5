"""Errors about engagement files, with messages a peer can act on."""

from __future__ import annotations


class StoreError(Exception):
    """A problem with an engagement file that the user can act on; the message says what."""


class PassphraseNeeded(StoreError):
    """The file is encrypted (or damaged) and no passphrase was given."""


class WrongPassphrase(StoreError):
    """The passphrase does not open the file; nothing was changed."""


class SearchError(ValueError):
    """The full-text index refuses a query; the message says how to write it."""
