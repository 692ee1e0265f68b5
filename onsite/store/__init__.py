"""Opening engagement files and every query on them: the only SQL in Onsite.

`onsite.store.files` is light (no SQLAlchemy); `onsite.store.db` brings in SQLAlchemy, so
import it where the cost is acceptable (a worker, the command line).
"""

from onsite.store.files import (
    SUFFIX,
    EngagementInfo,
    PassphraseNeeded,
    StoreError,
    WrongPassphrase,
    list_engagements,
    peek,
)

__all__ = [
    "SUFFIX",
    "EngagementInfo",
    "PassphraseNeeded",
    "StoreError",
    "WrongPassphrase",
    "list_engagements",
    "peek",
]
