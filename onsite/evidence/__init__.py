"""Evidence: inline #tags, excerpt anchors, findings and their triangulation, full-text search.

May import: onsite.model, onsite.clock, onsite.store. Never Textual, never onsite.leaders.
"""
