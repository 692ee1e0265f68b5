"""The Textual UI: one module (+ .tcss) per screen, packages for big screens (feedback/),
reusable widgets in widgets/, shared dialog styles in dialogs.tcss.

Screens ask the core in thread workers only (tests/unit/test_ui_thread.py walks them); the
app opens the engagement, hands the store to each screen, and closes it (app_engagement.py).
Every text a person writes goes through widgets/autosave.py.
"""
