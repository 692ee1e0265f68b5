"""The week: the timetable and its import, sessions and participants, notes, the week view.

May import: onsite.model, onsite.clock, onsite.paths, onsite.store, onsite.evidence (notes
re-anchor excerpts when a note changes). Never Textual.
"""
