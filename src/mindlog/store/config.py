"""Settings, kept as JSON in the config folder and written atomically.

Each setting has a validator that turns what the person typed into the stored value or raises
ValueError with a message meant for them. A damaged settings file never stops mindlog: the
defaults are used and ``problem`` says why. The same check runs on what is read: a value of the
wrong kind (an editor that is a number, a routine that is not a list of lines, a file synced from
elsewhere) is ignored with one note and its default used, never a traceback. Changes go through
``update``: read, change and write under one lock, so that parallel changes are all kept.

The personal settings (country, day_starts_at, greet_private) and the routine are now kept in
the journal (mindlog.usecases.personal, which takes them in from here once); config.json keeps
this computer's own settings and a copy of the personal ones. What follows is how earlier
versions kept the routine, still read so that it can be taken in.

The morning routine holds the person's words. Beside a plain journal it is a setting in
config.json, as always. Once the journal is encrypted it lives in ``routine.json`` in the data
folder instead, sealed like the support plan and boosts (mindlog.store.jsonfile; ``mindlog encrypt``
moves it there and ``mindlog decrypt`` moves it back): reading it needs the key, and an item
added while the journal is locked waits sealed beside it. ``Config.routine`` reads it only when
it is asked for, so commands that do not show the routine never need the key for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from pathlib import Path

from mindlog.domain.days import DEFAULT_DAY_START, DateError, parse_day_start
from mindlog.domain.errors import MindlogError, StoreError
from mindlog.domain.record import field, record
from mindlog.domain.typed import digits_hint, whole
from mindlog.store import jsonfile
from mindlog.store.paths import Locations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (domain/record.py)
if TYPE_CHECKING:
    from typing import Any

ROUTINE_FILE = "routine.json"  # the routine of an encrypted journal, sealed (see the module)

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
    from mindlog.domain.countries import country_code

    return country_code(value)


def _yes_no(value: str) -> bool:
    word = value.strip().lower()
    if word in ("true", "yes", "on", "1"):
        return True
    if word in ("false", "no", "off", "0"):
        return False
    raise ValueError(f"{value.strip()!r} is not yes or no")


def _editor(value: str) -> str:
    if not value.strip():
        raise ValueError("the editor cannot be empty")
    return value.strip()


def _quiet_hours(value: str) -> str:
    from mindlog.domain.reminders import read_quiet_hours

    start, end = read_quiet_hours(value)
    return f"{start.hour:02d}:{start.minute:02d}-{end.hour:02d}:{end.minute:02d}"


NO_PAGER = "off"  # the pager setting that means none (mindlog.usecases.paging)


def _pager(value: str) -> str:
    command = value.strip()
    if not command:
        raise ValueError("the pager cannot be empty (off: no pager)")
    if command.lower() in ("off", "no", "false", "none", "0"):
        return NO_PAGER
    return command


def _minutes(value: str) -> str:
    minutes = whole(value, 1, 10080)
    if minutes is None:
        raise ValueError(
            f"{value!r} is not a number of minutes from 1 to 10080 (a week){digits_hint(value)}"
        )
    return str(minutes)


# key -> (validator, default, one-line description)
SETTINGS: dict[str, tuple[Callable[[str], Any], Any, str]] = {
    "day_starts_at": (
        _day_start,
        "04:00",
        "when a new day begins (HH:MM); earlier counts as the day before",
    ),
    "country": (_country, None, "two-letter country code, for where mindlog support points"),
    "editor": (_editor, None, "the editor for longer texts (else $VISUAL, then $EDITOR)"),
    "pager": (
        _pager,
        None,
        "the pager for long lists on a terminal (else $PAGER, then less -FRX); off: none",
    ),
    "unlock_minutes": (
        _minutes,
        "720",
        "how long mindlog unlock keeps an encrypted journal open on this computer",
    ),
    "accessible": (
        _yes_no,
        False,
        "yes: linear text for screen readers on this computer (mindlog help accessibility)",
    ),
    "greet_private": (
        _yes_no,
        False,
        "yes: the login greeting shows numbers only, none of your words (for shared screens)",
    ),
    "quiet_hours": (
        _quiet_hours,
        None,
        "when reminders stay silent on this computer, such as 22:00-08:00",
    ),
}


@record
class Config:
    """The usable settings: every value in ``values`` passed its check (the routine is a list of
    text); a value of the wrong kind is left out (the default is used) and named in ``ignored``.
    ``problem`` is one line for the person when the file or a value in it cannot be used."""

    values: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None
    ignored: list[str] = field(default_factory=list)
    where: Locations | None = None  # where a sealed routine is looked for (None: nowhere)
    _routine: list[str] | None = field(default=None, repr=False, compare=False)

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
        """The routine's items. An encrypted journal's is opened from routine.json (on a
        terminal the passphrase may be asked for; keys.LockedError when it cannot be opened)."""
        if self._routine is None:
            sealed = sealed_routine(self.where) if self.where is not None else None
            items: Any = self.values.get("routine") if sealed is None else sealed
            self._routine = list(items) if usable_routine(items) else list(DEFAULT_ROUTINE)
        return list(self._routine)


def routine_file(where: Locations) -> Path:
    return where.data / ROUTINE_FILE


def sealed_routine(where: Locations, *, asking: bool = True) -> list[str] | None:
    """The routine kept in routine.json (None when there is none, or it cannot be used: the file
    is then kept as it is, and the setting or the usual routine is used). keys.LockedError when
    it is sealed and the key is not unlocked (``asking``: on a terminal, asked for)."""
    path = routine_file(where)
    if not path.exists():
        return None
    try:
        items = jsonfile.read(path, asking=asking)
    except jsonfile.Damaged:
        return None
    return list(items) if usable_routine(items) else None


def routine_unless_locked(config: Config) -> list[str] | None:
    """``config.routine``, or None when it is sealed and the journal is locked here (never asks:
    for writes, which never need the passphrase)."""
    if config.where is None or not routine_file(config.where).exists():
        return config.routine
    try:
        sealed_routine(config.where, asking=False)  # opened once: the key is then known here
    except MindlogError as exc:
        if type(exc).__name__ != "LockedError":  # mindlog.store.keys is loaded only when needed
            raise
        return None
    return config.routine


def update_routine(
    where: Locations, change: Callable[[list[str]], list[str]], *, adding: bool = False
) -> list[str] | None:
    """Change the routine where it lives (config.json, or routine.json once the journal is
    encrypted), under its file's lock; returns the new routine.

    ``change`` is given the routine as it is. On an encrypted journal that is locked, a change
    that only adds (``adding``) is kept sealed beside routine.json and None is returned:
    ``change`` is then given an empty routine, and only what it adds is kept; any other change
    needs the key (keys.LockedError).
    """
    from mindlog.store.format import sealed_journal

    path = routine_file(where)
    if not path.exists() and not sealed_journal(where.journal):
        found: list[list[str]] = []

        def in_settings(data: dict[str, Any]) -> None:
            data["routine"] = change(routine_in(data, where))
            found.append(data["routine"])

        update(where, in_settings)
        return found[0]
    seal_routine(where)  # a routine still in config.json (set on this device before): moved first
    existing = path.exists()

    def in_file(current: Any) -> Any:
        if current is None and existing:  # locked: only what is added is kept, sealed
            return [item for item in change([]) if isinstance(item, str)]
        if current is None:  # the first change after encryption: from the setting or the usual
            current = load(where).values.get("routine", DEFAULT_ROUTINE)
        if not usable_routine(current):
            raise StoreError(
                f"the routine in {path} is not a list of lines; it is kept as it is, and nothing "
                "was changed"
            )
        return change(list(current))

    try:
        value = jsonfile.update(path, in_file, additive=adding)
    except jsonfile.Damaged:
        raise StoreError(
            f"{path} is damaged; it is kept as it is, and nothing was changed",
            "fix or move it away before changing the routine",
        ) from None
    return None if value is None else list(value)


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
        return Config(where=where)  # no settings yet (a home that cannot exist: said on writing)
    except OSError as exc:
        return Config(problem=f"cannot read {path}: {exc.strerror}", where=where)
    try:
        data = jsonfile.parse(raw)
    except ValueError:
        return Config(problem=_damaged(path), where=where)
    if not isinstance(data, dict):
        return Config(problem=_damaged(path), where=where)
    values, ignored = checked(data)
    problem = None
    if ignored:
        names = ", ".join(ignored)
        one = len(ignored) == 1
        problem = (
            f"{'a setting' if one else 'some settings'} in {path} could not be used ({names}); "
            f"{'its default is' if one else 'their defaults are'} used instead"
        )
    return Config(values=values, problem=problem, ignored=ignored, where=where)


def seal_routine(where: Locations) -> None:
    """Move the routine out of config.json into routine.json (``mindlog encrypt``, once the
    journal says it is encrypted, so that it is written sealed). Written there first, then taken
    out of the settings: never lost on the way. A routine.json already there (made on another
    device) keeps its items, and gains those it lacked. Needs no key."""
    data = load(where)
    items: Any = data.values.get("routine")
    if not usable_routine(items):
        return  # none set (the usual routine), or one that cannot be used: left where it is
    # additive: on a locked journal the items wait, sealed, beside routine.json (no key needed)
    jsonfile.update(
        routine_file(where), lambda current: jsonfile.merge(current, list(items)), additive=True
    )

    def without(found: dict[str, Any]) -> None:
        found.pop("routine", None)

    update(where, without)


def unseal_routine(where: Locations) -> None:
    """Move the routine back from routine.json into config.json (``mindlog decrypt``, with the
    key): written to the settings first, then routine.json and what waits beside it removed."""
    path = routine_file(where)
    items = sealed_routine(where)  # with the additions made while locked
    if items is None:
        return  # none, or damaged: a damaged file is kept as it is

    def put(found: dict[str, Any]) -> None:
        found["routine"] = items

    update(where, put)
    for leftover in (path, path.with_name(f".{path.name}.pending")):
        leftover.unlink(missing_ok=True)


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
