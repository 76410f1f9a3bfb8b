"""Long output on a terminal through a pager (``less -FRX`` unless the person chose another), as
git does: a listing longer than the screen opens at its start, to scroll and search, and the
shell's prompt comes back where it was.

Only on a real terminal: piped or redirected output never goes through a pager. The text is
handed over as it is drawn, so the pager shows the first screen of a long history at once. When
the pager cannot be started, the text is printed as it would be without one; when the person
leaves the pager before the end, the rest is not drawn. Ctrl-C belongs to the pager while it
runs (less uses it to stop a search), as in git.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING

from mindlog.domain.typed import whole
from mindlog.render import out

if TYPE_CHECKING:
    from subprocess import Popen

# A command with one of these is run by the shell (as git runs a pager); else it is split into
# words and started directly, so that a pager that is not installed is known at once.
SHELL_MARKS = set("|&;<>()$`\\*?[]{}#~=%!")
CANNOT_START = (126, 127)  # the shell's answer when it cannot find or run the command
KEPT = 1 << 20  # characters handed to a pager that are kept, in case it could not run


def page(texts: Iterable[str], command: str | None) -> None:
    """Write ``texts`` to standard output; through ``command`` (a pager) when they take more
    lines than the terminal has rows. None: never through a pager."""
    stream = sys.stdout
    rows = None if command is None else screen_rows(stream)
    parts = iter(texts)
    if rows is None or command is None:
        for text in parts:
            out.write(stream, text)
        return
    head: list[str] = []
    lines = 0
    for text in parts:
        head.append(text)
        lines += text.count("\n")
        if lines >= rows:  # more than a screen (the prompt takes a row of it)
            break
    else:
        out.write(stream, "".join(head))
        return
    stream.flush()
    pager = start(command)
    if pager is not None:
        back = through(pager, itertools.chain(["".join(head)], parts))
        if back is None:
            return
        head = back
    out.write(stream, "".join(head))
    for text in parts:
        out.write(stream, text)


def screen_rows(stream: IO[str]) -> int | None:
    """The rows of the terminal ``stream`` writes to (``LINES`` first); None when it is not a
    terminal."""
    try:
        if not stream.isatty():
            return None
        fd = stream.fileno()
    except (AttributeError, ValueError, OSError):
        return None
    told = whole(os.environ.get("LINES", ""), 1)  # the digits 0 to 9 only
    if told is not None:
        return told
    try:
        rows = os.get_terminal_size(fd).lines
    except (OSError, ValueError):
        return None
    return rows if rows > 0 else None


def start(command: str) -> Popen[bytes] | None:
    """The pager started, reading from a pipe; None when it cannot be started."""
    import shlex
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # as git: leave at once when it all fits, keep colours
    env.setdefault("LV", "-c")
    words: list[str] = []
    if not SHELL_MARKS & set(command):
        with contextlib.suppress(ValueError):  # an unclosed quote: the shell says what it is
            words = shlex.split(command)
    argv = words or ["/bin/sh", "-c", command]
    try:
        return subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def through(pager: Popen[bytes], texts: Iterator[str]) -> list[str] | None:
    """Hand ``texts`` to ``pager`` and wait until the person leaves it. When the pager could not
    run at all (the shell found no such command), the texts it was handed are given back to be
    printed (the rest of ``texts`` is still in ``texts``); else None."""
    import signal

    assert pager.stdin is not None
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        ignored = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: nothing to set aside
        ignored = None
    # What was handed over, while it is less than a pipe can hold unread: a pager that took
    # more than that is running.
    handed: list[str] | None = []
    size = 0
    try:
        try:
            for text in texts:
                if handed is not None:
                    handed.append(text)
                    size += len(text)
                    if size > KEPT:
                        handed = None
                pager.stdin.write(_encoded(text, encoding))
        except BrokenPipeError:
            pass  # the person left the pager: the rest is not needed
        with contextlib.suppress(OSError):
            pager.stdin.close()
        pager.wait()
    finally:
        if ignored is not None:
            signal.signal(signal.SIGINT, ignored)
    return handed if pager.returncode in CANNOT_START else None


def _encoded(text: str, encoding: str) -> bytes:
    if not encoding.lower().replace("-", "").startswith("utf"):
        text = out.degrade(text, encoding)
    return text.encode(encoding, "backslashreplace")
