"""Per-user settings: `settings.toml` in the engagements folder, overridable by environment.

    [lock]
    idle_minutes = 10      # lock the app after this long without a key or mouse; 0 = never

    [keys]                 # your own keys: binding id = key(s), as the help screen lists them
    "week.findings" = "ctrl+f"
    "app.help" = "f1,f2"

ONSITE_LOCK_MINUTES overrides idle_minutes (for a shared machine, or a test).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

FILE_NAME = "settings.toml"
ENV_LOCK = "ONSITE_LOCK_MINUTES"


class SettingsError(Exception):
    """settings.toml says something that cannot be used; the message says where."""


@dataclass(frozen=True)
class Settings:
    idle_minutes: float = 10.0
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> keys (a user keymap)


def _keys(table, where: str) -> dict[str, str]:
    if not isinstance(table, dict):
        raise SettingsError(f'{where}: must be a table of binding id = "key"')
    keys = {}
    for binding_id, value in table.items():
        if not isinstance(value, str) or not value.strip():
            raise SettingsError(
                f"{where}: {binding_id} = {value!r} is not a key such as "
                '"ctrl+f" (several: "f1,f2")'
            )
        keys[binding_id] = ",".join(k.strip() for k in value.split(","))
    return keys


def _minutes(value, where: str) -> float:
    try:
        minutes = float(value)
    except (TypeError, ValueError):
        raise SettingsError(f"{where}: {value!r} is not a number of minutes") from None
    if minutes < 0:
        raise SettingsError(f"{where}: {value!r} cannot be negative")
    return minutes


def load(folder: Path) -> Settings:
    path = Path(folder) / FILE_NAME
    idle = Settings.idle_minutes
    keys: dict[str, str] = {}
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            raise SettingsError(f"{path}: not valid TOML ({e})") from None
        if "idle_minutes" in data.get("lock", {}):
            idle = _minutes(data["lock"]["idle_minutes"], f"{path}: [lock] idle_minutes")
        if "keys" in data:
            keys = _keys(data["keys"], f"{path}: [keys]")
    if os.environ.get(ENV_LOCK):
        idle = _minutes(os.environ[ENV_LOCK], ENV_LOCK)
    return Settings(idle_minutes=idle, keys=keys)
