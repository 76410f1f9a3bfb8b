"""Plain lines for the terminal, without rich: the fast path for short replies and errors.

Every string passed here is made safe first (control characters and escape sequences are shown,
never sent to the terminal). Longer views are drawn by mindlog.render.
"""

from __future__ import annotations

import sys
from typing import TextIO

from mindlog.safe import visible


def say(line: str = "") -> None:
    """One line (or a few) on standard output."""
    write(sys.stdout, visible(line) + "\n")


def note(line: str) -> None:
    """A line on standard error that is not the command's result (a warning, a hint)."""
    write(sys.stderr, "mindlog: " + visible(line, newlines=False) + "\n")


def write(stream: TextIO, text: str) -> None:
    """Write ``text``; characters the terminal's encoding cannot show are written as escapes."""
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


def error(message: str, hint: str | None = None) -> None:
    """The one line a person sees when a command cannot do what was asked."""
    line = message if not hint else f"{message} ({hint})"
    note(line)
