"""Team sync through a shared folder: bundles, the exchange that writes and merges them,
sync status and conflicts, the team key, three-way merge of long texts.

May import: onsite.model, onsite.clock, onsite.store (whose merge module holds the SQL),
onsite.engagement.follow_up (a mentoring engagement never syncs).
Never Textual, never onsite.leaders.
"""
