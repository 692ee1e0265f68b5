"""Synthetic engagements for benchmarks: the generator and its word lists.

May import: onsite.model, onsite.store, onsite.evidence. Never Textual.
"""
