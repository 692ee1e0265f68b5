"""Evidence: inline #tags, excerpt anchors, tagging passages of notes as evidence, findings and
their triangulation, full-text search.

May import: onsite.model, onsite.clock, onsite.store. Never Textual, never onsite.leaders.
"""
