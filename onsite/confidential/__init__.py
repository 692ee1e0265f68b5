"""Confidentiality: the attribution guard and its clearances, purging raw notes, the audit
log, passphrases on the command line.

May import: onsite.model, onsite.store. Never Textual, never onsite.leaders.
"""
