"""After the week and beside it: the progress review, the facilitated integration workshop,
the peer-to-peer series and private peer mentoring notes.

Owns: the engagement kinds "progress review", "workshop", "series" and "mentoring"; their
tables (onsite.model: Origin, Progress, WorkshopRating, NextStep, SeriesSession,
SeriesIssue, MentoringSession); the action plan import (.xlsx); their documents for system
leaders (the progress review report, the workshop summary, the series summaries).

May import: onsite.model, onsite.store, onsite.clock, onsite.paths, onsite.engagement,
onsite.leaders (export, render_html, render_docx, report figures, dates) and
onsite.confidential (clearance, audit, guard). Never Textual. No other capability package
imports it: the kinds, and whether an engagement may leave the laptop, are in
onsite.engagement.follow_up, which sync and export ask.
"""
