"""Setting an engagement up: its kind, lines of enquiry, and the demo engagement.

May import: onsite.model, onsite.store, onsite.week, onsite.evidence. Never Textual.
"""
