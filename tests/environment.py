"""Loaded before every other pytest plugin (`-p tests.environment` in pyproject's addopts).

Textual reads TEXTUAL_ANIMATIONS once, when textual.constants is first imported, and the
snapshot plugin imports Textual as pytest starts: a setting in conftest.py comes too late.
"""

import os
import sys

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

# Bytecode cached as on a user's laptop. A machine that sets PYTHONDONTWRITEBYTECODE (this
# one does) makes every Python start compile every module from source: 2-3 s for each
# `onsite` command a test runs in a subprocess, and again in each test worker. The first
# start writes __pycache__ (ignored by git); every later one reads it.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

# Pilot waits after every key it presses until the process has been idle for one "sleep
# granularity" (textual._wait: 1/50 s, twice a key, up to a second while a worker thread
# computes). Typing a sentence then costs seconds of waiting, not of work. A fifth of that
# slice still sees the app idle between keys (settle() waits for workers before any assert),
# and halves the UI tests' time. Read at call time, so setting the module's globals is enough.
import textual._wait  # noqa: E402  (after the environment above, which Textual reads on import)

textual._wait.SLEEP_GRANULARITY = 1 / 200
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20

# The garbage collector: Python scans its youngest objects after every 700 new ones, and a UI
# test makes millions (Textual's styles, segments, messages), each scan walking a heap grown
# with Textual, SQLAlchemy and the test modules. That was a quarter of the UI tests' CPU time
# (10 of 44 s on two files; `gc.callbacks` timed it). Scanning after every 50,000 brings that to
# 4 s and changes nothing a test checks: objects are still freed by reference counting at once.
import gc  # noqa: E402

gc.set_threshold(50_000, 20, 10)

# PBKDF2 at SQLCipher's 256,000 iterations costs 0.25 s of CPU, and the tests asked for the
# same key (same passphrase, same file salt) again 114 times out of 166: reopening a file to
# check what was written, unlocking, every command run in-process. The derivation is a pure
# function, so each distinct key is derived for real once per test process and remembered.
import functools  # noqa: E402

from onsite.store import cipher  # noqa: E402

cipher.derive_key = functools.cache(cipher.derive_key)

# A new encrypted file draws a random salt, so its key is always derived afresh: the tests
# make about forty, nearly all under the same two or three passphrases, at 0.25 s each. In a
# test process, every new file under one passphrase draws the same random salt, so its key
# is derived once (for real, as above). Which salt a file gets is not something a test can
# check; the file, its header and every way of opening it are unchanged.
_salts: dict[str, bytes] = {}


def _new_key(passphrase: str) -> cipher.Key:
    salt = _salts.setdefault(passphrase, os.urandom(cipher.SALT_BYTES))
    return cipher.derive_key(passphrase, salt)


cipher.new_key = _new_key

# Each test starts a new App, and each App parses every style sheet again: its own and every
# widget's DEFAULT_CSS, about 50 sources, a tenth of the CPU of opening the demo to its week.
# Textual keeps the parsed rules per App only; here they are kept per test process, keyed on
# everything the parse reads (the text, where it came from, its scope and the theme's
# variables). The rules are only read once parsed, so sharing them changes nothing.
from textual.css.stylesheet import Stylesheet  # noqa: E402

_parse_rules = Stylesheet._parse_rules
_parsed: dict[tuple, list] = {}


def _parse_rules_once(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
    key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(self._variables.items()))
    if key not in _parsed:
        _parsed[key] = _parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
    return list(_parsed[key])


Stylesheet._parse_rules = _parse_rules_once


# Two things kept the heap large, and every full collection walks all of it (five of them
# when pytest ends, to find unraisable exceptions: 2.3 s of CPU in each worker):
# - what was imported and collected before the first test (Textual, SQLAlchemy, the test
#   modules) never becomes garbage: it is frozen out of the collector's scans once collected;
# - Textual's StylesCache.get_inner_outer is an lru_cache(1024) on a method, so its key holds
#   the StylesCache, and with it every line the widget last rendered: 1024 widgets' worth of
#   strips (370,000 objects) outlived their apps. It is emptied after each test; it is a
#   cache of two colours, refilled at once.
from textual._styles_cache import StylesCache  # noqa: E402


def pytest_collection_finish(session) -> None:
    gc.collect()
    gc.freeze()


def pytest_runtest_teardown(item, nextitem) -> None:
    StylesCache.get_inner_outer.cache_clear()
