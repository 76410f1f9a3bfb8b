"""Settings, kept as JSON in the config folder and written atomically.

Each setting has a validator that turns what the person typed into the stored value or raises
ValueError with a message meant for them. A damaged settings file never stops mindlog: the
defaults are used and ``problem`` says why.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import time
from typing import Any

from mindlog.days import DEFAULT_DAY_START, DateError, parse_day_start
from mindlog.errors import StoreError
from mindlog.paths import Locations, atomic_write

DEFAULT_ROUTINE = [
    "Re-read my commitment statement",
    "Drink a glass of water",
    "Five minutes of movement",
    "Set one intention for today",
]


def _day_start(value: str) -> str:
    try:
        start = parse_day_start(value)
    except DateError as exc:
        raise ValueError(str(exc)) from None
    return f"{start.hour:02d}:{start.minute:02d}"


def _country(value: str) -> str:
    code = value.strip().upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise ValueError(f"{value!r} is not a two-letter country code like US, GB or DE")
    return code


def _editor(value: str) -> str:
    if not value.strip():
        raise ValueError("the editor cannot be empty")
    return value.strip()


def _minutes(value: str) -> str:
    text = value.strip()
    if not text.isdigit() or not 1 <= int(text) <= 10080:
        raise ValueError(f"{value!r} is not a number of minutes from 1 to 10080 (a week)")
    return str(int(text))


# key -> (validator, default, one-line description)
SETTINGS: dict[str, tuple[Callable[[str], Any], Any, str]] = {
    "day_starts_at": (
        _day_start,
        "04:00",
        "when a new day begins (HH:MM); earlier counts as the day before",
    ),
    "country": (_country, None, "two-letter country code, for where `mindlog support` points"),
    "editor": (_editor, None, "the editor for longer texts (else $VISUAL, then $EDITOR)"),
    "unlock_minutes": (
        _minutes,
        "720",
        "how long `mindlog unlock` keeps an encrypted journal open on this computer",
    ),
}


@dataclass
class Config:
    values: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None

    def get(self, key: str) -> Any:
        if key in self.values:
            return self.values[key]
        return SETTINGS[key][1] if key in SETTINGS else None

    @property
    def day_start(self) -> time:
        try:
            return parse_day_start(str(self.get("day_starts_at")))
        except DateError:
            return DEFAULT_DAY_START

    @property
    def routine(self) -> list[str]:
        items = self.values.get("routine")
        if isinstance(items, list) and all(isinstance(i, str) for i in items):
            return list(items)
        return list(DEFAULT_ROUTINE)


def load(where: Locations) -> Config:
    path = where.config_file
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return Config()  # no settings yet (a home that cannot exist is reported when it is written)
    except OSError as exc:
        return Config(problem=f"cannot read {path}: {exc.strerror}")
    try:
        values = json.loads(raw.decode("utf-8"))
    except ValueError:
        return Config(problem=f"{path} is damaged; using the default settings")
    if not isinstance(values, dict):
        return Config(problem=f"{path} is damaged; using the default settings")
    return Config(values=values)


def save(where: Locations, config: Config) -> None:
    if config.problem and where.config_file.exists():
        raise StoreError(config.problem + "; fix or move it away before changing settings")
    data = json.dumps(config.values, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    try:
        atomic_write(where.config_file, data.encode())
    except OSError as exc:
        raise StoreError(f"cannot save settings: {exc.strerror}") from exc


def set_value(config: Config, key: str, raw: str) -> Any:
    """Validate and set one setting; raise ValueError with a message for the person."""
    if key not in SETTINGS:
        known = ", ".join(sorted(SETTINGS))
        raise ValueError(f"there is no setting {key!r}; the settings are: {known}")
    value = SETTINGS[key][0](raw)
    config.values[key] = value
    return value
