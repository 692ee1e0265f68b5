"""Team sync through a shared folder: bundles (their format and writing; finding and reading
them with care), the exchange that writes and merges them, sync status and conflicts, the
team key, three-way merge of long texts.

May import: onsite.model, onsite.clock, onsite.store (whose merge module holds the SQL),
onsite.engagement.follow_up (a mentoring engagement never syncs), onsite.confidential
(purge, and keeping delivered daily updates frozen after a merge).
Never Textual, never onsite.leaders.
"""
