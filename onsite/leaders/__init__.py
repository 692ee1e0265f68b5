"""What system leaders receive: daily updates, the final-day feedback, the report, exports
and their Markdown, HTML and Word renderers; the engagement's canonical JSON archive.

May import: onsite.model, onsite.store, onsite.evidence, onsite.confidential (every export
passes the attribution guard), onsite.engagement.follow_up (a mentoring engagement is never
exported). Never Textual, never onsite.sync.
"""
