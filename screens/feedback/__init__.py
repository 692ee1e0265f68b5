"""Feedback: the daily update the lead peer edits and delivers, the evening wash-up, the final
feedback and report previewed, and the export with the attribution guard's hits.

The screen (screen.py) is a small host: one tab per pane, each pane a widget of its own
module that owns its messages and workers and is mounted the first time its tab is opened.
Everything is asked of the core (onsite.leaders, onsite.confidential) in thread workers.
"""

from screens.feedback.dialogs import FixDialog, TextDialog
from screens.feedback.screen import FeedbackScreen

__all__ = ["FeedbackScreen", "FixDialog", "TextDialog"]
