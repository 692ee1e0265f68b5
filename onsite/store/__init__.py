"""Opening engagement files and every query on them: the only SQL in Onsite.

`onsite.store.files` is light (standard library only); `onsite.store.db` brings in
SQLAlchemy, so import it where the cost is acceptable (a worker, the command line).
"""

from onsite.store.files import SUFFIX, EngagementInfo, StoreError, list_engagements, peek

__all__ = ["SUFFIX", "EngagementInfo", "StoreError", "list_engagements", "peek"]
