"""Settings, kept as JSON in the config folder and written atomically.

Each setting has a validator that turns what the person typed into the stored value or raises
ValueError with a message meant for them. A damaged settings file never stops mindlog: the
defaults are used and ``problem`` says why. The same check runs on what is read: a value of the
wrong kind (an editor that is a number, a routine that is not a list of lines, a file synced from
elsewhere) is ignored with one note and its default used, never a traceback. Changes go through
``update``: read, change and write under one lock, so that parallel changes are all kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any

from mindlog import jsonfile
from mindlog.days import DEFAULT_DAY_START, DateError, parse_day_start
from mindlog.errors import StoreError
from mindlog.paths import Locations

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
    from mindlog.countries import country_code

    return country_code(value)


def _yes_no(value: str) -> bool:
    word = value.strip().lower()
    if word in ("true", "yes", "on", "1"):
        return True
    if word in ("false", "no", "off", "0"):
        return False
    raise ValueError(f"{value.strip()!r} is not true or false")


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
    "country": (_country, None, "two-letter country code, for where mindlog support points"),
    "editor": (_editor, None, "the editor for longer texts (else $VISUAL, then $EDITOR)"),
    "unlock_minutes": (
        _minutes,
        "720",
        "how long mindlog unlock keeps an encrypted journal open on this computer",
    ),
    "greet_private": (
        _yes_no,
        False,
        "true: the login greeting shows numbers only, none of your words (for shared screens)",
    ),
}


@dataclass
class Config:
    """The usable settings: every value in ``values`` passed its check (the routine is a list of
    text); a value of the wrong kind is left out (the default is used) and named in ``ignored``.
    ``problem`` is one line for the person when the file or a value in it cannot be used."""

    values: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None
    ignored: list[str] = field(default_factory=list)

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


def usable_routine(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(i, str) for i in value)


def checked(raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The usable values among ``raw`` (the file's object) and the keys whose value was not."""
    values: dict[str, Any] = {}
    ignored: list[str] = []
    for key, value in raw.items():
        if key in SETTINGS:
            if value is None:
                continue  # not set
            if isinstance(value, bool) and SETTINGS[key][0] is _yes_no:
                values[key] = value  # stored as true or false
                continue
            if isinstance(value, str):
                try:
                    values[key] = SETTINGS[key][0](value)
                    continue
                except ValueError:
                    pass
            ignored.append(key)
        elif key == "routine":
            if usable_routine(value):
                values[key] = list(value)
            else:
                ignored.append(key)
        # any other key (from a newer mindlog, say) stays in the file, unused
    return values, ignored


def _damaged(path: Path) -> str:
    return f"{path} is damaged; using the default settings"


def load(where: Locations) -> Config:
    path = where.config_file
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return Config()  # no settings yet (a home that cannot exist is reported when it is written)
    except OSError as exc:
        return Config(problem=f"cannot read {path}: {exc.strerror}")
    try:
        data = jsonfile.parse(raw)
    except ValueError:
        return Config(problem=_damaged(path))
    if not isinstance(data, dict):
        return Config(problem=_damaged(path))
    values, ignored = checked(data)
    problem = None
    if ignored:
        names = ", ".join(ignored)
        one = len(ignored) == 1
        problem = (
            f"{'a setting' if one else 'some settings'} in {path} could not be used ({names}); "
            f"{'its default is' if one else 'their defaults are'} used instead"
        )
    return Config(values=values, problem=problem, ignored=ignored)


def update(where: Locations, change: Callable[[dict[str, Any]], None]) -> Config:
    """Read the settings file, let ``change`` change its object, write it back, under one lock.

    Two mindlogs changing settings at once both keep their change. Values mindlog does not know
    or cannot use stay in the file as they are. A file that is not a JSON object is never
    overwritten: StoreError says so, and nothing is changed.
    """
    path = where.config_file

    def apply(data: Any) -> Any:
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise jsonfile.Damaged(f"{path} is damaged")
        change(data)
        return data

    try:
        data = jsonfile.update(path, apply, sort_keys=True)
    except jsonfile.Damaged:
        raise StoreError(
            f"{path} is damaged; it is kept as it is, and nothing was changed",
            "fix or move it away before changing settings",
        ) from None
    values, ignored = checked(data)
    return Config(values=values, ignored=ignored)


def routine_in(data: dict[str, Any], where: Locations) -> list[str]:
    """The routine in the settings file's object (the default when it has none).

    A routine of the wrong kind is never replaced by a change: StoreError says so.
    """
    items = data.get("routine")
    if items is None:
        return list(DEFAULT_ROUTINE)
    if not usable_routine(items):
        raise StoreError(
            f"the routine in {where.config_file} is not a list of lines; it is kept as it is, "
            "and nothing was changed",
            "fix it, or take the routine out of the file to start again from the usual one",
        )
    return list(items)


def set_value(config: Config, key: str, raw: str) -> Any:
    """Validate one setting (ValueError with a message for the person) and set it in ``config``."""
    value = check_value(key, raw)
    config.values[key] = value
    return value


def check_value(key: str, raw: str) -> Any:
    """The value to store for ``key`` typed as ``raw``; ValueError with a message if unusable."""
    if key not in SETTINGS:
        known = ", ".join(sorted(SETTINGS))
        raise ValueError(f"there is no setting {key!r}; the settings are: {known}")
    return SETTINGS[key][0](raw)
