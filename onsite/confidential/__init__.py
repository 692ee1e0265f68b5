"""Confidentiality: the attribution guard and its clearances, purging raw notes, the audit
log, passphrases on the command line, and keeping a delivered daily update frozen (what system
leaders were told stays as told; sync and leaders both keep it, so it lives below both).

May import: onsite.model, onsite.store. Never Textual, never onsite.leaders.
"""
