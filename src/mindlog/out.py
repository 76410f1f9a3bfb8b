"""Plain lines for the terminal, without rich: the fast path for short replies and errors.

Every string passed here is made safe first (control characters and escape sequences are shown,
never sent to the terminal). Longer views are drawn by mindlog.render.
"""

from __future__ import annotations

import sys

from mindlog.safe import visible


def say(line: str = "") -> None:
    """One line (or a few) on standard output."""
    sys.stdout.write(visible(line) + "\n")
    sys.stdout.flush()


def note(line: str) -> None:
    """A line on standard error that is not the command's result (a warning, a hint)."""
    sys.stderr.write("mindlog: " + visible(line, newlines=False) + "\n")
    sys.stderr.flush()


def error(message: str, hint: str | None = None) -> None:
    """The one line a person sees when a command cannot do what was asked."""
    line = message if not hint else f"{message} ({hint})"
    note(line)
