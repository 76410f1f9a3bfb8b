"""The accessible mode's one switch, read once when a command starts (docs/accessibility.md).

``MINDLOG_ACCESSIBLE`` or ``ACCESSIBLE`` in the environment (the convention of huh, clack and
click-extra), or else this computer's setting ``accessible`` (``mindlog config accessible true``).
A variable that is set decides, MINDLOG_ACCESSIBLE first: ``0``, ``false``, ``no``, ``off`` or
nothing at all turn the mode off (for one command, whatever the setting says), any other value
turns it on. The answer goes to mindlog.render.out.set_linear, where every view finds it
(the setting is read when a view first asks, so help piped to a file never reads it).

The setting is read from config.json only when no variable decides, and never needs the
journal: a screen reader belongs to a computer, not to the person's entries (the setting is
this computer's, like the editor; mindlog.domain.personal.JOURNAL_SETTINGS leaves it out).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from mindlog.domain.errors import MindlogError

VARIABLES = ("MINDLOG_ACCESSIBLE", "ACCESSIBLE")
FALSEY = ("", "0", "false", "no", "off")


def told(environ: Mapping[str, str]) -> bool | None:
    """What the environment says: True, False, or None when no variable is set."""
    for name in VARIABLES:
        if name in environ:
            return environ[name].strip().lower() not in FALSEY
    return None


def from_settings() -> bool:
    """This computer's setting ``accessible``; off when the settings cannot be read (the command
    itself says why, once)."""
    try:
        from mindlog.store import config
        from mindlog.store.paths import locations

        return config.load(locations()).get("accessible") is True
    except (MindlogError, OSError, ValueError):  # the command that follows says what it is
        return False


def switch() -> None:
    """Decide for this command and tell the render layer: the variables now; the setting, when
    no variable decides, only once a view first asks (mindlog.render.out.linear)."""
    from mindlog.render import out

    said = told(os.environ)
    out.set_linear(from_settings if said is None else said)
