"""The feedback screen as its panes see it: each pane is mounted only in a FeedbackScreen's
tab, and reads the day it shows from there. Typed here for the type checker (Textual types
`widget.screen` as a plain Screen); imported by the panes, it imports none of them."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.widget import Widget

    from screens.feedback.screen import FeedbackScreen


def feedback_screen(pane: Widget) -> FeedbackScreen:
    return cast("FeedbackScreen", pane.screen)
