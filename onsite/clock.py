"""Identity and time for records that several laptops edit: UUIDv7 ids and a hybrid logical clock.

A stamp is a string that sorts in causal order: 13 digits of wall-clock milliseconds, a
4-digit counter for events in the same millisecond, then the site id that breaks ties.
Strings (not tuples) so that SQLite can compare and index them directly.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
import uuid


def uuid7() -> str:
    """A UUIDv7 (RFC 9562) as text: 48 bits of Unix ms, then random bits; sorts by creation time."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version 7
    value |= (rand >> 68) << 64 & (0xFFF << 64)  # rand_a, 12 bits
    value |= 0b10 << 62  # RFC 4122 variant
    value |= rand & ((1 << 62) - 1)  # rand_b
    return str(uuid.UUID(int=value))


def new_site_id() -> str:
    return secrets.token_hex(8)


def format_stamp(ms: int, counter: int, site: str) -> str:
    return f"{ms:013d}.{counter:06d}.{site}"


def parse_stamp(stamp: str) -> tuple[int, int, str]:
    ms, counter, site = stamp.split(".", 2)
    return int(ms), int(counter), site


def stamp_ms(stamp: str) -> int:
    return int(stamp[:13])


class Clock:
    """Hybrid logical clock: every stamp is later than anything this site has made or seen."""

    def __init__(self, site: str, last: str | None = None, wall=None) -> None:
        self.site = site
        self._wall = wall or (lambda: time.time_ns() // 1_000_000)
        self._ms, self._counter = (0, 0)
        if last:
            self._ms, self._counter, _ = parse_stamp(last)
        self._lock = threading.Lock()

    def now(self) -> str:
        with self._lock:
            wall = self._wall()
            if wall > self._ms:
                self._ms, self._counter = wall, 0
            else:
                self._counter += 1
                if self._counter > 999_999:  # keep the fixed width that string order relies on
                    self._ms, self._counter = self._ms + 1, 0
            return format_stamp(self._ms, self._counter, self.site)

    def observe(self, stamp: str) -> None:
        """Move past a stamp received from another site."""
        ms, counter, _ = parse_stamp(stamp)
        with self._lock:
            if (ms, counter) > (self._ms, self._counter):
                self._ms, self._counter = ms, counter

    def wall_ms(self) -> int:
        """This laptop's wall clock (injectable, so tests can skew it), in Unix ms."""
        return self._wall()

    @property
    def last(self) -> str:
        return format_stamp(self._ms, self._counter, self.site)
