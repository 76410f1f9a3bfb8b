"""`mindlog config`: show, set and unset a setting."""

from __future__ import annotations

from typing import Annotated

import typer

from mindlog.cli.app import Session, command, fail
from mindlog.cli.data import complete_keys
from mindlog.domain.personal import JOURNAL_SETTINGS
from mindlog.render import out
from mindlog.store import config as settings
from mindlog.usecases import personal, reading

_span = reading.span
_line = reading.line


def _shown(value: object) -> str:
    """A setting's value as a person types it: a yes-or-no setting as yes or no, never True."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "not set" if value is None else str(value)


@command(
    "config",
    help=(
        "Show or change your settings.\n\n"
        "With no KEY: every setting, its value and what it does. With KEY: its value. "
        "With KEY and VALUE: sets it (checked first). --unset KEY returns it to its default.\n\n"
        "Examples:  mindlog config    ·  mindlog config day_starts_at 05:00    ·  "
        "mindlog config country GB    ·  mindlog config --unset editor"
    ),
)
def config_command(
    key: Annotated[
        str | None,
        typer.Argument(
            metavar="[KEY]",
            help="A setting's name.",
            show_default=False,
            autocompletion=complete_keys,
        ),
    ] = None,
    value: Annotated[
        str | None, typer.Argument(metavar="[VALUE]", help="Its new value.", show_default=False)
    ] = None,
    unset: Annotated[
        str | None,
        typer.Option(
            "--unset",
            metavar="KEY",
            help="Return a setting to its default.",
            autocompletion=complete_keys,
        ),
    ] = None,
) -> None:
    session = Session()
    current = session.config
    if unset is not None:
        if key is not None:
            raise fail("give either KEY [VALUE] or --unset KEY, not both")
        _known(unset)
        if unset in JOURNAL_SETTINGS:
            personal.set_setting(session, unset, None)
        else:
            settings.update(session.where, lambda data: data.pop(unset, None))
        default = settings.SETTINGS[unset][1]
        out.say(f"{unset} is back to its default ({_shown(default)}).")
        return
    if key is None:
        width = max(len(k) for k in settings.SETTINGS)
        for name, (_, default, about) in settings.SETTINGS.items():
            shown = _shown(current.get(name))
            mark = "" if name in current.values or default is None else " (default)"
            out.say(f"{name:<{width}}  {shown}{mark}")
            changed = name in current.values and default is not None
            out.say(
                f"{'':<{width}}  {about}" + (f" (default {_shown(default)})" if changed else "")
            )
        out.say(f"\nSettings live in {session.where.config_file}")
        out.say("day_starts_at, country and greet_private are kept in your journal too.")
        _accessible_told()
        return
    _known(key)
    if value is None:
        setting = current.get(key)
        if setting is None:
            out.note(f"{key} is not set")
            return
        out.say(_shown(setting))
        return
    try:
        stored = settings.check_value(key, value)
    except ValueError as exc:
        raise fail(f"{exc}; nothing was changed") from None
    if key in JOURNAL_SETTINGS:
        personal.set_setting(session, key, stored)
    else:
        settings.update(session.where, lambda data: data.update({key: stored}))
    extra = " Entries already written keep their days." if key == "day_starts_at" else ""
    said = value.strip().lower() if isinstance(stored, bool) else _shown(stored)  # yes, on, true
    out.say(f"{key} is now {said}.{extra}")


def _known(key: str) -> None:
    if key in settings.SETTINGS:
        return
    if key == "routine":
        raise fail("the routine is changed with mindlog routine", "see mindlog routine --help")
    known = ", ".join(settings.SETTINGS)
    raise fail(f"there is no setting {key!r}; the settings are: {known}")


def _accessible_told() -> None:
    """When ACCESSIBLE or MINDLOG_ACCESSIBLE is set, it decides over the setting: say so."""
    import os

    from mindlog.cli import access

    said = access.told(os.environ)
    if said is not None:
        names = " or ".join(n for n in access.VARIABLES if n in os.environ)
        mode = "on" if said else "off"
        out.say(f"{names} is set in this terminal: the accessible mode is {mode} here.")
