"""Setting an engagement up: its kind and lines of enquiry, the team, the scope, the
pre-reading library, the kinds that come after and beside the week.

May import: onsite.model, onsite.store, onsite.evidence (tags), onsite.sheets. The week sits
above it (its sessions take the kind's session kinds and the team). Never Textual.
"""
