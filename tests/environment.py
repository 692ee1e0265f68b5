"""Loaded before every other pytest plugin (`-p tests.environment` in pyproject's addopts).

Textual reads TEXTUAL_ANIMATIONS once, when textual.constants is first imported, and the
snapshot plugin imports Textual as pytest starts: a setting in conftest.py comes too late.
"""

import os

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
